// `kubectl get nodes`: printNode from k/k pkg/printers/internalversion/printers.go.

import type { Node } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from './duration.ts';
import { renderTable, type TableOptions } from './table.ts';

export const NODE_HEADERS = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
export const NODE_WIDE_HEADERS = [
  ...NODE_HEADERS,
  'INTERNAL-IP',
  'EXTERNAL-IP',
  'OS-IMAGE',
  'KERNEL-VERSION',
  'CONTAINER-RUNTIME',
];

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** Roles from `node-role.kubernetes.io/<role>` keys and the legacy `kubernetes.io/role` value, sorted and de-duplicated. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_LABEL_PREFIX)) {
      const role = k.slice(ROLE_LABEL_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === LEGACY_ROLE_LABEL && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

/** `Ready` / `NotReady` (any status but True) / `Unknown` (no Ready condition), plus `,SchedulingDisabled`. */
export function nodeStatus(node: Node): string {
  // Later duplicates win, as they do in kubectl's condition map.
  let ready: string | undefined;
  for (const c of node.status?.conditions ?? []) if (c.type === 'Ready') ready = c.status;
  const parts = [ready === undefined ? 'Unknown' : ready === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeAddress(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export function nodeRow(node: Node, nowMs: number, wide = false): string[] {
  const roles = nodeRoles(node).join(',');
  const info = node.status?.nodeInfo;
  const row = [
    node.metadata?.name ?? '',
    nodeStatus(node),
    roles || '<none>',
    translateTimestampSince(node.metadata?.creationTimestamp, nowMs),
    info?.kubeletVersion ?? '',
  ];
  if (!wide) return row;
  return [
    ...row,
    nodeAddress(node, 'InternalIP'),
    nodeAddress(node, 'ExternalIP'),
    info?.osImage || '<unknown>',
    info?.kernelVersion || '<unknown>',
    info?.containerRuntimeVersion || '<unknown>',
  ];
}

/** Nodes are cluster-scoped: kubectl get drops the NAMESPACE column for them even with -A. */
export function getNodesTable(nodes: Node[], nowMs: number, options: TableOptions = {}): string {
  const rows = nodes.map((n) => ({ cells: nodeRow(n, nowMs, options.wide === true), labels: n.metadata?.labels }));
  return renderTable(options.wide ? NODE_WIDE_HEADERS : NODE_HEADERS, rows, { ...options, allNamespaces: false });
}
