// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned to it
// with a `matchFields metadata.name In [node]` node affinity term the scheduler honours;
// replace pods that go away or fail; a template change rolls out node by node within
// maxUnavailable (RollingUpdate) or waits for pods to be deleted by hand (OnDelete).
//
// Each template gets a ControllerRevision (`<name>-<hash>`, the pods' controller-revision-hash),
// numbered as the controller numbers them, for `kubectl rollout history|undo`.
//
// Not modelled: maxSurge > 0, the failed-pod back-off.

import type { Node, Pod } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { ApiServer } from '../apiserver.ts';
import type { KubeObject } from '../store/types.ts';
import { splitKey, WorkQueue } from './workqueue.ts';
import { controllerRef } from './replicaset.ts';
import { computePodTemplateHash, stableStringify } from './deployment/hash.ts';
import { podFitsNodeAffinity, tolerates, type TaintLike, type TolerationLike } from '../selectors.ts';
import { cloneData } from '../clone.ts';
import { fnv32, ownedRevisions, revisionPatch, type ControllerRevision } from './statefulset.ts';

type Toleration = TolerationLike & { tolerationSeconds?: number };

export interface DaemonSetSpec {
  selector?: Record<string, unknown>;
  minReadySeconds?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

export type DaemonSet = KubeObject & { spec?: DaemonSetSpec; status?: Record<string, unknown> };

const SOURCE = { component: 'daemonset-controller' };
export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/** AddOrUpdateDaemonPodTolerations, in the order upstream adds them. */
export const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** The template's tolerations plus the ones every daemon pod gets. */
export function daemonPodTolerations(templateSpec: Record<string, unknown>): Toleration[] {
  const out = [...((templateSpec['tolerations'] ?? []) as Toleration[])];
  const extra = templateSpec['hostNetwork'] === true ? [...DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DAEMON_TOLERATIONS;
  for (const t of extra) {
    if (!out.some((o) => o.key === t.key && o.effect === t.effect)) out.push({ ...t });
  }
  return out;
}

/** NodeShouldRunDaemonPod: may a new pod go there, and may an existing one stay? */
export function nodeShouldRunDaemonPod(node: Node, templateSpec: Record<string, unknown>): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const fits = podFitsNodeAffinity(templateSpec as Parameters<typeof podFitsNodeAffinity>[0], node);
  const tolerations = daemonPodTolerations(templateSpec);
  const taints = (node.spec?.taints ?? []) as TaintLike[];
  const noSchedule = taints.every((t) => t.effect !== 'NoSchedule' || tolerates(tolerations, t));
  const noExecute = taints.every((t) => t.effect !== 'NoExecute' || tolerates(tolerations, t));
  return { shouldRun: fits && noSchedule && noExecute, shouldContinueRunning: fits && noExecute };
}

/** The node a daemon pod belongs to: where it runs, or the node its affinity pins it to. */
export function daemonPodNode(p: Pod): string | undefined {
  if (p.spec?.nodeName) return p.spec.nodeName;
  const terms = p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function readySince(p: Pod): number | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return c ? Date.parse(c.lastTransitionTime ?? '') || 0 : undefined;
}

/** An int-or-percent against the desired count, rounded up as the DaemonSet does. */
function resolveMaxUnavailable(v: number | string | undefined, desired: number): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) return Math.ceil((Number(v.slice(0, -1)) * desired) / 100);
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 1;
}

export class DaemonSetController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    this.queue = new WorkQueue(sim.clock, (key) => this.sync(...splitKey(key)), sim.controllerManager);
    sim.store.watch('DaemonSet', (ev) => this.enqueue(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? ''));
    sim.store.watch('Pod', (ev) => {
      const ref = controllerRef(ev.object);
      if (ref?.kind === 'DaemonSet') this.enqueue(ev.object.metadata.namespace ?? 'default', ref.name);
    });
    sim.store.watch('Node', () => {
      for (const ds of sim.store.list<DaemonSet>('DaemonSet')) this.enqueue(ds.metadata.namespace ?? 'default', ds.metadata.name ?? '');
    });
  }

  private enqueue(ns: string, name: string, delay = 0): void {
    this.queue.addAfter(`${ns}/${name}`, delay);
  }


  private sync(ns: string, name: string): void {
    const store = this.sim.store;
    const ds = store.get<DaemonSet>('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const spec = ds.spec ?? {};
    const templateSpec = spec.template?.spec ?? {};
    const uid = ds.metadata.uid ?? '';
    const hash = computePodTemplateHash(spec.template ?? {});
    this.constructHistory(ds, hash);
    const nowMs = this.sim.clock.wallTime;
    const minReadyMs = (spec.minReadySeconds ?? 0) * 1000;

    const byNode = new Map<string, Pod[]>();
    for (const p of store.list<Pod>('Pod', ns)) {
      if (controllerRef(p)?.uid !== uid) continue;
      const node = daemonPodNode(p) ?? '';
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    const nodes = store.list<Node>('Node').sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    const known = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const [node, pods] of byNode) {
      if (!known.has(node)) for (const p of pods) if (!p.metadata.deletionTimestamp) this.deletePod(ds, p);
    }

    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    let nextCheck = Infinity;
    const oldPods: { pod: Pod; available: boolean }[] = [];
    let unavailable = 0;
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, templateSpec);
      const pods = byNode.get(nodeName) ?? [];
      const live = pods.filter((p) => !p.metadata.deletionTimestamp);
      if (shouldRun) desired++;
      if (!shouldContinueRunning) {
        for (const p of live) this.deletePod(ds, p);
        if (pods.some((p) => !isTerminal(p))) misscheduled++;
        continue;
      }
      // A failed daemon pod is deleted, and replaced on a later sync.
      for (const p of live.filter(isTerminal)) {
        this.sim.events.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${p.metadata.name} on node ${nodeName}, will try to kill it`, SOURCE);
        this.deletePod(ds, p);
      }
      const running = live.filter((p) => !isTerminal(p)).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
      // Duplicates on one node: keep the oldest.
      for (const p of running.slice(1)) this.deletePod(ds, p);
      const pod = running[0];
      if (!shouldRun) {
        if (pod) misscheduled++;
        continue;
      }
      if (pods.length === 0) {
        this.createPod(ds, nodeName, hash);
        unavailable++;
        continue;
      }
      if (!pod) {
        unavailable++;
        continue;
      }
      current++;
      const since = readySince(pod);
      const isAvailable = since !== undefined && nowMs - since >= minReadyMs;
      if (since !== undefined) ready++;
      if (isAvailable) available++;
      else unavailable++;
      if (since !== undefined && !isAvailable) nextCheck = Math.min(nextCheck, since + minReadyMs - nowMs);
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) updated++;
      else oldPods.push({ pod, available: isAvailable });
    }

    if ((spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && oldPods.length > 0) {
      const maxUnavailable = resolveMaxUnavailable(spec.updateStrategy?.rollingUpdate?.maxUnavailable, desired);
      let budget = maxUnavailable - unavailable;
      for (const { pod, available: ok } of oldPods) {
        // An old pod that is not available anyway costs nothing to replace.
        if (!ok) this.deletePod(ds, pod);
        else if (budget > 0) {
          this.deletePod(ds, pod);
          budget--;
        }
      }
    }
    if (nextCheck !== Infinity) this.enqueue(ns, name, nextCheck + 1);

    const status: Record<string, unknown> = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    if (available) status['numberAvailable'] = available;
    if (desired - available > 0) status['numberUnavailable'] = desired - available;
    if (updated) status['updatedNumberScheduled'] = updated;
    if (JSON.stringify(status) !== JSON.stringify(ds.status ?? {})) store.update({ ...ds, status }, { status: true });
  }

  private deletePod(ds: DaemonSet, p: Pod): void {
    const res = this.api.delete('Pod', p.metadata.namespace, p.metadata.name ?? '');
    if (res.ok) this.sim.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
  }

  /**
   * constructHistory and cleanupHistory (pkg/controller/daemon/update.go): the revision holding
   * the current template is the newest (an old one matching it is renumbered, not copied), and
   * beyond revisionHistoryLimit the oldest revisions no pod uses go.
   */
  private constructHistory(ds: DaemonSet, hash: string): void {
    const store = this.sim.store;
    const ns = ds.metadata.namespace ?? 'default';
    const revisions = ownedRevisions(store, ds);
    const data = revisionPatch(ds);
    const key = stableStringify(data);
    const max = revisions.at(-1)?.revision ?? 0;
    const others = revisions.filter((r) => stableStringify(r.data) !== key);
    const current = revisions.find((r) => !others.includes(r));
    if (current) {
      if (current.revision !== max) store.update({ ...current, revision: max + 1 });
    } else {
      const name = `${ds.metadata.name ?? ''}-${hash}`;
      store.create<ControllerRevision>({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: ns,
          // Derived, not drawn: a revision must not shift the seeded random stream (pod names).
          uid: derivedUid(`${ds.metadata.uid ?? ''}/${name}`),
          labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name ?? '', uid: ds.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
        },
        data,
        revision: max + 1,
      });
    }
    const limit = (ds.spec as { revisionHistoryLimit?: number } | undefined)?.revisionHistoryLimit ?? 10;
    const inUse = new Set(store.list<Pod>('Pod', ns).filter((p) => controllerRef(p)?.uid === ds.metadata.uid).map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]));
    const unused = others.filter((r) => !inUse.has(r.metadata.labels?.[REVISION_HASH_LABEL]));
    for (const r of unused.slice(0, Math.max(0, unused.length - limit))) store.delete('ControllerRevision', ns, r.metadata.name ?? '');
  }

  private createPod(ds: DaemonSet, nodeName: string, hash: string): void {
    const res = this.api.create(this.podFor(ds, nodeName, hash), { namespace: ds.metadata.namespace ?? 'default' });
    if (res.ok) this.sim.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, SOURCE);
    else this.sim.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${res.error.message}`, SOURCE);
  }

  private podFor(ds: DaemonSet, nodeName: string, hash: string): Pod {
    const t = ds.spec?.template ?? {};
    const spec = cloneData(t.spec ?? {}) as NonNullable<Pod['spec']> & Record<string, unknown>;
    // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become this one node.
    const affinity = (spec.affinity ??= {});
    const nodeAffinity = (affinity.nodeAffinity ??= {});
    nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
    spec.tolerations = daemonPodTolerations(t.spec ?? {}) as NonNullable<NonNullable<Pod['spec']>['tolerations']>;
    const meta: Pod['metadata'] = {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace ?? 'default',
      labels: { ...t.metadata?.labels, [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name ?? '', uid: ds.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
  }
}

/** A UUID-shaped id from a string (FNV-1 with four seeds), the same every run. */
function derivedUid(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const hex = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x7f4a7c15].map((seed) => fnv32(bytes, seed).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
