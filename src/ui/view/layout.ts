// Pure layout for the cluster view: snapshot + pane size in, boxes out. Kept free of d3 and
// the DOM so it can be unit-tested and so the renderer only ever joins and transitions.
//
// Stability matters more than packing: a pod keeps its slot when unrelated pods come and go,
// because ordering is by workload then name, never by creation or arrival order.

import { SYSTEM_NAMESPACES, parseKey, type ClusterSnapshot, type ContainerView, type NodeView, type ObjectKey, type PodView, type ServiceView, type StorageView, type WorkloadView } from '../../state/snapshot.ts';

export type Density = 'full' | 'compact' | 'mini';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RegionBox extends Rect {
  key: ObjectKey;
  name: string;
  /** 'pending' is the pseudo-region for pods no node has taken yet. */
  kind: 'node' | 'pending';
  node: NodeView | undefined;
  podCount: number;
  /** Height the content needed; more than h means the region overflowed. */
  needed: number;
}

export interface GroupBox extends Rect {
  /** Region key + owner key: a ReplicaSet spread over three nodes has three bands. */
  key: string;
  owner: ObjectKey;
  workload: ObjectKey | undefined;
  /** Owner kind and short name pieces, rendered (and translated) by the view. */
  kind: string;
  name: string;
  /** The ReplicaSet's pod-template hash, when it belongs to a Deployment. */
  hash: string | undefined;
  revision: string | undefined;
  ready: number;
  desired: number;
}

export interface ContainerBox extends Rect {
  /** Selection key: Pod/ns/name#container. */
  key: string;
  c: ContainerView;
  /** The init container the pod is waiting on (drawn with a marker). */
  current: boolean;
}

export interface VolumeBar {
  name: string;
  claim: string | undefined;
  x1: number;
  x2: number;
  y: number;
  /** Centre x of every container that mounts it, for the short ticks up to them. */
  ticks: number[];
}

export interface PodBox extends Rect {
  key: ObjectKey;
  pod: PodView;
  region: ObjectKey;
  density: Density;
  /** The band the pod sits in, if any (endpoint links bundle to it when there are many). */
  group: string | undefined;
  containers: ContainerBox[];
  volumes: VolumeBar[];
}

export interface ServiceBox extends Rect {
  key: ObjectKey;
  svc: ServiceView;
}

export interface StorageBox extends Rect {
  key: ObjectKey;
  item: StorageView;
}

export interface LinkBox {
  key: string;
  kind: 'endpoint' | 'binding';
  from: ObjectKey;
  to: ObjectKey;
  ready: boolean;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Layout {
  width: number;
  height: number;
  /** The smallest card size in use. */
  density: Density;
  regions: RegionBox[];
  groups: GroupBox[];
  pods: PodBox[];
  services: ServiceBox[];
  storage: StorageBox[];
  links: LinkBox[];
}

export const PENDING_KEY = 'Pending//unscheduled';

const PAD = 8;
const GAP = 6;
const REGION_HEAD = 22;
const REGION_PAD = 6;
const GROUP_HEAD = 15;
const GROUP_PAD = 4;
/** Mini cards get thinner bands: at that density the band label is most of the chrome. */
const groupHead = (d: Density) => (d === 'mini' ? 14 : GROUP_HEAD);
const groupPad = (d: Density) => (d === 'mini' ? 3 : GROUP_PAD);
const SERVICE_H = 24;
const STORAGE_H = 22;
const BUNDLE_OVER = 12;

interface CardSpec {
  minW: number;
  maxW: number;
  /** Height without volume bars. */
  base: number;
  bar: number;
  gap: number;
}

const CARDS: Record<Density, CardSpec> = {
  full: { minW: 112, maxW: 176, base: 52, bar: 11, gap: 6 },
  compact: { minW: 76, maxW: 116, base: 32, bar: 5, gap: 4 },
  mini: { minW: 16, maxW: 16, base: 16, bar: 0, gap: 3 },
};

/** Rough text width: enough to truncate labels without a DOM to measure in. */
export function textWidth(s: string, fontPx: number): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x1100 ? fontPx : /[il.,:'|!]/.test(ch) ? fontPx * 0.3 : /[mwMW]/.test(ch) ? fontPx * 0.85 : fontPx * 0.58;
  }
  return w;
}

/** Keep both ends: a pod's name is told apart by its random suffix. */
export function fitMiddle(s: string, maxPx: number, fontPx: number): string {
  if (maxPx <= fontPx * 2) return '';
  if (textWidth(s, fontPx) <= maxPx) return s;
  let head = Math.ceil(s.length / 2);
  let tail = Math.floor(s.length / 2);
  while (head + tail > 2 && textWidth(`${s.slice(0, head)}…${s.slice(s.length - tail)}`, fontPx) > maxPx) {
    if (head > tail) head--;
    else tail--;
  }
  return `${s.slice(0, head)}…${s.slice(s.length - tail)}`;
}

export function fitText(s: string, maxPx: number, fontPx: number): string {
  if (maxPx <= fontPx) return '';
  if (textWidth(s, fontPx) <= maxPx) return s;
  let out = s;
  while (out.length > 1 && textWidth(`${out}…`, fontPx) > maxPx) out = out.slice(0, -1);
  return `${out}…`;
}

/** kube-api-access and friends are on every pod; drawing them would only add noise. */
function isBoring(v: { name: string; type: string }): boolean {
  return v.type === 'projected' && v.name.startsWith('kube-api-access');
}

/** Volumes worth a connector: shared by two or more containers, or backed by a claim. */
export function drawnVolumes(pod: PodView): { name: string; claim: string | undefined; users: number[] }[] {
  const out: { name: string; claim: string | undefined; users: number[] }[] = [];
  for (const v of pod.volumes) {
    if (isBoring(v)) continue;
    const users = pod.containers.flatMap((c, i) => (c.mounts.includes(v.name) ? [i] : []));
    if (users.length >= 2 || (v.claim && users.length >= 1)) out.push({ name: v.name, claim: v.claim, users });
  }
  return out.slice(0, 2);
}

/** Init containers in order, then sidecars, then app containers (the order they start). */
export function orderedContainers(pod: PodView): ContainerView[] {
  const rank = { init: 0, sidecar: 1, app: 2 } as const;
  return pod.containers.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.role] - rank[b.c.role] || a.i - b.i).map((x) => x.c);
}

/** The init container the pod is stuck on or running: the first one not completed. */
export function currentInit(pod: PodView): string | undefined {
  if (!pod.status.startsWith('Init:') && !pod.containers.some((c) => c.role === 'init' && (c.phase === 'running' || c.phase === 'failed'))) return undefined;
  return pod.containers.find((c) => c.role === 'init' && c.phase !== 'completed')?.name;
}

export function isVisible(namespace: string | undefined, showSystem: boolean): boolean {
  return showSystem || !namespace || !SYSTEM_NAMESPACES.has(namespace);
}

function groupKeyOf(pod: PodView): ObjectKey | undefined {
  // Static pods are "owned" by their Node; that is not a workload worth a band.
  if (!pod.owner || parseKey(pod.owner).kind === 'Node') return undefined;
  return pod.owner;
}

/** Stable pod order: by workload (standalone pods last), then owner, then name. */
export function comparePods(a: PodView, b: PodView): number {
  const wa = a.workload ?? groupKeyOf(a) ?? '\uffff';
  const wb = b.workload ?? groupKeyOf(b) ?? '\uffff';
  if (wa !== wb) return wa < wb ? -1 : 1;
  const oa = groupKeyOf(a) ?? '';
  const ob = groupKeyOf(b) ?? '';
  if (oa !== ob) return oa < ob ? -1 : 1;
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

interface Bucket {
  owner: ObjectKey | undefined;
  pods: PodView[];
}

function buckets(pods: PodView[]): Bucket[] {
  const out: Bucket[] = [];
  for (const p of pods) {
    const owner = groupKeyOf(p);
    const last = out.at(-1);
    if (last && last.owner === owner && owner !== undefined) last.pods.push(p);
    else if (last && owner === undefined && last.owner === undefined) last.pods.push(p);
    else out.push({ owner, pods: [p] });
  }
  return out;
}

function cardHeight(d: Density, pods: PodView[]): number {
  const spec = CARDS[d];
  if (d === 'mini') return spec.base;
  const bars = Math.max(0, ...pods.map((p) => drawnVolumes(p).length));
  return spec.base + bars * spec.bar;
}

function gridOf(width: number, spec: CardSpec): { cols: number; cardW: number } {
  const cols = Math.max(1, Math.floor((width + spec.gap) / (spec.minW + spec.gap)));
  const cardW = Math.max(Math.min(spec.minW, width), Math.min(spec.maxW, (width - spec.gap * (cols - 1)) / cols));
  return { cols, cardW };
}

/** Height a region needs at a density, without placing anything. */
function measureRegion(d: Density, width: number, pods: PodView[]): number {
  const spec = CARDS[d];
  let h = REGION_HEAD;
  for (const b of buckets(pods)) {
    const banded = b.owner !== undefined;
    const inner = width - REGION_PAD * 2 - (banded ? groupPad(d) * 2 : 0);
    const { cols } = gridOf(inner, spec);
    const rows = Math.ceil(b.pods.length / cols);
    h += rows * cardHeight(d, b.pods) + (rows - 1) * spec.gap + (banded ? groupHead(d) + groupPad(d) : 0) + GAP;
  }
  return h + REGION_PAD;
}

/** The narrowest container chip that still shows its status icon. */
const CHIP_MIN = 20;

function layoutContainers(pod: PodView, d: Density, w: number): { containers: ContainerBox[]; volumes: VolumeBar[] } {
  if (d === 'mini') return { containers: [], volumes: [] };
  const list = orderedContainers(pod);
  const cur = currentInit(pod);
  const inset = 6;
  const y = d === 'full' ? 35 : 17;
  const bh = d === 'full' ? 14 : 11;
  const gap = 3;
  // Compact cards keep the right end of the container row for READY and restarts.
  const avail = w - inset * 2 - (d === 'compact' ? 34 : 0);
  const bw = Math.max(6, Math.min(d === 'full' ? 72 : 22, (avail - gap * (list.length - 1)) / Math.max(1, list.length)));
  const widths = list.map(() => bw);
  // While a pod works through its init containers, the one it is on gets room for its whole
  // name (init-myservice and init-mydb would both read "init…"); the others keep their icon.
  if (cur && d === 'full' && list.length > 1) {
    // The icon, the padding and the init chip's arrow point take 26 px besides the text.
    const want = 26 + textWidth(cur, 10.5);
    // On a narrow card the others shrink to their icon and the name is cut as late as it can be.
    const rest = Math.max(CHIP_MIN, (avail - want - gap * (list.length - 1)) / (list.length - 1));
    const mine = Math.min(want, avail - (rest + gap) * (list.length - 1));
    if (mine > bw) list.forEach((c, i) => (widths[i] = c.name === cur ? mine : Math.min(rest, 72)));
  }
  let cx = inset;
  const containers = list.map((c, i) => {
    const box = { key: `${pod.key}#${c.name}`, c, current: c.name === cur, x: cx, y, w: widths[i]!, h: bh };
    cx += widths[i]! + gap;
    return box;
  });
  const spec = CARDS[d];
  const volumes = drawnVolumes(pod).map((v, i) => {
    const xs = v.users.map((u) => list.indexOf(pod.containers[u]!)).filter((j) => j >= 0).map((j) => containers[j]!);
    const x1 = Math.min(...xs.map((c) => c.x));
    const x2 = Math.max(...xs.map((c) => c.x + c.w));
    return { name: v.name, claim: v.claim, x1, x2, y: y + bh + 4 + i * spec.bar, ticks: xs.map((c) => c.x + c.w / 2) };
  });
  return { containers, volumes };
}

function placeRegion(region: RegionBox, d: Density, pods: PodView[], workloads: Map<ObjectKey, WorkloadView>, groups: GroupBox[], out: PodBox[]): void {
  const spec = CARDS[d];
  let y = region.y + REGION_HEAD;
  for (const b of buckets(pods)) {
    const banded = b.owner !== undefined;
    const gx = region.x + REGION_PAD;
    const gw = region.w - REGION_PAD * 2;
    const inner = gw - (banded ? groupPad(d) * 2 : 0);
    const { cols, cardW } = gridOf(inner, spec);
    const ch = cardHeight(d, b.pods);
    const rows = Math.ceil(b.pods.length / cols);
    const top = y + (banded ? groupHead(d) : 0);
    const left = gx + (banded ? groupPad(d) : 0);
    b.pods.forEach((p, i) => {
      const x = left + (i % cols) * (cardW + spec.gap);
      const py = top + Math.floor(i / cols) * (ch + spec.gap);
      out.push({ key: p.key, pod: p, region: region.key, density: d, group: banded ? `${region.key}|${b.owner}` : undefined, x, y: py, w: cardW, h: ch, ...layoutContainers(p, d, cardW) });
    });
    const bodyH = rows * ch + (rows - 1) * spec.gap;
    if (banded && b.owner) {
      const wl = workloads.get(b.owner);
      const { kind, name } = parseKey(b.owner);
      const parent = wl?.owner ? parseKey(wl.owner) : undefined;
      const isRsOfDeploy = kind === 'ReplicaSet' && parent?.kind === 'Deployment';
      groups.push({
        key: `${region.key}|${b.owner}`,
        owner: b.owner,
        workload: wl?.owner,
        kind: isRsOfDeploy ? 'Deployment' : kind,
        name: isRsOfDeploy && parent ? parent.name : name,
        hash: isRsOfDeploy && parent ? name.slice(parent.name.length + 1) : undefined,
        revision: wl?.revision,
        ready: wl?.ready ?? b.pods.filter((p) => p.allReady).length,
        desired: wl?.desired ?? b.pods.length,
        x: gx,
        y,
        w: gw,
        h: groupHead(d) + bodyH + groupPad(d),
      });
      y += groupHead(d) + bodyH + groupPad(d) + GAP;
    } else y += bodyH + GAP;
  }
}

function rowOfBoxes<T>(items: T[], x: number, y: number, width: number, h: number, maxW: number, minW: number): (Rect & { item: T })[] {
  if (!items.length) return [];
  const perRow = Math.max(1, Math.min(items.length, Math.floor((width + GAP) / (minW + GAP))));
  const w = Math.min(maxW, (width - GAP * (perRow - 1)) / perRow);
  return items.map((item, i) => ({ item, x: x + (i % perRow) * (w + GAP), y: y + Math.floor(i / perRow) * (h + GAP), w, h }));
}

export interface LayoutOptions {
  showSystem: boolean;
  width: number;
  height: number;
}

export function layoutCluster(snap: ClusterSnapshot, opts: LayoutOptions): Layout {
  const width = Math.max(200, opts.width);
  const height = Math.max(160, opts.height);
  const pods = snap.pods.filter((p) => isVisible(p.namespace, opts.showSystem)).sort(comparePods);
  const podKeys = new Set(pods.map((p) => p.key));
  const workloads = new Map(snap.workloads.map((w) => [w.key, w]));

  // Services along the top.
  // default/kubernetes fronts the API server, not a pod: it never has endpoints to draw.
  const svcs = snap.services.filter((s) => isVisible(s.namespace, opts.showSystem) && (opts.showSystem || s.key !== 'Service/default/kubernetes')).sort((a, b) => (a.key < b.key ? -1 : 1));
  const svcBoxes = rowOfBoxes(svcs, PAD, PAD, width - PAD * 2, SERVICE_H, 168, 96);
  const services: ServiceBox[] = svcBoxes.map((b) => ({ key: b.item.key, svc: b.item, x: b.x, y: b.y, w: b.w, h: b.h }));
  const svcBottom = services.length ? Math.max(...services.map((s) => s.y + s.h)) + 16 : PAD;

  // Storage along the bottom: each claim followed by the volume it is bound to.
  const claims = snap.storage.filter((s) => s.kind === 'PersistentVolumeClaim' && isVisible(s.namespace, opts.showSystem)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const pvs = snap.storage.filter((s) => s.kind === 'PersistentVolume' && (!s.boundTo || isVisible(s.boundTo.split('/')[0], opts.showSystem)));
  const pvByName = new Map(pvs.map((p) => [p.name, p]));
  const ordered: StorageView[] = [];
  for (const c of claims) {
    ordered.push(c);
    const pv = c.boundTo ? pvByName.get(c.boundTo) : undefined;
    if (pv) {
      ordered.push(pv);
      pvByName.delete(pv.name);
    }
  }
  ordered.push(...[...pvByName.values()].sort((a, b) => (a.name < b.name ? -1 : 1)));
  const storageRows = ordered.length ? Math.ceil(ordered.length / Math.max(1, Math.floor((width - PAD * 2 + 14) / (110 + 14)))) : 0;
  const storageTop = height - PAD - storageRows * (STORAGE_H + GAP) + (storageRows ? GAP : 0);
  const storage: StorageBox[] = [];
  {
    const perRow = Math.max(1, Math.floor((width - PAD * 2 + 14) / (110 + 14)));
    const w = Math.min(150, (width - PAD * 2 - 14 * (perRow - 1)) / perRow);
    ordered.forEach((item, i) => storage.push({ key: item.key, item, x: PAD + (i % perRow) * (w + 14), y: storageTop + Math.floor(i / perRow) * (STORAGE_H + GAP), w, h: STORAGE_H }));
  }

  // Regions: workers by name, then the control plane (narrower), then unscheduled pods.
  const nodes = [...snap.nodes].sort((a, b) => Number(a.roles.includes('control-plane')) - Number(b.roles.includes('control-plane')) || (a.name < b.name ? -1 : 1));
  const byNode = new Map<string, PodView[]>();
  const pending: PodView[] = [];
  const nodeNames = new Set(nodes.map((n) => n.name));
  for (const p of pods) {
    if (p.node && nodeNames.has(p.node)) {
      const list = byNode.get(p.node) ?? [];
      list.push(p);
      byNode.set(p.node, list);
    } else pending.push(p);
  }
  const specs: { key: ObjectKey; name: string; kind: 'node' | 'pending'; node: NodeView | undefined; pods: PodView[]; weight: number }[] = nodes.map((n) => {
    const list = byNode.get(n.name) ?? [];
    const cp = n.roles.includes('control-plane');
    return { key: n.key, name: n.name, kind: 'node', node: n, pods: list, weight: cp ? (list.length ? 0.75 : 0.5) : 1 };
  });
  if (pending.length) specs.push({ key: PENDING_KEY, name: '', kind: 'pending', node: undefined, pods: pending, weight: 0.8 });

  const top = svcBottom;
  const bottom = storage.length ? storageTop - 10 : height - PAD;
  const areaW = width - PAD * 2;
  const perRow = Math.max(1, Math.min(specs.length, Math.floor((areaW + GAP) / (100 + GAP))));
  const nRows = Math.max(1, Math.ceil(specs.length / perRow));
  const rowH = Math.max(80, (bottom - top - GAP * (nRows - 1)) / nRows);
  const totalPods = Math.max(1, pods.length);
  const placeRegions = (byCount: boolean): RegionBox[] => {
    const out: RegionBox[] = [];
    for (let r = 0; r < nRows; r++) {
      const row = specs.slice(r * perRow, (r + 1) * perRow);
      // Crowded clusters share width by pod count; small ones keep fixed widths so a new pod
      // never resizes every node.
      const weight = (s: (typeof specs)[number]) => (byCount ? s.weight * 0.45 + (row.length * s.pods.length) / totalPods : s.weight);
      const total = row.reduce((sum, s) => sum + weight(s), 0);
      const free = areaW - GAP * (row.length - 1);
      // Every region keeps room for its title, however idle it is.
      const minW = Math.min(92, free / row.length);
      let widths = row.map((s) => (free * weight(s)) / total);
      const short = widths.map((w) => w < minW);
      const spare = free - short.reduce((sum, sh) => sum + (sh ? minW : 0), 0);
      const rest = widths.reduce((sum, w, i) => sum + (short[i] ? 0 : w), 0);
      widths = widths.map((w, i) => (short[i] ? minW : (w * spare) / rest));
      let x = PAD;
      row.forEach((s, i) => {
        const w = widths[i]!;
        out.push({ key: s.key, name: s.name, kind: s.kind, node: s.node, podCount: s.pods.length, x, y: top + r * (rowH + GAP), w, h: rowH, needed: 0 });
        x += w + GAP;
      });
    }
    return out;
  };
  const podsOf = (k: ObjectKey) => specs.find((s) => s.key === k)?.pods ?? [];

  // Each region takes the roomiest card that fits it, so a quiet node still reads in full
  // while a crowded one shrinks. Fixed widths unless letting busy nodes borrow width from
  // idle ones saves cards from shrinking.
  const RANK: Record<Density, number> = { full: 0, compact: 1, mini: 2 };
  const choose = (rs: RegionBox[]): Density[] => rs.map((r): Density => (['full', 'compact'] as const).find((d) => measureRegion(d, r.w, podsOf(r.key)) <= r.h) ?? 'mini');
  const cost = (rs: RegionBox[], ds: Density[]) => rs.reduce((sum, r, i) => sum + RANK[ds[i]!] * (1 + podsOf(r.key).length), 0);
  let regions = placeRegions(false);
  let dens = choose(regions);
  const alt = placeRegions(true);
  const altDens = choose(alt);
  const overflow = (rs: RegionBox[], ds: Density[]) => Math.max(0, ...rs.map((r, i) => measureRegion(ds[i]!, r.w, podsOf(r.key)) - r.h));
  const [c0, c1] = [cost(regions, dens), cost(alt, altDens)];
  if (c1 < c0 || (c1 === c0 && overflow(alt, altDens) < overflow(regions, dens))) {
    regions = alt;
    dens = altDens;
  }
  const densityOf = new Map(regions.map((r, i) => [r.key, dens[i]!]));
  const density: Density = dens.reduce<Density>((a, d) => (RANK[d] > RANK[a] ? d : a), 'full');
  for (const r of regions) r.needed = measureRegion(densityOf.get(r.key)!, r.w, podsOf(r.key));

  // Still too many: grow rows that overflow, and the drawing scrolls.
  let shift = 0;
  for (let r = 0; r < nRows; r++) {
    const row = regions.slice(r * perRow, (r + 1) * perRow);
    const need = Math.max(...row.map((x) => x.needed));
    for (const x of row) {
      x.y += shift;
      x.h = Math.max(x.h, need);
    }
    shift += Math.max(0, need - rowH);
  }
  for (const s of storage) s.y += shift;

  const groups: GroupBox[] = [];
  const podBoxes: PodBox[] = [];
  for (const r of regions) placeRegion(r, densityOf.get(r.key)!, podsOf(r.key), workloads, groups, podBoxes);

  const podBox = new Map(podBoxes.map((p) => [p.key, p]));
  const links: LinkBox[] = [];
  const groupBox = new Map(groups.map((g) => [g.key, g]));
  for (const s of services) {
    const eps = s.svc.endpoints.filter((e) => podBox.has(e.pod) && podKeys.has(e.pod));
    // Past a dozen endpoints, one line per band (split ready / not ready) says more than a hairball.
    if (eps.length > BUNDLE_OVER) {
      const seen = new Set<string>();
      for (const e of eps) {
        const p = podBox.get(e.pod)!;
        const g = p.group ? groupBox.get(p.group) : undefined;
        const target = g ?? p;
        const k = `${s.key}>${g ? g.key : p.key}:${e.ready ? 'r' : 'n'}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const dx = e.ready ? 0 : Math.min(12, target.w / 4);
        links.push({ key: k, kind: 'endpoint', from: s.key, to: g ? g.owner : p.key, ready: e.ready, x1: s.x + s.w / 2, y1: s.y + s.h, x2: target.x + target.w / 2 + dx, y2: target.y });
      }
      continue;
    }
    for (const e of eps) {
      const p = podBox.get(e.pod)!;
      links.push({ key: `${s.key}>${e.pod}`, kind: 'endpoint', from: s.key, to: e.pod, ready: e.ready, x1: s.x + s.w / 2, y1: s.y + s.h, x2: p.x + p.w / 2, y2: p.y });
    }
  }
  const stBox = new Map(storage.map((s) => [s.key, s]));
  for (const s of storage) {
    if (s.item.kind !== 'PersistentVolumeClaim' || !s.item.boundTo) continue;
    const pv = stBox.get(`PersistentVolume//${s.item.boundTo}`);
    if (pv) links.push({ key: `${s.key}>${pv.key}`, kind: 'binding', from: s.key, to: pv.key, ready: s.item.phase === 'Bound', x1: s.x + s.w, y1: s.y + s.h / 2, x2: pv.x, y2: pv.y + pv.h / 2 });
  }

  return {
    width,
    height: Math.max(height, height + shift),
    density,
    regions,
    groups,
    pods: podBoxes,
    services,
    storage,
    links,
  };
}
