// Feeds the particle layer from the cluster's traffic sources, once per animation frame and
// outside React: it reads the results each running source recorded since the last frame (a
// cursor per source, by simulated time), maps each to the Service box it starts from,
// samples them under a cap, and hands them to the particles. It also keeps the small
// version legend and announces (politely, per Service) when traffic starts or stops.
//
// It only reads the cluster; nothing here is recorded or changes a replay.

import type { Cluster } from '../../sim/cluster.ts';
import { servicesReachedBy, type TrafficResult, type TrafficSource } from '../../sim/traffic.ts';
import type { Translate } from '../i18n.ts';
import { entryBudget, firstAfter, sampleIndices, travelMs, VersionSlots } from './particleMath.ts';
import { PALETTE, type ParticleRequest, type Particles, type Positions } from './particles.ts';
import type { ViewKey } from './strings.ts';

/** Most particles on screen at once. */
export const MAX_ON_SCREEN = 200;
/** Window of the reduced-motion counters, simulated ms. */
const COUNT_WINDOW = 10_000;
/** Legend and counters refresh at most this often (real ms). */
const SLOW_EVERY = 250;
/** A version stays in the legend this long after its last answer (real ms). */
const LEGEND_KEEP = 4000;

export interface FeedInput {
  cluster: Cluster;
  paused: boolean;
  speed: number;
}

export interface FeedOptions {
  particles: Particles;
  read(): FeedInput;
  /** Positions plus which Service fronts which pod ("svc>pod", both "namespace/name"). */
  positions(): (Positions & { serves: ReadonlySet<string> }) | undefined;
  legend: HTMLElement;
  live: HTMLElement;
  t: Translate<ViewKey>;
  reducedMotion: boolean;
}

export interface TrafficFeed {
  set(o: { t: Translate<ViewKey>; reducedMotion: boolean }): void;
  destroy(): void;
}

interface Running {
  name: string;
  source: TrafficSource;
  services: string[];
}

function shortName(svc: string): string {
  const [ns, name] = svc.split('/');
  return ns === 'default' ? (name ?? svc) : `${name ?? svc} (${ns ?? ''})`;
}

function rateText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
}

export function createTrafficFeed(o: FeedOptions): TrafficFeed {
  const { particles, legend, live } = o;
  let t = o.t;
  let reduced = o.reducedMotion;
  particles.setReducedMotion(reduced);
  const slots = new VersionSlots(PALETTE);
  /** Simulated wall time each source has been read up to. */
  let cursors = new WeakMap<TrafficSource, number>();
  const targets = new WeakMap<TrafficSource, { services: string[]; at: number }>();
  /** Version → slot and when it last answered (real ms). */
  const seen = new Map<string, { slot: number; at: number }>();
  let cluster: Cluster | undefined;
  let vis = 0;
  let lastReal: number | undefined;
  let lastSlow = -Infinity;
  let legendSig = '';
  let byService = new Map<string, Running[]>();
  let first = true;
  let raf = 0;

  function servicesOf(c: Cluster, src: TrafficSource, now: number): string[] {
    const cached = targets.get(src);
    // Service targets never change; a NodePort/Ingress URL may reach another Service later.
    if (cached && (src.target.kind === 'service' || now - cached.at < 1000)) return cached.services;
    const services = servicesReachedBy(c.store, c.network.nodeIps, src.target);
    targets.set(src, { services, at: now });
    return services;
  }

  function pickService(services: string[], r: TrafficResult, serves: ReadonlySet<string> | undefined): string | undefined {
    if (services.length <= 1 || !r.pod || !serves) return services[0];
    return services.find((s) => serves.has(`${s}>${r.pod}`)) ?? services[0];
  }

  function announce(next: Map<string, Running[]>): void {
    const msgs: string[] = [];
    for (const [svc, list] of next) {
      if (byService.has(svc)) continue;
      msgs.push(t('trafficStarted', { name: shortName(svc), rate: rateText(list.reduce((s, e) => s + e.source.perSecond, 0)) }));
    }
    for (const [svc, list] of byService) {
      if (next.has(svc)) continue;
      let sent = 0;
      let ok = 0;
      for (const e of list) {
        const s = e.source.summary();
        sent += s.total;
        ok += s.ok;
      }
      msgs.push(t('trafficStopped', { name: shortName(svc), sent, ok, failed: sent - ok }));
    }
    if (msgs.length && !first) live.textContent = msgs.join(' ');
  }

  function drawLegend(show: boolean, now: number): void {
    for (const [v, s] of seen) if (now - s.at > LEGEND_KEEP) seen.delete(v);
    const list = show ? [...seen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : [];
    const sig = show ? `${t('trafficLegend')}|${list.map(([v, s]) => `${v}:${s.slot}`).join(',')}` : '';
    if (sig === legendSig) return;
    legendSig = sig;
    legend.hidden = !show;
    legend.replaceChildren();
    if (!show) return;
    const head = document.createElement('span');
    head.className = 'cv-tl-head';
    head.textContent = t('trafficLegend');
    legend.append(head);
    for (const [v, s] of list) {
      const item = document.createElement('span');
      item.className = `cv-tl-item tv-${s.slot}`;
      const dot = document.createElement('span');
      dot.className = 'cv-tl-dot';
      item.append(dot, v === '?' ? t('trafficNoVersion') : v);
      legend.append(item);
    }
    const bad = document.createElement('span');
    bad.className = 'cv-tl-item is-failed';
    const x = document.createElement('span');
    x.className = 'cv-tl-x';
    x.textContent = '✕';
    bad.append(x, t('trafficFailed'));
    legend.append(bad);
  }

  function counters(c: Cluster, running: Running[]): void {
    const wall = c.clock.wallTime;
    const sums = new Map<string, { ok: number; failed: number }>();
    for (const e of running) {
      const svc = e.services[0];
      if (!svc) continue;
      const s = sums.get(svc) ?? { ok: 0, failed: 0 };
      const res = e.source.results;
      for (let i = firstAfter(res, wall - COUNT_WINDOW); i < res.length; i++) {
        if (res[i]!.ok) s.ok++;
        else s.failed++;
      }
      sums.set(svc, s);
    }
    particles.setCounters(new Map([...sums].map(([k, v]) => [k, { text: t('trafficCounter', v), failed: v.failed }])));
  }

  function frame(real: number): void {
    raf = requestAnimationFrame(frame);
    const dt = lastReal === undefined ? 16 : Math.min(100, Math.max(0, real - lastReal));
    lastReal = real;
    const input = o.read();
    const c = input.cluster;
    if (c !== cluster) {
      // A rewind or reset built a new cluster: its sources are new, and old particles lie.
      if (cluster) particles.clear();
      cluster = c;
      cursors = new WeakMap();
    }
    const speed = Math.max(0.01, input.speed);
    if (!input.paused) vis += dt;
    const wall = c.clock.wallTime;
    const pos = o.positions();

    const running: Running[] = c.trafficRegistry.list().map((e) => ({ name: e.name, source: e.source, services: servicesOf(c, e.source, real) }));
    const next = new Map<string, Running[]>();
    for (const e of running) for (const s of e.services) next.set(s, [...(next.get(s) ?? []), e]);
    const changed = next.size !== byService.size || [...next.keys()].some((k) => !byService.has(k));
    if (changed) announce(next);
    byService = next;
    first = false;

    // Requests recorded since the last frame, by simulated time. A jump (a seek, a step to
    // the next event) only shows its last moments.
    const lookback = Math.max(50, 150 * speed);
    const fresh: { r: TrafficResult; services: string[] }[] = [];
    for (const e of running) {
      const res = e.source.results;
      const cur = cursors.get(e.source) ?? wall - dt * speed;
      cursors.set(e.source, wall);
      if (!e.services.length) continue;
      for (let i = firstAfter(res, Math.max(cur, wall - lookback)); i < res.length; i++) fresh.push({ r: res[i]!, services: e.services });
    }
    if (fresh.length) {
      for (const { r } of fresh) {
        const v = r.version ?? '?';
        if (r.ok || r.version) seen.set(v, { slot: slots.slotOf(v), at: real });
      }
      const budget = reduced ? fresh.length : entryBudget(MAX_ON_SCREEN, particles.active, dt, travelMs(5, speed));
      const out: ParticleRequest[] = [];
      for (const i of sampleIndices(
        fresh.map((f) => !f.r.ok),
        budget,
      )) {
        const { r, services } = fresh[i]!;
        const service = pickService(services, r, pos?.serves);
        if (!service) continue;
        const ago = Math.min(dt, Math.max(0, (wall - r.t) / speed));
        out.push({ service, pod: r.pod, ok: r.ok, slot: slots.slotOf(r.version ?? '?'), start: vis - ago, duration: travelMs(r.latencyMs, speed) });
      }
      particles.push(out);
    }

    if (real - lastSlow >= SLOW_EVERY || changed) {
      lastSlow = real;
      drawLegend(running.length > 0, real);
      if (reduced) counters(c, running);
    }
    particles.frame(vis);
  }

  raf = requestAnimationFrame(frame);

  return {
    set(n) {
      if (n.t !== t) {
        t = n.t;
        legendSig = '\u0000';
      }
      if (n.reducedMotion !== reduced) {
        reduced = n.reducedMotion;
        particles.setReducedMotion(reduced);
        if (!reduced) particles.setCounters(new Map());
        lastSlow = -Infinity;
      }
    },
    destroy() {
      cancelAnimationFrame(raf);
      particles.destroy();
      legend.replaceChildren();
      legend.hidden = true;
    },
  };
}
