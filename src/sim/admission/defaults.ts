// Defaulting, as a create request goes through it on a v1.31 API server:
//   1. scheme defaults (pkg/apis/core/v1/defaults.go + the generated +default= markers),
//   2. create-strategy normalisation (Namespace finalizers, Service clusterIPs, Secret stringData),
//   3. the mutating admission plugins that change every pod: ServiceAccount, Priority and
//      DefaultTolerationSeconds.
// Allocation (clusterIP, nodePort), uid, resourceVersion and creationTimestamp belong to the
// store, not here.

import { parseQuantity, roundUpToMilli } from '../quantity.ts';
import type { Obj } from './loose.ts';
import { defaultWorkload } from './workloads.ts';
import { defaultStatefulSet } from './statefulset.ts';
import { defaultDaemonSet, defaultJob } from './batch.ts';
import { clone, ensureObj, getArr, getObj, getStr, has, isObj, objects } from './loose.ts';

export interface DefaultingOptions {
  /**
   * Source of the 5-character suffix of the `kube-api-access-xxxxx` token volume the
   * ServiceAccount plugin adds to pods (alphabet `bcdfghjklmnpqrstvwxz2456789`). Without it
   * no token volume is mounted.
   */
  randomSuffix?: () => string;
  /** The namespace of the request, for namespaced objects that do not name one. */
  namespace?: string;
  /**
   * DefaultTolerationSeconds' --default-not-ready-toleration-seconds and
   * --default-unreachable-toleration-seconds (both 300 upstream).
   */
  defaultTolerationSeconds?: number;
}

export const DEFAULT_TOLERATION_SECONDS = 300;

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;
/** ProjectedVolumeSourceDefaultMode and friends: 0644. */
const DEFAULT_MODE = 420;
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** The built-in PriorityClasses; any other name would need a PriorityClass object. */
const BUILTIN_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/**
 * Returns a defaulted deep copy of obj. Kinds without defaults come back unchanged (copied).
 */
export function applyDefaults<T extends object>(input: T, opts: DefaultingOptions = {}): T {
  const obj = clone(input) as unknown as Obj;
  const meta = ensureObj(obj, 'metadata');
  if (opts.namespace !== undefined && !getStr(meta, 'namespace') && NAMESPACED_WITH_DEFAULTS.has(getStr(obj, 'kind'))) {
    meta['namespace'] = opts.namespace;
  }
  switch (getStr(obj, 'kind')) {
    case 'Pod':
      defaultPod(obj, opts);
      break;
    case 'Service':
      defaultService(obj);
      break;
    case 'Namespace':
      defaultNamespace(obj);
      break;
    case 'Secret':
      defaultSecret(obj);
      break;
    case 'Node':
      defaultNode(obj);
      break;
    case 'Endpoints':
      for (const ss of objects(obj, 'subsets')) defaultProtocols(objects(ss, 'ports'));
      break;
    case 'PersistentVolume':
      defaultPersistentVolume(obj);
      // The StorageObjectInUseProtection admission plugin.
      addFinalizer(meta, 'kubernetes.io/pv-protection');
      break;
    case 'PersistentVolumeClaim':
      defaultPersistentVolumeClaim(obj);
      addFinalizer(meta, 'kubernetes.io/pvc-protection');
      break;
    case 'StorageClass':
      defaultStorageClass(obj);
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Deployment':
      defaultWorkload(obj);
      break;
    case 'StatefulSet':
      defaultStatefulSet(obj);
      break;
    case 'Job':
      defaultJob(obj);
      break;
    case 'DaemonSet':
      defaultDaemonSet(obj);
      break;
    default:
      break;
  }
  return obj as unknown as T;
}

const NAMESPACED_WITH_DEFAULTS = new Set(['Pod', 'Service', 'ConfigMap', 'Secret', 'Endpoints', 'PersistentVolumeClaim', 'Event', 'ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Ingress', 'ServiceAccount', 'EndpointSlice', 'NetworkPolicy']);

// ---- images ----

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const REFERENCE_RE = new RegExp(
  `^(?:(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)/)?` +
    `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    '(?::([\\w][\\w.-]{0,127}))?' +
    '(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$',
);

/**
 * The tag kubelet's parsers.ParseImageName reports: the explicit tag, "latest" when there is
 * neither tag nor digest, "" when there is only a digest or the reference does not parse.
 */
export function imageTag(image: string): string {
  const m = REFERENCE_RE.exec(image);
  if (!m) return '';
  const tag = m[1] ?? '';
  const digest = m[2] ?? '';
  if (!tag && !digest) return 'latest';
  return tag;
}

/** SetDefaults_Container: `Always` for `:latest` (or no tag), otherwise `IfNotPresent`. */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

// ---- pods ----

/**
 * Defaults that also apply to pod templates (Deployments, ReplicaSets, Jobs...): PodSpec,
 * volumes and containers, but not the Pod-only ones (requests from limits, enableServiceLinks).
 */
export function applyPodSpecDefaults(spec: Obj): void {
  if (!getStr(spec, 'dnsPolicy')) spec['dnsPolicy'] = 'ClusterFirst';
  if (!getStr(spec, 'restartPolicy')) spec['restartPolicy'] = 'Always';
  if (!isObj(spec['securityContext'])) spec['securityContext'] = {};
  if (typeof spec['terminationGracePeriodSeconds'] !== 'number') spec['terminationGracePeriodSeconds'] = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (!getStr(spec, 'schedulerName')) spec['schedulerName'] = DEFAULT_SCHEDULER_NAME;
  for (const v of objects(spec, 'volumes')) defaultVolume(v);
  for (const c of objects(spec, 'initContainers')) defaultContainer(c);
  for (const c of objects(spec, 'containers')) defaultContainer(c);
}

function defaultPod(pod: Obj, opts: DefaultingOptions): void {
  const spec = ensureObj(pod, 'spec');
  // Requests default to limits per resource, on Pods only (not templates).
  for (const c of [...objects(spec, 'containers'), ...objects(spec, 'initContainers')]) {
    const resources = getObj(c, 'resources');
    const limits = getObj(resources, 'limits');
    if (resources && limits) {
      const requests = ensureObj(resources, 'requests');
      for (const [k, v] of Object.entries(limits)) if (!has(requests, k)) requests[k] = v;
    }
  }
  if (typeof spec['enableServiceLinks'] !== 'boolean') spec['enableServiceLinks'] = true;
  if (spec['hostNetwork'] === true) {
    for (const c of [...objects(spec, 'containers'), ...objects(spec, 'initContainers')]) {
      for (const p of objects(c, 'ports')) if (!p['hostPort']) p['hostPort'] = p['containerPort'];
    }
  }
  applyPodSpecDefaults(spec);
  admitServiceAccount(pod, spec, opts);
  admitPriority(spec);
  admitDefaultTolerationSeconds(spec, opts.defaultTolerationSeconds ?? DEFAULT_TOLERATION_SECONDS);
}

function defaultContainer(c: Obj): void {
  if (!getStr(c, 'imagePullPolicy')) c['imagePullPolicy'] = defaultImagePullPolicy(getStr(c, 'image'));
  if (!getStr(c, 'terminationMessagePath')) c['terminationMessagePath'] = TERMINATION_MESSAGE_PATH;
  if (!getStr(c, 'terminationMessagePolicy')) c['terminationMessagePolicy'] = 'File';
  defaultProtocols(objects(c, 'ports'));
  for (const e of objects(c, 'env')) {
    const fieldRef = getObj(getObj(e, 'valueFrom'), 'fieldRef');
    if (fieldRef && !getStr(fieldRef, 'apiVersion')) fieldRef['apiVersion'] = 'v1';
  }
  // ResourceRequirements is a struct, so the API always shows `resources: {}`.
  const resources = ensureObj(c, 'resources');
  roundResourceList(getObj(resources, 'limits'));
  roundResourceList(getObj(resources, 'requests'));
  for (const probeName of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = getObj(c, probeName);
    if (probe) defaultProbe(probe);
  }
  const lifecycle = getObj(c, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) {
    const httpGet = getObj(getObj(lifecycle, hook), 'httpGet');
    if (httpGet) defaultHTTPGet(httpGet);
  }
}

/** SetDefaults_Probe and the handler defaults (HTTPGetAction, GRPCAction.service). */
export function defaultProbe(probe: Obj): void {
  if (!probe['timeoutSeconds']) probe['timeoutSeconds'] = 1;
  if (!probe['periodSeconds']) probe['periodSeconds'] = 10;
  if (!probe['successThreshold']) probe['successThreshold'] = 1;
  if (!probe['failureThreshold']) probe['failureThreshold'] = 3;
  const httpGet = getObj(probe, 'httpGet');
  if (httpGet) defaultHTTPGet(httpGet);
  const grpc = getObj(probe, 'grpc');
  if (grpc && typeof grpc['service'] !== 'string') grpc['service'] = '';
}

function defaultHTTPGet(httpGet: Obj): void {
  if (!getStr(httpGet, 'path')) httpGet['path'] = '/';
  if (!getStr(httpGet, 'scheme')) httpGet['scheme'] = 'HTTP';
}

function defaultProtocols(ports: Obj[]): void {
  for (const p of ports) if (!getStr(p, 'protocol')) p['protocol'] = 'TCP';
}

/** SetDefaults_ResourceList: every quantity rounded up to milli precision. */
function roundResourceList(list: Obj | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      list[k] = roundUpToMilli(parseQuantity(v)).text;
    } catch {
      // Malformed quantities are rejected at decode time, before defaulting; leave them be.
    }
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => has(v, s))) v['emptyDir'] = {};
  const hostPath = getObj(v, 'hostPath');
  if (hostPath && typeof hostPath['type'] !== 'string') hostPath['type'] = '';
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = getObj(v, s);
    if (src && typeof src['defaultMode'] !== 'number') src['defaultMode'] = DEFAULT_MODE;
  }
  for (const item of objects(getObj(v, 'downwardAPI'), 'items')) defaultFieldRef(item);
  for (const source of objects(getObj(v, 'projected'), 'sources')) {
    for (const item of objects(getObj(source, 'downwardAPI'), 'items')) defaultFieldRef(item);
    const token = getObj(source, 'serviceAccountToken');
    if (token && typeof token['expirationSeconds'] !== 'number') token['expirationSeconds'] = 3600;
  }
}

function defaultFieldRef(item: Obj): void {
  const fieldRef = getObj(item, 'fieldRef');
  if (fieldRef && !getStr(fieldRef, 'apiVersion')) fieldRef['apiVersion'] = 'v1';
}

/** The ServiceAccount admission plugin: default account, then the projected token volume. */
function admitServiceAccount(pod: Obj, spec: Obj, opts: DefaultingOptions): void {
  const legacy = getStr(spec, 'serviceAccount');
  if (!getStr(spec, 'serviceAccountName')) spec['serviceAccountName'] = legacy || 'default';
  // v1 keeps the deprecated field in step with serviceAccountName on the way out.
  spec['serviceAccount'] = spec['serviceAccountName'];
  const mirror = getObj(getObj(pod, 'metadata'), 'annotations')?.['kubernetes.io/config.mirror'] !== undefined;
  if (!opts.randomSuffix || mirror || spec['automountServiceAccountToken'] === false) return;
  const containers = [...objects(spec, 'initContainers'), ...objects(spec, 'containers')];
  const needsMount = containers.filter((c) => !objects(c, 'volumeMounts').some((m) => getStr(m, 'mountPath') === SERVICE_ACCOUNT_MOUNT_PATH));
  if (needsMount.length === 0) return;
  const volumes = getArr(spec, 'volumes');
  const existing = volumes.filter(isObj).find((v) => getStr(v, 'name').startsWith('kube-api-access-') && has(v, 'projected'));
  let name: string;
  if (existing) {
    name = getStr(existing, 'name');
  } else {
    name = `kube-api-access-${opts.randomSuffix()}`;
    spec['volumes'] = [...volumes, tokenVolume(name)];
  }
  for (const c of needsMount) {
    c['volumeMounts'] = [...getArr(c, 'volumeMounts'), { mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true }];
  }
}

function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
      defaultMode: DEFAULT_MODE,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

/** The Priority plugin: no class means priority 0; either way PreemptLowerPriority. */
function admitPriority(spec: Obj): void {
  const className = getStr(spec, 'priorityClassName');
  if (typeof spec['priority'] !== 'number') {
    spec['priority'] = className ? (BUILTIN_PRIORITY_CLASSES[className] ?? 0) : 0;
  }
  if (!getStr(spec, 'preemptionPolicy')) spec['preemptionPolicy'] = 'PreemptLowerPriority';
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** DefaultTolerationSeconds: tolerate not-ready / unreachable NoExecute taints for 300s. */
function admitDefaultTolerationSeconds(spec: Obj, seconds: number): void {
  const tolerations = objects(spec, 'tolerations');
  const covers = (key: string): boolean =>
    tolerations.some((t) => {
      const k = getStr(t, 'key');
      const effect = getStr(t, 'effect');
      return (k === key || k === '') && (effect === 'NoExecute' || effect === '');
    });
  const added: Obj[] = [];
  if (!covers(NOT_READY)) added.push({ effect: 'NoExecute', key: NOT_READY, operator: 'Exists', tolerationSeconds: seconds });
  if (!covers(UNREACHABLE)) added.push({ effect: 'NoExecute', key: UNREACHABLE, operator: 'Exists', tolerationSeconds: seconds });
  if (added.length > 0) spec['tolerations'] = [...getArr(spec, 'tolerations'), ...added];
}

// ---- other kinds ----

/** ExternallyAccessible: LoadBalancer, NodePort, or ClusterIP with externalIPs. */
function externallyAccessible(spec: Obj): boolean {
  const type = getStr(spec, 'type');
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && getArr(spec, 'externalIPs').length > 0);
}

function defaultService(svc: Obj): void {
  const spec = ensureObj(svc, 'spec');
  if (!getStr(spec, 'sessionAffinity')) spec['sessionAffinity'] = 'None';
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const timeout = getObj(getObj(spec, 'sessionAffinityConfig'), 'clientIP')?.['timeoutSeconds'];
    if (typeof timeout !== 'number') spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!getStr(spec, 'type')) spec['type'] = 'ClusterIP';
  const type = getStr(spec, 'type');
  for (const p of objects(spec, 'ports')) {
    if (!getStr(p, 'protocol')) p['protocol'] = 'TCP';
    const target = p['targetPort'];
    if (target === undefined || target === null || target === 0 || target === '') p['targetPort'] = p['port'];
  }
  if (externallyAccessible(spec) && !getStr(spec, 'externalTrafficPolicy')) spec['externalTrafficPolicy'] = 'Cluster';
  if (spec['internalTrafficPolicy'] === undefined && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) {
    spec['internalTrafficPolicy'] = 'Cluster';
  }
  if (type === 'LoadBalancer' && typeof spec['allocateLoadBalancerNodePorts'] !== 'boolean') spec['allocateLoadBalancerNodePorts'] = true;
  if (type === 'ExternalName') return;
  // Create strategy: clusterIPs mirrors clusterIP. Then the IP-family defaulting of the REST
  // allocator on a single-stack IPv4 cluster.
  const clusterIP = getStr(spec, 'clusterIP');
  if (clusterIP && getArr(spec, 'clusterIPs').length === 0) spec['clusterIPs'] = [clusterIP];
  if (getArr(spec, 'ipFamilies').length === 0) spec['ipFamilies'] = ['IPv4'];
  if (!getStr(spec, 'ipFamilyPolicy')) spec['ipFamilyPolicy'] = 'SingleStack';
}

function defaultNamespace(ns: Obj): void {
  const meta = ensureObj(ns, 'metadata');
  const name = getStr(meta, 'name');
  if (name) ensureObj(meta, 'labels')['kubernetes.io/metadata.name'] = name;
  const spec = ensureObj(ns, 'spec');
  if (getArr(spec, 'finalizers').length === 0) spec['finalizers'] = ['kubernetes'];
  const status = ensureObj(ns, 'status');
  if (!getStr(status, 'phase')) status['phase'] = 'Active';
}

function base64OfUtf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function defaultSecret(secret: Obj): void {
  if (!getStr(secret, 'type')) secret['type'] = 'Opaque';
  // stringData is write-only: it is merged into data (winning over it) and never stored.
  const stringData = getObj(secret, 'stringData');
  if (stringData) {
    const data = ensureObj(secret, 'data');
    for (const [k, v] of Object.entries(stringData)) data[k] = base64OfUtf8(typeof v === 'string' ? v : String(v));
    delete secret['stringData'];
  }
}

function defaultNode(node: Obj): void {
  const status = getObj(node, 'status');
  if (!status) return;
  const capacity = getObj(status, 'capacity');
  if (capacity && !getObj(status, 'allocatable')) status['allocatable'] = clone(capacity);
  roundResourceList(getObj(status, 'capacity'));
  roundResourceList(getObj(status, 'allocatable'));
}

function defaultPersistentVolume(pv: Obj): void {
  const spec = ensureObj(pv, 'spec');
  // `storageClassName:` with no value is JSON null, which Go decodes as "not set".
  if (spec['storageClassName'] === null) delete spec['storageClassName'];
  if (!getStr(spec, 'persistentVolumeReclaimPolicy')) spec['persistentVolumeReclaimPolicy'] = 'Retain';
  if (!getStr(spec, 'volumeMode')) spec['volumeMode'] = 'Filesystem';
  const hostPath = getObj(spec, 'hostPath');
  if (hostPath && typeof hostPath['type'] !== 'string') hostPath['type'] = '';
  roundResourceList(getObj(spec, 'capacity'));
  const status = ensureObj(pv, 'status');
  if (!getStr(status, 'phase')) status['phase'] = 'Pending';
}

function addFinalizer(meta: Obj, finalizer: string): void {
  const list = getArr(meta, 'finalizers').filter((f): f is string => typeof f === 'string');
  if (!list.includes(finalizer)) meta['finalizers'] = [...list, finalizer];
}

/** SetDefaults_StorageClass. */
function defaultStorageClass(sc: Obj): void {
  if (!getStr(sc, 'reclaimPolicy')) sc['reclaimPolicy'] = 'Delete';
  if (!getStr(sc, 'volumeBindingMode')) sc['volumeBindingMode'] = 'Immediate';
}

export function defaultPersistentVolumeClaim(pvc: Obj): void {
  const spec = ensureObj(pvc, 'spec');
  if (spec['storageClassName'] === null) delete spec['storageClassName'];
  if (!getStr(spec, 'volumeMode')) spec['volumeMode'] = 'Filesystem';
  const resources = getObj(spec, 'resources');
  roundResourceList(getObj(resources, 'requests'));
  roundResourceList(getObj(resources, 'limits'));
  const status = ensureObj(pvc, 'status');
  if (!getStr(status, 'phase')) status['phase'] = 'Pending';
}
