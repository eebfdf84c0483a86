// The rollout chart: ready pods per ReplicaSet stacked over time (one colour per revision,
// the Deployment's desired count dashed over them), and below, requests per second from
// the traffic aimed at the Deployment (ok bars, failed bars stacked on top). Imperative d3
// like the cluster view: React creates it, feeds it data and destroys it.

import * as d3 from 'd3';
import { frame, layer, timeAxis } from './axes.ts';
import type { Bin, RolloutSeries, StackPoint, Window } from './series.ts';

export interface RolloutChartData {
  series: RolloutSeries;
  bins: Bin[];
  window: Window;
  /** Whether any traffic source is counted (else the lower band says how to start one). */
  hasTraffic: boolean;
}

export interface RolloutChartText {
  label: string;
  pods: string;
  requests: string;
  nowWord: string;
  noTraffic: string;
}

export interface RolloutChart {
  update(data: RolloutChartData, text: RolloutChartText): void;
  destroy(): void;
}

const M = { top: 14, right: 10, bottom: 20, left: 34 };
const GAP = 22;

export function createRolloutChart(el: HTMLElement): RolloutChart {
  let last: { data: RolloutChartData; text: RolloutChartText } | undefined;
  const f = frame(el, 'ch-rollout', () => draw());

  function draw(): void {
    if (!last) return;
    const { data, text } = last;
    const { width, height } = f.size();
    const svg = f.svg.attr('aria-label', text.label);
    const innerH = height - M.top - M.bottom - GAP;
    const podsH = Math.round(innerH * 0.6);
    const reqTop = M.top + podsH + GAP;
    const reqH = innerH - podsH;
    const x = d3.scaleLinear().domain([data.window.from, Math.max(data.window.to, data.window.from + 1000)]).range([M.left, width - M.right]);

    // Pods band.
    const yPods = d3.scaleLinear().domain([0, data.series.yMax]).range([M.top + podsH, M.top]).nice();
    const area = d3
      .area<StackPoint>()
      .x((p) => x(p.t))
      .y0((p) => yPods(p.y0))
      .y1((p) => yPods(p.y1))
      .curve(d3.curveStepAfter);
    layer(svg, 'ch-areas')
      .selectAll<SVGPathElement, RolloutSeries['stacks'][number]>('path')
      .data(data.series.stacks, (s) => s.rs)
      .join('path')
      .attr('class', (s) => `ch-area ch-rev-${s.colour}`)
      .attr('d', (s) => area(s.points) ?? '');
    const desiredLine = d3
      .line<{ t: number; v: number }>()
      .x((p) => x(p.t))
      .y((p) => yPods(p.v))
      .curve(d3.curveStepAfter);
    layer(svg, 'ch-desired')
      .selectAll('path')
      .data([data.series.desired])
      .join('path')
      .attr('class', 'ch-desired-line')
      .attr('d', (d) => desiredLine(d) ?? '');
    layer(svg, 'ch-axis ch-y-pods')
      .attr('transform', `translate(${M.left},0)`)
      .call(d3.axisLeft(yPods).ticks(Math.min(data.series.yMax, 4)).tickFormat(d3.format('d')).tickSizeOuter(0));
    layer(svg, 'ch-title-pods')
      .selectAll('text')
      .data([text.pods])
      .join('text')
      .attr('class', 'ch-band-title')
      .attr('x', M.left + 4)
      .attr('y', M.top - 4)
      .text((d) => d);

    // Requests band.
    const maxReq = d3.max(data.bins, (b) => b.ok + b.failed) ?? 0;
    const yReq = d3.scaleLinear().domain([0, Math.max(1, maxReq)]).range([reqTop + reqH, reqTop]).nice();
    const bw = Math.max(1, x(data.window.from + 1000) - x(data.window.from) - 1);
    const bars = layer(svg, 'ch-bars')
      .selectAll<SVGGElement, Bin>('g.ch-bin')
      .data(data.bins, (b) => String(b.t))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'ch-bin');
        g.append('rect').attr('class', 'ch-ok');
        g.append('rect').attr('class', 'ch-failed');
        return g;
      });
    bars
      .select('rect.ch-ok')
      .attr('x', (b) => x(b.t))
      .attr('width', bw)
      .attr('y', (b) => yReq(b.ok))
      .attr('height', (b) => yReq(0) - yReq(b.ok));
    bars
      .select('rect.ch-failed')
      .attr('x', (b) => x(b.t))
      .attr('width', bw)
      .attr('y', (b) => yReq(b.ok + b.failed))
      .attr('height', (b) => yReq(b.ok) - yReq(b.ok + b.failed));
    layer(svg, 'ch-axis ch-y-req')
      .attr('transform', `translate(${M.left},0)`)
      // Whole requests only: a domain of 0..1 would otherwise tick 0, 0.5, 1 and print "1" twice.
      .call(d3.axisLeft(yReq).ticks(Math.min(3, yReq.domain()[1]!)).tickFormat(d3.format('d')).tickSizeOuter(0));
    layer(svg, 'ch-title-req')
      .selectAll('text')
      .data([text.requests])
      .join('text')
      .attr('class', 'ch-band-title')
      .attr('x', M.left + 4)
      .attr('y', reqTop - 4)
      .text((d) => d);
    layer(svg, 'ch-empty-req')
      .selectAll('text')
      .data(data.hasTraffic ? [] : [text.noTraffic])
      .join('text')
      .attr('class', 'ch-empty')
      .attr('x', (M.left + width - M.right) / 2)
      .attr('y', reqTop + reqH / 2)
      .attr('text-anchor', 'middle')
      .text((d) => d);

    timeAxis(layer(svg, 'ch-axis ch-x'), x, data.window, height - M.bottom, text.nowWord);
  }

  return {
    update(data, text) {
      last = { data, text };
      draw();
    },
    destroy() {
      f.destroy();
    },
  };
}
