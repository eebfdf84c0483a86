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
