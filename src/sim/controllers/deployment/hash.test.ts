import { describe, expect, it } from 'vitest';
import { computePodTemplateHash, fnv32a, safeEncodeString, stableStringify } from './hash.ts';

const nginx = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
};

describe('SafeEncodeString digit mapping (reference 1.6, DERIVED)', () => {
  it.each([
    ['0', '4'],
    ['1', '5'],
    ['2', '6'],
    ['3', '7'],
    ['4', '8'],
    ['5', '9'],
    ['6', 'b'],
    ['7', 'c'],
    ['8', 'd'],
    ['9', 'f'],
  ])('%s -> %s', (digit, want) => {
    expect(safeEncodeString(digit)).toBe(want);
  });

  it('maps any character by code % 27 into bcdfghjklmnpqrstvwxz2456789', () => {
    expect(safeEncodeString('a')).toBe('v'); // 97 % 27 = 16
    expect(safeEncodeString('3142235609')).toBe('7586679b4f');
  });
});

describe('FNV-32a', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('fnv32a(%j) = %i', (s, want) => {
    expect(fnv32a(enc(s))).toBe(want);
  });

  it('continues from a previous state like Write() on the same hasher', () => {
    expect(fnv32a(enc('bar'), fnv32a(enc('foo')))).toBe(fnv32a(enc('foobar')));
  });
});

describe('computePodTemplateHash', () => {
  it('is deterministic and ignores key order', () => {
    const reordered = {
      spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'nginx:1.14.2', name: 'nginx' }] },
      metadata: { labels: { app: 'nginx' } },
    };
    expect(computePodTemplateHash(nginx)).toBe(computePodTemplateHash(structuredClone(nginx)));
    expect(computePodTemplateHash(reordered)).toBe(computePodTemplateHash(nginx));
    expect(stableStringify({ b: 1, a: undefined, c: [{ y: 1, x: 2 }] })).toBe('{"b":1,"c":[{"x":2,"y":1}]}');
  });

  it('changes with the template and with collisionCount', () => {
    const other = structuredClone(nginx);
    other.spec.containers[0]!.image = 'nginx:1.16.1';
    const base = computePodTemplateHash(nginx);
    expect(computePodTemplateHash(other)).not.toBe(base);
    expect(computePodTemplateHash(nginx, 0)).not.toBe(base);
    expect(computePodTemplateHash(nginx, 1)).not.toBe(computePodTemplateHash(nginx, 0));
  });

  it('appends collisionCount as 8 bytes: little-endian uint32 then zeros', () => {
    const json = new TextEncoder().encode(stableStringify(nginx));
    const withCount = new Uint8Array([...json, 2, 1, 0, 0, 0, 0, 0, 0]);
    expect(computePodTemplateHash(nginx, 258)).toBe(safeEncodeString(String(fnv32a(withCount))));
  });

  it.each([nginx, {}, { spec: { containers: [] } }, { metadata: { labels: { app: 'web', tier: 'db' } } }])(
    'looks like a real pod-template-hash: %j',
    (template) => {
      const hash = computePodTemplateHash(template);
      expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
      expect(`nginx-deployment-${hash}`).toMatch(/^nginx-deployment-[456789bcdf]{1,10}$/);
    },
  );
});
