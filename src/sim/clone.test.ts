import { describe, expect, it } from 'vitest';
import { cloneData, sameData } from './clone.ts';

describe('sameData', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, gone: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, gone: undefined }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
    [[1], { 0: 1 }, false],
    [{ 0: 1 }, [1], false],
    ['1', 1, false],
    [null, {}, false],
    [{ a: { b: { c: [true] } } }, { a: { b: { c: [false] } } }, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameData(a, b)).toBe(same);
    expect(sameData(b, a)).toBe(same);
    // The same answer as comparing JSON for anything whose keys come in the same order.
    if (JSON.stringify(Object.keys(a ?? {})) === JSON.stringify(Object.keys(b ?? {}))) expect(JSON.stringify(a) === JSON.stringify(b)).toBe(same);
  });

  it('holds for a copy', () => {
    const pod = { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null }], podIPs: [{ ip: '10.244.1.3' }] } };
    expect(sameData(pod, cloneData(pod))).toBe(true);
  });
});
