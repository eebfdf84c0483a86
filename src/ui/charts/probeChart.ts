// The probe timeline: one row per probe kind, a tick per result (success, failure), a
// marker on the failure that reached failureThreshold, and a line where the container
// restarted. Colour is never the only cue: failures are taller and hollow-topped, the
// threshold crossing has its own triangle, restarts are labelled.

import * as d3 from 'd3';
import { frame, layer, timeAxis } from './axes.ts';
import type { ProbeKindName, ProbeTimeline, Window } from './series.ts';

export interface ProbeChartText {
  label: string;
  nowWord: string;
  kind(kind: ProbeKindName): string;
  tick(kind: ProbeKindName, ok: boolean, output: string): string;
  crossed: string;
  restart(count: number): string;
}

export interface ProbeChart {
  update(tl: ProbeTimeline, w: Window, text: ProbeChartText): void;
  destroy(): void;
}

const M = { top: 16, right: 10, bottom: 20, left: 76 };

type Tick = ProbeTimeline['ticks'][number];

export function createProbeChart(el: HTMLElement): ProbeChart {
  let last: { tl: ProbeTimeline; w: Window; text: ProbeChartText } | undefined;
  const f = frame(el, 'ch-probes', () => draw());

  function draw(): void {
    if (!last) return;
    const { tl, w, text } = last;
    const { width, height } = f.size();
    const svg = f.svg.attr('aria-label', text.label);
    const x = d3.scaleLinear().domain([w.from, Math.max(w.to, w.from + 1000)]).range([M.left, width - M.right]);
    const y = d3.scaleBand<ProbeKindName>().domain(tl.rows).range([M.top, height - M.bottom]).paddingInner(0.25).paddingOuter(0.15);
    const bh = y.bandwidth();

    layer(svg, 'ch-rows')
      .selectAll<SVGGElement, ProbeKindName>('g.ch-row')
      .data(tl.rows, (k) => k)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'ch-row');
        g.append('line').attr('class', 'ch-row-line');
        g.append('text').attr('class', 'ch-row-label').attr('text-anchor', 'end').attr('dy', '0.35em');
        return g;
      })
      .call((g) =>
        g
          .select('line')
          .attr('x1', M.left)
          .attr('x2', width - M.right)
          .attr('y1', (k) => (y(k) ?? 0) + bh / 2)
          .attr('y2', (k) => (y(k) ?? 0) + bh / 2),
      )
      .call((g) =>
        g
          .select('text')
          .attr('x', M.left - 8)
          .attr('y', (k) => (y(k) ?? 0) + bh / 2)
          .text((k) => text.kind(k)),
      );

    const tickH = (d: Tick): number => (d.ok ? bh * 0.45 : bh * 0.8);
    layer(svg, 'ch-ticks')
      .selectAll<SVGRectElement, Tick>('rect')
      .data(tl.ticks, (d) => `${d.kind}@${d.t}`)
      .join((enter) => enter.append('rect').call((r) => r.append('title')))
      .attr('class', (d) => (d.ok ? 'ch-tick ch-ok' : 'ch-tick ch-failed'))
      .attr('x', (d) => x(d.t) - 1.5)
      .attr('width', 3)
      .attr('y', (d) => (y(d.kind) ?? 0) + (bh - tickH(d)) / 2)
      .attr('height', tickH)
      .call((r) => r.select('title').text((d) => text.tick(d.kind, d.ok, d.output)));

    const crossed = tl.ticks.filter((d) => d.crossed);
    layer(svg, 'ch-crossed')
      .selectAll<SVGPathElement, Tick>('path')
      .data(crossed, (d) => `${d.kind}@${d.t}`)
      .join((enter) => enter.append('path').call((p) => p.append('title')))
      .attr('class', 'ch-crossed-mark')
      .attr('d', (d) => {
        const cx = x(d.t);
        const top = (y(d.kind) ?? 0) + bh * 0.1 - 2;
        return `M${cx - 5},${top - 7} L${cx + 5},${top - 7} L${cx},${top} Z`;
      })
      .call((p) => p.select('title').text((d) => `${text.crossed}: ${text.tick(d.kind, false, d.output)}`));

    layer(svg, 'ch-restarts')
      .selectAll<SVGGElement, ProbeTimeline['restarts'][number]>('g.ch-restart')
      .data(tl.restarts, (d) => String(d.t))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'ch-restart');
        g.append('line');
        g.append('text').attr('text-anchor', 'middle');
        return g;
      })
      .call((g) =>
        g
          .select('line')
          .attr('x1', (d) => x(d.t))
          .attr('x2', (d) => x(d.t))
          .attr('y1', M.top - 2)
          .attr('y2', height - M.bottom),
      )
      .call((g) =>
        g
          .select('text')
          .attr('x', (d) => x(d.t))
          .attr('y', M.top - 5)
          .text((d) => text.restart(d.count)),
      );

    timeAxis(layer(svg, 'ch-axis ch-x'), x, w, height - M.bottom, text.nowWord);
  }

  return {
    update(tl, w, text) {
      last = { tl, w, text };
      draw();
    },
    destroy() {
      f.destroy();
    },
  };
}
