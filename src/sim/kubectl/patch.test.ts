import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMerge } from './patch.ts';

const pod = {
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { name: 'log', image: 'busybox' },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'a', operator: 'Exists' }],
  },
};

describe('strategic merge patch', () => {
  it.each([
    ['merges a container by name', { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }, (r: typeof pod) => [r.spec.containers.length, r.spec.containers[0]!.image, r.spec.containers[0]!.ports?.[0]?.containerPort], [2, 'nginx:1.27', 80]],
    ['appends a new container', { spec: { containers: [{ name: 'side', image: 'busybox' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.name), ['app', 'log', 'side']],
    ['deletes a container with $patch: delete', { spec: { containers: [{ name: 'log', $patch: 'delete' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.name), ['app']],
    ['merges env by name', { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }] }] } }, (r: typeof pod) => r.spec.containers[0]!.env?.map((e) => e.name), ['A', 'B']],
    ['merges ports by containerPort', { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http' }] }] } }, (r: typeof pod) => r.spec.containers[0]!.ports, [{ containerPort: 80, name: 'http' }]],
    ['replaces a list without a merge key', { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }, (r: typeof pod) => r.spec.tolerations.map((t) => t.key), ['b']],
    ['null deletes a field', { spec: { volumes: null } }, (r: typeof pod) => 'volumes' in r.spec, false],
    ['$patch: replace swaps a whole list', { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } }, (r: typeof pod) => r.spec.containers.map((c) => c.name), ['only']],
  ])('%s', (_name, patch, pick, want) => {
    const out = strategicMerge(structuredClone(pod), patch as never) as unknown as typeof pod;
    expect(pick(out)).toEqual(want);
  });

  it('does not change its input', () => {
    const input = structuredClone(pod);
    strategicMerge(input, { spec: { containers: [{ name: 'app', image: 'x' }] } });
    expect(input).toEqual(pod);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: ['b'] }, { a: ['c', 'd'] }, { a: ['c', 'd'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [[1, 2], { a: 'b' }, { a: 'b' }],
  ])('%j + %j', (target, patch, want) => {
    expect(mergePatch(target as never, patch as never)).toEqual(want);
  });

  it('replaces lists of containers whole, unlike strategic merge', () => {
    const out = mergePatch(structuredClone(pod) as never, { spec: { containers: [{ name: 'app', image: 'x' }] } }) as unknown as typeof pod;
    expect(out.spec.containers).toEqual([{ name: 'app', image: 'x' }]);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { spec: { replicas: 3, list: ['a', 'b'] } };
  it.each([
    ['replace', [{ op: 'replace', path: '/spec/replicas', value: 5 }], { spec: { replicas: 5, list: ['a', 'b'] } }],
    ['add to the end of a list', [{ op: 'add', path: '/spec/list/-', value: 'c' }], { spec: { replicas: 3, list: ['a', 'b', 'c'] } }],
    ['add inside a list', [{ op: 'add', path: '/spec/list/0', value: 'z' }], { spec: { replicas: 3, list: ['z', 'a', 'b'] } }],
    ['remove', [{ op: 'remove', path: '/spec/list/0' }], { spec: { replicas: 3, list: ['b'] } }],
    ['move', [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], { spec: { list: ['a', 'b'], count: 3 } }],
    ['copy', [{ op: 'copy', from: '/spec/replicas', path: '/spec/count' }], { spec: { replicas: 3, list: ['a', 'b'], count: 3 } }],
    ['test then replace', [{ op: 'test', path: '/spec/replicas', value: 3 }, { op: 'replace', path: '/spec/replicas', value: 1 }], { spec: { replicas: 1, list: ['a', 'b'] } }],
    ['escaped keys', [{ op: 'add', path: '/spec/a~1b', value: 1 }], { spec: { replicas: 3, list: ['a', 'b'], 'a/b': 1 } }],
  ])('%s', (_name, ops, want) => {
    const r = jsonPatch(structuredClone(doc), ops);
    expect(r).toEqual({ ok: true, value: want });
  });

  it.each([
    ['replace of a missing key', [{ op: 'replace', path: '/spec/nope', value: 1 }], 'replace operation does not apply: doc is missing path: /spec/nope: missing value'],
    ['add under a missing parent', [{ op: 'add', path: '/nope/x', value: 1 }], 'add operation does not apply: doc is missing path: "/nope/x": missing value'],
    ['a failed test', [{ op: 'test', path: '/spec/replicas', value: 4 }], 'testing value /spec/replicas failed: test failed'],
    ['an object instead of a list', { op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['an unknown op', [{ op: 'frob', path: '/spec' }], 'Unexpected kind: frob'],
  ])('%s fails', (_name, ops, error) => {
    expect(jsonPatch(structuredClone(doc), ops)).toEqual({ ok: false, error });
  });

  it('leaves the input alone when a later operation fails', () => {
    const input = structuredClone(doc);
    jsonPatch(input, [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'remove', path: '/nope' }]);
    expect(input).toEqual(doc);
  });
});
