// Kubernetes resource quantities ("100m", "500Mi", "1.5Gi", "1e3"), ported from apimachinery
// pkg/api/resource/quantity.go so that parsing errors, rounding and the canonical text the API
// server writes back (`kubectl get -o yaml`) match a real cluster.
//
// Values are kept as an exact count of nano-units (bigint): the API server never uses floats
// here, and neither may we if "0.1" + "0.2" is to equal "300m".

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano base units (nano-cores for cpu, nano-bytes for memory). */
  readonly nanos: bigint;
  /** The suffix family the input used; the canonical text keeps it. */
  readonly format: QuantityFormat;
  /** The text the API server serialises (`1.5Gi` → `1536Mi`, `0.5` → `500m`). */
  readonly text: string;
  /**
   * The scale (power of ten) of apimachinery's int64 fast path, or null when the value went
   * through the arbitrary-precision path. Only RoundUp needs it: it keeps the original text of
   * fast-path values that are already at milli precision or coarser.
   */
  readonly fastScale: number | null;
}

const SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE_STRING}'`;
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const NANO = 9;
const ONE = 10n ** 9n;
const INT64_MAX = 2n ** 63n - 1n;
// Go's inf.Dec handles any exponent lazily; a bigint would materialise 10^exp. Inputs past
// this bound are refused instead of exhausting memory (a real cluster would accept "1e100000").
const MAX_EXPONENT = 4096;

const DECIMAL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['', 0],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const BINARY_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** A character-for-character port of parseQuantityString (including its quirks: "m" is 0). */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (end > 0) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] !== '0') break;
    pos++;
  }
  let i = pos;
  for (; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str[i])) break;
  }
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    let j = pos;
    for (; ; j++) {
      if (j >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str[j])) break;
    }
    denom = str.slice(pos, j);
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!'eEinumkKMGTP'.includes(str[k]!)) {
      pos = k;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let k = pos; ; k++) {
    if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str[k])) break;
  }
  throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
}

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(suffix: string): Suffix {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    // strconv.ParseInt: optional sign, then at least one digit.
    if (/^[+-]?[0-9]+$/.test(rest)) {
      const exponent = Number(rest);
      if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityParseError(QUANTITY_NUMERIC_ERROR);
      return { base: 10, exponent, format: 'DecimalExponent' };
    }
  }
  throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
}

/** Divides, rounding away from zero (inf.RoundUp / negativeScaleInt64). */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (q * b === a) return q;
  return a < 0n ? q - 1n : q + 1n;
}

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** Exact value of digits × 10^-scale × 10^exp10 × 2^exp2, in nanos, rounded away from zero. */
function toNanos(unscaled: bigint, scale: number, exp10: number, exp2: number): bigint {
  let v = unscaled * 2n ** BigInt(exp2);
  const shift = NANO - scale + exp10;
  if (shift >= 0) return v * 10n ** BigInt(shift);
  v = divAwayFromZero(v, 10n ** BigInt(-shift));
  return v;
}

/**
 * Parses a quantity as the API server does. Throws QuantityParseError with apimachinery's
 * message (`quantities must match the regular expression '...'`) on malformed input.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI', text: '0', fastScale: 0 };

  const { positive, value, num, denom, suffix } = scan(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);

  // apimachinery's int64 fast path: decides whether the input text is kept verbatim.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (parsedFormat === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -NANO) {
      const shifted = num + denom;
      const parsed = BigInt(shifted);
      let result = parsed * mantissa;
      if (result <= INT64_MAX) {
        if (!positive) result = -result;
        const nanos = toNanos(result, 0, scale, 0);
        let keepText: boolean;
        if (parsedFormat === 'BinarySI') keepText = exponent % 10 === 0 && (parsed & 7n) !== 0n;
        else keepText = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const text = keepText ? str : formatQuantity(nanos, parsedFormat);
        return { nanos, format: parsedFormat, text, fastScale: scale };
      }
    }
  }

  // Arbitrary-precision path (inf.Dec): exact, then rounded away from zero to nano.
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new QuantityParseError(QUANTITY_NUMERIC_ERROR);
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  let unscaled = BigInt((intPart + fracPart) || '0');
  if (m[1] === '-') unscaled = -unscaled;
  let nanos = base === 10 ? toNanos(unscaled, fracPart.length, exponent, 0) : toNanos(unscaled, fracPart.length, 0, exponent);
  let format = parsedFormat;
  const negative = nanos < 0n;
  let magnitude = abs(nanos);
  if (format === 'BinarySI' && magnitude > INT64_MAX * ONE) magnitude = INT64_MAX * ONE;
  if (format === 'BinarySI' && magnitude > 0n && magnitude < ONE) format = 'DecimalSI';
  nanos = negative ? -magnitude : magnitude;
  return { nanos, format, text: formatQuantity(nanos, format), fastScale: null };
}

/** Like parseQuantity, but returns the error instead of throwing. */
export function tryParseQuantity(input: string | number): { ok: true; quantity: Quantity } | { ok: false; error: string } {
  try {
    return { ok: true, quantity: parseQuantity(input) };
  } catch (e) {
    if (e instanceof QuantityParseError) return { ok: false, error: e.message };
    throw e;
  }
}

function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let times = 0;
  let v = value;
  while (v !== 0n && v % base === 0n) {
    v /= base;
    times++;
  }
  return [v, times];
}

const DECIMAL_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map([...DECIMAL_SUFFIXES].map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT: ReadonlyMap<number, string> = new Map([[0, ''], ...[...BINARY_SUFFIXES].map(([s, e]): [number, string] => [e, s])]);

/** CanonicalizeBytes: no precision lost, no fraction, the largest suffix that fits. */
export function formatQuantity(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  let fmt = format;
  if (fmt === 'BinarySI') {
    // Small or fractional binary values print in decimal rather than round.
    if (abs(nanos) < 1024n * ONE || nanos % ONE !== 0n) fmt = 'DecimalSI';
  }
  if (fmt === 'BinarySI') {
    const [amount, times] = removeFactors(nanos / ONE, 1024n);
    return `${amount}${BINARY_SUFFIX_BY_EXPONENT.get(times * 10) ?? ''}`;
  }
  const [stripped, times] = removeFactors(nanos, 10n);
  let amount = stripped;
  let exponent = times - NANO;
  const r = exponent % 3;
  if (r === 1 || r === -2) {
    amount *= 10n;
    exponent -= 1;
  } else if (r === 2 || r === -1) {
    amount *= 100n;
    exponent -= 2;
  }
  if (fmt === 'DecimalSI') {
    const s = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    if (s !== undefined) return `${amount}${s}`;
  }
  return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
}

/** The canonical text the API server would store for this input. */
export function canonicalQuantity(input: string | number): string {
  return parseQuantity(input).text;
}

/** The value in base units (cores, bytes) as a float; exact to the nano for everyday sizes. */
export function quantityValue(input: string | number | Quantity): number {
  const q = typeof input === 'object' ? input : parseQuantity(input);
  const whole = q.nanos / ONE;
  const frac = q.nanos % ONE;
  return Number(whole) + Number(frac) / 1e9;
}

function scaled(q: Quantity, unit: bigint): bigint {
  return divAwayFromZero(q.nanos, unit);
}

/** Go's Quantity.MilliValue(): milli-units, rounded away from zero. */
export function milliValue(input: string | number | Quantity): number {
  const q = typeof input === 'object' ? input : parseQuantity(input);
  return Number(scaled(q, 10n ** 6n));
}

/** Go's Quantity.Value(): whole base units, rounded away from zero. */
export function intValue(input: string | number | Quantity): number {
  const q = typeof input === 'object' ? input : parseQuantity(input);
  return Number(scaled(q, ONE));
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Add: the sum keeps the receiver's (first operand's) format. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const nanos = a.nanos + b.nanos;
  return { nanos, format: a.format, text: formatQuantity(nanos, a.format), fastScale: null };
}

export function quantityFromNanos(nanos: bigint, format: QuantityFormat): Quantity {
  return { nanos, format, text: formatQuantity(nanos, format), fastScale: null };
}

/**
 * SetDefaults_ResourceList rounds every pod resource up to milli precision. A fast-path value
 * already at milli scale or coarser keeps its original text (Quantity.RoundUp does not clear it).
 */
export function roundUpToMilli(q: Quantity): Quantity {
  if (q.fastScale !== null && q.fastScale >= -3) return q;
  const milli = 10n ** 6n;
  const nanos = divAwayFromZero(q.nanos, milli) * milli;
  if (q.fastScale !== null && nanos === q.nanos) return { ...q, text: formatQuantity(nanos, q.format) };
  return { nanos, format: q.format, text: formatQuantity(nanos, q.format), fastScale: null };
}

/** `kubectl top` CPU column: `fmt.Sprintf("%vm", q.MilliValue())`. */
export function formatMilliCpu(input: string | number | Quantity): string {
  return `${milliValue(input)}m`;
}

/** `kubectl top` memory column: `fmt.Sprintf("%vMi", q.Value()/(1024*1024))` (Go integer division). */
export function formatMemoryMi(input: string | number | Quantity): string {
  return `${Math.trunc(intValue(input) / (1024 * 1024))}Mi`;
}
