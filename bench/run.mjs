// npm run bench: every figure the issues ask for, as one table.
// 1. The simulator in Node (bench/bench.ts), bundled the way the app ships it.
// 2. The page in headless Chromium on the local preview build (bench/ui.mjs).
// Usage: npm run bench            (both)
//        npm run bench -- --sim   (simulator only)   npm run bench -- --ui (page only)
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchUi } from './ui.mjs';

const only = process.argv.includes('--sim') ? 'sim' : process.argv.includes('--ui') ? 'ui' : 'all';
const rows = [];

if (only !== 'ui') {
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
if (only !== 'sim') rows.push(...(await benchUi()));

const w0 = Math.max(...rows.map((r) => r.figure.length));
const w1 = Math.max(...rows.map((r) => r.value.length));
console.log(`${'figure'.padEnd(w0)}  ${'value'.padEnd(w1)}  target`);
for (const r of rows) console.log(`${r.figure.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.target}`);
