// Mapping a manifest's apiVersion/kind to a served resource, as kubectl's RESTMapper does
// before sending anything; with Kubelab's one-line hint for APIs Kubernetes removed.

import { resolveKind, resourceMappingError } from '../admission/apiVersions.ts';
import type { ManifestDoc } from './manifest.ts';

/** kubectl's error text (and a hint line) if the kind is not served; undefined if it is. */
export function resolveManifestKind(doc: ManifestDoc): string | undefined {
  const r = resolveKind(doc.object.apiVersion, doc.object.kind);
  if (r.ok) return undefined;
  const where = { name: doc.object.metadata?.name ?? '', namespace: doc.object.metadata?.namespace ?? '', source: doc.source };
  return `error: ${resourceMappingError(where, r.noMatch)}${r.hint ? `\n${r.hint}` : ''}`;
}
