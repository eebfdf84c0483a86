// Traffic sources: N HTTP requests per simulated second to a Service (by name, through its
// cluster IP), a NodePort, a load balancer IP or any host:port, each result recorded (status,
// answering pod, version, latency). The lab UI draws them; tests use them to show that a
// rolling update drops no request while Recreate does.

import type { Pod } from './api.ts';
import type { SimContext } from './context.ts';
import type { TimerHandle } from './clock.ts';

export type TrafficTarget =
  | { kind: 'service'; namespace?: string; name: string; port?: number; path?: string }
  | { kind: 'address'; host: string; port: number; path?: string };

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

  constructor(
    private readonly sim: SimContext,
    readonly target: TrafficTarget,
    readonly perSecond: number,
  ) {}

  start(): this {
    if (this.running) return this;
    this.running = true;
    this.schedule();
    return this;
  }

  stop(): void {
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
    const net = this.sim.network.viewFrom(undefined, this.target.kind === 'service' ? (this.target.namespace ?? 'default') : 'default', CLIENT_IP, 'kubelab-traffic/1.0');
    const r = net.http(host, port, path);
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
