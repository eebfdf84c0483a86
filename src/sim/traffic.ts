// Traffic sources: N HTTP requests per simulated second to a Service (by name, through its
// cluster IP), a NodePort, a load balancer IP or any host:port, each result recorded (status,
// answering pod, version, latency). The lab UI draws them; tests use them to show that a
// rolling update drops no request while Recreate does.

import type { Pod } from './api.ts';
import type { SimContext } from './context.ts';
import type { TimerHandle } from './clock.ts';

export type TrafficTarget =
  | { kind: 'service'; namespace?: string; name: string; port?: number; path?: string }
  | { kind: 'address'; host: string; port: number; path?: string; /** Host header, for name-based Ingress rules. */ hostHeader?: string };

export interface TrafficResult {
  /** Simulated wall time of the request (ms). */
  t: number;
  ok: boolean;
  status?: number;
  /** "namespace/pod" that answered. */
  pod?: string;
  /** The answering container's image tag (v1, v2, 1.27 ...), for colouring by version. */
  version?: string;
  error?: string;
  latencyMs: number;
}

const MAX_RESULTS = 10_000;
/** Where the simulated clients stand: a machine on the node network, outside the cluster. */
const CLIENT_IP = '192.168.1.100';

export class TrafficSource {
  readonly results: TrafficResult[] = [];
  private timer: TimerHandle | undefined;
  private running = false;
  /** Simulated wall time of start() and stop(), for `traffic status` and the charts. */
  startedAt: number | undefined;
  stoppedAt: number | undefined;

  constructor(
    private readonly sim: SimContext,
    readonly target: TrafficTarget,
    readonly perSecond: number,
  ) {}

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.startedAt = this.sim.clock.wallTime;
    this.stoppedAt = undefined;
    this.schedule();
    return this;
  }

  get isRunning(): boolean {
    return this.running;
  }

  stop(): void {
    if (this.running) this.stoppedAt = this.sim.clock.wallTime;
    this.running = false;
    this.sim.clock.cancel(this.timer);
  }

  private schedule(): void {
    const interval = Math.max(1, Math.round(1000 / Math.max(0.001, this.perSecond)));
    this.timer = this.sim.clock.schedule(interval, () => {
      if (!this.running) return;
      this.fire();
      this.schedule();
    });
  }

  /** Send one request now and record it. */
  fire(): TrafficResult {
    const { host, port, path } = this.resolveTarget();
    const headers = this.target.kind === 'address' && this.target.hostHeader ? { Host: this.target.hostHeader } : undefined;
    const net = this.sim.network.viewFrom(undefined, this.target.kind === 'service' ? (this.target.namespace ?? 'default') : 'default', CLIENT_IP, 'kubelab-traffic/1.0');
    const r = net.http(host, port, path, headers);
    const result: TrafficResult = { t: this.sim.clock.wallTime, ok: false, latencyMs: 1 + this.sim.random.int(4) };
    if (r.ok) {
      result.status = r.response.status;
      result.ok = r.response.status < 500;
      if (r.servedBy) {
        result.pod = r.servedBy;
        const v = this.versionOf(r.servedBy);
        if (v) result.version = v;
      }
    } else {
      result.error = r.detail;
      result.latencyMs = r.error === 'timeout' || r.error === 'unreachable' ? 1000 : result.latencyMs;
    }
    this.results.push(result);
    if (this.results.length > MAX_RESULTS) this.results.splice(0, this.results.length - MAX_RESULTS);
    return result;
  }

  private resolveTarget(): { host: string; port: number; path: string } {
    const t = this.target;
    if (t.kind === 'address') return { host: t.host, port: t.port, path: t.path ?? '/' };
    const ns = t.namespace ?? 'default';
    const svc = this.sim.store.get<{ apiVersion: string; kind: string; metadata: object; spec?: { clusterIP?: string; ports?: { port: number }[] } }>('Service', ns, t.name);
    return { host: svc?.spec?.clusterIP ?? `${t.name}.${ns}.svc.cluster.local`, port: t.port ?? svc?.spec?.ports?.[0]?.port ?? 80, path: t.path ?? '/' };
  }

  private versionOf(podKey: string): string | undefined {
    const [ns, name] = podKey.split('/') as [string, string];
    const pod = this.sim.store.get<Pod>('Pod', ns, name);
    const image = pod?.spec?.containers?.[0]?.image ?? '';
    const at = image.lastIndexOf(':');
    return at > image.lastIndexOf('/') ? image.slice(at + 1) : 'latest';
  }

  /** Counts over a time window (ms of simulated wall time, inclusive). */
  summary(from = -Infinity, to = Infinity): { total: number; ok: number; failed: number; byVersion: Record<string, number> } {
    const byVersion: Record<string, number> = {};
    let ok = 0;
    let total = 0;
    for (const r of this.results) {
      if (r.t < from || r.t > to) continue;
      total++;
      if (r.ok) ok++;
      if (r.version) byVersion[r.version] = (byVersion[r.version] ?? 0) + 1;
    }
    return { total, ok, failed: total - ok, byVersion };
  }
}

/** A named source, as `traffic start --name` registers it. */
export interface NamedTraffic {
  name: string;
  /** The TARGET as typed (svc/web:80/path, http://host:port/path), for `traffic status`. */
  label: string;
  source: TrafficSource;
}

/** Stopped sources kept for the charts (their results still fall in the chart's window). */
const MAX_STOPPED = 20;

/**
 * The cluster's traffic sources by name. Only `traffic start` and `traffic stop` (recorded
 * command lines) change it, so a replay rebuilds the same registry; the UI only reads it.
 */
export class TrafficRegistry {
  private readonly running = new Map<string, NamedTraffic>();
  private readonly stopped: NamedTraffic[] = [];

  constructor(private readonly sim: SimContext) {}

  get(name: string): NamedTraffic | undefined {
    return this.running.get(name);
  }

  /** Running sources in start order. */
  list(): NamedTraffic[] {
    return [...this.running.values()];
  }

  /** Running and recently stopped sources, oldest first. */
  all(): NamedTraffic[] {
    return [...this.stopped, ...this.running.values()];
  }

  start(name: string, label: string, target: TrafficTarget, perSecond: number): NamedTraffic {
    if (this.running.has(name)) throw new Error(`traffic "${name}" is already running`);
    const entry: NamedTraffic = { name, label, source: new TrafficSource(this.sim, target, perSecond).start() };
    this.running.set(name, entry);
    return entry;
  }

  stop(name: string): NamedTraffic | undefined {
    const entry = this.running.get(name);
    if (!entry) return undefined;
    entry.source.stop();
    this.running.delete(name);
    this.stopped.push(entry);
    if (this.stopped.length > MAX_STOPPED) this.stopped.splice(0, this.stopped.length - MAX_STOPPED);
    return entry;
  }

  /** A name not yet running: `base`, then `base-2`, `base-3` ... */
  freeName(base: string): string {
    if (!this.running.has(base)) return base;
    for (let i = 2; ; i++) if (!this.running.has(`${base}-${i}`)) return `${base}-${i}`;
  }
}

interface ServiceLike {
  metadata: { name?: string; namespace?: string };
  spec?: { type?: string; selector?: Record<string, string>; ports?: { port: number; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string }[] } };
}

interface IngressLike {
  metadata: { name?: string; namespace?: string };
  spec?: {
    defaultBackend?: { service?: { name: string } };
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: { service?: { name: string } } }[] } }[];
  };
}

/**
 * The Services a target reaches (namespace/name): the Service itself, the one owning a
 * NodePort or load balancer IP, or, through the ingress controller, the Ingress backends
 * whose rule matches the path. Best effort, for the charts: it reads the store as it is now.
 */
export function servicesReachedBy(store: SimContext['store'], nodeIps: ReadonlySet<string>, target: TrafficTarget): string[] {
  if (target.kind === 'service') return [`${target.namespace ?? 'default'}/${target.name}`];
  const services = store.list<ServiceLike & { apiVersion: string; kind: string }>('Service');
  const svc = services.find((s) =>
    nodeIps.has(target.host)
      ? s.spec?.ports?.some((p) => p.nodePort === target.port)
      : s.status?.loadBalancer?.ingress?.some((i) => i.ip === target.host) && s.spec?.ports?.some((p) => p.port === target.port),
  );
  if (!svc) return [];
  const ns = svc.metadata.namespace ?? 'default';
  if (ns !== 'ingress-nginx') return [`${ns}/${svc.metadata.name ?? ''}`];
  const path = target.path ?? '/';
  const out: string[] = [];
  for (const ing of store.list<IngressLike & { apiVersion: string; kind: string }>('Ingress')) {
    const ins = ing.metadata.namespace ?? 'default';
    let matched = false;
    for (const rule of ing.spec?.rules ?? []) {
      if (rule.host && rule.host !== target.hostHeader) continue;
      for (const p of rule.http?.paths ?? []) {
        const prefix = p.path ?? '/';
        const hit = p.pathType === 'Exact' ? path === prefix : path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) || prefix === '/';
        if (hit && p.backend?.service) {
          out.push(`${ins}/${p.backend.service.name}`);
          matched = true;
        }
      }
    }
    if (!matched && ing.spec?.defaultBackend?.service) out.push(`${ins}/${ing.spec.defaultBackend.service.name}`);
  }
  return [...new Set(out)];
}
