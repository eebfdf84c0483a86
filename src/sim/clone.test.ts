import { describe, expect, it } from 'vitest';
import { cloneData } from './clone.ts';

describe('cloneData', () => {
  it('copies plain data deeply, keeping undefined fields and nulls', () => {
    const v = { a: [1, { b: 'x', u: undefined }], n: null, t: true };
    const c = cloneData(v);
    expect(c).toEqual(v);
    expect(Object.keys(c.a[1] as object)).toEqual(['b', 'u']);
    expect(c.a).not.toBe(v.a);
    expect(c.a[1]).not.toBe(v.a[1]);
  });

  it('copies what is not plain data as structuredClone does', () => {
    const d = new Date(5);
    const c = cloneData({ d, m: new Map([[1, 2]]) });
    expect(c.d).not.toBe(d);
    expect(c.d.getTime()).toBe(5);
    expect(c.m.get(1)).toBe(2);
  });

  it('copies a cycle (a YAML alias inside itself) without overflowing the stack', () => {
    const v: { self?: unknown; x: number } = { x: 1 };
    v.self = v;
    const c = cloneData(v);
    expect(c.x).toBe(1);
  });
});
