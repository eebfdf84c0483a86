// Resource metadata for the store and kubectl, taken from the served-resource table in
// admission/apiVersions.ts (the single source of what this API server serves).

import type { ResourceInfo } from './store/store.ts';
import { resolveResourceType as resolveArg, resourcesInCategory, SERVED_RESOURCES, type ServedResource } from './admission/apiVersions.ts';

export type { ServedResource };

// Core `events` wins over events.k8s.io, as in discovery.
const BY_KIND = new Map<string, ServedResource>();
for (const s of SERVED_RESOURCES) if (!BY_KIND.has(s.kind)) BY_KIND.set(s.kind, s);

export function servedByKind(kind: string): ServedResource | undefined {
  return BY_KIND.get(kind);
}

export function resourceInfo(kind: string): ResourceInfo | undefined {
  const s = BY_KIND.get(kind);
  return s ? { kind, plural: s.resource, group: s.group, namespaced: s.namespaced } : undefined;
}

/** `pods`, `po`, `Pod`, `deployments.apps` → the resource; undefined if the server has none. */
export function resolveResourceType(token: string): ServedResource | undefined {
  const r = resolveArg(token);
  return r.ok ? r.resource : undefined;
}

/** The kinds `kubectl get all` lists. */
export function allCategory(): ServedResource[] {
  return resourcesInCategory('all');
}
