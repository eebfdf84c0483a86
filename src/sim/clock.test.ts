import { describe, expect, it } from 'vitest';
import { VirtualClock, isoSeconds, parseDuration } from './clock.ts';
import { SeededRandom } from './random.ts';

describe('VirtualClock', () => {
  it('runs events in time order, equal times in scheduling order', () => {
    const c = new VirtualClock();
    const log: string[] = [];
    c.schedule(20, () => log.push('b'));
    c.schedule(10, () => log.push('a1'));
    c.schedule(10, () => log.push('a2'));
    c.advance(15);
    expect(log).toEqual(['a1', 'a2']);
    expect(c.now).toBe(15);
    c.advance(10);
    expect(log).toEqual(['a1', 'a2', 'b']);
  });

  it('lets events schedule more events inside the same advance', () => {
    const c = new VirtualClock();
    let n = 0;
    const tick = (): void => {
      n++;
      c.schedule(1000, tick);
    };
    c.schedule(0, tick);
    c.advance(10_000);
    expect(n).toBe(11);
  });

  it('cancels', () => {
    const c = new VirtualClock();
    let ran = false;
    const h = c.schedule(5, () => (ran = true));
    c.cancel(h);
    c.advance(10);
    expect(ran).toBe(false);
    expect(c.pending).toBe(0);
  });

  it('formats timestamps as metav1.Time does', () => {
    expect(isoSeconds(Date.UTC(2026, 0, 5, 9, 0, 0, 999))).toBe('2026-01-05T09:00:00Z');
  });

  it.each([
    ['30', 30_000],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5', 1500],
    ['x', undefined],
    ['5q', undefined],
  ])('parseDuration(%s) = %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('SeededRandom', () => {
  it('is deterministic per seed', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('stays in range', () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(27);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(27);
    }
  });
});
