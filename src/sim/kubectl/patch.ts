// The three patch types kubectl patch sends: strategic merge (the default), JSON merge
// (RFC 7386) and JSON patch (RFC 6902). Pure functions over plain JSON values.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge, null deletes, anything else (lists too) replaces. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The patchMergeKey of the lists a student patches (from the Go types' struct tags); lists not
 * named here are replaced whole, as lists without a merge strategy are upstream.
 */
function mergeKeyFor(field: string, items: readonly Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
    case 'resourceClaims':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'hostAliases':
      return 'ip';
    case 'ownerReferences':
      return 'uid';
    case 'ports':
      // ContainerPort merges on containerPort, ServicePort on port.
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    case 'conditions':
      return 'type';
    default:
      return undefined;
  }
}

/** Strategic merge patch: merge-keyed lists merge item by item; `$patch: delete|replace` directives. */
export function strategicMerge(target: Json | undefined, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) {
    const key = mergeKeyFor(field, patch);
    if (!key || !Array.isArray(target)) return patch.filter((p) => !(isObject(p) && p['$patch'] !== undefined));
    if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) return patch.filter((p) => !(isObject(p) && p['$patch'] === 'replace'));
    const out: Json[] = [...target];
    for (const item of patch) {
      if (!isObject(item) || item[key] === undefined) {
        out.push(item);
        continue;
      }
      const at = out.findIndex((t) => isObject(t) && t[key] === item[key]);
      if (item['$patch'] === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMerge(out[at], item);
      else out.push(strategicMerge(undefined, item));
    }
    return out;
  }
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') {
    const { $patch: _drop, ...rest } = patch;
    return rest;
  }
  if (patch['$patch'] === 'delete') return null;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch') continue;
    if (v === null) delete out[k];
    else out[k] = strategicMerge(out[k], v, k);
  }
  return out;
}

export type JsonPatchResult = { ok: true; value: Json } | { ok: false; error: string };

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map(unescape);
}

/** RFC 6902 with evanphx/json-patch's error texts for the common mistakes. */
export function jsonPatch(target: Json, ops: unknown): JsonPatchResult {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let doc: Json = structuredClone(target);
  for (const raw of ops) {
    if (!isObject(raw)) return { ok: false, error: 'json: cannot unmarshal into Go value of type jsonpatch.Operation' };
    const op = raw['op'];
    const path = typeof raw['path'] === 'string' ? parsePointer(raw['path']) : undefined;
    if (typeof op !== 'string' || !['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op)) return { ok: false, error: `Unexpected kind: ${String(op)}` };
    if (!path) return { ok: false, error: `doc is missing path: "${String(raw['path'] ?? '')}": missing value` };
    const from = typeof raw['from'] === 'string' ? parsePointer(raw['from']) : undefined;
    const value = raw['value'] as Json;
    const r = applyOp(doc, op, path, from, value, raw['path'] as string);
    if (!r.ok) return r;
    doc = r.value;
  }
  return { ok: true, value: doc };
}

function get(doc: Json, path: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const t of path) {
    if (Array.isArray(cur)) cur = /^\d+$/.test(t) ? cur[Number(t)] : undefined;
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, t) ? cur[t] : undefined;
    else return undefined;
  }
  return cur;
}

function applyOp(doc: Json, op: string, path: string[], from: string[] | undefined, value: Json, rawPath: string): JsonPatchResult {
  // evanphx/json-patch v5 quotes the path for add only.
  const missing = (): JsonPatchResult => ({ ok: false, error: `${op} operation does not apply: doc is missing path: ${op === 'add' ? `"${rawPath}"` : rawPath}: missing value` });
  if (op === 'test') return JSON.stringify(get(doc, path)) === JSON.stringify(value) ? { ok: true, value: doc } : { ok: false, error: `testing value ${rawPath} failed: test failed` };
  if (op === 'move' || op === 'copy') {
    if (!from) return { ok: false, error: `${op} operation does not apply: doc is missing from path` };
    const v = get(doc, from);
    if (v === undefined) return { ok: false, error: `${op} operation does not apply: doc is missing from path: missing value` };
    const base = op === 'move' ? applyOp(doc, 'remove', from, undefined, null, '') : { ok: true as const, value: doc };
    if (!base.ok) return base;
    return applyOp(base.value, 'add', path, undefined, structuredClone(v), rawPath);
  }
  if (path.length === 0) return op === 'remove' ? missing() : { ok: true, value };
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = last === '-' ? parent.length : /^\d+$/.test(last) ? Number(last) : NaN;
    if (Number.isNaN(idx) || idx > parent.length || (op !== 'add' && idx >= parent.length)) return missing();
    if (op === 'add') parent.splice(idx, 0, value);
    else if (op === 'remove') parent.splice(idx, 1);
    else parent[idx] = value;
    return { ok: true, value: doc };
  }
  if (!isObject(parent)) return missing();
  if (op !== 'add' && !Object.prototype.hasOwnProperty.call(parent, last)) return missing();
  if (op === 'remove') delete parent[last];
  else parent[last] = value;
  return { ok: true, value: doc };
}
