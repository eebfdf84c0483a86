import { FsError, fsErrorText, normalizePath } from '../../vfs.ts';
import type { AppletEnv } from '../types.ts';

export interface Opts {
  flags: Map<string, string>;
  rest: string[];
}

/**
 * busybox's getopt32 in miniature: "n:fF" means -n takes a value. Flags may be bundled
 * (-rf), values attached (-n5, -n+1) or separate (-n 5); options may follow operands.
 * Returns null after printing "invalid option" as busybox does.
 */
export function getopt(env: AppletEnv, applet: string, argv: string[], spec: string, permute = true): Opts | null {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      if (!permute) {
        rest.push(...argv.slice(i + 1));
        break;
      }
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const at = spec.indexOf(c);
      if (at < 0 || c === ':') {
        err(env, applet, `invalid option -- '${c}'`);
        return null;
      }
      if (spec[at + 1] === ':') {
        let v = a.slice(j + 1);
        if (v === '') {
          const next = argv[++i];
          if (next === undefined) {
            err(env, applet, `option requires an argument -- '${c}'`);
            return null;
          }
          v = next;
        }
        flags.set(c, v);
        break;
      }
      flags.set(c, '');
    }
  }
  return { flags, rest };
}

export function err(env: AppletEnv, applet: string, msg: string): void {
  env.ctx.stderr(`${applet}: ${msg}\n`);
}

export function out(env: AppletEnv, text: string): void {
  env.ctx.stdout(text);
}

export function abs(env: AppletEnv, path: string): string {
  return normalizePath(path, env.ctx.cwd);
}

export function errText(e: unknown): string {
  if (e instanceof FsError) return fsErrorText(e);
  throw e;
}

/**
 * Read a file operand the way busybox's open_or_warn does ("-" is stdin); null after printing
 * "APPLET: can't open 'X': No such file or directory".
 */
export function readInput(env: AppletEnv, applet: string, name: string): string | null {
  if (name === '-') return env.stdin.readAll();
  const n = env.ctx.fs.stat(abs(env, name));
  if (!n) {
    err(env, applet, `can't open '${name}': No such file or directory`);
    return null;
  }
  if (n.kind === 'dir') {
    err(env, applet, 'read error: Is a directory');
    return null;
  }
  return n.content;
}

/** Split text into lines keeping the terminators, so output reproduces the input exactly. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (start < text.length) lines.push(text.slice(start));
      return lines;
    }
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
}

/** busybox's xatou-style number check for counts: digits only. */
export function parseCount(s: string): number | null {
  return /^[0-9]+$/.test(s) ? Number(s) : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const p2 = (n: number): string => String(n).padStart(2, '0');

/** strftime for UTC: the simulated containers all run with TZ unset (UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  let res = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      res += c;
      continue;
    }
    const f = fmt[++i];
    switch (f) {
      case 'Y':
        res += Y;
        break;
      case 'y':
        res += p2(Y % 100);
        break;
      case 'C':
        res += p2(Math.floor(Y / 100));
        break;
      case 'm':
        res += p2(m + 1);
        break;
      case 'd':
        res += p2(day);
        break;
      case 'e':
        res += String(day).padStart(2, ' ');
        break;
      case 'H':
        res += p2(H);
        break;
      case 'I':
        res += p2(H % 12 === 0 ? 12 : H % 12);
        break;
      case 'M':
        res += p2(M);
        break;
      case 'S':
        res += p2(S);
        break;
      case 'p':
        res += H < 12 ? 'AM' : 'PM';
        break;
      case 'a':
        res += DAYS[wd];
        break;
      case 'A':
        res += DAYS_LONG[wd];
        break;
      case 'b':
      case 'h':
        res += MONTHS[m];
        break;
      case 'B':
        res += MONTHS_LONG[m];
        break;
      case 'Z':
        res += 'UTC';
        break;
      case 'z':
        res += '+0000';
        break;
      case 's':
        res += Math.floor(ms / 1000);
        break;
      case 'N':
        res += String((ms % 1000) * 1_000_000).padStart(9, '0');
        break;
      case 'j': {
        const start = Date.UTC(Y, 0, 1);
        res += String(Math.floor((Date.UTC(Y, m, day) - start) / 86_400_000) + 1).padStart(3, '0');
        break;
      }
      case 'u':
        res += wd === 0 ? 7 : wd;
        break;
      case 'w':
        res += wd;
        break;
      case 'F':
        res += `${Y}-${p2(m + 1)}-${p2(day)}`;
        break;
      case 'T':
        res += `${p2(H)}:${p2(M)}:${p2(S)}`;
        break;
      case 'R':
        res += `${p2(H)}:${p2(M)}`;
        break;
      case 'D':
        res += `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
        break;
      case 'c':
        res += `${DAYS[wd]} ${MONTHS[m]} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`;
        break;
      case 'n':
        res += '\n';
        break;
      case 't':
        res += '\t';
        break;
      case '%':
        res += '%';
        break;
      default:
        res += `%${f}`;
    }
  }
  return res;
}

export { MONTHS };
