// The JSON merge patch (RFC 7386) that turns `from` into `to`: what `kubectl edit` sends when
// the student saves. Objects recurse; arrays and scalars are replaced whole; a key that is gone
// becomes null.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** undefined when nothing changed. */
export function mergeDiff(from: Json, to: Json): Json | undefined {
  if (!isObject(from) || !isObject(to)) return JSON.stringify(from) === JSON.stringify(to) ? undefined : to;
  const out: { [k: string]: Json } = {};
  for (const k of Object.keys(from)) if (!(k in to)) out[k] = null;
  for (const [k, v] of Object.entries(to)) {
    if (!(k in from)) out[k] = v;
    else {
      const d = mergeDiff(from[k]!, v);
      if (d !== undefined) out[k] = d;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
