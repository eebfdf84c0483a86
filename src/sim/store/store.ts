// The API object store: etcd plus the API server's bookkeeping (uid, resourceVersion,
// generation, creationTimestamp, generateName, finalizers, graceful deletion) and watch.
//
// Objects are immutable once stored: a write stores a fresh copy, so readers (controllers,
// kubectl, the UI) can hold references and compare them cheaply. Watchers are called
// synchronously; by convention they only enqueue work on the clock, as informers feed
// workqueues in Kubernetes, so one write never recursively drives another controller.

import type { VirtualClock } from '../clock.ts';
import type { SeededRandom } from '../random.ts';
import { field } from './types.ts';
import type { ApiResult, KubeObject, WatchEvent, Watcher } from './types.ts';
import { cloneData } from '../clone.ts';

export interface ResourceInfo {
  kind: string;
  /** Lower-case plural, as in error messages: pods "x" not found. */
  plural: string;
  /** The group as kubectl prints it in `kind.group/name` (empty for core). */
  group: string;
  namespaced: boolean;
}

/** Kinds whose registry strategy tracks metadata.generation (pods do not, in v1.31). */
const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']);

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const key = (kind: string, namespace: string | undefined, name: string): string => `${kind}/${namespace ?? ''}/${name}`;

export class ObjectStore {
  private objects = new Map<string, KubeObject>();
  private byKind = new Map<string, Map<string, KubeObject>>();
  /** Each kind's keys in list order, dropped when an object of the kind is added or removed. */
  private order = new Map<string, string[]>();
  private watchers = new Map<string, Set<{ fn: Watcher; actor: string }>>();
  /**
   * Called once per write, before the watchers, with the component that wrote and the
   * components watching that kind (the control plane trace, trace.ts). Recording only.
   */
  onWrite: ((ev: WatchEvent, writer: string, watchers: string[]) => void) | undefined;
  private rv = 1000;

  constructor(
    private readonly clock: VirtualClock,
    private readonly random: SeededRandom,
    private readonly resources: (kind: string) => ResourceInfo | undefined,
  ) {}

  get resourceVersion(): number {
    return this.rv;
  }

  info(kind: string): ResourceInfo {
    return this.resources(kind) ?? { kind, plural: kind.toLowerCase() + 's', group: '', namespaced: true };
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const ns = this.info(kind).namespaced ? namespace : undefined;
    return this.objects.get(key(kind, ns, name)) as T | undefined;
  }

  /** All objects of a kind, optionally in one namespace, in name order (as the API lists them). */
  list<T extends KubeObject = KubeObject>(kind: string, namespace?: string): T[] {
    const all = this.byKind.get(kind);
    if (!all) return [];
    // etcd lists in key order: namespace, then name, byte by byte. The order only changes when
    // an object of the kind comes or goes, so it is kept until then (controllers list often).
    let keys = this.order.get(kind);
    if (!keys) {
      keys = [...all.entries()].sort(([, a], [, b]) => byteCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byteCompare(a.metadata.name ?? '', b.metadata.name ?? '')).map(([k]) => k);
      this.order.set(kind, keys);
    }
    const out: T[] = [];
    for (const k of keys) {
      const o = all.get(k)!;
      if (namespace === undefined || o.metadata.namespace === namespace) out.push(o as T);
    }
    return out;
  }

  /**
   * Subscribe to one kind, or '*' for all. Returns an unsubscribe function. The watcher is
   * called as the component that subscribed (the clock's actor at subscription).
   */
  watch(kind: string, w: Watcher): () => void {
    let set = this.watchers.get(kind);
    if (!set) {
      set = new Set();
      this.watchers.set(kind, set);
    }
    const entry = { fn: w, actor: this.clock.actor };
    set.add(entry);
    this.actorsOf.clear();
    return () => {
      set.delete(entry);
      this.actorsOf.clear();
    };
  }

  /** The components watching a kind (its own watchers and '*'), cached until a watch changes. */
  private actorsOf = new Map<string, string[]>();
  private watcherActors(kind: string): string[] {
    let names = this.actorsOf.get(kind);
    if (!names) {
      const set = new Set<string>();
      for (const w of this.watchers.get(kind) ?? []) if (w.actor) set.add(w.actor);
      for (const w of this.watchers.get('*') ?? []) if (w.actor) set.add(w.actor);
      names = [...set];
      this.actorsOf.set(kind, names);
    }
    return names;
  }

  private emit(ev: WatchEvent): void {
    const writer = this.clock.actor;
    const own = this.watchers.get(ev.object.kind);
    const all = this.watchers.get('*');
    this.onWrite?.(ev, writer, this.watcherActors(ev.object.kind));
    try {
      for (const w of own ?? []) {
        this.clock.actor = w.actor || writer;
        w.fn(ev);
      }
      for (const w of all ?? []) {
        this.clock.actor = w.actor || writer;
        w.fn(ev);
      }
    } finally {
      this.clock.actor = writer;
    }
  }

  private put(o: KubeObject): void {
    const k = key(o.kind, o.metadata.namespace, o.metadata.name ?? '');
    this.objects.set(k, o);
    let m = this.byKind.get(o.kind);
    if (!m) {
      m = new Map();
      this.byKind.set(o.kind, m);
    }
    if (!m.has(k)) this.order.delete(o.kind);
    m.set(k, o);
  }

  private drop(o: KubeObject): void {
    const k = key(o.kind, o.metadata.namespace, o.metadata.name ?? '');
    this.objects.delete(k);
    if (this.byKind.get(o.kind)?.delete(k)) this.order.delete(o.kind);
  }

  private notFound(kind: string, name: string): ApiResult<never> {
    return { ok: false, error: { reason: 'NotFound', message: `${this.qualifiedPlural(kind)} "${name}" not found` } };
  }

  /** `pods`, `deployments.apps`: how the API server names a resource in errors. */
  qualifiedPlural(kind: string): string {
    const i = this.info(kind);
    return i.group ? `${i.plural}.${i.group}` : i.plural;
  }

  create<T extends KubeObject>(input: T): ApiResult<T> {
    const o = cloneData(input);
    const info = this.info(o.kind);
    o.metadata = { ...o.metadata };
    if (info.namespaced) o.metadata.namespace = o.metadata.namespace || 'default';
    else delete o.metadata.namespace;
    // generateName is resolved by the API server before validation (apiserver.ts).
    const name = o.metadata.name ?? '';
    if (!name) return { ok: false, error: { reason: 'Invalid', message: `${o.kind} "" is invalid: metadata.name: Required value: name or generateName is required` } };
    if (info.namespaced && o.metadata.namespace && o.kind !== 'Namespace' && !this.get('Namespace', undefined, o.metadata.namespace)) {
      return { ok: false, error: { reason: 'NotFound', message: `namespaces "${o.metadata.namespace}" not found` } };
    }
    if (this.get(o.kind, o.metadata.namespace, name)) {
      return { ok: false, error: { reason: 'AlreadyExists', message: `${this.qualifiedPlural(o.kind)} "${name}" already exists` } };
    }
    // The API server may have assigned the uid already (a Job's generated selector needs it).
    o.metadata.uid = o.metadata.uid || this.random.uuid();
    o.metadata.resourceVersion = String(++this.rv);
    o.metadata.creationTimestamp = this.clock.isoNow();
    if (GENERATION_KINDS.has(o.kind)) o.metadata.generation = 1;
    delete o.metadata.deletionTimestamp;
    this.put(o);
    this.emit({ type: 'ADDED', object: o });
    return { ok: true, object: o };
  }

  /**
   * Replace an object. Server-managed metadata is kept; generation increases when the spec
   * changes. Pass `status: true` to write only status (the status subresource).
   */
  update<T extends KubeObject>(input: T, opts: { status?: boolean } = {}): ApiResult<T> {
    const cur = this.get<T>(input.kind, input.metadata.namespace, input.metadata.name ?? '');
    if (!cur) return this.notFound(input.kind, input.metadata.name ?? '');
    let o: T;
    if (opts.status) {
      o = { ...cur, status: cloneData(field(input, 'status')) };
    } else {
      o = cloneData(input);
      const rec = o as unknown as Record<string, unknown>;
      if ('status' in cur) rec['status'] = field(cur, 'status');
      else delete rec['status'];
    }
    o.metadata = {
      ...(opts.status ? cur.metadata : o.metadata),
      uid: cur.metadata.uid!,
      creationTimestamp: cur.metadata.creationTimestamp!,
      namespace: cur.metadata.namespace!,
      resourceVersion: String(++this.rv),
    };
    if (!this.info(o.kind).namespaced) delete o.metadata.namespace;
    if (cur.metadata.deletionTimestamp) o.metadata.deletionTimestamp = cur.metadata.deletionTimestamp;
    if (cur.metadata.deletionGracePeriodSeconds !== undefined) o.metadata.deletionGracePeriodSeconds = cur.metadata.deletionGracePeriodSeconds;
    if (cur.metadata.generation !== undefined) {
      const specChanged = !opts.status && JSON.stringify(field(o, 'spec')) !== JSON.stringify(field(cur, 'spec'));
      o.metadata.generation = cur.metadata.generation + (specChanged ? 1 : 0);
    }
    this.put(o);
    // A finalizer removed from an object already being deleted completes the deletion.
    if (o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).length === 0 && o.metadata.deletionGracePeriodSeconds === 0) {
      this.drop(o);
      this.emit({ type: 'DELETED', object: o });
      return { ok: true, object: o };
    }
    this.emit({ type: 'MODIFIED', object: o, old: cur });
    return { ok: true, object: o };
  }

  /**
   * Delete. With gracePeriodSeconds > 0 (pods on a node) or finalizers present, the object is
   * only marked (deletionTimestamp) and stays until its owner finishes: the kubelet for a
   * pod, the finalizer's controller otherwise.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number } = {}): ApiResult<KubeObject> {
    const cur = this.get(kind, namespace, name);
    if (!cur) return this.notFound(kind, name);
    const grace = opts.gracePeriodSeconds ?? 0;
    const finalizers = cur.metadata.finalizers ?? [];
    if (cur.metadata.deletionTimestamp) {
      if (grace === 0 && finalizers.length === 0) {
        this.drop(cur);
        this.emit({ type: 'DELETED', object: cur });
        return { ok: true, object: cur };
      }
      // A second delete may shorten the grace period, never lengthen it.
      if (grace < (cur.metadata.deletionGracePeriodSeconds ?? Infinity)) {
        const o = { ...cur, metadata: { ...cur.metadata, deletionGracePeriodSeconds: grace, resourceVersion: String(++this.rv) } };
        this.put(o);
        this.emit({ type: 'MODIFIED', object: o, old: cur });
        return { ok: true, object: o };
      }
      return { ok: true, object: cur };
    }
    if (grace > 0 || finalizers.length > 0) {
      const o: KubeObject = {
        ...cur,
        metadata: {
          ...cur.metadata,
          deletionTimestamp: this.clock.isoNow(),
          deletionGracePeriodSeconds: grace,
          resourceVersion: String(++this.rv),
        },
      };
      if (o.metadata.generation !== undefined) o.metadata.generation++;
      this.put(o);
      this.emit({ type: 'MODIFIED', object: o, old: cur });
      return { ok: true, object: o };
    }
    this.drop(cur);
    this.emit({ type: 'DELETED', object: cur });
    return { ok: true, object: cur };
  }

  /** Every stored object, for snapshots and consistency checks. */
  all(): KubeObject[] {
    return [...this.objects.values()];
  }
}
