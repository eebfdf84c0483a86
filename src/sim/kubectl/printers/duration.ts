// Durations and timestamps as kubectl prints them: a port of apimachinery
// pkg/util/duration/duration.go plus the translateTimestampSince helper that printers.go
// and describe.go share. Inputs are milliseconds; Go works in nanoseconds and truncates
// toward zero with int(...), which Math.trunc reproduces.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** HumanDuration: ~2-3 significant figures, used for AGE, RESTARTS "(Xs ago)" and describe. */
export function humanDuration(ms: number): string {
  // Up to 2s in the future still counts as "now" to tolerate clock skew between machines.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** ShortHumanDuration: one unit only (s, m, h, d, y). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC3339 (or RFC3339Micro) timestamp to epoch milliseconds. Written out rather
 * than left to Date.parse because microsecond fractions are outside the ECMAScript date
 * format and engines disagree on them. Returns undefined for anything unparsable.
 */
export function parseTimestamp(ts: string | undefined): number | undefined {
  if (ts === undefined || ts === '') return undefined;
  const m = RFC3339.exec(ts);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (frac !== undefined) ms += Math.trunc(Number(`0.${frac}`) * 1000);
  if (sign !== undefined) {
    const offset = (Number(oh) * 60 + Number(om)) * MINUTE;
    ms += sign === '+' ? -offset : offset;
  }
  return ms;
}

/** HumanDuration since `ts`, or `<unknown>` when the timestamp is unset (Go's IsZero). */
export function translateTimestampSince(ts: string | undefined, nowMs: number): string {
  const at = parseTimestamp(ts);
  if (at === undefined) return '<unknown>';
  return humanDuration(nowMs - at);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Go's time.RFC1123Z layout ("Mon, 02 Jan 2006 15:04:05 -0700") in UTC. kubectl formats in
 * the local zone of the machine running it; the simulated machine runs in UTC. An unset
 * timestamp prints as Go's zero time, exactly as describe does for a zero metav1.Time.
 */
export function formatRFC1123Z(ts: string | undefined): string {
  const at = parseTimestamp(ts);
  if (at === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(at);
  return (
    `${WEEKDAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ` +
    `${String(d.getUTCFullYear()).padStart(4, '0')} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
  );
}
