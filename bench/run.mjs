// npm run bench: every figure the issues ask for, as one table.
// 1. The simulator in Node (bench/bench.ts), bundled the way the app ships it.
// 2. The page in headless Chromium on the local preview build (bench/ui.mjs).
// 3. The soak (bench/soak.ts: 24 simulated hours, heap at 1, 6 and 24 h) and the long fuzz
//    (bench/fuzz.ts: 100,000 cases per input surface), in Node with --expose-gc.
// Usage: npm run bench            (everything, about 10 minutes on 2 cores)
//        npm run bench -- --sim   (simulator speed)   --ui (the page)   --soak   --fuzz
//        KUBELAB_FUZZ_CASES=2000 npm run bench -- --fuzz   (a quick fuzz)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchUi } from './ui.mjs';

const PARTS = ['sim', 'ui', 'soak', 'fuzz'];
const only = PARTS.find((p) => process.argv.includes(`--${p}`)) ?? 'all';
const want = (part) => only === 'all' || only === part;
const rows = [];

if (want('sim')) {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const out = join(dir, 'bench.cjs');
  try {
    await build({ entryPoints: ['bench/bench.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
    const text = execFileSync(process.execPath, [out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    rows.push(...JSON.parse(text.trim().split('\n').pop()).rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (want('ui')) rows.push(...(await benchUi()));
for (const part of ['soak', 'fuzz']) {
  if (!want(part)) continue;
  const text = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${part}.ts`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  rows.push(...JSON.parse(text.trim().split('\n').pop()).rows);
}

const w0 = Math.max(...rows.map((r) => r.figure.length));
const w1 = Math.max(...rows.map((r) => r.value.length));
console.log(`${'figure'.padEnd(w0)}  ${'value'.padEnd(w1)}  target`);
for (const r of rows) console.log(`${r.figure.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.target}`);
