// kubectl get (tables, -o formats, -w) and kubectl describe.

import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ConfigMap, Endpoints, KEvent, Namespace, Node, Pod, Secret, Service } from '../../api.ts';
import type { KubeObject } from '../../store/types.ts';
import { bool, str, strings, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { customColumns, jsonpath, listOf, nameOf, toJson, toYaml } from '../output.ts';
import { fieldFilter, matchesLabels, notFoundMessage, parseLabelSelector, parseTargets, type Target } from '../select.ts';
import {
  configMapRow,
  describeNode,
  describePod,
  endpointSliceRow,
  endpointsRow,
  eventRow,
  namespaceRow,
  nodeRow,
  noResourcesFound,
  podRow,
  printTable,
  renderTable,
  secretRow,
  serviceRow,
  describeService,
  translateTimestampSince,
  formatLabelSelector,
  describeWorkload,
  describeDeployment,
  type DeploymentView,
  type RSSummary,
  type WorkloadView,
  CONFIGMAP_HEADERS,
  ENDPOINTS_HEADERS,
  ENDPOINTSLICE_HEADERS,
  EVENT_HEADERS,
  EVENT_WIDE_HEADERS,
  NAMESPACE_HEADERS,
  NODE_HEADERS,
  NODE_WIDE_HEADERS,
  POD_HEADERS,
  POD_WIDE_HEADERS,
  SECRET_HEADERS,
  SERVICE_HEADERS,
  SERVICE_WIDE_HEADERS,
} from '../printers/index.ts';
import type { ServedResource } from '../../resources.ts';
import { allCategory } from '../../resources.ts';
import type { Workload } from '../../controllers/replicaset.ts';
import type { Ingress } from '../../runtime/ingress.ts';
import type { Job as JobObject } from '../../controllers/job.ts';
import type { DaemonSet as DaemonSetObject } from '../../controllers/daemonset.ts';
import { humanDuration, parseTimestamp } from '../printers/duration.ts';
import { describeDaemonSet, describeJob, type DaemonSetView, type JobView } from '../printers/describe-batch.ts';
import { describeStatefulSet, statefulSetRow, STATEFULSET_HEADERS, STATEFULSET_WIDE_HEADERS, type StatefulSetView } from '../printers/describe-statefulset.ts';
import type { Event, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { describeConfigMap, describeSecret } from '../printers/config.ts';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, pvcRow, pvRow, storageClassRow, PV_HEADERS, PV_WIDE_HEADERS, PVC_HEADERS, PVC_WIDE_HEADERS, STORAGECLASS_HEADERS } from '../printers/storage.ts';

interface Columns {
  headers: string[];
  row: (o: KubeObject) => string[];
}

/** The table columns for a kind (default and -o wide). */
export function columnsFor(kind: string, now: number, wide: boolean): Columns {
  switch (kind) {
    case 'Pod':
      return { headers: wide ? POD_WIDE_HEADERS : POD_HEADERS, row: (o) => podRow(o as Pod, now, wide) };
    case 'Node':
      return { headers: wide ? NODE_WIDE_HEADERS : NODE_HEADERS, row: (o) => nodeRow(o as Node, now, wide) };
    case 'Namespace':
      return { headers: NAMESPACE_HEADERS, row: (o) => namespaceRow(o as Namespace, now) };
    case 'Event':
      return { headers: wide ? EVENT_WIDE_HEADERS : EVENT_HEADERS, row: (o) => eventRow(o as KEvent, now, wide) };
    case 'ConfigMap':
      return { headers: CONFIGMAP_HEADERS, row: (o) => configMapRow(o as ConfigMap, now) };
    case 'Secret':
      return { headers: SECRET_HEADERS, row: (o) => secretRow(o as Secret, now) };
    case 'Service':
      return { headers: wide ? SERVICE_WIDE_HEADERS : SERVICE_HEADERS, row: (o) => serviceRow(o as Service, now, wide) };
    case 'Endpoints':
      return { headers: ENDPOINTS_HEADERS, row: (o) => endpointsRow(o as Endpoints, now) };
    case 'EndpointSlice':
      return { headers: ENDPOINTSLICE_HEADERS, row: (o) => endpointSliceRow(o, now) };
    case 'Ingress':
      return {
        headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
        row: (o) => {
          const ing = o as Ingress & { status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } };
          const hosts = [...new Set((ing.spec?.rules ?? []).map((r) => r.host ?? '*'))];
          const addr = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').join(',');
          return [o.metadata.name ?? '', ing.spec?.ingressClassName ?? '<none>', hosts.length ? hosts.join(',') : '*', addr, (ing.spec?.tls ?? []).length ? '80, 443' : '80', translateTimestampSince(o.metadata.creationTimestamp, now)];
        },
      };
    case 'IngressClass':
      return {
        headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
        row: (o) => [o.metadata.name ?? '', String((o as { spec?: { controller?: string } }).spec?.controller ?? ''), '<none>', translateTimestampSince(o.metadata.creationTimestamp, now)],
      };
    case 'Deployment': {
      const headers = ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])];
      return {
        headers,
        row: (o) => {
          const w = o as Workload;
          const st = (w.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
          const containers = (w.spec?.template?.spec?.['containers'] ?? []) as { name: string; image?: string }[];
          return [
            o.metadata.name ?? '',
            `${st.readyReplicas ?? 0}/${w.spec?.replicas ?? 1}`,
            String(st.updatedReplicas ?? 0),
            String(st.availableReplicas ?? 0),
            translateTimestampSince(o.metadata.creationTimestamp, now),
            ...(wide ? [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(w.spec?.selector as never) || '<none>'] : []),
          ];
        },
      };
    }
    case 'ReplicaSet':
    case 'ReplicationController': {
      const headers = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])];
      return {
        headers,
        row: (o) => {
          const w = o as Workload;
          const st = (w.status ?? {}) as { replicas?: number; readyReplicas?: number };
          const containers = ((w.spec?.template?.spec?.['containers'] ?? []) as { name: string; image?: string }[]);
          const sel = kind === 'ReplicaSet' ? formatLabelSelector(w.spec?.selector as never) : Object.entries((w.spec?.selector ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
          return [
            o.metadata.name ?? '',
            String(w.spec?.replicas ?? 1),
            String(st.replicas ?? 0),
            String(st.readyReplicas ?? 0),
            translateTimestampSince(o.metadata.creationTimestamp, now),
            ...(wide ? [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), sel || '<none>'] : []),
          ];
        },
      };
    }
    case 'StatefulSet':
      return { headers: wide ? STATEFULSET_WIDE_HEADERS : STATEFULSET_HEADERS, row: (o) => statefulSetRow(o as unknown as StatefulSetView, now, wide) };
    case 'Job': {
      // printJob (v1.30+ has the STATUS column).
      const headers = ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])];
      return {
        headers,
        row: (o) => {
          const j = o as JobObject;
          const st = j.status ?? {};
          const spec = j.spec ?? {};
          const succeeded = st.succeeded ?? 0;
          const parallelism = spec.parallelism ?? 0;
          const completions = spec.completions !== undefined ? `${succeeded}/${spec.completions}` : parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
          const start = parseTimestamp(st.startTime);
          const end = parseTimestamp(st.completionTime) ?? now;
          const jobDuration = start === undefined ? '' : humanDuration(end - start);
          const has = (t: string): boolean => (st.conditions ?? []).some((c) => c.type === t && c.status === 'True');
          const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : o.metadata.deletionTimestamp ? 'Terminating' : has('Suspended') ? 'Suspended' : has('FailureTarget') ? 'FailureTarget' : 'Running';
          const containers = (spec.template?.spec?.['containers'] ?? []) as { name: string; image?: string }[];
          return [
            o.metadata.name ?? '',
            status,
            completions,
            jobDuration,
            translateTimestampSince(o.metadata.creationTimestamp, now),
            ...(wide ? [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(spec.selector as never) || '<none>'] : []),
          ];
        },
      };
    }
    case 'DaemonSet': {
      const headers = ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])];
      return {
        headers,
        row: (o) => {
          const ds = o as DaemonSetObject;
          const st = (ds.status ?? {}) as Record<string, number | undefined>;
          const tspec = ds.spec?.template?.spec ?? {};
          const nodeSelector = Object.entries((tspec['nodeSelector'] ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          const containers = (tspec['containers'] ?? []) as { name: string; image?: string }[];
          const n = (k: string): string => String(st[k] ?? 0);
          return [
            o.metadata.name ?? '',
            n('desiredNumberScheduled'),
            n('currentNumberScheduled'),
            n('numberReady'),
            n('updatedNumberScheduled'),
            n('numberAvailable'),
            nodeSelector.length ? nodeSelector.map(([k, v]) => `${k}=${v}`).join(',') : '<none>',
            translateTimestampSince(o.metadata.creationTimestamp, now),
            ...(wide ? [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(ds.spec?.selector as never) || '<none>'] : []),
          ];
        },
      };
    }
    case 'PersistentVolume':
      return { headers: wide ? PV_WIDE_HEADERS : PV_HEADERS, row: (o) => pvRow(o as unknown as PersistentVolume, now, wide) };
    case 'PersistentVolumeClaim':
      return { headers: wide ? PVC_WIDE_HEADERS : PVC_HEADERS, row: (o) => pvcRow(o as unknown as PersistentVolumeClaim, now, wide) };
    case 'StorageClass':
      return { headers: STORAGECLASS_HEADERS, row: (o) => storageClassRow(o as unknown as StorageClass, now) };
    case 'ControllerRevision':
      // printControllerRevision: the controller as kind.group/name.
      return {
        headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
        row: (o) => {
          const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
          const group = ref?.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
          const controller = ref ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}` : '<none>';
          return [o.metadata.name ?? '', controller, String((o as { revision?: number }).revision ?? 0), translateTimestampSince(o.metadata.creationTimestamp, now)];
        },
      };
    case 'ServiceAccount':
      return { headers: ['NAME', 'SECRETS', 'AGE'], row: (o) => [o.metadata.name ?? '', String(((o as { secrets?: unknown[] }).secrets ?? []).length), translateTimestampSince(o.metadata.creationTimestamp, now)] };
    default:
      return { headers: ['NAME', 'AGE'], row: (o) => [o.metadata.name ?? '', translateTimestampSince(o.metadata.creationTimestamp, now)] };
  }
}

const GET_FLAGS = [
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'watch', short: 'w', type: 'bool' as const },
  { name: 'watch-only', type: 'bool' as const },
  { name: 'show-labels', type: 'bool' as const },
  { name: 'label-columns', short: 'L', type: 'strings' as const },
  { name: 'no-headers', type: 'bool' as const },
  { name: 'label-columns', short: 'L', type: 'strings' as const },
  { name: 'sort-by', type: 'string' as const },
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'show-kind', type: 'bool' as const },
  { name: 'ignore-not-found', type: 'bool' as const },
];

interface Selection {
  objects: { res: ServedResource; items: KubeObject[] }[];
  errors: string[];
}

/** Fetch the objects the arguments name, applying -n/-A, -l and --field-selector. */
export function select(env: KubectlEnv, p: Parsed, targets: Target[], opts: { allNamespaces: boolean }): Selection | string {
  const store = env.cluster.store;
  const ns = str(p, 'namespace') ?? env.namespace;
  const labelSel = str(p, 'selector');
  const reqs = labelSel ? parseLabelSelector(labelSel) : [];
  if (typeof reqs === 'string') return `error: ${reqs}`;
  const fieldSel = str(p, 'field-selector');
  const errors: string[] = [];
  const objects: Selection['objects'] = [];
  for (const t of targets) {
    const filter = fieldSel ? fieldFilter(fieldSel, t.resource.kind) : () => true;
    if (typeof filter === 'string') return `Error from server (BadRequest): Unable to find "${t.resource.group ? t.resource.group + '/' : '/'}${t.resource.version}, Resource=${t.resource.resource}" that match label selector "${labelSel ?? ''}", field selector "${fieldSel}": ${filter}`;
    const scopeNs = t.resource.namespaced && !opts.allNamespaces ? ns : undefined;
    let items: KubeObject[];
    if (t.names.length) {
      items = [];
      for (const n of t.names) {
        const o = store.get(t.resource.kind, scopeNs, n);
        if (o) items.push(o);
        else if (!bool(p, 'ignore-not-found')) errors.push(notFoundMessage(store, t.resource.kind, n));
      }
    } else {
      items = store.list(t.resource.kind, scopeNs);
    }
    items = items.filter((o) => matchesLabels(o.metadata.labels, reqs as Exclude<typeof reqs, string>) && filter(o));
    const sortBy = str(p, 'sort-by');
    if (sortBy) {
      const sorted = sortItems(items, sortBy);
      if (typeof sorted === 'string') return sorted;
      items = sorted;
    }
    objects.push({ res: t.resource, items });
  }
  return { objects, errors };
}

/**
 * --sort-by: kubectl's sorting printer. The field is a JSONPath (`.metadata.name` or
 * `{.metadata.name}`); numbers compare as numbers, everything else as text (RFC 3339 times sort
 * in time order), objects without the field first. Equal keys keep the API's order.
 */
export function sortItems(items: KubeObject[], field: string): KubeObject[] | string {
  const tpl = field.startsWith('{') ? field : `{${field}}`;
  let keys: string[];
  try {
    keys = items.map((o) => jsonpath(o, tpl));
  } catch (e) {
    return `error: couldn't parse sort-by field ${field}: ${(e as Error).message}`;
  }
  const numeric = keys.every((k) => k === '' || /^-?\d+(\.\d+)?$/.test(k));
  const order = items.map((o, i) => ({ o, k: keys[i]! }));
  order.sort((a, b) => {
    if (a.k === '' || b.k === '') return a.k === b.k ? 0 : a.k === '' ? -1 : 1;
    return numeric ? Number(a.k) - Number(b.k) : a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
  });
  return order.map((x) => x.o);
}

function printStructured(env: KubectlEnv, format: string, items: KubeObject[], single: boolean, o: Output): boolean {
  const store = env.cluster.store;
  const clean = items.map(stripManaged);
  const root: unknown = single && clean.length === 1 ? clean[0] : listOf(clean);
  if (format === 'yaml') o.out(toYaml(root));
  else if (format === 'json') o.out(toJson(root));
  else if (format === 'name') o.out(items.map((i) => nameOf(store, i) + '\n').join(''));
  else if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    const tpl = format.slice(format.indexOf('=') + 1).replace(/^'(.*)'$/, '$1');
    try {
      o.out(jsonpath(root, tpl));
    } catch (e) {
      o.err(`error: error parsing jsonpath ${tpl}, ${(e as Error).message}\n`);
      return false;
    }
  } else if (format.startsWith('custom-columns=')) {
    const [headers, ...rows] = customColumns(format.slice('custom-columns='.length), clean);
    o.out(printTable(headers ?? [], rows.length ? rows : []) || (headers ?? []).join('   ') + '\n');
  } else {
    o.err(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n`);
    return false;
  }
  return true;
}

/** What `-o yaml` shows: the stored object minus fields kubectl users never see here. */
export function stripManaged(o: KubeObject): KubeObject {
  const c = structuredClone(o);
  delete (c.metadata as { managedFields?: unknown }).managedFields;
  return c;
}


function* get(env: KubectlEnv, p: Parsed, o: Output): Job {
  const now = env.cluster.clock.wallTime;
  const allNs = bool(p, 'all-namespaces');
  const ns = str(p, 'namespace') ?? env.namespace;
  const format = str(p, 'output') ?? '';
  const wide = format === 'wide';
  if (p.args.length === 0) {
    o.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    return 1;
  }
  const isAll = p.args[0] === 'all' && !p.args.some((a) => a.includes('/'));
  let targets: Target[];
  if (isAll) {
    targets = allCategory().map((resource) => ({ resource, names: p.args.slice(1) }));
  } else {
    const parsed = parseTargets(p.args);
    if (!parsed.ok) {
      o.err(parsed.error + '\n');
      return 1;
    }
    targets = parsed.targets;
  }
  const sel = select(env, p, targets, { allNamespaces: allNs });
  if (typeof sel === 'string') {
    o.err(sel + '\n');
    return 1;
  }
  const multiKind = targets.length > 1 || isAll || p.args.some((a) => a.includes('/'));
  const total = sel.objects.reduce((n, s) => n + s.items.length, 0);
  if (format && !wide) {
    const items = sel.objects.flatMap((s) => s.items);
    const single = targets.length === 1 && targets[0]!.names.length === 1 && !isAll;
    if (items.length || !single) printStructured(env, format, items, single, o);
    for (const e of sel.errors) o.err(e + '\n');
    return sel.errors.length ? 1 : 0;
  }
  const labelColumns = strings(p, 'label-columns').flatMap((l) => l.split(',')).map((l) => l.trim()).filter((l) => l !== '');
  const tableOpts = { wide, showLabels: bool(p, 'show-labels'), labelColumns, noHeaders: bool(p, 'no-headers'), allNamespaces: allNs };
  const chunks: string[] = [];
  for (const s of sel.objects) {
    if (s.items.length === 0) continue;
    const cols = columnsFor(s.res.kind, now, wide);
    const prefix = multiKind ? `${s.res.group ? `${s.res.singular}.${s.res.group}` : s.res.singular}/` : '';
    const rows = s.items.map((item) => {
      const cells = cols.row(item);
      if (prefix) cells[0] = prefix + cells[0];
      return { cells, namespace: item.metadata.namespace, labels: item.metadata.labels };
    });
    chunks.push(renderTable(cols.headers, rows, tableOpts));
  }
  if (chunks.length) o.out(chunks.join('\n'));
  for (const e of sel.errors) o.err(e + '\n');
  if (total === 0 && sel.errors.length === 0) {
    o.err(noResourcesFound(allNs || targets.every((t) => !t.resource.namespaced) ? undefined : ns));
  }
  if (bool(p, 'watch') || bool(p, 'watch-only')) {
    return yield* watchRows(env, p, targets, o, tableOpts);
  }
  return sel.errors.length && total === 0 ? 1 : 0;
}

/** get -w: one row per change, until the caller's stream limit. */
function* watchRows(env: KubectlEnv, p: Parsed, targets: Target[], o: Output, tableOpts: { wide: boolean; allNamespaces: boolean }): Job {
  const store = env.cluster.store;
  const ns = str(p, 'namespace') ?? env.namespace;
  const kinds = new Set(targets.map((t) => t.resource.kind));
  const names = new Set(targets.flatMap((t) => t.names));
  const pending: KubeObject[] = [];
  const unwatch = store.watch('*', (ev) => {
    if (!kinds.has(ev.object.kind)) return;
    if (!tableOpts.allNamespaces && ev.object.metadata.namespace && ev.object.metadata.namespace !== ns) return;
    if (names.size && !names.has(ev.object.metadata.name ?? '')) return;
    pending.push(ev.object);
  });
  const limit = env.streamLimitMs ?? 60_000;
  let waited = 0;
  try {
    while (waited < limit) {
      yield { type: 'sleep', ms: 1000 };
      waited += 1000;
      const now = env.cluster.clock.wallTime;
      for (const obj of pending.splice(0)) {
        const cols = columnsFor(obj.kind, now, tableOpts.wide);
        o.out(renderTable(cols.headers, [{ cells: cols.row(obj), namespace: obj.metadata.namespace, labels: obj.metadata.labels }], { ...tableOpts, noHeaders: true }));
      }
    }
  } finally {
    unwatch();
  }
  return 0;
}

function* describe(env: KubectlEnv, p: Parsed, o: Output): Job {
  const store = env.cluster.store;
  const now = env.cluster.clock.wallTime;
  if (p.args.length === 0) {
    o.err('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    return 1;
  }
  const parsed = parseTargets(p.args);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return 1;
  }
  const sel = select(env, p, parsed.targets, { allNamespaces: bool(p, 'all-namespaces') });
  if (typeof sel === 'string') {
    o.err(sel + '\n');
    return 1;
  }
  const texts: string[] = [];
  // describe NAME with no exact match falls back to a prefix match, as kubectl does.
  for (const t of parsed.targets) {
    const got = sel.objects.find((s) => s.res === t.resource)?.items ?? [];
    let items = got;
    if (t.names.length && got.length < t.names.length) {
      const ns = str(p, 'namespace') ?? env.namespace;
      const extra = store
        .list(t.resource.kind, t.resource.namespaced ? ns : undefined)
        .filter((x) => t.names.some((n) => (x.metadata.name ?? '').startsWith(n)) && !got.includes(x));
      items = [...got, ...extra];
    }
    for (const item of items) texts.push(describeObject(env, item, now));
  }
  if (texts.length) o.out(texts.join('\n\n'));
  const missing = sel.errors.filter((e) => !texts.length || !parsed.targets.some((t) => t.names.some((n) => e.includes(`"${n}"`) && texts.some((x) => x.includes(`Name:         ${n}`)))));
  if (texts.length === 0) {
    for (const e of missing) o.err(e + '\n');
    if (missing.length === 0) o.err(noResourcesFound(str(p, 'namespace') ?? env.namespace));
    return missing.length ? 1 : 0;
  }
  return 0;
}

export function describeObject(env: KubectlEnv, obj: KubeObject, now: number): string {
  const store = env.cluster.store;
  const events = env.cluster.events.eventsFor(obj);
  const ownedPods = (): Pod[] => store.list<Pod>('Pod', obj.metadata.namespace).filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid));
  if (obj.kind === 'Pod') {
    const kubelet = env.cluster.kubelets.get((obj as Pod).spec?.nodeName ?? '');
    const w = kubelet?.find(obj as Pod);
    // Say plainly when a container runs an image Kubelab does not model.
    const notes = (w?.containers ?? []).filter((c) => c.image?.model.generic).map((c) => `Kubelab: container ${c.spec.name}: ${c.image!.model.description}.\n`);
    return describePod(obj as Pod, events, now) + notes.join('');
  }
  if (obj.kind === 'Node') {
    const pods = store.list<Pod>('Pod').filter((x) => x.spec?.nodeName === obj.metadata.name);
    // The kubelet renews its Lease every 10 s (leaseDurationSeconds 40); a stopped one does not.
    const renewMs = env.cluster.kubelets.get(obj.metadata.name ?? '')?.leaseRenewTime() ?? Math.floor(now / 10_000) * 10_000;
    const renew = new Date(renewMs).toISOString().replace(/\.\d+Z$/, 'Z');
    const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: obj.metadata.name ?? '', namespace: 'kube-node-lease' }, spec: { holderIdentity: obj.metadata.name ?? '', leaseDurationSeconds: 40, renewTime: renew } };
    return describeNode(obj as Node, pods, events, now, { lease });
  }
  if (obj.kind === 'Deployment') {
    const rss = store.list<Workload>('ReplicaSet', obj.metadata.namespace).filter((r) => (r.metadata.ownerReferences ?? []).some((x) => x.controller && x.uid === obj.metadata.uid));
    const d = obj as unknown as DeploymentView;
    const template = JSON.stringify(stripHash((d.spec?.template ?? {}) as Record<string, unknown>));
    const summary = (r: Workload): RSSummary => ({ name: r.metadata.name ?? '', replicas: Number((r.status as { replicas?: number } | undefined)?.replicas ?? 0), desired: r.spec?.replicas ?? 0 });
    const newRS = rss.find((r) => JSON.stringify(stripHash((r.spec?.template ?? {}) as Record<string, unknown>)) === template);
    const old = rss.filter((r) => r !== newRS && (r.spec?.replicas ?? 0) > 0);
    return describeDeployment(d, newRS ? summary(newRS) : undefined, old.map(summary), events, now);
  }
  if (obj.kind === 'ReplicaSet' || obj.kind === 'ReplicationController') {
    const pods = ownedPods();
    return describeWorkload(obj as unknown as WorkloadView, pods, events, now);
  }
  if (obj.kind === 'StatefulSet') {
    const pods = ownedPods();
    return describeStatefulSet(obj as unknown as StatefulSetView, pods, events, now);
  }
  if (obj.kind === 'Job') return describeJob(obj as unknown as JobView, events, now);
  if (obj.kind === 'DaemonSet') {
    const pods = ownedPods();
    return describeDaemonSet(obj as unknown as DaemonSetView, pods, events, now);
  }
  if (obj.kind === 'Service') {
    const ep = store.get<Endpoints & KubeObject>('Endpoints', obj.metadata.namespace, obj.metadata.name ?? '');
    return describeService(obj as Service, ep, events, now);
  }
  if (obj.kind === 'PersistentVolume') return describePersistentVolume(obj as unknown as PersistentVolume, events, now);
  if (obj.kind === 'StorageClass') return describeStorageClass(obj as unknown as StorageClass, events, now);
  if (obj.kind === 'PersistentVolumeClaim') {
    // getPodsForPVC: every pod of the namespace that mounts the claim, in any phase.
    const name = obj.metadata.name ?? '';
    const pods = store.list<Pod>('Pod', obj.metadata.namespace).flatMap((p) => (p.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim?.claimName === name).map(() => p));
    return describePersistentVolumeClaim(obj as unknown as PersistentVolumeClaim, events, pods, now);
  }
  if (obj.kind === 'Secret') return describeSecret(obj as unknown as Secret);
  if (obj.kind === 'ConfigMap') return describeConfigMap(obj as unknown as ConfigMap, events as unknown as Event[], now);
  return genericDescribe(obj, events, now);
}

function stripHash(t: Record<string, unknown>): Record<string, unknown> {
  const c = structuredClone(t) as { metadata?: { labels?: Record<string, string> } };
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return c as Record<string, unknown>;
}

function genericDescribe(obj: KubeObject, events: KEvent[], now: number): string {
  const lines = [`Name:         ${obj.metadata.name}`];
  if (obj.metadata.namespace) lines.push(`Namespace:    ${obj.metadata.namespace}`);
  const labels = Object.entries(obj.metadata.labels ?? {});
  lines.push(`Labels:       ${labels.length ? labels.map(([k, v]) => `${k}=${v}`).join('\n              ') : '<none>'}`);
  const ann = Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration');
  lines.push(`Annotations:  ${ann.length ? ann.map(([k, v]) => `${k}: ${v}`).join('\n              ') : '<none>'}`);
  lines.push(events.length ? `Events:       ${events.length} event(s)` : 'Events:       <none>');
  void now;
  return lines.join('\n') + '\n';
}


export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  flags: GET_FLAGS,
  run: get,
};

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'strings' },
  ],
  run: describe,
};
