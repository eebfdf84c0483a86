// Turning `get pods nginx`, `pod/nginx svc/web`, `pods,svc -l app=web`, `--all` and
// `--field-selector` into objects, with kubectl's errors for what cannot be resolved.

import type { KubeObject } from '../store/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { resolveResourceType, type ServedResource } from '../resources.ts';
import { labelOf } from '../selectors.ts';

export type Requirement = { key: string; op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!'; values: string[] };

export function parseLabelSelector(sel: string): Requirement[] | string {
  const reqs: Requirement[] = [];
  // Split on commas that are not inside parentheses.
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/.exec(p))) reqs.push({ key: m[1]!, op: m[2] === '!=' ? '!=' : '=', values: [m[3]!] });
    else if ((m = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()) });
    else if ((m = /^!([A-Za-z0-9_./-]+)$/.exec(p))) reqs.push({ key: m[1]!, op: '!', values: [] });
    else if ((m = /^([A-Za-z0-9_./-]+)$/.exec(p))) reqs.push({ key: m[1]!, op: 'exists', values: [] });
    else return `unable to parse requirement: found '${p}', expected: identifier`;
  }
  return reqs;
}

export function matchesLabels(labels: Record<string, string> | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const v = labelOf(l, r.key);
    switch (r.op) {
      case '=':
        return v === r.values[0];
      case '!=':
        return v !== r.values[0];
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'exists':
        return v !== undefined;
      case '!':
        return v === undefined;
    }
  });
}

const FIELD_GETTERS: Record<string, (o: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
  'spec.nodeName': (o) => (o as { spec?: { nodeName?: string } }).spec?.nodeName ?? '',
  'status.phase': (o) => (o as { status?: { phase?: string } }).status?.phase ?? '',
  'spec.restartPolicy': (o) => (o as { spec?: { restartPolicy?: string } }).spec?.restartPolicy ?? '',
  'status.podIP': (o) => (o as { status?: { podIP?: string } }).status?.podIP ?? '',
  'involvedObject.name': (o) => (o as { involvedObject?: { name?: string } }).involvedObject?.name,
  'involvedObject.kind': (o) => (o as { involvedObject?: { kind?: string } }).involvedObject?.kind,
  type: (o) => (o as { type?: string }).type,
  reason: (o) => (o as { reason?: string }).reason,
};

export function fieldFilter(sel: string, kind: string): ((o: KubeObject) => boolean) | string {
  const tests: ((o: KubeObject) => boolean)[] = [];
  for (const part of sel.split(',').filter(Boolean)) {
    const m = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/.exec(part.trim());
    if (!m) return `invalid selector: '${sel}'; can't understand '${part}'`;
    const getter = Object.hasOwn(FIELD_GETTERS, m[1]!) ? FIELD_GETTERS[m[1]!] : undefined;
    if (!getter) return `"${m[1]}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
    void kind;
    const neg = m[2] === '!=';
    const want = m[3]!;
    tests.push((o) => (getter(o) === want) !== neg);
  }
  return (o) => tests.every((t) => t(o));
}

export interface Target {
  resource: ServedResource;
  /** Names asked for (empty: all). */
  names: string[];
}

/** Parse positional args: `pods`, `pods a b`, `pods,svc`, `pod/a svc/b`. */
export function parseTargets(args: string[]): { ok: true; targets: Target[] } | { ok: false; error: string } {
  if (args.length === 0) return { ok: true, targets: [] };
  const targets: Target[] = [];
  if (args.some((a) => a.includes('/'))) {
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) return { ok: false, error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'` };
      const type = a.slice(0, slash);
      const res = resolveResourceType(type);
      if (!res) return { ok: false, error: `error: the server doesn't have a resource type "${type}"` };
      const existing = targets.find((t) => t.resource === res);
      if (existing) existing.names.push(a.slice(slash + 1));
      else targets.push({ resource: res, names: [a.slice(slash + 1)] });
    }
    return { ok: true, targets };
  }
  const [types, ...names] = args as [string, ...string[]];
  for (const t of types.split(',')) {
    const res = resolveResourceType(t);
    if (!res) return { ok: false, error: `error: the server doesn't have a resource type "${t}"` };
    targets.push({ resource: res, names });
  }
  return { ok: true, targets };
}

export function notFoundMessage(store: ObjectStore, kind: string, name: string): string {
  return `Error from server (NotFound): ${store.qualifiedPlural(kind)} "${name}" not found`;
}

export interface Resolved {
  objects: KubeObject[];
  /** kubectl's error lines for names that were not found (already formatted). */
  notFound: string[];
}

/**
 * The objects a write command (delete, label, annotate, wait) acts on: named ones, or with no
 * names every object of the type that `--all` or `-l` selects. Returns kubectl's error text
 * when the arguments cannot be used at all.
 */
export function resolveObjects(
  store: ObjectStore,
  args: string[],
  opts: { namespace: string; allNamespaces?: boolean; all?: boolean; selector?: string | undefined },
): Resolved | string {
  const parsed = parseTargets(args);
  if (!parsed.ok) return parsed.error;
  const reqs = opts.selector ? parseLabelSelector(opts.selector) : [];
  if (typeof reqs === 'string') return `error: ${reqs}`;
  const out: Resolved = { objects: [], notFound: [] };
  for (const t of parsed.targets) {
    const scope = t.resource.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
    if (t.names.length === 0) {
      if (!opts.all && !opts.selector) return 'error: resource(s) were provided, but no name was specified';
      out.objects.push(...store.list(t.resource.kind, scope).filter((x) => matchesLabels(x.metadata.labels, reqs)));
      continue;
    }
    for (const n of t.names) {
      const cur = store.get(t.resource.kind, scope, n);
      if (cur) out.objects.push(cur);
      else out.notFound.push(notFoundMessage(store, t.resource.kind, n));
    }
  }
  return out;
}
