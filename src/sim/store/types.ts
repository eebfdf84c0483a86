// The shape every API object shares. Specific kinds use the kubernetes-types definitions;
// the store itself only needs apiVersion/kind/metadata.

import type { ObjectMeta } from '../api.ts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** Field access for code that handles every kind alike (spec/status by name). */
export function field(o: KubeObject, name: string): unknown {
  return (o as unknown as Record<string, unknown>)[name];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
  /** The object as it was before a MODIFIED event. */
  old?: T;
}

export type Watcher = (event: WatchEvent) => void;

/** Result of a write: the stored object, or an API status error. */
export type ApiResult<T> = { ok: true; object: T } | { ok: false; error: ApiError };

export interface ApiError {
  /** HTTP-ish reason as kubectl prints it: `Error from server (NotFound): ...`. */
  reason: 'NotFound' | 'AlreadyExists' | 'Invalid' | 'BadRequest' | 'Conflict' | 'Forbidden' | 'MethodNotAllowed' | 'InternalError';
  message: string;
}

export function apiErrorText(e: ApiError): string {
  // kubectl prints Invalid errors from the API verbatim (the message already names the kind).
  if (e.reason === 'Invalid') return e.message;
  return `Error from server (${e.reason}): ${e.message}`;
}
