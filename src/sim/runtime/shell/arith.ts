// $(( ... )) arithmetic: C integer expressions with bare variable names, as ash's math.c.
// Expressions are compiled once per distinct text and cached, so `i=$((i+1))` in a loop
// costs a map lookup and a few closure calls per iteration.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Eval = (v: ArithVars, depth: number) => number;

const cache = new Map<string, Eval>();

export function evalArith(text: string, vars: ArithVars, depth = 0): number {
  let fn = cache.get(text);
  if (!fn) {
    fn = compile(text);
    if (cache.size > 5000) cache.clear();
    cache.set(text, fn);
  }
  return fn(vars, depth);
}

/** A variable's numeric value; a non-numeric value is itself evaluated, as ash does. */
function valueOf(name: string, v: ArithVars, depth: number): number {
  const s = v.get(name);
  if (s === undefined || s === '') return 0;
  const n = parseNumber(s.trim());
  if (n !== null) return n;
  if (depth > 100) throw new ArithError('expression recursion loop detected');
  return evalArith(s, v, depth + 1);
}

function parseNumber(s: string): number | null {
  // A counter's value (1, 42, 1234): plain decimal digits with no leading zero.
  if (s.length > 0 && s.length < 16 && s.charCodeAt(0) !== 48) {
    let n = 0;
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    if (i === s.length) return n;
  }
  if (/^[-+]?[0-9]+$/.test(s)) {
    const neg = s.startsWith('-');
    const body = s.replace(/^[-+]/, '');
    const n = body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
    if (Number.isNaN(n)) return null;
    return neg ? -n : n;
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  return null;
}

type Tok = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let e = i + 1;
      while (e < s.length && /[0-9a-zA-Z_#]/.test(s[e]!)) e++;
      const n = parseNumber(s.slice(i, e));
      if (n === null) throw new ArithError('arithmetic syntax error');
      out.push({ t: 'num', v: n });
      i = e;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let e = i + 1;
      while (e < s.length && /[A-Za-z0-9_]/.test(s[e]!)) e++;
      out.push({ t: 'name', v: s.slice(i, e) });
      i = e;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [1, (a, b) => (a || b ? 1 : 0)],
  '&&': [2, (a, b) => (a && b ? 1 : 0)],
  '|': [3, (a, b) => a | b],
  '^': [4, (a, b) => a ^ b],
  '&': [5, (a, b) => a & b],
  '==': [6, (a, b) => (a === b ? 1 : 0)],
  '!=': [6, (a, b) => (a !== b ? 1 : 0)],
  '<': [7, (a, b) => (a < b ? 1 : 0)],
  '<=': [7, (a, b) => (a <= b ? 1 : 0)],
  '>': [7, (a, b) => (a > b ? 1 : 0)],
  '>=': [7, (a, b) => (a >= b ? 1 : 0)],
  '<<': [8, (a, b) => a << b],
  '>>': [8, (a, b) => a >> b],
  '+': [9, (a, b) => a + b],
  '-': [9, (a, b) => a - b],
  '*': [10, (a, b) => a * b],
  '/': [10, (a, b) => div(a, b)],
  '%': [10, (a, b) => mod(a, b)],
  '**': [11, (a, b) => pow(a, b)],
};

function div(a: number, b: number): number {
  if (b === 0) throw new ArithError('divide by zero');
  return Math.trunc(a / b);
}
function mod(a: number, b: number): number {
  if (b === 0) throw new ArithError('divide by zero');
  return a % b;
}
function pow(a: number, b: number): number {
  if (b < 0) throw new ArithError('exponent less than 0');
  return a ** b;
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

function compile(text: string): Eval {
  const toks = tokenize(text);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => {
    const t = toks[i];
    return t?.t === 'op' && t.v === v;
  };
  const fail = (): never => {
    throw new ArithError('arithmetic syntax error');
  };

  const assignment = (): Eval => {
    const t = peek();
    const n = toks[i + 1];
    if (t?.t === 'name' && n?.t === 'op' && ASSIGN_OPS.has(n.v)) {
      i += 2;
      const rhs = assignment();
      const name = t.v;
      const op = n.v;
      const bin = op === '=' ? null : BINARY[op.slice(0, -1)]![1];
      return (v, d) => {
        const r = rhs(v, d);
        const val = bin ? bin(valueOf(name, v, d), r) : r;
        v.set(name, String(val));
        return val;
      };
    }
    return ternary();
  };

  const ternary = (): Eval => {
    const c = binary(1);
    if (!isOp('?')) return c;
    i++;
    const a = assignment();
    if (!isOp(':')) fail();
    i++;
    const b = assignment();
    return (v, d) => (c(v, d) ? a(v, d) : b(v, d));
  };

  const binary = (minPrec: number): Eval => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.t !== 'op') return left;
      const def = BINARY[t.v];
      if (!def || def[0] < minPrec) return left;
      i++;
      const [prec, fn] = def;
      // ** is right-associative; everything else is left-associative.
      const right = binary(t.v === '**' ? prec : prec + 1);
      const l = left;
      if (t.v === '&&') left = (v, d) => (l(v, d) ? (right(v, d) ? 1 : 0) : 0);
      else if (t.v === '||') left = (v, d) => (l(v, d) ? 1 : right(v, d) ? 1 : 0);
      else left = (v, d) => fn(l(v, d), right(v, d));
    }
  };

  const unary = (): Eval => {
    const t = peek();
    if (t?.t === 'op') {
      if (t.v === '++' || t.v === '--') {
        i++;
        const n = peek();
        if (n?.t !== 'name') fail();
        i++;
        const name = (n as { v: string }).v;
        const delta = t.v === '++' ? 1 : -1;
        return (v, d) => {
          const val = valueOf(name, v, d) + delta;
          v.set(name, String(val));
          return val;
        };
      }
      if (t.v === '!' || t.v === '~' || t.v === '-' || t.v === '+') {
        i++;
        const e = unary();
        if (t.v === '!') return (v, d) => (e(v, d) ? 0 : 1);
        if (t.v === '~') return (v, d) => ~e(v, d);
        if (t.v === '-') return (v, d) => -e(v, d);
        return e;
      }
    }
    return postfix();
  };

  const postfix = (): Eval => {
    const t = peek();
    if (t?.t === 'name') {
      i++;
      const name = t.v;
      if (isOp('++') || isOp('--')) {
        const delta = isOp('++') ? 1 : -1;
        i++;
        return (v, d) => {
          const val = valueOf(name, v, d);
          v.set(name, String(val + delta));
          return val;
        };
      }
      return (v, d) => valueOf(name, v, d);
    }
    if (t?.t === 'num') {
      i++;
      const n = t.v;
      return () => n;
    }
    if (t?.t === 'op' && t.v === '(') {
      i++;
      const e = comma();
      if (!isOp(')')) fail();
      i++;
      return e;
    }
    return fail();
  };

  const comma = (): Eval => {
    let e = assignment();
    while (isOp(',')) {
      i++;
      const l = e;
      const r = assignment();
      e = (v, d) => {
        l(v, d);
        return r(v, d);
      };
    }
    return e;
  };

  if (toks.length === 0) return () => 0;
  const root = comma();
  if (i < toks.length) fail();
  return root;
}
