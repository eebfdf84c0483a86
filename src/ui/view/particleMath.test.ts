import { describe, expect, it } from 'vitest';
import { circlePath, crossPath, easeInOut, entryBudget, firstAfter, hashString, pointOnLink, sampleIndices, spread, travelMs, VersionSlots } from './particleMath.ts';

describe('firstAfter', () => {
  const items = [1, 2, 2, 5, 9].map((t) => ({ t }));
  it('finds the first item strictly after a time', () => {
    expect(firstAfter(items, 0)).toBe(0);
    expect(firstAfter(items, 2)).toBe(3);
    expect(firstAfter(items, 4)).toBe(3);
    expect(firstAfter(items, 9)).toBe(5);
    expect(firstAfter([], 3)).toBe(0);
    expect(firstAfter(items, -Infinity)).toBe(0);
  });
});

describe('pointOnLink', () => {
  it('starts at the Service, ends at the pod and passes the middle', () => {
    expect(pointOnLink(10, 20, 110, 220, 0)).toEqual({ x: 10, y: 20 });
    expect(pointOnLink(10, 20, 110, 220, 1)).toEqual({ x: 110, y: 220 });
    const mid = pointOnLink(10, 20, 110, 220, 0.5);
    expect(mid.x).toBeCloseTo(60);
    expect(mid.y).toBeCloseTo(120);
  });
  it('clamps u and moves downwards monotonically', () => {
    expect(pointOnLink(0, 0, 50, 100, 2)).toEqual({ x: 50, y: 100 });
    let y = -1;
    for (let u = 0; u <= 1; u += 0.05) {
      const p = pointOnLink(0, 0, 50, 100, u);
      expect(p.y).toBeGreaterThanOrEqual(y);
      y = p.y;
    }
  });
  it('eases', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5);
  });
});

describe('travelMs', () => {
  it('maps latency onto 400–600 ms at 1×', () => {
    expect(travelMs(1, 1)).toBe(400);
    expect(travelMs(1000, 1)).toBe(600);
    expect(travelMs(100_000, 1)).toBe(600);
    expect(travelMs(5, 1)).toBeGreaterThan(400);
    expect(travelMs(5, 1)).toBeLessThan(500);
  });
  it('is faster at higher speeds and slower (at most 2×) in slow motion', () => {
    expect(travelMs(5, 4)).toBeLessThan(travelMs(5, 1));
    expect(travelMs(5, 16)).toBeLessThan(travelMs(5, 4));
    expect(travelMs(5, 16)).toBeGreaterThan(100);
    expect(travelMs(5, 0.25)).toBeCloseTo(travelMs(5, 1) * 2);
  });
});

describe('entryBudget', () => {
  it('never lets more than the cap be on screen', () => {
    expect(entryBudget(200, 200, 16, 500)).toBe(0);
    expect(entryBudget(200, 195, 16, 500)).toBe(5);
  });
  it('lets a steady flow in, not the whole cap in one frame', () => {
    expect(entryBudget(200, 0, 16, 500)).toBe(7);
    expect(entryBudget(200, 0, 100, 100)).toBe(200);
  });
  it('keeps a steady state under the cap', () => {
    // Simulate a flood: each frame admits its budget, particles live `travel` ms.
    const travel = 450;
    const frame = 16;
    const alive: number[] = [];
    let max = 0;
    for (let now = 0; now < 5000; now += frame) {
      while (alive.length && alive[0]! <= now) alive.shift();
      const n = entryBudget(200, alive.length, frame, travel);
      for (let i = 0; i < n; i++) alive.push(now + travel);
      max = Math.max(max, alive.length);
    }
    expect(max).toBeLessThanOrEqual(200);
    expect(max).toBeGreaterThan(150);
  });
});

describe('sampling', () => {
  it('spreads k picks evenly', () => {
    expect(spread(10, 5)).toEqual([1, 3, 5, 7, 9]);
    expect(spread(3, 5)).toEqual([0, 1, 2]);
    expect(spread(0, 3)).toEqual([]);
    expect(spread(5, 0)).toEqual([]);
  });
  it('keeps everything under the budget', () => {
    expect(sampleIndices([false, true, false], 10)).toEqual([0, 1, 2]);
  });
  it('keeps failures first, up to half, and fills with successes', () => {
    const flags = Array.from({ length: 100 }, (_, i) => i % 10 === 0);
    const pick = sampleIndices(flags, 10);
    expect(pick).toHaveLength(10);
    expect(pick.filter((i) => flags[i]).length).toBe(5);
    expect([...pick].sort((a, b) => a - b)).toEqual(pick);
    expect(new Set(pick).size).toBe(10);
  });
  it('uses the whole budget when one kind is scarce', () => {
    const allBad = Array.from({ length: 50 }, () => true);
    expect(sampleIndices(allBad, 8)).toHaveLength(8);
    const oneGood = [...allBad.slice(0, 20), false];
    const pick = sampleIndices(oneGood, 8);
    expect(pick).toHaveLength(8);
    expect(pick).toContain(20);
  });
});

describe('VersionSlots', () => {
  it('gives a version the same slot every time', () => {
    const s = new VersionSlots(6);
    const a = s.slotOf('1.27');
    expect(s.slotOf('1.27')).toBe(a);
    expect(a).toBe(hashString('1.27') % 6);
  });
  it('never gives two versions the same slot while slots are free', () => {
    const s = new VersionSlots(6);
    const versions = ['1.27', '1.28', 'v1', 'v2', 'latest', '1.29'];
    const got = versions.map((v) => s.slotOf(v));
    expect(new Set(got).size).toBe(6);
    expect(got.every((g) => g >= 0 && g < 6)).toBe(true);
  });
  it('is stable across instances (a reload keeps the colours of the same versions)', () => {
    const a = new VersionSlots(6);
    const b = new VersionSlots(6);
    expect(['1.27', '1.28'].map((v) => a.slotOf(v))).toEqual(['1.27', '1.28'].map((v) => b.slotOf(v)));
  });
});

describe('shapes', () => {
  it('draws circles and crosses as path data', () => {
    expect(circlePath(10, 10, 3)).toBe('M7,10a3,3 0 1,0 6,0a3,3 0 1,0 -6,0');
    expect(crossPath(0, 0, 2)).toBe('M-2,-2L2,2M2,-2L-2,2');
  });
});
