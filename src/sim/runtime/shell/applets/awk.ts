// busybox awk: a small lexer, a recursive-descent parser to an AST and a tree-walking evaluator.
//
// All input is in memory (files, or stdin read whole), so the applet never waits and returns a
// status. Errors are worded as editors/awk.c words them ("awk: cmd. line:1: Unexpected token")
// and, as there, a fatal error ends the program at once with status 1 (no END).
// Not supported: commands (`print | "cmd"`, `"cmd" | getline`, system()): they say so on
// stderr and fail softly. Regular expressions are POSIX EREs run by the JavaScript engine, so an
// alternation picks the first alternative that matches, not the longest.

import { FsError, normalizePath } from '../../vfs.ts';
import type { Applet, AppletEnv } from '../types.ts';
import { posixToJs } from './files.ts';
import { err, errText, readInput, strftime } from './util.ts';

/**
 * Statements a program may run (per record) before it is stopped: a `while (1)` must not hang
 * the page. awk runs in one turn of the simulation (it cannot let simulated time pass as the
 * shell's loops do), so the bound is about 30 ms of real time; a record's work in anything a
 * student writes is far below it.
 */
const MAX_STEPS = 200_000;
/** User-function nesting; deeper recursion is reported instead of overflowing the JS stack. */
const MAX_DEPTH = 200;
const MAX_STRING = 1 << 24;
const MAX_OUTPUT = 1 << 25;
const MAX_FIELDS = 100_000;

const USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n' +
  'Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n' +
  '\t-v VAR=VAL\tSet variable\n' +
  '\t-F SEP\t\tUse SEP as field separator\n' +
  '\t-f FILE\t\tRead program from FILE\n' +
  '\t-e AWK_PROGRAM\n';

// ---------------------------------------------------------------------------------------------
// Values

/**
 * A string that came from input (fields, getline, split, -v, ENVIRON): it compares as a number
 * when it looks like one, which is why `$3 > 10` is numeric and `"10" > "9"` is not.
 */
class StrNum {
  constructor(readonly s: string) {}
}
type Val = number | string | StrNum;
/** The uninitialized value: "" and 0 at once. Recognized by identity. */
const UNINIT = new StrNum('');

const NUMERIC_RE = /^[ \t\n\r\f\v]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n\r\f\v]*$/;
const NUM_PREFIX_RE = /^[ \t\n\r\f\v]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/;

/** strtod: the longest numeric prefix, 0 if there is none ("3x" is 3, "x" is 0). */
function strToNum(s: string): number {
  const m = NUM_PREFIX_RE.exec(s);
  return m ? Number(m[1]) : 0;
}

function isNum(v: Val): boolean {
  if (typeof v === 'number') return true;
  if (typeof v === 'string') return false;
  return v === UNINIT || NUMERIC_RE.test(v.s);
}

function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  return strToNum(typeof v === 'string' ? v : v.s);
}

function truthy(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  if (v === UNINIT) return false;
  return NUMERIC_RE.test(v.s) ? strToNum(v.s) !== 0 : v.s !== '';
}

/** Fatal error, status 1: `text` goes to stderr after "awk: " (null when it was printed already). */
class Fatal {
  constructor(readonly text: string | null) {}
}

/** Control flow out of statements (break, next, exit ...), thrown and caught by the runner. */
class Jump {
  constructor(
    readonly kind: 'break' | 'continue' | 'next' | 'nextfile' | 'exit' | 'return',
    readonly value: Val = UNINIT,
  ) {}
}
const BREAK = new Jump('break');
const CONTINUE = new Jump('continue');
const NEXT = new Jump('next');
const NEXTFILE = new Jump('nextfile');
const EXIT = new Jump('exit');

// ---------------------------------------------------------------------------------------------
// Escapes and regular expressions

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', '/': '/' };

/** The escape after a backslash at s[i]; an unknown one stands for its character, as in busybox. */
function escapeAt(s: string, i: number): { text: string; next: number } {
  const c = s[i];
  if (c === undefined) return { text: '\\', next: i };
  const simple = ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: i + 1 };
  const oct = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
  if (oct) return { text: String.fromCharCode(parseInt(oct[0], 8) & 255), next: i + oct[0].length };
  if (c === 'x') {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1, i + 3));
    if (hex) return { text: String.fromCharCode(parseInt(hex[0], 16)), next: i + 1 + hex[0].length };
  }
  return { text: c, next: i + 1 };
}

/** Escapes in -v values, VAR=VAL operands and -F (so -F '\t' is a tab). */
function unescape(s: string): string {
  let res = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] !== '\\') {
      res += s[i];
      i++;
      continue;
    }
    const e = escapeAt(s, i + 1);
    res += e.text;
    i = e.next;
  }
  return res;
}

/**
 * A /regex/ literal's escapes: control characters become literal ones (as busybox's lexer does
 * before regcomp); the rest (\. \$ \/ ...) stay for the regex compiler.
 */
function regexLiteralEscapes(raw: string): string {
  let res = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    const n = raw[i + 1];
    if (c !== '\\' || n === undefined) {
      res += c;
      continue;
    }
    if ('ntrfvab'.includes(n) || /[0-7]/.test(n)) {
      const e = escapeAt(raw, i + 1);
      res += e.text;
      i = e.next - 1;
    } else {
      res += c + n;
      i++;
    }
  }
  return res;
}

function compileRegex(src: string): RegExp {
  try {
    // 'g' so one object serves test, exec from an offset (lastIndex) and gsub; 's' because a
    // POSIX '.' matches a newline too.
    return new RegExp(posixToJs(src, true), 'gs');
  } catch {
    throw new Fatal(`bad regex '${src}'`);
  }
}

function search(re: RegExp, s: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(s);
}

const PARAGRAPH_END = /\n\n+/g;
const BLANKS = /[ \t\n\r\f\v]+/;

// ---------------------------------------------------------------------------------------------
// printf

function nonFinite(n: number, flags: string, upper: boolean): string {
  const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const s = sign + (Number.isNaN(n) ? 'nan' : 'inf');
  return upper ? s.toUpperCase() : s;
}

/** %f: toFixed, but an exact tie rounds to even as C's printf does (printf "%.0f", 2.5 is 2). */
function fixed(x: number, p: number): string {
  if (x >= 1e21) return BigInt(x).toString() + (p ? `.${'0'.repeat(p)}` : '');
  const scaled = x * 10 ** p;
  if (scaled < 2 ** 52 && scaled - Math.floor(scaled) === 0.5 && Math.floor(scaled) % 2 === 0) return (Math.floor(scaled) / 10 ** p).toFixed(p);
  return x.toFixed(p);
}

function expo(x: number, p: number): string {
  return x.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: %e or %f, whichever C would pick for this exponent, trailing zeros dropped unless '#'. */
function general(x: number, p: number, alt: boolean): string {
  const prec = p === 0 ? 1 : p;
  if (x === 0) return alt ? (0).toFixed(prec - 1) : '0';
  const e = expo(x, prec - 1);
  const exp = Number(e.slice(e.indexOf('e') + 1));
  let s = prec > exp && exp >= -4 ? fixed(x, Math.min(prec - 1 - exp, 100)) : e;
  if (!alt) {
    if (s.includes('e')) s = s.replace(/\.?0+e/, 'e');
    else if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

function fmtFloat(n: number, conv: string, flags: string, prec: number | null): string {
  const upper = conv === conv.toUpperCase();
  if (!Number.isFinite(n)) return nonFinite(n, flags, upper);
  const p = Math.min(prec ?? 6, 100);
  const x = Math.abs(n);
  const lc = conv.toLowerCase();
  let body = lc === 'f' ? fixed(x, p) : lc === 'e' ? expo(x, p) : general(x, p, flags.includes('#'));
  if (upper) body = body.toUpperCase();
  const sign = n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body;
}

function fmtInt(n: number, flags: string, prec: number | null): string {
  if (!Number.isFinite(n)) return nonFinite(n, flags, false);
  const v = Math.trunc(n);
  const a = Math.abs(v);
  let digits = a < 1e21 ? String(a) : BigInt(a).toString();
  if (prec !== null) digits = prec === 0 && v === 0 ? '' : digits.padStart(prec, '0');
  return (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
}

function fmtUnsigned(n: number, conv: string, flags: string, prec: number | null): string {
  if (!Number.isFinite(n)) return nonFinite(n, flags, false);
  const v = Math.trunc(n);
  let big = BigInt(v);
  // A negative value is reinterpreted as unsigned, 32-bit when it fits (busybox casts to int).
  if (big < 0n) big = v >= -2147483648 ? BigInt(v >>> 0) : BigInt.asUintN(64, big);
  let digits = big.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
  if (conv === 'X') digits = digits.toUpperCase();
  if (prec !== null) digits = prec === 0 && big === 0n ? '' : digits.padStart(prec, '0');
  if (flags.includes('#')) {
    if (conv === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
    else if ((conv === 'x' || conv === 'X') && big !== 0n) digits = (conv === 'x' ? '0x' : '0X') + digits;
  }
  return digits;
}

function pad(s: string, width: number, flags: string, zeroOk: boolean): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (zeroOk && flags.includes('0')) {
    const prefix = /^[-+ ]?(?:0[xX])?/.exec(s)?.[0] ?? '';
    if (/[0-9]/.test(s.charAt(prefix.length))) return prefix + s.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return s.padStart(width);
}

const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlLqjzt]*(.?)/y;

// ---------------------------------------------------------------------------------------------
// Lexer

interface Token {
  /** 'NUMBER' | 'STRING' | 'ERE' | 'NAME' | 'FUNC_NAME' | 'BUILTIN' | 'NEWLINE' | 'EOF', a keyword or a punctuator. */
  t: string;
  v: string;
  n: number;
  line: number;
  pos: number;
}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand',
  'system', 'close', 'fflush', 'systime', 'strftime', 'and', 'or', 'xor', 'lshift', 'rshift', 'compl',
]);
const MIN_ARGS: Record<string, number> = { substr: 2, index: 2, split: 2, sub: 2, gsub: 2, match: 2, sprintf: 1, atan2: 2, and: 2, or: 2, xor: 2, lshift: 2, rshift: 2, compl: 1, tolower: 1, toupper: 1, close: 1, system: 1 };
const PUNCT = ['**=', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '**', '>>', '!~', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
/** awk lets a statement continue on the next line after these tokens. */
const NL_AFTER = new Set(['{', '&&', '||', ',', 'do', 'else']);

class Lexer {
  pos = 0;
  line = 1;
  prev = 'NEWLINE';

  constructor(
    private readonly src: string,
    private readonly name: string,
  ) {}

  save(): { pos: number; line: number; prev: string } {
    return { pos: this.pos, line: this.line, prev: this.prev };
  }

  restore(s: { pos: number; line: number; prev: string }): void {
    this.pos = s.pos;
    this.line = s.line;
    this.prev = s.prev;
  }

  error(msg: string, line = this.line): Fatal {
    return new Fatal(`${this.name}:${line}: ${msg}`);
  }

  private tok(t: string, v: string, n: number, line: number, pos: number): Token {
    this.prev = t;
    return { t, v, n, line, pos };
  }

  next(): Token {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else if (c === '\n') {
        const line = this.line++;
        this.pos++;
        if (!NL_AFTER.has(this.prev)) return this.tok('NEWLINE', '\n', 0, line, this.pos - 1);
      } else break;
    }
    const start = this.pos;
    const c = s[start];
    if (c === undefined) return this.tok('EOF', '', 0, this.line, start);
    if (c === '"') return this.string(start);
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[start + 1] ?? ''))) {
      const m = /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
      m.lastIndex = start;
      const text = m.exec(s)?.[0] ?? c;
      this.pos = start + text.length;
      return this.tok('NUMBER', text, Number(text), this.line, start);
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /[A-Za-z_][A-Za-z0-9_]*/y;
      m.lastIndex = start;
      const word = m.exec(s)?.[0] ?? c;
      this.pos = start + word.length;
      if (KEYWORDS.has(word)) return this.tok(word === 'func' ? 'function' : word, word, 0, this.line, start);
      if (BUILTINS.has(word)) return this.tok('BUILTIN', word, 0, this.line, start);
      // Only a name glued to "(" calls a user function: `f (x)` concatenates f and (x).
      return this.tok(s[this.pos] === '(' ? 'FUNC_NAME' : 'NAME', word, 0, this.line, start);
    }
    for (const p of PUNCT) {
      if (s.startsWith(p, start)) {
        this.pos += p.length;
        return this.tok(p, p, 0, this.line, start);
      }
    }
    throw this.error('Unexpected token');
  }

  private string(start: number): Token {
    const s = this.src;
    const line = this.line;
    let v = '';
    let i = start + 1;
    for (;;) {
      const ch = s[i];
      if (ch === undefined || ch === '\n') throw this.error('Unexpected end of string');
      if (ch === '"') break;
      if (ch === '\\') {
        if (s[i + 1] === '\n') {
          i += 2;
          this.line++;
          continue;
        }
        const e = escapeAt(s, i + 1);
        v += e.text;
        i = e.next;
        continue;
      }
      v += ch;
      i++;
    }
    this.pos = i + 1;
    return this.tok('STRING', v, 0, line, start);
  }

  /** Re-read a "/" or "/=" token as a regex literal: only the parser knows an operand is due. */
  regex(at: Token): Token {
    const s = this.src;
    let i = at.pos + 1;
    let raw = '';
    let bracket = false;
    let bracketStart = 0;
    for (;;) {
      const ch = s[i];
      if (ch === undefined || ch === '\n') throw this.error('Unexpected end of string', at.line);
      if (ch === '\\' && s[i + 1] !== undefined && s[i + 1] !== '\n') {
        raw += ch + s[i + 1];
        i += 2;
        continue;
      }
      if (bracket) {
        if (ch === ']' && i !== bracketStart) bracket = false;
      } else if (ch === '[') {
        bracket = true;
        bracketStart = i + 1 + (s[i + 1] === '^' ? 1 : 0);
      } else if (ch === '/') break;
      raw += ch;
      i++;
    }
    this.pos = i + 1;
    return this.tok('ERE', regexLiteralEscapes(raw), 0, at.line, at.pos);
  }
}

// ---------------------------------------------------------------------------------------------
// AST

type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; re: RegExp }
  | { k: 'var'; name: string }
  | { k: 'idx'; name: string; subs: Expr[] }
  | { k: 'field'; e: Expr }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'neg' | 'plus' | 'not'; e: Expr }
  | { k: 'incdec'; delta: number; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'ucall'; name: string; args: Expr[] }
  | { k: 'getline'; target: LValue | null; file: Expr | null; cmd: Expr | null }
  /** `(a, b)`: only valid before `in` or as the whole argument list of print. */
  | { k: 'group'; items: Expr[]; line: number };
type LValue = Extract<Expr, { k: 'var' | 'idx' | 'field' }>;

interface Redir {
  mode: string;
  target: Expr;
}

/** `at` is "cmd. line:3" (or "prog.awk:3"), the position runtime errors name. */
type Stmt = { at: string } & (
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; redir: Redir | null }
  | { k: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init: Expr | null; c: Expr | null; step: Expr | null; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e: Expr | null }
  | { k: 'delete'; name: string; subs: Expr[] | null }
);

interface Rule {
  at: string;
  pattern: Expr | null;
  /** The second pattern of a range `p1, p2`. */
  end: Expr | null;
  /** null: print $0. */
  action: Stmt[] | null;
  inRange: boolean;
}

interface Func {
  params: string[];
  body: Stmt[];
}

interface Program {
  begin: Stmt[];
  main: Rule[];
  end: Stmt[];
  funcs: Map<string, Func>;
}

function isLvalue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'idx' || e.k === 'field';
}

// ---------------------------------------------------------------------------------------------
// Parser

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=', '**=']);
const COMPARE_OPS = new Set(['<', '<=', '==', '!=', '>=', '>']);
/** Tokens that start an operand of concatenation (`$1 " " $2`). */
const CONCAT_START = new Set(['NUMBER', 'STRING', 'NAME', 'FUNC_NAME', 'BUILTIN', '$', '(']);
const REDIRS = new Set(['>', '>>', '|']);
const SIMPLE_END = new Set(['NEWLINE', ';', '}', 'EOF', 'else']);

class Parser {
  private readonly lx: Lexer;
  private tok: Token;
  /** Inside print's arguments an unparenthesized ">" is a redirection, not a comparison. */
  private noGt = false;
  private loops = 0;
  private inFunc = false;
  private readonly groups = new Set<Expr>();

  constructor(
    src: string,
    private readonly name: string,
    private readonly prog: Program,
  ) {
    this.lx = new Lexer(src, name);
    this.tok = this.lx.next();
  }

  private error(t = this.tok): Fatal {
    return new Fatal(`${this.name}:${t.line}: ${t.t === 'EOF' || t.t === 'NEWLINE' ? 'Unexpected end of string' : 'Unexpected token'}`);
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.lx.next();
    return t;
  }

  /** A method, not `this.tok.t === t`, because TS would keep that narrowing across advance(). */
  private is(t: string): boolean {
    return this.tok.t === t;
  }

  private expect(t: string): Token {
    if (this.tok.t !== t) throw this.error();
    return this.advance();
  }

  private newlines(): void {
    while (this.tok.t === 'NEWLINE') this.advance();
  }

  private terms(): void {
    while (this.tok.t === 'NEWLINE' || this.tok.t === ';') this.advance();
  }

  parse(): void {
    this.terms();
    while (this.tok.t !== 'EOF') {
      this.item();
      this.terms();
    }
    for (const g of this.groups) if (g.k === 'group') throw new Fatal(`${this.name}:${g.line}: Unexpected token`);
  }

  private item(): void {
    const t = this.tok;
    if (t.t === 'BEGIN' || t.t === 'END') {
      this.advance();
      this.newlines();
      (t.t === 'BEGIN' ? this.prog.begin : this.prog.end).push(...this.block());
      return;
    }
    if (t.t === 'function') {
      this.advance();
      const name = this.tok;
      if (name.t !== 'NAME' && name.t !== 'FUNC_NAME') throw this.error();
      this.advance();
      this.expect('(');
      const params: string[] = [];
      while (!this.is(')')) {
        params.push(this.expect('NAME').v);
        if (this.is(',')) this.advance();
        else if (!this.is(')')) throw this.error();
      }
      this.advance();
      this.newlines();
      this.inFunc = true;
      const body = this.block();
      this.inFunc = false;
      this.prog.funcs.set(name.v, { params, body });
      return;
    }
    const at = `${this.name}:${t.line}`;
    if (t.t === '{') {
      this.prog.main.push({ at, pattern: null, end: null, action: this.block(), inRange: false });
      return;
    }
    const pattern = this.expr();
    let end: Expr | null = null;
    if (this.tok.t === ',') {
      this.advance();
      end = this.expr();
    }
    if (this.tok.t === '{') {
      this.prog.main.push({ at, pattern, end, action: this.block(), inRange: false });
      return;
    }
    if (this.tok.t !== 'NEWLINE' && this.tok.t !== ';' && this.tok.t !== 'EOF') throw this.error();
    this.prog.main.push({ at, pattern, end, action: null, inRange: false });
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    for (;;) {
      this.terms();
      if (this.tok.t === '}') break;
      body.push(this.stmt());
    }
    this.advance();
    return body;
  }

  private loopBody(): Stmt {
    this.loops++;
    try {
      return this.stmt();
    } finally {
      this.loops--;
    }
  }

  private stmt(): Stmt {
    const t = this.tok;
    const at = `${this.name}:${t.line}`;
    switch (t.t) {
      case '{':
        return { at, k: 'block', body: this.block() };
      case ';':
        this.advance();
        return { at, k: 'block', body: [] };
      case 'if': {
        this.advance();
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        this.newlines();
        const then = this.stmt();
        this.terms();
        let els: Stmt | null = null;
        if (this.tok.t === 'else') {
          this.advance();
          this.newlines();
          els = this.stmt();
        }
        return { at, k: 'if', c, then, else: els };
      }
      case 'while': {
        this.advance();
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        if (this.tok.t !== ';') this.newlines();
        return { at, k: 'while', c, body: this.loopBody() };
      }
      case 'do': {
        this.advance();
        this.newlines();
        const body = this.loopBody();
        this.terms();
        this.expect('while');
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        this.endSimple();
        return { at, k: 'do', body, c };
      }
      case 'for':
        return this.forStmt(at);
      default: {
        const s = this.simple(at);
        this.endSimple();
        return s;
      }
    }
  }

  private forStmt(at: string): Stmt {
    this.advance();
    this.expect('(');
    if (this.tok.t === 'NAME') {
      const saved = this.lx.save();
      const a = this.lx.next();
      const b = this.lx.next();
      const c = this.lx.next();
      this.lx.restore(saved);
      if (a.t === 'in' && b.t === 'NAME' && c.t === ')') {
        const v = this.advance().v;
        this.advance();
        const arr = this.advance().v;
        this.advance();
        this.newlines();
        return { at, k: 'forin', v, arr, body: this.loopBody() };
      }
    }
    const init = this.tok.t === ';' ? null : this.expr();
    this.expect(';');
    this.newlines();
    const c = this.tok.t === ';' ? null : this.expr();
    this.expect(';');
    this.newlines();
    const step = this.tok.t === ')' ? null : this.expr();
    this.expect(')');
    if (this.tok.t !== ';') this.newlines();
    return { at, k: 'for', init, c, step, body: this.loopBody() };
  }

  private endSimple(): void {
    if (this.tok.t === ';' || this.tok.t === 'NEWLINE') this.advance();
    else if (!SIMPLE_END.has(this.tok.t)) throw this.error();
  }

  private simple(at: string): Stmt {
    const t = this.tok;
    switch (t.t) {
      case 'print':
      case 'printf':
        return this.print(at);
      case 'next':
        this.advance();
        return { at, k: 'next' };
      case 'nextfile':
        this.advance();
        return { at, k: 'nextfile' };
      case 'break':
      case 'continue':
        if (!this.loops) throw this.error();
        this.advance();
        return { at, k: t.t === 'break' ? 'break' : 'continue' };
      case 'exit':
      case 'return': {
        if (t.t === 'return' && !this.inFunc) throw this.error();
        this.advance();
        const e = SIMPLE_END.has(this.tok.t) ? null : this.expr();
        return { at, k: t.t === 'exit' ? 'exit' : 'return', e };
      }
      case 'delete': {
        this.advance();
        const name = this.expect('NAME').v;
        let subs: Expr[] | null = null;
        if (this.tok.t === '[') {
          this.advance();
          subs = this.nested(() => this.exprList());
          this.expect(']');
        }
        return { at, k: 'delete', name, subs };
      }
      default:
        return { at, k: 'expr', e: this.expr() };
    }
  }

  private print(at: string): Stmt {
    const kind = this.advance().t === 'print' ? 'print' : 'printf';
    let args: Expr[] = [];
    if (!SIMPLE_END.has(this.tok.t) && !REDIRS.has(this.tok.t)) {
      const saved = this.noGt;
      this.noGt = true;
      args = this.exprList();
      this.noGt = saved;
      const only = args[0];
      if (args.length === 1 && only?.k === 'group') {
        this.groups.delete(only);
        args = only.items;
      }
    }
    let redir: Redir | null = null;
    if (REDIRS.has(this.tok.t)) {
      const mode = this.advance().t;
      const saved = this.noGt;
      this.noGt = true;
      redir = { mode, target: this.concat() };
      this.noGt = saved;
    }
    if (kind === 'printf' && args.length === 0) throw this.error();
    return { at, k: kind, args, redir };
  }

  /** Parentheses and brackets make ">" a comparison again inside print's arguments. */
  private nested<T>(f: () => T): T {
    const saved = this.noGt;
    this.noGt = false;
    try {
      return f();
    } finally {
      this.noGt = saved;
    }
  }

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.tok.t === ',') {
      this.advance();
      list.push(this.expr());
    }
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const c = this.or();
    if (this.tok.t === '?') {
      this.advance();
      this.newlines();
      const a = this.ternary();
      this.newlines();
      this.expect(':');
      this.newlines();
      return { k: 'cond', c, a, b: this.ternary() };
    }
    if (ASSIGN_OPS.has(this.tok.t) && isLvalue(c)) {
      const op = this.advance().t;
      this.newlines();
      return { k: 'assign', op: op === '=' ? '' : op === '**=' ? '^' : op.slice(0, -1), target: c, e: this.ternary() };
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.tok.t === '||') {
      this.advance();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.tok.t === '&&') {
      this.advance();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.match();
    while (this.tok.t === 'in') {
      this.advance();
      const name = this.expect('NAME').v;
      let subs = [a];
      if (a.k === 'group') {
        this.groups.delete(a);
        subs = a.items;
      }
      a = { k: 'in', subs, name };
    }
    return a;
  }

  private match(): Expr {
    let a = this.comparison();
    while (this.tok.t === '~' || this.tok.t === '!~') {
      const neg = this.advance().t === '!~';
      a = { k: 'match', neg, a, re: this.comparison() };
    }
    return a;
  }

  private comparison(): Expr {
    let a = this.concat();
    for (;;) {
      const t = this.tok.t;
      if (t === '|') {
        const saved = this.lx.save();
        const next = this.lx.next();
        this.lx.restore(saved);
        if (next.t !== 'getline') return a;
        this.advance();
        this.advance();
        a = { k: 'getline', cmd: a, target: this.optLvalue(), file: null };
      } else if (COMPARE_OPS.has(t) && !(t === '>' && this.noGt)) {
        this.advance();
        a = { k: 'cmp', op: t, a, b: this.concat() };
      } else return a;
    }
  }

  private concat(): Expr {
    let a = this.additive();
    while (CONCAT_START.has(this.tok.t)) a = { k: 'concat', a, b: this.additive() };
    return a;
  }

  private additive(): Expr {
    let a = this.mul();
    while (this.tok.t === '+' || this.tok.t === '-') {
      const op = this.advance().t;
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Expr {
    let a = this.unary();
    while (this.tok.t === '*' || this.tok.t === '/' || this.tok.t === '%') {
      const op = this.advance().t;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    const t = this.tok.t;
    if (t === '!' || t === '-' || t === '+') {
      this.advance();
      return { k: t === '!' ? 'not' : t === '-' ? 'neg' : 'plus', e: this.unary() };
    }
    return this.pow();
  }

  /** `^` binds tighter than unary minus on its left (-2^2 is -4) and is right-associative. */
  private pow(): Expr {
    const base = this.postfix();
    if (this.tok.t !== '^' && this.tok.t !== '**') return base;
    this.advance();
    return { k: 'bin', op: '^', a: base, b: this.powRight() };
  }

  private powRight(): Expr {
    const t = this.tok.t;
    if (t === '!' || t === '-' || t === '+') {
      this.advance();
      return { k: t === '!' ? 'not' : t === '-' ? 'neg' : 'plus', e: this.powRight() };
    }
    return this.pow();
  }

  private postfix(): Expr {
    const t = this.tok;
    if (t.t === '++' || t.t === '--') {
      this.advance();
      const target = this.primary();
      if (!isLvalue(target)) throw this.error(t);
      return { k: 'incdec', delta: t.t === '++' ? 1 : -1, prefix: true, target };
    }
    const e = this.primary();
    if ((this.tok.t === '++' || this.tok.t === '--') && isLvalue(e)) {
      const delta = this.advance().t === '++' ? 1 : -1;
      return { k: 'incdec', delta, prefix: false, target: e };
    }
    return e;
  }

  /** What follows `$`: a primary, so `$NF-1` is ($NF)-1 and `$i++` is ($i)++. */
  private fieldOperand(): Expr {
    const t = this.tok.t;
    if (t === '++' || t === '--') return this.postfix();
    if (t === '-' || t === '+' || t === '!') {
      this.advance();
      return { k: t === '!' ? 'not' : t === '-' ? 'neg' : 'plus', e: this.fieldOperand() };
    }
    return this.primary();
  }

  private optLvalue(): LValue | null {
    if (this.tok.t === '$') {
      this.advance();
      return { k: 'field', e: this.fieldOperand() };
    }
    if (this.tok.t !== 'NAME') return null;
    const e = this.primary();
    return isLvalue(e) ? e : null;
  }

  private args(): Expr[] {
    this.expect('(');
    const list = this.tok.t === ')' ? [] : this.nested(() => this.exprList());
    this.expect(')');
    return list;
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'NUMBER':
        this.advance();
        return { k: 'num', v: t.n };
      case 'STRING':
        this.advance();
        return { k: 'str', v: t.v };
      case '/':
      case '/=': {
        const re = this.lx.regex(t);
        this.tok = this.lx.next();
        return { k: 're', re: compileRegex(re.v) };
      }
      case '(': {
        this.advance();
        const items = this.nested(() => this.exprList());
        this.expect(')');
        if (items.length === 1 && items[0]) return items[0];
        const g: Expr = { k: 'group', items, line: t.line };
        this.groups.add(g);
        return g;
      }
      case '$':
        this.advance();
        return { k: 'field', e: this.fieldOperand() };
      case 'NAME': {
        this.advance();
        if (this.tok.t !== '[') return { k: 'var', name: t.v };
        this.advance();
        const subs = this.nested(() => this.exprList());
        this.expect(']');
        return { k: 'idx', name: t.v, subs };
      }
      case 'FUNC_NAME':
        this.advance();
        return { k: 'ucall', name: t.v, args: this.args() };
      case 'BUILTIN': {
        this.advance();
        let args: Expr[] = [];
        if (this.tok.t === '(') args = this.args();
        else if (t.v !== 'length') throw this.error();
        if (args.length < (MIN_ARGS[t.v] ?? 0)) throw new Fatal(`${this.name}:${t.line}: Too few arguments for builtin`);
        return { k: 'call', name: t.v, args };
      }
      case 'getline': {
        this.advance();
        const target = this.optLvalue();
        let file: Expr | null = null;
        if (this.tok.t === '<') {
          this.advance();
          file = this.postfix();
        }
        return { k: 'getline', target, file, cmd: null };
      }
      default:
        throw this.error(t);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Runtime

interface Slot {
  v: Val;
  /** A name may be an array; one is created on first use as such (or when passed to a function). */
  arr: Map<string, Val> | undefined;
}

type Ref = { k: 'var'; name: string } | { k: 'idx'; arr: Map<string, Val>; key: string } | { k: 'field'; i: number };

/** Text being read record by record: an input file, stdin, or a `getline < file`. */
class Source {
  pos = 0;
  constructor(readonly text: string) {}
}

class Runtime {
  private readonly globals = new Map<string, Slot>();
  private readonly frames: Map<string, Slot>[] = [];
  private readonly nf: Slot;
  private readonly fs: Slot;
  private record = '';
  private fields: Val[] | null = null;
  private steps = 0;
  private depth = 0;
  private written = 0;
  /** The position runtime errors name: the statement being run. */
  private at = 'cmd. line:1';
  private exitCode = 0;
  private exiting = false;
  private argIndex = 0;
  private cur: Source | null = null;
  private readAny = false;
  private readonly inputs = new Map<string, Source | null>();
  private readonly opened = new Set<string>();
  private readonly noted = new Set<string>();
  private readonly reCache = new Map<string, RegExp>();
  private seed = 1;
  private rng = 1;

  constructor(
    private readonly env: AppletEnv,
    private readonly prog: Program,
  ) {
    const init: [string, Val][] = [
      ['FS', ' '],
      ['OFS', ' '],
      ['ORS', '\n'],
      ['RS', '\n'],
      ['SUBSEP', '\x1c'],
      ['CONVFMT', '%.6g'],
      ['OFMT', '%.6g'],
      ['NR', 0],
      ['FNR', 0],
      ['NF', 0],
      ['FILENAME', ''],
    ];
    for (const [name, v] of init) this.globals.set(name, { v, arr: undefined });
    this.nf = this.slot('NF');
    this.fs = this.slot('FS');
    const environ = this.array('ENVIRON');
    for (const [k, v] of env.ctx.env) environ.set(k, new StrNum(v));
  }

  // -- variables ------------------------------------------------------------------------------

  private slot(name: string): Slot {
    const frame = this.frames[this.frames.length - 1];
    const local = frame?.get(name);
    if (local) return local;
    let s = this.globals.get(name);
    if (!s) {
      s = { v: UNINIT, arr: undefined };
      this.globals.set(name, s);
    }
    return s;
  }

  private global(name: string): Val {
    return this.globals.get(name)?.v ?? UNINIT;
  }

  private globalStr(name: string): string {
    return this.toStr(this.global(name));
  }

  private getVar(name: string): Val {
    const s = this.slot(name);
    return s === this.nf ? this.split().length : s.v;
  }

  setVar(name: string, v: Val): void {
    const s = this.slot(name);
    if (s === this.nf) return this.setNF(toNum(v));
    // POSIX: a new FS applies from the next record, so split this one with the old FS first.
    if (s === this.fs) this.split();
    s.v = v;
  }

  private array(name: string): Map<string, Val> {
    const s = this.slot(name);
    return (s.arr ??= new Map());
  }

  private subscript(subs: Expr[]): string {
    if (subs.length === 1 && subs[0]) return this.toStr(this.eval(subs[0]));
    return subs.map((e) => this.toStr(this.eval(e))).join(this.globalStr('SUBSEP'));
  }

  /** VAR=VAL from -v or an operand: the value is input, so it may compare as a number. */
  assignOperand(s: string): boolean {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(s);
    if (!m) return false;
    this.setVar(m[1]!, new StrNum(unescape(m[2]!)));
    return true;
  }

  setArgv(operands: string[]): void {
    const argv = this.array('ARGV');
    argv.set('0', new StrNum('awk'));
    operands.forEach((a, i) => argv.set(String(i + 1), new StrNum(a)));
    this.slot('ARGC').v = operands.length + 1;
  }

  // -- conversions ----------------------------------------------------------------------------

  private toStr(v: Val): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') {
      const f = this.global('CONVFMT');
      return this.numToStr(v, typeof f === 'number' ? '%.6g' : typeof f === 'string' ? f : f.s);
    }
    return v.s;
  }

  /** print uses OFMT for numbers, concatenation and subscripts CONVFMT; integers print whole. */
  private outStr(v: Val): string {
    if (typeof v !== 'number') return this.toStr(v);
    const f = this.global('OFMT');
    return this.numToStr(v, typeof f === 'number' ? '%.6g' : typeof f === 'string' ? f : f.s);
  }

  private numToStr(n: number, fmt: string): string {
    if (Number.isInteger(n)) {
      if (Math.abs(n) < 1e16) return String(n);
      if (Math.abs(n) < 2 ** 63) return BigInt(n).toString();
    }
    // busybox looks only at the format's last letter, and accepts nothing but a number format.
    const last = fmt[fmt.length - 1] ?? '';
    if (last === '' || !'diouxXeEfFgG'.includes(last)) throw this.fatal('Invalid format specifier');
    return this.format(fmt, [n]);
  }

  private fatal(msg: string): Fatal {
    return new Fatal(`${this.at}: ${msg}`);
  }

  private checkLength(s: string): string {
    if (s.length > MAX_STRING) throw this.fatal('string too long');
    return s;
  }

  // -- records and fields ---------------------------------------------------------------------

  private setRecord(s: string): void {
    this.record = s;
    this.fields = null;
  }

  /** The fields of $0, split on first use with the FS of that moment. */
  private split(): Val[] {
    return (this.fields ??= this.splitFS(this.record).map((s) => new StrNum(s)));
  }

  private splitFS(s: string): string[] {
    return this.splitWith(s, this.toStr(this.fs.v), this.globalStr('RS') === '');
  }

  /** FS rules: " " is runs of blanks, one other character is literal, "" every character, else a regex. */
  private splitWith(s: string, fs: string, paragraph: boolean): string[] {
    if (fs === ' ') {
      const t = s.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
      return t === '' ? [] : t.split(BLANKS);
    }
    if (s === '') return [];
    if (fs === '') return [...s];
    if (fs.length === 1) {
      const parts = s.split(fs);
      // In paragraph mode (RS "") a newline separates fields whatever FS is.
      return paragraph ? parts.flatMap((p) => p.split('\n')) : parts;
    }
    return this.splitRe(s, this.dynRe(paragraph ? `(${fs})|\n` : fs));
  }

  private splitRe(s: string, re: RegExp): string[] {
    if (s === '') return [];
    const parts: string[] = [];
    let pos = 0;
    for (;;) {
      let m = search(re, s, pos);
      // An empty match separates nothing: look further.
      while (m && m[0] === '') m = m.index < s.length ? search(re, s, m.index + 1) : null;
      if (!m) {
        parts.push(s.slice(pos));
        return parts;
      }
      parts.push(s.slice(pos, m.index));
      pos = m.index + m[0].length;
    }
  }

  private fieldIndex(e: Expr): number {
    const n = Math.trunc(toNum(this.eval(e))) || 0;
    if (n < 0) throw this.fatal('Access to negative field');
    if (n > MAX_FIELDS) throw this.fatal('Field index too large');
    return n;
  }

  private getField(i: number): Val {
    if (i === 0) return new StrNum(this.record);
    return this.split()[i - 1] ?? UNINIT;
  }

  private setField(i: number, v: Val): void {
    if (i === 0) return this.setRecord(this.toStr(v));
    const f = this.split();
    while (f.length < i) f.push(UNINIT);
    f[i - 1] = v;
    this.rebuild(f);
  }

  private setNF(n: number): void {
    const count = Math.trunc(n) || 0;
    if (count < 0) throw this.fatal('Access to negative field');
    if (count > MAX_FIELDS) throw this.fatal('Field index too large');
    const f = this.split();
    f.length = Math.min(f.length, count);
    while (f.length < count) f.push(UNINIT);
    this.rebuild(f);
  }

  /** Assigning a field or NF rebuilds $0 from the fields joined with OFS. */
  private rebuild(f: Val[]): void {
    const ofs = this.globalStr('OFS');
    this.record = this.checkLength(f.map((v) => this.toStr(v)).join(ofs));
  }

  // -- input ----------------------------------------------------------------------------------

  /** The next record of `src` under the current RS ("\n", one character, "" for paragraphs, or a regex). */
  private readRecord(src: Source): string | null {
    const rs = this.globalStr('RS');
    const t = src.text;
    if (rs === '') {
      let p = src.pos;
      while (t[p] === '\n') p++;
      if (p >= t.length) {
        src.pos = p;
        return null;
      }
      const m = search(PARAGRAPH_END, t, p);
      if (!m) {
        src.pos = t.length;
        return t.slice(p).replace(/\n+$/, '');
      }
      src.pos = m.index + m[0].length;
      return t.slice(p, m.index);
    }
    if (src.pos >= t.length) return null;
    let start = -1;
    let end = -1;
    if (rs.length === 1) {
      start = t.indexOf(rs, src.pos);
      end = start + 1;
    } else {
      const re = this.dynRe(rs);
      let m = search(re, t, src.pos);
      while (m && m[0] === '') m = m.index < t.length ? search(re, t, m.index + 1) : null;
      if (m) {
        start = m.index;
        end = m.index + m[0].length;
      }
    }
    const from = src.pos;
    if (start < 0) {
      src.pos = t.length;
      return t.slice(from);
    }
    src.pos = end;
    return t.slice(from, start);
  }

  /** The main input: operands in ARGV order (VAR=VAL ones assign when reached), else stdin. */
  private nextMainRecord(): string | null {
    for (;;) {
      if (this.cur) {
        const r = this.readRecord(this.cur);
        if (r !== null) return r;
        this.cur = null;
      }
      if (!this.openNext()) return null;
    }
  }

  private openNext(): boolean {
    const argv = this.array('ARGV');
    while (this.argIndex + 1 < toNum(this.global('ARGC'))) {
      this.argIndex++;
      const v = argv.get(String(this.argIndex));
      const name = v === undefined ? '' : this.toStr(v);
      if (name === '' || this.assignOperand(name)) continue;
      // busybox dies on a file it cannot open (xfopen): no END, status 1.
      const text = readInput(this.env, 'awk', name);
      if (text === null) throw new Fatal(null);
      return this.startFile(name, text);
    }
    if (this.readAny) return false;
    return this.startFile('-', this.env.stdin.readAll());
  }

  private startFile(name: string, text: string): boolean {
    this.readAny = true;
    this.slot('FILENAME').v = name;
    this.slot('FNR').v = 0;
    this.cur = new Source(text);
    return true;
  }

  private countRecord(): void {
    for (const name of ['NR', 'FNR']) {
      const s = this.slot(name);
      s.v = toNum(s.v) + 1;
    }
  }

  private getline(e: Extract<Expr, { k: 'getline' }>): Val {
    if (e.cmd) {
      // 0 (no output) rather than -1, so `while ("cmd" | getline x)` ends instead of spinning.
      this.note(`"${this.toStr(this.eval(e.cmd))}" | getline: running commands is not supported`);
      return 0;
    }
    let rec: string | null;
    if (e.file) {
      const src = this.openRead(this.toStr(this.eval(e.file)));
      if (!src) return -1;
      rec = this.readRecord(src);
    } else {
      rec = this.nextMainRecord();
      if (rec !== null) this.countRecord();
    }
    if (rec === null) return 0;
    if (e.target) this.setRef(this.resolve(e.target), new StrNum(rec));
    else this.setRecord(rec);
    return 1;
  }

  private openRead(name: string): Source | null {
    const known = this.inputs.get(name);
    if (known !== undefined) return known;
    let src: Source | null = null;
    if (name === '-' || name === '/dev/stdin') src = new Source(this.env.stdin.readAll());
    else {
      const n = this.env.ctx.fs.stat(normalizePath(name, this.env.ctx.cwd));
      if (n?.kind === 'file') src = new Source(n.content);
    }
    this.inputs.set(name, src);
    return src;
  }

  // -- output ---------------------------------------------------------------------------------

  private note(msg: string): void {
    if (this.noted.has(msg)) return;
    this.noted.add(msg);
    this.env.ctx.stderr(`awk: ${this.at}: ${msg}\n`);
  }

  private emit(text: string, redir: Redir | null, what = 'print'): void {
    this.written += text.length;
    if (this.written > MAX_OUTPUT) throw this.fatal('too much output, stopped');
    if (!redir) return this.env.ctx.stdout(text);
    const dest = this.toStr(this.eval(redir.target));
    if (redir.mode === '|') return this.note(`${what} | "${dest}": running commands is not supported`);
    if (dest === '/dev/stdout') return this.env.ctx.stdout(text);
    if (dest === '/dev/stderr') return this.env.ctx.stderr(text);
    if (dest === '/dev/null') return;
    const path = normalizePath(dest, this.env.ctx.cwd);
    // ">" truncates when the program first opens the file; later prints to it append.
    const append = redir.mode === '>>' || this.opened.has(path);
    this.opened.add(path);
    try {
      this.env.ctx.fs.writeFile(path, text, append);
    } catch (e) {
      if (e instanceof FsError) throw new Fatal(`can't open '${dest}': ${errText(e)}`);
      throw e;
    }
  }

  // -- printf ---------------------------------------------------------------------------------

  private format(fmt: string, args: Val[]): string {
    let res = '';
    let ai = 0;
    const next = (): Val => args[ai++] ?? UNINIT;
    for (let i = 0; i < fmt.length; ) {
      const pct = fmt.indexOf('%', i);
      if (pct < 0) {
        res += fmt.slice(i);
        break;
      }
      res += fmt.slice(i, pct);
      SPEC.lastIndex = pct;
      const m = SPEC.exec(fmt);
      if (!m) break;
      i = SPEC.lastIndex;
      let flags = m[1] ?? '';
      const conv = m[4] ?? '';
      if (conv === '%') {
        res += '%';
        continue;
      }
      if (!/[a-zA-Z]/.test(conv)) {
        res += m[0];
        continue;
      }
      let width = m[2] === undefined ? 0 : m[2] === '*' ? Math.trunc(toNum(next())) || 0 : Number(m[2]);
      if (width < 0) {
        flags += '-';
        width = -width;
      }
      let prec: number | null = m[3] === undefined ? null : m[3] === '*' ? Math.trunc(toNum(next())) : Number(m[3] || 0);
      if (prec !== null && !(prec >= 0)) prec = null;
      if (width > MAX_STRING || (prec ?? 0) > MAX_STRING) throw this.fatal('string too long');
      const arg = next();
      let s: string;
      let zeroOk = true;
      switch (conv) {
        case 'c':
          s = this.charOf(arg);
          zeroOk = false;
          break;
        case 's':
          s = this.toStr(arg);
          if (prec !== null) s = s.slice(0, prec);
          zeroOk = false;
          break;
        case 'd':
        case 'i':
          s = fmtInt(toNum(arg), flags, prec);
          zeroOk = prec === null;
          break;
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          s = fmtUnsigned(toNum(arg), conv, flags, prec);
          zeroOk = prec === null;
          break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
          s = fmtFloat(toNum(arg), conv, flags, prec);
          break;
        default:
          throw this.fatal('Invalid format specifier');
      }
      res = this.checkLength(res + pad(s, width, flags, zeroOk));
    }
    return res;
  }

  /** %c: a number is a character code, a string gives its first character. */
  private charOf(v: Val): string {
    if (v === UNINIT) return '';
    if (isNum(v)) {
      const n = Math.trunc(toNum(v));
      return n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return this.toStr(v).charAt(0);
  }

  // -- expressions ----------------------------------------------------------------------------

  private dynRe(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      if (this.reCache.size > 500) this.reCache.clear();
      re = compileRegex(src);
      this.reCache.set(src, re);
    }
    return re;
  }

  private regexOf(e: Expr): RegExp {
    return e.k === 're' ? e.re : this.dynRe(this.toStr(this.eval(e)));
  }

  private resolve(t: LValue): Ref {
    switch (t.k) {
      case 'var':
        return { k: 'var', name: t.name };
      case 'idx':
        return { k: 'idx', arr: this.array(t.name), key: this.subscript(t.subs) };
      case 'field':
        return { k: 'field', i: this.fieldIndex(t.e) };
    }
  }

  private getRef(r: Ref): Val {
    switch (r.k) {
      case 'var':
        return this.getVar(r.name);
      case 'idx': {
        const v = r.arr.get(r.key);
        if (v !== undefined) return v;
        r.arr.set(r.key, UNINIT);
        return UNINIT;
      }
      case 'field':
        return this.getField(r.i);
    }
  }

  private setRef(r: Ref, v: Val): void {
    if (r.k === 'var') this.setVar(r.name, v);
    else if (r.k === 'idx') r.arr.set(r.key, v);
    else this.setField(r.i, v);
  }

  private arith(op: string, x: number, y: number): number {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0) throw this.fatal('Division by zero');
        return x / y;
      case '%':
        if (y === 0) throw this.fatal('Division by zero');
        return x % y;
      default:
        return x ** y;
    }
  }

  /** Numbers and numeric-looking input compare as numbers; anything else as strings. */
  private compare(op: string, a: Val, b: Val): boolean {
    let c: number;
    if (isNum(a) && isNum(b)) {
      const x = toNum(a);
      const y = toNum(b);
      c = x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    } else {
      const x = this.toStr(a);
      const y = this.toStr(b);
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    switch (op) {
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '==':
        return c === 0;
      case '!=':
        return c !== 0;
      case '>=':
        return c >= 0;
      default:
        return c > 0;
    }
  }

  private eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
      case 'str':
        return e.v;
      case 're':
        return search(e.re, this.record, 0) ? 1 : 0;
      case 'var':
        return this.getVar(e.name);
      case 'idx':
        return this.getRef({ k: 'idx', arr: this.array(e.name), key: this.subscript(e.subs) });
      case 'field':
        return this.getField(this.fieldIndex(e.e));
      case 'assign': {
        const ref = this.resolve(e.target);
        let v = this.eval(e.e);
        if (e.op) v = this.arith(e.op, toNum(this.getRef(ref)), toNum(v));
        this.setRef(ref, v);
        return v;
      }
      case 'cond':
        return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.toStr(this.eval(e.a));
        return (search(this.regexOf(e.re), s, 0) !== null) !== e.neg ? 1 : 0;
      }
      case 'cmp':
        return this.compare(e.op, this.eval(e.a), this.eval(e.b)) ? 1 : 0;
      case 'concat':
        return this.checkLength(this.toStr(this.eval(e.a)) + this.toStr(this.eval(e.b)));
      case 'bin':
        return this.arith(e.op, toNum(this.eval(e.a)), toNum(this.eval(e.b)));
      case 'neg':
        return -toNum(this.eval(e.e));
      case 'plus':
        return toNum(this.eval(e.e));
      case 'not':
        return truthy(this.eval(e.e)) ? 0 : 1;
      case 'incdec': {
        const ref = this.resolve(e.target);
        const old = toNum(this.getRef(ref));
        this.setRef(ref, old + e.delta);
        return e.prefix ? old + e.delta : old;
      }
      case 'call':
        return this.builtin(e.name, e.args);
      case 'ucall':
        return this.callUser(e.name, e.args);
      case 'getline':
        return this.getline(e);
      case 'group':
        throw this.fatal('Unexpected token');
    }
  }

  private callUser(name: string, args: Expr[]): Val {
    const f = this.prog.funcs.get(name);
    if (!f) throw this.fatal('Call to undefined function');
    if (this.depth >= MAX_DEPTH) throw this.fatal(`function calls nested too deep (over ${MAX_DEPTH})`);
    const frame = new Map<string, Slot>();
    args.forEach((a, i) => {
      const param = f.params[i];
      if (a.k === 'var') {
        // Scalars go by value, arrays by reference: share the caller's (perhaps new) array.
        const caller = this.slot(a.name);
        const v = this.getVar(a.name);
        caller.arr ??= new Map();
        if (param !== undefined) frame.set(param, { v, arr: caller.arr });
        return;
      }
      const v = this.eval(a);
      if (param !== undefined) frame.set(param, { v, arr: undefined });
    });
    for (const p of f.params) if (!frame.has(p)) frame.set(p, { v: UNINIT, arr: undefined });
    this.frames.push(frame);
    this.depth++;
    const at = this.at;
    try {
      this.block(f.body);
      return UNINIT;
    } catch (j) {
      if (j instanceof Jump && j.kind === 'return') return j.value;
      throw j;
    } finally {
      this.frames.pop();
      this.depth--;
      this.at = at;
    }
  }

  /** sub/gsub: `&` in the replacement is the match, `\&` a literal "&". */
  private substitute(re: RegExp, repl: string, s: string, global: boolean): [string, number] {
    const expand = (matched: string): string => {
      let r = '';
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i];
        const n = repl[i + 1];
        if (c === '\\' && (n === '&' || n === '\\')) {
          r += n;
          i++;
        } else r += c === '&' ? matched : c;
      }
      return r;
    };
    let res = '';
    let pos = 0;
    let count = 0;
    let prevEnd = -1;
    while (pos <= s.length) {
      const m = search(re, s, pos);
      if (!m) break;
      const start = m.index;
      const len = m[0].length;
      if (len === 0 && start === prevEnd) {
        // No empty match right where the previous match ended ("abc" gsub(/b*/,"-") is "-a-c-").
        if (start >= s.length) break;
        res += s.slice(pos, start + 1);
        pos = start + 1;
        continue;
      }
      res = this.checkLength(res + s.slice(pos, start) + expand(m[0]));
      count++;
      prevEnd = start + len;
      pos = start + len;
      if (len === 0) {
        if (start >= s.length) break;
        res += s[start];
        pos = start + 1;
      }
      if (!global) break;
    }
    return [res + s.slice(pos), count];
  }

  private builtin(name: string, a: Expr[]): Val {
    const str = (i: number): string => {
      const x = a[i];
      return x ? this.toStr(this.eval(x)) : '';
    };
    const num = (i: number): number => {
      const x = a[i];
      return x ? toNum(this.eval(x)) : 0;
    };
    const bits = (i: number): bigint => {
      const n = Math.trunc(num(i));
      return BigInt.asUintN(64, BigInt(Number.isFinite(n) ? n : 0));
    };
    switch (name) {
      case 'length': {
        const x = a[0];
        if (!x) return this.record.length;
        if (x.k === 'var') {
          const s = this.slot(x.name);
          if (s.arr && s.v === UNINIT && s !== this.nf) return s.arr.size;
        }
        return this.toStr(this.eval(x)).length;
      }
      case 'substr': {
        // busybox's arithmetic: truncate the start and length, clamp to the string.
        const s = str(0);
        let i = Math.trunc(num(1)) - 1;
        if (!(i > 0)) i = 0;
        if (i > s.length) i = s.length;
        let n = a.length > 2 ? Math.trunc(num(2)) : s.length - i;
        if (!(n > 0)) n = 0;
        return s.slice(i, i + n);
      }
      case 'index': {
        const s = str(0);
        const t = str(1);
        return t === '' ? 0 : s.indexOf(t) + 1;
      }
      case 'split': {
        const s = str(0);
        const target = a[1];
        if (target?.k !== 'var') throw this.fatal('Not an array');
        const sep = a[2];
        const parts = sep === undefined ? this.splitFS(s) : sep.k === 're' ? this.splitRe(s, sep.re) : this.splitWith(s, this.toStr(this.eval(sep)), false);
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(a[0] ?? { k: 'str', v: '' });
        const repl = str(1);
        const t = a[2];
        const ref: Ref | null = t === undefined ? { k: 'field', i: 0 } : isLvalue(t) ? this.resolve(t) : null;
        const s = ref ? this.toStr(this.getRef(ref)) : str(2);
        const [res, n] = this.substitute(re, repl, s, name === 'gsub');
        if (n > 0 && ref) this.setRef(ref, res);
        return n;
      }
      case 'match': {
        const s = str(0);
        const m = search(this.regexOf(a[1] ?? { k: 'str', v: '' }), s, 0);
        const start = m ? m.index + 1 : 0;
        this.slot('RSTART').v = start;
        this.slot('RLENGTH').v = m ? m[0].length : -1;
        return start;
      }
      case 'sprintf': {
        const fmt = str(0);
        return this.format(
          fmt,
          a.slice(1).map((x) => this.eval(x)),
        );
      }
      case 'tolower':
        return str(0).replace(/[A-Z]+/g, (c) => c.toLowerCase());
      case 'toupper':
        return str(0).replace(/[a-z]+/g, (c) => c.toUpperCase());
      case 'int':
        return Math.trunc(num(0));
      case 'sqrt':
        return Math.sqrt(num(0));
      case 'exp':
        return Math.exp(num(0));
      case 'log':
        return Math.log(num(0));
      case 'sin':
        return Math.sin(num(0));
      case 'cos':
        return Math.cos(num(0));
      case 'atan2':
        return Math.atan2(num(0), num(1));
      case 'rand':
        return this.rand();
      case 'srand': {
        const prev = this.seed;
        this.seed = a.length ? num(0) : Math.floor(this.env.ctx.wallTime() / 1000);
        this.rng = Math.trunc(this.seed) | 0;
        return prev;
      }
      case 'system': {
        const cmd = str(0);
        if (cmd === '') return 0;
        this.note(`system("${cmd}"): running commands is not supported`);
        return 127;
      }
      case 'close': {
        const file = str(0);
        const wasOpen = this.opened.delete(normalizePath(file, this.env.ctx.cwd));
        return this.inputs.delete(file) || wasOpen ? 0 : -1;
      }
      case 'fflush':
        return 0;
      case 'systime':
        return Math.floor(this.env.ctx.wallTime() / 1000);
      case 'strftime': {
        const fmt = a.length ? str(0) : '%a %b %d %H:%M:%S %Z %Y';
        const t = a.length > 1 ? num(1) : Math.floor(this.env.ctx.wallTime() / 1000);
        return strftime(fmt, t * 1000);
      }
      case 'and':
        return Number(bits(0) & bits(1));
      case 'or':
        return Number(bits(0) | bits(1));
      case 'xor':
        return Number(bits(0) ^ bits(1));
      case 'lshift':
        return Number(BigInt.asUintN(64, bits(0) << (bits(1) & 63n)));
      case 'rshift':
        return Number(bits(0) >> (bits(1) & 63n));
      case 'compl':
        return Number(BigInt.asUintN(64, ~bits(0)));
      default:
        throw this.fatal('Call to undefined function');
    }
  }

  /**
   * rand(): a seeded generator of our own (mulberry32), so, as in every awk, a program without
   * srand() gets the same numbers on every run and srand(n) repeats a sequence.
   */
  private rand(): number {
    this.rng = (this.rng + 0x6d2b79f5) | 0;
    let t = this.rng;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // -- statements -----------------------------------------------------------------------------

  private block(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  /** Runs a loop body; true when it broke out of the loop. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (j) {
      if (j === BREAK) return true;
      if (j !== CONTINUE) throw j;
    }
    return false;
  }

  private exec(s: Stmt): void {
    this.at = s.at;
    if (++this.steps > MAX_STEPS) throw this.fatal(`stopped after ${MAX_STEPS} steps: endless loop?`);
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        const ofs = s.args.length > 1 ? this.globalStr('OFS') : '';
        const text = s.args.length === 0 ? this.record : s.args.map((e) => this.outStr(this.eval(e))).join(ofs);
        this.emit(text + this.globalStr('ORS'), s.redir);
        return;
      }
      case 'printf': {
        const [f, ...rest] = s.args;
        const fmt = f ? this.toStr(this.eval(f)) : '';
        this.emit(
          this.format(
            fmt,
            rest.map((e) => this.eval(e)),
          ),
          s.redir,
          'printf',
        );
        return;
      }
      case 'if':
        if (truthy(this.eval(s.c))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        return;
      case 'while':
        while (truthy(this.eval(s.c))) if (this.loopBody(s.body)) break;
        return;
      case 'do':
        do {
          if (this.loopBody(s.body)) break;
        } while (truthy(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        while (s.c === null || truthy(this.eval(s.c))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const k of [...arr.keys()]) {
          this.setVar(s.v, new StrNum(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.block(s.body);
        return;
      case 'next':
        throw NEXT;
      case 'nextfile':
        throw NEXTFILE;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'exit':
        if (s.e) this.exitCode = Math.trunc(toNum(this.eval(s.e))) & 255;
        throw EXIT;
      case 'return':
        throw new Jump('return', s.e ? this.eval(s.e) : UNINIT);
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return;
      }
    }
  }

  private matches(r: Rule): boolean {
    if (!r.pattern) return true;
    this.at = r.at;
    if (!r.end) return truthy(this.eval(r.pattern));
    if (!r.inRange) {
      if (!truthy(this.eval(r.pattern))) return false;
      r.inRange = true;
    }
    if (truthy(this.eval(r.end))) r.inRange = false;
    return true;
  }

  /** BEGIN, the records, END. `exit` skips to END (which still runs); `exit` in END ends it. */
  run(): number {
    const p = this.prog;
    this.runSection(p.begin);
    if (!this.exiting && (p.main.length || p.end.length)) {
      while (!this.exiting) {
        const rec = this.nextMainRecord();
        if (rec === null) break;
        this.setRecord(rec);
        this.countRecord();
        // The step budget is per record: it catches a loop that never ends, not a long input.
        this.steps = 0;
        try {
          for (const r of p.main) {
            if (!this.matches(r)) continue;
            if (r.action) this.block(r.action);
            else this.emit(this.record + this.globalStr('ORS'), null);
          }
        } catch (j) {
          if (j === NEXTFILE) this.cur = null;
          else if (j === EXIT) this.exiting = true;
          else if (j !== NEXT) throw j;
        }
      }
    }
    this.runSection(p.end);
    return this.exitCode;
  }

  private runSection(body: Stmt[]): void {
    try {
      this.block(body);
    } catch (j) {
      if (j === EXIT) this.exiting = true;
      else if (j !== NEXT && j !== NEXTFILE) throw j;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The applet

function main(argv: string[], env: AppletEnv): number {
  let fs: string | null = null;
  const vars: string[] = [];
  const progFiles: string[] = [];
  const progTexts: string[] = [];
  const operands: string[] = [];
  // getopt32 as busybox calls it: every option takes a value, options may follow operands.
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.length < 2 || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    const opt = a[1]!;
    if (!'FvfeW'.includes(opt)) {
      err(env, 'awk', `invalid option -- '${opt}'`);
      return 1;
    }
    let val = a.slice(2);
    if (val === '') {
      const next = argv[++i];
      if (next === undefined) {
        err(env, 'awk', `option requires an argument -- '${opt}'`);
        return 1;
      }
      val = next;
    }
    if (opt === 'F') fs = val;
    else if (opt === 'v') vars.push(val);
    else if (opt === 'f') progFiles.push(val);
    else if (opt === 'e') progTexts.push(val);
    else err(env, 'awk', 'warning: option -W is ignored');
  }

  const prog: Program = { begin: [], main: [], end: [], funcs: new Map() };
  for (const f of progFiles) {
    const text = readInput(env, 'awk', f);
    if (text === null) return 1;
    new Parser(text, f, prog).parse();
  }
  for (const t of progTexts) new Parser(t, 'cmd. line', prog).parse();
  if (!progFiles.length && !progTexts.length) {
    const text = operands.shift();
    if (text === undefined) {
      env.ctx.stderr(USAGE);
      return 1;
    }
    new Parser(text, 'cmd. line', prog).parse();
  }

  const rt = new Runtime(env, prog);
  if (fs !== null) rt.setVar('FS', unescape(fs));
  for (const v of vars) {
    if (!rt.assignOperand(v)) {
      env.ctx.stderr(USAGE);
      return 1;
    }
  }
  rt.setArgv(operands);
  return rt.run();
}

/** `awk [-F SEP] [-v VAR=VAL]... [-f PROGFILE | -e PROGRAM | 'PROGRAM'] [FILE | VAR=VAL]...` */
export const awk: Applet = (argv, env) => {
  try {
    return main(argv, env);
  } catch (e) {
    if (e instanceof Fatal) {
      if (e.text !== null) env.ctx.stderr(`awk: ${e.text}\n`);
      return 1;
    }
    // A JS stack overflow (deeply nested program text) or a bug: report, never throw.
    env.ctx.stderr(`awk: ${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof RangeError ? 1 : 2;
  }
};
