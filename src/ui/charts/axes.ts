// What both charts share: an SVG that follows its host's size, and the time axis.

import * as d3 from 'd3';
import { ageLabel, timeTicks, type Window } from './series.ts';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface Frame {
  svg: Svg;
  size(): { width: number; height: number };
  destroy(): void;
}

/** An SVG filling `el`; `redraw` runs again (next frame) whenever the host is resized. */
export function frame(el: HTMLElement, className: string, redraw: () => void): Frame {
  const svg = d3.select(el).append('svg').attr('class', `ch-svg ${className}`).attr('role', 'img');
  let raf = 0;
  // The host's box as the ResizeObserver last reported it: reading clientWidth on every draw
  // forced a layout in the middle of the frame (a third of the charts' time with 300 pods).
  let box: { width: number; height: number } | undefined;
  let applied = '';
  const measure = (width: number, height: number): void => {
    box = { width: Math.max(120, Math.floor(width)), height: Math.max(90, Math.floor(height)) };
  };
  const ro = typeof ResizeObserver !== 'undefined'
    ? new ResizeObserver(() => {
        // Layout is fresh when the observer is called, so reading the box here costs nothing.
        measure(el.clientWidth, el.clientHeight);
        cancelAnimationFrame(raf);
        raf = requestAnimationFrame(redraw);
      })
    : undefined;
  ro?.observe(el);
  return {
    svg,
    size() {
      // The host is a flex child: its box, not the SVG's, is the space there is.
      if (!box) measure(el.clientWidth, el.clientHeight);
      const { width, height } = box!;
      const key = `${width}x${height}`;
      if (key !== applied) {
        applied = key;
        svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
      }
      return { width, height };
    },
    destroy() {
      cancelAnimationFrame(raf);
      ro?.disconnect();
      svg.remove();
    },
  };
}

/** A group created once under `parent`, found again on later draws. */
export function layer(parent: Svg | G, className: string): G {
  const found = parent.select<SVGGElement>(`:scope > g.${className.trim().split(/\s+/).join('.')}`);
  return (found.empty() ? parent.append('g').attr('class', className) : found) as G;
}

/** Ages ("−60 s", "now") along the bottom of a chart. */
export function timeAxis(g: G, x: d3.ScaleLinear<number, number>, w: Window, y: number, nowWord: string): void {
  const width = Math.abs(x.range()[1]! - x.range()[0]!);
  const axis = d3
    .axisBottom(x)
    .tickValues(timeTicks(w, Math.max(2, Math.floor(width / 70))))
    .tickFormat((t) => ageLabel(Number(t), w.to, nowWord))
    .tickSizeOuter(0);
  g.attr('transform', `translate(0,${y})`).call(axis);
}
