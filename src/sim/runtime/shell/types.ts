import type { Proc, ProcessContext } from '../process.ts';
import type { Stdin } from './io.ts';

export type ExtraCommand = (argv: string[], ctx: ProcessContext) => Proc;

export interface ShellOptions {
  /** Binaries an image adds beside busybox (nginx, redis-cli ...), by name or absolute path. */
  extraCommands?: Map<string, ExtraCommand>;
  /** The image's busybox version, e.g. '1.28' or '1.36'; it changes nslookup's output. */
  busyboxVersion?: string;
  /** Commands run without any wait before the shell yields 1 ms so virtual time moves. */
  maxStepsBeforeYield?: number;
  /** $$ of the shell (1 when it is the container's main process). */
  pid?: number;
  /** busybox applets the image does not have (a Debian-based image has no ps). */
  missing?: ReadonlySet<string>;
  /**
   * Applets beyond the core table, installed with kubectl's chunk (awk, sed, xargs: see
   * kubectl/tool.ts). No user command can run before that chunk, so no container misses them.
   */
  applets?: ReadonlyMap<string, Applet>;
}

/** What an applet sees: a process context wired to its own fds, plus fd 0. */
export interface AppletEnv {
  ctx: ProcessContext;
  stdin: Stdin;
  /** busybox version, e.g. '1.36'. */
  version: string;
  /** Run another command as a child process (`busybox sh`, `env VAR=x cmd`), optionally with its own environment. */
  spawn(argv: string[], env?: Map<string, string>): Proc | number;
}

/** A busybox applet: a plain function when it never waits, a generator when it does. */
export type Applet = (argv: string[], env: AppletEnv) => Proc | number;

export const DEFAULT_BUSYBOX_VERSION = '1.36';
// A shell runs at most this many commands per simulated millisecond (100,000 a second, about
// what busybox sh manages): a loop without a sleep costs the simulation time, not the page.
export const DEFAULT_MAX_STEPS = 100;
