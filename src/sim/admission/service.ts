// Service validation (ValidateService, ValidateServiceUpdate) and the node-port allocator's
// range check, which on a real server runs first and fails alone.

import type { FieldError, FieldValue } from './fieldErrors.ts';
import {
  child,
  duplicate,
  forbidden,
  goQuote,
  goStringSlice,
  goStruct,
  invalid,
  notSupported,
  required,
} from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { getArr, getNum, getObj, getStr, has, objects, stringMap } from './loose.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from './names.ts';
import type { Errs } from './meta.ts';
import { validateLabels, validateObjectMeta } from './meta.ts';
import { PORT_PROTOCOLS, validatePortNumOrName } from './pod.ts';

export interface ValidationOptions {
  /** kube-apiserver --service-node-port-range; default 30000-32767. */
  nodePortRange?: { min: number; max: number };
}

const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 };

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

function clusterIPs(spec: Obj | undefined): string[] {
  return getArr(spec, 'clusterIPs').map((x) => (typeof x === 'string' ? x : String(x)));
}

function isHeadless(spec: Obj | undefined): boolean {
  const ips = clusterIPs(spec);
  return ips.length === 1 && ips[0] === 'None';
}

/**
 * The node-port allocator's check, which runs before validation and fails on the first bad
 * port: `spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range.
 * The range of valid ports is 30000-32767`.
 */
export function validateServiceAllocation(svc: Obj, opts: ValidationOptions = {}): Errs {
  const spec = getObj(svc, 'spec');
  const type = getStr(spec, 'type');
  if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
  const range = opts.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
  const ports = objects(spec, 'ports');
  for (let i = 0; i < ports.length; i++) {
    const np = getNum(ports[i], 'nodePort') ?? 0;
    if (np !== 0 && (np < range.min || np > range.max)) {
      return [
        invalid(
          `spec.ports[${i}].nodePort`,
          np,
          `provided port is not in the valid range. The range of valid ports is ${range.min}-${range.max}`,
        ),
      ];
    }
  }
  return [];
}

/** The allocator's error when a requested nodePort is taken. */
export function nodePortAllocatedError(portIndex: number, nodePort: number): FieldError {
  return invalid(`spec.ports[${portIndex}].nodePort`, nodePort, 'provided port is already allocated');
}

function goServicePortKey(protocol: string, port: number): FieldValue {
  return goStruct('core.ServicePort', [
    ['Name', '""'],
    ['Protocol', goQuote(protocol)],
    ['AppProtocol', '(*string)(nil)'],
    ['Port', String(port)],
    ['TargetPort', 'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}'],
    ['NodePort', '0'],
  ]);
}

export function validateService(svc: Obj): Errs {
  const errs = validateObjectMeta(getObj(svc, 'metadata'), true, nameIsDNS1035Label);
  const spec = getObj(svc, 'spec') ?? {};
  const type = getStr(spec, 'type');
  const ports = objects(spec, 'ports');
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
      break;
    case 'ExternalName': {
      if (clusterIPs(spec).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (getArr(spec, 'ipFamilies').length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (has(spec, 'ipFamilyPolicy')) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = getStr(spec, 'externalName').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const portNames = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, portNames, `spec.ports[${i}]`)));
  const selector = stringMap(spec, 'selector');
  if (selector) errs.push(...validateLabels(selector, 'spec.selector'));
  const affinity = getStr(spec, 'sessionAffinity');
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') {
    const config = getObj(spec, 'sessionAffinityConfig');
    const clientIP = getObj(config, 'clientIP');
    const why = 'when session affinity type is ClientIP';
    if (!config) errs.push(required('spec.sessionAffinityConfig', why));
    else if (!clientIP) errs.push(required('spec.sessionAffinityConfig.clientIP', why));
    else {
      const t = getNum(clientIP, 'timeoutSeconds');
      if (t === undefined) errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', why));
      else if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
        errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
      }
    }
  } else if (affinity === 'None' && has(spec, 'sessionAffinityConfig')) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(spec));
  getArr(spec, 'externalIPs').forEach((ip, i) => {
    const s = typeof ip === 'string' ? ip : String(ip);
    if (!isIP(s)) errs.push(invalid(`spec.externalIPs[${i}]`, s, IP_ERROR));
  });
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((getNum(p, 'nodePort') ?? 0) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = getNum(p, 'nodePort') ?? 0;
    if (np === 0) return;
    const k = `${getStr(p, 'protocol')}/${np}`;
    if (nodePorts.has(k)) errs.push(duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const protocol = getStr(p, 'protocol');
    const port = getNum(p, 'port') ?? 0;
    const k = `${protocol}/${port}`;
    if (seenPorts.has(k)) errs.push(duplicate(`spec.ports[${i}]`, goServicePortKey(protocol, port)));
    seenPorts.add(k);
  });
  if (getArr(spec, 'loadBalancerSourceRanges').length > 0 && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (has(spec, 'allocateLoadBalancerNodePorts') && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // Sic: this path has no "spec." prefix in the Go code.
  if (type === 'LoadBalancer' && !has(spec, 'allocateLoadBalancerNodePorts')) errs.push(required('allocateLoadBalancerNodePorts'));
  if (has(spec, 'loadBalancerClass') && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && getArr(spec, 'externalIPs').length > 0);
  const etp = getStr(spec, 'externalTrafficPolicy');
  if (!externallyAccessible) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const itp = spec['internalTrafficPolicy'];
  if (itp === undefined || itp === null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else if (typeof itp === 'string' && !TRAFFIC_POLICIES.includes(itp)) {
    errs.push(notSupported('spec.internalTrafficPolicy', itp, TRAFFIC_POLICIES));
  }
  return errs;
}

function validateServicePort(p: Obj, requireName: boolean, names: Set<string>, path: string): Errs {
  const errs: Errs = [];
  const name = getStr(p, 'name');
  if (requireName && !name) errs.push(required(child(path, 'name')));
  else if (name) {
    for (const m of isDNS1123Label(name)) errs.push(invalid(child(path, 'name'), name, m));
    if (names.has(name)) errs.push(duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = getNum(p, 'port') ?? 0;
  for (const m of isValidPortNum(port)) errs.push(invalid(child(path, 'port'), port, m));
  const protocol = getStr(p, 'protocol');
  if (!protocol) errs.push(required(child(path, 'protocol')));
  else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(child(path, 'protocol'), protocol, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(p['targetPort'], child(path, 'targetPort')));
  const appProtocol = p['appProtocol'];
  if (typeof appProtocol === 'string') for (const m of isQualifiedName(appProtocol)) errs.push(invalid(child(path, 'appProtocol'), appProtocol, m));
  return errs;
}

const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

/** net.ParseIP, sloppily: dotted quads (leading zeros allowed) or IPv6. */
export function isIP(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((o) => Number(o) <= 255);
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = parts.flatMap((p) => (p === '' ? [] : p.split(':')));
  const last = groups[groups.length - 1] ?? '';
  const hasV4Tail = last.includes('.');
  if (hasV4Tail && !isIP(last)) return false;
  const hexGroups = hasV4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (hasV4Tail ? 2 : 0);
  return parts.length === 2 ? count < 8 : count === 8;
}

function validateClusterIPsRelatedFields(spec: Obj): Errs {
  if (getStr(spec, 'type') === 'ExternalName') return [];
  const errs: Errs = [];
  const ips = clusterIPs(spec);
  const clusterIP = getStr(spec, 'clusterIP');
  if (clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const families = getArr(spec, 'ipFamilies').map(String);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  const policy = spec['ipFamilyPolicy'];
  if (typeof policy === 'string' && !IP_FAMILY_POLICIES.includes(policy)) errs.push(notSupported('spec.ipFamilyPolicy', policy, IP_FAMILY_POLICIES));
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', goStringSlice(ips), "'None' must be the first and only value"));
      }
      return;
    }
    if (!isIP(ip)) {
      badIPs = true;
      errs.push(invalid(`spec.clusterIPs[${i}]`, ip, IP_ERROR));
    }
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1) {
    const v6 = ips.filter((ip) => ip.includes(':')).length;
    if (v6 === 0 || v6 === ips.length) errs.push(invalid('spec.clusterIPs', goStringSlice(ips), 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const fam = families[i];
      if (fam === 'IPv4' && ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && !ip.includes(':')) errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

export function validateServiceUpdate(n: Obj, o: Obj): Errs {
  const ns = getObj(n, 'spec');
  const os = getObj(o, 'spec');
  if (getStr(ns, 'type') === 'ExternalName' || getStr(os, 'type') === 'ExternalName') return [];
  if (isHeadless(ns) && isHeadless(os)) return [];
  const errs: Errs = [];
  const a = clusterIPs(os);
  const b = clusterIPs(ns);
  if (a.length === b.length) {
    a.forEach((ip, i) => {
      if (ip !== b[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, goStringSlice(b), 'may not change once set'));
    });
  } else if (a.length > b.length) {
    if (b.length === 0) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(b), 'primary clusterIP can not be unset'));
    else if (b[0] !== a[0]) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(b), 'may not change once set'));
  } else if (a.length > 0 && b[0] !== a[0]) {
    errs.push(invalid('spec.clusterIPs[0]', goStringSlice(b), 'may not change once set'));
  }
  return errs;
}

