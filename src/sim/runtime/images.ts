// The simulated registry and its images. Each image is a behaviour model: the files it
// ships, its ENTRYPOINT/CMD, the binaries it adds to the shell, and how its main process
// behaves (what it listens on, what it logs, how it reacts to SIGTERM). Images the catalog
// knows but does not model in detail are "generic": they run their command through the shell
// if they have one, else they idle and listen on the pod's declared ports.

import { editDistance } from '../editDistance.ts';
import type { HttpRequest, HttpResponse, Listener, Proc, ProcessContext, ProcessEntry } from './process.ts';
import type { ImageRef } from './imageref.ts';

export type Binary = (argv: string[], ctx: ProcessContext) => Proc;

export interface BinarySpec {
  run: Binary;
  /** What PID 1 does on SIGTERM: servers with a handler exit; shells, sleep and node ignore it. */
  onSigterm: 'exit' | 'ignore';
}

export interface ImageModel {
  /** registry/repository, e.g. docker.io/library/nginx. */
  name: string;
  /** Tags that exist in the registry. */
  tags: RegExp;
  sizeBytes: number;
  /** Whether /bin/sh exists (busybox- or distro-based images). */
  shell: boolean;
  /** busybox applets the image's userland lacks, by tag (Debian images ship without ps). */
  lacks?: (tag: string) => readonly string[];
  /**
   * What `ps` shows once the main process runs, when its command line is not what it was
   * started with (an entrypoint script that execs a server that renames itself and forks).
   */
  processes?: (argv: readonly string[]) => ProcessEntry[] | undefined;
  busyboxVersion?: (tag: string) => string;
  entrypoint?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  /** Files in the image; a value of "->/dev/stdout" makes a symlink to the container's stdout. */
  files?: Record<string, string>;
  binaries?: Record<string, BinarySpec>;
  /** Baseline resource use of the main process. */
  memoryBytes: number;
  cpuMilli: number;
  /** One line for `kubectl describe` and the inspector. */
  description: string;
  generic?: boolean;
}

const MI = 1024 * 1024;

// Debian-based images come without procps (no ps) unless they are the full language images;
// their alpine tags have busybox's.
const NO_PS: readonly string[] = ['ps'];
const debianLacks = (tag: string): readonly string[] => (/alpine/.test(tag) ? [] : NO_PS);
const slimLacks = (tag: string): readonly string[] => (/slim/.test(tag) ? NO_PS : []);

function* serve(ctx: ProcessContext, listeners: Listener[], onBindError: (port: number) => string): Proc {
  for (const l of listeners) {
    if (!ctx.listen(l)) {
      ctx.stderr(onBindError(l.port));
      return 1;
    }
  }
  yield { type: 'forever' };
  return 0;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** nginx error-log time: 2026/01/05 09:00:00 */
function nginxErrTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** nginx $time_local: 05/Jan/2026:09:00:00 +0000 (cached per second: probes log often). */
let accessTimeCache = { second: -1, text: '' };
function nginxAccessTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (accessTimeCache.second === second) return accessTimeCache.text;
  const d = new Date(ms);
  const text = `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
  accessTimeCache = { second, text };
  return text;
}

/** JavaScript's Date() string, as the node.js demo servers log it. */
function jsDateString(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;
}

/** Redis log time: 05 Jan 2026 09:00:00.000 */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/**
 * One line (given without its newline) to a log file, or to the output it links to (images
 * ship some logs as symlinks to /dev/stdout and /dev/stderr).
 */
function writeLog(ctx: ProcessContext, path: string, line: string): void {
  const node = ctx.fs.stat(path);
  if (node?.kind === 'file' && node.link) {
    const stream = node.link === '/dev/stderr' ? 'stderr' : 'stdout';
    if (ctx.logLine) return ctx.logLine(stream, line);
    return stream === 'stderr' ? ctx.stderr(line + '\n') : ctx.stdout(line + '\n');
  }
  try {
    ctx.fs.writeFile(path, line + '\n', true);
  } catch {
    // nginx keeps serving when it cannot write its log.
  }
}

// ---------------------------------------------------------------- nginx

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_404 = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/1.27.3</center>
</body>
</html>
`;

const NGINX_HEADERS = { Server: 'nginx/1.27.3', 'Content-Type': 'text/html' };

function nginxMain(argv: string[], ctx: ProcessContext): Proc {
  const now = (): number => ctx.wallTime();
  const errLog = (msg: string): void => writeLog(ctx, '/var/log/nginx/error.log', `${nginxErrTime(now())} ${msg}`);
  const isEntrypoint = argv[0]?.endsWith('docker-entrypoint.sh');
  if (isEntrypoint) {
    for (const l of [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ]) ctx.stdout(l + '\n');
  }
  if (!ctx.fs.isDir('/var/log/nginx')) {
    ctx.stderr(`nginx: [alert] could not open error log file: open() "/var/log/nginx/error.log" failed (2: No such file or directory)\n`);
  } else {
    // nginx opens (creates) both log files at start-up; on a volume they are real, empty files.
    for (const f of ['/var/log/nginx/access.log', '/var/log/nginx/error.log']) if (!ctx.fs.exists(f)) ctx.fs.writeFile(f, '');
  }
  for (const l of [
    '[notice] 1#1: using the "epoll" event method',
    '[notice] 1#1: nginx/1.27.3',
    '[notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)',
    '[notice] 1#1: OS: Linux 5.15.0-131-generic',
    '[notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    '[notice] 1#1: start worker processes',
    '[notice] 1#1: start worker process 29',
    '[notice] 1#1: start worker process 30',
  ]) errLog(l);
  ctx.setUsage?.({ memoryBytes: 3 * MI, cpuMilli: 0 });
  // Request path -> file path, kept so that a probe asking for the same path every few
  // seconds looks up the same string instead of building (and hashing) a new one each time.
  const files = new Map<string, string>();
  let line = { clientIp: '', method: '', path: '', status: 0, size: -1, ua: '', head: '', tail: '' };
  const handler = (req: HttpRequest): HttpResponse => {
    let file = files.get(req.path);
    if (file === undefined) {
      const path = req.path.split('?')[0] ?? '/';
      file = path.endsWith('/') ? `/usr/share/nginx/html${path}index.html` : `/usr/share/nginx/html${path}`;
      if (files.size > 256) files.clear();
      files.set(req.path, file);
    }
    let res: HttpResponse;
    const node = ctx.fs.stat(file);
    if (node?.kind === 'file') {
      res = { status: 200, body: node.content, headers: NGINX_HEADERS };
    } else {
      res = { status: 404, body: NGINX_404, headers: NGINX_HEADERS };
      errLog(`[error] 29#29: *1 open() "${file}" failed (2: No such file or directory), client: ${req.clientIp}, server: localhost, request: "GET ${req.path} HTTP/1.1", host: "${req.host}"`);
    }
    const ua = req.headers['User-Agent'] ?? '-';
    // A probe asks the same thing every few seconds: the line around the time is kept.
    const l = line;
    if (l.clientIp !== req.clientIp || l.method !== req.method || l.path !== req.path || l.status !== res.status || l.size !== res.body.length || l.ua !== ua) {
      line = { clientIp: req.clientIp, method: req.method, path: req.path, status: res.status, size: res.body.length, ua, head: `${req.clientIp} - - [`, tail: `] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${ua}" "-"` };
    }
    writeLog(ctx, '/var/log/nginx/access.log', line.head + nginxAccessTime(now()) + line.tail);
    return res;
  };
  return serve(ctx, [{ port: 80, http: handler }], (port) => `${nginxErrTime(now())} [emerg] 1#1: bind() to 0.0.0.0:${port} failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address already in use)\n`);
}

// ---------------------------------------------------------------- redis

function redisReply(data: Map<string, string>, line: string): string {
  const parts = line.trim().split(/\s+/);
  const cmd = (parts[0] ?? '').toUpperCase();
  const a = parts.slice(1);
  switch (cmd) {
    case 'PING':
      return a.length ? `$${a[0]}` : '+PONG';
    case 'SET':
      if (a.length < 2) return "-ERR wrong number of arguments for 'set' command";
      data.set(a[0]!, a.slice(1).join(' '));
      return '+OK';
    case 'GET': {
      if (a.length !== 1) return "-ERR wrong number of arguments for 'get' command";
      const v = data.get(a[0]!);
      return v === undefined ? '$nil' : `$${v}`;
    }
    case 'INCR': {
      if (a.length !== 1) return "-ERR wrong number of arguments for 'incr' command";
      const cur = data.get(a[0]!) ?? '0';
      if (!/^-?\d+$/.test(cur)) return '-ERR value is not an integer or out of range';
      const next = String(Number(cur) + 1);
      data.set(a[0]!, next);
      return `:${next}`;
    }
    case 'DEL': {
      let n = 0;
      for (const k of a) if (data.delete(k)) n++;
      return `:${n}`;
    }
    case 'KEYS':
      return `*${[...data.keys()].sort().join('\n')}`;
    case 'DBSIZE':
      return `:${data.size}`;
    case '':
      return '';
    default:
      return `-ERR unknown command '${parts[0]}', with args beginning with: ${a.map((x) => `'${x}' `).join('')}`;
  }
}

function redisServer(_argv: string[], ctx: ProcessContext): Proc {
  const t = (): string => redisTime(ctx.wallTime());
  ctx.stdout(`1:C ${t()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n`);
  ctx.stdout(`1:C ${t()} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started\n`);
  ctx.stdout(`1:C ${t()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n`);
  ctx.stdout(`1:M ${t()} * monotonic clock: POSIX clock_gettime\n`);
  ctx.stdout(`1:M ${t()} * Running mode=standalone, port=6379.\n`);
  ctx.stdout(`1:M ${t()} * Server initialized\n`);
  ctx.stdout(`1:M ${t()} * Ready to accept connections tcp\n`);
  ctx.setUsage?.({ memoryBytes: 4 * MI, cpuMilli: 2 });
  const data = new Map<string, string>();
  return serve(ctx, [{ port: 6379, tcp: (line) => redisReply(data, line) }], () => `1:M ${t()} # Warning: Could not create server TCP listening socket *:6379: bind: Address already in use\n1:M ${t()} # Failed listening on port 6379 (tcp), aborting.\n`);
}

/** Render a RESP-ish reply the way redis-cli prints it. */
function formatRedisCli(reply: string): string {
  if (reply.startsWith('+')) return reply.slice(1);
  if (reply.startsWith('-')) return `(error) ${reply.slice(1)}`;
  if (reply.startsWith(':')) return `(integer) ${reply.slice(1)}`;
  if (reply === '$nil') return '(nil)';
  if (reply.startsWith('$')) return `"${reply.slice(1)}"`;
  if (reply.startsWith('*')) {
    const items = reply.slice(1).split('\n').filter(Boolean);
    return items.length ? items.map((x, i) => `${i + 1}) "${x}"`).join('\n') : '(empty array)';
  }
  return reply;
}

function* redisCli(argv: string[], ctx: ProcessContext): Proc {
  let host = '127.0.0.1';
  let port = 6379;
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h') host = argv[++i] ?? host;
    else if (a === '-p') port = Number(argv[++i] ?? port);
    else rest.push(a);
  }
  if (rest.length === 0) {
    ctx.stderr('redis-cli: interactive mode is not available here; pass a command, e.g. redis-cli PING\n');
    return 1;
  }
  const r = ctx.net.tcp(host, port, rest.join(' '));
  if (!r.ok) {
    ctx.stdout(`Could not connect to Redis at ${host}:${port}: Connection refused\n`);
    return 1;
  }
  ctx.stdout(formatRedisCli(r.reply) + '\n');
  return 0;
}

// ---------------------------------------------------------------- twemproxy (ambassador)

export interface TwemproxyServer {
  host: string;
  port: number;
  weight: number;
  /** The optional `name` after a space, used by ketama instead of host:port. */
  name?: string;
}

/**
 * malexer/twemproxy's entrypoint splits REDIS_SERVERS on commas (IFS=,) into `servers:` lines,
 * each parsed by twemproxy as `host:port:weight [name]`, from the right. A space-separated list
 * is therefore ONE server whose "name" is everything after the last space.
 */
export function parseTwemproxyServers(value: string): TwemproxyServer[] {
  const out: TwemproxyServer[] = [];
  for (const raw of value.split(',')) {
    let entry = raw.trim();
    if (!entry) continue;
    let name: string | undefined;
    const sp = entry.lastIndexOf(' ');
    if (sp >= 0) {
      name = entry.slice(sp + 1);
      entry = entry.slice(0, sp).trim();
    }
    const parts = entry.split(':');
    const weight = parts.length >= 3 ? Number(parts.pop()) : 1;
    const port = parts.length >= 2 ? Number(parts.pop()) : 6379;
    const server: TwemproxyServer = { host: parts.join(':'), port, weight: Number.isFinite(weight) ? weight : 1 };
    if (name) server.name = name;
    out.push(server);
  }
  return out;
}

/** twemproxy's hash_fnv1a_64: FNV-1a with the 64-bit constants truncated to 32 bits. */
export function twemproxyKeyHash(key: string): number {
  let h = 0x84222325;
  for (const b of new TextEncoder().encode(key)) {
    h ^= b;
    h = Math.imul(h, 0x000001b3) >>> 0;
  }
  return h >>> 0;
}

function twemproxy(_argv: string[], ctx: ProcessContext): Proc {
  // The image's ENV default when the pod does not set REDIS_SERVERS.
  const servers = parseTwemproxyServers(ctx.env.get('REDIS_SERVERS') ?? '127.0.0.1:6378:1,127.0.0.1:6379:1');
  const stamp = (): string => {
    const d = new Date(ctx.wallTime());
    return `[${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.000]`;
  };
  ctx.stdout(`${stamp()} nc.c:187 nutcracker-0.4.1 built for Linux 5.15.0 x86_64 started on pid 1\n`);
  ctx.stdout(`${stamp()} nc.c:192 run, rabbit run / dig that hole, forget the sun\n`);
  ctx.setUsage?.({ memoryBytes: 2 * MI, cpuMilli: 1 });
  const tcp = (line: string): string => {
    if (servers.length === 0) return '-ERR no servers configured (REDIS_SERVERS is empty)';
    // twemproxy shards by key, so a key always lands on the same server (the model hashes
    // modulo the pool instead of building ketama's continuum). A failed server is skipped, as
    // auto_eject_hosts does.
    const key = line.trim().split(/\s+/)[1] ?? '';
    const first = twemproxyKeyHash(key) % servers.length;
    for (let i = 0; i < servers.length; i++) {
      const s = servers[(first + i) % servers.length]!;
      const r = ctx.net.tcp(s.host, s.port, line);
      if (r.ok) return r.reply;
      ctx.stdout(`${stamp()} nc_util.c:223 server address "${s.host}:${s.port}" could not be resolved or connected\n`);
    }
    return '-ERR Connection refused';
  };
  return serve(ctx, [{ port: 6380, tcp }], (p) => `${stamp()} nc_proxy.c:204 bind on p 6 to addr '0.0.0.0:${p}' failed: Address already in use\n`);
}

// ---------------------------------------------------------------- node.js demo servers

interface NodeServerOptions {
  port: number;
  respond: (req: HttpRequest, ctx: ProcessContext) => HttpResponse;
  /** The demo servers console.log one line per request. */
  logRequests: boolean;
}

function nodeServer(opts: NodeServerOptions): Binary {
  return (_argv, ctx) => {
    ctx.setUsage?.({ memoryBytes: 9 * MI, cpuMilli: 1 });
    const http = (req: HttpRequest): HttpResponse => {
      const res = opts.respond(req, ctx);
      if (opts.logRequests) ctx.stdout(`[${jsDateString(ctx.wallTime())}] ${ctx.hostname}\n`);
      return res;
    };
    return serve(ctx, [{ port: opts.port, http }], (p) => `Error: listen EADDRINUSE: address already in use :::${p}\n`);
  };
}

const helloServer = (text: (host: string) => string): Binary =>
  nodeServer({ port: 8080, logRequests: true, respond: (_req, ctx) => ({ status: 200, body: text(ctx.hostname) }) });

const readinessServer: Binary = nodeServer({
  port: 8080,
  logRequests: true,
  respond: (req, ctx) => {
    if (req.path === '/readiness') {
      return ctx.fs.exists('/tmp/healthy')
        ? { status: 200, body: `Im ready I'm  ${ctx.hostname} \n` }
        : { status: 500, body: `Im not ready I'm  ${ctx.hostname} \n` };
    }
    return { status: 200, body: `Hello World! I'm  ${ctx.hostname} \n` };
  },
});

/** registry.k8s.io/liveness /server: /healthz is 200 for the first 10 s, then 500. */
function k8sLivenessServer(_argv: string[], ctx: ProcessContext): Proc {
  const started = ctx.wallTime();
  ctx.setUsage?.({ memoryBytes: 2 * MI, cpuMilli: 0 });
  const http = (req: HttpRequest): HttpResponse => {
    const elapsed = (ctx.wallTime() - started) / 1000;
    if (req.path === '/healthz' || req.path.startsWith('/healthz?')) {
      return elapsed > 10 ? { status: 500, body: `error: ${elapsed.toFixed(6)}` } : { status: 200, body: 'ok' };
    }
    return { status: 200, body: 'ok' };
  };
  return serve(ctx, [{ port: 8080, http }], (p) => `listen tcp :${p}: bind: address already in use\n`);
}

/** ghcr.io/subicura/counter: each request increments a counter kept in Redis at $REDIS_HOST. */
function counterApp(_argv: string[], ctx: ProcessContext): Proc {
  const host = ctx.env.get('REDIS_HOST') ?? 'localhost';
  const port = Number(ctx.env.get('REDIS_PORT') ?? '6379');
  ctx.stdout(`Listening on :3000 (redis ${host}:${port})\n`);
  ctx.setUsage?.({ memoryBytes: 6 * MI, cpuMilli: 1 });
  const http = (): HttpResponse => {
    const r = ctx.net.tcp(host, port, 'INCR count');
    if (!r.ok || !r.reply.startsWith(':')) {
      ctx.stderr(`dial tcp ${host}:${port}: connect: connection refused\n`);
      return { status: 500, body: 'Internal Server Error\n' };
    }
    ctx.stdout(`GET / count=${r.reply.slice(1)}\n`);
    return { status: 200, body: `${r.reply.slice(1)}\n` };
  };
  return serve(ctx, [{ port: 3000, http }], (p) => `listen tcp :${p}: bind: address already in use\n`);
}

/**
 * bbachin1/adapter-node-server (the adapter demo). Kubelab's model: every 5 seconds it reads
 * new lines of /var/log/file.log written by the main container ("<date>#<message>"), turns
 * each into one normalised JSON line on its stdout, and serves them on :3080.
 */
function* adapterServer(_argv: string[], ctx: ProcessContext): Proc {
  const formatted: string[] = [];
  if (!ctx.listen({ port: 3080, http: () => ({ status: 200, body: formatted.join('') }) })) {
    ctx.stderr('Error: listen EADDRINUSE: address already in use :::3080\n');
    return 1;
  }
  ctx.stdout('adapter listening on port 3080\n');
  ctx.setUsage?.({ memoryBytes: 12 * MI, cpuMilli: 1 });
  let offset = 0;
  for (;;) {
    const node = ctx.fs.stat('/var/log/file.log');
    if (node?.kind === 'file') {
      if (node.content.length < offset) offset = 0;
      const fresh = node.content.slice(offset);
      const complete = fresh.slice(0, fresh.lastIndexOf('\n') + 1);
      offset += complete.length;
      for (const line of complete.split('\n')) {
        if (!line) continue;
        const hash = line.indexOf('#');
        const when = hash >= 0 ? line.slice(0, hash).trim() : '';
        const message = hash >= 0 ? line.slice(hash + 1) : line;
        const ms = Date.parse(when.replace(/ UTC /, ' ').replace(/\s+/g, ' ') + (when.includes('UTC') ? ' UTC' : ''));
        const iso = Number.isNaN(ms) ? when : new Date(ms).toISOString();
        const out = JSON.stringify({ time: iso, level: 'INFO', message }) + '\n';
        formatted.push(out);
        if (formatted.length > 1000) formatted.shift();
        ctx.stdout(out);
      }
    }
    yield { type: 'sleep', ms: 5000 };
  }
}

/** polinux/stress: allocates --vm-bytes and holds it; the kubelet OOM-kills it over its limit. */
function* stress(argv: string[], ctx: ProcessContext): Proc {
  let vm = 0;
  let bytes = 256 * MI;
  let cpu = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--vm' || a === '-m') vm = Number(argv[++i] ?? 1);
    else if (a === '--vm-bytes') bytes = parseStressBytes(argv[++i] ?? '') ?? bytes;
    else if (a === '--cpu' || a === '-c') cpu = Number(argv[++i] ?? 1);
  }
  ctx.stdout(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
  ctx.setUsage?.({ memoryBytes: vm * bytes + MI, cpuMilli: cpu * 1000 });
  yield { type: 'forever' };
  return 0;
}

function parseStressBytes(s: string): number | undefined {
  const m = /^(\d+)([BKMG]?)$/i.exec(s);
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1, B: 1, K: 1024, M: MI, G: 1024 * MI };
  return Number(m[1]) * (mult[(m[2] ?? '').toUpperCase()] ?? 1);
}

/** CoreDNS: health (:8080/health), readiness (:8181/ready), metrics and :53; answers come from the simulator. */
function coredns(_argv: string[], ctx: ProcessContext): Proc {
  ctx.stdout('.:53\n[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n');
  ctx.setUsage?.({ memoryBytes: 14 * MI, cpuMilli: 2 });
  const ok = (body: string) => (): HttpResponse => ({ status: 200, body });
  return serve(ctx, [{ port: 53, tcp: () => '' }, { port: 8080, http: ok('OK') }, { port: 8181, http: ok('OK') }, { port: 9153, http: ok('# metrics\n') }], (p) => `listen tcp :${p}: bind: address already in use\n`);
}

/** ingress-nginx: routes :80/:443 by the Ingress objects of its class; logs like ingress-nginx. */
function ingressNginx(argv: string[], ctx: ProcessContext): Proc {
  const className = (argv.find((a) => a.startsWith('--ingress-class=')) ?? '--ingress-class=nginx').split('=')[1] ?? 'nginx';
  ctx.stdout('-------------------------------------------------------------------------------\nNGINX Ingress controller\n  Release:       v1.11.3\n  Build:         0106de65cfccb74405a6dfa7d9daffc6f0a6ef1a\n  Repository:    https://github.com/kubernetes/ingress-nginx\n  nginx version: nginx/1.25.5\n\n-------------------------------------------------------------------------------\n\n');
  ctx.setUsage?.({ memoryBytes: 90 * MI, cpuMilli: 3 });
  const handle = (https: boolean) => (req: HttpRequest): HttpResponse => {
    const res = ctx.ingress ? ctx.ingress(req, { className, https }) : { status: 404, body: 'default backend - 404' };
    const d = new Date(ctx.wallTime());
    const ts = `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
    ctx.stdout(`${req.clientIp} - - [${ts}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.headers['User-Agent'] ?? '-'}" ${req.path.length + 80} 0.002 [] [] - - - - ${fakeDigest(req.path + ts).slice(0, 32)}\n`);
    return res;
  };
  return serve(
    ctx,
    [
      { port: 80, http: handle(false) },
      { port: 443, http: handle(true) },
      { port: 10254, http: () => ({ status: 200, body: 'ok' }) },
    ],
    (p) => `F1122 bind() to 0.0.0.0:${p} failed (98: Address already in use)\n`,
  );
}

function* idle(_argv: string[], ctx: ProcessContext): Proc {
  ctx.setUsage?.({ memoryBytes: 1 * MI, cpuMilli: 0 });
  yield { type: 'forever' };
  return 0;
}

/** A generic server that needs an env var, as the postgres/mysql images do. */
function needsEnv(vars: string[], message: string, port: number, memory: number): Binary {
  return (_argv, ctx) => {
    if (!vars.some((v) => ctx.env.has(v))) {
      ctx.stderr(message);
      return (function* (): Proc {
        return 1;
      })();
    }
    ctx.setUsage?.({ memoryBytes: memory, cpuMilli: 5 });
    return serve(ctx, [{ port, tcp: () => '' }], (p) => `could not bind port ${p}\n`);
  };
}

function* exitImmediately(_argv: string[], _ctx: ProcessContext): Proc {
  return 0;
}

const sig = (run: Binary, onSigterm: 'exit' | 'ignore' = 'exit'): BinarySpec => ({ run, onSigterm });

/** curl as Debian-based images ship it (7.88): enough for `curl [-s] [-i] [-o -] URL`. */
export function* curl(argv: string[], ctx: ProcessContext): Proc {
  let url: string | undefined;
  let include = false;
  let silent = false;
  let failOnError = false;
  let insecure = false;
  let follow = false;
  let showError = false;
  const headers: Record<string, string> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-H' || a === '--header') {
      const h = argv[++i] ?? '';
      const colon = h.indexOf(':');
      if (colon > 0) headers[h.slice(0, colon).trim().replace(/^host$/i, 'Host')] = h.slice(colon + 1).trim();
    } else if (a === '-o' || a === '--output' || a === '-X' || a === '-m' || a === '--max-time' || a === '-w') i++;
    else if (a.startsWith('-') && !a.startsWith('--')) {
      if (a.includes('i')) include = true;
      if (a.includes('s')) silent = true;
      if (a.includes('f')) failOnError = true;
      if (a.includes('k')) insecure = true;
      if (a.includes('L')) follow = true;
      if (a.includes('S')) showError = true;
    } else if (a === '--include') include = true;
    else if (a === '--insecure') insecure = true;
    else if (a === '--location') follow = true;
    else if (a === '--show-error') showError = true;
    else if (a === '--silent') silent = true;
    else if (a === '--fail') failOnError = true;
    else if (!a.startsWith('--')) url = a;
  }
  if (!url) {
    ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  // -L follows up to 50 redirects, as curl does; each hop is its own request.
  // -s hides curl's own error messages unless -S brings them back.
  const quiet: ProcessContext = silent && !showError ? { ...ctx, stderr: () => undefined } : ctx;
  for (let hop = 0; ; hop++) {
    const step = curlOnce(url, headers, insecure, quiet);
    if (typeof step === 'number') return step;
    const res = step;
    const location = res.headers?.['Location'];
    if (follow && location && res.status >= 300 && res.status < 400 && hop < 50) {
      if (include) writeHead(res, ctx);
      url = location;
      continue;
    }
    if (failOnError && res.status >= 400) {
      quiet.stderr(`curl: (22) The requested URL returned error: ${res.status}\n`);
      return 22;
    }
    if (include) writeHead(res, ctx);
    ctx.stdout(res.body);
    return 0;
  }
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 308: 'Permanent Redirect', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Temporarily Unavailable' };

function writeHead(res: HttpResponse, ctx: ProcessContext): void {
  ctx.stdout(`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? ''}\r\n`);
  for (const [k, v] of Object.entries(res.headers ?? {})) ctx.stdout(`${k}: ${v}\r\n`);
  ctx.stdout(`Content-Length: ${res.body.length}\r\n\r\n`);
}

/**
 * One curl request: the response, or curl's exit code after its message. Every HTTPS server in
 * the lab presents a self-signed certificate (ingress-nginx's fake one, or a student's
 * openssl-made one), so HTTPS needs -k, as it would against such a cluster.
 */
function curlOnce(url: string, headers: Record<string, string>, insecure: boolean, ctx: ProcessContext): HttpResponse | number {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) {
    ctx.stderr(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return 3;
  }
  const host = m[2]!;
  const port = Number(m[3] ?? (m[1] === 'https' ? 443 : 80));
  const r = ctx.net.http(host, port, m[4] ?? '/', Object.keys(headers).length ? headers : undefined);
  if (!r.ok) {
    if (r.error === 'unresolved') {
      ctx.stderr(`curl: (6) Could not resolve host: ${host}\n`);
      return 6;
    }
    if (r.error === 'refused') {
      ctx.stderr(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
      return 7;
    }
    ctx.stderr(`curl: (28) Failed to connect to ${host} port ${port} after 130000 ms: Couldn't connect to server\n`);
    return 28;
  }
  if (m[1] === 'https' && !insecure) {
    ctx.stderr(
      'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\n' +
        'curl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.\n',
    );
    return 60;
  }
  return r.response;
}

// ---------------------------------------------------------------- the catalog

const BUSYBOX_TAGS = /^(latest|stable|musl|glibc|uclibc|1\.(2[4-9]|3[0-7])(\.\d)?(-(musl|glibc|uclibc))?)$/;
const busyboxVersion = (tag: string): string => (/^1\.\d+/.exec(tag)?.[0] ?? '1.37');
const SEMVER_ALPINE = (major: string): RegExp => new RegExp(`^(latest|stable|alpine|mainline|stable-alpine|${major}(\\.\\d+){0,2}(-alpine|-bookworm|-slim)?)$`);
const HEALTHY_FILE = { '/tmp/healthy': "i'm healthy\n" };

const nginxFiles = {
  '/usr/share/nginx/html/index.html': NGINX_INDEX,
  '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
  '/var/log/nginx/access.log': '->/dev/stdout',
  '/var/log/nginx/error.log': '->/dev/stderr',
  '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n    access_log  /var/log/nginx/access.log  main;\n    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
  '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
  '/docker-entrypoint.d/': '',
};

const nodeDemo = (name: string, tags: RegExp, bin: Binary, files: Record<string, string> = {}, cmd: string[] = ['node', 'server.js']): ImageModel => ({
  name,
  tags,
  sizeBytes: 251 * MI,
  shell: true,
  cmd,
  files: { '/server.js': '// node.js demo server\n', ...files },
  binaries: { node: sig(bin, 'ignore'), curl: sig(curl) },
  memoryBytes: 9 * MI,
  cpuMilli: 1,
  description: 'node.js demo server on :8080',
});

export const CATALOG: ImageModel[] = [
  {
    name: 'docker.io/library/busybox',
    tags: BUSYBOX_TAGS,
    sizeBytes: 2_167_176,
    shell: true,
    busyboxVersion,
    cmd: ['sh'],
    memoryBytes: 256 * 1024,
    cpuMilli: 0,
    description: 'busybox: a shell and the core Unix tools',
  },
  {
    name: 'registry.k8s.io/busybox',
    tags: /^(latest|1\.\d+(\.\d+)?)$/,
    sizeBytes: 1_144_547,
    shell: true,
    busyboxVersion: () => '1.24',
    cmd: ['sh'],
    memoryBytes: 256 * 1024,
    cpuMilli: 0,
    description: 'busybox (the Kubernetes docs build)',
  },
  {
    name: 'ghcr.io/shclub/busybox',
    tags: /^(latest|1\.\d+(\.\d+)?)$/,
    sizeBytes: 2_167_176,
    shell: true,
    busyboxVersion,
    cmd: ['sh'],
    memoryBytes: 256 * 1024,
    cpuMilli: 0,
    description: 'busybox (a mirror on ghcr.io)',
  },
  {
    name: 'docker.io/library/alpine',
    tags: /^(latest|edge|3(\.\d+){0,2})$/,
    sizeBytes: 3_653_068,
    shell: true,
    busyboxVersion: () => '1.37',
    cmd: ['/bin/sh'],
    memoryBytes: 256 * 1024,
    cpuMilli: 0,
    description: 'alpine: busybox shell; its default command exits at once without a terminal',
  },
  {
    name: 'docker.io/library/nginx',
    lacks: debianLacks,
    tags: SEMVER_ALPINE('1'),
    sizeBytes: 72_195_292,
    shell: true,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    env: { NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.9', PKG_RELEASE: '1~bookworm' },
    files: nginxFiles,
    binaries: { '/docker-entrypoint.sh': sig(nginxMain), nginx: sig(nginxMain), curl: sig(curl) },
    // The entrypoint execs nginx, whose master renames itself and starts two workers (the
    // error log's "start worker process 29" and 30).
    processes: (argv) => {
      const cmd = argv[0]?.endsWith('docker-entrypoint.sh') ? argv.slice(1) : argv;
      if (!cmd[0]?.endsWith('nginx')) return undefined;
      return [
        { pid: 1, user: 'root', args: `nginx: master process ${cmd.join(' ')}` },
        { pid: 29, user: 'nginx', args: 'nginx: worker process' },
        { pid: 30, user: 'nginx', args: 'nginx: worker process' },
      ];
    },
    memoryBytes: 3 * MI,
    cpuMilli: 0,
    description: 'nginx: serves /usr/share/nginx/html on :80, logs to /var/log/nginx',
  },
  {
    name: 'docker.io/library/redis',
    lacks: debianLacks,
    tags: SEMVER_ALPINE('[5-7]'),
    sizeBytes: 45_102_112,
    shell: true,
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    files: { '/data/': '' },
    binaries: { 'docker-entrypoint.sh': sig(redisServer), 'redis-server': sig(redisServer), 'redis-cli': sig(redisCli) },
    memoryBytes: 4 * MI,
    cpuMilli: 2,
    description: 'redis: answers PING/SET/GET/INCR on :6379; redis-cli included',
  },
  {
    name: 'docker.io/malexer/twemproxy',
    tags: /^(latest|0\.\d+(\.\d+)?)$/,
    sizeBytes: 8_388_608,
    shell: true,
    cmd: ['/usr/local/bin/run.sh'],
    binaries: { '/usr/local/bin/run.sh': sig(twemproxy), nutcracker: sig(twemproxy) },
    memoryBytes: 2 * MI,
    cpuMilli: 1,
    description: 'twemproxy: proxies redis on :6380 to $REDIS_SERVERS',
  },
  {
    name: 'docker.io/bbachin1/adapter-node-server',
    tags: /^latest$/,
    sizeBytes: 68_157_440,
    shell: true,
    cmd: ['node', 'server.js'],
    binaries: { node: sig(adapterServer, 'ignore') },
    memoryBytes: 12 * MI,
    cpuMilli: 1,
    description: 'adapter: reformats /var/log/file.log lines as JSON on stdout and :3080',
  },
  {
    name: 'ghcr.io/subicura/counter',
    tags: /^latest$/,
    sizeBytes: 9_437_184,
    shell: false,
    cmd: ['/counter'],
    binaries: { '/counter': sig(counterApp) },
    memoryBytes: 6 * MI,
    cpuMilli: 1,
    description: 'counter: on :3000, each request increments a counter in Redis at $REDIS_HOST',
  },
  nodeDemo('gcr.io/terrycho-sandbox/liveness', /^v1$/, helloServer((h) => `Hello World! I'm  ${h} \n`), HEALTHY_FILE, ['/bin/sh', '-c', 'node server.js > log.out']),
  nodeDemo('gcr.io/terrycho-sandbox/readiness', /^v1$/, readinessServer, HEALTHY_FILE),
  nodeDemo('gcr.io/terrycho-sandbox/deployment', /^v1$/, helloServer((h) => `Hello World! I'm Server version 1. ${h} \n`)),
  {
    ...nodeDemo('gcr.io/terrycho-sandbox/deployment', /^v2$/, helloServer((h) => `Hello World! I'm Server version 2. ${h} \n`)),
  },
  nodeDemo('gcr.io/terrycho-sandbox/hello-node', /^v[12]$/, helloServer((h) => `Hello World! I'm ${h} \n`)),
  nodeDemo('gcr.io/terrycho-sandbox/users', /^v[12]$/, helloServer((h) => `Hello World! I'm User server ${h} \n`)),
  nodeDemo('gcr.io/terrycho-sandbox/products', /^v[12]$/, helloServer((h) => `Hello World! I'm Product server ${h} \n`)),
  {
    name: 'registry.k8s.io/liveness',
    tags: /^(latest|v\d+)$/,
    sizeBytes: 4_945_711,
    shell: false,
    cmd: ['/server'],
    binaries: { '/server': sig(k8sLivenessServer) },
    memoryBytes: 2 * MI,
    cpuMilli: 0,
    description: 'liveness demo: /healthz on :8080 is 200 for 10 s, then 500',
  },
  {
    name: 'registry.k8s.io/goproxy',
    tags: /^0\.1$/,
    sizeBytes: 2_500_000,
    shell: false,
    cmd: ['/goproxy'],
    binaries: { '/goproxy': sig((_a, ctx) => serve(ctx, [{ port: 8080, http: () => ({ status: 200, body: 'ok' }) }], () => 'bind failed\n')) },
    memoryBytes: 2 * MI,
    cpuMilli: 0,
    description: 'goproxy: an HTTP proxy on :8080 (the TCP probe example)',
  },
  {
    name: 'docker.io/polinux/stress',
    tags: /^latest$/,
    sizeBytes: 4_194_304,
    shell: true,
    cmd: ['stress'],
    binaries: { stress: sig(stress) },
    memoryBytes: MI,
    cpuMilli: 0,
    description: 'stress: allocates memory/cpu as its arguments say',
  },
  {
    name: 'registry.k8s.io/pause',
    tags: /^(3\.\d+|latest)$/,
    sizeBytes: 320_368,
    shell: false,
    cmd: ['/pause'],
    binaries: { '/pause': sig(idle) },
    memoryBytes: 256 * 1024,
    cpuMilli: 0,
    description: 'pause: the pod infra container; does nothing',
  },
  ...['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map(
    (component): ImageModel => ({
      name: `registry.k8s.io/${component}`,
      tags: component === 'etcd' ? /^3\.5\.\d+-0$/ : /^v1\.(2\d|3[0-2])\.\d+$/,
      sizeBytes: component === 'etcd' ? 56_909_194 : 28_000_000,
      shell: false,
      cmd: [component],
      // kubeadm runs kube-proxy by its full path; the static pods call their binaries by name.
      binaries: { [component]: sig(idle), [`/usr/local/bin/${component}`]: sig(idle) },
      memoryBytes: (component === 'kube-apiserver' ? 260 : component === 'etcd' ? 45 : 20) * MI,
      cpuMilli: component === 'kube-apiserver' ? 40 : 10,
      description: `${component}: a control plane component (its work is simulated by Kubelab itself)`,
    }),
  ),
  {
    name: 'registry.k8s.io/coredns/coredns',
    tags: /^v1\.\d+\.\d+$/,
    sizeBytes: 18_562_039,
    shell: false,
    entrypoint: ['/coredns'],
    binaries: { '/coredns': sig(coredns) },
    memoryBytes: 14 * MI,
    cpuMilli: 2,
    description: 'CoreDNS: the cluster DNS (answers are simulated by Kubelab itself)',
  },
  {
    name: 'registry.k8s.io/ingress-nginx/controller',
    tags: /^v1\.\d+\.\d+$/,
    sizeBytes: 105_000_000,
    shell: true,
    entrypoint: ['/nginx-ingress-controller'],
    binaries: { '/nginx-ingress-controller': sig(ingressNginx) },
    memoryBytes: 90 * MI,
    cpuMilli: 3,
    description: 'ingress-nginx: routes HTTP on :80/:443 by Ingress rules of its class',
  },
  {
    name: 'docker.io/library/httpd',
    lacks: debianLacks,
    tags: SEMVER_ALPINE('2'),
    sizeBytes: 58_000_000,
    shell: true,
    cmd: ['httpd-foreground'],
    binaries: { 'httpd-foreground': sig((_a, ctx) => serve(ctx, [{ port: 80, http: () => ({ status: 200, body: '<html><body><h1>It works!</h1></body></html>\n' }) }], () => '(98)Address in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\n')) },
    memoryBytes: 5 * MI,
    cpuMilli: 1,
    description: 'httpd: "It works!" on :80',
  },
  {
    name: 'docker.io/library/postgres',
    lacks: debianLacks,
    tags: SEMVER_ALPINE('1[0-7]'),
    sizeBytes: 150_000_000,
    shell: true,
    cmd: ['postgres'],
    binaries: {
      postgres: sig(needsEnv(['POSTGRES_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD'], 'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n', 5432, 30 * MI)),
    },
    memoryBytes: 30 * MI,
    cpuMilli: 5,
    description: 'postgres: needs POSTGRES_PASSWORD; listens on :5432',
  },
  {
    name: 'docker.io/library/mysql',
    lacks: () => NO_PS,
    tags: /^(latest|[58](\.\d+){0,2}|9(\.\d+){0,2}|lts)$/,
    sizeBytes: 170_000_000,
    shell: true,
    cmd: ['mysqld'],
    binaries: {
      mysqld: sig(needsEnv(['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'], '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n', 3306, 360 * MI)),
    },
    memoryBytes: 360 * MI,
    cpuMilli: 5,
    description: 'mysql: needs MYSQL_ROOT_PASSWORD; listens on :3306',
  },
  {
    name: 'docker.io/library/ubuntu',
    tags: /^(latest|rolling|jammy|noble|focal|2[0-4]\.04)$/,
    sizeBytes: 29_000_000,
    shell: true,
    busyboxVersion: () => '1.37',
    cmd: ['/bin/bash'],
    memoryBytes: 512 * 1024,
    cpuMilli: 0,
    description: 'ubuntu: its default command (bash) exits at once without a terminal',
    generic: true,
  },
  {
    name: 'docker.io/library/debian',
    lacks: debianLacks,
    tags: /^(latest|stable|bookworm|bullseye|1[1-3](-slim)?|bookworm-slim)$/,
    sizeBytes: 48_000_000,
    shell: true,
    busyboxVersion: () => '1.37',
    cmd: ['bash'],
    memoryBytes: 512 * 1024,
    cpuMilli: 0,
    description: 'debian: its default command (bash) exits at once without a terminal',
    generic: true,
  },
  {
    name: 'docker.io/library/node',
    lacks: slimLacks,
    tags: /^(latest|lts|(1[68]|2[0-4])(\.\d+){0,2}(-alpine|-slim)?)$/,
    sizeBytes: 380_000_000,
    shell: true,
    cmd: ['node'],
    binaries: { node: sig(exitImmediately, 'ignore') },
    memoryBytes: 10 * MI,
    cpuMilli: 0,
    description: 'node: its default command (the REPL) exits at once without a terminal',
    generic: true,
  },
  {
    name: 'docker.io/library/python',
    lacks: slimLacks,
    tags: /^(latest|3(\.\d+){0,2}(-alpine|-slim)?)$/,
    sizeBytes: 370_000_000,
    shell: true,
    cmd: ['python3'],
    binaries: { python3: sig(exitImmediately, 'ignore'), python: sig(exitImmediately, 'ignore') },
    memoryBytes: 8 * MI,
    cpuMilli: 0,
    description: 'python: its default command (the REPL) exits at once without a terminal',
    generic: true,
  },
  {
    name: 'docker.io/library/memcached',
    lacks: debianLacks,
    tags: /^(latest|1(\.\d+){0,2}(-alpine)?|alpine)$/,
    sizeBytes: 30_000_000,
    shell: true,
    cmd: ['memcached'],
    binaries: { memcached: sig((_a, ctx) => serve(ctx, [{ port: 11211, tcp: () => 'ERROR' }], () => 'failed to listen on TCP port 11211: Address already in use\n')) },
    memoryBytes: 2 * MI,
    cpuMilli: 0,
    description: 'memcached on :11211',
    generic: true,
  },
];

export interface ResolvedImage {
  model: ImageModel;
  ref: ImageRef;
  /** Stable digest-like id for `Image ID` and containerID. */
  imageID: string;
}

/** Find an image in the registry, or say why it cannot be pulled. */
export function lookupImage(ref: ImageRef): { ok: true; image: ResolvedImage } | { ok: false; reason: 'not-found' | 'unauthorized' } {
  const name = `${ref.registry}/${ref.repository}`;
  const candidates = CATALOG.filter((m) => m.name === name);
  if (candidates.length === 0) {
    const generic = genericImage(ref);
    if (generic) return { ok: true, image: { model: generic, ref, imageID: `${name}@sha256:${fakeDigest(ref.full)}` } };
    // A near miss of a known image (ngnix, busyboxx) does not exist. Docker Hub answers a
    // repository that does not exist like a private one ("pull access denied").
    return { ok: false, reason: ref.registry === 'docker.io' ? 'unauthorized' : 'not-found' };
  }
  const model = ref.digest && !ref.tag ? candidates[0] : candidates.find((m) => m.tags.test(ref.tag));
  if (!model) return { ok: false, reason: 'not-found' };
  return { ok: true, image: { model, ref, imageID: `${name}@sha256:${fakeDigest(ref.full)}` } };
}

/** Official (docker.io/library) images Kubelab lets run without a behaviour model. */
const OFFICIAL_GENERIC = new Set([
  'golang', 'php', 'ruby', 'openjdk', 'eclipse-temurin', 'rabbitmq', 'mongo', 'mariadb', 'elasticsearch', 'traefik', 'caddy',
  'haproxy', 'tomcat', 'wordpress', 'ghost', 'centos', 'fedora', 'amazonlinux', 'rockylinux', 'consul', 'vault', 'nats',
  'influxdb', 'telegraf', 'grafana', 'registry', 'bash', 'perl', 'rust', 'gcc', 'docker', 'jenkins', 'sonarqube', 'zookeeper', 'cassandra',
]);

/**
 * An image the catalog does not model: it still runs (its command through busybox sh, or,
 * with no command, an idle process that accepts connections on the pod's declared ports),
 * and kubectl describe says so. Names one or two letters away from a modelled image are
 * treated as typos and fail to pull, as they would on a real registry.
 */
function genericImage(ref: ImageRef): ImageModel | undefined {
  const repo = ref.repository.split('/').pop() ?? '';
  if (ref.registry === 'docker.io' && ref.repository.startsWith('library/') && !OFFICIAL_GENERIC.has(repo)) return undefined;
  for (const m of CATALOG) {
    const known = m.name.split('/').pop() ?? '';
    if (known !== repo && editDistance(known, repo) <= 2 && repo.length > 3) return undefined;
  }
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*$/.test(repo)) return undefined;
  return {
    name: `${ref.registry}/${ref.repository}`,
    tags: /.*/,
    sizeBytes: 50_000_000,
    shell: true,
    busyboxVersion: () => '1.36',
    binaries: { [GENERIC_MAIN]: sig(idle) },
    entrypoint: [GENERIC_MAIN],
    memoryBytes: 8 * MI,
    cpuMilli: 1,
    description: `${ref.registry}/${ref.repository} is not modelled by Kubelab: it runs its command through a busybox shell, or idles and accepts connections on the pod's declared ports`,
    generic: true,
  };
}

/** A generic image's default process; the kubelet opens the pod's declared ports for it. */
export const GENERIC_MAIN = '/kubelab-generic-entrypoint';

/** A deterministic 64-hex "digest" so Image ID lines look real and stay stable. */
export function fakeDigest(text: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 8; round++) {
    for (let i = 0; i < text.length; i++) {
      h1 ^= text.charCodeAt(i) + round;
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return out;
}
