// Shell patterns: pathname expansion of unquoted `*`, `?`, `[...]`, and the same patterns for
// `case` and `${x#pat}`. A pattern here is text in which quoted characters are escaped with a
// backslash, so `"*".txt` stays a literal star.

import type { Vfs } from '../vfs.ts';
import { normalizePath } from '../vfs.ts';

const GLOB_CHARS = /[*?[]/;

export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

/** Whether an escaped pattern has an active (unescaped) wildcard. */
export function hasWildcard(pat: string): boolean {
  if (!GLOB_CHARS.test(pat)) return false;
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

export function unescapeGlob(pat: string): string {
  return pat.replace(/\\(.)/g, '$1');
}

const regexCache = new Map<string, RegExp>();

/** Translate a pattern; in path mode `*` and `?` do not cross `/`. */
export function globToRegExp(pat: string, pathMode: boolean, anchored = true): RegExp {
  const key = `${pathMode ? 'p' : 's'}${anchored ? 'a' : 'u'}${pat}`;
  const hit = regexCache.get(key);
  if (hit) return hit;
  const any = pathMode ? '[^/]' : '[\\s\\S]';
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\' && i + 1 < pat.length) {
      re += escapeRe(pat[++i]!);
    } else if (c === '*') {
      re += `${any}*`;
    } else if (c === '?') {
      re += any;
    } else if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pat.slice(i + 1, end);
      let neg = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = end;
    } else {
      re += escapeRe(c);
    }
  }
  const out = new RegExp(anchored ? `^${re}$` : re);
  if (regexCache.size > 2000) regexCache.clear();
  regexCache.set(key, out);
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

export function matchPattern(pat: string, text: string): boolean {
  return globToRegExp(pat, false).test(text);
}

/** Remove the shortest/longest prefix or suffix matching a pattern (`${x#p}` and friends). */
export function trimPattern(value: string, pat: string, op: '#' | '##' | '%' | '%%'): string {
  const re = globToRegExp(pat, false);
  if (op === '#') {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '##') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '%') {
    for (let i = value.length; i >= 0; i--) if (re.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= value.length; i++) if (re.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** Pathname expansion; an empty result means "no match" (the word then stays as written). */
export function expandPath(fs: Vfs, cwd: string, pat: string): string[] {
  const absolute = pat.startsWith('/');
  const segments = pat.split('/').filter((s, i) => s !== '' || i === 0);
  let bases: string[] = [absolute ? '/' : ''];
  for (let i = absolute ? 1 : 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next: string[] = [];
    if (!hasWildcard(seg)) {
      const lit = unescapeGlob(seg);
      for (const b of bases) next.push(join(b, lit));
    } else {
      const re = globToRegExp(seg, true);
      const dotOk = seg.startsWith('.') || seg.startsWith('\\.');
      for (const b of bases) {
        const dir = normalizePath(b || '.', cwd);
        if (!fs.isDir(dir)) continue;
        for (const name of fs.list(dir)) {
          if (name.startsWith('.') && !dotOk) continue;
          if (re.test(name)) next.push(join(b, name));
        }
      }
    }
    bases = next;
    if (bases.length === 0) return [];
  }
  return bases.filter((p) => fs.exists(normalizePath(p, cwd))).sort();
}

function join(base: string, name: string): string {
  if (base === '') return name;
  if (base.endsWith('/')) return base + name;
  return `${base}/${name}`;
}
