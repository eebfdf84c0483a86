// The view model: a plain, immutable summary of the cluster that the cluster view, the text
// view, the inspector and the timeline draw. It is rebuilt from the API objects (never from
// simulator internals) only when the store's resourceVersion moved, and it reuses kubectl's
// own printers for READY/STATUS/RESTARTS so the picture and `kubectl get` never disagree.

import type { Container, ContainerStatus, Event as KEvent, Node, PersistentVolume, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { Cluster } from '../sim/cluster.ts';
import type { KubeObject } from '../sim/store/types.ts';
import { makePortString } from '../sim/kubectl/printers/service.ts';
import { podColumns } from '../sim/kubectl/printers/pod.ts';
import { nodeRoles, nodeStatus } from '../sim/kubectl/printers/node.ts';

export type ObjectKey = string; // "Kind/namespace/name" or "Kind//name" for cluster-scoped

export function objectKey(kind: string, namespace: string | undefined, name: string): ObjectKey {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export function parseKey(key: ObjectKey): { kind: string; namespace: string | undefined; name: string } {
  // indexOf rather than split: the view and the timeline parse thousands of keys a second.
  const a = key.indexOf('/');
  if (a < 0) return { kind: key, namespace: undefined, name: '' };
  const b = key.indexOf('/', a + 1);
  if (b < 0) return { kind: key.slice(0, a), namespace: key.slice(a + 1) || undefined, name: '' };
  return { kind: key.slice(0, a), namespace: key.slice(a + 1, b) || undefined, name: key.slice(b + 1) };
}

/** What a container is doing, as one word the view draws (shape and colour). */
export type ContainerPhase = 'waiting' | 'running' | 'ready' | 'terminated' | 'completed' | 'failed';

export interface ContainerView {
  name: string;
  /** The runtime's container ID as crictl shows it (13 characters), while there is one. */
  id: string | undefined;
  /** 'init' runs to completion before the app containers; 'sidecar' is an init container with restartPolicy Always. */
  role: 'init' | 'sidecar' | 'app';
  image: string;
  phase: ContainerPhase;
  /** kubectl's reason: ContainerCreating, CrashLoopBackOff, Completed, OOMKilled ... */
  reason: string;
  ready: boolean;
  restarts: number;
  /** Volume names this container mounts. */
  mounts: string[];
  ports: number[];
  probes: { liveness: boolean; readiness: boolean; startup: boolean };
}

export interface PodView {
  key: ObjectKey;
  namespace: string;
  name: string;
  node: string | undefined;
  /** kubectl's STATUS column (Running, Init:0/2, CrashLoopBackOff, Terminating ...). */
  status: string;
  /** kubectl's READY column ("2/3"). */
  ready: string;
  allReady: boolean;
  restarts: number;
  ip: string | undefined;
  /** The controller that owns the pod (ReplicaSet/abc-123), if any. */
  owner: ObjectKey | undefined;
  /** The Deployment above the owning ReplicaSet, if any. */
  workload: ObjectKey | undefined;
  terminating: boolean;
  labels: Record<string, string>;
  containers: ContainerView[];
  volumes: { name: string; type: string; claim?: string }[];
  createdAt: number;
}

export interface NodeView {
  key: ObjectKey;
  name: string;
  status: string;
  ready: boolean;
  roles: string;
  unschedulable: boolean;
}

export interface ServiceView {
  key: ObjectKey;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  ports: string;
  /** Pods behind the Service, ready or not (not-ready ones are dropped from traffic). */
  endpoints: { pod: ObjectKey; ready: boolean }[];
}

export interface WorkloadView {
  key: ObjectKey;
  kind: string;
  namespace: string;
  name: string;
  owner: ObjectKey | undefined;
  desired: number;
  ready: number;
  /** deployment.kubernetes.io/revision, for ReplicaSets of a Deployment. */
  revision: string | undefined;
  images: string[];
}

export interface StorageView {
  key: ObjectKey;
  kind: 'PersistentVolume' | 'PersistentVolumeClaim';
  namespace: string | undefined;
  name: string;
  phase: string;
  capacity: string;
  /** The PV a claim is bound to, or the claim a PV is bound to (ns/name). */
  boundTo: string | undefined;
}

export interface EventView {
  /** Simulated ms since the cluster started. */
  at: number;
  type: string;
  reason: string;
  message: string;
  object: ObjectKey;
  count: number;
  source: string;
}

export interface ClusterSnapshot {
  /** Store resourceVersion the snapshot was built from. */
  version: number;
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  workloads: WorkloadView[];
  storage: StorageView[];
  /** Newest last. */
  events: EventView[];
}

/** Namespaces the lab itself runs in; hidden from the view unless asked for. */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'ingress-nginx', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job'];

function ownerKey(o: KubeObject): ObjectKey | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller) ?? o.metadata.ownerReferences?.[0];
  return ref ? objectKey(ref.kind, o.metadata.namespace, ref.name) : undefined;
}

function containerView(spec: Container, status: ContainerStatus | undefined, role: ContainerView['role']): ContainerView {
  const st = status?.state;
  let phase: ContainerPhase = 'waiting';
  let reason = st?.waiting?.reason ?? '';
  if (st?.running) {
    phase = status?.ready ? 'ready' : 'running';
    reason = 'Running';
  } else if (st?.terminated) {
    const ok = st.terminated.exitCode === 0;
    phase = ok ? (role === 'init' ? 'completed' : 'terminated') : 'failed';
    reason = st.terminated.reason ?? (ok ? 'Completed' : 'Error');
  } else if (!reason) reason = 'Waiting';
  if (st?.waiting?.reason === 'CrashLoopBackOff') phase = 'failed';
  const id = status?.containerID?.replace(/^[a-z]+:\/\//, '').slice(0, 13) || undefined;
  return {
    name: spec.name,
    id,
    role,
    image: spec.image ?? '',
    phase,
    reason,
    ready: status?.ready ?? false,
    restarts: status?.restartCount ?? 0,
    mounts: (spec.volumeMounts ?? []).map((m) => m.name),
    ports: (spec.ports ?? []).map((p) => p.containerPort),
    probes: { liveness: !!spec.livenessProbe, readiness: !!spec.readinessProbe, startup: !!spec.startupProbe },
  };
}

function podView(pod: Pod, nowWall: number, owners: Map<ObjectKey, ObjectKey | undefined>): PodView {
  const cols = podColumns(pod, nowWall);
  const ns = pod.metadata?.namespace ?? 'default';
  const name = pod.metadata?.name ?? '';
  const initStatuses = new Map((pod.status?.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const containers = [
    ...(pod.spec?.initContainers ?? []).map((c) => containerView(c, initStatuses.get(c.name), c.restartPolicy === 'Always' ? 'sidecar' : 'init')),
    ...(pod.spec?.containers ?? []).map((c) => containerView(c, statuses.get(c.name), 'app')),
  ];
  const [ready = 0, total = 0] = cols.ready.split('/').map(Number);
  const owner = ownerKey(pod as KubeObject);
  return {
    key: objectKey('Pod', ns, name),
    namespace: ns,
    name,
    node: pod.spec?.nodeName || undefined,
    status: cols.status,
    ready: cols.ready,
    allReady: total > 0 && ready === total,
    restarts: containers.filter((c) => c.role !== 'init').reduce((n, c) => n + c.restarts, 0),
    ip: cols.ip === '<none>' ? undefined : cols.ip,
    owner,
    workload: owner ? owners.get(owner) : undefined,
    terminating: !!pod.metadata?.deletionTimestamp,
    labels: pod.metadata?.labels ?? {},
    containers,
    volumes: (pod.spec?.volumes ?? []).map((v) => {
      const type = Object.keys(v).find((k) => k !== 'name') ?? 'emptyDir';
      const out: { name: string; type: string; claim?: string } = { name: v.name, type };
      if (v.persistentVolumeClaim) out.claim = v.persistentVolumeClaim.claimName;
      return out;
    }),
    createdAt: Date.parse(pod.metadata?.creationTimestamp ?? '') || 0,
  };
}

function workloadView(o: KubeObject): WorkloadView {
  const spec = (o as { spec?: { replicas?: number; completions?: number; template?: { spec?: { containers?: Container[] } } } }).spec;
  const status = (o as { status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number; succeeded?: number } }).status;
  const ns = o.metadata.namespace ?? 'default';
  const desired = o.kind === 'DaemonSet' ? (status?.desiredNumberScheduled ?? 0) : o.kind === 'Job' ? (spec?.completions ?? 1) : (spec?.replicas ?? 1);
  const ready = o.kind === 'DaemonSet' ? (status?.numberReady ?? 0) : o.kind === 'Job' ? (status?.succeeded ?? 0) : (status?.readyReplicas ?? 0);
  return {
    key: objectKey(o.kind, ns, o.metadata.name ?? ''),
    kind: o.kind,
    namespace: ns,
    name: o.metadata.name ?? '',
    owner: ownerKey(o),
    desired,
    ready,
    revision: o.metadata.annotations?.['deployment.kubernetes.io/revision'],
    images: (spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
  };
}

function serviceView(svc: Service, endpointsOf: (ns: string, name: string) => { pod: ObjectKey; ready: boolean }[]): ServiceView {
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  return {
    key: objectKey('Service', ns, name),
    namespace: ns,
    name,
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP ?? '',
    ports: makePortString(svc.spec?.ports),
    endpoints: endpointsOf(ns, name),
  };
}

interface EndpointsLike {
  subsets?: { addresses?: { targetRef?: { kind?: string; name?: string } }[]; notReadyAddresses?: { targetRef?: { kind?: string; name?: string } }[] }[];
}

function sameEvents(a: readonly EventView[], b: readonly EventView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.at !== y.at || x.type !== y.type || x.reason !== y.reason || x.message !== y.message || x.object !== y.object || x.count !== y.count || x.source !== y.source) return false;
  }
  return true;
}

/** Build the view model. `previous` is returned as is when nothing changed. */
export function buildSnapshot(cluster: Cluster, previous?: ClusterSnapshot): ClusterSnapshot {
  const store = cluster.store;
  const version = store.resourceVersion;
  if (previous && previous.version === version) return previous;
  const nowWall = cluster.clock.wallTime;
  const epoch = cluster.clock.epoch;

  const workloadObjects = WORKLOAD_KINDS.flatMap((k) => store.list(k));
  const owners = new Map<ObjectKey, ObjectKey | undefined>();
  for (const w of workloadObjects) owners.set(objectKey(w.kind, w.metadata.namespace, w.metadata.name ?? ''), ownerKey(w));

  const endpointsOf = (ns: string, name: string) => {
    const ep = store.get('Endpoints', ns, name) as EndpointsLike | undefined;
    const out: { pod: ObjectKey; ready: boolean }[] = [];
    for (const s of ep?.subsets ?? []) {
      for (const a of s.addresses ?? []) if (a.targetRef?.kind === 'Pod' && a.targetRef.name) out.push({ pod: objectKey('Pod', ns, a.targetRef.name), ready: true });
      for (const a of s.notReadyAddresses ?? []) if (a.targetRef?.kind === 'Pod' && a.targetRef.name) out.push({ pod: objectKey('Pod', ns, a.targetRef.name), ready: false });
    }
    return out;
  };

  const storage: StorageView[] = [
    ...store.list<PersistentVolume & KubeObject>('PersistentVolume').map((pv) => ({
      key: objectKey('PersistentVolume', undefined, pv.metadata.name ?? ''),
      kind: 'PersistentVolume' as const,
      namespace: undefined,
      name: pv.metadata.name ?? '',
      phase: pv.status?.phase ?? 'Pending',
      capacity: String(pv.spec?.capacity?.['storage'] ?? ''),
      boundTo: pv.spec?.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : undefined,
    })),
    ...store.list<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim').map((pvc) => ({
      key: objectKey('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name ?? ''),
      kind: 'PersistentVolumeClaim' as const,
      namespace: pvc.metadata.namespace,
      name: pvc.metadata.name ?? '',
      phase: pvc.status?.phase ?? 'Pending',
      capacity: String(pvc.status?.capacity?.['storage'] ?? pvc.spec?.resources?.requests?.['storage'] ?? ''),
      boundTo: pvc.spec?.volumeName || undefined,
    })),
  ];

  const built = store
    .list<KEvent & KubeObject>('Event')
    .map((e) => {
      const inv = e.involvedObject;
      const last = e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
      return {
        at: (Date.parse(last) || epoch) - epoch,
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: e.message ?? '',
        object: objectKey(inv.kind ?? '', inv.namespace, inv.name ?? ''),
        count: e.count ?? 1,
        source: e.source?.component ?? e.reportingComponent ?? '',
      };
    })
    .sort((a, b) => a.at - b.at);
  // The view model is rebuilt on every write; the event list, often thousands long, is kept
  // as it was when no event changed, so what draws it can skip the redraw.
  const events = previous && sameEvents(previous.events, built) ? previous.events : built;

  return {
    version,
    nodes: store.list<Node & KubeObject>('Node').map((n) => ({
      key: objectKey('Node', undefined, n.metadata.name ?? ''),
      name: n.metadata.name ?? '',
      status: nodeStatus(n),
      ready: nodeStatus(n).startsWith('Ready'),
      roles: nodeRoles(n).join(',') || '<none>',
      unschedulable: !!(n as { spec?: { unschedulable?: boolean } }).spec?.unschedulable,
    })),
    pods: store.list<Pod & KubeObject>('Pod').map((p) => podView(p, nowWall, owners)),
    services: store.list<Service & KubeObject>('Service').map((s) => serviceView(s, endpointsOf)),
    workloads: workloadObjects.map(workloadView),
    storage,
    events,
  };
}
