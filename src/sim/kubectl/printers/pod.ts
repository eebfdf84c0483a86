// `kubectl get pods`: a port of printPod from k/k pkg/printers/internalversion/printers.go.
// READY, STATUS and RESTARTS come from one walk over the init and app container statuses;
// the order of the checks is the behaviour, so the code keeps kubectl's order.

import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration.ts';
import { renderTable, type TableOptions, type TableRow } from './table.ts';

export interface PodColumns {
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

export const POD_HEADERS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
export const POD_WIDE_HEADERS = [...POD_HEADERS, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

/** A sidecar: an init container with restartPolicy Always. */
export function isRestartableInitContainer(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function conditionIsTrue(conditions: PodCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Keeps the later of two optional instants (metav1.Time.Before on possibly-zero times). */
function later(current: number | undefined, candidate: string | undefined): number | undefined {
  const at = parseTimestamp(candidate);
  if (at === undefined) return current;
  return current === undefined || at > current ? at : current;
}

// Fields read as Go reads them: an absent number is 0, an absent string is "".
function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode?: number }): string {
  if (t.reason) return `${prefix}${t.reason}`;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

interface PodSummary {
  ready: number;
  total: number;
  status: string;
  restarts: number;
  lastRestart: number | undefined;
}

function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason = status.reason ? status.reason : phase;
  let total = spec?.containers.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInitContainer(c)) total++;
  }

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]!;
    const sidecar = isRestartableInitContainer(initContainers.get(cs.name));
    restarts += cs.restartCount ?? 0;
    lastRestart = later(lastRestart, cs.lastState?.terminated?.finishedAt);
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, cs.lastState?.terminated?.finishedAt);
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (terminated) {
      reason = terminatedReason('Init:', terminated);
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionIsTrue(status.conditions, 'Initialized')) {
    // Once initialised, plain init containers' restarts stop counting; sidecars' still do.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walked backwards so that the first container's reason is the one left standing.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += cs.restartCount ?? 0;
      lastRestart = later(lastRestart, cs.lastState?.terminated?.finishedAt);
      const terminated = cs.state?.terminated;
      if (cs.state?.waiting?.reason) {
        reason = cs.state.waiting.reason;
      } else if (terminated) {
        reason = terminatedReason('', terminated);
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionIsTrue(status.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return { ready, total, status: reason, restarts, lastRestart };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${trueCount}/${gates.length}`;
}

/** Every cell `kubectl get pods [-o wide]` prints for one pod. */
export function podColumns(pod: Pod, nowMs: number): PodColumns {
  const s = summarizePod(pod);
  const restarts =
    s.restarts !== 0 && s.lastRestart !== undefined
      ? `${s.restarts} (${humanDuration(nowMs - s.lastRestart)} ago)`
      : String(s.restarts);
  return {
    name: pod.metadata?.name ?? '',
    ready: `${s.ready}/${s.total}`,
    status: s.status,
    restarts,
    age: translateTimestampSince(pod.metadata?.creationTimestamp, nowMs),
    // kubectl reads podIPs only; podIP is a fallback for simulator states that set just it.
    ip: pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
    node: pod.spec?.nodeName || '<none>',
    nominatedNode: pod.status?.nominatedNodeName || '<none>',
    readinessGates: readinessGates(pod),
  };
}

export function podRow(pod: Pod, nowMs: number, wide = false): string[] {
  const c = podColumns(pod, nowMs);
  const row = [c.name, c.ready, c.status, c.restarts, c.age];
  return wide ? [...row, c.ip, c.node, c.nominatedNode, c.readinessGates] : row;
}

export function getPodsTable(pods: Pod[], nowMs: number, options: TableOptions = {}): string {
  const rows: TableRow[] = pods.map((p) => ({
    cells: podRow(p, nowMs, options.wide === true),
    namespace: p.metadata?.namespace,
    labels: p.metadata?.labels,
  }));
  return renderTable(options.wide ? POD_WIDE_HEADERS : POD_HEADERS, rows, options);
}
