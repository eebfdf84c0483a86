// One probe on one container, run by the kubelet's prober on the virtual clock with every
// timing field: initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold and
// failureThreshold (defaults 0/10/1/1/3).

import type { ContainerPort } from 'kubernetes-types/core/v1';
import type { Probe } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { TimerHandle } from '../clock.ts';
import type { Network } from '../runtime/process.ts';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

const OK = { ok: true, output: '' } as const;

export interface ProbeHooks {
  podIp(): string;
  containerPorts: readonly ContainerPort[];
  /** Liveness and readiness wait until the startup probe has succeeded. */
  gate(): boolean;
  exec(argv: string[], timeoutMs: number): { ok: boolean; output: string; timedOut: boolean };
  network(): Network;
  onFailureEvent(output: string): void;
  /** Called when the result crosses a threshold (true = success). */
  onResult(ok: boolean): void;
  /**
   * Every result, for the probe log, at simulated wall time `t`; `crossed` when this failure
   * reached failureThreshold. Plain arguments: no object per probe.
   */
  onProbe?(t: number, kind: ProbeKind, ok: boolean, output: string, crossed: boolean): void;
}

export class ProbeRunner {
  private timer: TimerHandle | undefined;
  private successes = 0;
  private failures = 0;
  private result: boolean | undefined;
  private stopped = false;
  private readonly tickFn = (): void => this.tick();

  constructor(
    private readonly sim: SimContext,
    readonly kind: ProbeKind,
    readonly probe: Probe,
    private readonly hooks: ProbeHooks,
  ) {}

  get periodMs(): number {
    return (this.probe.periodSeconds ?? 10) * 1000;
  }

  start(): void {
    this.timer = this.sim.clock.schedule((this.probe.initialDelaySeconds ?? 0) * 1000, this.tickFn);
  }

  stop(): void {
    this.stopped = true;
    this.sim.clock.cancel(this.timer);
  }

  private tick(): void {
    if (this.stopped) return;
    this.timer = this.sim.clock.rearm(this.timer, this.periodMs, this.tickFn);
    if (!this.hooks.gate()) return;
    const { ok, output } = this.run();
    const t = this.sim.clock.wallTime;
    if (ok) {
      this.hooks.onProbe?.(t, this.kind, true, output, false);
      this.successes++;
      this.failures = 0;
      if (this.successes >= (this.probe.successThreshold ?? 1) && this.result !== true) {
        this.result = true;
        this.hooks.onResult(true);
      }
    } else {
      this.failures++;
      this.successes = 0;
      // Logged before acting: a liveness kill must not come before the failure that caused it.
      this.hooks.onProbe?.(t, this.kind, false, output, this.failures === (this.probe.failureThreshold ?? 3));
      this.hooks.onFailureEvent(output);
      if (this.failures >= (this.probe.failureThreshold ?? 3)) {
        const changed = this.result !== false || this.kind !== 'Readiness';
        this.result = false;
        // Liveness/startup failure leads to a kill; counting starts over for the new container.
        if (this.kind !== 'Readiness') this.failures = 0;
        if (changed) this.hooks.onResult(false);
      }
    }
  }

  private resolvePort(port: number | string | undefined): number | undefined {
    if (typeof port === 'number') return port;
    if (port === undefined) return undefined;
    if (/^\d+$/.test(port)) return Number(port);
    return this.hooks.containerPorts.find((p) => p.name === port)?.containerPort;
  }

  /** The URL an HTTP probe's failure names (only built when one fails). */
  private url(host: string, port: string, path: string): string {
    return `${(this.probe.httpGet?.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
  }

  private run(): { readonly ok: boolean; readonly output: string } {
    const timeoutMs = (this.probe.timeoutSeconds ?? 1) * 1000;
    const p = this.probe;
    if (p.exec) {
      const r = this.hooks.exec([...(p.exec.command ?? [])], timeoutMs);
      if (r.ok && r.output === '') return OK;
      return { ok: r.ok, output: r.output.replace(/\s+$/, '') };
    }
    if (p.httpGet) {
      const host = p.httpGet.host || this.hooks.podIp();
      const port = this.resolvePort(p.httpGet.port as number | string);
      const path = p.httpGet.path ?? '/';
      if (port === undefined) return { ok: false, output: `Get "${this.url(host, String(p.httpGet.port), path)}": invalid port` };
      const r = this.hooks.network().http(host, port, path);
      if (!r.ok) return { ok: false, output: `Get "${this.url(host, String(port), path)}": ${r.detail}` };
      if (r.response.status >= 200 && r.response.status < 400) return OK;
      return { ok: false, output: `HTTP probe failed with statuscode: ${r.response.status}` };
    }
    if (p.tcpSocket) {
      const host = p.tcpSocket.host || this.hooks.podIp();
      const port = this.resolvePort(p.tcpSocket.port as number | string);
      if (port === undefined) return { ok: false, output: `dial tcp ${host}:${String(p.tcpSocket.port)}: invalid port` };
      const r = this.hooks.network().tcp(host, port, '');
      return r.ok ? OK : { ok: false, output: r.detail };
    }
    if (p.grpc) {
      const r = this.hooks.network().tcp(this.hooks.podIp(), p.grpc.port, '');
      return r.ok ? { ok: true, output: '' } : { ok: false, output: `timeout: failed to connect service "${this.hooks.podIp()}:${p.grpc.port}" within ${p.timeoutSeconds ?? 1}s: context deadline exceeded` };
    }
    return { ok: false, output: 'probe has no handler' };
  }
}
