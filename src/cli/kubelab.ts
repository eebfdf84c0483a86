// The headless runner: `npm run kubelab -- run SCRIPT [--seed N]`.
// Reads a script of terminal lines, runs it against a fresh simulated cluster and prints the
// transcript. A public interface: lessons, tests and outside checks rely on its form.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import '../sim/schema/full.ts';
import { createCluster } from '../sim/cluster.ts';
import { Session } from '../sim/runner/session.ts';
import { parseDuration } from '../sim/clock.ts';
import { KUBECTL } from '../sim/kubectl/tool.ts';

const USAGE = `usage: kubelab run SCRIPT [--seed N] [--stream-limit DURATION]

Runs SCRIPT (terminal lines: kubectl ..., sleep 30s, ssh node01 ... exit, heredocs,
quoted strings over several lines, # comments) against a fresh simulated cluster and prints the transcript.
  --seed N                 seed for the cluster's randomness (default 1)
  --stream-limit DURATION  how long logs -f / get -w run before they stop (default 30s)
`;

export function main(argv: string[]): number {
  const [verb, ...rest] = argv;
  if (verb !== 'run') {
    process.stderr.write(USAGE);
    return verb === undefined || verb === '--help' || verb === '-h' ? 0 : 2;
  }
  let seed = 1;
  let streamLimitMs: number | undefined;
  let script: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--seed') seed = Number(rest[++i]);
    else if (a.startsWith('--seed=')) seed = Number(a.slice(7));
    else if (a === '--stream-limit') streamLimitMs = parseDuration(rest[++i] ?? '');
    else if (a.startsWith('--stream-limit=')) streamLimitMs = parseDuration(a.slice(15));
    else if (!script) script = a;
    else {
      process.stderr.write(`kubelab: unexpected argument ${a}\n${USAGE}`);
      return 2;
    }
  }
  if (!script) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!Number.isInteger(seed)) {
    process.stderr.write('kubelab: --seed takes an integer\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(script, 'utf8');
  } catch (e) {
    process.stderr.write(`kubelab: cannot read ${script}: ${(e as Error).message}\n`);
    return 1;
  }
  const base = dirname(resolve(script));
  const cluster = createCluster({ seed });
  const session = new Session(cluster, { kubectl: KUBECTL,
    readFile: (p) => {
      try {
        return readFileSync(resolve(base, p), 'utf8');
      } catch {
        return undefined;
      }
    },
    ...(streamLimitMs !== undefined ? { streamLimitMs } : {}),
  });
  process.stdout.write(session.runScript(text));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
