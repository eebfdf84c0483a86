// The kubectl command contract. A command parses its flags, then runs as a generator so that
// commands which wait on a real cluster (logs -f, get -w, delete, run --rm -i, wait) can wait
// on the virtual clock: the caller advances simulated time when the command yields.

import type { Cluster } from '../cluster.ts';
import type { Wait } from '../runtime/process.ts';
import type { FlagSpec, Parsed } from './flags.ts';
import type { KubeConfig } from './kubeconfig.ts';

export type Job = Generator<Wait, number, void>;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface KubectlEnv {
  cluster: Cluster;
  /** Read a file named by `-f` (relative paths resolved by the caller: the script folder, the workspace). */
  readFile(path: string): string | undefined;
  /** Text on stdin, for `-f -` (a heredoc in a script). */
  stdin?: string;
  /** The namespace of the current context. */
  namespace: string;
  /** The caller's kubeconfig, which `kubectl config` reads and changes (none: a fresh one). */
  kubeconfig?: KubeConfig;
  /**
   * How long a streaming command (logs -f, get -w) may run before the caller stops it, in
   * ms; the runner sets it from --request-timeout or a default so transcripts end.
   */
  streamLimitMs?: number;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help` and the terminal's completion. */
  short: string;
  flags: FlagSpec[];
  run(env: KubectlEnv, p: Parsed, o: Output): Job;
}

/** A command body that never waits. */
export function* done(code: number): Job {
  return code;
}

/**
 * cmdutil.UsageErrorf as kubectl prints it: the message, then where to find help. `path` is
 * the command after "kubectl" ("taint", "config set-context"). Returns the exit code, 1.
 */
export function usageError(o: Output, path: string, msg: string): number {
  o.err(`error: ${msg}\nSee 'kubectl ${path} -h' for help and examples\n`);
  return 1;
}
