// The scheduler: for each pod with no node, filter the nodes (NodeUnschedulable, NodeName,
// NodeAffinity/nodeSelector, TaintToleration, NodeResourcesFit, NodePorts), score what is
// left with the v1.31 default profile's score plugins (score.ts), and bind. A pod that fits
// nowhere stays Pending with a FailedScheduling event worded as kube-scheduler words it, and is
// retried when the cluster changes.

import type { Node, Pod } from '../api.ts';
import type { SimContext } from '../context.ts';
import { milliValue, intValue, tryParseQuantity } from '../quantity.ts';
import { VolumeBinding } from '../controllers/volume/binding.ts';
import { podFitsNodeAffinity, tolerates } from '../selectors.ts';
import { podResourceRequests, scoreNodes, storedPodRequests, type NodeScore } from './score.ts';

const SCHEDULE_LATENCY_MS = 20;
/** podMaxInUnschedulablePodsDuration: unschedulable pods are retried at least this often. */
const RETRY_MS = 5 * 60 * 1000;

export interface Verdict {
  node: string;
  fits: boolean;
  /** Why not, in the scheduler's words (e.g. "Insufficient cpu"). */
  reasons: string[];
  /** Whether preemption could help on this node (resources) or not (taints, selectors). */
  preemptionHelps: boolean;
}

export interface Decision {
  pod: string;
  node?: string;
  verdicts: Verdict[];
  at: number;
  /** The Score phase for the feasible nodes, highest first (absent when one node or none fit). */
  scores?: NodeScore[];
}

export interface SchedulerOptions {
  /**
   * Images each node holds, by full reference, with their sizes: what the kubelet reports in
   * node.status.images, for ImageLocality when the Node object does not carry them.
   */
  nodeImages?: (node: string) => ReadonlyMap<string, number> | undefined;
  /**
   * Whether the scheduler's process runs (its static pod on the control plane node). While it
   * does not, nothing is scheduled: pods stay Pending with no events, as with a stopped
   * kube-scheduler. When it runs again it lists every unscheduled pod, as a starting scheduler does.
   */
  running?: () => boolean;
}

function q(v: string | number | undefined, milli: boolean): number {
  if (v === undefined) return 0;
  const r = tryParseQuantity(v);
  if (!r.ok) return 0;
  return milli ? milliValue(r.quantity) : intValue(r.quantity);
}

/** The pod's effective requests as the scheduler filters with them (resourcehelper.PodRequests: sidecars, init peak, overhead). */
export function podRequests(pod: Pod): { cpuMilli: number; memory: number } {
  return podResourceRequests(pod, false);
}

export class Scheduler {
  private queued = new Set<string>();
  private unschedulable = new Set<string>();
  /** Pods placed on a node whose volumes are still being bound or provisioned (VolumeBinding PreBind). */
  private awaitingVolumes = new Map<string, string>();
  private readonly volumeBinding: VolumeBinding;
  readonly decisions: Decision[] = [];
  /** Set while pods wait for a stopped scheduler to come back. */
  private parked = false;

  constructor(
    private readonly sim: SimContext,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.volumeBinding = new VolumeBinding(sim);
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      this.cachePod(ev.type, pod, ev.old as Pod | undefined);
      // The scheduler's own static pod reporting its container running again.
      if (this.parked && pod.metadata.namespace === 'kube-system' && this.isRunning()) this.resume();
      if (ev.type === 'DELETED' || (ev.type === 'MODIFIED' && pod.metadata.deletionTimestamp)) {
        // Freed resources may let a waiting pod fit.
        this.retryUnschedulable();
        return;
      }
      if (pod.spec?.nodeName || (pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
      // A pod already known to be unschedulable waits for a cluster change or the periodic
      // retry, not for its own status update.
      if (ev.type === 'MODIFIED' && this.unschedulable.has(this.key(pod))) return;
      this.enqueue(pod);
    });
    // A Node update requeues waiting pods only when it could let one fit (the scheduler's
    // queueing hints): not for the kubelet's status heartbeats.
    sim.store.watch('Node', (ev) => {
      if (ev.type !== 'MODIFIED' || nodeFitChanged(ev.old as Node | undefined, ev.object as Node)) this.retryUnschedulable();
    });
    sim.store.watch('PersistentVolumeClaim', () => this.retryUnschedulable());
    sim.store.watch('PersistentVolume', () => this.retryUnschedulable());
  }

  /** The scheduler's cache: the pods bound to each node, kept from watch events. */
  private onNode = new Map<string, Map<string, Pod>>();

  private cachePod(type: string, pod: Pod, old: Pod | undefined): void {
    const k = this.key(pod);
    const before = old?.spec?.nodeName;
    const now = type === 'DELETED' ? undefined : pod.spec?.nodeName;
    if (before && before !== now) this.onNode.get(before)?.delete(k);
    if (type === 'DELETED' && pod.spec?.nodeName) this.onNode.get(pod.spec.nodeName)?.delete(k);
    if (now) {
      let m = this.onNode.get(now);
      if (!m) {
        m = new Map();
        this.onNode.set(now, m);
      }
      m.set(k, pod);
    }
  }

  private isRunning(): boolean {
    return this.opts.running?.() ?? true;
  }

  private resume(): void {
    this.parked = false;
    for (const pod of this.sim.store.list<Pod>('Pod')) {
      if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.enqueue(pod);
    }
  }

  private key(pod: Pod): string {
    return `${pod.metadata.namespace}/${pod.metadata.name}`;
  }

  private enqueue(pod: Pod, delay = SCHEDULE_LATENCY_MS): void {
    const k = this.key(pod);
    if (this.queued.has(k)) return;
    this.queued.add(k);
    this.sim.clock.schedule(delay, () => {
      this.queued.delete(k);
      this.scheduleOne(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', pod.metadata.uid ?? '');
    });
  }

  private retryUnschedulable(): void {
    for (const k of this.unschedulable) {
      const [ns, name] = k.split('/') as [string, string];
      const pod = this.sim.store.get<Pod>('Pod', ns, name);
      if (pod && !pod.spec?.nodeName) this.enqueue(pod, 1000);
    }
  }

  /** Evaluate every node for a pod without binding (kubectl describe and the UI explain with it). */
  evaluate(pod: Pod): Verdict[] {
    const nodes = this.sim.store.list<Node>('Node');
    const req = podRequests(pod);
    const hostPorts = (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort).map((p) => p.hostPort!));
    return nodes.map((node) => {
      const reasons: string[] = [];
      let preemptionHelps = false;
      const name = node.metadata.name ?? '';
      if (node.spec?.unschedulable && !(pod.spec?.tolerations ?? []).some((t) => t.key === 'node.kubernetes.io/unschedulable')) {
        reasons.push('node(s) were unschedulable');
      } else if (!podFitsNodeAffinity(pod.spec, node)) {
        reasons.push("node(s) didn't match Pod's node affinity/selector");
      } else {
        const untolerated = (node.spec?.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations ?? [], t));
        if (untolerated) {
          reasons.push(`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`);
        } else {
          const onNode = [...(this.onNode.get(name)?.values() ?? [])].filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
          const alloc = node.status?.allocatable ?? {};
          const used = { cpuMilli: 0, memory: 0 };
          for (const p of onNode) {
            // A stored pod never changes, so its requests are worked out once.
            const r = storedPodRequests(p, false);
            used.cpuMilli += r.cpuMilli;
            used.memory += r.memory;
          }
          if (onNode.length + 1 > q(alloc['pods'], false)) reasons.push('Too many pods');
          if (req.cpuMilli > 0 && used.cpuMilli + req.cpuMilli > q(alloc['cpu'], true)) reasons.push('Insufficient cpu');
          if (req.memory > 0 && used.memory + req.memory > q(alloc['memory'], false)) reasons.push('Insufficient memory');
          if (reasons.length) preemptionHelps = onNode.some((p) => (p.spec?.priority ?? 0) < (pod.spec?.priority ?? 0));
          if (reasons.length) preemptionHelps = preemptionHelps || false;
          if (hostPorts.length) {
            const usedPorts = new Set(onNode.flatMap((p) => (p.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => x.hostPort ?? 0))));
            if (hostPorts.some((hp) => usedPorts.has(hp))) reasons.push("node(s) didn't have free ports for the requested pod ports");
          }
          const volumes = reasons.length ? undefined : this.volumeBinding.filter(pod, node);
          if (volumes) reasons.push(volumes);
        }
      }
      return { node: name, fits: reasons.length === 0, reasons, preemptionHelps };
    });
  }

  private scheduleOne(ns: string, name: string, uid: string): void {
    if (!this.isRunning()) {
      this.parked = true;
      return;
    }
    const pod = this.sim.store.get<Pod>('Pod', ns, name);
    if (!pod || pod.metadata.uid !== uid || pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.unschedulable.delete(`${ns}/${name}`);
      return;
    }
    const waitingOn = this.awaitingVolumes.get(`${ns}/${name}`);
    if (waitingOn) {
      this.bindWhenVolumesReady(pod, waitingOn, false);
      return;
    }
    // PreFilter: a claim that does not exist fails the pod before any node is looked at.
    const missingClaim = (pod.spec?.volumes ?? []).find((v) => v.persistentVolumeClaim && !this.sim.store.get('PersistentVolumeClaim', ns, v.persistentVolumeClaim.claimName));
    const unboundClaims = missingClaim ? undefined : this.volumeBinding.preFilter(pod);
    const nodeCount = this.sim.store.list('Node').length;
    const verdicts = missingClaim || unboundClaims ? [] : this.evaluate(pod);
    const fits = verdicts.filter((v) => v.fits);
    const decision: Decision = { pod: `${ns}/${name}`, verdicts, at: this.sim.clock.wallTime };
    if (fits.length === 0) {
      this.decisions.push(decision);
      if (this.decisions.length > 200) this.decisions.shift();
      this.unschedulable.add(`${ns}/${name}`);
      const message = missingClaim
        ? `0/${nodeCount} nodes are available: persistentvolumeclaim "${missingClaim.persistentVolumeClaim!.claimName}" not found. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`
        : unboundClaims
          ? `0/${nodeCount} nodes are available: ${unboundClaims}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`
          : failedSchedulingMessage(verdicts);
      const cond = { type: 'PodScheduled', status: 'False', lastProbeTime: null as unknown as string, lastTransitionTime: this.sim.clock.isoNow(), reason: 'Unschedulable', message };
      const prev = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
      if (prev?.message !== message) {
        if (prev?.status === 'False') cond.lastTransitionTime = prev.lastTransitionTime ?? cond.lastTransitionTime;
        this.sim.store.update({ ...pod, status: { ...pod.status, phase: 'Pending', conditions: [cond] } }, { status: true });
      }
      this.sim.events.record(pod, 'Warning', 'FailedScheduling', message, { component: 'default-scheduler' });
      this.sim.clock.schedule(RETRY_MS, () => {
        const again = this.sim.store.get<Pod>('Pod', ns, name);
        if (again && again.metadata.uid === uid && !again.spec?.nodeName) this.enqueue(again);
      });
      return;
    }
    this.unschedulable.delete(`${ns}/${name}`);
    const scores = fits.length > 1 ? this.score(pod, new Set(fits.map((v) => v.node))) : undefined;
    const best = scores ? Math.max(...scores.map((s) => s.total)) : 0;
    const top = scores ? scores.filter((s) => s.total === best).map((s) => s.node) : fits.map((v) => v.node);
    // selectHost picks uniformly among the top totals. Always one draw, even for a single
    // candidate, so the seeded stream (and every later generated name) does not depend on how
    // many nodes tied.
    const chosen = this.sim.random.pick(top);
    if (scores) decision.scores = [...scores].sort((a, b) => b.total - a.total);
    decision.node = chosen;
    this.decisions.push(decision);
    if (this.decisions.length > 200) this.decisions.shift();
    this.bindWhenVolumesReady(pod, chosen, true);
  }

  /** The Score phase over the feasible nodes, in store order. */
  private score(pod: Pod, feasibleNames: ReadonlySet<string>): NodeScore[] {
    const store = this.sim.store;
    const allNodes = store.list<Node>('Node');
    const feasible = allNodes.filter((n) => feasibleNames.has(n.metadata.name ?? ''));
    const pods = store.list<Pod>('Pod').filter((p) => p.spec?.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const nodeImages = new Map<string, ReadonlyMap<string, number>>();
    for (const n of allNodes) {
      const name = n.metadata.name ?? '';
      const images = new Map<string, number>(this.opts.nodeImages?.(name) ?? []);
      for (const img of n.status?.images ?? []) for (const ref of img.names ?? []) images.set(ref, img.sizeBytes ?? 0);
      nodeImages.set(name, images);
    }
    return scoreNodes({
      pod,
      feasible,
      allNodes,
      pods,
      nodeImages,
      services: store.list('Service'),
      replicationControllers: store.list('ReplicationController'),
      replicaSets: store.list('ReplicaSet'),
      statefulSets: store.list('StatefulSet'),
      namespaceLabels: (ns) => store.get('Namespace', undefined, ns)?.metadata.labels,
      matchesRequiredAffinity: (n) => podFitsNodeAffinity(pod.spec, n),
    });
  }

  /** PreBind (VolumeBinding) then Bind: a pod whose volumes are not bound yet is checked again every second. */
  private bindWhenVolumesReady(pod: Pod, chosen: string, first: boolean): void {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    const k = `${ns}/${name}`;
    const volumes = this.volumeBinding.preBind(pod, chosen, first);
    if (volumes === 'waiting') {
      if (this.awaitingVolumes.has(k)) return;
      this.awaitingVolumes.set(k, chosen);
      this.sim.clock.schedule(1000, () => {
        this.awaitingVolumes.delete(k);
        const again = this.sim.store.get<Pod>('Pod', ns, name);
        if (again && again.metadata.uid === pod.metadata.uid && !again.spec?.nodeName && !again.metadata.deletionTimestamp) this.bindWhenVolumesReady(again, chosen, false);
      });
      return;
    }
    this.awaitingVolumes.delete(k);
    if (volumes === 'failed') {
      this.enqueue(pod, 1000);
      return;
    }
    const bound = this.sim.store.update({ ...pod, spec: { ...pod.spec!, nodeName: chosen } });
    if (!bound.ok) return;
    const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: this.sim.clock.isoNow() };
    this.sim.store.update({ ...bound.object, status: { ...bound.object.status, phase: 'Pending', conditions: [cond] } }, { status: true });
    this.sim.events.record(bound.object, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${chosen}`, { component: 'default-scheduler' });
  }
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint ..., 2 Insufficient cpu. preemption: ..." */
export function failedSchedulingMessage(verdicts: Verdict[]): string {
  const counts = new Map<string, number>();
  for (const v of verdicts) for (const r of v.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const reasons = [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort();
  const total = verdicts.length;
  let msg = `0/${total} nodes are available: ${reasons.join(', ')}.`;
  const helps = verdicts.filter((v) => v.reasons.some((r) => r.startsWith('Insufficient') || r === 'Too many pods')).length;
  const notHelpful = total - helps;
  const pre: string[] = [];
  if (notHelpful > 0) pre.push(`${notHelpful} Preemption is not helpful for scheduling`);
  if (helps > 0) pre.push(`${helps} No preemption victims found for incoming pod`);
  msg += ` preemption: 0/${total} nodes are available: ${pre.join(', ')}.`;
  return msg;
}

/** Whether a Node change can make a waiting pod fit: schedulability, taints, labels, capacity or readiness. */
function nodeFitChanged(old: Node | undefined, node: Node): boolean {
  if (!old) return true;
  const ready = (n: Node) => (n.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status;
  return (
    JSON.stringify(old.spec ?? {}) !== JSON.stringify(node.spec ?? {}) ||
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(node.metadata.labels ?? {}) ||
    JSON.stringify(old.status?.allocatable ?? {}) !== JSON.stringify(node.status?.allocatable ?? {}) ||
    ready(old) !== ready(node)
  );
}
