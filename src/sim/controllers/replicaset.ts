// The ReplicaSet and ReplicationController controllers (kube-controller-manager's
// replica_set.go, which serves both): keep `replicas` active pods that match the selector,
// adopt matching orphans, release pods that stopped matching, replace deleted pods, and report
// replicas / ready / available in status. Reacts to watch events only.

import type { Pod } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { ApiServer } from '../apiserver.ts';
import type { KubeObject } from '../store/types.ts';
import { splitKey, WorkQueue } from './workqueue.ts';
import { labelSelectorEmpty, labelSelectorMatches, mapSelectorMatches, type LabelSelectorLike } from '../selectors.ts';
import { cloneData } from '../clone.ts';

export interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: Record<string, unknown>;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

export type Workload = KubeObject & { spec?: WorkloadSpec; status?: Record<string, unknown> };

const KINDS = ['ReplicaSet', 'ReplicationController'] as const;
type Kind = (typeof KINDS)[number];

const SOURCE: Record<Kind, string> = { ReplicaSet: 'replicaset-controller', ReplicationController: 'replication-controller' };

/** Does a workload's selector select these labels? (RC: a plain map; RS: a LabelSelector.) */
export function selects(kind: string, selector: Record<string, unknown> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  if (kind === 'ReplicationController') return mapSelectorMatches(selector as Record<string, string>, labels);
  const sel = selector as LabelSelectorLike;
  return !labelSelectorEmpty(sel) && labelSelectorMatches(sel, labels);
}

export function controllerRef(o: KubeObject): { uid: string; kind: string; name: string } | undefined {
  const r = (o.metadata.ownerReferences ?? []).find((x) => x.controller);
  return r ? { uid: r.uid, kind: r.kind, name: r.name } : undefined;
}

function isActive(p: Pod): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function readySince(p: Pod): number | undefined {
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
}

/** getPodsToDelete's ranking: the pods that matter least come first. */
function deletionOrder(a: Pod, b: Pod): number {
  const assigned = (p: Pod): number => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phaseRank = (p: Pod): number => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase ?? 'Pending'] ?? 0;
  if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
  if (isReady(a) !== isReady(b)) return isReady(a) ? 1 : -1;
  const ra = readySince(a) ?? 0;
  const rb = readySince(b) ?? 0;
  if (ra !== rb) return rb - ra;
  const restarts = (p: Pod): number => (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (b.metadata.name ?? '').localeCompare(a.metadata.name ?? '');
}

export class ReplicaSetController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    this.queue = new WorkQueue(
      sim.clock,
      (key) => {
        const [kind, rest] = splitKey(key);
        this.sync(kind as Kind, ...splitKey(rest));
      },
      sim.controllerManager,
    );
    for (const kind of KINDS) {
      sim.store.watch(kind, (ev) => this.enqueue(kind, ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? ''));
    }
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      const ns = pod.metadata.namespace ?? 'default';
      const ref = controllerRef(pod);
      if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'ReplicationController')) {
        this.enqueue(ref.kind, ns, ref.name);
        return;
      }
      if (ref || ev.type === 'DELETED') return;
      // An orphan: any workload whose selector matches may adopt it.
      for (const kind of KINDS) {
        for (const w of sim.store.list<Workload>(kind, ns)) {
          if (selects(kind, w.spec?.selector, pod.metadata.labels)) this.enqueue(kind, ns, w.metadata.name ?? '');
        }
      }
    });
  }

  private enqueue(kind: Kind, ns: string, name: string, delay = 0): void {
    this.queue.addAfter(`${kind}/${ns}/${name}`, delay);
  }

  private sync(kind: Kind, ns: string, name: string): void {
    const store = this.sim.store;
    const w = store.get<Workload>(kind, ns, name);
    if (!w || w.metadata.deletionTimestamp) return;
    const spec = w.spec ?? {};
    const uid = w.metadata.uid ?? '';
    const want = spec.replicas ?? 1;
    const source = { component: SOURCE[kind] };
    const owned: Pod[] = [];
    for (const p of store.list<Pod>('Pod', ns)) {
      const ref = controllerRef(p);
      const matches = selects(kind, spec.selector, p.metadata.labels);
      if (ref?.uid === uid) {
        if (matches) {
          if (isActive(p)) owned.push(p);
        } else {
          // Release: the pod no longer matches the selector.
          const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          const meta = { ...p.metadata };
          if (refs.length) meta.ownerReferences = refs;
          else delete meta.ownerReferences;
          store.update({ ...p, metadata: meta });
        }
      } else if (!ref && matches && isActive(p)) {
        // Adopt an orphan that matches.
        const adopted = store.update({ ...p, metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), this.ownerRef(w)] } });
        if (adopted.ok) owned.push(adopted.object);
      }
    }
    const diff = owned.length - want;
    if (diff < 0) {
      for (let i = 0; i < Math.min(-diff, 500); i++) {
        const res = this.api.create(this.podFor(w), { namespace: ns });
        if (res.ok) this.sim.events.record(w, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, source);
        else {
          this.sim.events.record(w, 'Warning', 'FailedCreate', `Error creating: ${res.error.message}`, source);
          break;
        }
      }
    } else if (diff > 0) {
      const victims = [...owned].sort(deletionOrder).slice(0, diff);
      for (const p of victims) {
        const res = this.api.delete('Pod', ns, p.metadata.name ?? '');
        if (res.ok) this.sim.events.record(w, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, source);
      }
    }
    this.updateStatus(w, owned, kind, ns, name);
  }

  private updateStatus(w: Workload, owned: Pod[], kind: Kind, ns: string, name: string): void {
    const minReady = (w.spec?.minReadySeconds ?? 0) * 1000;
    const now = this.sim.clock.wallTime;
    let ready = 0;
    let available = 0;
    let nextCheck = Infinity;
    const template = w.spec?.template?.metadata?.labels ?? {};
    let fullyLabeled = 0;
    for (const p of owned) {
      if (Object.entries(template).every(([k, v]) => p.metadata.labels?.[k] === v)) fullyLabeled++;
      if (!isReady(p)) continue;
      ready++;
      const since = readySince(p) ?? now;
      if (now - since >= minReady) available++;
      else nextCheck = Math.min(nextCheck, since + minReady - now);
    }
    if (nextCheck !== Infinity) this.enqueue(kind, ns, name, nextCheck + 1);
    const status: Record<string, unknown> = { replicas: owned.length };
    if (fullyLabeled) status['fullyLabeledReplicas'] = fullyLabeled;
    if (ready) status['readyReplicas'] = ready;
    if (available) status['availableReplicas'] = available;
    status['observedGeneration'] = w.metadata.generation ?? 1;
    if (JSON.stringify(status) !== JSON.stringify(w.status ?? {})) this.sim.store.update({ ...w, status }, { status: true });
  }

  private ownerRef(w: Workload) {
    return { apiVersion: w.apiVersion, kind: w.kind, name: w.metadata.name ?? '', uid: w.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  }

  private podFor(w: Workload): Pod {
    const t = w.spec?.template ?? {};
    const meta: Pod['metadata'] = {
      generateName: `${w.metadata.name}-`,
      namespace: w.metadata.namespace ?? 'default',
      ownerReferences: [this.ownerRef(w)],
    };
    if (t.metadata?.labels) meta.labels = { ...t.metadata.labels };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: cloneData(t.spec ?? {}) as NonNullable<Pod['spec']> };
  }
}
