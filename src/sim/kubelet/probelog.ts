// Every probe result per container, across restarts, for the page's probe timeline. The
// ProbeRunner's own ring is lost when a restart replaces the runner, and Unhealthy events
// are aggregated (count, last time) and say nothing of successes, so the kubelet keeps this
// small bounded log beside them. The simulator only writes it; nothing in it is read back.

import type { ProbeKind } from './probes.ts';

export interface ProbeLogEntry {
  /** Simulated wall time (ms since 1970). */
  t: number;
  /** 'Start' marks a container (re)start; restartCount > 0 is a restart. */
  kind: ProbeKind | 'Start';
  ok: boolean;
  /** This failure made the probe reach failureThreshold (the one that acted). */
  crossed?: boolean;
  output?: string;
  restartCount?: number;
}

/** Entries kept per container: a 10 s period over about 15 minutes for three probes. */
const PER_CONTAINER = 300;
/** Containers remembered per node before the oldest is forgotten. */
const CONTAINERS = 300;

interface ContainerLog {
  uid: string;
  entries: ProbeLogEntry[];
}

export class ProbeLog {
  private readonly logs = new Map<string, ContainerLog>();

  private static key(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  record(namespace: string, pod: string, uid: string, container: string, entry: ProbeLogEntry): void {
    this.recordAt(ProbeLog.key(namespace, pod, container), uid, entry);
  }

  /**
   * A recorder for one container: the key is built once, not once per probe (building and
   * hashing a fresh key string was most of the cost of recording).
   */
  writer(namespace: string, pod: string, uid: string, container: string): (entry: ProbeLogEntry) => void {
    const key = ProbeLog.key(namespace, pod, container);
    return (entry) => this.recordAt(key, uid, entry);
  }

  private recordAt(key: string, uid: string, entry: ProbeLogEntry): void {
    let log = this.logs.get(key);
    // A pod recreated under the same name (a StatefulSet's, a bare pod) starts a new log.
    if (!log || log.uid !== uid) {
      this.logs.delete(key);
      log = { uid, entries: [] };
      this.logs.set(key, log);
      if (this.logs.size > CONTAINERS) this.logs.delete(this.logs.keys().next().value!);
    }
    log.entries.push(entry);
    // Trim in batches: a splice per probe at the cap shifted 300 entries every time, which
    // was 4% of a busy simulated hour.
    if (log.entries.length >= PER_CONTAINER * 2) log.entries.splice(0, log.entries.length - PER_CONTAINER);
  }

  /** A pod is gone from the node: its containers' logs go with it (only live pods are shown). */
  forget(namespace: string, pod: string, uid: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, log] of this.logs) if (key.startsWith(prefix) && log.uid === uid) this.logs.delete(key);
  }

  /** The container's entries, oldest first (empty if none). */
  entries(namespace: string, pod: string, container: string): readonly ProbeLogEntry[] {
    const all = this.logs.get(ProbeLog.key(namespace, pod, container))?.entries ?? [];
    return all.length > PER_CONTAINER ? all.slice(all.length - PER_CONTAINER) : all;
  }
}
