// What the cluster looked like over the last minutes, for the live charts: ready and
// available pods per ReplicaSet of every Deployment, sampled once per simulated second.
// The simulator keeps no such history (a ReplicaSet's status is only its present), so the
// page records it as time passes. A rewind or reset replaces the driver with a replay that
// cannot be sampled after the fact, so the history starts over then.
//
// Traffic needs no sampling: every request carries its own time (TrafficSource.results).

import type { Cluster } from '../sim/cluster.ts';
import type { KubeObject } from '../sim/store/types.ts';

export interface RsSample {
  /** "namespace/name" of the ReplicaSet. */
  rs: string;
  /** "namespace/name" of its Deployment. */
  deployment: string;
  revision: string;
  image: string;
  /** spec.replicas: what the Deployment currently asks of this ReplicaSet. */
  desired: number;
  ready: number;
  available: number;
}

export interface HistorySample {
  /** Simulated ms since the cluster started, at a whole second. */
  t: number;
  replicaSets: RsSample[];
  /** Deployment "namespace/name" → spec.replicas. */
  deployments: Record<string, number>;
}

/** Ten simulated minutes at one sample a second. */
export const HISTORY_SECONDS = 600;

interface RsObject extends KubeObject {
  spec?: { replicas?: number; template?: { spec?: { containers?: { image?: string }[] } } };
  status?: { readyReplicas?: number; availableReplicas?: number };
}

interface DeploymentObject extends KubeObject {
  spec?: { replicas?: number };
}

export function sampleCluster(cluster: Cluster, t: number): HistorySample {
  const replicaSets: RsSample[] = [];
  for (const rs of cluster.store.list<RsObject>('ReplicaSet')) {
    const owner = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    if (!owner) continue;
    const ns = rs.metadata.namespace ?? 'default';
    replicaSets.push({
      rs: `${ns}/${rs.metadata.name ?? ''}`,
      deployment: `${ns}/${owner.name}`,
      revision: rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?',
      image: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(', '),
      desired: rs.spec?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
      available: rs.status?.availableReplicas ?? 0,
    });
  }
  const deployments: Record<string, number> = {};
  for (const d of cluster.store.list<DeploymentObject>('Deployment')) deployments[`${d.metadata.namespace ?? 'default'}/${d.metadata.name ?? ''}`] = d.spec?.replicas ?? 1;
  return { t, replicaSets, deployments };
}

/** A bounded series of samples of one cluster; see observe(). */
export class HistoryRecorder {
  samples: HistorySample[] = [];
  /** Bumped on every change, so views can tell a new history from an old one. */
  version = 0;
  private cluster: Cluster | undefined;
  private lastNow = -1;

  constructor(private readonly maxSamples = HISTORY_SECONDS) {}

  /**
   * Look at the cluster at simulated time `now` (ms). A new cluster or a clock that went
   * backwards (rewind, reset) starts the history over; a second already sampled is
   * re-sampled (commands typed while paused change it without time passing).
   */
  observe(cluster: Cluster, now: number): void {
    if (cluster !== this.cluster || now < this.lastNow) this.reset(cluster);
    this.lastNow = now;
    const t = Math.floor(now / 1000) * 1000;
    const sample = sampleCluster(cluster, t);
    if (this.samples.at(-1)?.t === t) this.samples[this.samples.length - 1] = sample;
    else this.samples.push(sample);
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
    this.version++;
  }

  reset(cluster?: Cluster): void {
    this.cluster = cluster;
    this.samples = [];
    this.lastNow = -1;
    this.version++;
  }
}

/** The slice of the page's store the recorder listens to (the zustand store fits). */
export interface HistorySource {
  getState(): { now: number; snapshot: { version: number } };
  subscribe(fn: (s: { now: number; snapshot: { version: number } }, prev: { now: number; snapshot: { version: number } }) => void): () => void;
}

let shared: { recorder: HistoryRecorder; off: () => void } | undefined;

/**
 * The page's recorder, fed after each tick: whenever the simulated second changes (or the
 * cluster changed within it). Created on first use; the store is passed in, not imported,
 * so the store never depends on its views.
 */
export function pageHistory(store: HistorySource, cluster: () => Cluster): HistoryRecorder {
  if (shared) return shared.recorder;
  const recorder = new HistoryRecorder();
  let lastSecond = -1;
  let lastCluster: Cluster | undefined;
  const feed = (s: { now: number; snapshot: { version: number } }, prev?: { now: number; snapshot: { version: number } }): void => {
    const c = cluster();
    const second = Math.floor(s.now / 1000);
    if (second === lastSecond && c === lastCluster && s.snapshot.version === prev?.snapshot.version) return;
    lastSecond = second;
    lastCluster = c;
    recorder.observe(c, s.now);
  };
  feed(store.getState());
  shared = { recorder, off: store.subscribe(feed) };
  return recorder;
}
