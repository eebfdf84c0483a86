// pod-template-hash (controller.ComputeHash). Upstream feeds FNV-32a with the spew "%#v" dump
// of the Go PodTemplateSpec struct (type names, nil pointers, zero values included), which a
// JSON object cannot reproduce byte for byte. So the hash *values* differ from a real cluster,
// but the procedure after the dump is the same: FNV-32a, optional collisionCount bytes, decimal
// uint32, SafeEncodeString. Names therefore have the real shape, e.g. nginx-deployment-75675f5897.

import { NAME_SUFFIX_ALPHABET } from '../../random.ts';

/** apimachinery util/rand SafeEncodeString: each character -> alphabet[code % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_SUFFIX_ALPHABET[(ch.codePointAt(0) ?? 0) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over bytes. Returns an unsigned 32-bit number. */
export function fnv32a(bytes: Uint8Array, seed: number = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * Deterministic JSON: object keys sorted, undefined members dropped. Two templates that are
 * equal as API objects serialise identically however their keys were ordered.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * ComputeHash over a pod template. Pass the Deployment's template (without the
 * pod-template-hash label) and status.collisionCount when set. Upstream appends the collision
 * count as an 8-byte buffer holding the little-endian uint32 in its first four bytes.
 */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(stableStringify(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}
