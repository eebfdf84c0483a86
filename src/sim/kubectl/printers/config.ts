// `kubectl get configmaps` and `kubectl get secrets`: printConfigMap and printSecret; and
// `kubectl describe` of both (describeConfigMap, describeSecret in kubectl's describe.go).
// Go ranges over the data maps in random order; here keys come sorted, one fixed order.

import type { ConfigMap, Event, Secret } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from './duration.ts';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-common.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
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

/** Bytes of a base64 value, as the decoded []byte's len. */
function decodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  return Math.max(0, Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0));
}

function decodeText(b64: string): string {
  try {
    return atob(b64);
  } catch {
    // The API server only stores valid base64; a hand-made object may not be.
    return b64;
  }
}

export function describeSecret(secret: Secret): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(secret.data ?? {}).sort()) {
      const v = secret.data![k]!;
      // A service account token is shown; everything else only by its size.
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${decodeText(v)}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(v)} bytes\n`);
    }
  });
}

export function describeConfigMap(cm: ConfigMap, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(cm.data ?? {}).sort()) w.write(LEVEL_0, `${k}:\n----\n${cm.data![k]}\n`);
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData![k]!)} bytes\n`);
    w.write(LEVEL_0, '\n');
    describeEvents(events, w, nowMs);
  });
}
