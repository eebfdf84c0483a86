// The cluster network: pod IPs and the sockets listening in each pod's network namespace,
// Service virtual IPs (kube-proxy's job) and cluster DNS (CoreDNS's job). Everything is a
// synchronous lookup: a request from one pod to another is a function call on the virtual
// clock's current instant.

import type { Service } from '../api.ts';
import type { KubeObject } from '../store/types.ts';
import type { ObjectStore } from '../store/store.ts';
import type { SeededRandom } from '../random.ts';
import type { DnsAnswer, HttpResult, Listener, Network } from './process.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';
export const DNS_SERVICE_NAME = `kube-dns.kube-system.svc.${CLUSTER_DOMAIN}`;

interface Socket {
  listener: Listener;
  owner: string;
}

/** One pod's network namespace: shared by all its containers (they share localhost). */
export class PodNetwork {
  readonly sockets = new Map<number, Socket>();
  constructor(
    readonly ip: string,
    readonly podKey: string,
  ) {}

  listen(owner: string, l: Listener): boolean {
    if (this.sockets.has(l.port)) return false;
    this.sockets.set(l.port, { listener: l, owner });
    return true;
  }

  closeAll(owner: string): void {
    for (const [port, s] of this.sockets) if (s.owner === owner) this.sockets.delete(port);
  }
}

export class ClusterNetwork {
  private pods = new Map<string, PodNetwork>();
  private nextHost = new Map<string, number>();
  /** Service VIPs (cluster IPs, external IPs, load balancer IPs), kept current from the watch. */
  private vips = new Map<string, Service>();
  /** kube-proxy's ClientIP affinity table: service/port/client -> endpoint, until a time. */
  private affinity = new Map<string, { ip: string; port: number; until: number }>();
  /** Current simulated time (ms); set by the cluster so affinity can expire. */
  now: () => number = () => 0;
  /** NodePorts: open on every node's IP. */
  private nodePorts = new Map<number, Service>();
  /** Node IPs, so a connection to NODE_IP:nodePort is recognised. */
  readonly nodeIps = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly random: SeededRandom,
  ) {
    store.watch('Service', (ev) => {
      const svc = ev.object as Service;
      const old = ev.old as Service | undefined;
      for (const o of [old, svc]) {
        if (!o) continue;
        for (const ip of serviceIps(o)) if (this.vips.get(ip)?.metadata.uid === o.metadata.uid) this.vips.delete(ip);
        for (const [k, s] of this.nodePorts) if (s.metadata.uid === o.metadata.uid) this.nodePorts.delete(k);
      }
      if (ev.type === 'DELETED') return;
      for (const ip of serviceIps(svc)) this.vips.set(ip, svc);
      if (svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer') for (const p of svc.spec.ports ?? []) if (p.nodePort) this.nodePorts.set(p.nodePort, svc);
    });
  }

  /** Allocate a pod IP from a node's pod CIDR (10.244.<n>.0/24), as the CNI plugin would. */
  attach(podKey: string, nodeIndex: number): PodNetwork {
    const prefix = `10.244.${nodeIndex}.`;
    let host = this.nextHost.get(prefix) ?? 2;
    let ip = `${prefix}${host}`;
    for (let guard = 0; this.pods.has(ip) && guard < 253; guard++) {
      host = host >= 254 ? 2 : host + 1;
      ip = `${prefix}${host}`;
    }
    this.nextHost.set(prefix, host >= 254 ? 2 : host + 1);
    const net = new PodNetwork(ip, podKey);
    this.pods.set(ip, net);
    return net;
  }

  detach(net: PodNetwork): void {
    if (this.pods.get(net.ip) === net) this.pods.delete(net.ip);
  }

  podAt(ip: string): PodNetwork | undefined {
    return this.pods.get(ip);
  }

  /** DNS as CoreDNS answers a pod with dnsPolicy ClusterFirst in namespace `ns`. */
  resolve(name: string, ns: string): DnsAnswer | undefined {
    const n = name.replace(/\.$/, '').toLowerCase();
    // /etc/hosts answers before DNS does.
    if (n === 'localhost') return { kind: 'A', name: 'localhost', ips: ['127.0.0.1'] };
    const candidates = n.includes('.') && n.endsWith(CLUSTER_DOMAIN)
      ? [n]
      : [`${n}.${ns}.svc.${CLUSTER_DOMAIN}`, `${n}.svc.${CLUSTER_DOMAIN}`, `${n}.${CLUSTER_DOMAIN}`, n];
    for (const fqdn of candidates) {
      const a = this.lookup(fqdn);
      if (a) return a;
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(n)) return { kind: 'A', name: n, ips: [n] };
    return undefined;
  }

  private lookup(fqdn: string): DnsAnswer | undefined {
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(suffix)) {
      const parts = fqdn.slice(0, -suffix.length).split('.');
      if (parts.length === 2) {
        const [svcName, ns] = parts as [string, string];
        const svc = this.store.get<Service>('Service', ns, svcName);
        if (!svc) return undefined;
        if (svc.spec?.type === 'ExternalName' && svc.spec.externalName) {
          return { kind: 'CNAME', name: fqdn, target: svc.spec.externalName, ips: [] };
        }
        if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { kind: 'A', name: fqdn, ips: [svc.spec.clusterIP] };
        const ips = [...new Set((svc.spec?.ports ?? [{ port: 0 }]).flatMap((p) => this.endpointsFor(svc, p).map((e) => e.ip)))];
        return ips.length ? { kind: 'A', name: fqdn, ips } : undefined;
      }
      if (parts.length === 3) {
        // <endpoint>.<service>.<ns>: an endpoint's hostname (StatefulSet pods) or its dashed IP.
        const [host, svcName, ns] = parts as [string, string, string];
        const svc = this.store.get<Service>('Service', ns, svcName);
        if (!svc || svc.spec?.type === 'ExternalName') return undefined;
        const ips = [...new Set(this.readyAddresses(ns, svcName).filter((a) => endpointHostname(a) === host).map((a) => a.ip))];
        return ips.length ? { kind: 'A', name: fqdn, ips } : undefined;
      }
      return undefined;
    }
    const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(podSuffix)) {
      const [dashed] = fqdn.slice(0, -podSuffix.length).split('.');
      const ip = (dashed ?? '').replace(/-/g, '.');
      if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return { kind: 'A', name: fqdn, ips: [ip] };
    }
    return undefined;
  }

  reverse(ip: string): string | undefined {
    const s = this.vips.get(ip);
    if (s) return `${s.metadata.name}.${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
    // CoreDNS 1.11 answers PTR for any ready endpoint address, named as its A record is.
    for (const ep of this.store.list<EndpointsLike>('Endpoints')) {
      const a = (ep.subsets ?? []).flatMap((x) => x.addresses ?? []).find((x) => x.ip === ip);
      if (a) return `${endpointHostname(a)}.${ep.metadata.name}.${ep.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
    }
    if (this.pods.has(ip)) return `${ip.replace(/\./g, '-')}.${this.podNamespace(ip)}.pod.${CLUSTER_DOMAIN}`;
    return undefined;
  }

  private readyAddresses(ns: string, name: string): EndpointAddressLike[] {
    const ep = this.store.get<EndpointsLike>('Endpoints', ns, name);
    return (ep?.subsets ?? []).flatMap((x) => x.addresses ?? []);
  }

  private podNamespace(ip: string): string {
    const key = this.pods.get(ip)?.podKey ?? 'default/';
    return key.split('/')[0] ?? 'default';
  }

  /** Ready endpoints of a Service for one of its ports, as kube-proxy programs them. */
  endpointsFor(svc: Service, servicePort: { name?: string; port: number }): { ip: string; port: number }[] {
    const ep = this.store.get<KubeObject & { subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] }>('Endpoints', svc.metadata.namespace, svc.metadata.name ?? '');
    const out: { ip: string; port: number }[] = [];
    const single = (svc.spec?.ports ?? []).length <= 1;
    for (const s of ep?.subsets ?? []) {
      const p = (s.ports ?? []).find((x) => (x.name ?? '') === (servicePort.name ?? '')) ?? (single ? s.ports?.[0] : undefined);
      if (!p) continue;
      for (const a of s.addresses ?? []) out.push({ ip: a.ip, port: p.port });
    }
    return out;
  }

  /** Where a connection to ip:port lands after kube-proxy: a pod IP and port, or why not. */
  route(ip: string, port: number, clientIp = ''): { ok: true; ip: string; port: number } | { ok: false; error: 'refused' | 'unreachable' } {
    const viaNodePort = this.nodeIps.has(ip) ? this.nodePorts.get(port) : undefined;
    const svc = viaNodePort ?? this.vips.get(ip);
    if (svc) {
      const sp = (svc.spec?.ports ?? []).find((p) => (viaNodePort ? p.nodePort === port : p.port === port));
      if (!sp) return { ok: false, error: 'unreachable' };
      const backends = this.endpointsFor(svc, sp);
      // kube-proxy rejects connections to a Service with no ready endpoints.
      if (backends.length === 0) return { ok: false, error: 'refused' };
      // sessionAffinity: ClientIP keeps a client on the endpoint it got first, for timeoutSeconds.
      if (svc.spec?.sessionAffinity === 'ClientIP' && clientIp) {
        const key = `${svc.metadata.uid}/${sp.port}/${clientIp}`;
        const sticky = this.affinity.get(key);
        const now = this.now();
        if (sticky && sticky.until > now && backends.some((b) => b.ip === sticky.ip && b.port === sticky.port)) {
          sticky.until = now + (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
          return { ok: true, ip: sticky.ip, port: sticky.port };
        }
        const chosen = backends[this.random.int(backends.length)]!;
        this.affinity.set(key, { ip: chosen.ip, port: chosen.port, until: now + (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000 });
        return { ok: true, ip: chosen.ip, port: chosen.port };
      }
      const chosen = backends[this.random.int(backends.length)]!;
      return { ok: true, ip: chosen.ip, port: chosen.port };
    }
    if (this.pods.has(ip)) return { ok: true, ip, port };
    return { ok: false, error: 'unreachable' };
  }

  /** The Network interface a process in `from` sees. */
  viewFrom(from: PodNetwork | undefined, ns: string, sourceIp: string, userAgent = 'Wget'): Network {
    const resolveHost = (host: string): string | undefined => {
      if (host === 'localhost' || host === '127.0.0.1') return '127.0.0.1';
      // A pod's own IP (every probe) is an address already: no pattern to test.
      if (this.pods.has(host) || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
      const a = this.resolve(host, ns);
      if (!a) return undefined;
      if (a.kind === 'CNAME') return undefined;
      return a.ips[0];
    };
    const socketAt = (host: string, port: number): { ok: true; socket: Socket; loopback: boolean; podKey: string } | { ok: false; error: 'refused' | 'unresolved' | 'unreachable'; detail: string } => {
      const ip = resolveHost(host);
      if (!ip) return { ok: false, error: 'unresolved', detail: `lookup ${host}: no such host` };
      let net: PodNetwork | undefined;
      let p = port;
      if (ip === '127.0.0.1') net = from;
      // A pod's IP that is neither a Service's nor a node's (a probe, pod to pod): no proxying.
      else if (!this.vips.has(ip) && !this.nodeIps.has(ip) && this.pods.has(ip)) net = this.pods.get(ip);
      else {
        const r = this.route(ip, port, from?.ip ?? sourceIp);
        if (!r.ok) return { ok: false, error: r.error, detail: `dial tcp ${ip}:${port}: ${r.error === 'refused' ? 'connect: connection refused' : 'i/o timeout'}` };
        net = this.pods.get(r.ip);
        p = r.port;
      }
      const sock = net?.sockets.get(p);
      if (!sock) return { ok: false, error: 'refused', detail: `dial tcp ${ip}:${port}: connect: connection refused` };
      return { ok: true, socket: sock, loopback: ip === '127.0.0.1', podKey: net?.podKey ?? '' };
    };
    // Handlers only read a request's headers, so requests without extra headers share one object.
    const plainHeaders: Readonly<Record<string, string>> = { 'User-Agent': userAgent };
    return {
      dnsServer: { ip: DNS_SERVICE_IP, name: DNS_SERVICE_NAME },
      resolve: (name) => this.resolve(name, ns),
      reverse: (ip) => this.reverse(ip),
      http: (host, port, path, headers): HttpResult => {
        const s = socketAt(host, port);
        if (!s.ok) return { ok: false, error: s.error === 'unresolved' ? 'unresolved' : s.error, detail: s.detail };
        const handler = s.socket.listener.http;
        if (!handler) return { ok: false, error: 'refused', detail: 'connection reset by peer' };
        const hostHeader = headers?.['Host'] ?? (port === 80 ? host : `${host}:${port}`);
        const response = handler({ method: 'GET', path, host: hostHeader, headers: headers ? { 'User-Agent': userAgent, ...headers } : plainHeaders, clientIp: s.loopback ? '127.0.0.1' : sourceIp });
        return s.podKey ? { ok: true, response, servedBy: s.podKey } : { ok: true, response };
      },
      tcp: (host, port, line) => {
        const s = socketAt(host, port);
        if (!s.ok) return { ok: false, detail: s.detail };
        // An empty exchange is a bare connect (a TCP probe): any listening socket accepts it.
        if (line === '') return CONNECTED;
        const handler = s.socket.listener.tcp;
        if (!handler) return { ok: false, detail: 'connection reset by peer' };
        return { ok: true, reply: handler(line) };
      },
    };
  }
}

/** The answer to a bare connect; callers only read it. */
const CONNECTED = { ok: true, reply: '' } as const;

interface EndpointAddressLike {
  ip: string;
  hostname?: string;
}
type EndpointsLike = KubeObject & { subsets?: { addresses?: EndpointAddressLike[] }[] };

/** CoreDNS endpointHostname: the address's hostname, else its IP with dashes. */
function endpointHostname(a: EndpointAddressLike): string {
  return a.hostname || a.ip.replace(/[.:]/g, '-');
}

/** Every address kube-proxy answers for a Service. */
function serviceIps(svc: Service): string[] {
  const ips: string[] = [];
  if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') ips.push(svc.spec.clusterIP);
  for (const ip of svc.spec?.externalIPs ?? []) ips.push(ip);
  for (const i of svc.status?.loadBalancer?.ingress ?? []) if (i.ip) ips.push(i.ip);
  return ips;
}
