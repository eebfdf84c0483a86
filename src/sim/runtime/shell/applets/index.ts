// The busybox applet table. Every applet lives in /bin in the busybox image, which is what
// `which` reports and what `/bin/NAME` resolves to.

import type { Applet } from '../types.ts';
import * as basic from './basic.ts';
import * as disk from './disk.ts';
import * as files from './files.ts';
import * as net from './net.ts';
import * as proc from './proc.ts';
import { out } from './util.ts';

const noop: Applet = () => 0;

/** An applet by name: the core table's, or one installed beside it (ShellOptions.applets). */
export function appletNamed(name: string, more: ReadonlyMap<string, Applet> | undefined): Applet | undefined {
  return APPLETS[name] ?? more?.get(name);
}

export const APPLETS: Record<string, Applet> = {
  echo: basic.echo,
  printf: basic.printf,
  sleep: basic.sleep,
  test: basic.test,
  '[': basic.test,
  '[[': basic.test,
  true: () => 0,
  false: () => 1,
  seq: basic.seq,
  hostname: basic.hostname,
  env: basic.env,
  printenv: basic.printenv,
  date: basic.date,
  basename: basic.basename,
  dirname: basic.dirname,
  uname: basic.uname,
  id: basic.id,
  whoami: basic.whoami,
  sh: basic.sh,
  ash: basic.sh,
  pwd: (_argv, env) => {
    out(env, `${env.ctx.cwd}\n`);
    return 0;
  },
  cat: files.cat,
  df: disk.df,
  head: files.head,
  tail: files.tail,
  kill: proc.kill,
  ps: proc.ps,
  touch: files.touch,
  rm: files.rm,
  mkdir: files.mkdir,
  rmdir: files.rmdir,
  cp: files.cp,
  mv: files.mv,
  ls: files.ls,
  wc: files.wc,
  grep: files.grep,
  egrep: files.grep,
  tee: files.tee,
  sort: files.sort,
  uniq: files.uniq,
  tr: files.tr,
  cut: files.cut,
  nslookup: net.nslookup,
  wget: net.wget,
  nc: net.nc,
  chmod: noop,
  chown: noop,
  sync: noop,
  which: (argv, env) => {
    let status = 0;
    for (const name of argv.slice(1)) {
      if (APPLETS[name]) out(env, `/bin/${name}\n`);
      else status = 1;
    }
    return status;
  },
  busybox: (argv, env) => {
    if (argv.length < 2) {
      out(env, `BusyBox v${env.version}.1 multi-call binary.\n`);
      return 0;
    }
    if (argv[1] === '--list') {
      out(env, `${Object.keys(APPLETS).sort().join('\n')}\n`);
      return 0;
    }
    return env.spawn(argv.slice(1));
  },
};
// A command name is whatever was typed: `constructor` or `__proto__` must not find Object's.
Object.setPrototypeOf(APPLETS, null);
