// Just enough of apimachinery's resource.Quantity for printing: parse, add, compare and the
// canonical String() form kubectl shows ("500m", "128Mi", "1k"). Values are held as a
// bigint count of nano-units, the finest scale a Quantity keeps; anything finer rounds up,
// as ParseQuantity does.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIX_EXPONENT: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

export const ZERO_QUANTITY: Quantity = { nanos: 0n, format: 'DecimalSI' };

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** resource.ParseQuantity; undefined where Go would return an error. */
export function parseQuantity(input: string): Quantity | undefined {
  const m = QUANTITY.exec(input.trim());
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  // value = digits * 10^(-fracLen); scaled to nanos later.
  const digits = BigInt(`${whole}${frac}` || '0');
  let numerator = digits;
  let denominator = 10n ** BigInt(frac.length);
  let format: QuantityFormat;
  if (suffix in BINARY_SUFFIX_POWER) {
    numerator *= 2n ** BigInt(BINARY_SUFFIX_POWER[suffix]!);
    format = 'BinarySI';
  } else if (suffix in DECIMAL_SUFFIX_EXPONENT) {
    const exp = DECIMAL_SUFFIX_EXPONENT[suffix]!;
    if (exp >= 0) numerator *= 10n ** BigInt(exp);
    else denominator *= 10n ** BigInt(-exp);
    format = 'DecimalSI';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    const exp = Number(suffix.slice(1));
    if (exp >= 0) numerator *= 10n ** BigInt(exp);
    else denominator *= 10n ** BigInt(-exp);
    format = 'DecimalExponent';
  } else {
    return undefined;
  }
  const nanos = ceilDiv(numerator * NANO, denominator);
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

function decimalSuffix(exponent: number, format: QuantityFormat): string {
  if (format === 'DecimalSI') {
    for (const [suffix, exp] of Object.entries(DECIMAL_SUFFIX_EXPONENT)) if (exp === exponent) return suffix;
  }
  return exponent === 0 ? '' : `e${exponent}`;
}

/** Quantity.String(): the canonical form (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const negative = q.nanos < 0n;
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  let format = q.format;
  // Small or fractional binary values print in decimal to avoid rounding.
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';

  if (format === 'BinarySI') {
    let amount = abs / NANO;
    let power = 0;
    while (amount % 1024n === 0n && power < 60) {
      amount /= 1024n;
      power += 10;
    }
    const suffix = Object.entries(BINARY_SUFFIX_POWER).find(([, p]) => p === power)?.[0] ?? '';
    return `${sign}${amount}${suffix}`;
  }

  let amount = abs;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = exponent % 3;
  if (rem === 1 || rem === -2) {
    amount *= 10n;
    exponent -= 1;
  } else if (rem === 2 || rem === -1) {
    amount *= 100n;
    exponent -= 2;
  }
  return `${sign}${amount}${decimalSuffix(exponent, format)}`;
}

/** Canonical form of a quantity string as the API server would return it. */
export function canonicalQuantity(input: string): string {
  const q = parseQuantity(input);
  return q === undefined ? input : formatQuantity(q);
}

/** Quantity.Add: the sum keeps the left operand's format unless the left is zero. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.MilliValue(), rounded up like Go's ScaledValue. */
export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.nanos, 1_000_000n);
}

/** Quantity.Value(), rounded up. */
export function quantityValue(q: Quantity): bigint {
  return ceilDiv(q.nanos, NANO);
}
