// The e2e tests drive Debian's Chromium (Playwright's own browser download cannot work
// offline/behind the registry-only network). Find it, or install it when we can.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot) {
  console.log('e2e: Chromium not found; installing Debian\'s chromium with apt-get ...');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } catch {
    console.error('e2e: apt-get install chromium failed.');
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}
console.error(
  'e2e: no Chromium found. Install Debian\'s chromium as root:\n' +
    '    sudo apt-get update && sudo apt-get install -y chromium\n' +
    'or point CHROMIUM_PATH at a Chromium/Chrome binary, then run the tests again.',
);
process.exit(1);
