// The node lifecycle controller and the taint eviction controller of kube-controller-manager
// (k/k pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/tainteviction/
// taint_eviction.go, pkg/controller/util/node/controller_utils.go, v1.31).
//
// Node health: every --node-monitor-period (5 s) the controller looks at each node's health
// signals, the kubelet's Lease renewals (every 10 s) and its status posts. When neither moved
// for --node-monitor-grace-period (40 s in v1.31; 50 s from v1.32) it sets Ready,
// MemoryPressure, DiskPressure and PIDPressure to Unknown ("Kubelet stopped posting node
// status."), records NodeNotReady on the node, and marks the node's pods not Ready, each with a
// NodeNotReady event; Endpoints then move them to notReadyAddresses. On the next pass the node
// gets the node.kubernetes.io/unreachable:NoExecute taint; the NoSchedule tainting pass mirrors
// conditions (and spec.unschedulable) into NoSchedule taints as soon as the node changes.
//
// Taint eviction: a pod on a node with NoExecute taints it does not tolerate is deleted at once;
// one that tolerates them for tolerationSeconds is deleted that long after the taint was seen.
// Every pod gets `unreachable:NoExecute for 300s` from the DefaultTolerationSeconds admission
// plugin, so a pod on a dead node is deleted five minutes after the taint — and then stays
// Terminating, because only its kubelet can finish the deletion. Its ReplicaSet, which no longer
// counts it, creates a replacement on a healthy node. When the kubelet comes back the node is
// Ready again, the taints go, pending evictions are cancelled, and the kubelet finishes the
// deletions.
//
// Lessons that want to show eviction without a five-minute wait create the cluster with
// `evictionTimeoutSeconds` (ClusterOptions), which is the toleration that admission adds to
// every pod — what --default-unreachable-toleration-seconds changes on a real API server. The
// controllers' own timings are upstream's and are not scaled.
//
// Not modelled: zone disruption handling (with every node of a zone down, real clusters stop
// tainting), the rate limit on tainting, and PodGC's force-deletion of pods on nodes carrying
// the out-of-service taint.

import type { Node, Pod, PodCondition, Taint, Toleration } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { TimerHandle } from '../clock.ts';
import type { ApiServer } from '../apiserver.ts';
import type { KubeObject } from '../store/types.ts';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** nodeConditionToTaintKeyStatusMap: which condition status becomes which taint key. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set([...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);

const NODE_CONTROLLER = { component: 'node-controller' };
const TAINT_EVICTION_CONTROLLER = { component: 'taint-eviction-controller' };

export interface NodeLifecycleOptions {
  /** The renewTime of a node's Lease in kube-node-lease (simulated wall ms), if it has one. */
  leaseRenewTime(node: string): number | undefined;
}

interface NodeHealth {
  /** Simulated wall time the controller last saw a sign of life. */
  probeAt: number;
  lease: number | undefined;
  heartbeat: string | undefined;
}

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

function readyCondition(node: Node): NodeCondition | undefined {
  return (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export class NodeLifecycleController {
  private readonly health = new Map<string, NodeHealth>();

  constructor(
    private readonly sim: SimContext,
    api: ApiServer,
    private readonly opts: NodeLifecycleOptions,
  ) {
    new TaintEvictionController(sim, api);
    sim.store.watch('Node', (ev) => {
      if (ev.type === 'DELETED') {
        this.health.delete(ev.object.metadata.name ?? '');
        return;
      }
      const name = ev.object.metadata.name ?? '';
      sim.clock.schedule(0, () => this.noScheduleTaintingPass(name));
    });
    const tick = (): void => {
      sim.clock.schedule(NODE_MONITOR_PERIOD_MS, tick);
      // Part of kube-controller-manager: while it is down, nobody watches the nodes' health.
      if (sim.controllerManager && !sim.controllerManager.running()) return;
      this.monitorNodeHealth();
    };
    sim.clock.schedule(NODE_MONITOR_PERIOD_MS, tick);
  }

  private nodes(): Node[] {
    return this.sim.store.list<Node>('Node');
  }

  private monitorNodeHealth(): void {
    for (const node of this.nodes()) {
      const name = node.metadata.name ?? '';
      const observed = readyCondition(node);
      const current = this.tryUpdateNodeHealth(node);
      if (!observed || !current) continue;
      // Taints follow the Ready status seen at the start of this pass, so the NoExecute taint
      // lands one monitor period after the node turned Unknown, as upstream.
      this.processTaintBaseEviction(name, observed.status);
      if (current.status !== 'True' && observed.status === 'True') {
        const fresh = this.sim.store.get<Node>('Node', undefined, name);
        if (fresh) this.sim.events.record(fresh, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, NODE_CONTROLLER);
        this.markPodsNotReady(name);
      }
    }
  }

  /** Returns the node's Ready condition after this pass (Unknown once the grace period is over). */
  private tryUpdateNodeHealth(node: Node): NodeCondition | undefined {
    const name = node.metadata.name ?? '';
    const now = this.sim.clock.wallTime;
    const lease = this.opts.leaseRenewTime(name);
    const heartbeat = readyCondition(node)?.lastHeartbeatTime;
    let h = this.health.get(name);
    if (!h) {
      h = { probeAt: now, lease, heartbeat };
      this.health.set(name, h);
    }
    if (heartbeat !== h.heartbeat) {
      h.heartbeat = heartbeat;
      h.probeAt = now;
    }
    if (lease !== undefined && (h.lease === undefined || lease > h.lease)) {
      h.lease = lease;
      h.probeAt = now;
    }
    const ready = readyCondition(node);
    if (now <= h.probeAt + NODE_MONITOR_GRACE_PERIOD_MS) return ready;
    const iso = this.sim.clock.isoNow();
    let changed = false;
    const conditions = (node.status?.conditions ?? []).map((c) => {
      if (!['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type) || c.status === 'Unknown') return c;
      changed = true;
      return { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: iso };
    });
    if (!changed) return ready;
    const next = { ...node, status: { ...node.status, conditions } } as Node;
    const res = this.sim.store.update(next as KubeObject, { status: true });
    return res.ok ? readyCondition(res.object as Node) : ready;
  }

  private processTaintBaseEviction(name: string, observed: string): void {
    if (observed === 'False') this.swapNoExecute(name, TAINT_NOT_READY, TAINT_UNREACHABLE);
    else if (observed === 'Unknown') this.swapNoExecute(name, TAINT_UNREACHABLE, TAINT_NOT_READY);
    else if (observed === 'True') this.markNodeAsReachable(name);
  }

  private swapNoExecute(name: string, add: string, remove: string): void {
    const node = this.sim.store.get<Node>('Node', undefined, name);
    if (!node) return;
    const taints = node.spec?.taints ?? [];
    if (taints.some((t) => t.key === add && t.effect === 'NoExecute') && !taints.some((t) => t.key === remove && t.effect === 'NoExecute')) return;
    const kept = taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === remove || t.key === add)));
    const existing = taints.find((t) => t.key === add && t.effect === 'NoExecute');
    this.writeTaints(node, [...kept, existing ?? { key: add, effect: 'NoExecute', timeAdded: this.sim.clock.isoNow() }]);
  }

  private markNodeAsReachable(name: string): void {
    const node = this.sim.store.get<Node>('Node', undefined, name);
    const taints = node?.spec?.taints ?? [];
    const kept = taints.filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY)));
    if (node && kept.length !== taints.length) this.writeTaints(node, kept);
  }

  /** doNoScheduleTaintingPass: NoSchedule taints for conditions and for a cordoned node. */
  private noScheduleTaintingPass(name: string): void {
    const node = this.sim.store.get<Node>('Node', undefined, name);
    if (!node) return;
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const taints = node.spec?.taints ?? [];
    const managed = (t: Taint): boolean => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key));
    const have = taints.filter(managed);
    const toAdd = want.filter((t) => !have.some((x) => sameTaint(x, t)));
    const toDel = have.filter((t) => !want.some((x) => sameTaint(x, t)));
    if (toAdd.length === 0 && toDel.length === 0) return;
    this.writeTaints(node, [...taints.filter((t) => !toDel.some((x) => sameTaint(x, t))), ...toAdd]);
  }

  private writeTaints(node: Node, taints: Taint[]): void {
    const spec = { ...node.spec };
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    this.sim.store.update({ ...node, spec } as KubeObject);
  }

  /** MarkPodsNotReady: the Ready condition of each pod on the node becomes False. */
  private markPodsNotReady(name: string): void {
    for (const pod of this.sim.store.list<Pod>('Pod')) {
      if (pod.spec?.nodeName !== name) continue;
      const conditions = pod.status?.conditions ?? [];
      const i = conditions.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conditions[i]!.status === 'False') continue;
      const updated: PodCondition = { ...conditions[i]!, status: 'False', lastTransitionTime: this.sim.clock.isoNow() };
      const next = conditions.map((c, j) => (j === i ? updated : c));
      const res = this.sim.store.update({ ...pod, status: { ...pod.status, conditions: next } } as KubeObject, { status: true });
      if (res.ok) this.sim.events.record(res.object, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER);
    }
  }
}

/** tainteviction.Controller: deletes pods from nodes with NoExecute taints they do not tolerate (long enough). */
class TaintEvictionController {
  /** node -> its NoExecute taints (taintedNodes). */
  private readonly tainted = new Map<string, Taint[]>();
  /**
   * namespace/name -> scheduled deletion; null once it has fired (the TimedWorkerQueue keeps a
   * nil worker, so the pod is not marked twice).
   */
  private readonly work = new Map<string, { timer: TimerHandle; createdAt: number } | null>();

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    sim.store.watch('Node', (ev) => {
      const name = ev.object.metadata.name ?? '';
      if (ev.type === 'MODIFIED' && ev.old && sameNoExecute(ev.old as Node, ev.object as Node)) return;
      sim.clock.schedule(0, () => this.handleNodeUpdate(name));
    });
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      const old = ev.old as Pod | undefined;
      if (ev.type === 'MODIFIED' && old && old.spec?.nodeName === pod.spec?.nodeName && JSON.stringify(old.spec?.tolerations ?? []) === JSON.stringify(pod.spec?.tolerations ?? [])) return;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (ev.type === 'DELETED') {
        this.cancel(key, pod.metadata.namespace ?? 'default', pod.metadata.name ?? '');
        return;
      }
      sim.clock.schedule(0, () => this.handlePodUpdate(pod.metadata.namespace ?? 'default', pod.metadata.name ?? ''));
    });
  }

  private handleNodeUpdate(name: string): void {
    const node = this.sim.store.get<Node>('Node', undefined, name);
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    if (!node) return;
    const pods = this.sim.store.list<Pod>('Pod').filter((p) => p.spec?.nodeName === name);
    for (const pod of pods) {
      const ns = pod.metadata.namespace ?? 'default';
      const podName = pod.metadata.name ?? '';
      if (taints.length === 0) this.cancel(`${ns}/${podName}`, ns, podName);
      else this.processPodOnNode(ns, podName, pod.spec?.tolerations ?? [], taints);
    }
  }

  private handlePodUpdate(ns: string, name: string): void {
    const pod = this.sim.store.get<Pod>('Pod', ns, name);
    if (!pod) {
      this.cancel(`${ns}/${name}`, ns, name);
      return;
    }
    const taints = this.tainted.get(pod.spec?.nodeName ?? '');
    if (!taints) return;
    this.processPodOnNode(ns, name, pod.spec?.tolerations ?? [], taints);
  }

  private processPodOnNode(ns: string, name: string, tolerations: Toleration[], taints: Taint[]): void {
    const key = `${ns}/${name}`;
    const now = this.sim.clock.now;
    const used: Toleration[] = [];
    let allTolerated = true;
    for (const taint of taints) {
      const matching = tolerations.filter((t) => toleratesTaint(t, taint));
      if (matching.length === 0) allTolerated = false;
      for (const m of matching) if (!used.includes(m)) used.push(m);
    }
    if (!allTolerated) {
      this.cancel(key, ns, name);
      this.add(key, ns, name, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancel(key, ns, name);
      return;
    }
    const existing = this.work.get(key);
    if (existing === null) return;
    let start = now;
    if (existing) {
      start = existing.createdAt;
      if (start + min < now + min) return;
      this.cancel(key, ns, name);
    }
    this.add(key, ns, name, start, start + min);
  }

  private add(key: string, ns: string, name: string, createdAt: number, fireAt: number): void {
    if (this.work.has(key)) return;
    const timer = this.sim.clock.schedule(fireAt - this.sim.clock.now, () => this.evict(key, ns, name));
    this.work.set(key, { timer, createdAt });
  }

  private cancel(key: string, ns: string, name: string): void {
    if (!this.work.has(key)) return;
    const w = this.work.get(key);
    this.work.delete(key);
    if (!w) return;
    this.sim.clock.cancel(w.timer);
    const pod = this.sim.store.get<Pod>('Pod', ns, name);
    if (pod) this.sim.events.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, TAINT_EVICTION_CONTROLLER);
  }

  private evict(key: string, ns: string, name: string): void {
    this.work.set(key, null);
    const pod = this.sim.store.get<Pod>('Pod', ns, name);
    if (!pod) return;
    this.sim.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, TAINT_EVICTION_CONTROLLER);
    const marked = addDisruptionTarget(this.sim, pod, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint');
    this.api.delete('Pod', ns, marked.metadata.name ?? name);
  }
}

function sameNoExecute(a: Node, b: Node): boolean {
  const f = (n: Node): string => JSON.stringify((n.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
  return f(a) === f(b);
}

/** Toleration.ToleratesTaint. */
function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** getMinTolerationTime: the shortest tolerationSeconds in ms, -1 when every toleration is forever. */
function minTolerationMs(used: Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/**
 * The DisruptionTarget condition an evicting component sets before it deletes a pod
 * (PodDisruptionConditions, GA in v1.31). Returns the pod as stored afterwards.
 */
export function addDisruptionTarget(sim: SimContext, pod: Pod, reason: string, message: string): Pod {
  const conditions = pod.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) return pod;
  const cond: PodCondition = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: sim.clock.isoNow(), reason, message };
  const res = sim.store.update({ ...pod, status: { ...pod.status, conditions: [cond, ...conditions.filter((c) => c.type !== 'DisruptionTarget')] } } as KubeObject, { status: true });
  return res.ok ? (res.object as Pod) : pod;
}
