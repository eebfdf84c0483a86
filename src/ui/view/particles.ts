// The traffic particle layer: requests drawn as dots riding the endpoint links from a Service
// to the pod that answered, coloured by the version that answered; failures as red diamonds
// that brake below the Service (or at the pod that answered 5xx) and burst into an ✕.
//
// It draws into its own <g> (aria-hidden, no pointer events) with a fixed set of <path>
// elements, one per colour, whose path data is rewritten each frame: no DOM is created per
// particle, and nothing here touches the layout. With reduced motion nothing moves: the
// answering pod gets a short outline and each Service a counter of the last ten seconds.

import { circlePath, crossPath, diamondPath, easeInOut, easeOut, pointOnLink } from './particleMath.ts';
import type { Rect } from './layout.ts';

/** Palette size: the view's CSS defines --tv-0 .. --tv-5 for both themes. */
export const PALETTE = 6;

export interface Positions {
  /** Service boxes by "namespace/name". */
  services: ReadonlyMap<string, Rect>;
  /** Pod cards by "namespace/name". */
  pods: ReadonlyMap<string, Rect>;
}

/** One request to draw, already mapped to the Service box it starts from. */
export interface ParticleRequest {
  /** "namespace/name" of the Service. */
  service: string;
  /** "namespace/name" of the pod that answered, if any. */
  pod: string | undefined;
  ok: boolean;
  /** Palette slot of the answering version. */
  slot: number;
  /** Start, on the layer's clock (ms), and how long it travels. */
  start: number;
  duration: number;
}

export interface Particles {
  push(requests: readonly ParticleRequest[]): void;
  /** Redraw for the layer's clock at `now` (ms). */
  frame(now: number): void;
  /** How many are on screen (for the entry budget). */
  readonly active: number;
  setReducedMotion(on: boolean): void;
  /** Reduced motion: ok/failed over the last 10 s per Service ("namespace/name"); text by the caller. */
  setCounters(counts: ReadonlyMap<string, { text: string; failed: number }>): void;
  clear(): void;
  destroy(): void;
}

const R = 3.8;
/** How far a failed request gets below its Service before it bursts (the gap above the nodes is 16 px). */
const FAIL_DROP = 8;
/** A short comet tail: two fading dots behind each request, this far back along the link. */
const TAIL = [0.06, 0.12] as const;
/** Share of a failure's time spent moving; the rest is the burst. */
const FAIL_MOVE = 0.4;
const HIGHLIGHT_MS = 650;
const SVG_NS = 'http://www.w3.org/2000/svg';

export function createParticles(layer: SVGGElement, getPositions: () => Positions | undefined): Particles {
  layer.setAttribute('class', 'cv-particles');
  layer.setAttribute('aria-hidden', 'true');
  layer.style.pointerEvents = 'none';

  const make = (cls: string): SVGPathElement => {
    const p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('class', cls);
    layer.appendChild(p);
    return p;
  };
  const highlight = Array.from({ length: PALETTE }, (_, i) => make(`cv-pt-hl tv-${i}`));
  const tails = Array.from({ length: PALETTE }, (_, i) => make(`cv-pt-tail tv-${i}`));
  const dots = Array.from({ length: PALETTE }, (_, i) => make(`cv-pt-dot tv-${i}`));
  const failMove = make('cv-pt-fail-move');
  const failRing = make('cv-pt-fail-ring');
  const failHalo = make('cv-pt-fail-halo');
  const failX = make('cv-pt-fail-x');
  const counters = document.createElementNS(SVG_NS, 'g');
  counters.setAttribute('class', 'cv-pt-counters');
  layer.appendChild(counters);

  let live: ParticleRequest[] = [];
  let reduced = false;
  /** Reduced motion: pod → slot and until when it stays outlined. */
  const lit = new Map<string, { slot: number; until: number }>();
  let litDirty = false;
  let drawnEmpty = true;
  let counts: ReadonlyMap<string, { text: string; failed: number }> = new Map();
  let countsDrawn = '';
  let lastPositions: Positions | undefined;

  function setD(p: SVGPathElement, d: string): void {
    if (p.getAttribute('d') !== d) p.setAttribute('d', d);
  }

  function drawParticles(now: number, pos: Positions): void {
    const perSlot: string[][] = Array.from({ length: PALETTE }, () => []);
    const tailSlot: string[][] = Array.from({ length: PALETTE }, () => []);
    const moving: string[] = [];
    const rings: string[] = [];
    const crosses: string[] = [];
    const keep: ParticleRequest[] = [];
    for (const p of live) {
      const u = (now - p.start) / p.duration;
      if (u >= 1) continue;
      keep.push(p);
      if (u < 0) continue;
      const s = pos.services.get(p.service);
      if (!s) continue;
      const x1 = s.x + s.w / 2;
      const y1 = s.y + s.h;
      const pod = p.pod ? pos.pods.get(p.pod) : undefined;
      if (p.ok) {
        if (!pod) continue;
        const x2 = pod.x + pod.w / 2;
        const pt = pointOnLink(x1, y1, x2, pod.y, easeInOut(u));
        // The last stretch shrinks, as if the request went into the card.
        const r = u > 0.88 ? R * Math.max(0.35, 1 - (u - 0.88) / 0.12) : R;
        perSlot[p.slot % PALETTE]!.push(circlePath(pt.x, pt.y, r));
        for (const [i, back] of TAIL.entries()) {
          if (u <= back) break;
          const q = pointOnLink(x1, y1, x2, pod.y, easeInOut(u - back));
          tailSlot[p.slot % PALETTE]!.push(circlePath(q.x, q.y, R * (0.72 - i * 0.22)));
        }
        continue;
      }
      // A failure: to the pod that answered 5xx, or a short drop below the Service.
      const tx = pod ? pod.x + pod.w / 2 : x1;
      const ty = pod ? pod.y - 5 : y1 + FAIL_DROP;
      if (u < FAIL_MOVE) {
        const v = easeOut(u / FAIL_MOVE);
        const pt = pod ? pointOnLink(x1, y1, tx, ty, v) : { x: x1, y: y1 + FAIL_DROP * v };
        moving.push(diamondPath(pt.x, pt.y, R + 0.6));
      } else {
        const b = (u - FAIL_MOVE) / (1 - FAIL_MOVE);
        crosses.push(crossPath(tx, ty, 3.8));
        if (b < 0.8) rings.push(circlePath(tx, ty, 4 + 9 * easeOut(b / 0.8)));
      }
    }
    live = keep;
    perSlot.forEach((list, i) => setD(dots[i]!, list.join('')));
    tailSlot.forEach((list, i) => setD(tails[i]!, list.join('')));
    setD(failMove, moving.join(''));
    setD(failRing, rings.join(''));
    const x = crosses.join('');
    setD(failHalo, x);
    setD(failX, x);
    drawnEmpty = live.length === 0;
  }

  function drawHighlights(now: number, pos: Positions): void {
    for (const [k, v] of lit) {
      if (v.until <= now) {
        lit.delete(k);
        litDirty = true;
      }
    }
    if (!litDirty && pos === lastPositions) return;
    litDirty = false;
    const perSlot: string[][] = Array.from({ length: PALETTE }, () => []);
    for (const [k, v] of lit) {
      const b = pos.pods.get(k);
      if (!b) continue;
      const x = Math.round(b.x - 2.5);
      const y = Math.round(b.y - 2.5);
      perSlot[v.slot % PALETTE]!.push(`M${x},${y}h${Math.round(b.w + 5)}v${Math.round(b.h + 5)}h${-Math.round(b.w + 5)}Z`);
    }
    perSlot.forEach((list, i) => setD(highlight[i]!, list.join('')));
  }

  function drawCounters(pos: Positions): void {
    const sig = reduced ? [...counts].map(([k, v]) => `${k}=${v.text}`).join('|') : '';
    if (sig === countsDrawn && pos === lastPositions) return;
    countsDrawn = sig;
    const want = reduced ? [...counts].filter(([k]) => pos.services.has(k)) : [];
    while (counters.childNodes.length > want.length) counters.lastChild!.remove();
    while (counters.childNodes.length < want.length) {
      const t = document.createElementNS(SVG_NS, 'text');
      t.setAttribute('class', 'cv-pt-count');
      t.setAttribute('text-anchor', 'end');
      counters.appendChild(t);
    }
    want.forEach(([k, { text, failed }], i) => {
      const s = pos.services.get(k)!;
      const el = counters.childNodes[i] as SVGTextElement;
      el.setAttribute('x', String(Math.round(s.x + s.w - 2)));
      el.setAttribute('y', String(Math.round(s.y + s.h + 11)));
      if (el.textContent !== text) el.textContent = text;
      el.classList.toggle('is-failing', failed > 0);
    });
  }

  return {
    push(requests) {
      if (reduced) {
        for (const r of requests) if (r.pod && r.ok) lit.set(r.pod, { slot: r.slot, until: r.start + HIGHLIGHT_MS });
        if (requests.length) litDirty = true;
        return;
      }
      live.push(...requests);
    },
    frame(now) {
      const pos = getPositions();
      if (!pos) return;
      if (!reduced && (live.length || !drawnEmpty)) drawParticles(now, pos);
      if (reduced || lit.size || litDirty) drawHighlights(now, pos);
      drawCounters(pos);
      lastPositions = pos;
    },
    get active() {
      return live.length;
    },
    setReducedMotion(on) {
      if (on === reduced) return;
      reduced = on;
      live = [];
      lit.clear();
      litDirty = true;
      drawnEmpty = false;
      countsDrawn = '\u0000';
    },
    setCounters(c) {
      counts = c;
    },
    clear() {
      live = [];
      lit.clear();
      litDirty = true;
      drawnEmpty = false;
    },
    destroy() {
      live = [];
      lit.clear();
      layer.replaceChildren();
    },
  };
}
