// Golden transcripts: every script under tests/transcripts/<name>/script.sh runs on a fresh
// cluster (seed 1) and must print exactly tests/transcripts/<name>/expected.txt. The goldens
// are reviewed by eye against the seed articles; regenerate with UPDATE_GOLDEN=1 and read the
// diff before committing.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../src/sim/cluster.ts';
import { Session } from '../src/sim/runner/session.ts';
import { KUBECTL } from '../src/sim/kubectl/tool.ts';

const root = resolve(import.meta.dirname, 'transcripts');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'script.sh')))
  .map((d) => d.name)
  .sort();

export function runTranscript(dir: string, seed = 1): string {
  const cluster = createCluster({ seed });
  const session = new Session(cluster, { kubectl: KUBECTL,
    readFile: (p) => {
      try {
        return readFileSync(resolve(dir, p), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return session.runScript(readFileSync(join(dir, 'script.sh'), 'utf8'));
}

describe('golden transcripts', () => {
  it.each(cases)('%s', (name) => {
    const dir = join(root, name);
    const actual = runTranscript(dir);
    const goldenPath = join(dir, 'expected.txt');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(goldenPath, actual);
    if (!existsSync(goldenPath)) throw new Error(`${name}: no expected.txt; run UPDATE_GOLDEN=1 npx vitest run tests/transcripts.test.ts and review it`);
    expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it('is deterministic: the same seed gives the same transcript', () => {
    const dir = join(root, cases[0]!);
    expect(runTranscript(dir, 7)).toBe(runTranscript(dir, 7));
  });
});
