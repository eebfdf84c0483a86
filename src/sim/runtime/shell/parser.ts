// A recursive-descent parser for the POSIX sh subset that busybox ash runs. Its structure
// (list / andor / pipeline / command, the "end token" rule, keyword recognition only in
// command position) follows ash's parser so that errors come out where and as ash reports them:
//   syntax error: unexpected "done"
//   syntax error: unexpected end of file (expecting "fi")
//   syntax error: unterminated quoted string

import type { Assign, Node, ParamOp, Part, Redir, RedirOp, Script, Word } from './ast.ts';
import { hasWildcard } from './glob.ts';

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type Tok =
  | { t: 'word'; w: Word; line: number }
  | { t: 'op'; op: string; line: number }
  | { t: 'redir'; r: Redir; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const KEYWORDS = new Set(['!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while', '{', '}']);
/** ash's tokendlist: tokens that end a nested list. */
const END_KEYWORDS = new Set(['do', 'done', 'elif', 'else', 'esac', 'fi', 'then', '}']);
const END_OPS = new Set([')', ';;']);

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL_PARAMS = '?$#!@*-';

function isNameStart(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
}
function isNameChar(c: string | undefined): boolean {
  return c !== undefined && (isNameStart(c) || (c >= '0' && c <= '9'));
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Builds a word from pieces, merging adjacent literals of the same quotedness. */
class WordBuilder {
  parts: Part[] = [];
  push(p: Part): void {
    const last = this.parts[this.parts.length - 1];
    if (p.k === 'lit' && last?.k === 'lit' && last.q === p.q && p.v !== '') {
      last.v += p.v;
      return;
    }
    this.parts.push(p);
  }
  lit(v: string, q: boolean): void {
    this.push({ k: 'lit', v, q });
  }
  build(): Word {
    const ps = this.parts;
    const only = ps.length === 1 ? ps[0] : undefined;
    return withSub({ parts: ps, plain: only?.k === 'lit' && !only.q ? only.v : null });
  }
}

function withSub(w: Word): Word {
  const sub = w.parts.some((p) => p.k === 'cmd' || (p.k === 'param' && p.arg?.sub === true) || (p.k === 'arith' && p.expr.sub === true));
  if (sub) w.sub = true;
  return w;
}

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  quoted: boolean;
  strip: boolean;
}

class Lexer {
  pending: PendingHeredoc[] = [];

  constructor(
    readonly src: string,
    public pos = 0,
    public line = 1,
  ) {}

  private err(msg: string): never {
    throw new ShellSyntaxError(msg, this.line);
  }

  next(): Tok {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t') {
        this.pos++;
      } else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else break;
    }
    if (s[this.pos] === '#') {
      while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
    }
    const line = this.line;
    if (this.pos >= s.length) return { t: 'eof', line };
    const c = s[this.pos]!;
    const c2 = s[this.pos + 1];
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { t: 'nl', line };
    }
    if (c === '&' || c === '|' || c === ';') {
      if (c2 === c) {
        this.pos += 2;
        return { t: 'op', op: c + c, line };
      }
      this.pos++;
      return { t: 'op', op: c, line };
    }
    if (c === '(' || c === ')') {
      this.pos++;
      return { t: 'op', op: c, line };
    }
    let fd = -1;
    let p = this.pos;
    while (isDigit(s[p])) p++;
    if (p > this.pos && (s[p] === '<' || s[p] === '>')) {
      fd = Number(s.slice(this.pos, p));
      this.pos = p;
    }
    const r = s[this.pos];
    if (r === '<' || r === '>') return this.redirection(fd, line);
    return { t: 'word', w: this.word(''), line };
  }

  private redirection(fd: number, line: number): Tok {
    const s = this.src;
    const c = s[this.pos]!;
    const n = s[this.pos + 1];
    let op: RedirOp;
    let strip = false;
    if (c === '>') {
      if (n === '>') op = '>>';
      else if (n === '&') op = '>&';
      else if (n === '|') op = '>|';
      else op = '>';
    } else if (n === '<') {
      op = '<<';
      if (s[this.pos + 2] === '-') {
        strip = true;
        this.pos++;
      }
    } else if (n === '&') op = '<&';
    else if (n === '>') op = '<>';
    else op = '<';
    this.pos += op.length;
    const redir: Redir = { fd: fd >= 0 ? fd : c === '>' ? 1 : 0, op, target: { parts: [], plain: null } };
    const t = this.next();
    if (t.t !== 'word') throw new ShellSyntaxError(`unexpected ${tokDescription(t)}`, this.line);
    if (op === '<<') {
      const quoted = t.w.parts.some((p) => p.k === 'lit' && p.q);
      const delim = t.w.parts.map((p) => (p.k === 'lit' ? p.v : '')).join('');
      this.pending.push({ redir, delim, quoted, strip });
    } else {
      redir.target = t.w;
    }
    return { t: 'redir', r: redir, line };
  }

  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.pending) {
      const lines: string[] = [];
      while (this.pos < s.length) {
        let end = s.indexOf('\n', this.pos);
        if (end < 0) end = s.length;
        let text = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        this.line++;
        if (h.strip) text = text.replace(/^\t+/, '');
        if (text === h.delim) break;
        lines.push(text);
      }
      const body = lines.length ? lines.join('\n') + '\n' : '';
      h.redir.target = h.quoted ? { parts: [{ k: 'lit', v: body, q: true }], plain: null } : new Lexer(body).heredocWord();
    }
    this.pending = [];
  }

  /** A heredoc body: expansions apply, quotes are plain characters. */
  heredocWord(): Word {
    const b = new WordBuilder();
    this.dquoted(b, 'heredoc');
    return b.build();
  }

  /** An unquoted word, ending at a blank or operator (or at `stop`, inside ${...}). */
  word(stop: string): Word {
    const s = this.src;
    const b = new WordBuilder();
    for (;;) {
      if (this.pos >= s.length) {
        if (stop) this.err("missing '}'");
        break;
      }
      const c = s[this.pos]!;
      if (stop) {
        if (c === stop) break;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>') {
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n === undefined) {
          this.pos++;
          b.lit('\\', false);
        } else {
          this.pos += 2;
          b.lit(n, true);
        }
      } else if (c === "'") {
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) this.err('unterminated quoted string');
        const v = s.slice(this.pos + 1, end);
        this.line += countNewlines(v);
        b.push({ k: 'lit', v, q: true });
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        const before = b.parts.length;
        this.dquoted(b, 'dquote');
        if (b.parts.length === before) b.push({ k: 'lit', v: '', q: true });
      } else if (c === '$') {
        this.dollar(b, false);
      } else if (c === '`') {
        this.backquote(b, false);
      } else {
        if (c === '\n') this.line++;
        this.pos++;
        b.lit(c, false);
      }
    }
    return b.build();
  }

  /** Inside "...", a heredoc body, or $((...)): only $, ` and some backslashes are special. */
  private dquoted(b: WordBuilder, mode: 'dquote' | 'heredoc' | 'arith'): void {
    const s = this.src;
    for (;;) {
      if (this.pos >= s.length) {
        if (mode === 'dquote') this.err('unterminated quoted string');
        return;
      }
      const c = s[this.pos]!;
      if (c === '"' && mode === 'dquote') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n === '$' || n === '`' || n === '\\' || (n === '"' && mode !== 'heredoc')) {
          this.pos += 2;
          b.lit(n, true);
        } else {
          this.pos++;
          b.lit('\\', true);
        }
      } else if (c === '$') {
        this.dollar(b, true);
      } else if (c === '`') {
        this.backquote(b, true);
      } else {
        if (c === '\n') this.line++;
        this.pos++;
        b.lit(c, true);
      }
    }
  }

  private dollar(b: WordBuilder, q: boolean): void {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === '{') {
      this.pos += 2;
      this.brace(b, q);
    } else if (n === '(') {
      if (s[this.pos + 2] === '(') {
        this.pos += 3;
        this.arith(b, q);
      } else {
        this.pos += 2;
        const sub = new Parser(new Lexer(s, this.pos, this.line));
        const body = sub.substitution();
        this.pos = sub.lx.pos;
        this.line = sub.lx.line;
        b.push({ k: 'cmd', body: [body], q });
      }
    } else if (isNameStart(n)) {
      let e = this.pos + 2;
      while (isNameChar(s[e])) e++;
      b.push({ k: 'param', name: s.slice(this.pos + 1, e), op: null, arg: null, q });
      this.pos = e;
    } else if (n !== undefined && (isDigit(n) || SPECIAL_PARAMS.includes(n))) {
      b.push({ k: 'param', name: n, op: null, arg: null, q });
      this.pos += 2;
    } else {
      this.pos++;
      b.lit('$', q);
    }
  }

  private brace(b: WordBuilder, q: boolean): void {
    const s = this.src;
    let length = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined) {
      length = true;
      this.pos++;
    }
    let name: string;
    const c = s[this.pos];
    if (isNameStart(c)) {
      let e = this.pos + 1;
      while (isNameChar(s[e])) e++;
      name = s.slice(this.pos, e);
      this.pos = e;
    } else if (isDigit(c)) {
      let e = this.pos + 1;
      while (isDigit(s[e])) e++;
      name = s.slice(this.pos, e);
      this.pos = e;
    } else if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
      name = c;
      this.pos++;
    } else {
      this.err('bad substitution');
    }
    if (length) {
      if (s[this.pos] !== '}') this.err('bad substitution');
      this.pos++;
      b.push({ k: 'len', name, q });
      return;
    }
    if (s[this.pos] === '}') {
      this.pos++;
      b.push({ k: 'param', name, op: null, arg: null, q });
      return;
    }
    let op: ParamOp | null = null;
    for (const o of [':-', ':=', ':+', ':?', '##', '%%', '-', '=', '+', '?', '#', '%'] as const) {
      if (s.startsWith(o, this.pos)) {
        op = o;
        break;
      }
    }
    if (op === null) {
      if (this.pos >= s.length) this.err("missing '}'");
      this.err('bad substitution');
    }
    this.pos += op.length;
    const arg = this.word('}');
    this.pos++;
    b.push({ k: 'param', name, op, arg, q });
  }

  private arith(b: WordBuilder, q: boolean): void {
    const s = this.src;
    let depth = 0;
    let e = this.pos;
    for (; e < s.length; e++) {
      const c = s[e];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          if (s[e + 1] === ')') break;
          this.err("missing '))'");
        }
        depth--;
      }
    }
    if (e >= s.length) this.err("missing '))'");
    const inner = new Lexer(s.slice(this.pos, e), 0, this.line);
    const wb = new WordBuilder();
    inner.dquoted(wb, 'arith');
    this.line = inner.line;
    this.pos = e + 2;
    b.push({ k: 'arith', expr: wb.build(), q });
  }

  private backquote(b: WordBuilder, q: boolean): void {
    const s = this.src;
    let text = '';
    let e = this.pos + 1;
    const startLine = this.line;
    for (;;) {
      const c = s[e];
      if (c === undefined) this.err('EOF in backquote substitution');
      if (c === '`') break;
      if (c === '\\') {
        const n = s[e + 1];
        if (n === '$' || n === '`' || n === '\\' || (q && n === '"')) {
          text += n;
          e += 2;
          continue;
        }
      }
      if (c === '\n') this.line++;
      text += c;
      e++;
    }
    this.pos = e + 1;
    const script = parseScript(text, startLine);
    if (script.error) throw new ShellSyntaxError(script.error.message, script.error.line);
    b.push({ k: 'cmd', body: script.chunks, q });
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** How ash names a token in "unexpected X" (tokname): keywords and operators are quoted. */
function tokDescription(t: Tok, asKeyword = false): string {
  switch (t.t) {
    case 'eof':
      return 'end of file';
    case 'nl':
      return 'newline';
    case 'redir':
      return 'redirection';
    case 'op':
      return `"${t.op}"`;
    case 'word':
      return asKeyword && t.w.plain !== null && KEYWORDS.has(t.w.plain) ? `"${t.w.plain}"` : 'word';
  }
}

class Parser {
  private pushed: Tok | null = null;
  /** Whether the pushed-back token was read in command position (keywords recognised). */
  private last: { tok: Tok; kw: boolean } | null = null;

  constructor(readonly lx: Lexer) {}

  private read(kw: boolean, skipNl = false): Tok {
    let t: Tok;
    do {
      if (this.pushed) {
        t = this.pushed;
        this.pushed = null;
      } else {
        t = this.lx.next();
      }
    } while (skipNl && t.t === 'nl');
    this.last = { tok: t, kw };
    return t;
  }

  private unread(t: Tok): void {
    this.pushed = t;
  }

  private kwOf(t: Tok): string | null {
    return t.t === 'word' && t.w.plain !== null && KEYWORDS.has(t.w.plain) ? t.w.plain : null;
  }

  private unexpected(t: Tok, expecting?: string): never {
    const kw = this.last?.tok === t ? this.last.kw : false;
    let msg = `unexpected ${tokDescription(t, kw)}`;
    if (expecting !== undefined) msg += ` (expecting "${expecting}")`;
    throw new ShellSyntaxError(msg, t.line);
  }

  private expectKw(kw: string): void {
    const t = this.read(true, true);
    if (this.kwOf(t) !== kw) this.unexpected(t, kw);
  }

  /** One top-level line's worth of commands (ash's parsecmd), or null at end of input. */
  top(): Node | null {
    for (;;) {
      const t = this.read(true);
      if (t.t === 'eof') return null;
      if (t.t === 'nl') continue;
      this.unread(t);
      return this.list(1);
    }
  }

  /** `$( ... )`: a list that must end at `)`. */
  substitution(): Node {
    const t = this.read(true, true);
    if (t.t === 'op' && t.op === ')') return { k: 'seq', items: [] };
    this.unread(t);
    const body = this.list(0);
    const end = this.read(false, true);
    if (!(end.t === 'op' && end.op === ')')) this.unexpected(end, ')');
    return body;
  }

  private isEnd(t: Tok): boolean {
    if (t.t === 'eof') return true;
    if (t.t === 'op') return END_OPS.has(t.op);
    const k = this.kwOf(t);
    return k !== null && END_KEYWORDS.has(k);
  }

  /** ash's list(): nlflag 1 = top level (a newline ends it), 2 = may be empty (case arms). */
  private list(nlflag: number): Node {
    const items: Node[] = [];
    let flag = nlflag;
    for (;;) {
      const t = this.read(true, (flag & 1) === 0);
      if (t.t === 'nl') return seq(items);
      if (t.t === 'eof') {
        this.unread(t);
        return seq(items);
      }
      if (flag === 2 && this.isEnd(t)) {
        this.unread(t);
        return seq(items);
      }
      this.unread(t);
      flag |= 2;
      let n = this.andor();
      const sep = this.read(false);
      if (sep.t === 'op' && sep.op === '&') n = { k: 'bg', body: n };
      items.push(n);
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        const after = this.read(false);
        if (after.t === 'nl' && nlflag & 1) return seq(items);
        this.unread(after);
        const peek = this.read(true, true);
        this.unread(peek);
        if (peek.t === 'eof') return seq(items);
        continue;
      }
      if (sep.t === 'nl') {
        if (nlflag & 1) return seq(items);
        continue;
      }
      if (sep.t === 'eof') {
        this.unread(sep);
        return seq(items);
      }
      if (nlflag & 1) this.unexpected(sep);
      this.unread(sep);
      return seq(items);
    }
  }

  private andor(): Node {
    let n = this.pipeline();
    for (;;) {
      const t = this.read(false);
      if (t.t === 'op' && (t.op === '&&' || t.op === '||')) {
        const right = this.pipeline(true);
        n = t.op === '&&' ? { k: 'and', left: n, right } : { k: 'or', left: n, right };
      } else {
        this.unread(t);
        return n;
      }
    }
  }

  private pipeline(skipNl = false): Node {
    let bang = false;
    const t = this.read(true, skipNl);
    if (this.kwOf(t) === '!') bang = true;
    else this.unread(t);
    const cmds = [this.command()];
    for (;;) {
      const p = this.read(false);
      if (p.t === 'op' && p.op === '|') {
        const n = this.read(true, true);
        this.unread(n);
        cmds.push(this.command());
      } else {
        this.unread(p);
        break;
      }
    }
    if (cmds.length === 1 && !bang) return cmds[0]!;
    return { k: 'pipe', cmds, bang };
  }

  private command(): Node {
    const t = this.read(true);
    const kw = this.kwOf(t);
    let n: Node;
    switch (kw) {
      case 'if':
        n = this.ifClause();
        break;
      case 'while':
      case 'until': {
        const cond = this.list(0);
        this.expectKw('do');
        const body = this.list(0);
        this.expectKw('done');
        n = { k: 'loop', until: kw === 'until', cond, body, redirs: [] };
        break;
      }
      case 'for':
        n = this.forClause();
        break;
      case 'case':
        n = this.caseClause();
        break;
      case '{': {
        const body = this.list(0);
        this.expectKw('}');
        n = { k: 'group', body, redirs: [] };
        break;
      }
      case null:
        if (t.t === 'op' && t.op === '(') {
          const body = this.list(0);
          const e = this.read(false, true);
          if (!(e.t === 'op' && e.op === ')')) this.unexpected(e, ')');
          n = { k: 'subshell', body, redirs: [] };
          break;
        }
        if (t.t === 'word' || t.t === 'redir') {
          this.unread(t);
          return this.simple();
        }
        this.unexpected(t);
        break;
      default:
        this.unexpected(t);
    }
    for (;;) {
      const r = this.read(false);
      if (r.t !== 'redir') {
        this.unread(r);
        break;
      }
      if ('redirs' in n) n.redirs.push(r.r);
    }
    return n;
  }

  private ifClause(): Node {
    const clauses: { cond: Node; body: Node }[] = [];
    let cond = this.list(0);
    this.expectKw('then');
    let body = this.list(0);
    clauses.push({ cond, body });
    let otherwise: Node | null = null;
    for (;;) {
      const t = this.read(true, true);
      const kw = this.kwOf(t);
      if (kw === 'elif') {
        cond = this.list(0);
        this.expectKw('then');
        body = this.list(0);
        clauses.push({ cond, body });
        continue;
      }
      if (kw === 'else') {
        otherwise = this.list(0);
        this.expectKw('fi');
      } else if (kw !== 'fi') {
        this.unexpected(t, 'fi');
      }
      return { k: 'if', clauses, otherwise, redirs: [] };
    }
  }

  private forClause(): Node {
    const v = this.read(false);
    if (v.t !== 'word' || v.w.plain === null || !NAME_RE.test(v.w.plain)) {
      throw new ShellSyntaxError('bad for loop variable', v.line);
    }
    let items: Word[] | null = null;
    let t = this.read(true, true);
    if (this.kwOf(t) === 'in') {
      items = [];
      for (;;) {
        t = this.read(false);
        if (t.t !== 'word') break;
        items.push(t.w);
      }
      if (!(t.t === 'nl' || (t.t === 'op' && t.op === ';'))) this.unexpected(t);
    } else if (!(t.t === 'op' && t.op === ';')) {
      this.unread(t);
    }
    this.expectKw('do');
    const body = this.list(0);
    this.expectKw('done');
    return { k: 'for', name: v.w.plain, items, body, redirs: [] };
  }

  private caseClause(): Node {
    const w = this.read(false);
    if (w.t !== 'word') this.unexpected(w);
    this.expectKw('in');
    const arms: { patterns: Word[]; body: Node | null }[] = [];
    let t = this.read(true, true);
    while (this.kwOf(t) !== 'esac') {
      if (t.t === 'op' && t.op === '(') t = this.read(false);
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== 'word') this.unexpected(t, ')');
        patterns.push(t.w);
        t = this.read(false);
        if (t.t === 'op' && t.op === '|') {
          t = this.read(false);
          continue;
        }
        if (!(t.t === 'op' && t.op === ')')) this.unexpected(t, ')');
        break;
      }
      const body = this.list(2);
      arms.push({ patterns, body: body.k === 'seq' && body.items.length === 0 ? null : body });
      t = this.read(true, true);
      if (this.kwOf(t) === 'esac') break;
      if (!(t.t === 'op' && t.op === ';;')) this.unexpected(t, ';;');
      t = this.read(true, true);
    }
    return { k: 'case', subject: w.w, arms, redirs: [] };
  }

  private simple(): Node {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    let line = 0;
    for (;;) {
      const t = this.read(false);
      if (line === 0) line = t.line;
      if (t.t === 'redir') {
        redirs.push(t.r);
      } else if (t.t === 'word') {
        const a = words.length === 0 ? asAssignment(t.w) : null;
        if (a) assigns.push(a);
        else words.push(t.w);
      } else if (t.t === 'op' && t.op === '(' && words.length === 1 && assigns.length === 0 && redirs.length === 0) {
        const close = this.read(false);
        if (!(close.t === 'op' && close.op === ')')) this.unexpected(close, ')');
        const name = words[0]!.plain;
        if (name === null || !NAME_RE.test(name)) throw new ShellSyntaxError('bad function name', t.line);
        const n = this.read(true, true);
        this.unread(n);
        return { k: 'func', name, body: this.command() };
      } else {
        this.unread(t);
        break;
      }
    }
    const fixed = words.every((w) => w.plain !== null && !hasWildcard(w.plain) && !w.plain.startsWith('~'));
    return { k: 'simple', assigns, words, redirs, line, fixedArgv: fixed ? words.map((w) => w.plain!) : null };
  }
}

function seq(items: Node[]): Node {
  return items.length === 1 ? items[0]! : { k: 'seq', items };
}

function asAssignment(w: Word): Assign | null {
  const first = w.parts[0];
  if (first?.k !== 'lit' || first.q) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return null;
  const rest = first.v.slice(m[0].length);
  const parts: Part[] = rest ? [{ k: 'lit', v: rest, q: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  return { name: m[1]!, value: withSub({ parts, plain: null }) };
}

/**
 * Parse a whole script. Like ash, parsing stops at the first syntax error; the lines parsed
 * before it are still returned so they can run before the error is reported.
 */
export function parseScript(src: string, firstLine = 1): Script {
  const p = new Parser(new Lexer(src, 0, firstLine));
  const chunks: Node[] = [];
  try {
    for (;;) {
      const n = p.top();
      if (n === null) break;
      chunks.push(n);
    }
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { chunks, error: { message: e.message, line: e.line } };
    throw e;
  }
  return { chunks, error: null };
}
