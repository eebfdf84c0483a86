// The long fuzz: every input surface (tests/fuzz/surfaces.ts) with 100,000 cases. The test run
// uses a few thousand each; this is the bench's share. Prints one JSON line {rows}.

import { performance } from 'node:perf_hooks';
import { SURFACES } from '../tests/fuzz/surfaces.ts';

const CASES = Number(process.env['KUBELAB_FUZZ_CASES'] ?? 100_000);
const rows = [];
for (const surface of SURFACES) {
  const t0 = performance.now();
  let result = 'all passed';
  try {
    await surface.run(CASES, 20261122);
  } catch (e) {
    result = `FAILED: ${String((e as Error).message).split('\n').slice(0, 3).join(' ').slice(0, 200)}`;
  }
  rows.push({ figure: `fuzz: ${surface.name}, ${CASES.toLocaleString('en-US')} cases`, value: `${result} (${((performance.now() - t0) / 1000).toFixed(0)} s)`, target: 'all passed' });
}
console.log(JSON.stringify({ rows }));
