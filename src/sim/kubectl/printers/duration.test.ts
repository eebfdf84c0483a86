import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, humanDuration, parseTimestamp, shortHumanDuration, translateTimestampSince } from './duration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  // Reference section 2.3 (apimachinery duration_test.go TestHumanDuration + boundaries).
  it.each([
    [S, '1s'],
    [70 * S, '70s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [190 * S, '3m10s'],
    [10 * M - 1, '9m59s'],
    [10 * M + S, '10m'],
    [70 * M, '70m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [49 * H, '2d1h'],
    [8 * D + 2 * H, '8d'],
    [367 * D, '367d'],
    [2 * Y + 25 * H, '2y1d'],
    [8 * Y + 2 * H, '8y'],
    [-2 * S, '<invalid>'],
    [0, '0s'],
  ])('HumanDuration(%i ms) = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });

  // The rest of TestHumanDurationBoundaries (Go uses ns; -2s+1ns becomes -1999ms here).
  it.each([
    [-2 * S + 1, '0s'],
    [S - 1, '0s'],
    [10 * M, '10m'],
    [8 * H, '8h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + D - 1, '2y'],
    [2 * Y + D, '2y1d'],
    [3 * Y, '3y'],
    [7 * Y, '7y'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ])('boundary %i ms = %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [2 * S - 1, '1s'],
    [M - 1, '59s'],
    [M, '1m'],
    [2 * M - 1, '1m'],
    [H - 1, '59m'],
    [H, '1h'],
    [2 * H - 1, '1h'],
    [D - 1, '23h'],
    [D, '1d'],
    [2 * D - 1, '1d'],
    [Y - 1, '364d'],
    [Y, '1y'],
    [2 * Y - 1, '1y'],
    [2 * Y, '2y'],
  ])('ShortHumanDuration(%i ms) = %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('timestamps', () => {
  const now = Date.UTC(2026, 0, 5, 9, 0, 0);

  it.each([
    ['2026-01-05T09:00:00Z', now],
    ['2026-01-05T09:00:00.123456Z', now + 123],
    ['2026-01-05T10:30:00+01:30', now],
    ['2026-01-05T08:00:00-01:00', now],
  ])('parses %s', (ts, want) => {
    expect(parseTimestamp(ts)).toBe(want);
  });

  it.each([[undefined], [''], ['yesterday'], ['2026-01-05 09:00:00']])('rejects %s', (ts) => {
    expect(parseTimestamp(ts)).toBeUndefined();
  });

  it('translates a timestamp relative to the virtual now', () => {
    expect(translateTimestampSince('2026-01-05T08:56:50Z', now)).toBe('3m10s');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    // A creation time up to 2s ahead of now still reads as 0s.
    expect(translateTimestampSince('2026-01-05T09:00:01.900Z', now)).toBe('0s');
  });

  it('formats RFC1123Z in UTC like Go', () => {
    expect(formatRFC1123Z('2026-01-05T09:00:00Z')).toBe('Mon, 05 Jan 2026 09:00:00 +0000');
    expect(formatRFC1123Z('2025-12-31T23:59:59+01:00')).toBe('Wed, 31 Dec 2025 22:59:59 +0000');
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});
