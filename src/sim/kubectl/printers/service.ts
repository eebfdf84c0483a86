// `kubectl get services` and `kubectl get endpoints`: printService, getServiceExternalIP,
// makePortString, loadBalancerStatusStringer and formatEndpoints from printers.go.

import type { Endpoints, Service, ServicePort } from 'kubernetes-types/core/v1';
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
export function formatEndpoints(ep: Endpoints): string {
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
