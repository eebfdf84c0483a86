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

/** Probe kinds by the small number a plain success is stored as. */
const KINDS: readonly ProbeKind[] = ['Liveness', 'Readiness', 'Startup'];

/**
 * One container's entries, a ring of the last PER_CONTAINER. Most entries are successes with
 * nothing to say, so those are kept as a time in `times` and the kind's number in `items` (no
 * object per probe: with a hundred probed containers, an object for every result kept the
 * garbage collector busy); anything else is kept as its entry. `view` is the entries as
 * objects, made when they are first read after a write.
 */
interface ContainerLog {
  uid: string;
  times: Float64Array;
  items: (number | ProbeLogEntry)[];
  /** Where the oldest entry is, and how many there are. */
  start: number;
  size: number;
  view: ProbeLogEntry[] | undefined;
  /** False once the log is no longer kept (forgotten, replaced or pushed out). */
  live: boolean;
}

/** Records one container's results: the key is built once, not once per probe. */
export interface ProbeLogWriter {
  entry(entry: ProbeLogEntry): void;
  probe(t: number, kind: ProbeKind, ok: boolean, output: string, crossed: boolean): void;
}

export class ProbeLog {
  private readonly logs = new Map<string, ContainerLog>();

  private static key(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  record(namespace: string, pod: string, uid: string, container: string, entry: ProbeLogEntry): void {
    this.push(this.logFor(ProbeLog.key(namespace, pod, container), uid), entry.t, entry);
  }

  writer(namespace: string, pod: string, uid: string, container: string): ProbeLogWriter {
    const key = ProbeLog.key(namespace, pod, container);
    // The log found last time, while it is still the one kept under the key.
    let log: ContainerLog | undefined;
    const current = (): ContainerLog => (log?.live ? log : (log = this.logFor(key, uid)));
    return {
      entry: (entry) => this.push(current(), entry.t, entry),
      probe: (t, kind, ok, output, crossed) => {
        const item = ok && output === '' && !crossed ? KINDS.indexOf(kind) : crossed ? { t, kind, ok, output, crossed } : { t, kind, ok, output };
        this.push(current(), t, item);
      },
    };
  }

  private logFor(key: string, uid: string): ContainerLog {
    let log = this.logs.get(key);
    // A pod recreated under the same name (a StatefulSet's, a bare pod) starts a new log.
    if (!log || log.uid !== uid) {
      this.drop(key);
      log = { uid, times: new Float64Array(PER_CONTAINER), items: new Array<number | ProbeLogEntry>(PER_CONTAINER).fill(0), start: 0, size: 0, view: undefined, live: true };
      this.logs.set(key, log);
      if (this.logs.size > CONTAINERS) this.drop(this.logs.keys().next().value!);
    }
    return log;
  }

  private push(log: ContainerLog, t: number, item: number | ProbeLogEntry): void {
    const at = (log.start + log.size) % PER_CONTAINER;
    log.times[at] = t;
    log.items[at] = item;
    if (log.size < PER_CONTAINER) log.size++;
    else log.start = (log.start + 1) % PER_CONTAINER;
    log.view = undefined;
  }

  /** A pod is gone from the node: its containers' logs go with it (only live pods are shown). */
  forget(namespace: string, pod: string, uid: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, log] of this.logs) if (key.startsWith(prefix) && log.uid === uid) this.drop(key);
  }

  private drop(key: string): void {
    const log = this.logs.get(key);
    if (!log) return;
    log.live = false;
    this.logs.delete(key);
  }

  /** The container's last entries, oldest first (empty if none); the same array until the next write. */
  entries(namespace: string, pod: string, container: string): readonly ProbeLogEntry[] {
    const log = this.logs.get(ProbeLog.key(namespace, pod, container));
    if (!log) return [];
    if (!log.view) {
      const view: ProbeLogEntry[] = [];
      for (let k = 0; k < log.size; k++) {
        const i = (log.start + k) % PER_CONTAINER;
        const item = log.items[i]!;
        view.push(typeof item === 'number' ? { t: log.times[i]!, kind: KINDS[item]!, ok: true, output: '' } : item);
      }
      log.view = view;
    }
    return log.view;
  }
}
