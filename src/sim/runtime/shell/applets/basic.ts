// Applets that do not touch files: echo, printf, sleep, test, seq, date, env ...

import type { Proc } from '../../process.ts';
import type { Applet, AppletEnv } from '../types.ts';
import { abs, err, getopt, out, strftime } from './util.ts';

/** The escapes of `echo -e` and printf's %b; returns the text and whether \c cut it short. */
export function unescape(s: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let res = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      res += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case 'n':
        res += '\n';
        break;
      case 't':
        res += '\t';
        break;
      case 'r':
        res += '\r';
        break;
      case 'a':
        res += '\x07';
        break;
      case 'b':
        res += '\b';
        break;
      case 'f':
        res += '\f';
        break;
      case 'v':
        res += '\v';
        break;
      case 'e':
        res += '\x1b';
        break;
      case '\\':
        res += '\\';
        break;
      case 'c':
        return { text: res, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) {
          res += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else res += '\\x';
        break;
      }
      default:
        if (n >= '0' && n <= '7' && (n === '0' || !octalNeedsZero)) {
          const digits = n === '0' && octalNeedsZero ? s.slice(i + 1) : s.slice(i);
          const m = /^[0-7]{1,3}/.exec(digits);
          const v = m ? m[0] : '';
          res += String.fromCharCode(v ? parseInt(v, 8) & 255 : 0);
          i += n === '0' && octalNeedsZero ? v.length : Math.max(v.length - 1, 0);
        } else res += `\\${n}`;
    }
  }
  return { text: res, stop: false };
}

export const echo: Applet = (argv, env) => {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.charCodeAt(0) !== 45 /* - */ || !/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const r = unescape(text, true);
    text = r.text;
    if (r.stop) newline = false;
  }
  out(env, newline ? `${text}\n` : text);
  return 0;
};

function printfNumber(env: AppletEnv, s: string | undefined, state: { status: number }): number {
  if (s === undefined || s === '') return 0;
  if (/^['"]/.test(s)) return s.length > 1 ? s.charCodeAt(1) : 0;
  const t = s.trim();
  let v: number;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) v = parseInt(t, 16);
  else if (/^[-+]?0[0-7]+$/.test(t)) v = parseInt(t, 8);
  else if (/^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/.test(t)) v = Number(t);
  else {
    err(env, 'printf', `invalid number '${s}'`);
    state.status = 1;
    const m = /^[-+]?[0-9]+/.exec(t);
    return m ? Number(m[0]) : 0;
  }
  return v;
}

export const printf: Applet = (argv, env) => {
  const fmt = argv[1];
  if (fmt === undefined) {
    err(env, 'printf', 'usage: printf FORMAT [ARG]...');
    return 1;
  }
  const args = argv.slice(2);
  let ai = 0;
  const state = { status: 0 };
  let res = '';
  const spec = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXcsbfeEgG%])/y;
  do {
    let i = 0;
    while (i < fmt.length) {
      const c = fmt[i]!;
      if (c === '\\') {
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(fmt.slice(i));
        const len = m ? m[0].length : 1;
        const r = unescape(fmt.slice(i, i + len), false);
        res += r.text;
        if (r.stop) return finish();
        i += len;
        continue;
      }
      if (c !== '%') {
        res += c;
        i++;
        continue;
      }
      spec.lastIndex = i;
      const m = spec.exec(fmt);
      if (!m) {
        res += c;
        i++;
        continue;
      }
      i = spec.lastIndex;
      const [, flags = '', w, p, conv] = m;
      if (conv === '%') {
        res += '%';
        continue;
      }
      const width = w === '*' ? printfNumber(env, args[ai++], state) : w ? Number(w) : 0;
      const prec = p === '*' ? printfNumber(env, args[ai++], state) : p === undefined ? null : Number(p || 0);
      const arg = args[ai++];
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== null) s = s.slice(0, prec);
          break;
        case 'b': {
          const r = unescape(arg ?? '', true);
          s = r.text;
          if (r.stop) {
            res += pad(s, width, flags);
            return finish();
          }
          break;
        }
        case 'c':
          s = (arg ?? '').charAt(0);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const v = Math.trunc(printfNumber(env, arg, state));
          s = String(Math.abs(v));
          if (prec !== null) s = s.padStart(prec, '0');
          s = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const v = Math.trunc(printfNumber(env, arg, state));
          s = (v >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          break;
        }
        default: {
          const v = printfNumber(env, arg, state);
          const pr = prec ?? 6;
          if (conv === 'f') s = v.toFixed(pr);
          else if (conv === 'e' || conv === 'E') {
            s = v.toExponential(pr).replace(/e([+-])(\d)$/, 'e$10$2');
            if (conv === 'E') s = s.toUpperCase();
          } else s = String(Number(v.toPrecision(pr || 1)));
          if (v >= 0 && flags.includes('+')) s = `+${s}`;
        }
      }
      res += pad(s, width, flags);
    }
  } while (ai < args.length && ai > 0);
  return finish();

  function finish(): number {
    out(env, res);
    return state.status;
  }
};

function pad(s: string, width: number, flags: string): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?[0-9.]/.test(s)) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

/** busybox sleep: N[smhd], fractions, several operands summed, "inf" sleeps forever. */
function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const SLEEP_UNITS: Readonly<Record<string, number>> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleep: Applet = (argv, env) => {
  if (argv.length === 1) {
    err(env, 'sleep', 'usage: sleep [N]...');
    return 1;
  }
  let ms = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    // `sleep 5` in a loop: whole seconds need no pattern.
    if (a.length > 0 && a.length < 10 && isDigits(a)) {
      ms += Number(a) * 1000;
      continue;
    }
    if (/^inf(inity)?$/i.test(a)) return forever();
    const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(a);
    if (!m) {
      err(env, 'sleep', `invalid number '${a}'`);
      return 1;
    }
    ms += Number(m[1]) * SLEEP_UNITS[m[2]!]!;
  }
  return sleepFor(Math.round(ms));
};

function* sleepFor(ms: number): Proc {
  if (ms > 0) yield { type: 'sleep', ms };
  return 0;
}

function* forever(): Proc {
  yield { type: 'forever' };
  return 0;
}

// ------------------------------------------------------------------ test / [

class TestError {
  constructor(readonly msg: string) {}
}

export const test: Applet = (argv, env) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      env.ctx.stderr('sh: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evalTest(args, env) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      env.ctx.stderr(`sh: ${e.msg}\n`);
      return 2;
    }
    throw e;
  }
};

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-p', '-S', '-b', '-c', '-t', '-u', '-g', '-k', '-O', '-G']);
const BINARY_OPS = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-ge', '-gt', '-le', '-lt', '-nt', '-ot', '-ef']);

function evalTest(args: string[], env: AppletEnv): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      break;
    case 3:
      if (BINARY_OPS.has(args[1]!)) return binop(args[0]!, args[1]!, args[2]!, env);
      break;
    case 4:
      if (args[0] === '!' && BINARY_OPS.has(args[2]!)) return !binop(args[1]!, args[2]!, args[3]!, env);
      break;
  }
  let i = 0;
  const oexpr = (): boolean => {
    let r = aexpr();
    while (args[i] === '-o') {
      i++;
      const b = aexpr();
      r = r || b;
    }
    return r;
  };
  const aexpr = (): boolean => {
    let r = nexpr();
    while (args[i] === '-a') {
      i++;
      const b = nexpr();
      r = r && b;
    }
    return r;
  };
  const nexpr = (): boolean => {
    if (args[i] === '!') {
      i++;
      return !nexpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(') {
      i++;
      const r = oexpr();
      if (args[i] !== ')') throw new TestError('closing paren expected');
      i++;
      return r;
    }
    if (UNARY.has(a) && !BINARY_OPS.has(args[i + 1] ?? '')) {
      const operand = args[i + 1];
      if (operand === undefined) throw new TestError(`${a}: argument expected`);
      i += 2;
      return unop(a, operand, env);
    }
    const op = args[i + 1];
    if (op !== undefined && BINARY_OPS.has(op)) {
      const b = args[i + 2];
      if (b === undefined) throw new TestError(`${op}: argument expected`);
      i += 3;
      return binop(a, op, b, env);
    }
    i++;
    return a !== '';
  };
  const r = oexpr();
  if (i < args.length) throw new TestError(`${args[i]}: unknown operand`);
  return r;
}

function unop(op: string, operand: string, env: AppletEnv): boolean {
  if (op === '-z') return operand === '';
  if (op === '-n') return operand !== '';
  if (op === '-t') return false;
  const n = env.ctx.fs.stat(abs(env, operand));
  switch (op) {
    case '-e':
    case '-r':
    case '-w':
      return n !== undefined;
    case '-x':
      return n?.kind === 'dir';
    case '-f':
      return n?.kind === 'file';
    case '-d':
      return n?.kind === 'dir';
    case '-s':
      return n !== undefined && (n.kind === 'dir' || n.content.length > 0);
    default:
      return false;
  }
}

function num(s: string): number {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`${s}: bad number`);
  return Number(t);
}

function binop(a: string, op: string, b: string, env: AppletEnv): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return num(a) === num(b);
    case '-ne':
      return num(a) !== num(b);
    case '-ge':
      return num(a) >= num(b);
    case '-gt':
      return num(a) > num(b);
    case '-le':
      return num(a) <= num(b);
    case '-lt':
      return num(a) < num(b);
    default: {
      const fa = env.ctx.fs.stat(abs(env, a));
      const fb = env.ctx.fs.stat(abs(env, b));
      if (!fa || !fb) return false;
      if (op === '-nt') return fa.mtime > fb.mtime;
      if (op === '-ot') return fa.mtime < fb.mtime;
      return fa === fb;
    }
  }
}

// ------------------------------------------------------------------ the rest

export const seq: Applet = (argv, env) => {
  let sep = '\n';
  let width = false;
  const nums: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s') sep = argv[++i] ?? '';
    else if (a.startsWith('-s') && a.length > 2) sep = a.slice(2);
    else if (a === '-w') width = true;
    else nums.push(a);
  }
  if (nums.length < 1 || nums.length > 3) {
    err(env, 'seq', 'usage: seq [-w] [-s SEP] [FIRST [INC]] LAST');
    return 1;
  }
  const vals: number[] = [];
  let decimals = 0;
  for (const s of nums) {
    if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) {
      err(env, 'seq', `invalid number '${s}'`);
      return 1;
    }
    const d = s.includes('.') ? s.length - s.indexOf('.') - 1 : 0;
    if (d > decimals) decimals = d;
    vals.push(Number(s));
  }
  const first = nums.length > 1 ? vals[0]! : 1;
  const inc = nums.length === 3 ? vals[1]! : 1;
  const last = vals[vals.length - 1]!;
  if (inc === 0) return 0;
  const items: string[] = [];
  for (let v = first, n = 0; inc > 0 ? v <= last + 1e-9 : v >= last - 1e-9; n++, v = first + n * inc) {
    items.push(v.toFixed(decimals));
    if (items.length > 1_000_000) break;
  }
  if (width && items.length) {
    const w = Math.max(...items.map((s) => s.replace('-', '').length));
    for (let i = 0; i < items.length; i++) {
      const s = items[i]!;
      items[i] = s.startsWith('-') ? `-${s.slice(1).padStart(w, '0')}` : s.padStart(w, '0');
    }
  }
  if (items.length) out(env, items.join(sep) + '\n');
  return 0;
};

export const hostname: Applet = (argv, env) => {
  const name = env.ctx.hostname;
  out(env, `${argv.includes('-s') ? name.split('.')[0] : name}\n`);
  return 0;
};

export const env: Applet = (argv, e) => {
  let i = 1;
  let clear = false;
  const unset: string[] = [];
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-i' || a === '-') clear = true;
    else if (a === '-u') unset.push(argv[++i] ?? '');
    else break;
  }
  const vars = clear ? new Map<string, string>() : new Map(e.ctx.env);
  for (const u of unset) vars.delete(u);
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (eq <= 0) break;
    vars.set(a.slice(0, eq), a.slice(eq + 1));
  }
  const cmd = argv.slice(i);
  if (cmd.length === 0) {
    let text = '';
    for (const [k, v] of vars) text += `${k}=${v}\n`;
    out(e, text);
    return 0;
  }
  return e.spawn(cmd, vars);
};

export const printenv: Applet = (argv, env) => {
  const vars = env.ctx.env;
  const names = argv.slice(1);
  if (names.length === 0) {
    let text = '';
    for (const [k, v] of vars) text += `${k}=${v}\n`;
    out(env, text);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = vars.get(n);
    if (v === undefined) status = 1;
    else out(env, `${v}\n`);
  }
  return status;
};

export const date: Applet = (argv, env) => {
  let ms = env.ctx.wallTime();
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc') continue;
    else if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a.startsWith('-I')) {
      const spec = a.slice(2).replace(/^=/, '');
      fmt = spec.startsWith('s') ? '%Y-%m-%dT%H:%M:%S+00:00' : spec.startsWith('m') ? '%Y-%m-%dT%H:%M+00:00' : spec.startsWith('h') ? '%Y-%m-%dT%H+00:00' : '%Y-%m-%d';
    } else if (a === '-d' || a.startsWith('-d')) {
      const v = a === '-d' ? (argv[++i] ?? '') : a.slice(2);
      const parsed = v.startsWith('@') ? Number(v.slice(1)) * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
      if (!Number.isFinite(parsed)) {
        err(env, 'date', `invalid date '${v}'`);
        return 1;
      }
      ms = parsed;
    } else {
      err(env, 'date', `invalid date '${a}'`);
      return 1;
    }
  }
  out(env, `${strftime(fmt, ms)}\n`);
  return 0;
};

export const basename: Applet = (argv, env) => {
  const p = argv[1];
  if (p === undefined) {
    err(env, 'basename', 'usage: basename FILE [SUFFIX]');
    return 1;
  }
  let b = p.replace(/\/+$/, '');
  b = b === '' ? (p.startsWith('/') ? '/' : '') : b.slice(b.lastIndexOf('/') + 1);
  const suffix = argv[2];
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  out(env, `${b}\n`);
  return 0;
};

export const dirname: Applet = (argv, env) => {
  const p = argv[1];
  if (p === undefined) {
    err(env, 'dirname', 'usage: dirname FILENAME');
    return 1;
  }
  const t = p.replace(/\/+$/, '');
  const i = t.lastIndexOf('/');
  const d = i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i).replace(/\/+$/, '') || '/';
  out(env, `${p.startsWith('/') && t === '' ? '/' : d}\n`);
  return 0;
};

const KERNEL = '6.6.0';

export const uname: Applet = (argv, env) => {
  const o = getopt(env, 'uname', argv, 'asnrvmpio');
  if (!o) return 1;
  const f = o.flags;
  const all = f.has('a');
  const parts: string[] = [];
  if (all || f.has('s') || f.size === 0) parts.push('Linux');
  if (all || f.has('n')) parts.push(env.ctx.hostname);
  if (all || f.has('r')) parts.push(KERNEL);
  if (all || f.has('v')) parts.push('#1 SMP PREEMPT_DYNAMIC');
  if (all || f.has('m')) parts.push('x86_64');
  if (all || f.has('o')) parts.push('GNU/Linux');
  out(env, `${parts.join(' ')}\n`);
  return 0;
};

export const id: Applet = (argv, env) => {
  if (argv.includes('-u')) out(env, argv.includes('-n') ? 'root\n' : '0\n');
  else if (argv.includes('-g')) out(env, argv.includes('-n') ? 'root\n' : '0\n');
  else out(env, 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
  return 0;
};

export const whoami: Applet = (_argv, env) => {
  out(env, 'root\n');
  return 0;
};

export const sh: Applet = (argv, env) => env.spawn(argv);
