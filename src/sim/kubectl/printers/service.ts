// `kubectl get services` and `kubectl get endpoints`: printService, getServiceExternalIP,
// makePortString, loadBalancerStatusStringer and formatEndpoints from printers.go; and
// `kubectl describe service` (describeService from describe.go, v1.31: endpoints from the
// Endpoints object).

import type { Endpoints, Event, Service, ServicePort } from 'kubernetes-types/core/v1';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-common.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';
import { translateTimestampSince } from './duration.ts';
import { formatLabels, renderTable, type TableOptions } from './table.ts';

export const SERVICE_HEADERS = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];
export const SERVICE_WIDE_HEADERS = [...SERVICE_HEADERS, 'SELECTOR'];
export const ENDPOINTS_HEADERS = ['NAME', 'ENDPOINTS', 'AGE'];

const LOAD_BALANCER_WIDTH = 16;

// The API server defaults type to ClusterIP and protocol to TCP; reading them with the same
// defaults keeps un-defaulted simulator objects printing like stored ones.
const serviceType = (svc: Service): string => svc.spec?.type ?? 'ClusterIP';
const portProtocol = (p: ServicePort): string => p.protocol ?? 'TCP';

/** Ingress IPs (or hostnames) de-duplicated and sorted; cut to 16 chars with "..." unless wide. */
export function loadBalancerStatus(svc: Service, wide: boolean): string {
  const result = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) result.add(ing.ip);
    else if (ing.hostname) result.add(ing.hostname);
  }
  const r = [...result].sort().join(',');
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r;
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** `port/PROTO` or `port:nodePort/PROTO`, comma-joined; empty when there are no ports. */
export function makePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${portProtocol(p)}` : `${p.port}/${portProtocol(p)}`))
    .join(',');
}

export function serviceRow(svc: Service, nowMs: number, wide = false): string[] {
  // clusterIPs is what kubectl reads; the singular field is the API server's mirror of it.
  const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>';
  const row = [
    svc.metadata?.name ?? '',
    serviceType(svc),
    clusterIP || '<none>',
    serviceExternalIP(svc, wide),
    makePortString(svc.spec?.ports) || '<none>',
    translateTimestampSince(svc.metadata?.creationTimestamp, nowMs),
  ];
  return wide ? [...row, formatLabels(svc.spec?.selector)] : row;
}

export function getServicesTable(services: Service[], nowMs: number, options: TableOptions = {}): string {
  const rows = services.map((s) => ({
    cells: serviceRow(s, nowMs, options.wide === true),
    namespace: s.metadata?.namespace,
    labels: s.metadata?.labels,
  }));
  return renderTable(options.wide ? SERVICE_WIDE_HEADERS : SERVICE_HEADERS, rows, options);
}

/** net.JoinHostPort: IPv6 hosts get brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * Ready addresses as `ip:port` (every address for every port), at most three, then
 * ` + N more...`. Not-ready addresses are not shown, so a subset holding only those prints
 * an empty cell; no subsets at all prints `<none>`.
 */
export function formatEndpoints(ep: Endpoints, portName?: string): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      // describe service asks for one service port's endpoints, by port name.
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const ENDPOINTSLICE_HEADERS = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'];

/** listWithMoreString: the first three, then "+ N more...", or <unset> for none. */
function listWithMore(all: string[]): string {
  const max = 3;
  const ret = all.slice(0, max).join(',');
  if (all.length > max) return `${ret} + ${all.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

interface EndpointSliceLike {
  metadata?: { name?: string; creationTimestamp?: string };
  addressType?: string;
  endpoints?: { addresses?: string[] }[];
  ports?: { name?: string; port?: number }[];
}

/** printEndpointSlice: formatDiscoveryPorts (port, else name, else *) and formatDiscoveryEndpoints. */
export function endpointSliceRow(es: EndpointSliceLike, nowMs: number): string[] {
  const ports = (es.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
  const addresses = (es.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return [es.metadata?.name ?? '', es.addressType ?? '', listWithMore(ports), listWithMore(addresses), translateTimestampSince(es.metadata?.creationTimestamp, nowMs)];
}

export function endpointsRow(ep: Endpoints, nowMs: number): string[] {
  return [ep.metadata?.name ?? '', formatEndpoints(ep), translateTimestampSince(ep.metadata?.creationTimestamp, nowMs)];
}

export function getEndpointsTable(endpoints: Endpoints[], nowMs: number, options: TableOptions = {}): string {
  const rows = endpoints.map((e) => ({
    cells: endpointsRow(e, nowMs),
    namespace: e.metadata?.namespace,
    labels: e.metadata?.labels,
  }));
  return renderTable(ENDPOINTS_HEADERS, rows, options);
}

/** buildIngressString: IPs (or hostnames) comma-separated, with the IP mode when the API set one. */
function ingressString(svc: Service): string {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => `${i.ip || i.hostname || ''}${i.ip && i.ipMode ? ` (${i.ipMode})` : ''}`).join(', ');
}

export function describeService(svc: Service, endpoints: Endpoints | undefined, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${serviceType(svc)}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (svc.status?.loadBalancer?.ingress?.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingressString(svc)}\n`);
    if (spec.type === 'ExternalName') w.write(LEVEL_0, `External Name:\t${spec.externalName ?? ''}\n`);
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const protocol = portProtocol(sp);
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort ?? sp.port}/${protocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints ?? {}, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    describeEvents(events, w, nowMs);
  });
}
