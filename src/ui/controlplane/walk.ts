// The control plane walk as a picture needs it: which writes belong to the last kubectl
// command, and for each write the hops it made (writer → API server → etcd, API server → the
// watchers that act on it). Pure: it reads the simulator's trace (src/sim/trace.ts), nothing else.

import { componentOf, deliveredTo, etcdKey, writeVerb, type TraceEntry, type WriteVerb } from '../../sim/trace.ts';
import type { KubeObject } from '../../sim/store/types.ts';

/** A box in the diagram: a component, or one node's kubelet ('kubelet/node01'). */
export type Box = string;

export interface Hop {
  from: Box;
  to: Box;
  kind: 'request' | 'store' | 'watch';
}

export interface WalkStep {
  seq: number;
  at: number;
  writer: string;
  verb: WriteVerb;
  type: TraceEntry['type'];
  kind: string;
  namespace?: string;
  name: string;
  /** For a binding: the node; for an Event: its reason. */
  detail?: string;
  key: string;
  hops: Hop[];
}

export interface Walk {
  /** The kubectl write the walk follows ('' when showing every write). */
  root?: { kind: string; name: string; at: number };
  steps: WalkStep[];
}

/** Writes that are the cluster's heartbeat, not anyone's request. */
function isHeartbeat(e: TraceEntry): boolean {
  if (e.object.kind === 'Lease') return true;
  // A kubelet writes its Node only to report status (no JSON comparison needed to know it).
  if (e.object.kind === 'Node' && e.type === 'MODIFIED' && e.writer.startsWith('kubelet/')) return true;
  return false;
}

function involved(o: KubeObject): string | undefined {
  return (o as KubeObject & { involvedObject?: { uid?: string } }).involvedObject?.uid;
}

/**
 * The writes caused by the last kubectl command: the objects kubectl wrote at that instant,
 * everything owned by them (ownerReferences, transitively), the Events about any of them, and a
 * Service's Endpoints. With `every`, all writes but the heartbeats.
 */
export function buildWalk(entries: readonly TraceEntry[], plural: (kind: string) => string, opts: { every?: boolean; limit?: number } = {}): Walk {
  const limit = opts.limit ?? 80;
  let picked: TraceEntry[];
  let root: Walk['root'];
  if (opts.every) {
    picked = entries.filter((e) => !isHeartbeat(e));
  } else {
    let last = -1;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i]!;
      if (e.writer === 'kubectl' && e.object.kind !== 'Event') {
        last = i;
        break;
      }
    }
    if (last < 0) return { steps: [] };
    const at = entries[last]!.at;
    let first = last;
    while (first > 0 && entries[first - 1]!.at === at && entries[first - 1]!.writer === 'kubectl') first--;
    const uids = new Set<string>();
    const services = new Set<string>();
    picked = [];
    for (let i = first; i < entries.length; i++) {
      const e = entries[i]!;
      const o = e.object;
      const uid = o.metadata.uid ?? '';
      const isRoot = i <= last && e.writer === 'kubectl' && e.object.kind !== 'Event';
      const owned = (o.metadata.ownerReferences ?? []).some((r) => uids.has(r.uid));
      const about = o.kind === 'Event' && uids.has(involved(o) ?? '');
      const endpoints = o.kind === 'Endpoints' && services.has(`${o.metadata.namespace}/${o.metadata.name}`);
      if (!(isRoot || owned || uids.has(uid) || about || endpoints)) continue;
      if (o.kind !== 'Event') uids.add(uid);
      if (o.kind === 'Service') services.add(`${o.metadata.namespace}/${o.metadata.name}`);
      if (!isHeartbeat(e)) picked.push(e);
    }
    const r = entries[last]!.object;
    root = { kind: r.kind, name: r.metadata.name ?? '', at: entries[first]!.at };
  }
  const steps = picked.slice(-limit).map((e) => stepOf(e, plural(e.object.kind)));
  return root ? { root, steps } : { steps };
}

function stepOf(e: TraceEntry, plural: string): WalkStep {
  const verb = writeVerb(e);
  const o = e.object as KubeObject & { spec?: { nodeName?: string }; reason?: string };
  const writer = componentOf(e.writer) === 'other' ? e.writer || 'kube-apiserver' : e.writer;
  const from = componentOf(e.writer) === 'kubelet' ? e.writer : componentOf(e.writer) === 'other' ? '' : componentOf(e.writer);
  const hops: Hop[] = [];
  if (from && from !== 'kube-apiserver') hops.push({ from, to: 'kube-apiserver', kind: 'request' });
  hops.push({ from: 'kube-apiserver', to: 'etcd', kind: 'store' });
  for (const w of deliveredTo(e)) hops.push({ from: 'kube-apiserver', to: w, kind: 'watch' });
  const step: WalkStep = {
    seq: e.seq,
    at: e.at,
    writer,
    verb,
    type: e.type,
    kind: o.kind,
    name: o.metadata.name ?? '',
    key: etcdKey(o, plural),
    hops,
  };
  if (o.metadata.namespace) step.namespace = o.metadata.namespace;
  if (verb === 'bind' && o.spec?.nodeName) step.detail = o.spec.nodeName;
  if (o.kind === 'Event' && o.reason) step.detail = o.reason;
  return step;
}

/** The diagram's boxes: the control plane, then one kubelet per node, in the order given. */
export function boxesFor(nodes: readonly string[]): Box[] {
  return ['kubectl', 'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', ...nodes.map((n) => `kubelet/${n}`)];
}
