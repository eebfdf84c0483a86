// API validation with the API server's own error texts: a port of the parts of
// pkg/apis/core/validation/validation.go (and apimachinery's ObjectMeta validation) that the
// simulator's kinds reach, in the same order, so multi-error messages list causes as a real
// v1.31 cluster does. Objects must be defaulted first (applyDefaults), as on the server.
//
// Go iterates maps in random order; here map-valued fields (labels, data, resources) are
// walked in sorted key order so the output is stable.

import { tryParseQuantity } from '../quantity.ts';
import type { FieldError } from './fieldErrors.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  goStruct,
  index,
  invalid,
  key,
  notSupported,
  required,
  tooLong,
} from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { deepEqual, getArr, getObj, getStr, has, objects, sortedKeys } from './loose.ts';
import {
  byteLength,
  isConfigMapKey,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateObjectName,
} from './names.ts';
import type { Errs, NameFn } from './meta.ts';
import { FIELD_IMMUTABLE, STANDARD_FINALIZERS, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { TAINT_EFFECTS, quantityAt, validatePodCreate, validatePodUpdate, validateResourceQuantity } from './pod.ts';
import type { ValidationOptions } from './service.ts';
import { validateIngress, validateWorkload, validateWorkloadUpdate } from './workloads.ts';
import { validateService, validateServiceAllocation, validateServiceUpdate } from './service.ts';
import { validateStatefulSet, validateStatefulSetUpdate } from './statefulset.ts';
import { validateDaemonSet, validateJob } from './batch.ts';

export type { ValidationOptions } from './service.ts';
export { FIELD_IMMUTABLE, MAX_ANNOTATIONS_SIZE, validateAnnotations, validateLabels } from './meta.ts';
export { UPDATABLE_POD_SPEC_FIELDS, validatePodSpec, validateResourceRequirements, validateTolerations } from './pod.ts';
export { MAX_CLIENT_IP_AFFINITY_SECONDS, isIP, nodePortAllocatedError, validateServiceAllocation } from './service.ts';

/** core.MaxSecretSize, also the ConfigMap limit: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// entry points

/** Validation of a create request, after defaulting. Unknown kinds get metadata checks only. */
export function validateCreate(obj: object, opts: ValidationOptions = {}): FieldError[] {
  const o = obj as Obj;
  switch (getStr(o, 'kind')) {
    case 'Pod':
      return validatePodCreate(o);
    case 'Service': {
      // The REST allocator runs before validation and fails alone.
      const alloc = validateServiceAllocation(o, opts);
      return alloc.length > 0 ? alloc : validateService(o);
    }
    case 'Namespace':
      return validateNamespace(o);
    case 'Node':
      return validateNode(o);
    case 'ConfigMap':
      return validateConfigMap(o);
    case 'Secret':
      return validateSecret(o);
    case 'Event':
      return validateEvent(o);
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Deployment':
      return validateWorkload(o);
    case 'Ingress':
      return validateIngress(o);
    case 'StatefulSet':
      return validateStatefulSet(o);
    case 'Job':
      return validateJob(o);
    case 'DaemonSet':
      return validateDaemonSet(o);
    default:
      return validateGenericMeta(o);
  }
}

/** Validation of an update (PUT, or the result of a patch/apply), both objects defaulted. */
export function validateUpdate(newObj: object, oldObj: object, opts: ValidationOptions = {}): FieldError[] {
  const n = newObj as Obj;
  const o = oldObj as Obj;
  const meta = validateObjectMetaUpdate(getObj(n, 'metadata'), getObj(o, 'metadata'));
  switch (getStr(n, 'kind')) {
    case 'Pod':
      return validatePodUpdate(n, o, meta);
    case 'Service': {
      const alloc = validateServiceAllocation(n, opts);
      if (alloc.length > 0) return alloc;
      return [...meta, ...validateServiceUpdate(n, o), ...validateService(n)];
    }
    case 'Namespace':
      return meta;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Deployment':
      return validateWorkloadUpdate(n, o);
    case 'StatefulSet':
      return validateStatefulSetUpdate(n, o);
    case 'Node':
      return [...meta, ...validateNodeUpdate(n, o)];
    case 'ConfigMap':
      return [...meta, ...immutableDataErrors(n, o, ['data', 'binaryData']), ...validateConfigMap(n)];
    case 'Secret': {
      const errs = [...meta];
      if (getStr(n, 'type') !== getStr(o, 'type')) errs.push(invalid('type', getStr(n, 'type'), FIELD_IMMUTABLE));
      errs.push(...immutableDataErrors(n, o, ['data']), ...validateSecret(n));
      return errs;
    }
    case 'Event':
      return legacyValidateEvent(n);
    default:
      return meta;
  }
}

/**
 * Quantities are parsed while the request body is decoded, so a malformed one is not a field
 * error: the server answers 400 `Pod in version "v1" cannot be handled as a Pod: <message>`.
 * Returns that message for the first malformed quantity, or null.
 */
export function findMalformedQuantity(obj: object): string | null {
  const o = obj as Obj;
  const lists: (Obj | undefined)[] = [];
  const podSpecs: Obj[] = [];
  const spec = getObj(o, 'spec');
  if (getStr(o, 'kind') === 'Pod' && spec) podSpecs.push(spec);
  const templateSpec = getObj(getObj(spec, 'template'), 'spec');
  if (templateSpec) podSpecs.push(templateSpec);
  for (const s of podSpecs) {
    for (const c of [...objects(s, 'initContainers'), ...objects(s, 'containers')]) {
      lists.push(getObj(getObj(c, 'resources'), 'limits'), getObj(getObj(c, 'resources'), 'requests'));
    }
    lists.push(getObj(s, 'overhead'));
    for (const v of objects(s, 'volumes')) lists.push({ sizeLimit: getObj(v, 'emptyDir')?.['sizeLimit'] });
  }
  lists.push(getObj(getObj(o, 'status'), 'capacity'), getObj(getObj(o, 'status'), 'allocatable'));
  lists.push(getObj(getObj(spec, 'resources'), 'requests'), getObj(spec, 'capacity'));
  for (const list of lists) {
    if (!list) continue;
    for (const v of Object.values(list)) {
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const r = tryParseQuantity(v);
      if (!r.ok) return r.error;
    }
  }
  return null;
}

const BASE64_ALPHABET = /[A-Za-z0-9+/]/;

/**
 * Secret `data` and ConfigMap `binaryData` are []byte, decoded from base64 with the body, so
 * bad base64 is also a 400 (`Secret in version "v1" cannot be handled as a Secret: illegal
 * base64 data at input byte 4`). Returns that message for the first bad value, or null.
 * The byte offset follows Go's StdEncoding for bad characters and short final groups; unusual
 * padding placements may report a different offset than Go.
 */
export function findMalformedBase64(obj: object): string | null {
  const o = obj as Obj;
  const kind = getStr(o, 'kind');
  const field = kind === 'Secret' ? 'data' : kind === 'ConfigMap' ? 'binaryData' : '';
  if (!field) return null;
  for (const v of Object.values(getObj(o, field) ?? {})) {
    if (typeof v !== 'string') continue;
    const at = base64ErrorOffset(v);
    if (at !== null) return `illegal base64 data at input byte ${at}`;
  }
  return null;
}

function base64ErrorOffset(s: string): number | null {
  let quantumStart = 0;
  let inQuantum = 0;
  let padding = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\n' || ch === '\r') continue;
    if (inQuantum === 0) quantumStart = i;
    if (ch === '=') {
      if (inQuantum < 2) return i;
      padding++;
    } else if (!BASE64_ALPHABET.test(ch) || padding > 0) {
      return i;
    }
    inQuantum++;
    if (inQuantum === 4) {
      inQuantum = 0;
      if (padding > 0 && i < s.length - 1) return i + 1;
    }
  }
  return inQuantum === 0 ? null : quantumStart;
}

const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'IngressClass']);

function validateGenericMeta(o: Obj): Errs {
  const kind = getStr(o, 'kind');
  const nameFn: NameFn = (name, prefix) => validateObjectName(kind, name, prefix);
  return validateObjectMeta(getObj(o, 'metadata'), !CLUSTER_SCOPED.has(kind), nameFn);
}

// ---------------------------------------------------------------------------------------------
// namespaces, nodes, config maps, secrets, events

function validateNamespace(ns: Obj): Errs {
  const errs = validateObjectMeta(getObj(ns, 'metadata'), false, nameIsDNSLabel);
  for (const f of getArr(getObj(ns, 'spec'), 'finalizers')) {
    const name = typeof f === 'string' ? f : String(f);
    for (const m of isQualifiedName(name)) errs.push(invalid('spec.finalizers', name, m));
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

function validateTaints(taints: Obj[], path: string): Errs {
  const errs: Errs = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const idx = index(path, i);
    const k = getStr(t, 'key');
    const v = getStr(t, 'value');
    const effect = getStr(t, 'effect');
    for (const m of isQualifiedName(k)) errs.push(invalid(child(idx, 'key'), k, m));
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(invalid(child(idx, 'value'), v, msgs.join(';')));
    if (!effect) errs.push(required(child(idx, 'effect')));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(idx, 'effect'), effect, TAINT_EFFECTS));
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(k)) {
      const value = goStruct('core.Taint', [
        ['Key', goQuote(k)],
        ['Value', goQuote(v)],
        ['Effect', goQuote(effect)],
        ['TimeAdded', '(*v1.Time)(nil)'],
      ]);
      errs.push({ ...duplicate(idx, value), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(k);
    unique.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(node: Obj): Errs {
  const errs: Errs = [];
  const status = getObj(node, 'status');
  for (const list of ['capacity', 'allocatable']) {
    const rl = getObj(status, list);
    for (const name of sortedKeys(rl)) {
      const q = quantityAt(rl, name);
      if (q) errs.push(...validateResourceQuantity(name, q, `status.${list}.${name}`));
    }
  }
  return errs;
}

function validateNode(node: Obj): Errs {
  const errs = validateObjectMeta(getObj(node, 'metadata'), false, nameIsDNSSubdomain);
  // Sic: node taints are reported under metadata, as the Go code builds the path.
  errs.push(...validateTaints(objects(getObj(node, 'spec'), 'taints'), 'metadata.taints'));
  errs.push(...validateNodeResources(node));
  return errs;
}

function validateNodeUpdate(n: Obj, o: Obj): Errs {
  const errs = validateNodeResources(n);
  const oldCIDRs = getArr(getObj(o, 'spec'), 'podCIDRs');
  const newCIDRs = getArr(getObj(n, 'spec'), 'podCIDRs');
  if (oldCIDRs.length > 0 && !deepEqual(oldCIDRs, newCIDRs)) {
    errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  const oldProvider = getStr(getObj(o, 'spec'), 'providerID');
  if (oldProvider && oldProvider !== getStr(getObj(n, 'spec'), 'providerID')) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(objects(getObj(n, 'spec'), 'taints'), 'metadata.taints'));
  return errs;
}

function base64DecodedLength(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

function validateConfigMap(cm: Obj): Errs {
  const errs = validateObjectMeta(getObj(cm, 'metadata'), true, nameIsDNSSubdomain);
  const data = getObj(cm, 'data');
  const binary = getObj(cm, 'binaryData');
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    if (binary && has(binary, k)) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    const v = data![k];
    total += byteLength(typeof v === 'string' ? v : String(v));
  }
  for (const k of sortedKeys(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), k, m));
    const v = binary![k];
    total += typeof v === 'string' ? base64DecodedLength(v) : 0;
  }
  // The Go code passes field.NewPath(""), which prints as "[]".
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

function validateSecret(secret: Obj): Errs {
  const errs = validateObjectMeta(getObj(secret, 'metadata'), true, nameIsDNSSubdomain);
  const data = getObj(secret, 'data');
  let total = 0;
  for (const k of sortedKeys(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    const v = data![k];
    total += typeof v === 'string' ? base64DecodedLength(v) : 0;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const need = (k: string): void => {
    if (!has(data, k)) errs.push(required(key('data', k)));
  };
  switch (getStr(secret, 'type')) {
    case 'kubernetes.io/service-account-token':
      if (!getStr(getObj(getObj(secret, 'metadata'), 'annotations'), 'kubernetes.io/service-account.name')) {
        errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!has(data, 'username') && !has(data, 'password')) {
        errs.push(required(key('data', 'username')), required(key('data', 'password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!getStr(data, 'ssh-privatekey')) errs.push(required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      need('tls.crt');
      need('tls.key');
      break;
    default:
      break;
  }
  return errs;
}

function immutableDataErrors(n: Obj, o: Obj, fields: readonly string[]): Errs {
  if (o['immutable'] !== true) return [];
  const errs: Errs = [];
  if (n['immutable'] !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!deepEqual(n[f] ?? undefined, o[f] ?? undefined)) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

function validateEvent(ev: Obj): Errs {
  return legacyValidateEvent(ev);
}

/** core/v1 Events only get the legacy checks, whatever their name. */
function legacyValidateEvent(ev: Obj): Errs {
  const errs: Errs = [];
  const namespace = getStr(getObj(ev, 'metadata'), 'namespace');
  const involvedNs = getStr(getObj(ev, 'involvedObject'), 'namespace');
  const eventTime = ev['eventTime'];
  if (eventTime === undefined || eventTime === null || eventTime === '') {
    if (!involvedNs) {
      if (namespace !== '' && namespace !== 'default') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (namespace !== involvedNs) {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    const controller = getStr(ev, 'reportingComponent') || getStr(ev, 'reportingController');
    if (!controller) errs.push(required('reportingController'));
    for (const m of isQualifiedName(controller)) errs.push(invalid('reportingController', controller, m));
    const instance = getStr(ev, 'reportingInstance');
    if (!instance) errs.push(required('reportingInstance'));
    if (instance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
    const action = getStr(ev, 'action');
    if (!action) errs.push(required('action'));
    if (action.length > 128) errs.push(invalid('action', '', 'can have at most 128 characters'));
    const reason = getStr(ev, 'reason');
    if (!reason) errs.push(required('reason'));
    if (reason.length > 128) errs.push(invalid('reason', '', 'can have at most 128 characters'));
    if (getStr(ev, 'message').length > 1024) errs.push(invalid('message', '', 'can have at most 1024 characters'));
  }
  for (const m of isDNS1123Subdomain(namespace)) errs.push(invalid('namespace', namespace, m));
  return errs;
}

