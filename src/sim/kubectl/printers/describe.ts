// `kubectl describe pod` and `kubectl describe node`: describePod and describeNode from
// kubectl pkg/describe/describe.go, field for field and in kubectl's order. Layout comes
// from the tabwriter, so the strings below keep kubectl's tabs and trailing spaces.

import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { formatRFC1123Z, translateTimestampSince } from './duration.ts';
import { describeContainers, podEnvResolver } from './describe-containers.ts';
import {
  cmpString,
  describeEvents,
  formatLabelSelector,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printTaintsMultiline,
  printTolerationsMultiline,
} from './describe-common.ts';
import { describeVolumes } from './describe-volumes.ts';
import { nodeRoles } from './node.ts';
import { podQOSClass, podRequestsAndLimits, type ResourceTotals } from '../../podresources.ts';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer.ts';
import { addQuantity, formatQuantity, milliValue, parseQuantity, quantityValue, ZERO_QUANTITY, type Quantity } from './quantity.ts';

export interface DescribePodOptions {
  /** `--show-events=false` leaves the Events section out entirely. */
  showEvents?: boolean;
}

function describePodIPs(pod: Pod, w: PrefixWriter): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

function controlledBy(pod: Pod): string {
  const ref = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function describeTopologySpreadConstraints(pod: Pod, w: PrefixWriter): void {
  const tscs = [...(pod.spec?.topologySpreadConstraints ?? [])].sort((a, b) => cmpString(a.topologyKey, b.topologyKey));
  if (tscs.length === 0) return;
  w.write(LEVEL_0, 'Topology Spread Constraints:\t');
  tscs.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** The text of `kubectl describe pod`; `events` are the pod's events in any order. */
export function describePod(pod: Pod, events: Event[], nowMs: number, extra: DescribePodOptions = {}): string {
  return tabbedString((w) => {
    const spec = pod.spec;
    const status = pod.status ?? {};
    const meta = pod.metadata ?? {};
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec?.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec?.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, nowMs)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 30}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w);
    const owner = controlledBy(pod);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);

    const resolve = podEnvResolver(pod);
    if ((spec?.initContainers ?? []).length > 0) {
      describeContainers('Init Containers', spec!.initContainers!, status.initContainerStatuses, resolve, w);
    }
    describeContainers('Containers', spec?.containers ?? [], status.containerStatuses, resolve, w);
    const ephemeral = spec?.ephemeralContainers ?? [];
    if (ephemeral.length > 0) {
      describeContainers('Ephemeral Containers', ephemeral, status.ephemeralContainerStatuses, resolve, w);
    }
    const gates = spec?.readinessGates ?? [];
    if (gates.length > 0) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of gates) {
        const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec?.volumes, w);
    w.write(LEVEL_0, `QoS Class:\t${podQOSClass(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
    describeTopologySpreadConstraints(pod, w);
    if (extra.showEvents !== false) describeEvents(events, w, nowMs);
  });
}

export interface DescribeNodeOptions {
  /** The node's Lease in kube-node-lease; without it kubectl reports the failed lookup. */
  lease?: Lease;
  showEvents?: boolean;
}

function describeNodeLease(node: Node, lease: Lease | undefined, w: PrefixWriter): void {
  if (!lease) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata?.name ?? ''}" not found\n`);
    return;
  }
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : '<unset>'}\n`);
}

function resourceListOf(list: Record<string, string> | undefined): ResourceTotals {
  const out: ResourceTotals = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

function printResourceList(list: Record<string, string> | undefined, w: PrefixWriter): void {
  const totals = resourceListOf(list);
  for (const name of [...totals.keys()].sort(cmpString)) {
    w.write(LEVEL_0, `  ${name}:\t${formatQuantity(totals.get(name)!)}\n`);
  }
}

/** int64(float64(a) / float64(b) * 100): truncated, and NaN/Inf-free only when b > 0. */
function percent(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Math.trunc((Number(part) / Number(whole)) * 100);
}

const get = (t: ResourceTotals, name: string): Quantity => t.get(name) ?? ZERO_QUANTITY;

function cpuAndMemoryCells(req: ResourceTotals, lim: ResourceTotals, allocatable: ResourceTotals): string[] {
  const cpuAlloc = milliValue(get(allocatable, 'cpu'));
  const memAlloc = quantityValue(get(allocatable, 'memory'));
  const cell = (q: Quantity, whole: bigint, value: (q: Quantity) => bigint): string =>
    `${formatQuantity(q)} (${percent(value(q), whole)}%)`;
  return [
    cell(get(req, 'cpu'), cpuAlloc, milliValue),
    cell(get(lim, 'cpu'), cpuAlloc, milliValue),
    cell(get(req, 'memory'), memAlloc, quantityValue),
    cell(get(lim, 'memory'), memAlloc, quantityValue),
  ];
}

function sumInto(into: ResourceTotals, add: ResourceTotals): void {
  for (const [k, q] of add) {
    const cur = into.get(k);
    into.set(k, cur ? addQuantity(cur, q) : q);
  }
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string): boolean => name.startsWith('hugepages-');

function describeNodeResource(pods: Pod[], node: Node, nowMs: number, w: PrefixWriter): void {
  const allocatable = resourceListOf(
    Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity,
  );
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const reqs: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  for (const pod of pods) {
    const { requests, limits: podLimits } = podRequestsAndLimits(pod);
    const [cpuReq, cpuLim, memReq, memLim] = cpuAndMemoryCells(requests, podLimits, allocatable);
    const age = translateTimestampSince(pod.metadata?.creationTimestamp, nowMs);
    w.write(LEVEL_1, `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${cpuReq}\t${cpuLim}\t${memReq}\t${memLim}\t${age}\n`);
    sumInto(reqs, requests);
    sumInto(limits, podLimits);
  }

  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const [cpuReq, cpuLim, memReq, memLim] = cpuAndMemoryCells(reqs, limits, allocatable);
  w.write(LEVEL_1, `cpu\t${cpuReq}\t${cpuLim}\n`);
  w.write(LEVEL_1, `memory\t${memReq}\t${memLim}\n`);
  const storageAlloc = quantityValue(get(allocatable, 'ephemeral-storage'));
  const storageCell = (q: Quantity): string => `${formatQuantity(q)} (${percent(quantityValue(q), storageAlloc)}%)`;
  w.write(LEVEL_1, `ephemeral-storage\t${storageCell(get(reqs, 'ephemeral-storage'))}\t${storageCell(get(limits, 'ephemeral-storage'))}\n`);

  const names = [...allocatable.keys()];
  for (const name of names.filter(isHugePages).sort(cmpString)) {
    const whole = quantityValue(get(allocatable, name));
    const cell = (q: Quantity): string => `${formatQuantity(q)} (${percent(quantityValue(q), whole)}%)`;
    w.write(LEVEL_1, `${name}\t${cell(get(reqs, name))}\t${cell(get(limits, name))}\n`);
  }
  const extended = names.filter((n) => !isHugePages(n) && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== 'pods');
  for (const name of extended.sort(cmpString)) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(get(reqs, name))}\t${formatQuantity(get(limits, name))}\n`);
  }
}

/**
 * The text of `kubectl describe node`. `podsOnNode` may include finished pods: like
 * kubectl's field selector, only pods that are neither Succeeded nor Failed are listed,
 * in the API's list order (namespace/name).
 */
export function describeNode(
  node: Node,
  podsOnNode: Pod[],
  events: Event[],
  nowMs: number,
  extra: DescribeNodeOptions = {},
): string {
  return tabbedString((w) => {
    const meta = node.metadata ?? {};
    const status = node.status ?? {};
    const info = status.nodeInfo;
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
    describeNodeLease(node, extra.lease, w);

    const conditions = status.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(
          LEVEL_1,
          `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
        );
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity, w);
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable, w);
    }
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);

    const key = (p: Pod): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
    const running = podsOnNode
      .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => cmpString(key(a), key(b)));
    describeNodeResource(running, node, nowMs, w);
    if (extra.showEvents !== false) describeEvents(events, w, nowMs);
  });
}
