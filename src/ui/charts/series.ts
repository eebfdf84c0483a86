// The charts' arithmetic, apart from d3 and the DOM so it can be tested in Node: which
// samples fall in the window, how ReplicaSets stack, how requests fall into one-second bins,
// where probe ticks and restarts go, and the sentences a screen reader hears instead.
// Times here are simulated ms since the cluster started (the store's `now`).

import type { HistorySample } from '../../state/history.ts';
import type { ProbeLogEntry } from '../../state/chartData.ts';

/** The rollout chart shows the last two simulated minutes. */
export const ROLLOUT_WINDOW_MS = 120_000;
/** Probes run every 10 s by default: five minutes show a few dozen ticks. */
export const PROBE_WINDOW_MS = 300_000;
export const BIN_MS = 1000;
/** Revision colours cycle through this many CSS classes (ch-rev-0 ...). */
export const REVISION_COLOURS = 6;

export interface Window {
  from: number;
  to: number;
}

/** The last `span` ms up to now (never before the cluster started). */
export function windowEnding(now: number, span: number): Window {
  return { from: Math.max(0, now - span), to: now };
}

export interface RevisionInfo {
  rs: string;
  revision: string;
  image: string;
  /** At the last sample in the window. */
  ready: number;
  desired: number;
  colour: number;
}

export interface StackPoint {
  t: number;
  y0: number;
  y1: number;
}

export interface RolloutSeries {
  /** Oldest revision first; stacked in this order from the bottom. */
  revisions: RevisionInfo[];
  stacks: { rs: string; colour: number; points: StackPoint[] }[];
  /** The Deployment's spec.replicas over time. */
  desired: { t: number; v: number }[];
  yMax: number;
}

export function revisionColour(revision: string): number {
  const n = Number(revision);
  return Number.isInteger(n) && n > 0 ? (n - 1) % REVISION_COLOURS : REVISION_COLOURS - 1;
}

function revisionOrder(a: { revision: string }, b: { revision: string }): number {
  return (Number(a.revision) || 0) - (Number(b.revision) || 0);
}

/** Ready pods per ReplicaSet of `deployment` ("namespace/name"), stacked, within the window. */
export function rolloutSeries(samples: readonly HistorySample[], deployment: string, w: Window): RolloutSeries {
  const inWindow = samples.filter((s) => s.t >= w.from && s.t <= w.to);
  const revisions = new Map<string, RevisionInfo>();
  for (const s of inWindow) {
    for (const r of s.replicaSets) {
      if (r.deployment !== deployment) continue;
      revisions.set(r.rs, { rs: r.rs, revision: r.revision, image: r.image, ready: r.ready, desired: r.desired, colour: revisionColour(r.revision) });
    }
  }
  // A ReplicaSet missing from the last sample was deleted (revision history limit): it has none.
  const last = inWindow.at(-1);
  for (const info of revisions.values()) {
    if (last && !last.replicaSets.some((r) => r.rs === info.rs)) {
      info.ready = 0;
      info.desired = 0;
    }
  }
  const ordered = [...revisions.values()].sort(revisionOrder);
  const stacks = ordered.map((r) => ({ rs: r.rs, colour: r.colour, points: [] as StackPoint[] }));
  const desired: { t: number; v: number }[] = [];
  let yMax = 1;
  for (const s of inWindow) {
    let base = 0;
    ordered.forEach((r, i) => {
      const ready = s.replicaSets.find((x) => x.rs === r.rs)?.ready ?? 0;
      stacks[i]!.points.push({ t: s.t, y0: base, y1: base + ready });
      base += ready;
    });
    const want = s.deployments[deployment];
    if (want !== undefined) desired.push({ t: s.t, v: want });
    yMax = Math.max(yMax, base, want ?? 0);
  }
  return { revisions: ordered, stacks, desired, yMax };
}

export interface Bin {
  /** Start of the second. */
  t: number;
  ok: number;
  failed: number;
}

/** Requests per one-second bin, for every second of the window (empty ones included). */
export function trafficBins(results: Iterable<{ t: number; ok: boolean }>, w: Window, binMs = BIN_MS): Bin[] {
  const first = Math.floor(w.from / binMs) * binMs;
  const count = Math.max(0, Math.floor((w.to - first) / binMs) + 1);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({ t: first + i * binMs, ok: 0, failed: 0 }));
  for (const r of results) {
    if (r.t < first || r.t > w.to) continue;
    const bin = bins[Math.floor((r.t - first) / binMs)];
    if (!bin) continue;
    if (r.ok) bin.ok++;
    else bin.failed++;
  }
  return bins;
}

export type ProbeKindName = 'Startup' | 'Liveness' | 'Readiness';
export const PROBE_KINDS: readonly ProbeKindName[] = ['Startup', 'Liveness', 'Readiness'];

export interface ProbeTimeline {
  /** Probe kinds shown, one row each, in a fixed order. */
  rows: ProbeKindName[];
  ticks: { t: number; kind: ProbeKindName; ok: boolean; crossed: boolean; output: string }[];
  /** Container restarts (restartCount after the restart). */
  restarts: { t: number; count: number }[];
}

/**
 * Probe entries (times in simulated wall ms, as the kubelet logs them) placed on the window.
 * `configured` are the kinds the container's spec has: their rows show even before a result.
 */
export function probeTimeline(entries: readonly ProbeLogEntry[], epoch: number, w: Window, configured: readonly ProbeKindName[] = []): ProbeTimeline {
  const kinds = new Set<ProbeKindName>(configured);
  const ticks: ProbeTimeline['ticks'] = [];
  const restarts: ProbeTimeline['restarts'] = [];
  for (const e of entries) {
    const t = e.t - epoch;
    if (e.kind !== 'Start') kinds.add(e.kind);
    if (t < w.from || t > w.to) continue;
    if (e.kind === 'Start') {
      if ((e.restartCount ?? 0) > 0) restarts.push({ t, count: e.restartCount ?? 0 });
    } else ticks.push({ t, kind: e.kind, ok: e.ok, crossed: !!e.crossed, output: e.output ?? '' });
  }
  return { rows: PROBE_KINDS.filter((k) => kinds.has(k)), ticks, restarts };
}

export interface ProbeCounts {
  kind: ProbeKindName;
  ok: number;
  failed: number;
  /** The latest result, if any. */
  last: boolean | undefined;
}

export function probeCounts(tl: ProbeTimeline): ProbeCounts[] {
  return tl.rows.map((kind) => {
    const ticks = tl.ticks.filter((x) => x.kind === kind);
    return { kind, ok: ticks.filter((x) => x.ok).length, failed: ticks.filter((x) => !x.ok).length, last: ticks.at(-1)?.ok };
  });
}

/** Ticks for a time axis: every `step` seconds, chosen so about `target` fit. */
export function timeTicks(w: Window, target: number): number[] {
  const span = Math.max(1, w.to - w.from);
  const steps = [5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000];
  const step = steps.find((s) => span / s <= Math.max(1, target)) ?? 600_000;
  const out: number[] = [];
  // Ticks count back from now, so "now" is always labelled and labels read as ages.
  for (let t = w.to; t >= w.from; t -= step) out.unshift(t);
  return out;
}

/** "−90 s", "−2 min", or the word for now: a tick's age relative to now. */
export function ageLabel(t: number, now: number, nowWord: string): string {
  const s = Math.round((now - t) / 1000);
  if (s <= 0) return nowWord;
  return s % 60 === 0 && s >= 120 ? `−${s / 60} min` : `−${s} s`;
}
