// Pod validation: ValidatePodCreate / ValidatePodUpdate and everything under ValidatePodSpec
// that the simulator's pods can reach, in the Go order.

import { tryParseQuantity } from '../quantity.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  index,
  invalid,
  key,
  notFound,
  notSupported,
  required,
} from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { deepEqual, getArr, getNum, getObj, getStr, has, isObj, objects, sortedKeys, stringMap } from './loose.ts';
import {
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Label,
  isEnvVarName,
  isHTTPHeaderName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names.ts';
import type { Errs } from './meta.ts';
import { IS_NEGATIVE, validateLabels, validateObjectMeta } from './meta.ts';

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

export function validatePodCreate(pod: Obj): Errs {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = getObj(pod, 'spec');
  if (getArr(spec, 'ephemeralContainers').length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (getStr(spec, 'nodeName') && getArr(spec, 'schedulingGates').length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function validatePodMetadataAndSpec(pod: Obj): Errs {
  const errs = validateObjectMeta(getObj(pod, 'metadata'), true, nameIsDNSSubdomain);
  const spec = getObj(pod, 'spec') ?? {};
  errs.push(...validatePodSpec(spec, 'spec'));
  for (const [list, path] of [
    ['containers', 'spec.containers'],
    ['initContainers', 'spec.initContainers'],
  ] as const) {
    objects(spec, list).forEach((c, i) => {
      const image = getStr(c, 'image');
      if (image.length !== image.trim().length) {
        errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
      }
    });
  }
  return errs;
}

/** ValidatePodSpec, in the Go order. Exported for pod templates (Deployments etc.). */
export function validatePodSpec(spec: Obj, path: string): Errs {
  const errs: Errs = [];
  const grace = getNum(spec, 'terminationGracePeriodSeconds');
  if (grace === undefined) errs.push(required(child(path, 'terminationGracePeriodSeconds')));
  const { volumes, errs: volErrs } = validateVolumes(objects(spec, 'volumes'), child(path, 'volumes'));
  errs.push(...volErrs);
  const restartPolicy = getStr(spec, 'restartPolicy');
  errs.push(...validateContainers(objects(spec, 'containers'), volumes, grace, child(path, 'containers')));
  errs.push(...validateInitContainers(objects(spec, 'initContainers'), objects(spec, 'containers'), volumes, grace, child(path, 'initContainers')));
  errs.push(...validateHostNetworkDeps(spec, path));
  errs.push(...validateRestartPolicy(restartPolicy, child(path, 'restartPolicy')));
  errs.push(...validateDNSPolicy(getStr(spec, 'dnsPolicy'), child(path, 'dnsPolicy')));
  errs.push(...validateLabels(stringMap(spec, 'nodeSelector'), child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(getObj(spec, 'securityContext'), child(path, 'securityContext')));
  const serviceAccountName = getStr(spec, 'serviceAccountName');
  if (serviceAccountName) {
    for (const m of nameIsDNSSubdomain(serviceAccountName)) errs.push(invalid(child(path, 'serviceAccountName'), serviceAccountName, m));
  }
  const nodeName = getStr(spec, 'nodeName');
  if (nodeName) for (const m of nameIsDNSSubdomain(nodeName)) errs.push(invalid(child(path, 'nodeName'), nodeName, m));
  const deadline = getNum(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, 2147483647)));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = getStr(spec, f);
    if (v) for (const m of isDNS1123Label(v)) errs.push(invalid(child(path, f), v, m));
  }
  errs.push(...validateTolerations(objects(spec, 'tolerations'), child(path, 'tolerations')));
  const priorityClassName = getStr(spec, 'priorityClassName');
  if (priorityClassName) {
    for (const m of nameIsDNSSubdomain(priorityClassName)) errs.push(invalid(child(path, 'priorityClassName'), priorityClassName, m));
  }
  const preemption = spec['preemptionPolicy'];
  if (typeof preemption === 'string' && preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
    if (preemption === '') errs.push(required(child(path, 'preemptionPolicy')));
    else errs.push(notSupported(child(path, 'preemptionPolicy'), preemption, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

// ---- volumes ----

/** JSON name of each source, in the order validateVolumeSource checks them, and the path Go uses. */
const VOLUME_SOURCE_ORDER: readonly [string, string][] = [
  ['emptyDir', 'emptyDir'],
  ['hostPath', 'hostPath'],
  ['gitRepo', 'gitRepo'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'],
  // Sic: the Go code reports a second source next to downwardAPI as "downwarAPI".
  ['downwardAPI', 'downwarAPI'],
  ['fc', 'fc'],
  ['flexVolume', 'flexVolume'],
  ['configMap', 'configMap'],
  ['azureFile', 'azureFile'],
  ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'],
  ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateVolumes(vols: Obj[], path: string): { volumes: Map<string, Obj>; errs: Errs } {
  const errs: Errs = [];
  const volumes = new Map<string, Obj>();
  vols.forEach((vol, i) => {
    const idx = index(path, i);
    const name = getStr(vol, 'name');
    const el = validateVolumeSource(vol, idx);
    if (!name) el.push(required(child(idx, 'name')));
    else for (const m of isDNS1123Label(name)) el.push(invalid(child(idx, 'name'), name, m));
    if (volumes.has(name)) el.push(duplicate(child(idx, 'name'), name));
    // A volume with any error is left out, so mounts naming it are also "Not found".
    if (el.length === 0) volumes.set(name, vol);
    else errs.push(...el);
  });
  return { volumes, errs };
}

function validateVolumeSource(vol: Obj, path: string): Errs {
  const errs: Errs = [];
  let count = 0;
  for (const [json, goPath] of VOLUME_SOURCE_ORDER) {
    if (!has(vol, json)) continue;
    if (count > 0 && json !== 'emptyDir') {
      errs.push(forbidden(child(path, goPath), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const src = getObj(vol, json);
    switch (json) {
      case 'emptyDir': {
        const limit = src?.['sizeLimit'];
        if ((typeof limit === 'string' || typeof limit === 'number') && tryQuantityNanos(limit) < 0n) {
          errs.push(forbidden(child(path, 'emptyDir', 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        }
        break;
      }
      case 'hostPath':
        errs.push(...validateHostPath(src, child(path, 'hostPath')));
        break;
      case 'secret':
        if (!getStr(src, 'secretName')) errs.push(required(child(path, 'secret', 'secretName')));
        errs.push(...validateMode(getNum(src, 'defaultMode'), child(path, 'secret', 'defaultMode')));
        errs.push(...validateKeyToPaths(objects(src, 'items'), child(path, 'secret', 'items')));
        break;
      case 'configMap':
        if (!getStr(src, 'name')) errs.push(required(child(path, 'configMap', 'name')));
        errs.push(...validateMode(getNum(src, 'defaultMode'), child(path, 'configMap', 'defaultMode')));
        errs.push(...validateKeyToPaths(objects(src, 'items'), child(path, 'configMap', 'items')));
        break;
      case 'persistentVolumeClaim':
        if (!getStr(src, 'claimName')) errs.push(required(child(path, 'persistentVolumeClaim', 'claimName')));
        break;
      case 'nfs': {
        const p = getStr(src, 'path');
        if (!getStr(src, 'server')) errs.push(required(child(path, 'nfs', 'server')));
        if (!p) errs.push(required(child(path, 'nfs', 'path')));
        if (!p.startsWith('/')) errs.push(invalid(child(path, 'nfs', 'path'), p, 'must be an absolute path'));
        break;
      }
      case 'downwardAPI':
        errs.push(...validateMode(getNum(src, 'defaultMode'), child(path, 'downwardAPI', 'defaultMode')));
        for (const item of objects(src, 'items')) errs.push(...validateDownwardAPIFile(item, child(path, 'downwardAPI')));
        break;
      case 'projected':
        errs.push(...validateMode(getNum(src, 'defaultMode'), child(path, 'projected', 'defaultMode')));
        errs.push(...validateProjectedSources(objects(src, 'sources'), child(path, 'projected')));
        break;
      default:
        break;
    }
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function tryQuantityNanos(v: string | number): bigint {
  const r = tryParseQuantity(v);
  return r.ok ? r.quantity.nanos : 0n;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateHostPath(src: Obj | undefined, path: string): Errs {
  const p = getStr(src, 'path');
  if (!p) return [required(child(path, 'path'))];
  const errs = validatePathNoBacksteps(p, child(path, 'path'));
  const type = src?.['type'];
  if (typeof type === 'string' && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(child(path, 'type'), type, HOST_PATH_TYPES));
  return errs;
}

function validatePathNoBacksteps(p: string, path: string): Errs {
  return p.split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, path: string): Errs {
  const errs: Errs = [];
  if (p.startsWith('/')) errs.push(invalid(path, p, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, path));
  return errs;
}

function validateLocalNonReservedPath(p: string, path: string): Errs {
  const errs = validateLocalDescendingPath(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(invalid(path, p, "must not start with '..'"));
  return errs;
}

function validateMode(mode: number | undefined, path: string): Errs {
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validateKeyToPaths(items: Obj[], path: string): Errs {
  const errs: Errs = [];
  items.forEach((kp, i) => {
    const idx = index(path, i);
    if (!getStr(kp, 'key')) errs.push(required(child(idx, 'key')));
    const p = getStr(kp, 'path');
    if (!p) errs.push(required(child(idx, 'path')));
    errs.push(...validateLocalNonReservedPath(p, child(idx, 'path')));
    errs.push(...validateMode(getNum(kp, 'mode'), child(idx, 'mode')));
  });
  return errs;
}

function validateDownwardAPIFile(item: Obj, path: string): Errs {
  const errs: Errs = [];
  const p = getStr(item, 'path');
  if (!p) errs.push(required(child(path, 'path')));
  errs.push(...validateLocalNonReservedPath(p, child(path, 'path')));
  const fieldRef = getObj(item, 'fieldRef');
  if (fieldRef) {
    if (has(item, 'resourceFieldRef')) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (!has(item, 'resourceFieldRef')) {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(getNum(item, 'mode'), child(path, 'mode')));
  return errs;
}

function validateProjectedSources(sources: Obj[], path: string): Errs {
  const errs: Errs = [];
  sources.forEach((source, i) => {
    const srcPath = index(child(path, 'sources'), i);
    let n = 0;
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle']) {
      if (!has(source, kind)) continue;
      n++;
      const s = getObj(source, kind);
      if ((kind === 'secret' || kind === 'configMap') && !getStr(s, 'name')) errs.push(required(child(srcPath, kind, 'name')));
      if (kind === 'serviceAccountToken') {
        const exp = getNum(s, 'expirationSeconds') ?? 3600;
        if (exp < 600) errs.push(invalid(child(srcPath, kind, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
        if (!getStr(s, 'path')) errs.push(required(child(path, 'path')));
      }
    }
    if (n > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

// ---- containers ----

function validateContainers(containers: Obj[], volumes: Map<string, Obj>, grace: number | undefined, path: string): Errs {
  if (containers.length === 0) return [required(path)];
  const errs: Errs = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const idx = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, idx));
    const name = getStr(c, 'name');
    if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
    else names.add(name);
    const lifecycle = getObj(c, 'lifecycle');
    if (lifecycle) errs.push(...validateLifecycle(lifecycle, grace, child(idx, 'lifecycle')));
    errs.push(...validateProbe(getObj(c, 'livenessProbe'), child(idx, 'livenessProbe'), 'liveness'));
    errs.push(...validateProbe(getObj(c, 'readinessProbe'), child(idx, 'readinessProbe'), 'readiness'));
    errs.push(...validateProbe(getObj(c, 'startupProbe'), child(idx, 'startupProbe'), 'startup'));
    if (has(c, 'restartPolicy')) errs.push(forbidden(child(idx, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

const INIT_ONLY_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

function validateInitContainers(inits: Obj[], regular: Obj[], volumes: Map<string, Obj>, grace: number | undefined, path: string): Errs {
  const errs: Errs = [];
  const names = new Set(regular.map((c) => getStr(c, 'name')));
  inits.forEach((c, i) => {
    const idx = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, idx));
    let sidecar = false;
    if (has(c, 'restartPolicy')) {
      const rp = getStr(c, 'restartPolicy');
      if (rp !== 'Always') errs.push(notSupported(child(idx, 'restartPolicy'), rp, ['Always']));
      sidecar = rp === 'Always';
    }
    const name = getStr(c, 'name');
    if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      const lifecycle = getObj(c, 'lifecycle');
      if (lifecycle) errs.push(...validateLifecycle(lifecycle, grace, child(idx, 'lifecycle')));
      errs.push(...validateProbe(getObj(c, 'livenessProbe'), child(idx, 'livenessProbe'), 'liveness'));
      errs.push(...validateProbe(getObj(c, 'readinessProbe'), child(idx, 'readinessProbe'), 'readiness'));
      errs.push(...validateProbe(getObj(c, 'startupProbe'), child(idx, 'startupProbe'), 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c, f)) errs.push(forbidden(child(idx, f), INIT_ONLY_FORBIDDEN));
      }
    }
    if (getArr(c, 'resizePolicy').length > 0) {
      errs.push(invalid(child(idx, 'resizePolicy'), { go: '[]core.ContainerResizePolicy{...}' }, 'must not be set for init containers'));
    }
  });
  return errs;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainerCommon(c: Obj, volumes: Map<string, Obj>, path: string): Errs {
  const errs: Errs = [];
  const name = getStr(c, 'name');
  if (!name) errs.push(required(child(path, 'name')));
  else for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, m));
  if (!getStr(c, 'image')) errs.push(required(child(path, 'image')));
  const tmp = getStr(c, 'terminationMessagePolicy');
  if (!tmp) errs.push(required(child(path, 'terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) errs.push(notSupported(child(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  errs.push(...validateContainerPorts(objects(c, 'ports'), child(path, 'ports')));
  errs.push(...validateEnv(objects(c, 'env'), child(path, 'env')));
  errs.push(...validateEnvFrom(objects(c, 'envFrom'), child(path, 'envFrom')));
  errs.push(...validateVolumeMounts(c, volumes, child(path, 'volumeMounts')));
  const pull = getStr(c, 'imagePullPolicy');
  if (!pull) errs.push(required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(getObj(c, 'resources'), child(path, 'resources')));
  errs.push(...validateSecurityContext(getObj(c, 'securityContext'), child(path, 'securityContext')));
  return errs;
}

export const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: Obj[], path: string): Errs {
  const errs: Errs = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = index(path, i);
    const name = getStr(p, 'name');
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(idx, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(idx, 'name'), name));
      else names.add(name);
    }
    const containerPort = getNum(p, 'containerPort') ?? 0;
    if (containerPort === 0) errs.push(required(child(idx, 'containerPort')));
    else for (const m of isValidPortNum(containerPort)) errs.push(invalid(child(idx, 'containerPort'), containerPort, m));
    const hostPort = getNum(p, 'hostPort') ?? 0;
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(invalid(child(idx, 'hostPort'), hostPort, m));
    const protocol = getStr(p, 'protocol');
    if (!protocol) errs.push(required(child(idx, 'protocol')));
    else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(idx, 'protocol'), protocol, PORT_PROTOCOLS));
  });
  return errs;
}

/** AccumulateUniqueHostPorts: `<protocol>/<hostIP>/<hostPort>` must be unique. */
function hostPortConflicts(containers: Obj[], path: string): Errs {
  const errs: Errs = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objects(c, 'ports').forEach((p, pi) => {
      const hostPort = getNum(p, 'hostPort') ?? 0;
      if (hostPort === 0) return;
      const k = `${getStr(p, 'protocol')}/${getStr(p, 'hostIP')}/${hostPort}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return errs;
}

function validateEnv(env: Obj[], path: string): Errs {
  const errs: Errs = [];
  env.forEach((e, i) => {
    const idx = index(path, i);
    const name = getStr(e, 'name');
    if (!name) errs.push(required(child(idx, 'name')));
    else for (const m of isEnvVarName(name)) errs.push(invalid(child(idx, 'name'), name, m));
    errs.push(...validateEnvVarValueFrom(e, child(idx, 'valueFrom')));
  });
  return errs;
}

function validateEnvVarValueFrom(e: Obj, path: string): Errs {
  const from = getObj(e, 'valueFrom');
  if (!from) return [];
  const errs: Errs = [];
  let n = 0;
  if (has(from, 'fieldRef')) {
    n++;
    const ref = getObj(from, 'fieldRef');
    if (!getStr(ref, 'apiVersion')) errs.push(required(child(path, 'fieldRef', 'apiVersion')));
    else if (!getStr(ref, 'fieldPath')) errs.push(required(child(path, 'fieldRef', 'fieldPath')));
  }
  if (has(from, 'resourceFieldRef')) {
    n++;
    if (!getStr(getObj(from, 'resourceFieldRef'), 'resource')) errs.push(required(child(path, 'resourceFieldRef', 'resource')));
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    if (!has(from, kind)) continue;
    n++;
    const sel = getObj(from, kind);
    const name = getStr(sel, 'name');
    for (const m of nameIsDNSSubdomain(name)) errs.push(invalid(child(path, kind, 'name'), name, m));
    const k = getStr(sel, 'key');
    if (!k) errs.push(required(child(path, kind, 'key')));
    else for (const m of isConfigMapKey(k)) errs.push(invalid(child(path, kind, 'key'), k, m));
  }
  if (n === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (getStr(e, 'value')) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateEnvFrom(envFrom: Obj[], path: string): Errs {
  const errs: Errs = [];
  envFrom.forEach((ef, i) => {
    const idx = index(path, i);
    const prefix = getStr(ef, 'prefix');
    if (prefix) for (const m of isEnvVarName(prefix)) errs.push(invalid(child(idx, 'prefix'), prefix, m));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!has(ef, kind)) continue;
      n++;
      const name = getStr(getObj(ef, kind), 'name');
      if (!name) errs.push(required(child(idx, kind, 'name')));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(idx, kind, 'name'), name, m));
    }
    // Sic: these two are reported against the list, not the item.
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const MOUNT_PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

function validateVolumeMounts(c: Obj, volumes: Map<string, Obj>, path: string): Errs {
  const errs: Errs = [];
  const mountPoints = new Set<string>();
  objects(c, 'volumeMounts').forEach((m, i) => {
    const idx = index(path, i);
    const name = getStr(m, 'name');
    if (!name) errs.push(required(child(idx, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(idx, 'name'), name));
    const mountPath = getStr(m, 'mountPath');
    if (!mountPath) errs.push(required(child(idx, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(child(idx, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = getStr(m, 'subPath');
    // Sic: subPath problems are reported against the list path, not the item.
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(path, 'subPath')));
    const subPathExpr = getStr(m, 'subPathExpr');
    if (subPathExpr) {
      if (subPath) errs.push(invalid(child(idx, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(path, 'subPathExpr')));
    }
    const propagation = m['mountPropagation'];
    if (typeof propagation === 'string') {
      const p = child(path, 'mountPropagation');
      if (!MOUNT_PROPAGATIONS.includes(propagation)) errs.push(notSupported(p, propagation, MOUNT_PROPAGATIONS));
      const privileged = getObj(c, 'securityContext')?.['privileged'] === true;
      if (propagation === 'Bidirectional' && !privileged) {
        errs.push(forbidden(p, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
  });
  return errs;
}

// ---- probes and handlers ----

function validateProbe(probe: Obj | undefined, path: string, kind: 'liveness' | 'readiness' | 'startup'): Errs {
  if (!probe) return [];
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], undefined, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = getNum(probe, f);
    if (v !== undefined && v < 0) errs.push(invalid(child(path, f), v, IS_NEGATIVE));
  }
  const tgps = getNum(probe, 'terminationGracePeriodSeconds');
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind === 'readiness' && tgps !== undefined) {
    errs.push(invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readiness') {
    const success = getNum(probe, 'successThreshold') ?? 0;
    if (success !== 1) errs.push(invalid(child(path, 'successThreshold'), success, 'must be 1'));
  }
  return errs;
}

function validateLifecycle(lifecycle: Obj, grace: number | undefined, path: string): Errs {
  const errs: Errs = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = getObj(lifecycle, hook);
    if (h) errs.push(...validateHandler(h, ['exec', 'httpGet', 'tcpSocket', 'sleep'], grace, child(path, hook)));
  }
  return errs;
}

/** validateHandler: exactly one handler, checked in the order exec, httpGet, tcpSocket, grpc, sleep. */
function validateHandler(h: Obj, allowed: readonly string[], grace: number | undefined, path: string): Errs {
  const errs: Errs = [];
  let n = 0;
  for (const kind of ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep']) {
    if (!allowed.includes(kind) || !has(h, kind)) continue;
    if (n > 0) {
      errs.push(forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = getObj(h, kind);
    const p = child(path, kind);
    switch (kind) {
      case 'exec':
        if (getArr(a, 'command').length === 0) errs.push(required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (!getStr(a, 'path')) errs.push(required(child(p, 'path')));
        errs.push(...validatePortNumOrName(a?.['port'], child(p, 'port')));
        const scheme = getStr(a, 'scheme');
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const header of objects(a, 'httpHeaders')) {
          const hn = getStr(header, 'name');
          for (const m of isHTTPHeaderName(hn)) errs.push(invalid(child(p, 'httpHeaders'), hn, m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a?.['port'], child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(getNum(a, 'port') ?? 0, child(p, 'port')));
        break;
      case 'sleep': {
        const s = getNum(a, 'seconds') ?? 0;
        if (grace !== undefined && (s <= 0 || s > grace)) {
          errs.push(
            invalid(p, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`),
          );
        }
        break;
      }
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

/** ValidatePortNumOrName: an IntOrString that is a port number or an IANA_SVC_NAME. */
export function validatePortNumOrName(port: unknown, path: string): Errs {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

// ---- resources ----

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResource(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePages(name);
}

function validateContainerResourceName(name: string, path: string): Errs {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length === 0 && !name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errs.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function quantityAt(list: Obj | undefined, k: string): { text: string; nanos: bigint } | null {
  const v = list?.[k];
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const r = tryParseQuantity(v);
  return r.ok ? { text: r.quantity.text, nanos: r.quantity.nanos } : null;
}

export function validateResourceQuantity(name: string, q: { text: string; nanos: bigint }, path: string): Errs {
  const errs: Errs = [];
  if (q.nanos < 0n) errs.push(invalid(path, q.text, IS_NEGATIVE));
  // Go renders this value as a %#v resource.Quantity struct; the text is the readable part of it.
  if (isExtendedResource(name) && q.nanos % 10n ** 9n !== 0n) errs.push(invalid(path, q.text, 'must be an integer'));
  return errs;
}

/** validateResourceRequirements: names, quantities, and requests <= limits. */
export function validateResourceRequirements(resources: Obj | undefined, path: string): Errs {
  const errs: Errs = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = getObj(resources, 'limits');
  const requests = getObj(resources, 'requests');
  let cpuOrMemory = false;
  let hugePages = false;
  for (const name of sortedKeys(limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(limits, name);
    if (q) errs.push(...validateResourceQuantity(name, q, p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityAt(requests, name);
    if (q) errs.push(...validateResourceQuantity(name, q, p));
    const limit = quantityAt(limits, name);
    if (q && limit) {
      if (q.nanos !== limit.nanos && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.text, `must be equal to ${name} limit of ${limit.text}`));
      } else if (q.nanos > limit.nanos) {
        errs.push(invalid(reqPath, q.text, `must be less than or equal to ${name} limit of ${limit.text}`));
      }
    } else if (!has(limits, name) && !isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (!cpuOrMemory && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

// ---- security contexts, pod-level fields ----

const MAX_ID = 0xffffffff;

function validateIds(sc: Obj | undefined, fields: readonly string[], path: string): Errs {
  const errs: Errs = [];
  for (const f of fields) {
    const v = getNum(sc, f);
    if (v !== undefined && (v < 0 || v > MAX_ID)) errs.push(invalid(child(path, f), v, inclusiveRangeError(0, MAX_ID)));
  }
  return errs;
}

function validateSecurityContext(sc: Obj | undefined, path: string): Errs {
  if (!sc) return [];
  const errs = validateIds(sc, ['runAsUser', 'runAsGroup'], path);
  if (sc['allowPrivilegeEscalation'] === false && sc['privileged'] === true) {
    errs.push(invalid(path, { go: '&core.SecurityContext{...}' }, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}

function validatePodSecurityContext(sc: Obj | undefined, path: string): Errs {
  if (!sc) return [];
  const errs = validateIds(sc, ['fsGroup', 'runAsUser', 'runAsGroup'], path);
  getArr(sc, 'supplementalGroups').forEach((g, i) => {
    if (typeof g === 'number' && (g < 0 || g > MAX_ID)) errs.push(invalid(index(child(path, 'supplementalGroups'), i), g, inclusiveRangeError(0, MAX_ID)));
  });
  return errs;
}

function validateHostNetworkDeps(spec: Obj, path: string): Errs {
  if (spec['hostNetwork'] !== true) return [];
  const errs: Errs = [];
  objects(spec, 'containers').forEach((c, ci) => {
    objects(c, 'ports').forEach((p, pi) => {
      const hp = getNum(p, 'hostPort') ?? 0;
      const cp = getNum(p, 'containerPort') ?? 0;
      if (hp !== cp) {
        errs.push(invalid(child(index(child(index(child(path, 'containers'), ci), 'ports'), pi), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

function validateRestartPolicy(policy: string, path: string): Errs {
  if (RESTART_POLICIES.includes(policy)) return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, RESTART_POLICIES)];
}

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateDNSPolicy(policy: string, path: string): Errs {
  if (DNS_POLICIES.includes(policy)) return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, DNS_POLICIES)];
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: Obj[], path: string): Errs {
  const errs: Errs = [];
  tolerations.forEach((t, i) => {
    const idx = index(path, i);
    const k = getStr(t, 'key');
    const op = getStr(t, 'operator');
    const effect = getStr(t, 'effect');
    const value = getStr(t, 'value');
    if (k) for (const m of isQualifiedName(k)) errs.push(invalid(child(idx, 'key'), k, m));
    if (!k && op !== 'Exists') {
      errs.push(invalid(child(idx, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(invalid(child(idx, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(child(idx, 'operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(child(idx, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(idx, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(idx, 'effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

// ---- pod update ----

/** core.PodSpec field names (Go), in declaration order, keyed by their v1 JSON names. */
const POD_SPEC_GO_FIELDS: readonly [string, string][] = [
  ['volumes', 'Volumes'],
  ['initContainers', 'InitContainers'],
  ['containers', 'Containers'],
  ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'],
  ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'],
  ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'],
  ['dnsPolicy', 'DNSPolicy'],
  ['nodeSelector', 'NodeSelector'],
  ['serviceAccountName', 'ServiceAccountName'],
  ['automountServiceAccountToken', 'AutomountServiceAccountToken'],
  ['nodeName', 'NodeName'],
  ['securityContext', 'SecurityContext'],
  ['imagePullSecrets', 'ImagePullSecrets'],
  ['hostname', 'Hostname'],
  ['subdomain', 'Subdomain'],
  ['setHostnameAsFQDN', 'SetHostnameAsFQDN'],
  ['affinity', 'Affinity'],
  ['schedulerName', 'SchedulerName'],
  ['tolerations', 'Tolerations'],
  ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'],
  ['priority', 'Priority'],
  ['preemptionPolicy', 'PreemptionPolicy'],
  ['dnsConfig', 'DNSConfig'],
  ['readinessGates', 'ReadinessGates'],
  ['runtimeClassName', 'RuntimeClassName'],
  ['overhead', 'Overhead'],
  ['enableServiceLinks', 'EnableServiceLinks'],
  ['topologySpreadConstraints', 'TopologySpreadConstraints'],
  ['os', 'OS'],
  ['schedulingGates', 'SchedulingGates'],
  ['resourceClaims', 'ResourceClaims'],
];

// In the internal type these v1 fields live inside SecurityContext (or do not exist at all).
const POD_SPEC_FOLDED: Readonly<Record<string, string>> = {
  hostNetwork: 'securityContext',
  hostPID: 'securityContext',
  hostIPC: 'securityContext',
  shareProcessNamespace: 'securityContext',
  hostUsers: 'securityContext',
};

function podSpecForCompare(spec: Obj | undefined): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(spec ?? {})) {
    if (k === 'serviceAccount') continue; // the deprecated alias, derived from serviceAccountName
    const home = POD_SPEC_FOLDED[k];
    if (home) {
      const sc = { ...(isObj(out[home]) ? (out[home] as Obj) : {}) };
      sc[k] = v;
      out[home] = sc;
    } else if (k === 'securityContext' && isObj(v)) {
      out[k] = { ...(isObj(out[k]) ? (out[k] as Obj) : {}), ...v };
    } else {
      out[k] = v;
    }
  }
  return out;
}

function goish(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * An approximation of the cmp.Diff text Go appends to the Forbidden message: the changed
 * top-level PodSpec fields, old value with "-" and new with "+". The real diff nests into
 * structs with Go syntax; this keeps its shape, not its exact bytes.
 */
function podSpecDiff(oldSpec: Obj, newSpec: Obj): string {
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = (): void => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const [json, go] of POD_SPEC_GO_FIELDS) {
    const a = oldSpec[json];
    const b = newSpec[json];
    if (deepEqual(a, b)) {
      same++;
      continue;
    }
    flush();
    if (a !== undefined) lines.push(`- \t${go}: ${goish(a)},`);
    if (b !== undefined) lines.push(`+ \t${go}: ${goish(b)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n');
}

export function validatePodUpdate(newPod: Obj, oldPod: Obj, metaErrs: Errs): Errs {
  const errs = [...metaErrs, ...validatePodMetadataAndSpec(newPod)];
  const newSpec = getObj(newPod, 'spec') ?? {};
  const oldSpec = getObj(oldPod, 'spec') ?? {};
  for (const [list, path] of [
    ['containers', 'spec.containers'],
    ['initContainers', 'spec.initContainers'],
  ] as const) {
    const nc = objects(newSpec, list);
    if (nc.length !== objects(oldSpec, list).length) {
      errs.push(forbidden(path, 'pod updates may not add or remove containers'));
      return errs;
    }
    nc.forEach((c, i) => {
      const image = getStr(c, 'image');
      if (!image) errs.push(required(child(index(path, i), 'image')));
      if (image.trim().length !== image.length) errs.push(invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
    });
  }
  const newDeadline = getNum(newSpec, 'activeDeadlineSeconds');
  const oldDeadline = getNum(oldSpec, 'activeDeadlineSeconds');
  if (newDeadline !== undefined) {
    if (newDeadline < 0 || newDeadline > 2147483647) {
      errs.push(invalid('spec.activeDeadlineSeconds', newDeadline, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oldDeadline !== undefined && oldDeadline < newDeadline) {
      errs.push(invalid('spec.activeDeadlineSeconds', newDeadline, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(objects(newSpec, 'tolerations'), objects(oldSpec, 'tolerations'), 'spec.tolerations'));
  const a = podSpecForCompare(oldSpec);
  const b = podSpecForCompare(newSpec);
  if (deepEqual(a, b)) return errs;
  // Munge the fields a pod update may change, then require everything else to be equal.
  const munged: Obj = { ...b };
  for (const list of ['containers', 'initContainers']) {
    const olds = objects(a, list);
    if (Array.isArray(b[list])) munged[list] = objects(b, list).map((c, i) => ({ ...c, image: olds[i]?.['image'] }));
  }
  munged['activeDeadlineSeconds'] = a['activeDeadlineSeconds'];
  munged['schedulingGates'] = a['schedulingGates'];
  munged['tolerations'] = a['tolerations'];
  const oldGrace = getNum(a, 'terminationGracePeriodSeconds');
  if (oldGrace !== undefined && oldGrace < 0 && getNum(munged, 'terminationGracePeriodSeconds') === 1) munged['terminationGracePeriodSeconds'] = oldGrace;
  if (!deepEqual(stripUndefined(munged), stripUndefined(a))) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(a, munged)}`));
  }
  return errs;
}

function stripUndefined(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

function validateOnlyAddedTolerations(newT: Obj[], oldT: Obj[], path: string): Errs {
  for (const old of oldT) {
    const found = newT.some((n) => deepEqual({ ...old, tolerationSeconds: n['tolerationSeconds'] }, n));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

