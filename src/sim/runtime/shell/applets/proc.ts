// Process applets: busybox kill. A container's only process visible by PID is its main
// process, PID 1; what a signal does to it is the kernel's and the kubelet's business
// (ProcessContext.signal), so kill only parses and reports.

import type { Applet } from '../types.ts';
import { err, getopt, out } from './util.ts';

/** busybox's signal table (libbb/u_signal_names.c) on Linux x86-64, by number. */
const SIGNALS: readonly string[] = [
  '', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];
const RTMIN = 34;
const RTMAX = 64;

/** get_signum: a number, a name, or SIG+name; IOT, CLD and POLL are aliases busybox knows. */
export function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= RTMAX ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  const alias: Record<string, number> = { IOT: 6, CLD: 17, POLL: 29, RTMIN, RTMAX };
  if (alias[name] !== undefined) return alias[name];
  const i = SIGNALS.indexOf(name);
  return i > 0 ? i : undefined;
}

function signalName(n: number): string | undefined {
  if (n === RTMIN) return 'RTMIN';
  if (n === RTMAX) return 'RTMAX';
  return SIGNALS[n] || undefined;
}

/** busybox kill [-l [SIG]] [-SIG | -s SIG | -n NUM] PID... */
export const kill: Applet = (argv, env) => {
  let i = 1;
  let sig = 15;
  const a1 = argv[1];
  if (a1 === undefined) {
    env.ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
    return 1;
  }
  if (a1 === '-l') {
    const rest = argv.slice(2);
    if (rest.length === 0) {
      let text = '';
      for (let n = 1; n < SIGNALS.length; n++) text += `${String(n).padStart(2)}) ${SIGNALS[n]}\n`;
      text += `${RTMIN}) RTMIN\n${RTMAX}) RTMAX\n`;
      out(env, text);
      return 0;
    }
    for (const s of rest) {
      // A number prints its name, a name its number (exit statuses above 128 count as signals).
      const n = /^\d+$/.test(s) ? Number(s) & 0x7f : undefined;
      const name = n !== undefined ? signalName(n) : undefined;
      const num = n === undefined ? signalNumber(s) : undefined;
      if (name === undefined && num === undefined) {
        err(env, 'kill', `bad signal name '${s}'`);
        return 1;
      }
      out(env, `${name ?? num}\n`);
    }
    return 0;
  }
  if (a1 === '-s' || a1 === '-n') {
    const spec = argv[2];
    const n = spec === undefined ? undefined : signalNumber(spec);
    if (n === undefined) {
      err(env, 'kill', `bad signal name '${spec ?? ''}'`);
      return 1;
    }
    sig = n;
    i = 3;
  } else if (a1.startsWith('-') && a1 !== '--' && a1 !== '-') {
    const n = signalNumber(a1.slice(1));
    if (n === undefined) {
      err(env, 'kill', `bad signal name '${a1.slice(1)}'`);
      return 1;
    }
    sig = n;
    i = 2;
  }
  if (argv[i] === '--') i++;
  const pids = argv.slice(i);
  if (pids.length === 0) {
    env.ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
    return 1;
  }
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) {
      err(env, 'kill', `invalid number '${p}'`);
      status = 1;
      continue;
    }
    const pid = Number(p);
    const r = env.ctx.signal?.(pid, sig) ?? 'esrch';
    if (r === 'esrch') {
      err(env, 'kill', `can't kill pid ${pid}: No such process`);
      status = 1;
    }
  }
  return status;
};

/** Split xargs input as busybox does with quote support: blanks separate, '...' "..." and \ quote. */
export function xargsWords(text: string): string[] | string {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) return `unmatched ${quote === "'" ? 'single' : 'double'} quote`;
  if (inWord) words.push(cur);
  return words;
}

/**
 * busybox xargs [-0rt] [-n N] [-I STR] [-E STR] [PROG ARGS]: runs PROG (echo by default) with
 * the words of stdin appended, N at a time, or once per line with STR replaced (-I).
 */
export const xargs: Applet = function* (argv, env) {
  const o = getopt(env, 'xargs', argv, '0rtxn:I:E:s:', false);
  if (!o) return 1;
  const f = o.flags;
  const cmd = o.rest.length ? o.rest : ['echo'];
  const input = env.stdin.readAll();
  let items: string[];
  const replace = f.get('I');
  if (replace !== undefined) items = input.split('\n').filter((l) => l.trim() !== '');
  else if (f.has('0')) items = input.split('\0').filter((w) => w !== '');
  else {
    const words = xargsWords(input);
    if (typeof words === 'string') {
      err(env, 'xargs', words);
      return 1;
    }
    items = words;
  }
  const eof = f.get('E');
  if (eof !== undefined) {
    const at = items.indexOf(eof);
    if (at >= 0) items = items.slice(0, at);
  }
  const per = replace !== undefined ? 1 : f.has('n') ? Number(f.get('n')) : Infinity;
  if (!(per >= 1)) {
    err(env, 'xargs', `invalid number '${f.get('n') ?? ''}'`);
    return 1;
  }
  const batches: string[][] = [];
  if (replace !== undefined) for (const line of items) batches.push(cmd.map((a) => a.split(replace).join(line)));
  else for (let i = 0; i < items.length; i += per === Infinity ? Math.max(1, items.length) : per) batches.push([...cmd, ...items.slice(i, i + (per === Infinity ? items.length : per))]);
  // No input: the command still runs once, unless -r.
  if (batches.length === 0 && !f.has('r') && replace === undefined) batches.push([...cmd]);
  let status = 0;
  for (const run of batches) {
    if (f.has('t')) env.ctx.stderr(`${run.join(' ')}\n`);
    const r = env.spawn(run);
    const code = typeof r === 'number' ? r : yield* r;
    if (code === 127 || code === 126) return code;
    if (code === 255) {
      err(env, 'xargs', `${run[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (code !== 0) status = 123;
  }
  return status;
};

/**
 * busybox ps (procps/ps.c with the desktop options): PID, USER, TIME and COMMAND of the
 * processes in the container's PID namespace. Options are accepted and ignored, as busybox
 * ignores most of them (`ps aux`, `ps -ef` print the same); -o picks columns.
 */
export const ps: Applet = (argv, env) => {
  const self = argv.join(' ');
  const rows = env.ctx.processes?.(self) ?? [{ pid: 1, user: 'root', args: self }];
  let cols = ['pid', 'user', 'time', 'args'];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const spec = a === '-o' ? argv[++i] : a.startsWith('-o') ? a.slice(2) : undefined;
    if (spec === undefined) continue;
    cols = spec.split(',').map((c) => c.trim()).filter(Boolean);
    const bad = cols.find((c) => !(c in PS_COLUMNS));
    if (bad) {
      err(env, 'ps', `bad -o argument '${bad}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss`);
      return 1;
    }
  }
  const fmt = (values: string[]): string => values.map((v, k) => (k === values.length - 1 ? v : v.padEnd(PS_COLUMNS[cols[k]!]!.width))).join(' ');
  let text = fmt(cols.map((c) => PS_COLUMNS[c]!.header)) + '\n';
  for (const r of rows) text += fmt(cols.map((c) => PS_COLUMNS[c]!.value(r))) + '\n';
  out(env, text);
  return 0;
};

/** The -o columns busybox knows that the lab can fill, with busybox's widths and alignment. */
const PS_COLUMNS: Record<string, { header: string; width: number; value: (r: { pid: number; user: string; args: string }) => string }> = {
  pid: { header: 'PID', width: 5, value: (r) => String(r.pid).padStart(5) },
  ppid: { header: 'PPID', width: 5, value: (r) => String(r.pid === 1 ? 0 : 1).padStart(5) },
  user: { header: 'USER', width: 8, value: (r) => r.user.slice(0, 8) },
  ruser: { header: 'RUSER', width: 8, value: (r) => r.user.slice(0, 8) },
  time: { header: 'TIME', width: 5, value: () => ' 0:00' },
  etime: { header: 'ELAPSED', width: 7, value: () => '   0:00' },
  comm: { header: 'COMMAND', width: 16, value: (r) => (r.args.split(' ')[0] ?? '').split('/').pop()!.slice(0, 15) },
  args: { header: 'COMMAND', width: 0, value: (r) => r.args },
  stat: { header: 'STAT', width: 4, value: (r) => (r.pid === 1 ? 'S' : 'R') },
};
