// The control plane trace: every write to the API, with who wrote it and who was watching.
//
// In Kubernetes every component talks only to the API server: kubectl sends a request, the API
// server stores the object in etcd, and the components watching that kind hear of it and write
// their own objects in turn. The simulator's store is the API server and etcd in one, and the
// clock carries which component's work is running (VirtualClock.actor), so recording each write
// with its writer and its watchers gives the walk of a `kubectl apply` through the control
// plane exactly as the simulation performed it. Nothing in the cluster reads the trace.

import type { Millis } from './clock.ts';
import type { KubeObject, WatchEvent } from './store/types.ts';
import type { ObjectStore } from './store/store.ts';

export interface TraceEntry {
  /** 1, 2, 3… in write order; never reused, so a reader can ask for what came after. */
  seq: number;
  /** Simulated ms since the cluster started. */
  at: Millis;
  type: WatchEvent['type'];
  /** The object as stored by this write (the last state, for DELETED). */
  object: KubeObject;
  old?: KubeObject;
  /** The component that wrote: 'kubectl', 'kube-scheduler', 'kubelet/node01', … ('' if unknown). */
  writer: string;
  /** The components watching this kind, as 'component' or 'component/part'. */
  watchers: string[];
}

/** The components a trace names, in the order a diagram draws them. */
export const COMPONENTS = ['kubectl', 'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'] as const;
export type Component = (typeof COMPONENTS)[number] | 'other';

export class ControlPlaneTrace {
  private ring: TraceEntry[] = [];
  private next = 0;
  private seq = 0;
  /**
   * The components stopped now (their static pods down), set by the cluster: they hear nothing,
   * though their watches stay registered in the simulator. 'kube-controller-manager' covers
   * 'kube-controller-manager/replicaset' and the rest of its controllers.
   */
  stopped: (() => readonly string[]) | undefined;

  constructor(
    store: ObjectStore,
    private readonly now: () => Millis,
    /** Entries kept; older ones are dropped (the trace is for watching, not for history). */
    readonly capacity = 2000,
  ) {
    store.onWrite = (ev, writer, watchers) => this.record(ev, writer, watchers);
  }

  private record(ev: WatchEvent, writer: string, watchers: string[]): void {
    const stopped = this.stopped?.() ?? [];
    const heard = stopped.length ? watchers.filter((w) => !stopped.some((c) => w === c || w.startsWith(`${c}/`))) : watchers;
    const e: TraceEntry = { seq: ++this.seq, at: this.now(), type: ev.type, object: ev.object, writer, watchers: heard };
    if (ev.old) e.old = ev.old;
    if (this.ring.length < this.capacity) this.ring.push(e);
    else this.ring[this.next] = e;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The sequence number of the latest entry (0 before any write). */
  get last(): number {
    return this.seq;
  }

  /** Entries with seq > after, oldest first. */
  since(after = 0): TraceEntry[] {
    const out: TraceEntry[] = [];
    const n = this.ring.length;
    const start = n < this.capacity ? 0 : this.next;
    for (let i = 0; i < n; i++) {
      const e = this.ring[(start + i) % n]!;
      if (e.seq > after) out.push(e);
    }
    return out;
  }
}

/** 'kubelet/node01' → 'kubelet'; a name outside the diagram → 'other'. */
export function componentOf(actor: string): Component {
  const base = actor.split('/')[0] ?? '';
  return (COMPONENTS as readonly string[]).includes(base) ? (base as Component) : 'other';
}

/** etcd's key for an object, as the API server stores it (`/registry/pods/default/web-…`). */
export function etcdKey(o: KubeObject, plural: string): string {
  const resource = o.kind === 'Service' ? 'services/specs' : o.kind === 'Endpoints' ? 'services/endpoints' : o.kind === 'Ingress' ? 'ingress' : plural;
  const ns = o.metadata.namespace;
  return `/registry/${resource}/${ns ? `${ns}/` : ''}${o.metadata.name ?? ''}`;
}

export type WriteVerb = 'create' | 'update' | 'update-status' | 'bind' | 'delete-graceful' | 'delete';

/** What a write did, as the API request that made it: a create, a binding, a status update… */
export function writeVerb(e: Pick<TraceEntry, 'type' | 'object' | 'old'>): WriteVerb {
  if (e.type === 'ADDED') return 'create';
  if (e.type === 'DELETED') return 'delete';
  const o = e.object as KubeObject & { spec?: { nodeName?: string }; status?: unknown };
  const old = e.old as (KubeObject & { spec?: { nodeName?: string }; status?: unknown }) | undefined;
  if (o.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) return 'delete-graceful';
  if (o.kind === 'Pod' && o.spec?.nodeName && !old?.spec?.nodeName) return 'bind';
  if (old && JSON.stringify(o.status) !== JSON.stringify(old.status) && specOf(o) === specOf(old)) return 'update-status';
  return 'update';
}

function specOf(o: KubeObject): string {
  const { status: _status, metadata, ...rest } = o as KubeObject & { status?: unknown };
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = metadata as typeof metadata & { managedFields?: unknown };
  return JSON.stringify([meta, rest]);
}

/**
 * The watchers that act on this write, by component: a kubelet hears only of pods bound to its
 * node (its watch has a field selector), the scheduler only of pods without a node; the rest
 * hear of every object of the kinds they watch.
 */
export function deliveredTo(e: TraceEntry): string[] {
  const pod = e.object.kind === 'Pod' ? (e.object as KubeObject & { spec?: { nodeName?: string } }) : undefined;
  const out = new Set<string>();
  // Nothing acts on an Event; they are read (kubectl describe, get events), not watched.
  if (e.object.kind === 'Event') return [];
  const verb = writeVerb(e);
  for (const w of e.watchers) {
    const c = componentOf(w);
    if (c === 'other' || c === 'kubectl') continue;
    // The garbage collector watches everything but acts only on deletions.
    if (w === 'kube-controller-manager/garbagecollector' && verb !== 'delete' && verb !== 'delete-graceful') continue;
    if (pod && c === 'kubelet' && w !== `kubelet/${pod.spec?.nodeName ?? ''}`) continue;
    if (pod && c === 'kube-scheduler' && pod.spec?.nodeName && verb !== 'bind') continue;
    out.add(c === 'kubelet' ? w : c);
  }
  // kube-proxy follows Services and EndpointSlices to program each node's rules; the simulated
  // network reads them when a packet arrives, which is the same thing at packet time.
  if (e.object.kind === 'Service' || e.object.kind === 'EndpointSlice') out.add('kube-proxy');
  return [...out];
}
