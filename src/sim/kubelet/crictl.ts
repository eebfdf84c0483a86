// `crictl` on a node: the CRI view of what containerd runs for the kubelet — ps, pods, stop,
// rm, logs, images — in crictl 1.31's table format (text/tabwriter, minwidth 20, padding 3;
// IDs truncated to 13 characters). `crictl stop` is the runtime's StopContainer: the kubelet
// sees the exit and restarts the container by its restartPolicy.

import type { Proc, ProcessContext } from '../runtime/process.ts';
import { parseImageRef } from '../runtime/imageref.ts';
import type { LogBuffer } from './logs.ts';
import type { Kubelet, PodWorker, RunningContainer } from './kubelet.ts';

interface Instance {
  id: string;
  imageId: string;
  createdAt: number;
  running: boolean;
  name: string;
  attempt: number;
  worker: PodWorker;
  container: RunningContainer;
  logs: LogBuffer;
  current: boolean;
}

/** IDs removed with `crictl rm`, per kubelet: containerd forgets them, the kubelet does not care. */
const removed = new WeakMap<Kubelet, Set<string>>();

function hex64(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The pod sandbox's ID: stable per pod, and drawn from no random stream (other output stays put). */
export function sandboxId(w: PodWorker): string {
  return hex64(`sandbox/${w.pod.metadata.uid ?? w.key}`);
}

/** An image's config digest (what crictl calls IMAGE ID), distinct from the repo digest. */
function imageIdOf(full: string): string {
  return hex64(`image/${full}`);
}

const bareId = (id: string): string => id.replace(/^[a-z]+:\/\//, '');

function instances(k: Kubelet): Instance[] {
  const gone = removed.get(k) ?? new Set<string>();
  const list: Instance[] = [];
  for (const w of k.workers.values()) {
    if (w.terminated) continue;
    for (const c of w.containers) {
      if (c.deadInstance && !gone.has(bareId(c.deadInstance.id))) {
        const d = c.deadInstance;
        list.push({ id: bareId(d.id), imageId: imageIdOf(d.image?.ref.full ?? c.spec.image ?? ''), createdAt: d.createdAt, running: false, name: c.spec.name, attempt: d.attempt, worker: w, container: c, logs: d.logs, current: false });
      }
      if (c.containerID && !gone.has(bareId(c.containerID))) {
        list.push({ id: bareId(c.containerID), imageId: imageIdOf(c.image?.ref.full ?? c.spec.image ?? ''), createdAt: c.createdAt ?? 0, running: c.state.type === 'running', name: c.spec.name, attempt: c.restartCount, worker: w, container: c, logs: c.logs, current: true });
      }
    }
  }
  // crictl sorts by creation time, newest first.
  return list.sort((a, b) => b.createdAt - a.createdAt);
}

/** docker/go-units HumanDuration, which crictl prints with " ago". */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(ms / 3_600_000);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** docker/go-units HumanSizeWithPrecision(size, 3): decimal units. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

/** Go's text/tabwriter as crictl configures it: minwidth 20, padding 3; the last column is free. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length + 3, 20)));
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n').join('');
}

function fatal(ctx: ProcessContext, msg: string): number {
  ctx.stderr(`FATA[0000] ${msg}\n`);
  return 1;
}

function notFound(id: string): string {
  return `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`;
}

function resolve(k: Kubelet, id: string): Instance | undefined {
  const all = instances(k);
  return all.find((x) => x.id === id) ?? (id.length > 0 ? all.filter((x) => x.id.startsWith(id)).at(0) : undefined);
}

function ps(k: Kubelet, args: string[], ctx: ProcessContext): number {
  const all = args.includes('-a') || args.includes('--all');
  const quiet = args.includes('-q') || args.includes('--quiet');
  const nameAt = args.findIndex((a) => a === '--name');
  const nameRe = nameAt >= 0 ? new RegExp(args[nameAt + 1] ?? '') : undefined;
  const now = ctx.wallTime();
  const rows = instances(k).filter((x) => (all || x.running) && (!nameRe || nameRe.test(x.name)));
  if (quiet) {
    ctx.stdout(rows.map((x) => x.id + '\n').join(''));
    return 0;
  }
  const body = rows.map((x) => [x.id.slice(0, 13), x.imageId.slice(0, 13), `${humanDuration(now - x.createdAt)} ago`, x.running ? 'Running' : 'Exited', x.name, String(x.attempt), sandboxId(x.worker).slice(0, 13), x.worker.pod.metadata.name ?? '']);
  ctx.stdout(table([['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD'], ...body]));
  return 0;
}

function pods(k: Kubelet, ctx: ProcessContext): number {
  const now = ctx.wallTime();
  const ws = [...k.workers.values()].filter((w) => !w.terminated && w.sandboxReady).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  const body = ws.map((w) => [sandboxId(w).slice(0, 13), `${humanDuration(now - (w.startedAt ?? now))} ago`, w.terminating ? 'NotReady' : 'Ready', w.pod.metadata.name ?? '', w.pod.metadata.namespace ?? 'default', '0', '(default)']);
  ctx.stdout(table([['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], ...body]));
  return 0;
}

function images(k: Kubelet, ctx: ProcessContext): number {
  const rows = [...k.machine.images.entries()]
    .map(([full, size]) => {
      const ref = parseImageRef(full);
      return [`${ref.registry}/${ref.repository}`, ref.tag || '<none>', imageIdOf(full).slice(0, 13), humanSize(size)];
    })
    .sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`));
  ctx.stdout(table([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]));
  return 0;
}

function stop(k: Kubelet, args: string[], ctx: ProcessContext): number {
  let timeout = 0;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--timeout') timeout = Number(args[++i] ?? '0') || 0;
    else if (a.startsWith('--timeout=')) timeout = Number(a.slice(10)) || 0;
    else ids.push(a);
  }
  if (ids.length === 0) return fatal(ctx, 'you must specify at least one CONTAINER-ID or use --all');
  for (const id of ids) {
    const x = resolve(k, id);
    if (!x) return fatal(ctx, `stopping the container "${id}": ${notFound(id)}`);
    if (x.current && x.running) k.runtimeStop(x.worker, x.container, timeout);
    ctx.stdout(id + '\n');
  }
  return 0;
}

function rm(k: Kubelet, args: string[], ctx: ProcessContext): number {
  const force = args.includes('-f') || args.includes('--force');
  const ids = args.filter((a) => !a.startsWith('-'));
  if (ids.length === 0) return fatal(ctx, 'ID cannot be empty');
  const gone = removed.get(k) ?? new Set<string>();
  removed.set(k, gone);
  for (const id of ids) {
    const x = resolve(k, id);
    if (!x) return fatal(ctx, `getting container status "${id}": ${notFound(id)}`);
    if (x.current && x.running) {
      if (!force) return fatal(ctx, `container "${id}" is running, please stop it first`);
      k.runtimeStop(x.worker, x.container, 0);
    }
    gone.add(x.id);
    ctx.stdout(id + '\n');
  }
  return 0;
}

function logs(k: Kubelet, args: string[], ctx: ProcessContext): number {
  let tail: number | undefined;
  let id: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--tail') tail = Number(args[++i]);
    else if (a.startsWith('--tail=')) tail = Number(a.slice(7));
    else if (!a.startsWith('-')) id = a;
  }
  if (!id) return fatal(ctx, 'ID cannot be empty');
  const x = resolve(k, id);
  if (!x) return fatal(ctx, `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
  const lines = tail !== undefined && tail >= 0 ? x.logs.last(tail) : x.logs.lines;
  for (const l of tail === 0 ? [] : lines) (l.stream === 'stdout' ? ctx.stdout : ctx.stderr)(l.text + '\n');
  return 0;
}

const USAGE = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

VERSION:
   v1.31.1

COMMANDS (those this node's crictl knows):
   images, image, img  List images
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
   rm                  Remove one or more containers
   stop                Stop one or more running containers
`;

/** The `crictl` command of one node's shell. */
export function crictlFor(kubelet: Kubelet | undefined): (argv: string[], ctx: ProcessContext) => Proc {
  return function* crictl(argv: string[], ctx: ProcessContext): Proc {
    const [verb, ...args] = argv.slice(1);
    if (!kubelet) return fatal(ctx, 'validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error');
    switch (verb) {
      case 'ps':
        return ps(kubelet, args, ctx);
      case 'pods':
        return pods(kubelet, ctx);
      case 'images':
      case 'image':
      case 'img':
        return images(kubelet, ctx);
      case 'stop':
        return stop(kubelet, args, ctx);
      case 'rm':
        return rm(kubelet, args, ctx);
      case 'logs':
        return logs(kubelet, args, ctx);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        ctx.stdout(USAGE);
        return 0;
      case '--version':
      case '-v':
        ctx.stdout('crictl version v1.31.1\n');
        return 0;
      default:
        return fatal(ctx, `No help topic for '${verb}'`);
    }
  };
}
