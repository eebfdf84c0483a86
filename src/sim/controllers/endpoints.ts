// The endpoints controllers: for every Service with a selector, an Endpoints object (and an
// EndpointSlice) listing the selected pods — ready ones under addresses, not-ready ones under
// notReadyAddresses; terminal and terminating pods left out. kube-proxy (the simulated
// network) routes to the ready addresses only.

import type { Pod, Service } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { KubeObject } from '../store/types.ts';
import { NAME_SUFFIX_ALPHABET } from '../random.ts';
import { splitKey, WorkQueue } from './workqueue.ts';
import { mapSelectorMatches } from '../selectors.ts';

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; name: string; namespace: string; uid: string };
}
interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}
export type EndpointsObject = KubeObject & { subsets?: EndpointSubset[] };

function podReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The ports a pod serves for the service (named targetPorts resolve per pod). */
function resolvePorts(svc: Service, pod: Pod): EndpointPort[] | undefined {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const target = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof target === 'number') port = target;
    else if (/^\d+$/.test(target)) port = Number(target);
    else {
      for (const c of pod.spec?.containers ?? []) {
        const named = (c.ports ?? []).find((p) => p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
        if (named) port = named.containerPort;
      }
    }
    if (port === undefined) continue;
    const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
    if (sp.name) ep.name = sp.name;
    out.push(ep);
  }
  return out.length ? out : undefined;
}

export function computeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const groups = new Map<string, EndpointSubset>();
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  for (const p of pods) {
    if (!p.status?.podIP || p.metadata.deletionTimestamp) continue;
    if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const ports = resolvePorts(svc, p);
    if (!ports && (svc.spec?.ports ?? []).length) continue;
    const key = JSON.stringify(ports ?? []);
    let g = groups.get(key);
    if (!g) {
      g = {};
      if (ports) g.ports = ports;
      groups.set(key, g);
    }
    const addr: EndpointAddress = { ip: p.status.podIP, targetRef: { kind: 'Pod', name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', uid: p.metadata.uid ?? '' } };
    if (p.spec?.nodeName) addr.nodeName = p.spec.nodeName;
    if (shouldSetHostname(p, svc)) addr.hostname = p.spec!.hostname!;
    if (podReady(p) || publishNotReady) (g.addresses ??= []).push(addr);
    else (g.notReadyAddresses ??= []).push(addr);
  }
  // LessEndpointAddress: the IPs compared as byte strings (so 10.244.1.10 sorts before
  // 10.244.1.2, as in a real cluster's Endpoints), then the pod UID.
  const byIp = (a: EndpointAddress, b: EndpointAddress): number => {
    if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
    const ua = a.targetRef?.uid ?? '';
    const ub = b.targetRef?.uid ?? '';
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  };
  for (const g of groups.values()) {
    g.addresses?.sort(byIp);
    g.notReadyAddresses?.sort(byIp);
  }
  return [...groups.values()];
}

/**
 * ShouldSetHostname: a pod whose subdomain names this Service gets its hostname on the address,
 * which is what gives StatefulSet pods their `<pod>.<service>` DNS names.
 */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

export class EndpointsController {
  private readonly queue: WorkQueue;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue(sim.clock, (key) => this.sync(...splitKey(key)), sim.controllerManager);
    sim.store.watch('Service', (ev) => this.enqueue(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? ''));
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      const old = ev.old as Pod | undefined;
      const ns = pod.metadata.namespace ?? 'default';
      for (const svc of sim.store.list<Service>('Service', ns)) {
        if (mapSelectorMatches(svc.spec?.selector, pod.metadata.labels) || (old && mapSelectorMatches(svc.spec?.selector, old.metadata.labels))) this.enqueue(ns, svc.metadata.name ?? '');
      }
    });
  }

  private enqueue(ns: string, name: string): void {
    this.queue.add(`${ns}/${name}`);
  }

  private sync(ns: string, name: string): void {
    const store = this.sim.store;
    const svc = store.get<Service>('Service', ns, name);
    const existing = store.get<EndpointsObject>('Endpoints', ns, name);
    const slice = store.list<KubeObject & { metadata: { labels?: Record<string, string> } }>('EndpointSlice', ns).find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name && s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io');
    if (!svc || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') {
      // Services without a selector keep whatever Endpoints a person wrote; ours go away.
      if (!svc && existing && existing.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] === 'true') store.delete('Endpoints', ns, name);
      if (!svc && slice) store.delete('EndpointSlice', ns, slice.metadata.name ?? '');
      return;
    }
    const pods = store.list<Pod>('Pod', ns).filter((p) => mapSelectorMatches(svc.spec?.selector, p.metadata.labels));
    const subsets = computeSubsets(svc, pods);
    const labels = { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    const body: EndpointsObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels } };
    if (subsets.length) body.subsets = subsets;
    if (!existing) store.create(body);
    else if (JSON.stringify(existing.subsets ?? []) !== JSON.stringify(body.subsets ?? [])) {
      store.update({ ...existing, subsets: body.subsets } as EndpointsObject);
      if (!body.subsets) {
        const cur = store.get<EndpointsObject>('Endpoints', ns, name);
        if (cur?.subsets) {
          const next = { ...cur };
          delete next.subsets;
          store.update(next);
        }
      }
    }
    // The EndpointSlice view of the same endpoints (discovery.k8s.io/v1).
    const endpoints = subsets.flatMap((s) => [
      ...(s.addresses ?? []).map((a) => ({ a, ready: true })),
      ...(s.notReadyAddresses ?? []).map((a) => ({ a, ready: false })),
    ]).map(({ a, ready }) => ({ addresses: [a.ip], conditions: { ready, serving: ready, terminating: false }, ...(a.hostname ? { hostname: a.hostname } : {}), nodeName: a.nodeName, targetRef: a.targetRef }));
    const ports = (subsets[0]?.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol }));
    const sliceBody = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: slice?.metadata.name ?? `${name}-${this.sim.random.string(NAME_SUFFIX_ALPHABET, 5)}`,
        namespace: ns,
        labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    } as unknown as KubeObject;
    if (!slice) store.create(sliceBody);
    else if (JSON.stringify((slice as unknown as { endpoints?: unknown }).endpoints) !== JSON.stringify(endpoints)) store.update({ ...slice, ...(sliceBody as object), metadata: slice.metadata } as KubeObject);
  }
}
