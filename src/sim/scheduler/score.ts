// Scoring, as kube-scheduler v1.31's default profile does it: each score plugin gives every
// feasible node 0..100 (after its own NormalizeScore), and the node's total is the weighted sum
// (pkg/scheduler/apis/config/v1/default_plugins.go). Pure functions over plain objects, so the
// arithmetic can be checked against upstream's own unit-test vectors (score.test.ts).
//
// Sources (kubernetes/kubernetes, pkg/scheduler/...):
//   framework/plugins/noderesources/{least_allocated,balanced_allocation,resource_allocation}.go
//   util/non_zero.go (DefaultMilliCPURequest, DefaultMemoryRequest)
//   framework/plugins/podtopologyspread/{scoring,common,plugin}.go, plugins/helper/spread.go
//   framework/plugins/tainttoleration, nodeaffinity, imagelocality, interpodaffinity (scoring.go)
//   framework/plugins/helper/normalize_score.go

import type { Node, Pod } from '../api.ts';
import type { KubeObject } from '../store/types.ts';
import { milliValue, intValue, tryParseQuantity } from '../quantity.ts';
import { labelRequirementMatches, nodeSelectorTermMatches, tolerates, type Requirement } from '../selectors.ts';

export const MAX_NODE_SCORE = 100;
/** schedutil.DefaultMilliCPURequest: what a container without a cpu request counts as, for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200Mi, for scoring only. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** v1.31 default profile's score plugins and weights. */
export const SCORE_WEIGHTS = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
} as const;

export type ScorePlugin = keyof typeof SCORE_WEIGHTS;
export const SCORE_PLUGINS = Object.keys(SCORE_WEIGHTS) as ScorePlugin[];

export interface NodeScore {
  node: string;
  /** Weighted sum of the plugins' normalised scores: what the scheduler compares. */
  total: number;
  /** Each plugin's normalised score (0..100, before weighting); absent when the plugin skipped (PreScore Skip). */
  plugins: Partial<Record<ScorePlugin, number>>;
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface Resources {
  cpuMilli: number;
  memory: number;
}

function quantity(v: string | number | undefined, milli: boolean): number {
  if (v === undefined) return 0;
  const r = tryParseQuantity(String(v).trim());
  if (!r.ok) return 0;
  return milli ? milliValue(r.quantity) : intValue(r.quantity);
}

interface ContainerLike {
  restartPolicy?: string;
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
}

function containerRequests(c: ContainerLike, nonZero: boolean): Resources {
  // The API server defaults a request from the limit; objects that skipped admission get the same.
  const req = (name: string): string | number | undefined => c.resources?.requests?.[name] ?? c.resources?.limits?.[name];
  const cpu = req('cpu');
  const mem = req('memory');
  return {
    // GetNonzeroRequestForResource: a missing request gets the default, an explicit 0 stays 0.
    cpuMilli: cpu === undefined ? (nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0) : quantity(cpu, true),
    memory: mem === undefined ? (nonZero ? DEFAULT_MEMORY_REQUEST : 0) : quantity(mem, false),
  };
}

const add = (a: Resources, b: Resources): Resources => ({ cpuMilli: a.cpuMilli + b.cpuMilli, memory: a.memory + b.memory });
const max = (a: Resources, b: Resources): Resources => ({ cpuMilli: Math.max(a.cpuMilli, b.cpuMilli), memory: Math.max(a.memory, b.memory) });
const ZERO: Resources = { cpuMilli: 0, memory: 0 };

/**
 * resourcehelper.PodRequests: app containers and sidecars add up, each plain init container runs
 * next to the sidecars started before it, overhead on top. With nonZero, every container missing
 * a cpu or memory request counts the scheduler's default (NonMissingContainerRequests), which
 * is what NodeResourcesFit scores with; filtering and BalancedAllocation use the real requests.
 */
const storedRequests = [new WeakMap<Pod, Resources>(), new WeakMap<Pod, Resources>()];

/**
 * podResourceRequests of a pod from the store, remembered per object: stored objects never
 * change (a write stores a new one), and scoring each new pod summed every bound pod's
 * requests again, which made scheduling n pods cost n² request computations.
 */
/** `start` plus the requests of every pod in `pods` (one sum, not an object per pod). */
function sumRequests(pods: readonly Pod[], nonZero: boolean, start: Resources): Resources {
  const sum = { cpuMilli: start.cpuMilli, memory: start.memory };
  for (const p of pods) {
    const r = storedPodRequests(p, nonZero);
    sum.cpuMilli += r.cpuMilli;
    sum.memory += r.memory;
  }
  return sum;
}

export function storedPodRequests(pod: Pod, nonZero: boolean): Resources {
  const cache = storedRequests[nonZero ? 1 : 0]!;
  let r = cache.get(pod);
  if (!r) {
    r = podResourceRequests(pod, nonZero);
    cache.set(pod, r);
  }
  return r;
}

export function podResourceRequests(pod: Pod, nonZero = false): Resources {
  let total = ZERO;
  for (const c of pod.spec?.containers ?? []) total = add(total, containerRequests(c, nonZero));
  let sidecars = ZERO;
  let initPeak = ZERO;
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      total = add(total, own);
      sidecars = add(sidecars, own);
      initPeak = max(initPeak, sidecars);
    } else {
      initPeak = max(initPeak, add(own, sidecars));
    }
  }
  total = max(total, initPeak);
  const overhead = pod.spec?.overhead;
  if (overhead) total = add(total, { cpuMilli: quantity(overhead['cpu'], true), memory: quantity(overhead['memory'], false) });
  return total;
}

// ---------------------------------------------------------------------------------------------
// NodeResourcesFit (LeastAllocated, cpu:1 memory:1) and NodeResourcesBalancedAllocation

/** leastRequestedScore: the unused share of one resource, 0..100, integer arithmetic. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** leastResourceScorer with equal weights; a resource the node has none of is left out. */
export function leastAllocatedScore(requested: Resources, allocatable: Resources): number {
  let sum = 0;
  let weights = 0;
  for (const [r, a] of [
    [requested.cpuMilli, allocatable.cpuMilli],
    [requested.memory, allocatable.memory],
  ] as const) {
    if (a === 0) continue;
    sum += leastRequestedScore(r, a);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

/** balancedResourceScorer: (1 - std of the requested fractions) * 100; with two resources std = |f1 - f2| / 2. */
export function balancedAllocationScore(requested: Resources, allocatable: Resources): number {
  const fractions: number[] = [];
  for (const [r, a] of [
    [requested.cpuMilli, allocatable.cpuMilli],
    [requested.memory, allocatable.memory],
  ] as const) {
    if (a === 0) continue;
    fractions.push(Math.min(1, r / a));
  }
  const std = fractions.length === 2 ? Math.abs((fractions[0]! - fractions[1]!) / 2) : 0;
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function nodeAllocatable(node: Node): Resources {
  const alloc = node.status?.allocatable ?? {};
  return { cpuMilli: quantity(alloc['cpu'], true), memory: quantity(alloc['memory'], false) };
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** helper.DefaultNormalizeScore: scale [0, max] to [0, 100], optionally reversed. */
export function defaultNormalizeScore(scores: readonly number[], reverse: boolean): number[] {
  const maxCount = Math.max(0, ...scores);
  if (maxCount === 0) return scores.map((s) => (reverse ? MAX_NODE_SCORE : s));
  return scores.map((s) => {
    const n = Math.trunc((MAX_NODE_SCORE * s) / maxCount);
    return reverse ? MAX_NODE_SCORE - n : n;
  });
}

// ---------------------------------------------------------------------------------------------
// TaintToleration and NodeAffinity

/** Raw TaintToleration score: PreferNoSchedule taints the pod does not tolerate (lower is better). */
export function intolerablePreferNoScheduleTaints(pod: Pod, node: Node): number {
  // Only tolerations that can match a PreferNoSchedule taint count (getAllTolerationPreferNoSchedule).
  const tolerations = (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return (node.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(tolerations, t)).length;
}

/** Raw NodeAffinity score: the summed weights of the preferred terms the node matches. */
export function preferredNodeAffinityWeight(pod: Pod, node: Node): number {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const labels = node.metadata.labels ?? {};
  const fields = { 'metadata.name': node.metadata.name ?? '' };
  let sum = 0;
  for (const t of terms) if (t.weight !== 0 && nodeSelectorTermMatches(t.preference, labels, fields)) sum += t.weight;
  return sum;
}

// ---------------------------------------------------------------------------------------------
// ImageLocality

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: only a missing tag is filled in; "nginx" does not match "docker.io/library/nginx:latest", as upstream. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/**
 * ImageLocality for one node. nodeImages maps each node to the image names it holds and their
 * sizes; an image's size counts scaled by the share of all nodes that have it (spread), so one
 * node with a popular image does not attract every pod.
 */
export function imageLocalityScore(pod: Pod, node: string, nodeImages: ReadonlyMap<string, ReadonlyMap<string, number>>, totalNodes: number): number {
  const images = nodeImages.get(node);
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let sum = 0;
  if (images) {
    for (const c of containers) {
      const name = normalizedImageName(c.image ?? '');
      const size = images.get(name);
      if (size === undefined) continue;
      let numNodes = 0;
      for (const other of nodeImages.values()) if (other.has(name)) numNodes++;
      sum += Math.trunc(size * (numNodes / totalNodes));
    }
  }
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers.length;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), Math.max(maxThreshold, MIN_THRESHOLD));
  if (maxThreshold <= MIN_THRESHOLD) return 0;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

// ---------------------------------------------------------------------------------------------
// PodTopologySpread

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

/** The system default constraints (podtopologyspread/plugin.go), used when the pod has none of its own. */
export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: HOSTNAME, maxSkew: 3 },
  { topologyKey: ZONE, maxSkew: 5 },
] as const;

/** A parsed selector: every requirement must hold; `nothing` selects no pod (a nil LabelSelector). */
export interface Selector {
  requirements: Requirement[];
  nothing?: boolean;
}

interface LabelSelectorInput {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, {} selects everything. */
export function selectorFrom(sel: LabelSelectorInput | null | undefined): Selector {
  if (!sel) return { requirements: [], nothing: true };
  return {
    requirements: [
      ...Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
      ...(sel.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
    ],
  };
}

export function selectorMatches(sel: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  return !sel.nothing && sel.requirements.every((r) => labelRequirementMatches(r, labels ?? {}));
}

export interface SpreadConstraint {
  topologyKey: string;
  maxSkew: number;
  selector: Selector;
}

interface WorkloadLike extends KubeObject {
  spec?: { selector?: unknown };
}

/** The objects the default spreading selector is built from (helper.DefaultSelector). */
export interface SpreadListers {
  services: readonly KubeObject[];
  replicationControllers: readonly KubeObject[];
  replicaSets: readonly KubeObject[];
  statefulSets: readonly KubeObject[];
}

/**
 * helper.DefaultSelector: the selectors of the Services that select the pod, plus the selector of
 * its controlling ReplicationController, ReplicaSet or StatefulSet. Empty when nothing applies.
 */
export function defaultSpreadSelector(pod: Pod, listers: SpreadListers): Selector {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  let set: Record<string, string> = {};
  for (const svc of listers.services) {
    if (svc.metadata.namespace !== ns) continue;
    const sel = (svc as WorkloadLike).spec?.selector as Record<string, string> | undefined;
    // A nil selector matches nothing; an empty one matches everything (labels.Set.AsSelector).
    if (!sel) continue;
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) set = { ...set, ...sel };
  }
  const requirements: Requirement[] = Object.entries(set).map(([key, v]) => ({ key, operator: 'In', values: [v] }));
  const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (!owner) return { requirements };
  const find = (list: readonly KubeObject[]): WorkloadLike | undefined => list.find((o) => o.metadata.namespace === ns && o.metadata.name === owner.name) as WorkloadLike | undefined;
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
  if (owner.kind === 'ReplicationController' && group === '') {
    const rc = find(listers.replicationControllers);
    const sel = rc?.spec?.selector as Record<string, string> | undefined;
    if (rc) {
      const merged = { ...set, ...(sel ?? {}) };
      return { requirements: Object.entries(merged).map(([key, v]) => ({ key, operator: 'In', values: [v] })) };
    }
  } else if ((owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet') && group === 'apps') {
    const w = find(owner.kind === 'ReplicaSet' ? listers.replicaSets : listers.statefulSets);
    if (w) {
      const other = selectorFrom(w.spec?.selector as LabelSelectorInput | undefined);
      if (!other.nothing) return { requirements: [...requirements, ...other.requirements] };
    }
  }
  return { requirements };
}

/**
 * The soft constraints PodTopologySpread scores with: the pod's own ScheduleAnyway constraints,
 * or, when it has none at all, the system defaults with the default selector. [] means Skip.
 */
export function softSpreadConstraints(pod: Pod, listers: SpreadListers): { constraints: SpreadConstraint[]; systemDefaulted: boolean } {
  const own = pod.spec?.topologySpreadConstraints ?? [];
  if (own.length > 0) {
    const podLabels = pod.metadata.labels ?? {};
    const constraints = own
      .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
      .map((c) => {
        const selector = selectorFrom(c.labelSelector as LabelSelectorInput | undefined);
        // matchLabelKeys (beta, on in v1.31): the pod's own values for those keys join the selector.
        for (const key of c.matchLabelKeys ?? []) {
          const v = podLabels[key];
          if (v !== undefined) selector.requirements.push({ key, operator: 'In', values: [v] });
        }
        return { topologyKey: c.topologyKey, maxSkew: c.maxSkew, selector };
      });
    return { constraints, systemDefaulted: false };
  }
  const selector = defaultSpreadSelector(pod, listers);
  if (selector.requirements.length === 0) return { constraints: [], systemDefaulted: true };
  return { constraints: SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ ...c, selector })), systemDefaulted: true };
}

function countMatching(pods: readonly Pod[], sel: Selector, ns: string): number {
  // Terminating pods do not count (#87621), nor pods of other namespaces.
  return pods.filter((p) => !p.metadata.deletionTimestamp && (p.metadata.namespace ?? 'default') === ns && selectorMatches(sel, p.metadata.labels)).length;
}

export interface SpreadInput {
  pod: Pod;
  constraints: SpreadConstraint[];
  /** Whether the constraints are the system defaults (nodes missing a key are then still scored). */
  systemDefaulted: boolean;
  /** Nodes that passed the filters, in order. */
  feasible: readonly Node[];
  /** Every node in the cluster (zone counts include nodes that did not pass the filters). */
  allNodes: readonly Node[];
  /** Pods by node name. */
  podsByNode: ReadonlyMap<string, readonly Pod[]>;
  /** The pod's required node affinity/selector (NodeAffinityPolicy Honor): which nodes' pods count. */
  matchesRequiredAffinity: (node: Node) => boolean;
}

/** PodTopologySpread PreScore + Score + NormalizeScore, v1.31 (math.Round of the raw score, #107384). */
export function podTopologySpreadScores(input: SpreadInput): number[] | undefined {
  const { pod, constraints, feasible } = input;
  if (constraints.length === 0) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  const requireAll = !input.systemDefaulted;
  const hasAllKeys = (n: Node): boolean => constraints.every((c) => (n.metadata.labels ?? {})[c.topologyKey] !== undefined);
  const ignored = new Set(feasible.filter((n) => requireAll && !hasAllKeys(n)).map((n) => n.metadata.name ?? ''));
  // Topology domains seen among the candidates; counts are kept only for those.
  const counts = constraints.map(() => new Map<string, number>());
  constraints.forEach((c, i) => {
    if (c.topologyKey === HOSTNAME) return;
    for (const n of feasible) if (!ignored.has(n.metadata.name ?? '')) counts[i]!.set((n.metadata.labels ?? {})[c.topologyKey] ?? '', 0);
  });
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : counts[i]!.size) + 2));
  for (const n of input.allNodes) {
    if (!input.matchesRequiredAffinity(n)) continue;
    if (requireAll && !hasAllKeys(n)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME) return;
      const value = (n.metadata.labels ?? {})[c.topologyKey] ?? '';
      const cur = counts[i]!.get(value);
      if (cur === undefined) return;
      counts[i]!.set(value, cur + countMatching(input.podsByNode.get(n.metadata.name ?? '') ?? [], c.selector, ns));
    });
  }
  const raw = feasible.map((n) => {
    if (ignored.has(n.metadata.name ?? '')) return 0;
    let score = 0;
    constraints.forEach((c, i) => {
      const value = (n.metadata.labels ?? {})[c.topologyKey];
      if (value === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? countMatching(input.podsByNode.get(n.metadata.name ?? '') ?? [], c.selector, ns) : (counts[i]!.get(value) ?? 0);
      // scoreForCount: maxSkew-1 waters down differences the constraint would tolerate anyway.
      score += cnt * weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(score);
  });
  let minScore = Number.POSITIVE_INFINITY;
  let maxScore = 0;
  feasible.forEach((n, i) => {
    if (ignored.has(n.metadata.name ?? '')) return;
    minScore = Math.min(minScore, raw[i]!);
    maxScore = Math.max(maxScore, raw[i]!);
  });
  return feasible.map((n, i) => {
    if (ignored.has(n.metadata.name ?? '')) return 0;
    if (maxScore === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - raw[i]!)) / maxScore);
  });
}

// ---------------------------------------------------------------------------------------------
// InterPodAffinity (scoring only: preferred terms both ways, and existing pods' required affinity at weight 1)

interface AffinityTermInput {
  labelSelector?: LabelSelectorInput | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorInput | null;
  topologyKey: string;
}

const HARD_POD_AFFINITY_WEIGHT = 1;

function termMatchesPod(term: AffinityTermInput, termOwner: Pod, target: Pod, namespaceLabels: (ns: string) => Record<string, string> | undefined): boolean {
  const targetNs = target.metadata.namespace ?? 'default';
  const namespaces = term.namespaces ?? [];
  let nsOk: boolean;
  if (namespaces.length === 0 && !term.namespaceSelector) nsOk = targetNs === (termOwner.metadata.namespace ?? 'default');
  else nsOk = namespaces.includes(targetNs) || (!!term.namespaceSelector && selectorMatches(selectorFrom(term.namespaceSelector), namespaceLabels(targetNs)));
  return nsOk && selectorMatches(selectorFrom(term.labelSelector), target.metadata.labels);
}

export interface InterPodAffinityInput {
  pod: Pod;
  feasible: readonly Node[];
  allNodes: readonly Node[];
  podsByNode: ReadonlyMap<string, readonly Pod[]>;
  namespaceLabels: (ns: string) => Record<string, string> | undefined;
}

/** InterPodAffinity PreScore + Score + NormalizeScore; undefined when nothing has affinity terms (Skip). */
export function interPodAffinityScores(input: InterPodAffinityInput): number[] | undefined {
  const { pod } = input;
  const aff = pod.spec?.affinity;
  const prefAffinity = aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const prefAnti = aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  // topologyKey -> value -> score, as upstream's scoreMap.
  const scoreMap = new Map<string, Map<string, number>>();
  let any = prefAffinity.length > 0 || prefAnti.length > 0;
  const bump = (node: Node, key: string, w: number): void => {
    const value = (node.metadata.labels ?? {})[key];
    if (value === undefined || w === 0) return;
    const m = scoreMap.get(key) ?? new Map<string, number>();
    m.set(value, (m.get(value) ?? 0) + w);
    scoreMap.set(key, m);
  };
  for (const node of input.allNodes) {
    for (const existing of input.podsByNode.get(node.metadata.name ?? '') ?? []) {
      if (existing.metadata.deletionTimestamp) continue;
      for (const t of prefAffinity) if (termMatchesPod(t.podAffinityTerm, pod, existing, input.namespaceLabels)) bump(node, t.podAffinityTerm.topologyKey, t.weight);
      for (const t of prefAnti) if (termMatchesPod(t.podAffinityTerm, pod, existing, input.namespaceLabels)) bump(node, t.podAffinityTerm.topologyKey, -t.weight);
      const ea = existing.spec?.affinity;
      const hard = ea?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      const soft = ea?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      const softAnti = ea?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      if (hard.length || soft.length || softAnti.length || ea?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) any = true;
      for (const t of hard) if (termMatchesPod(t, existing, pod, input.namespaceLabels)) bump(node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
      for (const t of soft) if (termMatchesPod(t.podAffinityTerm, existing, pod, input.namespaceLabels)) bump(node, t.podAffinityTerm.topologyKey, t.weight);
      for (const t of softAnti) if (termMatchesPod(t.podAffinityTerm, existing, pod, input.namespaceLabels)) bump(node, t.podAffinityTerm.topologyKey, -t.weight);
    }
  }
  if (!any) return undefined;
  const raw = input.feasible.map((n) => {
    let s = 0;
    for (const [key, values] of scoreMap) {
      const v = (n.metadata.labels ?? {})[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  });
  if (scoreMap.size === 0) return raw.map(() => 0);
  const lo = Math.min(...raw);
  const hi = Math.max(...raw);
  return raw.map((s) => (hi - lo > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - lo) / (hi - lo))) : 0));
}

// ---------------------------------------------------------------------------------------------
// The whole Score phase

export interface ScoreInput extends SpreadListers {
  pod: Pod;
  /** Nodes that passed the filters, in the order the scheduler lists them. */
  feasible: readonly Node[];
  allNodes: readonly Node[];
  /** Pods bound to nodes and not finished (the scheduler cache's view). */
  pods: readonly Pod[];
  /** Images present on each node with their sizes (what the kubelet reports in node status). */
  nodeImages: ReadonlyMap<string, ReadonlyMap<string, number>>;
  namespaceLabels: (ns: string) => Record<string, string> | undefined;
  matchesRequiredAffinity: (node: Node) => boolean;
}

/** Every plugin's normalised score per feasible node, and the weighted total, in feasible order. */
export function scoreNodes(input: ScoreInput): NodeScore[] {
  const { pod, feasible } = input;
  const podsByNode = new Map<string, Pod[]>();
  for (const p of input.pods) {
    const n = p.spec?.nodeName;
    if (!n) continue;
    const list = podsByNode.get(n) ?? [];
    list.push(p);
    podsByNode.set(n, list);
  }
  const names = feasible.map((n) => n.metadata.name ?? '');
  const perPlugin = new Map<ScorePlugin, number[] | undefined>();

  perPlugin.set('TaintToleration', defaultNormalizeScore(feasible.map((n) => intolerablePreferNoScheduleTaints(pod, n)), true));

  const hasPreferred = (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
  perPlugin.set('NodeAffinity', hasPreferred ? defaultNormalizeScore(feasible.map((n) => preferredNodeAffinityWeight(pod, n)), false) : undefined);

  const { constraints, systemDefaulted } = softSpreadConstraints(pod, input);
  perPlugin.set('PodTopologySpread', podTopologySpreadScores({ pod, constraints, systemDefaulted, feasible, allNodes: input.allNodes, podsByNode, matchesRequiredAffinity: input.matchesRequiredAffinity }));

  perPlugin.set('InterPodAffinity', interPodAffinityScores({ pod, feasible, allNodes: input.allNodes, podsByNode, namespaceLabels: input.namespaceLabels }));

  const podNonZero = podResourceRequests(pod, true);
  const podReal = podResourceRequests(pod, false);
  const fit: number[] = [];
  const balanced: number[] = [];
  for (const n of feasible) {
    const onNode = podsByNode.get(n.metadata.name ?? '') ?? [];
    const alloc = nodeAllocatable(n);
    fit.push(leastAllocatedScore(sumRequests(onNode, true, podNonZero), alloc));
    balanced.push(balancedAllocationScore(sumRequests(onNode, false, podReal), alloc));
  }
  perPlugin.set('NodeResourcesFit', fit);
  perPlugin.set('NodeResourcesBalancedAllocation', balanced);

  perPlugin.set('ImageLocality', names.map((n) => imageLocalityScore(pod, n, input.nodeImages, input.allNodes.length)));

  return names.map((node, i) => {
    const plugins: Partial<Record<ScorePlugin, number>> = {};
    let total = 0;
    for (const p of SCORE_PLUGINS) {
      const s = perPlugin.get(p)?.[i];
      if (s === undefined) continue;
      plugins[p] = s;
      total += s * SCORE_WEIGHTS[p];
    }
    return { node, total, plugins };
  });
}
