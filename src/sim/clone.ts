// A deep copy of API data. API objects are plain JSON-like trees (objects, arrays, strings,
// numbers, booleans, null, and undefined for absent fields), and the store copies one on every
// write; structuredClone goes through the serializer and was the largest single cost of a pod
// starting. Anything that is not plain data (a Date, a Map: never in a stored object) falls
// back to structuredClone, so the copy is never wrong, only slower; so does anything nested
// deeper than any API object is, which is how a cycle (a YAML alias inside itself) is copied.

export function cloneData<T>(value: T): T {
  return copy(value, 0) as T;
}

const DEEPEST = 64;

function copy(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (depth > DEEPEST) return structuredClone(v);
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], depth + 1);
  return out;
}

/**
 * Whether two pieces of API data would serialise to the same JSON, key order aside: fields
 * that are undefined count as absent. Cheaper than comparing JSON.stringify of both (the
 * kubelet asks this of a pod's status every time something about the pod happens).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    if (!sameData(x[k], y[k])) return false;
    n++;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}
