// Test helpers: a fake process context (Vfs, fake cluster network, captured output, seeded
// random, a settable clock) and a driver that runs a Proc, advancing the clock on each sleep.

import type { DnsAnswer, HttpResult, Listener, Network, Proc, ProcessContext } from '../process.ts';
import { SeededRandom } from '../../random.ts';
import { Vfs, newDir } from '../vfs.ts';

/** Monday 5 January 2026, 09:00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

export class FakeNet implements Network {
  readonly dnsServer = { ip: '10.96.0.10', name: 'kube-dns.kube-system.svc.cluster.local' };
  readonly names = new Map<string, DnsAnswer>();
  readonly ptr = new Map<string, string>();
  readonly routes = new Map<string, (path: string) => HttpResult>();
  readonly tcpReplies = new Map<string, (line: string) => string>();

  constructor(readonly namespace = 'default') {
    this.addService('kube-dns', 'kube-system', '10.96.0.10');
  }

  addService(name: string, ns: string, ip: string): string {
    const fqdn = `${name}.${ns}.svc.cluster.local`;
    this.names.set(fqdn, { kind: 'A', name: fqdn, ips: [ip] });
    this.ptr.set(ip, fqdn);
    return fqdn;
  }

  resolve(name: string): DnsAnswer | undefined {
    const n = name.endsWith('.') ? name.slice(0, -1) : name;
    const direct = this.names.get(n);
    if (direct) return direct;
    for (const d of [`${this.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local']) {
      const hit = this.names.get(`${n}.${d}`);
      if (hit) return hit;
    }
    return undefined;
  }

  reverse(ip: string): string | undefined {
    return this.ptr.get(ip);
  }

  http(host: string, port: number, path: string): HttpResult {
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : this.resolve(host)?.ips[0];
    if (ip === undefined) return { ok: false, error: 'unresolved', detail: host };
    const route = this.routes.get(`${ip}:${port}`);
    if (!route) return { ok: false, error: 'refused', detail: `${ip}:${port}` };
    return route(path);
  }

  tcp(host: string, port: number, line: string): { ok: true; reply: string } | { ok: false; detail: string } {
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : this.resolve(host)?.ips[0];
    const h = ip === undefined ? undefined : this.tcpReplies.get(`${ip}:${port}`);
    if (!h) return { ok: false, detail: 'refused' };
    return { ok: true, reply: h(line) };
  }
}

export interface FakeProcess {
  ctx: ProcessContext;
  fs: Vfs;
  net: FakeNet;
  clock: { now: number };
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr interleaved in write order. */
  all: () => string;
}

export function fakeProcess(init: { env?: Record<string, string>; files?: Record<string, string>; seed?: number; hostname?: string } = {}): FakeProcess {
  const clock = { now: T0 };
  const fs = new Vfs(newDir(T0), () => clock.now);
  for (const d of ['/tmp', '/etc', '/root', '/var', '/home']) fs.mkdir(d, true);
  for (const [path, content] of Object.entries(init.files ?? {})) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (dir) fs.mkdir(dir, true);
    fs.writeFile(path, content);
  }
  const net = new FakeNet();
  const rng = new SeededRandom(init.seed ?? 42);
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const ctx: ProcessContext = {
    fs,
    env: new Map(Object.entries(init.env ?? { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'pod-1', HOME: '/root' })),
    cwd: '/',
    stdout: (s) => {
      out.push(s);
      all.push(s);
    },
    stderr: (s) => {
      err.push(s);
      all.push(s);
    },
    hostname: init.hostname ?? 'pod-1',
    wallTime: () => clock.now,
    random: () => rng.nextUint32(),
    net,
    listen: (_l: Listener) => true,
  };
  return { ctx, fs, net, clock, stdout: () => out.join(''), stderr: () => err.join(''), all: () => all.join('') };
}

export interface DriveResult {
  /** Exit code, or null if the process was still running when the driver stopped. */
  status: number | null;
  sleptMs: number;
  /** The process blocked forever (a server, sleep infinity, tail -f with nothing to follow). */
  forever: boolean;
  yields: number;
}

/**
 * Run a process, advancing the clock by each sleep, until it exits, blocks forever, or has
 * slept `untilMs` in total. `onSleep` runs after each sleep, to change the world meanwhile.
 */
export function drive(p: Proc, clock: { now: number }, untilMs = Infinity, onSleep?: (sleptMs: number) => void): DriveResult {
  let slept = 0;
  let yields = 0;
  for (;;) {
    const r = p.next();
    if (r.done) return { status: r.value, sleptMs: slept, forever: false, yields };
    yields++;
    if (r.value.type === 'forever') return { status: null, sleptMs: slept, forever: true, yields };
    slept += r.value.ms;
    clock.now += r.value.ms;
    onSleep?.(slept);
    if (slept >= untilMs) return { status: null, sleptMs: slept, forever: false, yields };
  }
}
