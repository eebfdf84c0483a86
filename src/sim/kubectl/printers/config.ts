// `kubectl get configmaps` and `kubectl get secrets`: printConfigMap and printSecret.

import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from './duration.ts';
import { renderTable, type TableOptions } from './table.ts';

export const CONFIGMAP_HEADERS = ['NAME', 'DATA', 'AGE'];
export const SECRET_HEADERS = ['NAME', 'TYPE', 'DATA', 'AGE'];

/** DATA counts data and binaryData keys together. */
export function configMapRow(cm: ConfigMap, nowMs: number): string[] {
  const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return [cm.metadata?.name ?? '', String(count), translateTimestampSince(cm.metadata?.creationTimestamp, nowMs)];
}

/**
 * The API server folds stringData into data and defaults type to Opaque before storing a
 * Secret; reading an unstored object the same way keeps the DATA and TYPE cells right.
 */
export function secretRow(secret: Secret, nowMs: number): string[] {
  const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
  return [
    secret.metadata?.name ?? '',
    secret.type || 'Opaque',
    String(keys.size),
    translateTimestampSince(secret.metadata?.creationTimestamp, nowMs),
  ];
}

export function getConfigMapsTable(configMaps: ConfigMap[], nowMs: number, options: TableOptions = {}): string {
  const rows = configMaps.map((c) => ({
    cells: configMapRow(c, nowMs),
    namespace: c.metadata?.namespace,
    labels: c.metadata?.labels,
  }));
  return renderTable(CONFIGMAP_HEADERS, rows, options);
}

export function getSecretsTable(secrets: Secret[], nowMs: number, options: TableOptions = {}): string {
  const rows = secrets.map((s) => ({
    cells: secretRow(s, nowMs),
    namespace: s.metadata?.namespace,
    labels: s.metadata?.labels,
  }));
  return renderTable(SECRET_HEADERS, rows, options);
}
