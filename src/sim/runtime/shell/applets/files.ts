// File applets: cat, head, tail (with -f/-F follow), touch, rm, mkdir, ls, wc, grep ...

import type { Proc } from '../../process.ts';
import type { FileNode, FsNode } from '../../vfs.ts';
import { FsError, normalizePath } from '../../vfs.ts';
import type { Applet, AppletEnv } from '../types.ts';
import { abs, err, errText, getopt, MONTHS, out, parseCount, readInput, splitLines } from './util.ts';

export const cat: Applet = (argv, env) => {
  const o = getopt(env, 'cat', argv, 'nbvteAu');
  if (!o) return 1;
  const files = o.rest.length ? o.rest : ['-'];
  let status = 0;
  let lineNo = 0;
  for (const f of files) {
    const text = readInput(env, 'cat', f);
    if (text === null) {
      status = 1;
      continue;
    }
    if (o.flags.has('n') || o.flags.has('b')) {
      out(
        env,
        splitLines(text)
          .map((l) => (o.flags.has('b') && l === '\n' ? l : `${String(++lineNo).padStart(6)}\t${l}`))
          .join(''),
      );
    } else out(env, text);
  }
  return status;
};

/** "-5" / "+5" as the first operand (the historical syntax busybox still accepts). */
function legacyCount(argv: string[]): string[] {
  const a = argv[1];
  if (a !== undefined && /^[-+][0-9]+$/.test(a)) return [argv[0]!, '-n', a.startsWith('+') ? a : a.slice(1), ...argv.slice(2)];
  return argv;
}

export const head: Applet = (argv, env) => {
  const o = getopt(env, 'head', legacyCount(argv), 'n:c:qv');
  if (!o) return 1;
  const spec = o.flags.get('c') ?? o.flags.get('n') ?? '10';
  const bytes = o.flags.has('c');
  const neg = spec.startsWith('-');
  const count = parseCount(spec.replace(/^[-+]/, ''));
  if (count === null) {
    err(env, 'head', `invalid number '${spec}'`);
    return 1;
  }
  const files = o.rest.length ? o.rest : ['-'];
  let status = 0;
  files.forEach((f, i) => {
    const text = readInput(env, 'head', f);
    if (text === null) {
      status = 1;
      return;
    }
    if ((files.length > 1 && !o.flags.has('q')) || o.flags.has('v')) out(env, `${i ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    if (bytes) out(env, neg ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count));
    else {
      const lines = splitLines(text);
      out(env, (neg ? lines.slice(0, Math.max(0, lines.length - count)) : lines.slice(0, count)).join(''));
    }
  });
  return status;
};

interface Followed {
  name: string;
  path: string;
  node: FileNode | null;
  off: number;
}

/**
 * busybox tail. With -f it polls each file once a virtual second (sleep yields) and prints what
 * was appended; -F also reopens a file that is missing, replaced or truncated, with busybox's
 * "has appeared; following end of new file" notes on stderr.
 */
export const tail: Applet = (argv, env) => {
  const o = getopt(env, 'tail', legacyCount(argv), 'fc:n:qs:vF');
  if (!o) return 1;
  const retry = o.flags.has('F');
  const follow = retry || o.flags.has('f');
  const bytes = o.flags.has('c');
  const spec = (bytes ? o.flags.get('c') : o.flags.get('n')) ?? '10';
  const fromTop = spec.startsWith('+');
  const count = parseCount(spec.replace(/^[-+]/, ''));
  if (count === null) {
    err(env, 'tail', `invalid number '${spec}'`);
    return 1;
  }
  const period = Math.max(Number(o.flags.get('s') ?? '1') || 1, 0.001) * 1000;
  const names = o.rest.length ? o.rest : ['-'];
  if (names.some((n) => abs(env, n) === '/dev/zero')) return tailZero(env, !bytes);
  let status = 0;
  const files: Followed[] = [];
  let stdinText: string | null = null;
  for (const name of names) {
    if (name === '-') {
      stdinText = env.stdin.readAll();
      files.push({ name: 'standard input', path: '', node: { kind: 'file', content: stdinText, mtime: 0, version: 1 }, off: 0 });
      continue;
    }
    const path = abs(env, name);
    const n = env.ctx.fs.stat(path);
    if (n?.kind !== 'file') {
      err(env, 'tail', n ? 'read error: Is a directory' : `can't open '${name}': No such file or directory`);
      if (!retry) {
        status = 1;
        continue;
      }
      files.push({ name, path, node: null, off: 0 });
      continue;
    }
    files.push({ name, path, node: n, off: 0 });
  }
  if (files.length === 0) {
    err(env, 'tail', 'no files');
    return 1;
  }
  const headers = o.flags.has('v') || (files.length > 1 && !o.flags.has('q'));
  let first = true;
  let last: Followed | null = null;
  for (const f of files) {
    if (!f.node) continue;
    if (headers) {
      out(env, `${first ? '' : '\n'}==> ${f.name} <==\n`);
      first = false;
    }
    const text = f.node.content;
    out(env, pick(text, count, fromTop, bytes));
    f.off = text.length;
    last = f;
  }
  if (!follow) return status;
  if (stdinText !== null && files.length === 1) return waitForever();
  return followLoop(env, files, retry, headers, period, last);
};

function pick(text: string, count: number, fromTop: boolean, bytes: boolean): string {
  if (bytes) {
    if (fromTop) return text.slice(Math.max(count - 1, 0));
    return count === 0 ? '' : text.slice(-count);
  }
  const lines = splitLines(text);
  if (fromTop) return lines.slice(Math.max(count - 1, 0)).join('');
  return count === 0 ? '' : lines.slice(-count).join('');
}

/** How fast `tail /dev/zero` grows, and where the simulation stops it (no node pressure). */
const ZERO_GROWTH_PER_S = 200 * 1024 * 1024;
const ZERO_CAP = 3 * 1024 * 1024 * 1024;

/**
 * `tail /dev/zero`: tail keeps the last lines, and /dev/zero's first line never ends, so the
 * buffer grows until the cgroup's limit OOM-kills the container (the classic memory hog).
 * With -c tail keeps only the last N bytes: it spins without growing.
 */
function* tailZero(env: AppletEnv, grow: boolean): Proc {
  let bytes = 0;
  for (;;) {
    yield { type: 'sleep', ms: bytes >= ZERO_CAP || !grow ? 1000 : 100 };
    if (!grow || bytes >= ZERO_CAP) continue;
    bytes = Math.min(ZERO_CAP, bytes + ZERO_GROWTH_PER_S / 10);
    env.ctx.setUsage?.({ memoryBytes: bytes });
  }
}

function* waitForever(): Proc {
  yield { type: 'forever' };
  return 0;
}

function* followLoop(env: AppletEnv, files: Followed[], retry: boolean, headers: boolean, period: number, lastShown: Followed | null): Proc {
  let prev = lastShown;
  const fs = env.ctx.fs;
  for (;;) {
    yield { type: 'sleep', ms: period };
    for (const f of files) {
      if (retry && f.path) {
        const cur = fs.stat(f.path);
        if (f.node === null || cur !== f.node) {
          if (cur?.kind === 'file') {
            err(env, 'tail', `${f.name} has ${f.node ? 'been replaced' : 'appeared'}; following end of new file`);
            f.node = cur;
            f.off = 0;
          } else if (f.node) {
            err(env, 'tail', `${f.name} has become inaccessible: No such file or directory`);
            f.node = null;
          }
        }
      }
      const n = f.node;
      if (!n) continue;
      const text = n.content;
      if (text.length < f.off) f.off = 0;
      if (text.length > f.off) {
        if (headers && prev !== f) out(env, `\n==> ${f.name} <==\n`);
        prev = f;
        out(env, text.slice(f.off));
        f.off = text.length;
      }
    }
  }
}

export const touch: Applet = (argv, env) => {
  const o = getopt(env, 'touch', argv, 'cd:r:t:am');
  if (!o) return 1;
  if (o.rest.length === 0) {
    err(env, 'touch', 'usage: touch [-c] FILE...');
    return 1;
  }
  let status = 0;
  for (const f of o.rest) {
    const path = abs(env, f);
    if (o.flags.has('c') && !env.ctx.fs.exists(path)) continue;
    try {
      env.ctx.fs.touch(path);
    } catch (e) {
      err(env, 'touch', `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const rm: Applet = (argv, env) => {
  const o = getopt(env, 'rm', argv, 'rRfiv');
  if (!o) return 1;
  const force = o.flags.has('f');
  const recursive = o.flags.has('r') || o.flags.has('R');
  if (o.rest.length === 0) {
    if (force) return 0;
    err(env, 'rm', 'usage: rm [-irf] FILE...');
    return 1;
  }
  let status = 0;
  for (const f of o.rest) {
    const path = abs(env, f);
    const n = env.ctx.fs.stat(path);
    if (!n) {
      if (!force) {
        err(env, 'rm', `can't remove '${f}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (n.kind === 'dir' && !recursive) {
      err(env, 'rm', `'${f}' is a directory`);
      status = 1;
      continue;
    }
    try {
      env.ctx.fs.remove(path, recursive);
    } catch (e) {
      err(env, 'rm', `can't remove '${f}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Applet = (argv, env) => {
  const o = getopt(env, 'mkdir', argv, 'pm:v');
  if (!o) return 1;
  if (o.rest.length === 0) {
    err(env, 'mkdir', 'usage: mkdir [-p] DIRECTORY...');
    return 1;
  }
  let status = 0;
  for (const d of o.rest) {
    try {
      env.ctx.fs.mkdir(abs(env, d), o.flags.has('p'));
    } catch (e) {
      err(env, 'mkdir', `can't create directory '${d}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Applet = (argv, env) => {
  const o = getopt(env, 'rmdir', argv, 'p');
  if (!o) return 1;
  let status = 0;
  for (const d of o.rest) {
    const path = abs(env, d);
    const n = env.ctx.fs.stat(path);
    const why = !n ? 'No such file or directory' : n.kind !== 'dir' ? 'Not a directory' : n.children.size ? 'Directory not empty' : null;
    if (why) {
      err(env, 'rmdir', `'${d}': ${why}`);
      status = 1;
      continue;
    }
    try {
      env.ctx.fs.remove(path, true);
    } catch (e) {
      err(env, 'rmdir', `'${d}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

function copyNode(env: AppletEnv, n: FsNode, to: string): void {
  if (n.kind === 'file') {
    env.ctx.fs.writeFile(to, n.content);
    return;
  }
  if (!env.ctx.fs.exists(to)) env.ctx.fs.mkdir(to);
  for (const [name, child] of n.children) copyNode(env, child, `${to}/${name}`);
}

function copyOrMove(applet: 'cp' | 'mv'): Applet {
  return (argv, env) => {
    const o = getopt(env, applet, argv, applet === 'cp' ? 'rRfapdv' : 'fin');
    if (!o) return 1;
    if (o.rest.length < 2) {
      err(env, applet, `usage: ${applet} SOURCE... DEST`);
      return 1;
    }
    const dest = o.rest[o.rest.length - 1]!;
    const sources = o.rest.slice(0, -1);
    const destPath = abs(env, dest);
    const destIsDir = env.ctx.fs.isDir(destPath);
    if (sources.length > 1 && !destIsDir) {
      err(env, applet, `'${dest}' is not a directory`);
      return 1;
    }
    let status = 0;
    for (const s of sources) {
      const sp = abs(env, s);
      const n = env.ctx.fs.stat(sp);
      if (!n) {
        err(env, applet, `can't stat '${s}': No such file or directory`);
        status = 1;
        continue;
      }
      if (n.kind === 'dir' && applet === 'cp' && !o.flags.has('r') && !o.flags.has('R') && !o.flags.has('a')) {
        err(env, applet, `omitting directory '${s}'`);
        status = 1;
        continue;
      }
      const to = destIsDir ? normalizePath(sp.slice(sp.lastIndexOf('/') + 1), destPath) : destPath;
      try {
        copyNode(env, n, to);
        if (applet === 'mv') env.ctx.fs.remove(sp, true);
      } catch (e) {
        err(env, applet, `can't create '${dest}': ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  };
}

export const cp = copyOrMove('cp');
export const mv = copyOrMove('mv');

const SIX_MONTHS = 182 * 86_400_000;

function longLine(name: string, n: FsNode, now: number): string {
  const mode = n.kind === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
  const links = n.kind === 'dir' ? 2 : 1;
  const size = n.kind === 'dir' ? 4096 : new TextEncoder().encode(n.content).length;
  const d = new Date(n.mtime);
  const when =
    Math.abs(now - n.mtime) < SIX_MONTHS
      ? `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
      : `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}  ${d.getUTCFullYear()}`;
  return `${mode} ${String(links).padStart(4)} root     root     ${String(size).padStart(9)} ${when} ${name}\n`;
}

export const ls: Applet = (argv, env) => {
  const o = getopt(env, 'ls', argv, '1aAlhdFRrStcun');
  if (!o) return 1;
  const f = o.flags;
  const long = f.has('l') || f.has('n');
  const fs = env.ctx.fs;
  const now = env.ctx.wallTime();
  const targets = o.rest.length ? o.rest : ['.'];
  let status = 0;
  const fileOut: string[] = [];
  const dirs: { name: string; path: string }[] = [];
  for (const t of targets) {
    const path = abs(env, t);
    const n = fs.stat(path);
    if (!n) {
      err(env, 'ls', `${t}: No such file or directory`);
      status = 1;
      continue;
    }
    if (n.kind === 'dir' && !f.has('d')) dirs.push({ name: t, path });
    else fileOut.push(long ? longLine(t, n, now) : `${t}${f.has('F') && n.kind === 'dir' ? '/' : ''}\n`);
  }
  const sections: string[] = [];
  if (fileOut.length) sections.push((f.has('r') ? fileOut.reverse() : fileOut).join(''));
  const showHeader = targets.length > 1;
  for (const d of dirs) {
    let names = fs.list(d.path).filter((x) => f.has('a') || f.has('A') || !x.startsWith('.'));
    if (f.has('a')) names = ['.', '..', ...names];
    if (f.has('r')) names.reverse();
    let text = showHeader ? `${d.name}:\n` : '';
    if (long) {
      let blocks = 0;
      const lines: string[] = [];
      for (const name of names) {
        const n = name === '.' || name === '..' ? fs.stat(d.path) : fs.stat(normalizePath(name, d.path));
        if (!n) continue;
        blocks += n.kind === 'dir' ? 4 : Math.ceil(n.content.length / 4096) * 4;
        lines.push(longLine(name, n, now));
      }
      text += `total ${blocks}\n${lines.join('')}`;
    } else {
      for (const name of names) {
        const isDir = f.has('F') && fs.isDir(normalizePath(name, d.path));
        text += `${name}${isDir ? '/' : ''}\n`;
      }
    }
    sections.push(text);
  }
  out(env, sections.join('\n'));
  return status;
};

export const wc: Applet = (argv, env) => {
  const o = getopt(env, 'wc', argv, 'lwcmL');
  if (!o) return 1;
  let which = ['l', 'w', 'c', 'm', 'L'].filter((c) => o.flags.has(c));
  if (which.length === 0) which = ['l', 'w', 'c'];
  const files = o.rest.length ? o.rest : ['-'];
  const totals = new Map<string, number>();
  let status = 0;
  const enc = new TextEncoder();
  const line = (counts: Map<string, number>, name: string | null): string => {
    const nums = which.map((c) => counts.get(c) ?? 0);
    const body = which.length === 1 ? String(nums[0]) : nums.map((v, i) => (i === 0 ? String(v).padStart(7) : ` ${String(v).padStart(7)}`)).join('');
    return `${body}${name === null ? '' : ` ${name}`}\n`;
  };
  for (const f of files) {
    const text = readInput(env, 'wc', f);
    if (text === null) {
      status = 1;
      continue;
    }
    const counts = new Map<string, number>([
      ['l', (text.match(/\n/g) ?? []).length],
      ['w', (text.match(/\S+/g) ?? []).length],
      ['c', enc.encode(text).length],
      ['m', [...text].length],
      ['L', Math.max(0, ...text.split('\n').map((l) => l.length))],
    ]);
    for (const [k, v] of counts) totals.set(k, (totals.get(k) ?? 0) + (k === 'L' ? 0 : v));
    out(env, line(counts, f === '-' ? null : f));
  }
  if (files.length > 1) out(env, line(totals, 'total'));
  return status;
};

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** Translate a POSIX basic (or, with `extended`, extended) regular expression to JavaScript. */
export function posixToJs(p: string, extended: boolean): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (p[j] === '^') {
        body += '^';
        j++;
      }
      if (p[j] === ']') {
        body += '\\]';
        j++;
      }
      while (j < p.length && p[j] !== ']') {
        const cls = /^\[:([a-z]+):\]/.exec(p.slice(j));
        if (cls) {
          body += POSIX_CLASSES[cls[1]!] ?? '';
          j += cls[0].length;
          continue;
        }
        body += p[j] === '\\' ? '\\\\' : p[j];
        j++;
      }
      if (j >= p.length) {
        re += '\\[';
        continue;
      }
      re += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\') {
      const n = p[++i];
      if (n === undefined) re += '\\\\';
      else if (!extended && '(){}|+?'.includes(n)) re += n;
      else if (n === '<' || n === '>') re += '\\b';
      else if (/[wWsSbB0-9]/.test(n)) re += `\\${n}`;
      else re += `\\${n}`;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) {
      re += `\\${c}`;
      continue;
    }
    if (c === '/') {
      re += '\\/';
      continue;
    }
    re += c;
  }
  return re;
}

export const grep: Applet = (argv, env) => {
  const o = getopt(env, 'grep', argv, 'vicqnEFwxolLhHsre:f:A:B:C:');
  if (!o) return 2;
  const f = o.flags;
  let rest = o.rest;
  let pattern = f.get('e');
  if (pattern === undefined) {
    pattern = rest[0];
    rest = rest.slice(1);
  }
  if (pattern === undefined) {
    err(env, 'grep', 'usage: grep [-vicqnEFwxolLhHs] PATTERN [FILE]...');
    return 2;
  }
  let src = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(pattern, f.has('E') || argv[0] === 'egrep');
  if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  if (f.has('x')) src = `^(?:${src})$`;
  let re: RegExp;
  try {
    re = new RegExp(src, f.has('i') ? 'gi' : 'g');
  } catch {
    err(env, 'grep', `bad regex '${pattern}'`);
    return 2;
  }
  const files = rest.length ? rest : ['-'];
  const prefix = (files.length > 1 || f.has('H')) && !f.has('h');
  let matched = false;
  let status = 0;
  for (const file of files) {
    let text: string | null;
    if (file === '-') text = env.stdin.readAll();
    else {
      const n = env.ctx.fs.stat(abs(env, file));
      if (n?.kind !== 'file') {
        if (!f.has('s')) err(env, 'grep', `${file}: ${n ? 'Is a directory' : 'No such file or directory'}`);
        status = 2;
        continue;
      }
      text = n.content;
    }
    const label = file === '-' ? '(standard input)' : file;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    let buf = '';
    // Context lines (-A/-B/-C): busybox prints them with '-' after the prefix and a "--"
    // line between groups that do not touch.
    const after = Number(f.get('A') ?? f.get('C') ?? 0) || 0;
    const before = Number(f.get('B') ?? f.get('C') ?? 0) || 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    const emit = (idx: number, sep: string): void => {
      if (lastPrinted >= 0 && idx > lastPrinted + 1 && (after || before)) buf += '--\n';
      buf += `${prefix ? `${label}${sep}` : ''}${f.has('n') ? `${idx + 1}${sep}` : ''}${lines[idx]}\n`;
      lastPrinted = idx;
    };
    lines.forEach((line, idx) => {
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === f.has('v')) {
        if (afterLeft > 0 && !f.has('o')) {
          afterLeft--;
          emit(idx, '-');
        }
        return;
      }
      count++;
      if (f.has('q') || f.has('l') || f.has('L') || f.has('c')) return;
      const pre = `${prefix ? `${label}:` : ''}${f.has('n') ? `${idx + 1}:` : ''}`;
      if (f.has('o') && !f.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) buf += `${pre}${m[0]}\n`;
      } else {
        for (let b = Math.max(0, idx - before, lastPrinted + 1); b < idx; b++) emit(b, '-');
        emit(idx, ':');
        afterLeft = after;
      }
    });
    if (count) matched = true;
    if (f.has('q')) {
      if (matched) return 0;
      continue;
    }
    if (f.has('c')) buf = `${prefix ? `${label}:` : ''}${count}\n`;
    else if (f.has('l')) buf = count ? `${label}\n` : '';
    else if (f.has('L')) buf = count ? '' : `${label}\n`;
    out(env, buf);
  }
  if (status === 2 && !(matched && f.has('q'))) return 2;
  return matched ? 0 : 1;
};

export const tee: Applet = (argv, env) => {
  const o = getopt(env, 'tee', argv, 'ai');
  if (!o) return 1;
  const text = env.stdin.readAll();
  let status = 0;
  for (const f of o.rest) {
    try {
      env.ctx.fs.writeFile(abs(env, f), text, o.flags.has('a'));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(env, 'tee', `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  out(env, text);
  return status;
};

function inputLines(env: AppletEnv, applet: string, files: string[]): string[] | null {
  let text = '';
  for (const f of files.length ? files : ['-']) {
    const t = readInput(env, applet, f);
    if (t === null) return null;
    text += t;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const sort: Applet = (argv, env) => {
  const o = getopt(env, 'sort', argv, 'rnuft:k:');
  if (!o) return 1;
  const lines = inputLines(env, 'sort', o.rest);
  if (!lines) return 2;
  const num = (s: string): number => parseFloat(s) || 0;
  lines.sort((a, b) => {
    if (o.flags.has('n')) return num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0);
    const x = o.flags.has('f') ? a.toLowerCase() : a;
    const y = o.flags.has('f') ? b.toLowerCase() : b;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (o.flags.has('r')) lines.reverse();
  const res = o.flags.has('u') ? lines.filter((l, i) => i === 0 || l !== lines[i - 1]) : lines;
  out(env, res.map((l) => `${l}\n`).join(''));
  return 0;
};

export const uniq: Applet = (argv, env) => {
  const o = getopt(env, 'uniq', argv, 'cdu');
  if (!o) return 1;
  const lines = inputLines(env, 'uniq', o.rest.slice(0, 1));
  if (!lines) return 1;
  let res = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && lines[j] === lines[i]) j++;
    const n = j - i;
    if ((!o.flags.has('d') || n > 1) && (!o.flags.has('u') || n === 1)) res += o.flags.has('c') ? `${String(n).padStart(7)} ${lines[i]}\n` : `${lines[i]}\n`;
    i = j;
  }
  out(env, res);
  return 0;
};

function expandSet(s: string): string {
  let res = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i]!;
      res += n === 'n' ? '\n' : n === 't' ? '\t' : n;
    } else if (s[i + 1] === '-' && i + 2 < s.length) {
      const end = s.charCodeAt(i + 2);
      for (let k = c.charCodeAt(0); k <= end; k++) res += String.fromCharCode(k);
      i += 2;
    } else res += c;
  }
  return res;
}

export const tr: Applet = (argv, env) => {
  const o = getopt(env, 'tr', argv, 'dsc');
  if (!o) return 1;
  const set1 = expandSet(o.rest[0] ?? '');
  const set2 = expandSet(o.rest[1] ?? '');
  const text = env.stdin.readAll();
  let res = '';
  for (const c of text) {
    const i = set1.indexOf(c);
    if (i < 0) res += c;
    else if (o.flags.has('d')) continue;
    else res += set2[Math.min(i, set2.length - 1)] ?? c;
  }
  if (o.flags.has('s') && set2) res = res.replace(new RegExp(`([${set2.replace(/[\]\\^-]/g, '\\$&')}])\\1+`, 'g'), '$1');
  out(env, res);
  return 0;
};

export const cut: Applet = (argv, env) => {
  const o = getopt(env, 'cut', argv, 'd:f:c:s');
  if (!o) return 1;
  const lines = inputLines(env, 'cut', o.rest);
  if (!lines) return 1;
  const listSpec = o.flags.get('f') ?? o.flags.get('c');
  if (!listSpec) {
    err(env, 'cut', 'expected a list of bytes, characters, or fields');
    return 1;
  }
  const wanted = (n: number): boolean =>
    listSpec.split(',').some((r) => {
      const [a, b] = r.split('-');
      const lo = a ? Number(a) : 1;
      const hi = r.includes('-') ? (b ? Number(b) : Infinity) : lo;
      return n >= lo && n <= hi;
    });
  const delim = o.flags.get('d') ?? '\t';
  let res = '';
  for (const l of lines) {
    if (o.flags.has('c')) res += [...l].filter((_, i) => wanted(i + 1)).join('') + '\n';
    else if (!l.includes(delim)) {
      if (!o.flags.has('s')) res += `${l}\n`;
    } else
      res +=
        l
          .split(delim)
          .filter((_, i) => wanted(i + 1))
          .join(delim) + '\n';
  }
  out(env, res);
  return 0;
};
