// Defaulting and validation for the controllers' objects: ReplicaSet (apps/v1) and
// ReplicationController (v1). Messages as the v1.31 API server words them (Go-syntax values).

import { goStringMap, invalid, notSupported, required, type FieldError } from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { deepEqual, ensureObj, getNum, getObj, getStr, isObj, stringMap } from './loose.ts';
import { validateObjectMeta } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { applyPodSpecDefaults } from './defaults.ts';
import { validatePodSpec } from './pod.ts';
import { FIELD_IMMUTABLE } from './meta.ts';
import { labelSelectorEmpty, labelSelectorMatches, type LabelSelectorLike } from '../selectors.ts';

type Errs = FieldError[];

export function defaultWorkload(obj: Obj): void {
  const kind = getStr(obj, 'kind');
  const spec = ensureObj(obj, 'spec');
  if (typeof spec['replicas'] !== 'number') spec['replicas'] = 1;
  const template = getObj(spec, 'template');
  if (kind === 'ReplicationController' && template) {
    // An RC without a selector selects its template's labels; its own labels default to them too.
    const labels = stringMap(getObj(template, 'metadata'), 'labels');
    if (!isObj(spec['selector']) || Object.keys(spec['selector'] as object).length === 0) spec['selector'] = { ...labels };
    const meta = ensureObj(obj, 'metadata');
    if (!isObj(meta['labels']) || Object.keys(meta['labels'] as object).length === 0) meta['labels'] = { ...labels };
  }
  if (kind === 'ReplicaSet' && typeof spec['minReadySeconds'] !== 'number') spec['minReadySeconds'] = 0;
  if (kind === 'Deployment') {
    // apps/v1 SetDefaults_Deployment (reference 1.1).
    const strategy = ensureObj(spec, 'strategy');
    if (!getStr(strategy, 'type')) strategy['type'] = 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      const ru = ensureObj(strategy, 'rollingUpdate');
      if (ru['maxUnavailable'] === undefined) ru['maxUnavailable'] = '25%';
      if (ru['maxSurge'] === undefined) ru['maxSurge'] = '25%';
    }
    if (typeof spec['revisionHistoryLimit'] !== 'number') spec['revisionHistoryLimit'] = 10;
    if (typeof spec['progressDeadlineSeconds'] !== 'number') spec['progressDeadlineSeconds'] = 600;
  }
  if (template) {
    const tspec = ensureObj(template, 'spec');
    applyPodSpecDefaults(tspec);
  }
}

function selectorMatches(kind: string, selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  if (kind === 'ReplicationController') return Object.entries(selector as Record<string, string>).every(([k, v]) => labels[k] === v);
  return labelSelectorMatches(selector as LabelSelectorLike, labels);
}

function selectorEmpty(kind: string, selector: unknown): boolean {
  if (!isObj(selector)) return true;
  if (kind === 'ReplicationController') return Object.keys(selector).length === 0;
  return labelSelectorEmpty(selector as LabelSelectorLike);
}

export function validateWorkload(obj: Obj): Errs {
  const kind = getStr(obj, 'kind');
  const errs = validateObjectMeta(getObj(obj, 'metadata'), true, nameIsDNSSubdomain);
  const spec = getObj(obj, 'spec') ?? {};
  const replicas = getNum(spec, 'replicas');
  if (replicas !== undefined && replicas < 0) errs.push(invalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
  const selector = spec['selector'];
  const template = getObj(spec, 'template');
  const labels = stringMap(getObj(template, 'metadata'), 'labels') ?? {};
  if (selectorEmpty(kind, selector)) {
    errs.push(required('spec.selector'));
    if (kind !== 'ReplicationController') errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  } else if (template && !selectorMatches(kind, selector, labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (kind === 'Deployment') errs.push(...validateStrategy(spec));
  if (!template) {
    if (kind !== 'ReplicationController') errs.push(required('spec.template'));
  } else {
    const tspec = getObj(template, 'spec') ?? {};
    errs.push(...validatePodSpec(tspec, 'spec.template.spec'));
    const policy = getStr(tspec, 'restartPolicy');
    if (policy && policy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', policy, ['Always']));
  }
  return errs;
}

export function validateWorkloadUpdate(next: Obj, old: Obj): Errs {
  const errs = validateWorkload(next);
  if (getStr(next, 'kind') !== 'ReplicationController') {
    const a = getObj(next, 'spec')?.['selector'];
    const b = getObj(old, 'spec')?.['selector'];
    if (!deepEqual(a, b)) errs.push(invalid('spec.selector', { go: `v1.LabelSelector{MatchLabels:${goStringMap(((a as Obj | undefined)?.['matchLabels'] ?? {}) as Record<string, string>).go}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` }, FIELD_IMMUTABLE));
  }
  return errs;
}

function intOrPercent(v: unknown): { value: number; percent: boolean; raw: unknown } | undefined {
  if (typeof v === 'number') return { value: v, percent: false, raw: v };
  if (typeof v === 'string') {
    const m = /^(\d+)%$/.exec(v);
    if (m) return { value: Number(m[1]), percent: true, raw: v };
    if (/^\d+$/.test(v)) return { value: Number(v), percent: false, raw: v };
  }
  return undefined;
}

/** ValidateRollingUpdateDeployment: bounds and the both-zero rule (reference section 7). */
function validateStrategy(spec: Obj): Errs {
  const errs: Errs = [];
  const strategy = getObj(spec, 'strategy');
  const type = getStr(strategy, 'type');
  if (type && type !== 'RollingUpdate' && type !== 'Recreate') {
    errs.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
    return errs;
  }
  const ru = getObj(strategy, 'rollingUpdate');
  if (type === 'Recreate') {
    if (ru) errs.push({ type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
    return errs;
  }
  if (!ru) return errs;
  const fields = ['maxUnavailable', 'maxSurge'] as const;
  const parsed: Partial<Record<(typeof fields)[number], ReturnType<typeof intOrPercent>>> = {};
  for (const f of fields) {
    const raw = ru[f];
    if (raw === undefined) continue;
    const v = intOrPercent(raw);
    const path = `spec.strategy.rollingUpdate.${f}`;
    if (!v) {
      errs.push(invalid(path, typeof raw === 'number' ? raw : String(raw), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
      continue;
    }
    if (v.percent && v.value > 100 && f === 'maxUnavailable') errs.push(invalid(path, String(raw), 'must not be greater than 100%'));
    parsed[f] = v;
  }
  if (parsed.maxUnavailable?.value === 0 && parsed.maxSurge?.value === 0) {
    errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', typeof ru['maxUnavailable'] === 'number' ? 0 : String(ru['maxUnavailable']), 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

/** networking.k8s.io/v1 Ingress: the mistakes students make with paths and backends. */
export function validateIngress(obj: Obj): Errs {
  const errs = validateObjectMeta(getObj(obj, 'metadata'), true, nameIsDNSSubdomain);
  const spec = getObj(obj, 'spec') ?? {};
  const rules = (Array.isArray(spec['rules']) ? spec['rules'] : []) as Obj[];
  if (rules.length === 0 && !isObj(spec['defaultBackend'])) errs.push(invalid('spec.rules', { go: '[]networking.IngressRule(nil)' }, 'either `defaultBackend` or `rules` must be specified'));
  rules.forEach((rule, i) => {
    const paths = (Array.isArray(getObj(rule, 'http')?.['paths']) ? (getObj(rule, 'http')!['paths'] as Obj[]) : []) as Obj[];
    paths.forEach((p, j) => {
      const base = `spec.rules[${i}].http.paths[${j}]`;
      const pathType = getStr(p, 'pathType');
      const path = getStr(p, 'path');
      if (!pathType) errs.push(required(`${base}.pathType`, 'pathType must be specified'));
      else if (!['Exact', 'Prefix', 'ImplementationSpecific'].includes(pathType)) errs.push(notSupported(`${base}.pathType`, pathType, ['Exact', 'ImplementationSpecific', 'Prefix']));
      if ((pathType === 'Exact' || pathType === 'Prefix') && !path.startsWith('/')) errs.push(invalid(`${base}.path`, path, 'must be an absolute path'));
      const backend = getObj(p, 'backend');
      const svc = getObj(backend, 'service');
      if (!svc && !isObj(backend?.['resource'])) errs.push(invalid(`${base}.backend`, { go: 'networking.IngressBackend{Service:(*networking.IngressServiceBackend)(nil), Resource:(*core.TypedLocalObjectReference)(nil)}' }, 'one backend must be specified'));
      if (svc) {
        if (!getStr(svc, 'name')) errs.push(required(`${base}.backend.service.name`));
        const port = getObj(svc, 'port');
        if (!port || (getNum(port, 'number') === undefined && !getStr(port, 'name'))) errs.push(required(`${base}.backend.service.port`, 'port name or number is required'));
      }
    });
  });
  return errs;
}
