// Pure pieces of the traffic particles: where a particle is along a link, how long it
// travels, how many may enter a frame, which to keep when there are too many, and which
// colour a version gets. No DOM, no clock: the particle layer and its tests share them.

export interface Point {
  x: number;
  y: number;
}

/** Index of the first item with t > after, in a list sorted by t (binary search). */
export function firstAfter(items: readonly { t: number }[], after: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.t <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The point at u (0..1) on the curve an endpoint link draws from (x1,y1) to (x2,y2): a cubic
 * whose control points sit at the middle height, so particles ride exactly on the links.
 */
export function pointOnLink(x1: number, y1: number, x2: number, y2: number, u: number): Point {
  const v = Math.min(1, Math.max(0, u));
  const my = (y1 + y2) / 2;
  const a = (1 - v) ** 3;
  const b = 3 * (1 - v) ** 2 * v;
  const c = 3 * (1 - v) * v * v;
  const d = v ** 3;
  return { x: (a + b) * x1 + (c + d) * x2, y: a * y1 + (b + c) * my + d * y2 };
}

/** Smooth start and stop. */
export function easeInOut(u: number): number {
  const v = Math.min(1, Math.max(0, u));
  return v < 0.5 ? 2 * v * v : 1 - (-2 * v + 2) ** 2 / 2;
}

/** Fast start, gentle stop (a failed request braking before it bursts). */
export function easeOut(u: number): number {
  const v = Math.min(1, Math.max(0, u));
  return 1 - (1 - v) ** 3;
}

/**
 * Real milliseconds a request is drawn travelling: its latency mapped onto 400–600 ms
 * (log scale: 1 ms → 400, 1 s timeout → 600), then shortened at higher speeds and
 * lengthened (up to 2×) in slow motion, so the drawing keeps pace with simulated time.
 */
export function travelMs(latencyMs: number, speed: number): number {
  const l = Math.max(1, latencyMs);
  const base = 400 + 200 * Math.min(1, Math.log10(l) / 3);
  const s = Math.max(0.01, speed);
  const factor = s >= 1 ? 1 / s ** 0.4 : Math.min(2, 1 / s ** 0.5);
  return base * factor;
}

/**
 * How many particles may enter this frame so that at most `cap` are on screen: what is
 * left under the cap, and no more than a steady flow of cap per travel time would bring
 * in one frame (so a burst does not fill the screen at once and then starve).
 */
export function entryBudget(cap: number, onScreen: number, frameMs: number, travel: number): number {
  const left = Math.max(0, cap - onScreen);
  const steady = Math.ceil((cap * Math.max(1, frameMs)) / Math.max(1, travel));
  return Math.min(left, Math.max(1, steady));
}

/** k indices of 0..n-1 spread evenly (all of them when k >= n), ascending. */
export function spread(n: number, k: number): number[] {
  if (k <= 0 || n <= 0) return [];
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < k; j++) out.push(Math.floor(((j + 0.5) * n) / k));
  return out;
}

/**
 * Which of n new requests to draw when only k may enter: failures are kept first (up to
 * half of k, they are what a student is looking for), the rest spread evenly over the
 * successes. Returns ascending indices into the original list.
 */
export function sampleIndices(failed: readonly boolean[], k: number): number[] {
  const n = failed.length;
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  if (k <= 0) return [];
  const bad: number[] = [];
  const good: number[] = [];
  failed.forEach((f, i) => (f ? bad : good).push(i));
  const kb = Math.min(bad.length, Math.max(good.length ? Math.ceil(k / 2) : k, k - good.length));
  const kg = Math.min(good.length, k - kb);
  const out = [...spread(bad.length, kb).map((i) => bad[i]!), ...spread(good.length, kg).map((i) => good[i]!)];
  return out.sort((a, b) => a - b);
}

/** FNV-1a: a small stable string hash. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Stable colours for versions: a version takes the palette slot its hash points at, or, when
 * a version already seen holds that slot, the next free one. So 1.27 and 1.28 never share a
 * colour during a rollout, and a version keeps its colour for the whole session.
 */
export class VersionSlots {
  private readonly slots = new Map<string, number>();

  constructor(readonly size: number) {}

  slotOf(version: string): number {
    const known = this.slots.get(version);
    if (known !== undefined) return known;
    const taken = new Set(this.slots.values());
    const home = hashString(version) % this.size;
    let slot = home;
    for (let i = 0; i < this.size; i++) {
      const s = (home + i) % this.size;
      if (!taken.has(s)) {
        slot = s;
        break;
      }
    }
    this.slots.set(version, slot);
    return slot;
  }
}

/** A small circle as path data (many of them make one path per colour). */
export function circlePath(x: number, y: number, r: number): string {
  return `M${r1(x - r)},${r1(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}

/** An ✕ centred on (x, y), to be stroked. */
export function crossPath(x: number, y: number, r: number): string {
  return `M${r1(x - r)},${r1(y - r)}L${r1(x + r)},${r1(y + r)}M${r1(x + r)},${r1(y - r)}L${r1(x - r)},${r1(y + r)}`;
}

/** A diamond centred on (x, y): a failing request on its way, shaped unlike the dots. */
export function diamondPath(x: number, y: number, r: number): string {
  return `M${r1(x)},${r1(y - r)}L${r1(x + r)},${r1(y)}L${r1(x)},${r1(y + r)}L${r1(x - r)},${r1(y)}Z`;
}

function r1(v: number): number {
  return Math.round(v * 10) / 10;
}
