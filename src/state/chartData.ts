// Read-only queries the live charts make of the cluster, like inspect.ts for the inspector:
// which Deployment to chart, the requests aimed at it, and a container's probe log. Nothing
// here writes to the cluster, so none of it is recorded or affects a replay.

import type { Cluster } from '../sim/cluster.ts';
import type { ProbeLogEntry } from '../sim/kubelet/probelog.ts';
import { mapSelectorMatches } from '../sim/selectors.ts';
import type { KubeObject } from '../sim/store/types.ts';
import { servicesReachedBy } from '../sim/traffic.ts';
import { parseKey, SYSTEM_NAMESPACES, type ClusterSnapshot } from './snapshot.ts';
import { splitSelection } from './inspect.ts';

export type { ProbeLogEntry };

interface DeploymentObject extends KubeObject {
  spec?: { template?: { metadata?: { labels?: Record<string, string> } } };
}

interface ServiceObject extends KubeObject {
  spec?: { selector?: Record<string, string> };
}

/**
 * The Deployment ("namespace/name") the rollout chart shows: the selected one, or the one
 * above a selected ReplicaSet or pod; otherwise the most recently changed one outside the
 * lab's own namespaces (highest resourceVersion: status writes during a rollout count).
 */
export function pickDeployment(cluster: Cluster, snapshot: ClusterSnapshot, selected: string | undefined): string | undefined {
  if (selected) {
    const { key } = splitSelection(selected);
    const { kind, namespace, name } = parseKey(key);
    if (kind === 'Deployment') return `${namespace ?? 'default'}/${name}`;
    const owner = kind === 'Pod' ? snapshot.pods.find((p) => p.key === key)?.workload : kind === 'ReplicaSet' ? snapshot.workloads.find((w) => w.key === key)?.owner : undefined;
    if (owner && parseKey(owner).kind === 'Deployment') {
      const o = parseKey(owner);
      return `${o.namespace ?? 'default'}/${o.name}`;
    }
  }
  let best: { key: string; rv: number } | undefined;
  for (const d of cluster.store.list('Deployment')) {
    const ns = d.metadata.namespace ?? 'default';
    if (SYSTEM_NAMESPACES.has(ns)) continue;
    const rv = Number(d.metadata.resourceVersion ?? 0);
    if (!best || rv > best.rv) best = { key: `${ns}/${d.metadata.name ?? ''}`, rv };
  }
  return best?.key;
}

export interface DeploymentTraffic {
  /** Names of the traffic sources counted. */
  sources: string[];
  /** Every request of those sources, times in simulated ms since start. */
  results: { t: number; ok: boolean }[];
}

/** Requests from every traffic source that reaches a Service selecting the Deployment's pods. */
export function trafficForDeployment(cluster: Cluster, deployment: string): DeploymentTraffic {
  const [ns = 'default', name = ''] = deployment.split('/');
  const d = cluster.store.get<DeploymentObject>('Deployment', ns, name);
  const labels = d?.spec?.template?.metadata?.labels ?? {};
  const selects = (svcKey: string): boolean => {
    const [sns = 'default', sname = ''] = svcKey.split('/');
    if (sns !== ns) return false;
    return mapSelectorMatches(cluster.store.get<ServiceObject>('Service', sns, sname)?.spec?.selector, labels);
  };
  const epoch = cluster.clock.epoch;
  const out: DeploymentTraffic = { sources: [], results: [] };
  if (!d) return out;
  for (const e of cluster.trafficRegistry.all()) {
    if (!servicesReachedBy(cluster.store, cluster.network.nodeIps, e.source.target).some(selects)) continue;
    out.sources.push(e.name);
    for (const r of e.source.results) out.results.push({ t: r.t - epoch, ok: r.ok });
  }
  return out;
}

export interface ProbeSubject {
  pod: string;
  namespace: string;
  container: string;
  configured: ('Startup' | 'Liveness' | 'Readiness')[];
  entries: readonly ProbeLogEntry[];
}

/** The selected pod's container (the one selected, else the first with a probe) and its probe log. */
export function probeSubject(cluster: Cluster, snapshot: ClusterSnapshot, selected: string | undefined): ProbeSubject | undefined {
  if (!selected) return undefined;
  const { key, container } = splitSelection(selected);
  const pod = snapshot.pods.find((p) => p.key === key);
  if (!pod) return undefined;
  const apps = pod.containers.filter((c) => c.role !== 'init');
  const c = (container ? pod.containers.find((x) => x.name === container) : undefined) ?? apps.find((x) => x.probes.liveness || x.probes.readiness || x.probes.startup) ?? apps[0];
  if (!c) return undefined;
  const configured: ProbeSubject['configured'] = [];
  if (c.probes.startup) configured.push('Startup');
  if (c.probes.liveness) configured.push('Liveness');
  if (c.probes.readiness) configured.push('Readiness');
  const kubelet = pod.node ? cluster.kubelets.get(pod.node) : undefined;
  return { pod: pod.name, namespace: pod.namespace, container: c.name, configured, entries: kubelet?.probeLog.entries(pod.namespace, pod.name, c.name) ?? [] };
}
