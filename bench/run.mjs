// Bundle bench/bench.ts the way the app is shipped (one ESM-free bundle, no keep-names
// wrappers that tsx adds), then run it. Usage: npm run bench
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
const out = join(dir, 'bench.cjs');
try {
  await build({ entryPoints: ['bench/bench.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  execFileSync(process.execPath, [out], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
