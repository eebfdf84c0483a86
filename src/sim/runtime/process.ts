// What a process inside a simulated container is, and what it may touch.
//
// A process is a generator: it runs synchronously until it has to wait, then yields a Wait
// and is resumed by the kubelet on the virtual clock. It returns its exit code. This keeps
// everything deterministic and lets a `while true; do ...; sleep 5; done` loop run for
// simulated hours at almost no cost.

import type { Vfs } from './vfs.ts';

export type Wait =
  /** Resume after this many virtual milliseconds. */
  | { type: 'sleep'; ms: number }
  /** Block until killed (a server's main loop, `sleep infinity`, `tail -f` with nothing left to do). */
  | { type: 'forever' };

export type Proc = Generator<Wait, number, void>;

export interface HttpRequest {
  method: string;
  path: string;
  host: string;
  /** Shared between requests: handlers read it and never change it. */
  headers: Readonly<Record<string, string>>;
  /** Source IP, so servers can log the client as nginx does. */
  clientIp: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type HttpHandler = (req: HttpRequest) => HttpResponse;
/** A raw TCP line protocol (redis): one request line in, one reply out. */
export type TcpHandler = (line: string) => string;

export interface Listener {
  port: number;
  http?: HttpHandler;
  tcp?: TcpHandler;
}

export type DnsAnswer =
  | { kind: 'A'; name: string; ips: string[] }
  | { kind: 'CNAME'; name: string; target: string; ips: string[] };

export type HttpResult =
  /** servedBy: "namespace/pod" that answered (for traffic charts); absent for non-pod servers. */
  | { ok: true; response: HttpResponse; servedBy?: string }
  | { ok: false; error: 'refused' | 'unresolved' | 'timeout' | 'unreachable'; detail: string };

export interface Network {
  /** The cluster DNS server as seen from this process (10.96.0.10 and its PTR name). */
  readonly dnsServer: { ip: string; name: string };
  /** Resolve a name as a pod with dnsPolicy ClusterFirst would (search path applied). */
  resolve(name: string): DnsAnswer | undefined;
  /** Reverse lookup, for nslookup's "Address 1: ip name" lines. */
  reverse(ip: string): string | undefined;
  /** An HTTP GET from this process to a host (name or IP) and port; headers may set Host. */
  http(host: string, port: number, path: string, headers?: Record<string, string>): HttpResult;
  /** A TCP line exchange (e.g. redis-cli PING). */
  tcp(host: string, port: number, line: string): { ok: true; reply: string } | { ok: false; detail: string };
}

export interface ProcessContext {
  fs: Vfs;
  env: Map<string, string>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * One whole line, with no newline in it, to stdout or stderr, for a server logging a
   * request: the same as writing it with a newline, without the newline to look for.
   */
  logLine?(stream: 'stdout' | 'stderr', line: string): void;
  hostname: string;
  /** Simulated wall-clock time, ms since 1970. */
  wallTime(): number;
  /** A seeded 32-bit random number (for $RANDOM and friends). */
  random(): number;
  net: Network;
  /** Open a listening socket in the pod's network namespace; false if the port is taken. */
  listen(listener: Listener): boolean;
  /**
   * Report the process's resource use (a behaviour model's memory footprint); the kubelet
   * compares it with the container's limit (OOMKilled) and `kubectl top` shows it.
   */
  setUsage?(usage: { memoryBytes?: number; cpuMilli?: number }): void;
  /**
   * kill(2) from this process: 'esrch' when no such process is visible to it. Delivery follows
   * the kernel's rules for the target (a container's PID 1 ignores signals it has no handler for).
   */
  signal?(pid: number, signal: number): 'ok' | 'esrch';
  /**
   * What an ingress controller sees of the cluster: route one HTTP request by the Ingress
   * objects of its class. Only the ingress controller image uses it.
   */
  ingress?(req: HttpRequest, opts: { className: string; https: boolean }): HttpResponse;
  /**
   * The processes this one can see in its PID namespace (the container's), oldest first,
   * for `ps`; `self` is the caller's command line, listed with a PID of its own unless it is
   * the exec'd process itself.
   */
  processes?(self: string): ProcessEntry[];
}

export interface ProcessEntry {
  pid: number;
  user: string;
  /** The command line, as /proc/PID/cmdline shows it. */
  args: string;
}
