// `kubectl get namespaces`: printNamespace from printers.go.

import type { Namespace } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from './duration.ts';
import { renderTable, type TableOptions } from './table.ts';

export const NAMESPACE_HEADERS = ['NAME', 'STATUS', 'AGE'];

export function namespaceRow(ns: Namespace, nowMs: number): string[] {
  return [ns.metadata?.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata?.creationTimestamp, nowMs)];
}

/** Namespaces are cluster-scoped: no NAMESPACE column even with -A. */
export function getNamespacesTable(namespaces: Namespace[], nowMs: number, options: TableOptions = {}): string {
  const rows = namespaces.map((n) => ({ cells: namespaceRow(n, nowMs), labels: n.metadata?.labels }));
  return renderTable(NAMESPACE_HEADERS, rows, { ...options, allNamespaces: false });
}
