import { describe, expect, it } from 'vitest';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatMemoryMi,
  formatMilliCpu,
  intValue,
  milliValue,
  parseQuantity,
  quantityValue,
  roundUpToMilli,
  tryParseQuantity,
} from './quantity.ts';

describe('parseQuantity: value in base units', () => {
  it.each<[string | number, number]>([
    ['100m', 0.1],
    ['0.5', 0.5],
    ['1', 1],
    ['16', 16],
    ['250m', 0.25],
    ['500Mi', 500 * 1024 * 1024],
    ['200M', 200_000_000],
    ['1Gi', 1024 ** 3],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['2k', 2000],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['128974848', 128974848],
    ['129e6', 129_000_000],
    ['129M', 129_000_000],
    ['128974848000m', 128974848],
    ['123Mi', 123 * 1024 * 1024],
    ['1Ki', 1024],
    ['-1', -1],
    ['+2', 2],
    ['.5', 0.5],
    ['5.', 5],
    ['0.001', 0.001],
    ['1n', 1e-9],
    [0.25, 0.25],
    [2, 2],
  ])('%s = %d', (input, expected) => {
    expect(quantityValue(input)).toBeCloseTo(expected, 9);
  });
});

describe('canonical text, as the API server serialises it', () => {
  it.each<[string, string]>([
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1', '1'],
    ['16', '16'],
    ['500Mi', '500Mi'],
    ['200M', '200M'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['2k', '2k'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['1024Mi', '1Gi'],
    ['1000Mi', '1000Mi'],
    ['0.5Gi', '512Mi'],
    ['1.5Ki', '1536'],
    ['0.5Ki', '512'],
    ['1000k', '1M'],
    ['100k', '100k'],
    ['128974848000m', '128974848'],
    ['129e6', '129e6'],
    ['1.0', '1'],
    ['0', '0'],
    ['0Mi', '0'],
    ['0.1', '100m'],
    ['0.0001', '100u'],
    ['0.9n', '1n'],
    ['1.2345', '1234500u'],
    // Inputs already in canonical form keep their exact text, even a leading '+'.
    ['+1', '+1'],
    ['8Gi', '8Gi'],
    ['-1', '-1'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
});

describe('malformed quantities give apimachinery errors', () => {
  it('uses the exact regular-expression message', () => {
    expect(QUANTITY_FORMAT_ERROR).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it.each<[string, string]>([
    ['', QUANTITY_FORMAT_ERROR],
    ['abc', QUANTITY_FORMAT_ERROR],
    ['100MB', QUANTITY_FORMAT_ERROR],
    ['1.2.3', QUANTITY_FORMAT_ERROR],
    ['1 Gi', QUANTITY_FORMAT_ERROR],
    ['500mi', QUANTITY_SUFFIX_ERROR],
    ['1iM', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR],
    ['1K', QUANTITY_SUFFIX_ERROR],
    ['Ei', QUANTITY_NUMERIC_ERROR],
  ])('%j -> %s', (input, message) => {
    expect(tryParseQuantity(input)).toEqual({ ok: false, error: message });
  });

  it('parses the oddities the real scanner accepts', () => {
    // The Go scanner treats a bare suffix as zero; so must we, or apply would disagree.
    expect(quantityValue('m')).toBe(0);
    expect(quantityValue('-')).toBe(0);
  });
});

describe('Go accessors', () => {
  it.each<[string, number, number]>([
    ['100m', 100, 1],
    ['1', 1000, 1],
    ['1.5', 1500, 2],
    ['0.0001', 1, 1],
    ['500Mi', 524288000000, 524288000],
    ['-1.5', -1500, -2],
  ])('%s: MilliValue %d, Value %d', (input, milli, value) => {
    expect(milliValue(input)).toBe(milli);
    expect(intValue(input)).toBe(value);
  });
});

describe('kubectl top formatting', () => {
  it.each<[string | number, string]>([
    ['100m', '100m'],
    ['1', '1000m'],
    [0.25, '250m'],
    ['1234567n', '2m'],
    ['0', '0m'],
  ])('cpu %s -> %s', (input, expected) => {
    expect(formatMilliCpu(input)).toBe(expected);
  });

  it.each<[string | number, string]>([
    ['500Mi', '500Mi'],
    ['1Gi', '1024Mi'],
    ['200M', '190Mi'],
    [5 * 1024 * 1024 + 10, '5Mi'],
    ['0', '0Mi'],
  ])('memory %s -> %s', (input, expected) => {
    expect(formatMemoryMi(input)).toBe(expected);
  });
});

describe('arithmetic and rounding', () => {
  it('adds exactly and keeps the first operand format', () => {
    const sum = addQuantities(parseQuantity('100m'), parseQuantity('0.25'));
    expect(sum.text).toBe('350m');
    expect(addQuantities(parseQuantity('512Mi'), parseQuantity('512Mi')).text).toBe('1Gi');
  });

  it('compares', () => {
    expect(compareQuantities(parseQuantity('200M'), parseQuantity('16'))).toBe(1);
    expect(compareQuantities(parseQuantity('1Gi'), parseQuantity('1024Mi'))).toBe(0);
    expect(compareQuantities(parseQuantity('100m'), parseQuantity('0.2'))).toBe(-1);
  });

  it.each<[string, string]>([
    ['0.0001', '1m'],
    ['1.0001', '1001m'],
    ['100m', '100m'],
    ['+1', '+1'],
    ['1234567n', '2m'],
    ['500Mi', '500Mi'],
  ])('RoundUp(milli) %s -> %s', (input, expected) => {
    expect(roundUpToMilli(parseQuantity(input)).text).toBe(expected);
  });
});
