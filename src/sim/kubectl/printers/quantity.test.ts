import { describe, expect, it } from 'vitest';
import { addQuantity, canonicalQuantity, milliValue, parseQuantity, quantityValue } from './quantity.ts';

describe('canonical quantity strings (Quantity.String)', () => {
  it.each([
    ['0', '0'],
    ['0m', '0'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['0.5', '500m'],
    ['0.25', '250m'],
    ['1.5', '1500m'],
    ['1000m', '1'],
    ['2000m', '2'],
    ['2', '2'],
    ['1000', '1k'],
    ['1.5k', '1500'],
    ['129M', '129M'],
    ['12e6', '12e6'],
    ['1e3', '1e3'],
    ['1n', '1n'],
    ['128974848', '128974848'],
    ['1Ki', '1Ki'],
    ['1023Ki', '1023Ki'],
    ['1024Ki', '1Mi'],
    ['128Mi', '128Mi'],
    ['1000Mi', '1000Mi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['0.5Ki', '512'],
    ['16374200Ki', '16374200Ki'],
    ['-100m', '-100m'],
  ])('%s -> %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  // "." is not here: apimachinery's int64 fast path reads it as 0 (the numerator defaults to
  // "0" and the empty denominator shifts nothing), and src/sim/quantity.ts follows it.
  it.each([['abc'], ['1Qi'], ['']])('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  it('adds in the left operand format and rounds Milli/Value up', () => {
    const sum = addQuantity(parseQuantity('1Gi')!, parseQuantity('512Mi')!);
    expect(canonicalQuantity('1Gi')).toBe('1Gi');
    expect(sum.format).toBe('BinarySI');
    expect(milliValue(parseQuantity('1.0001m')!)).toBe(2n);
    expect(quantityValue(parseQuantity('1500m')!)).toBe(2n);
    expect(quantityValue(sum)).toBe(1610612736n);
  });
});
