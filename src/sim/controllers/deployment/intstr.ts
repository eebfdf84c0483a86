// apimachinery pkg/util/intstr: GetScaledValueFromIntOrPercent, and deployment_util.go's
// ResolveFenceposts. The deployment controller has used the "Scaled" variant (strings must end
// in '%') since it replaced the deprecated GetValueFromIntOrPercent, so "oops" fails with
// "string is not a percentage", not with the Atoi text the older helper produced.

export type IntOrString = number | string;

export type Scaled = { ok: true; value: number } | { ok: false; error: string };

export type Fenceposts = { ok: true; surge: number; unavailable: number } | { ok: false; error: string };

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** Go's strconv.Quote for the characters a YAML scalar can realistically carry. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** strconv.Atoi: optional sign, decimal digits, int64 range; errors carry Go's exact text. */
export function goAtoi(s: string): { ok: true; value: number } | { ok: false; error: string } {
  const syntax = { ok: false as const, error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` };
  if (!/^[+-]?[0-9]+$/.test(s)) return syntax;
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) {
    return { ok: false, error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` };
  }
  return { ok: true, value: Number(big) };
}

/**
 * GetScaledValueFromIntOrPercent. An int is returned as is; a string must end in '%' and is
 * scaled against total, rounding up (maxSurge) or down (maxUnavailable). undefined is Go's nil.
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): Scaled {
  if (v === undefined) return { ok: false, error: 'nil value for IntOrString' };
  if (typeof v === 'number') return { ok: true, value: v };
  if (!v.endsWith('%')) {
    return { ok: false, error: 'invalid value for IntOrString: invalid type: string is not a percentage' };
  }
  const parsed = goAtoi(v.slice(0, -1));
  if (!parsed.ok) {
    return { ok: false, error: `invalid value for IntOrString: invalid value ${goQuote(v)}: ${parsed.error}` };
  }
  // Same operation order as Go's float64 math, so the rounding edge cases agree.
  const scaled = (parsed.value * total) / 100;
  return { ok: true, value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}

/**
 * ResolveFenceposts: surge rounds up, unavailable rounds down, a missing value counts as 0, and
 * if both come out 0 unavailable becomes 1 (surge might be blocked by quota). On error both are 0.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  if (!surge.ok) return surge;
  const unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (!unavailable.ok) return unavailable;
  if (surge.value === 0 && unavailable.value === 0) return { ok: true, surge: 0, unavailable: 1 };
  return { ok: true, surge: surge.value, unavailable: unavailable.value };
}
