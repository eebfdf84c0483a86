import { describe, expect, it } from 'vitest';
import { claimName, fnv32, parentAndOrdinal, revisionHash, revisionPatch, statefulPodName, type StatefulSet } from './statefulset.ts';

describe('stateful pod identity (stateful_set_utils.go)', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['redis-st-1', 'redis-st', 1],
    ['my-app-v2-3', 'my-app-v2', 3],
    ['web', '', -1],
    ['web-', '', -1],
    ['web-x1', '', -1],
    ['web-99999999999', 'web', -1],
  ])('%s → parent %j, ordinal %i', (name, parent, ordinal) => {
    expect(parentAndOrdinal(name)).toEqual({ parent, ordinal });
  });

  it('names pods <set>-<ordinal> and claims <template>-<set>-<ordinal>', () => {
    expect(statefulPodName('redis-st', 1)).toBe('redis-st-1');
    expect(claimName('www', 'web', 0)).toBe('www-web-0');
  });
});

describe('ControllerRevision hashing (controller_history.go)', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0x050c5d7e],
    ['foobar', 0x31f0b262],
  ])('FNV-1 32 of %j', (s, want) => {
    expect(fnv32(new TextEncoder().encode(s))).toBe(want);
  });

  const set = (image: string): StatefulSet =>
    ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { selector: {}, serviceName: 'web', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } } } }) as StatefulSet;

  it('stores the template as a replace patch', () => {
    expect(revisionPatch(set('nginx'))).toEqual({ spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, $patch: 'replace' } } });
  });

  it('gives a SafeEncodeString hash that changes with the template and the collision count', () => {
    const a = revisionHash(revisionPatch(set('nginx:1.27')), 0);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(revisionHash(revisionPatch(set('nginx:1.27')), 0)).toBe(a);
    expect(revisionHash(revisionPatch(set('nginx:1.26')), 0)).not.toBe(a);
    expect(revisionHash(revisionPatch(set('nginx:1.27')), 1)).not.toBe(a);
  });
});
