// One vocabulary of states for the drawing, the legend and the text view, so the same
// condition always gets the same colour AND the same shape (colour alone fails for
// colour-blind students and in greyscale screenshots).

import type { ContainerView, PodView } from '../../state/snapshot.ts';

export type Status = 'ready' | 'running' | 'waiting' | 'failed' | 'completed' | 'terminating';

/** Icons on a 10×10 box centred on 0,0; `stroke` icons are drawn as lines, others filled. */
export const ICONS: Record<Status, { d: string; stroke: boolean }> = {
  ready: { d: 'M-3.6 0.2 L-1.1 2.8 L3.8 -2.8', stroke: true },
  running: { d: 'M-2.6 -3.6 L3.6 0 L-2.6 3.6 Z', stroke: false },
  waiting: { d: 'M-3.2 -3.8 H3.2 L-3.2 3.8 H3.2 Z', stroke: false },
  failed: { d: 'M-3 -3 L3 3 M3 -3 L-3 3', stroke: true },
  completed: { d: 'M-3 -3 H3 V3 H-3 Z', stroke: false },
  terminating: { d: 'M-3.4 0 A3.4 3.4 0 1 0 3.4 0 A3.4 3.4 0 1 0 -3.4 0 M-2.4 2.4 L2.4 -2.4', stroke: true },
};

const FAILED = /Err|Error|BackOff|OOM|Fail|Evicted|Unknown|Invalid|NodeLost/;

export function podStatus(p: PodView): Status {
  if (p.terminating) return 'terminating';
  if (FAILED.test(p.status)) return 'failed';
  if (p.status === 'Completed' || p.status === 'Succeeded') return 'completed';
  if (p.status === 'Running') return p.allReady ? 'ready' : 'running';
  return 'waiting';
}

export function containerStatus(c: ContainerView): Status {
  switch (c.phase) {
    case 'ready':
      return 'ready';
    case 'running':
      return 'running';
    case 'failed':
      return 'failed';
    case 'completed':
    case 'terminated':
      return 'completed';
    default:
      return 'waiting';
  }
}

/** Container outlines by role: init = arrow (runs first, in order), sidecar = pill, app = box. */
export function containerShape(role: ContainerView['role'], w: number, h: number): string {
  if (role === 'init') {
    const tip = Math.min(5, w / 3);
    return `M0 0 H${w - tip} L${w} ${h / 2} L${w - tip} ${h} H0 Z`;
  }
  const r = role === 'sidecar' ? Math.min(h / 2, w / 2) : 2;
  return `M${r} 0 H${w - r} A${r} ${r} 0 0 1 ${w} ${r} V${h - r} A${r} ${r} 0 0 1 ${w - r} ${h} H${r} A${r} ${r} 0 0 1 0 ${h - r} V${r} A${r} ${r} 0 0 1 ${r} 0 Z`;
}
