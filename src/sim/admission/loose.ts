// Small accessors for API objects held as plain JSON. Admission sees user input that strict
// decoding has already checked for unknown fields, but a field may still hold the wrong JSON
// type; every reader here tolerates that instead of throwing.

import { cloneData } from '../clone.ts';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getObj(o: Obj | undefined, k: string): Obj | undefined {
  const v = o?.[k];
  return isObj(v) ? v : undefined;
}

/** The object at o[k], created empty if missing or not an object. */
export function ensureObj(o: Obj, k: string): Obj {
  const v = o[k];
  if (isObj(v)) return v;
  const fresh: Obj = {};
  o[k] = fresh;
  return fresh;
}

export function getArr(o: Obj | undefined, k: string): unknown[] {
  const v = o?.[k];
  return Array.isArray(v) ? v : [];
}

export function objects(o: Obj | undefined, k: string): Obj[] {
  return getArr(o, k).filter(isObj);
}

export function getStr(o: Obj | undefined, k: string): string {
  const v = o?.[k];
  return typeof v === 'string' ? v : '';
}

export function getNum(o: Obj | undefined, k: string): number | undefined {
  const v = o?.[k];
  return typeof v === 'number' ? v : undefined;
}

export function has(o: Obj | undefined, k: string): boolean {
  return o !== undefined && o[k] !== undefined && o[k] !== null;
}

/** A map[string]string field; non-string values are stringified so key checks still run. */
export function stringMap(o: Obj | undefined, k: string): Record<string, string> | undefined {
  const v = o?.[k];
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(v)) out[key] = typeof val === 'string' ? val : String(val);
  return out;
}

/** Keys in byte order, so errors come out in a stable order (Go iterates maps randomly). */
export function sortedKeys(m: Readonly<Record<string, unknown>> | undefined): string[] {
  return m ? Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

export function clone<T>(v: T): T {
  return cloneData(v);
}
