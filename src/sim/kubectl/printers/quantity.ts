// The printers' view of resource quantities: src/sim/quantity.ts (the port of apimachinery's
// Quantity) with the small signatures describe needs — lenient parsing (a malformed value
// prints as written) and bigint Value()/MilliValue() for the node allocation table.

import {
  addQuantities,
  compareQuantities,
  formatQuantity as formatNanos,
  quantityFromNanos,
  tryParseQuantity,
  type Quantity,
} from '../../quantity.ts';

export type { Quantity };

export const ZERO_QUANTITY: Quantity = quantityFromNanos(0n, 'DecimalSI');

const NANO = 1_000_000_000n;

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n === b > 0n ? q + 1n : q;
}

/** resource.ParseQuantity; undefined where Go would return an error. */
export function parseQuantity(input: string): Quantity | undefined {
  const r = tryParseQuantity(input.trim());
  return r.ok ? r.quantity : undefined;
}

/** Quantity.String(): the canonical text. */
export function formatQuantity(q: Quantity): string {
  return formatNanos(q.nanos, q.format);
}

/** The canonical form of a quantity as written; a malformed one prints unchanged. */
export function canonicalQuantity(input: string): string {
  const q = parseQuantity(input);
  return q === undefined ? input : formatQuantity(q);
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return addQuantities(a, b);
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return compareQuantities(a, b);
}

/** Quantity.MilliValue(), rounded up. */
export function milliValue(q: Quantity): bigint {
  return ceilDiv(q.nanos, 1_000_000n);
}

/** Quantity.Value(), rounded up. */
export function quantityValue(q: Quantity): bigint {
  return ceilDiv(q.nanos, NANO);
}
