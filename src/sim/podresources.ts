// Pod-level resource arithmetic shared by the API server (status.qosClass), the kubelet and
// kubectl describe: the effective requests and limits of a pod (PodRequestsAndLimits,
// sidecar-aware) and its QoS class (GetPodQOS).

import type { Container, Pod } from 'kubernetes-types/core/v1';
import { addQuantities as addQuantity, compareQuantities as cmpQuantity, tryParseQuantity, type Quantity } from './quantity.ts';

function parseQuantity(value: string): Quantity | undefined {
  const r = tryParseQuantity(String(value).trim());
  return r.ok ? r.quantity : undefined;
}

export type ResourceTotals = Map<string, Quantity>;

function toTotals(list: Record<string, string> | undefined): ResourceTotals {
  const out: ResourceTotals = new Map();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(value);
    if (q) out.set(name, q);
  }
  return out;
}

function addInto(into: ResourceTotals, add: ResourceTotals): void {
  for (const [name, q] of add) {
    const cur = into.get(name);
    into.set(name, cur ? addQuantity(cur, q) : q);
  }
}

function maxInto(into: ResourceTotals, other: ResourceTotals): void {
  for (const [name, q] of other) {
    const cur = into.get(name);
    if (!cur || cmpQuantity(q, cur) > 0) into.set(name, q);
  }
}

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/**
 * App containers and sidecars run together, so they add up; each plain init container runs
 * alone next to the sidecars started before it, so the pod needs the largest of those sums.
 * Overhead is added on top.
 */
function podTotals(pod: Pod, pick: (c: Container) => Record<string, string> | undefined): ResourceTotals {
  const total: ResourceTotals = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(total, toTotals(pick(c)));
  const sidecars: ResourceTotals = new Map();
  const initPeak: ResourceTotals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = toTotals(pick(c));
    if (isSidecar(c)) {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initPeak, sidecars);
    } else {
      const withSidecars: ResourceTotals = new Map();
      addInto(withSidecars, own);
      addInto(withSidecars, sidecars);
      maxInto(initPeak, withSidecars);
    }
  }
  maxInto(total, initPeak);
  addInto(total, toTotals(pod.spec?.overhead));
  return total;
}

export function podRequestsAndLimits(pod: Pod): { requests: ResourceTotals; limits: ResourceTotals } {
  return {
    requests: podTotals(pod, (c) => c.resources?.requests),
    limits: podTotals(pod, (c) => c.resources?.limits),
  };
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** Guaranteed, Burstable or BestEffort, computed from the spec as GetPodQOS does. */
export function computeQOSClass(pod: Pod): string {
  const requests: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  let guaranteed = true;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const [name, q] of toTotals(c.resources?.requests)) {
      if (QOS_RESOURCES.has(name) && q.nanos > 0n) addInto(requests, new Map([[name, q]]));
    }
    const limitsFound = new Set<string>();
    for (const [name, q] of toTotals(c.resources?.limits)) {
      if (QOS_RESOURCES.has(name) && q.nanos > 0n) {
        limitsFound.add(name);
        addInto(limits, new Map([[name, q]]));
      }
    }
    if (!limitsFound.has('cpu') || !limitsFound.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** describe prefers the QoS class the kubelet recorded in status. */
export function podQOSClass(pod: Pod): string {
  return pod.status?.qosClass || computeQOSClass(pod);
}
