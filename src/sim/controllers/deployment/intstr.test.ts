import { describe, expect, it } from 'vitest';
import { getScaledValueFromIntOrPercent, goAtoi, goQuote, resolveFenceposts, type IntOrString } from './intstr.ts';

describe('TestResolveFenceposts (deployment_util_test.go)', () => {
  it.each<[IntOrString, IntOrString, number, number, number, boolean]>([
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
  ])('surge %s unavailable %s desired %i -> (%i, %i) error=%s', (surge, unavail, desired, s, u, isErr) => {
    const r = resolveFenceposts(surge, unavail, desired);
    expect(!r.ok).toBe(isErr);
    const got = r.ok ? [r.surge, r.unavailable] : [0, 0];
    expect(got).toEqual([s, u]);
  });
});

describe('DERIVED fenceposts, other inputs (reference 1.2)', () => {
  it.each<[IntOrString, IntOrString, number, number, number]>([
    [0, '25%', 3, 0, 1],
    ['50%', '50%', 3, 2, 1],
    ['100%', 0, 3, 3, 0],
    ['30%', '30%', 7, 3, 2],
  ])('surge %s unavailable %s desired %i -> (%i, %i)', (surge, unavail, desired, s, u) => {
    expect(resolveFenceposts(surge, unavail, desired)).toEqual({ ok: true, surge: s, unavailable: u });
  });

  it('treats a missing value as 0 (and then applies the fencepost)', () => {
    expect(resolveFenceposts(undefined, undefined, 5)).toEqual({ ok: true, surge: 0, unavailable: 1 });
    expect(resolveFenceposts(2, undefined, 5)).toEqual({ ok: true, surge: 2, unavailable: 0 });
  });
});

describe('getScaledValueFromIntOrPercent', () => {
  it.each<[IntOrString, number, boolean, number]>([
    [5, 10, true, 5],
    [5, 10, false, 5],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['50%', 5, true, 3],
    ['50%', 5, false, 2],
    ['100%', 7, false, 7],
    ['0%', 7, true, 0],
    ['+10%', 10, true, 1],
  ])('%s of %i (roundUp=%s) = %i', (v, total, up, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toEqual({ ok: true, value: want });
  });

  it.each<[IntOrString | undefined, string]>([
    ['oops', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['25', 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['oops%', 'invalid value for IntOrString: invalid value "oops%": strconv.Atoi: parsing "oops": invalid syntax'],
    ['%', 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['2.5%', 'invalid value for IntOrString: invalid value "2.5%": strconv.Atoi: parsing "2.5": invalid syntax'],
    [
      '99999999999999999999%',
      'invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
    [undefined, 'nil value for IntOrString'],
  ])('%s -> %s', (v, error) => {
    expect(getScaledValueFromIntOrPercent(v, 10, true)).toEqual({ ok: false, error });
  });
});

describe('Go quoting and Atoi', () => {
  it.each<[string, string]>([
    ['oops', '"oops"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['tab\there', '"tab\\there"'],
    ['\x01', '"\\x01"'],
  ])('goQuote(%j) = %s', (s, want) => {
    expect(goQuote(s)).toBe(want);
  });

  it.each<[string, number]>([
    ['0', 0],
    ['-3', -3],
    ['+7', 7],
    ['007', 7],
  ])('Atoi(%s) = %i', (s, want) => {
    expect(goAtoi(s)).toEqual({ ok: true, value: want });
  });

  it.each(['', ' 1', '1_000', '0x10', '1e3'])('Atoi(%j) is a syntax error', (s) => {
    expect(goAtoi(s)).toEqual({ ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` });
  });
});
