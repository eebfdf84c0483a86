// busybox sed (editors/sed.c), the part people type: -n, -e, -f, -i, -E/-r; addresses (N, $,
// /re/, first,last and first,+N) with !; the commands s (g, p, N, I flags; & and \1..\9), d,
// p, q, Q, =, y, a, i, c and { } blocks. Regular expressions are POSIX (BRE unless -E) as grep
// reads them.

import type { Applet } from '../types.ts';
import { posixToJs } from './files.ts';
import { abs, err, getopt, out, readInput } from './util.ts';

type Addr = { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: RegExp } | { k: 'plus'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  not: boolean;
  name: string;
  /** s: the pattern, replacement and flags. */
  re?: RegExp;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  /** a, i, c: the text; q, Q: the exit code; y: the two sets. */
  text?: string;
  from?: string;
  to?: string;
  /** {: the index of the matching } (to skip the block). */
  end?: number;
  /** A range in progress. */
  active?: boolean;
  rangeEnd?: number;
}

class SedError extends Error {}

function regex(src: string, extended: boolean, flags: string): RegExp {
  try {
    return new RegExp(posixToJs(src, extended), flags);
  } catch {
    throw new SedError(`bad regex '${src}'`);
  }
}

/** Read up to an unescaped delimiter; `\delim` becomes the delimiter, `\n` a newline. */
function delimited(s: string, i: number, delim: string, what: string): [string, number] {
  let out = '';
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1]!;
      if (n === delim) out += delim;
      else if (n === 'n') out += '\n';
      else out += c + n;
      i++;
      continue;
    }
    if (c === delim) return [out, i + 1];
    if (c === '\n' && what !== 'text') break;
    out += c;
  }
  throw new SedError(`unmatched '${delim}'`);
}

function parse(script: string, extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const open: number[] = [];
  let i = 0;
  const blank = (): void => {
    while (i < script.length && /[ \t]/.test(script[i]!)) i++;
  };
  const addr = (): Addr | undefined => {
    const c = script[i];
    if (c === '$') {
      i++;
      return { k: 'last' };
    }
    if (c !== undefined && /\d/.test(c)) {
      const m = /^\d+/.exec(script.slice(i))!;
      i += m[0].length;
      return { k: 'line', n: Number(m[0]) };
    }
    if (c === '/' || c === '\\') {
      const delim = c === '\\' ? script[++i]! : '/';
      const [src, next] = delimited(script, i + 1, delim, 're');
      i = next;
      let flags = '';
      if (script[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { k: 're', re: regex(src, extended, flags) };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { not: false, name: '' };
    const a1 = addr();
    if (a1) {
      cmd.a1 = a1;
      if (script[i] === ',') {
        i++;
        if (script[i] === '+') {
          i++;
          const m = /^\d+/.exec(script.slice(i));
          if (!m) throw new SedError('expected number after +');
          i += m[0].length;
          cmd.a2 = { k: 'plus', n: Number(m[0]) };
        } else {
          const a2 = addr();
          if (!a2) throw new SedError('unexpected ,');
          cmd.a2 = a2;
        }
      }
    }
    blank();
    if (script[i] === '!') {
      cmd.not = true;
      i++;
      blank();
    }
    const name = script[i++];
    if (name === undefined) throw new SedError('missing command');
    cmd.name = name;
    switch (name) {
      case '{':
        open.push(cmds.length);
        break;
      case '}':
        if (!open.length) throw new SedError("unexpected '}'");
        cmds[open.pop()!]!.end = cmds.length;
        break;
      case 's': {
        const delim = script[i];
        if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError('bad format in substitution expression');
        const [src, afterRe] = delimited(script, i + 1, delim, 're');
        const [repl, afterRepl] = delimited(script, afterRe, delim, 'repl');
        i = afterRepl;
        let flags = '';
        for (; i < script.length && !/[\s;}]/.test(script[i]!); i++) {
          const f = script[i]!;
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'I' || f === 'i') flags += 'i';
          else if (/\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            cmd.nth = Number(m[0]);
            i += m[0].length - 1;
          } else throw new SedError('bad option in substitution expression');
        }
        cmd.re = regex(src, extended, flags + 'g');
        cmd.repl = repl;
        break;
      }
      case 'y': {
        const delim = script[i];
        if (delim === undefined || delim === '\n') throw new SedError('unterminated `y\' command');
        const [from, a] = delimited(script, i + 1, delim, 'y');
        const [to, b] = delimited(script, a, delim, 'y');
        if ([...from].length !== [...to].length) throw new SedError("strings for y command are different lengths");
        i = b;
        cmd.from = from;
        cmd.to = to;
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        // GNU one-liner form (a text) and POSIX form (a\ newline text), as busybox accepts both.
        if (script[i] === '\\') i++;
        if (script[i] === '\n') i++;
        else blank();
        let text = '';
        while (i < script.length && script[i] !== '\n') {
          if (script[i] === '\\' && script[i + 1] === '\n') {
            text += '\n';
            i += 2;
            continue;
          }
          text += script[i++];
        }
        cmd.text = text;
        break;
      }
      case 'q':
      case 'Q': {
        blank();
        const m = /^\d+/.exec(script.slice(i));
        if (m) i += m[0].length;
        cmd.text = m ? m[0] : '0';
        break;
      }
      case 'd':
      case 'p':
      case '=':
      case 'n':
        break;
      default:
        throw new SedError(`unsupported command ${name}`);
    }
    cmds.push(cmd);
  }
  if (open.length) throw new SedError('unmatched {');
  return cmds;
}

/** & and \1..\9 in a replacement; \n was already a newline, \& and \\ are literal. */
function expand(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i]!;
      out += /\d/.test(n) ? (m[Number(n)] ?? '') : n;
    } else out += c;
  }
  return out;
}

function substitute(line: string, c: Cmd): [string, boolean] {
  const re = c.re!;
  re.lastIndex = 0;
  let result = '';
  let last = 0;
  let count = 0;
  let changed = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    count++;
    if ((c.nth === undefined || count >= c.nth) && (c.global || count === (c.nth ?? 1))) {
      result += line.slice(last, m.index) + expand(c.repl!, m);
      last = m.index + m[0].length;
      changed = true;
      if (!c.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return changed ? [result + line.slice(last), true] : [line, false];
}

function run(cmds: Cmd[], text: string, quiet: boolean): { out: string; quit?: number } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let out = '';
  const match = (a: Addr, n: number, line: string): boolean => (a.k === 'line' ? n === a.n : a.k === 'last' ? n === lines.length : a.k === 're' ? ((a.re.lastIndex = 0), a.re.test(line)) : false);
  for (let idx = 0; idx < lines.length; idx++) {
    const n = idx + 1;
    let line = lines[idx]!;
    let deleted = false;
    let after = '';
    let quit: number | undefined;
    let printLine = !quiet;
    for (let pc = 0; pc < cmds.length; pc++) {
      const c = cmds[pc]!;
      if (c.name === '}') continue;
      let hit: boolean;
      if (!c.a1) hit = true;
      else if (!c.a2) hit = match(c.a1, n, line);
      else if (c.active) {
        hit = true;
        const a2 = c.a2;
        if ((a2.k === 'plus' && n >= c.rangeEnd!) || (a2.k === 'line' && n >= a2.n) || (a2.k === 'last' && n === lines.length) || (a2.k === 're' && match(a2, n, line))) c.active = false;
      } else if (match(c.a1, n, line)) {
        hit = true;
        const a2 = c.a2;
        c.active = !(a2.k === 'line' && a2.n <= n) && !(a2.k === 'plus' && a2.n === 0) && !(a2.k === 'last' && n === lines.length);
        if (a2.k === 'plus') c.rangeEnd = n + a2.n;
      } else hit = false;
      if (c.not) hit = !hit;
      if (!hit) {
        if (c.name === '{') pc = c.end ?? pc;
        continue;
      }
      switch (c.name) {
        case 's': {
          const [next, changed] = substitute(line, c);
          line = next;
          if (changed && c.print) out += line + '\n';
          break;
        }
        case 'y':
          line = [...line].map((ch) => {
            const k = [...c.from!].indexOf(ch);
            return k >= 0 ? [...c.to!][k]! : ch;
          }).join('');
          break;
        case 'd':
          deleted = true;
          break;
        case 'p':
          out += line + '\n';
          break;
        case '=':
          out += `${n}\n`;
          break;
        case 'a':
          after += c.text + '\n';
          break;
        case 'i':
          out += c.text + '\n';
          break;
        case 'c':
          // A range is replaced once, at its end.
          if (!c.a2 || !c.active) out += c.text + '\n';
          deleted = true;
          break;
        case 'n':
          if (printLine) out += line + '\n';
          if (idx + 1 < lines.length) line = lines[++idx]!;
          else {
            printLine = false;
            deleted = true;
          }
          break;
        case 'q':
          quit = Number(c.text);
          break;
        case 'Q':
          quit = Number(c.text);
          deleted = true;
          printLine = false;
          break;
      }
      if (deleted || quit !== undefined) break;
    }
    if (!deleted && printLine) out += line + '\n';
    out += after;
    if (quit !== undefined) return { out, quit };
  }
  return { out };
}

export const sed: Applet = (argv, env) => {
  // -i takes an optional suffix glued to it (-i.bak), which getopt cannot express.
  let inPlace: string | undefined;
  argv = argv.filter((a, k) => {
    if (k === 0 || !/^-i/.test(a)) return true;
    inPlace = a.slice(2);
    return false;
  });
  const o = getopt(env, 'sed', argv, 'ne:f:Ersz');
  if (!o) return 1;
  const f = o.flags;
  const scripts: string[] = [];
  // getopt keeps only the last -e; sed takes every one, in order.
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-e') scripts.push(argv[++i] ?? '');
    else if (a.startsWith('-e') && a.length > 2) scripts.push(a.slice(2));
    else if (a === '-f' || (a.startsWith('-f') && a.length > 2)) {
      const file = a === '-f' ? (argv[++i] ?? '') : a.slice(2);
      const text = readInput(env, 'sed', file);
      if (text === null) return 1;
      scripts.push(text);
    }
  }
  let files = o.rest;
  if (!scripts.length) {
    if (!files.length) {
      err(env, 'sed', 'no script specified');
      return 1;
    }
    scripts.push(files[0]!);
    files = files.slice(1);
  }
  let cmds: Cmd[];
  try {
    cmds = parse(scripts.join('\n'), f.has('E') || f.has('r'));
  } catch (e) {
    if (!(e instanceof SedError)) throw e;
    err(env, 'sed', e.message);
    return 1;
  }
  const quiet = f.has('n');
  let status = 0;
  if (inPlace !== undefined) {
    // In place: each file on its own (line numbers and $ restart), nothing on stdout.
    if (!files.length) {
      err(env, 'sed', 'no files to edit in place');
      return 1;
    }
    for (const file of files) {
      const text = readInput(env, 'sed', file);
      if (text === null) {
        status = 1;
        continue;
      }
      if (inPlace) env.ctx.fs.writeFile(abs(env, file + inPlace), text);
      env.ctx.fs.writeFile(abs(env, file), run(cmds, text, quiet).out);
    }
    return status;
  }
  let text = '';
  for (const file of files.length ? files : ['-']) {
    const t = readInput(env, 'sed', file);
    if (t === null) {
      status = 1;
      continue;
    }
    text += t.endsWith('\n') || t === '' ? t : t + '\n';
  }
  const r = run(cmds, text, quiet);
  out(env, r.out);
  return r.quit ?? status;
};
