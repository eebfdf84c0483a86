// The simulator's discovery data: which apiVersion/kind pairs it serves, the resource names
// `kubectl get` accepts, the `kubectl api-resources` table, and the errors kubectl gives on a
// v1.31 cluster for anything else (cli-runtime builder.go mappingFor, kubectl resource
// mapping), plus a one-line Kubelab hint for APIs that Kubernetes removed.

import { goQuote } from './fieldErrors.ts';

export interface ServedResource {
  /** "" for the core group. */
  group: string;
  version: string;
  /** `v1`, `apps/v1` ... */
  apiVersion: string;
  /** Plural resource name, as in URLs and `kubectl get <resource>`. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: readonly string[];
  categories: readonly string[];
}

function r(
  apiVersion: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: readonly string[] = [],
  categories: readonly string[] = [],
): ServedResource {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return { group, version, apiVersion, resource, singular: kind.toLowerCase(), kind, namespaced, shortNames, categories };
}

/**
 * Everything the simulator serves, in `kubectl api-resources` order: grouped by API group
 * (core first, then groups alphabetically), resources alphabetically within a group.
 */
export const SERVED_RESOURCES: readonly ServedResource[] = [
  r('v1', 'configmaps', 'ConfigMap', true, ['cm']),
  r('v1', 'endpoints', 'Endpoints', true, ['ep']),
  r('v1', 'events', 'Event', true, ['ev']),
  r('v1', 'namespaces', 'Namespace', false, ['ns']),
  r('v1', 'nodes', 'Node', false, ['no']),
  r('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  r('v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  r('v1', 'pods', 'Pod', true, ['po'], ['all']),
  r('v1', 'replicationcontrollers', 'ReplicationController', true, ['rc'], ['all']),
  r('v1', 'secrets', 'Secret', true),
  r('v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  r('v1', 'services', 'Service', true, ['svc'], ['all']),
  r('apps/v1', 'controllerrevisions', 'ControllerRevision', true),
  r('apps/v1', 'daemonsets', 'DaemonSet', true, ['ds'], ['all']),
  r('apps/v1', 'deployments', 'Deployment', true, ['deploy'], ['all']),
  r('apps/v1', 'replicasets', 'ReplicaSet', true, ['rs'], ['all']),
  r('apps/v1', 'statefulsets', 'StatefulSet', true, ['sts'], ['all']),
  r('batch/v1', 'cronjobs', 'CronJob', true, ['cj'], ['all']),
  r('batch/v1', 'jobs', 'Job', true, [], ['all']),
  r('discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice', true),
  r('events.k8s.io/v1', 'events', 'Event', true, ['ev']),
  r('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', false),
  r('networking.k8s.io/v1', 'ingresses', 'Ingress', true, ['ing']),
  r('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']),
  r('storage.k8s.io/v1', 'storageclasses', 'StorageClass', false, ['sc']),
];

// ---- apiVersion + kind (manifests) ----

export type ResolveKindResult =
  | { ok: true; resource: ServedResource }
  | {
      ok: false;
      /** `no matches for kind "Deployment" in version "apps/v1beta2"`. */
      noMatch: string;
      /** A one-line Kubelab hint (not kubectl output), when there is something useful to say. */
      hint?: string;
    };

interface RemovedApi {
  removedIn: string;
  replacement: string;
  extra?: string;
}

const SELECTOR_NOTE = 'also needs spec.selector';
const INGRESS_NOTE =
  'v1 backends are written `service: {name: ..., port: {number: ...}}` (not serviceName/servicePort) and every path needs a pathType';

/** Removed beta APIs of the kinds the simulator serves (docs: reference/using-api/deprecation-guide). */
const REMOVED: Readonly<Record<string, RemovedApi>> = {
  'extensions/v1beta1 Deployment': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'extensions/v1beta1 DaemonSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'extensions/v1beta1 ReplicaSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'extensions/v1beta1 NetworkPolicy': { removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  'extensions/v1beta1 Ingress': { removedIn: '1.22', replacement: 'networking.k8s.io/v1', extra: INGRESS_NOTE },
  'apps/v1beta1 Deployment': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'apps/v1beta1 StatefulSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'apps/v1beta2 Deployment': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'apps/v1beta2 StatefulSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'apps/v1beta2 DaemonSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'apps/v1beta2 ReplicaSet': { removedIn: '1.16', replacement: 'apps/v1', extra: SELECTOR_NOTE },
  'networking.k8s.io/v1beta1 Ingress': { removedIn: '1.22', replacement: 'networking.k8s.io/v1', extra: INGRESS_NOTE },
  'networking.k8s.io/v1beta1 IngressClass': { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  'storage.k8s.io/v1beta1 StorageClass': { removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  'batch/v1beta1 CronJob': { removedIn: '1.25', replacement: 'batch/v1' },
  'batch/v2alpha1 CronJob': { removedIn: '1.21', replacement: 'batch/v1' },
  'discovery.k8s.io/v1beta1 EndpointSlice': { removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1 Event': { removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  'policy/v1beta1 PodDisruptionBudget': { removedIn: '1.25', replacement: 'policy/v1' },
  'policy/v1beta1 PodSecurityPolicy': { removedIn: '1.25', replacement: '' },
};

function removedHint(apiVersion: string, kind: string, api: RemovedApi): string {
  if (!api.replacement) {
    return `hint: ${kind} (${apiVersion}) was removed in Kubernetes ${api.removedIn} with no replacement; Pod Security Admission took its place.`;
  }
  const base = `hint: ${apiVersion} was removed in Kubernetes ${api.removedIn}; use apiVersion: ${api.replacement}`;
  if (api.extra === INGRESS_NOTE) return `${base}; ${INGRESS_NOTE}.`;
  if (api.extra) return `${base} (a ${kind} in ${api.replacement} ${api.extra}).`;
  return `${base}.`;
}

/** Which served apiVersion + kind an object names, or kubectl's "no matches" text. */
export function resolveKind(apiVersion: string, kind: string): ResolveKindResult {
  const served = SERVED_RESOURCES.find((x) => x.apiVersion === apiVersion && x.kind === kind);
  if (served) return { ok: true, resource: served };
  const noMatch = `no matches for kind ${goQuote(kind)} in version ${goQuote(apiVersion)}`;
  const removed = REMOVED[`${apiVersion} ${kind}`];
  if (removed) return { ok: false, noMatch, hint: removedHint(apiVersion, kind, removed) };
  const sameKind = SERVED_RESOURCES.filter((x) => x.kind === kind);
  if (sameKind.length > 0) {
    const versions = sameKind.map((x) => `apiVersion: ${x.apiVersion}`).join(' or ');
    return { ok: false, noMatch, hint: `hint: ${kind} is served as ${versions}.` };
  }
  const caseless = SERVED_RESOURCES.find((x) => x.kind.toLowerCase() === kind.toLowerCase());
  if (caseless) return { ok: false, noMatch, hint: `hint: kinds are case-sensitive; did you mean kind: ${caseless.kind}?` };
  return { ok: false, noMatch };
}

/**
 * kubectl's error for an object whose kind it cannot map, e.g. from `kubectl apply -f`:
 *
 *   resource mapping not found for name: "hello" namespace: "" from "hello.yaml": no matches for kind "Deployment" in version "apps/v1beta2"
 *   ensure CRDs are installed first
 *
 * kubectl prefixes `error: ` when this is the only error and prints it bare when several
 * objects fail together. `namespace` is the object's metadata.namespace as written ("" if unset).
 */
export function resourceMappingError(where: { name: string; namespace: string; source: string }, noMatch: string): string {
  return (
    `resource mapping not found for name: ${goQuote(where.name)} namespace: ${goQuote(where.namespace)} ` +
    `from ${goQuote(where.source)}: ${noMatch}\nensure CRDs are installed first`
  );
}

// ---- resource arguments (kubectl get/describe/delete <type>) ----

export type ResolveResourceResult = { ok: true; resource: ServedResource } | { ok: false; message: string };

function matches(res: ServedResource, name: string): boolean {
  return res.resource === name || res.singular === name || res.shortNames.includes(name) || res.kind.toLowerCase() === name;
}

/**
 * Maps a `kubectl get` type argument (`pods`, `po`, `Pod`, `deploy`, `deployments.apps`,
 * `deployments.v1.apps`) to a served resource. Core wins over events.k8s.io for `events`,
 * as on a real cluster. Unknown: `the server doesn't have a resource type "foo"` (kubectl
 * prints it with an `error: ` prefix).
 */
export function resolveResourceType(arg: string): ResolveResourceResult {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const resourcePart = dot < 0 ? lower : lower.slice(0, dot);
  if (dot >= 0) {
    const rest = lower.slice(dot + 1);
    const parts = rest.split('.');
    // resource.version.group
    if (parts.length >= 2) {
      const version = parts[0]!;
      const group = parts.slice(1).join('.');
      const hit = SERVED_RESOURCES.find((x) => x.group === group && x.version === version && matches(x, resourcePart));
      if (hit) return { ok: true, resource: hit };
    }
    // resource.group (group may itself contain dots)
    const hit = SERVED_RESOURCES.find((x) => x.group === rest && matches(x, resourcePart));
    if (hit) return { ok: true, resource: hit };
  } else {
    const hit = SERVED_RESOURCES.find((x) => matches(x, lower));
    if (hit) return { ok: true, resource: hit };
  }
  return { ok: false, message: `the server doesn't have a resource type ${goQuote(resourcePart)}` };
}

/** `kubectl get all`: the resources in the "all" category, in discovery order. */
export function resourcesInCategory(category: string): ServedResource[] {
  return SERVED_RESOURCES.filter((x) => x.categories.includes(category));
}

/** How kubectl names a resource in `get` output prefixes: `pod`, `deployment.apps`. */
export function qualifiedSingular(res: ServedResource): string {
  return res.group ? `${res.singular}.${res.group}` : res.singular;
}

// ---- kubectl api-resources ----

/** kubectl's tabwriter: minwidth 6, padding 3, space-padded; the last column is not padded. */
export function tabulate(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 6);
    });
  }
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n').join('');
}

export interface ApiResourcesOptions {
  /** --namespaced=true|false */
  namespaced?: boolean;
  /** --api-group=apps ("" selects the core group) */
  apiGroup?: string;
  /** -o name: `pods`, `deployments.apps` ... one per line */
  output?: 'name';
}

/** `kubectl api-resources` output for the simulator's resources. */
export function apiResourcesTable(opts: ApiResourcesOptions = {}): string {
  const selected = SERVED_RESOURCES.filter(
    (x) => (opts.namespaced === undefined || x.namespaced === opts.namespaced) && (opts.apiGroup === undefined || x.group === opts.apiGroup),
  );
  if (opts.output === 'name') return selected.map((x) => (x.group ? `${x.resource}.${x.group}\n` : `${x.resource}\n`)).join('');
  const rows: string[][] = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']];
  for (const x of selected) rows.push([x.resource, x.shortNames.join(','), x.apiVersion, String(x.namespaced), x.kind]);
  return tabulate(rows);
}
