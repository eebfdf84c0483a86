// The cluster drawing: an imperative d3 view that owns one SVG inside `el`. React only
// creates it, feeds it snapshots and destroys it. Every object is a keyed join, so a pod
// that stays keeps its DOM node (and its focus) and just moves; layout is recomputed only
// when the snapshot, the filter, the language or the pane size changed.

import * as d3 from 'd3';
import { parseKey, type ClusterSnapshot, type ObjectKey } from '../../state/snapshot.ts';
import type { Translate } from '../i18n.ts';
import { fitMiddle, fitText, layoutCluster, textWidth, type ContainerBox, type GroupBox, type Layout, type LinkBox, type PodBox, type Rect, type RegionBox, type ServiceBox, type StorageBox, type VolumeBar } from './layout.ts';
import type { Positions } from './particles.ts';
import { containerShape, containerStatus, ICONS, podStatus, type Status } from './status.ts';
import type { ViewKey } from './strings.ts';

export interface ClusterViewOptions {
  onSelect(key: string | undefined): void;
  onOpenShell(podKey: ObjectKey, container: string): void;
  t: Translate<ViewKey>;
}

export interface UpdateOptions {
  selected: string | undefined;
  showSystem: boolean;
  reducedMotion: boolean;
  /** A new translator when the language changed (labels are redrawn). */
  t?: Translate<ViewKey>;
}

/** Where the traffic particles go, by "namespace/name", plus which Service fronts which pod ("svc>pod"). */
export type TrafficPositions = Positions & { serves: ReadonlySet<string> };

export interface ClusterView {
  update(snapshot: ClusterSnapshot, opts: UpdateOptions): void;
  /** The particle layer: above the links and pods, below storage; the view never draws in it. */
  readonly trafficLayer: SVGGElement;
  /** Positions from the current layout (the same object until the layout changes). */
  trafficPositions(): TrafficPositions | undefined;
  destroy(): void;
}

type G<D> = d3.Selection<SVGGElement, D, null, undefined>;
type AnyTransition = d3.Transition<d3.BaseType, unknown, null, undefined>;

const DURATION = 450;

/** Where each element was last sent, so that a transition starts only when that changes. */
const targets = new WeakMap<Element, string>();

/**
 * Move an element (and set its opacity) with the render's transition, unless it is already on
 * its way there. Every render used to restart a transition on every pod, so 300 steady pods
 * were re-tweened (and repainted) several times a second.
 */
function moveTo<D>(g: d3.Selection<SVGGElement, D, null, undefined>, T: AnyTransition, transform: string, opacity: number): void {
  const el = g.node();
  if (!el) return;
  const key = `${transform}|${opacity}`;
  if (targets.get(el) === key) return;
  targets.set(el, key);
  g.transition(T as unknown as d3.Transition<d3.BaseType, D, null, undefined>).attr('transform', transform).style('opacity', opacity);
}
let instances = 0;

function icon<D>(g: d3.Selection<SVGGElement, D, d3.BaseType, unknown>, status: Status, x: number, y: number, scale = 1): void {
  const ic = ICONS[status];
  g.selectAll<SVGPathElement, Status>('path.cv-icon')
    .data([status])
    .join('path')
    .attr('class', `cv-icon ${ic.stroke ? 'is-stroke' : 'is-fill'}`)
    .attr('aria-hidden', 'true')
    .attr('d', ic.d)
    .attr('transform', `translate(${x},${y}) scale(${scale})`);
}

function title<D>(g: d3.Selection<SVGGElement, D, d3.BaseType, unknown>, text: string): void {
  g.selectAll('title').data([text]).join('title').text(text);
}

function linkPath(l: LinkBox): string {
  if (l.kind === 'binding') return `M${l.x1},${l.y1} L${l.x2},${l.y2}`;
  const my = (l.y1 + l.y2) / 2;
  return `M${l.x1},${l.y1} C${l.x1},${my} ${l.x2},${my} ${l.x2},${l.y2}`;
}

export function createClusterView(el: HTMLElement, opts: ClusterViewOptions): ClusterView {
  const id = `cv${++instances}`;
  let t = opts.t;
  const svg = d3
    .select(el)
    .append('svg')
    .attr('class', 'cv-svg')
    .attr('role', 'group')
    .attr('aria-label', t('drawing'));
  const defs = svg.append('defs');
  // Diagonal hatching marks a node that is NotReady without relying on its colour.
  defs
    .append('pattern')
    .attr('id', `${id}-hatch`)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 8)
    .attr('height', 8)
    .attr('patternTransform', 'rotate(45)')
    .append('line')
    .attr('class', 'cv-hatch-line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 8);
  const layers = {
    regions: svg.append('g').attr('class', 'cv-regions'),
    groups: svg.append('g').attr('class', 'cv-groups'),
    links: svg.append('g').attr('class', 'cv-links').attr('aria-hidden', 'true'),
    services: svg.append('g').attr('class', 'cv-services'),
    pods: svg.append('g').attr('class', 'cv-pods'),
    // Traffic particles: filled by particles.ts on animation frames, never by render(). Above
    // the pods, so a request to a pod in a lower row stays visible on its way.
    particles: svg.append('g').attr('class', 'cv-particles').attr('aria-hidden', 'true').style('pointer-events', 'none'),
    storage: svg.append('g').attr('class', 'cv-storage'),
  };

  let layout: Layout | undefined;
  let positions: { for: Layout; value: TrafficPositions } | undefined;
  let last: { snap: ClusterSnapshot; showSystem: boolean; w: number; h: number; t: Translate<ViewKey> } | undefined;
  let lastOpts: UpdateOptions = { selected: undefined, showSystem: false, reducedMotion: false };
  let lastSnap: ClusterSnapshot | undefined;
  let roving: ObjectKey | undefined;
  const restarts = new Map<ObjectKey, number>();

  // The host's size as of the last ResizeObserver call (layout is fresh then). Reading
  // clientWidth on every refresh forced a layout in the middle of each snapshot's work.
  let box: { w: number; h: number } | undefined;
  function measure(): void {
    box = { w: Math.floor(el.clientWidth), h: Math.floor(el.clientHeight) };
  }
  function size(): { w: number; h: number } {
    if (!box) measure();
    return box!;
  }

  // ---- drawing -------------------------------------------------------------------------

  function drawRegions(L: Layout, T: AnyTransition): void {
    layers.regions
      .selectAll<SVGGElement, RegionBox>('g.cv-region')
      .data(L.regions, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').attr('class', 'cv-region').attr('data-key', (d) => (d.kind === 'node' ? d.key : null)).attr('data-kind', 'region').attr('transform', (d) => `translate(${d.x},${d.y})`).style('opacity', 0);
          g.append('rect').attr('class', 'cv-region-bg').attr('rx', 8);
          g.append('rect').attr('class', 'cv-region-hatch').attr('rx', 8).attr('fill', `url(#${id}-hatch)`);
          g.append('text').attr('class', 'cv-region-title').attr('x', 10).attr('y', 16);
          g.append('text').attr('class', 'cv-region-meta').attr('y', 16).attr('text-anchor', 'end');
          g.append('g').attr('class', 'cv-badge');
          return g;
        },
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      )
      .each(function (d) {
        const g = d3.select(this);
        const n = d.node;
        const down = !!n && !n.ready;
        const cordoned = !!n && n.unschedulable;
        const cp = !!n && n.roles.includes('control-plane');
        g.classed('is-pending', d.kind === 'pending').classed('is-down', down).classed('is-cordoned', cordoned);
        g.attr('tabindex', d.kind === 'node' ? 0 : null)
          .attr('role', d.kind === 'node' ? 'button' : 'group')
          .attr('aria-label', d.kind === 'pending' ? t('pendingAria', { count: d.podCount }) : t('nodeAria', { name: d.name, status: n?.status ?? '', count: d.podCount }));
        g.select('rect.cv-region-bg').transition(T).attr('width', d.w).attr('height', d.h);
        g.select('rect.cv-region-hatch').attr('display', down ? 'inline' : 'none').transition(T).attr('width', d.w).attr('height', d.h);
        const badge = down ? t('notReady') : cordoned ? t('cordoned') : '';
        const badgeW = badge ? Math.min(d.w * 0.5, 20 + badge.length * 6.2) : 0;
        // The role tag is a bonus: it only shows when the node's name still fits beside it.
        const meta = cp && !badge ? t('controlPlane') : '';
        const nameW = textWidth(d.kind === 'pending' ? t('pending') : d.name, 12) * 1.05;
        const metaText = meta && nameW + textWidth(meta, 11) + 28 <= d.w ? meta : '';
        const titleRoom = d.w - 20 - (badgeW ? badgeW + 6 : 0) - (metaText ? textWidth(metaText, 11) + 8 : 0);
        g.select('text.cv-region-title').text(fitText(d.kind === 'pending' ? t('pending') : d.name, titleRoom, 12));
        g.select('text.cv-region-meta').attr('x', d.w - 10).text(metaText);
        const b = g.select<SVGGElement>('g.cv-badge').attr('transform', `translate(${d.w - 8 - badgeW},5)`).attr('display', badge ? 'inline' : 'none');
        if (badge) {
          b.selectAll('rect').data([0]).join('rect').attr('width', badgeW).attr('height', 16).attr('rx', 8);
          icon(b, down ? 'failed' : 'waiting', 9, 8, 0.8);
          b.selectAll('text').data([0]).join('text').attr('x', 17).attr('y', 12).text(fitText(badge, badgeW - 20, 10.5));
        }
        moveTo(g, T, `translate(${d.x},${d.y})`, 1);
      });
  }

  function groupLabel(d: GroupBox): string {
    const rev = d.revision ?? '?';
    if (d.kind === 'Deployment') {
      const long = t('groupDeploy', { name: d.name, hash: d.hash ?? '', rev, ready: d.ready, desired: d.desired });
      return fitText(long, d.w - 12, 11) === long ? long : t('groupDeployShort', { name: d.name, rev, ready: d.ready, desired: d.desired });
    }
    return t('groupOther', { kind: d.kind, name: d.name, ready: d.ready, desired: d.desired });
  }

  function drawGroups(L: Layout, T: AnyTransition): void {
    layers.groups
      .selectAll<SVGGElement, GroupBox>('g.cv-group')
      .data(L.groups, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').attr('class', 'cv-group').attr('data-kind', 'group').attr('transform', (d) => `translate(${d.x},${d.y})`).style('opacity', 0);
          g.append('rect').attr('class', 'cv-group-bg').attr('rx', 6);
          g.append('text').attr('class', 'cv-group-label').attr('x', 6).attr('y', 12);
          return g;
        },
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      )
      .each(function (d) {
        const g = d3.select(this);
        g.attr('data-key', d.owner);
        g.select('rect.cv-group-bg').transition(T).attr('width', d.w).attr('height', d.h);
        g.select('text.cv-group-label').text(fitText(groupLabel(d), d.w - 12, 11));
        title(g, t('groupAria', { kind: d.kind, name: d.kind === 'Deployment' ? `${d.name}-${d.hash ?? ''}` : d.name, ready: d.ready, desired: d.desired }));
        moveTo(g, T, `translate(${d.x},${d.y})`, 1);
      });
  }

  function drawLinks(L: Layout, T: AnyTransition): void {
    const all = layers.links
      .selectAll<SVGPathElement, LinkBox>('path.cv-link')
      .data(
        L.links.filter((l) => l.kind === 'endpoint'),
        (d) => d.key,
      )
      .join(
        (enter) => enter.append('path').attr('d', linkPath).style('opacity', 0),
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      );
    all.attr('class', (d) => `cv-link ${d.ready ? 'is-ready' : 'is-dropped'}`).attr('data-from', (d) => d.from).attr('data-to', (d) => d.to);
    all.transition(T).attr('d', linkPath).style('opacity', 1);
  }

  function drawServices(L: Layout, T: AnyTransition): void {
    layers.services
      .selectAll<SVGGElement, ServiceBox>('g.cv-svc')
      .data(L.services, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').attr('class', 'cv-svc').attr('data-kind', 'service').attr('transform', (d) => `translate(${d.x},${d.y})`).style('opacity', 0);
          g.append('rect').attr('class', 'cv-svc-bg').attr('rx', 6);
          g.append('text').attr('class', 'cv-svc-name').attr('x', 22).attr('y', 17);
          g.append('text').attr('class', 'cv-svc-meta').attr('y', 17).attr('text-anchor', 'end');
          return g;
        },
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      )
      .each(function (d) {
        const g = d3.select(this);
        const ready = d.svc.endpoints.filter((e) => e.ready).length;
        const total = d.svc.endpoints.length;
        const st: Status = total === 0 ? 'waiting' : ready === total ? 'ready' : ready === 0 ? 'failed' : 'running';
        g.attr('data-key', d.key)
          .attr('tabindex', 0)
          .attr('role', 'button')
          .attr('aria-label', t('serviceAria', { name: d.svc.name, type: d.svc.type, ip: d.svc.clusterIP, ready, total }));
        g.attr('class', `cv-svc st-${st}`);
        g.select('rect.cv-svc-bg').transition(T).attr('width', d.w).attr('height', d.h);
        icon(g, st, 11, 13, 0.9);
        const meta = `${ready}/${total}`;
        g.select('text.cv-svc-meta').attr('x', d.w - 8).text(meta);
        g.select('text.cv-svc-name').text(fitText(d.svc.name, d.w - 22 - 12 - meta.length * 6.5, 11.5));
        title(g, `${d.svc.namespace}/${d.svc.name} · ${d.svc.type} ${d.svc.clusterIP} · ${d.svc.ports}`);
        moveTo(g, T, `translate(${d.x},${d.y})`, 1);
      });
  }

  function drawStorage(L: Layout, T: AnyTransition): void {
    const links = layers.storage
      .selectAll<SVGPathElement, LinkBox>('path.cv-bind')
      .data(
        L.links.filter((l) => l.kind === 'binding'),
        (d) => d.key,
      )
      .join(
        (enter) => enter.append('path').attr('d', linkPath).style('opacity', 0),
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      );
    links.attr('class', (d) => `cv-bind ${d.ready ? 'is-ready' : 'is-dropped'}`);
    links.transition(T).attr('d', linkPath).style('opacity', 1);

    layers.storage
      .selectAll<SVGGElement, StorageBox>('g.cv-st')
      .data(L.storage, (d) => d.key)
      .join(
        (enter) => {
          const g = enter.append('g').attr('class', 'cv-st').attr('data-kind', 'storage').attr('transform', (d) => `translate(${d.x},${d.y})`).style('opacity', 0);
          g.append('rect').attr('class', 'cv-st-bg');
          g.append('text').attr('class', 'cv-st-kind').attr('x', 8).attr('y', 16);
          g.append('text').attr('class', 'cv-st-name').attr('y', 16);
          return g;
        },
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      )
      .each(function (d) {
        const g = d3.select(this);
        const pvc = d.item.kind === 'PersistentVolumeClaim';
        const st: Status = d.item.phase === 'Bound' ? 'ready' : d.item.phase === 'Pending' || d.item.phase === 'Available' ? 'waiting' : d.item.phase === 'Released' ? 'completed' : 'failed';
        g.attr('class', `cv-st st-${st} ${pvc ? 'is-pvc' : 'is-pv'}`)
          .attr('data-key', d.key)
          .attr('tabindex', 0)
          .attr('role', 'button')
          .attr('aria-label', t('storageAria', { kind: d.item.kind, name: d.item.name, phase: d.item.phase, bound: d.item.boundTo ? t('boundTo', { to: d.item.boundTo }) : '' }));
        // PVCs are rounded (a request), PVs square (a piece of disk).
        g.select('rect.cv-st-bg').attr('rx', pvc ? 10 : 2).transition(T).attr('width', d.w).attr('height', d.h);
        const kind = pvc ? 'PVC' : 'PV';
        g.select('text.cv-st-kind').text(kind);
        g.select('text.cv-st-name').attr('x', 8 + kind.length * 7 + 4).text(fitText(d.item.name, d.w - 8 - kind.length * 7 - 10, 11));
        title(g, `${d.item.kind} ${d.item.namespace ? `${d.item.namespace}/` : ''}${d.item.name} · ${d.item.phase}${d.item.capacity ? ` · ${d.item.capacity}` : ''}${d.item.boundTo ? ` → ${d.item.boundTo}` : ''}`);
        moveTo(g, T, `translate(${d.x},${d.y})`, 1);
      });
  }

  function containerLabel(c: ContainerBox): string {
    const role = c.c.role === 'init' ? t('roleInit') : c.c.role === 'sidecar' ? t('roleSidecar') : t('roleApp');
    const state = `${t(`phase_${c.c.phase}`)}${c.c.reason && c.c.reason !== 'Running' ? ` (${c.c.reason})` : ''}${c.current ? `, ${t('current')}` : ''}`;
    return t('containerAria', { role, name: c.c.name, state, restarts: c.c.restarts ? t('containerRestarts', { n: c.c.restarts }) : '' });
  }

  function drawContainers(g: G<PodBox>, d: PodBox, full: boolean, T: AnyTransition): void {
    const box = g.selectAll<SVGGElement, null>('g.cv-ctrs').data([null]).join('g').attr('class', 'cv-ctrs');
    box
      .selectAll<SVGGElement, ContainerBox>('g.cv-ctr')
      .data(d.containers, (c) => c.key)
      .join(
        (enter) => {
          const c = enter.append('g').attr('data-kind', 'container').attr('transform', (c) => `translate(${c.x},${c.y})`).style('opacity', 0);
          c.append('path').attr('class', 'cv-ctr-shape');
          c.append('text').attr('class', 'cv-ctr-name');
          c.append('path').attr('class', 'cv-ctr-marker').attr('aria-hidden', 'true');
          return c;
        },
        (update) => update,
        (exit) => exit.transition(T).style('opacity', 0).remove(),
      )
      .each(function (c) {
        const cg = d3.select(this);
        const st = containerStatus(c.c);
        cg.attr('class', `cv-ctr st-${st} role-${c.c.role}${c.current ? ' is-current' : ''}`)
          .attr('data-key', c.key)
          .attr('data-pod', d.key)
          .attr('data-name', c.c.name)
          .attr('role', 'button')
          .attr('aria-label', containerLabel(c));
        cg.select('path.cv-ctr-shape').attr('d', containerShape(c.c.role, c.w, c.h));
        const iconScale = full ? 0.85 : 0.65;
        icon(cg, st, c.w < 14 ? c.w / 2 : 7, c.h / 2, iconScale);
        const room = c.w - 16 - (c.c.role === 'init' ? 4 : 0);
        cg.select('text.cv-ctr-name')
          .attr('x', 14)
          .attr('y', c.h / 2 + 3.8)
          .text(full && room > 14 ? fitText(c.c.name, room, 10.5) : '');
        // The init container the pod is on gets a small caret on its top edge (kept clear of
        // the status line above, which it used to cross).
        cg.select('path.cv-ctr-marker').attr('d', c.current ? `M${c.w / 2 - 3.5},-3.5 L${c.w / 2 + 3.5},-3.5 L${c.w / 2},-0.5 Z` : null);
        title(cg, `${containerLabel(c)} · ${c.c.image}`);
        moveTo(cg, T, `translate(${c.x},${c.y})`, 1);
      });

    const vols = g.selectAll<SVGGElement, null>('g.cv-vols').data([null]).join('g').attr('class', 'cv-vols');
    vols
      .selectAll<SVGGElement, VolumeBar>('g.cv-vol')
      .data(d.volumes, (v) => v.name)
      .join((enter) => {
        const v = enter.append('g').attr('class', 'cv-vol');
        v.append('path').attr('class', 'cv-vol-bar');
        v.append('text').attr('class', 'cv-vol-name');
        return v;
      })
      .each(function (v) {
        const vg = d3.select(this);
        const bar = `M${v.x1},${v.y} H${v.x2}${v.ticks.map((x) => ` M${x},${v.y} V${v.y - 3}`).join('')}`;
        vg.select('path.cv-vol-bar').attr('d', bar);
        const label = v.claim ? `${v.name} → pvc/${v.claim}` : v.name;
        vg.select('text.cv-vol-name')
          .attr('x', v.x1)
          .attr('y', v.y + 8.5)
          .text(full ? fitText(label, d.w - v.x1 - 6, 9.5) : '');
      });
  }

  let tGen = 0;
  const sigs = new WeakMap<SVGGElement, string>();
  function podSignature(p: PodBox): string {
    const c = p.pod.containers.map((x) => `${x.name}:${x.phase}:${x.reason}:${x.restarts}`).join(',');
    const geo = [p.w, p.h, ...p.containers.flatMap((b) => [b.x, b.w, b.current ? 1 : 0]), ...p.volumes.flatMap((v) => [v.x1, v.x2, v.y])].map((n) => (typeof n === 'number' ? n.toFixed(1) : n)).join(',');
    return `${tGen}|${p.density}|${p.pod.status}|${p.pod.ready}|${p.pod.restarts}|${p.pod.terminating ? 1 : 0}|${p.pod.node ?? ''}|${c}|${geo}`;
  }

  function podLabel(p: PodBox): string {
    const vars = { name: p.pod.name, ns: p.pod.namespace, status: p.pod.terminating && p.pod.status !== 'Terminating' ? `${p.pod.status}, ${t('terminating')}` : p.pod.status, ready: p.pod.ready, restarts: p.pod.restarts };
    return p.pod.namespace === 'default' ? t('podAria', vars) : t('podAriaNs', vars);
  }

  function drawPods(L: Layout, T: AnyTransition, animate: boolean): void {
    layers.pods
      .selectAll<SVGGElement, PodBox>('g.cv-pod')
      .data(L.pods, (d) => d.key)
      .join(
        (enter) => {
          const g = enter
            .append('g')
            .attr('data-kind', 'pod')
            .attr('transform', (d) => `translate(${d.x + d.w * 0.2},${d.y + d.h * 0.2}) scale(0.6)`)
            .style('opacity', 0);
          g.append('rect').attr('class', 'cv-card').attr('rx', 6);
          g.append('text').attr('class', 'cv-pod-name');
          g.append('text').attr('class', 'cv-pod-meta');
          g.append('text').attr('class', 'cv-pod-count').attr('text-anchor', 'end');
          return g;
        },
        (update) => update,
        (exit) => exit.attr('data-key', null).attr('tabindex', null).transition(T).style('opacity', 0).remove(),
      )
      .each(function (d) {
        const g = d3.select<SVGGElement, PodBox>(this);
        const dens = d.density;
        const st = podStatus(d.pod);
        // Snapshots rebuild every PodView, but most pods did not change: skip their insides.
        const sig = podSignature(d);
        const same = sigs.get(this) === sig;
        sigs.set(this, sig);
        if (!same) {
        g.attr('class', `cv-pod st-${st} d-${dens}${d.pod.terminating ? ' is-terminating' : ''}`)
          .attr('data-key', d.key)
          // A group, not a button: its containers are controls of their own, and a button
          // may not hold other controls. It still takes focus, Enter and clicks.
          .attr('role', 'group')
          .attr('aria-label', podLabel(d));
        g.select('rect.cv-card').transition(T).attr('width', d.w).attr('height', d.h).attr('rx', dens === 'mini' ? 3 : 6);
        const full = dens === 'full';
        if (dens === 'mini') icon(g, st, d.w / 2, d.h / 2, 1);
        else icon(g, st, 11, 11, 0.95);
        const count = dens === 'compact' ? `${d.pod.ready}${d.pod.restarts ? ` ${t('restartsShort', { n: d.pod.restarts })}` : ''}` : '';
        g.select('text.cv-pod-name')
          .attr('x', 20)
          .attr('y', 15)
          .text(dens === 'mini' ? '' : fitMiddle(d.pod.name, d.w - 26, 11));
        g.select('text.cv-pod-count')
          .attr('x', d.w - 6)
          .attr('y', 26.5)
          .text(count);
        const meta = full ? `${d.pod.status} · ${d.pod.ready} · ${t('restartsShort', { n: d.pod.restarts })}` : '';
        g.select('text.cv-pod-meta').attr('x', 8).attr('y', 30).text(fitText(meta, d.w - 14, 11));
        title(g, `${d.pod.namespace}/${d.pod.name} · ${d.pod.status} · ${d.pod.ready} · ↻${d.pod.restarts}${d.pod.node ? ` · ${d.pod.node}` : ''}`);
        drawContainers(g, d, full, T);
        }

        const before = restarts.get(d.key);
        restarts.set(d.key, d.pod.restarts);
        if (animate && before !== undefined && d.pod.restarts > before) {
          g.append('rect')
            .attr('class', 'cv-flash')
            .attr('rx', 6)
            .attr('x', -3)
            .attr('y', -3)
            .attr('width', d.w + 6)
            .attr('height', d.h + 6)
            .style('opacity', 1)
            .transition()
            .duration(1200)
            .ease(d3.easeCubicIn)
            .style('opacity', 0)
            .remove();
        }
        moveTo(g, T, `translate(${d.x},${d.y})`, d.pod.terminating ? 0.55 : 1);
      });
    const live = new Set(L.pods.map((p) => p.key));
    for (const k of [...restarts.keys()]) if (!live.has(k)) restarts.delete(k);
  }

  function render(L: Layout, reducedMotion: boolean): void {
    const T = d3
      .transition(`${id}-move`)
      .duration(reducedMotion ? 0 : DURATION)
      .ease(d3.easeCubicOut) as unknown as AnyTransition;
    svg.attr('width', L.width).attr('height', L.height).attr('viewBox', `0 0 ${L.width} ${L.height}`);
    svg.attr('aria-label', t('drawing'));
    drawRegions(L, T);
    drawGroups(L, T);
    drawLinks(L, T);
    drawServices(L, T);
    drawPods(L, T, !reducedMotion);
    drawStorage(L, T);
  }

  // ---- selection and focus ---------------------------------------------------------------

  function podOf(sel: string | undefined): ObjectKey | undefined {
    if (!sel) return undefined;
    const k = sel.split('#')[0]!;
    return k.startsWith('Pod/') ? k : undefined;
  }

  function applySelection(selected: string | undefined): void {
    const L = layout;
    if (!L) return;
    const selPod = podOf(selected);
    if (!roving || !L.pods.some((p) => p.key === roving)) roving = selPod ?? L.pods[0]?.key;
    svg.selectAll<SVGElement, unknown>('[data-key]').classed('is-selected', function () {
      return this.getAttribute('data-key') === selected;
    });
    layers.pods.selectAll<SVGGElement, PodBox>('g.cv-pod').attr('tabindex', (d) => (d.key === roving ? 0 : -1));
    layers.pods.selectAll<SVGGElement, ContainerBox>('g.cv-ctr').attr('tabindex', function () {
      return this.getAttribute('data-pod') === roving ? 0 : -1;
    });
    // Lines touching the selection stand out, so "which pods does this Service reach" reads at a glance.
    const selKey = selected?.split('#')[0];
    layers.links.selectAll<SVGPathElement, LinkBox>('path.cv-link').classed('is-hot', (d) => d.from === selKey || d.to === selKey);
  }

  function setRoving(key: ObjectKey): void {
    roving = key;
    applySelection(lastOpts.selected);
  }

  function focusKey(key: string): void {
    const node = el.querySelector<SVGGElement>(`[data-key="${CSS.escape(key)}"]`);
    if (!node) return;
    if (node.getAttribute('data-kind') === 'pod') setRoving(key);
    node.focus();
  }

  /** The nearest pod in a direction: along the axis first, sideways offset costs double. */
  function neighbour(from: PodBox, dir: 'left' | 'right' | 'up' | 'down'): PodBox | undefined {
    const cx = from.x + from.w / 2;
    const cy = from.y + from.h / 2;
    let best: PodBox | undefined;
    let bestScore = Infinity;
    for (const p of layout?.pods ?? []) {
      if (p === from) continue;
      const dx = p.x + p.w / 2 - cx;
      const dy = p.y + p.h / 2 - cy;
      const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
      const side = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
      if (along <= 1) continue;
      const score = along + side * 2;
      if (score < bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }

  function targetOf(ev: Event): SVGElement | null {
    return (ev.target as Element | null)?.closest<SVGElement>('[data-key]') ?? null;
  }

  function onClick(ev: MouseEvent): void {
    const target = targetOf(ev);
    if (!target) {
      opts.onSelect(undefined);
      return;
    }
    const key = target.getAttribute('data-key');
    if (!key) return;
    if (target.getAttribute('data-kind') === 'pod') setRoving(key);
    if (target.getAttribute('data-kind') === 'container') setRoving(target.getAttribute('data-pod') ?? key);
    opts.onSelect(key);
  }

  function onDblClick(ev: MouseEvent): void {
    const target = targetOf(ev);
    if (target?.getAttribute('data-kind') !== 'container') return;
    const pod = target.getAttribute('data-pod');
    const name = target.getAttribute('data-name');
    if (pod && name) opts.onOpenShell(pod, name);
  }

  function onKey(ev: KeyboardEvent): void {
    const target = targetOf(ev);
    if (!target) return;
    const key = target.getAttribute('data-key');
    const kind = target.getAttribute('data-kind');
    if (!key) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      ev.stopPropagation();
      if (kind === 'container' && ev.shiftKey && ev.key === 'Enter') {
        const pod = target.getAttribute('data-pod');
        const name = target.getAttribute('data-name');
        if (pod && name) opts.onOpenShell(pod, name);
        return;
      }
      opts.onSelect(key);
      return;
    }
    const dirs: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const dir = dirs[ev.key];
    if (ev.key === 'Home' || ev.key === 'End') {
      const list = layout?.pods ?? [];
      const p = ev.key === 'Home' ? list[0] : list.at(-1);
      if (p) {
        ev.preventDefault();
        focusKey(p.key);
      }
      return;
    }
    if (!dir) return;
    if (kind === 'container') {
      const pod = layout?.pods.find((p) => p.key === target.getAttribute('data-pod'));
      if (!pod) return;
      ev.preventDefault();
      const i = pod.containers.findIndex((c) => c.key === key);
      if (dir === 'up') focusKey(pod.key);
      else {
        const next = pod.containers[i + (dir === 'right' || dir === 'down' ? 1 : -1)];
        if (next) focusKey(next.key);
      }
      return;
    }
    if (kind !== 'pod') return;
    const from = layout?.pods.find((p) => p.key === key);
    if (!from) return;
    ev.preventDefault();
    const next = neighbour(from, dir);
    if (next) focusKey(next.key);
  }

  function onFocusIn(ev: FocusEvent): void {
    const target = targetOf(ev);
    if (target?.getAttribute('data-kind') === 'pod') {
      const key = target.getAttribute('data-key');
      if (key && key !== roving) setRoving(key);
    }
  }

  const svgNode = svg.node()!;
  svgNode.addEventListener('click', onClick);
  svgNode.addEventListener('dblclick', onDblClick);
  svgNode.addEventListener('keydown', onKey);
  svgNode.addEventListener('focusin', onFocusIn);

  // ---- update loop ----------------------------------------------------------------------

  function refresh(force: boolean): void {
    if (!lastSnap) return;
    const { w, h } = size();
    if (w === 0 || h === 0) return;
    const changed = force || !last || last.snap !== lastSnap || last.showSystem !== lastOpts.showSystem || last.w !== w || last.h !== h || last.t !== t;
    if (changed) {
      const resized = !!last && (last.w !== w || last.h !== h) && last.snap === lastSnap;
      layout = layoutCluster(lastSnap, { showSystem: lastOpts.showSystem, width: w, height: h });
      last = { snap: lastSnap, showSystem: lastOpts.showSystem, w, h, t };
      // A resize should follow the pane, not trail behind it.
      render(layout, lastOpts.reducedMotion || resized);
    }
    applySelection(lastOpts.selected);
  }

  let frame = 0;
  const ro = new ResizeObserver(() => {
    measure();
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => refresh(false));
  });
  ro.observe(el);

  function trafficPositions(): TrafficPositions | undefined {
    const L = layout;
    if (!L) return undefined;
    if (positions?.for === L) return positions.value;
    const id = (ns: string | undefined, name: string) => `${ns ?? 'default'}/${name}`;
    const services = new Map(L.services.map((s) => [id(s.svc.namespace, s.svc.name), s as Rect]));
    const pods = new Map(L.pods.map((p) => [id(p.pod.namespace, p.pod.name), p as Rect]));
    const serves = new Set<string>();
    for (const s of L.services) {
      for (const e of s.svc.endpoints) {
        const pk = parseKey(e.pod);
        serves.add(`${id(s.svc.namespace, s.svc.name)}>${id(pk.namespace, pk.name)}`);
      }
    }
    positions = { for: L, value: { services, pods, serves } };
    return positions.value;
  }

  return {
    trafficLayer: layers.particles.node()!,
    trafficPositions,
    update(snapshot, o) {
      lastSnap = snapshot;
      if (o.t && o.t !== t) {
        t = o.t;
        tGen++;
      }
      lastOpts = o;
      if (last && snapshot !== last.snap) {
        // A new snapshot is drawn on the next animation frame, in a task of its own: drawn
        // here, it shared one task with building the snapshot and React's commit, and with
        // 300 pods that task passed 50 ms.
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => refresh(false));
      } else refresh(false);
    },
    destroy() {
      ro.disconnect();
      cancelAnimationFrame(frame);
      svgNode.removeEventListener('click', onClick);
      svgNode.removeEventListener('dblclick', onDblClick);
      svgNode.removeEventListener('keydown', onKey);
      svgNode.removeEventListener('focusin', onFocusIn);
      svg.selectAll('*').interrupt();
      svg.remove();
    },
  };
}

