import { describe, expect, it } from 'vitest';
import { mergeDiff } from './mergeDiff.ts';
import { mergePatch } from '../sim/kubectl/patch.ts';

describe('mergeDiff', () => {
  it.each([
    ['nothing changed', { a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] } }, undefined],
    ['a nested scalar', { spec: { replicas: 1, x: 'y' } }, { spec: { replicas: 3, x: 'y' } }, { spec: { replicas: 3 } }],
    ['a removed key becomes null', { metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: '1' } } }, { metadata: { labels: { b: null } } }],
    ['arrays are replaced whole', { c: [{ n: 'a' }, { n: 'b' }] }, { c: [{ n: 'a' }] }, { c: [{ n: 'a' }] }],
    ['a new key', { a: 1 }, { a: 1, b: { c: 2 } }, { b: { c: 2 } }],
  ])('%s', (_n, from, to, want) => {
    expect(mergeDiff(from, to)).toEqual(want);
  });

  it('applying the diff as a merge patch gives the edited object back', () => {
    const from = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x:1' }] } } }, metadata: { labels: { app: 'w', old: 'y' } } };
    const to = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x:2' }] } } }, metadata: { labels: { app: 'w' } } };
    expect(mergePatch(from, mergeDiff(from, to)!)).toEqual(to);
  });
});
