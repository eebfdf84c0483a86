// Public entry points of the busybox shell: run a script, exec an argv as a container runtime
// would, and tell whether a command exists (so the kubelet can fail a container start).

import type { Proc, ProcessContext } from '../process.ts';
import { appletNamed } from './applets/index.ts';
import { Shell, isShellName } from './interp.ts';
import { parseScript } from './parser.ts';
import type { Applet, AppletEnv, ShellOptions } from './types.ts';
import { DEFAULT_BUSYBOX_VERSION } from './types.ts';
import { Stdin } from './io.ts';

export type { ShellOptions, ExtraCommand, Applet, AppletEnv } from './types.ts';
export { parseScript } from './parser.ts';

const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** Run a script as `sh -c SCRIPT` would. */
export function* runShell(script: string, ctx: ProcessContext, opts: ShellOptions = {}): Proc {
  const sh = Shell.create(ctx, opts, 'sh', [], null);
  return yield* sh.runScript(parseScript(script), sh.topIo());
}

/**
 * Exec an argv directly, as the container runtime does with command + args:
 * `sh -c 'script' [arg0 args...]`, `/bin/sh -c ...`, plain `sh` (reads an empty stdin and exits 0),
 * an applet by name or path (`echo`, `/bin/echo`), or one of the image's extra binaries.
 * An unknown command prints the runtime's exec error and returns 127; the kubelet should use
 * isKnownCommand before starting the container instead.
 */
export function* runArgv(argv: string[], ctx: ProcessContext, opts: ShellOptions = {}): Proc {
  const name = argv[0];
  if (name === undefined) return 0;
  // A plain applet (`cat /tmp/healthy` in an exec probe) needs no shell around it; probes run
  // every few seconds in every container, so skip building one.
  const direct = directApplet(name, opts);
  if (direct) {
    const env: AppletEnv = { ctx, stdin: new Stdin(''), version: opts.busyboxVersion ?? DEFAULT_BUSYBOX_VERSION, spawn: (a) => runArgv(a, ctx, opts) };
    const r = direct(argv, env);
    return typeof r === 'number' ? r : yield* r;
  }
  const sh = Shell.create(ctx, opts, name, [], null);
  const io = sh.topIo();
  if (isShellName(name) && !opts.extraCommands?.has(name) && isKnownCommand(name, opts)) {
    return yield* sh.runTop(sh.nestedShell(argv, io));
  }
  if (!isKnownCommand(name, opts) && ctx.fs.stat(name)?.kind !== 'file') {
    ctx.stderr(`exec: "${name}": executable file not found in $PATH\n`);
    return 127;
  }
  return yield* sh.runTop(sh.spawn(argv, io));
}

function directApplet(name: string, opts: ShellOptions): Applet | undefined {
  if (isShellName(name) || opts.extraCommands?.has(name)) return undefined;
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1);
  if (slash >= 0 && (!BIN_DIRS.has(name.slice(0, slash) || '/') || opts.extraCommands?.has(base))) return undefined;
  if (base === 'busybox' || base === 'env' || base === 'exec' || base === 'nohup' || base === 'timeout' || opts.missing?.has(base)) return undefined;
  return appletNamed(base, opts.applets);
}

/** Whether `name` (bare or a path) is a busybox applet, a shell, or one of the image's binaries. */
export function isKnownCommand(name: string, opts: ShellOptions = {}): boolean {
  const extras = opts.extraCommands;
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1);
  if (extras?.has(name) || (slash >= 0 && extras?.has(base))) return true;
  if (opts.missing?.has(base)) return false;
  if (slash < 0) return appletNamed(name, opts.applets) !== undefined;
  const dir = name.slice(0, slash) || '/';
  return BIN_DIRS.has(dir) && appletNamed(base, opts.applets) !== undefined;
}
