// The kubelet: one per node. It watches for pods bound to its node and runs them: sandbox
// and IP, volumes, image pulls, init containers one at a time, app containers, probes,
// restarts with back-off, OOM kills, graceful termination, and static pods from
// /etc/kubernetes/manifests. Everything it does is an event on the virtual clock, and every
// state change is published to the pod's status through the store.

import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../api.ts';
import type { NodeMachine, SimContext } from '../context.ts';
import { isoSeconds, type TimerHandle } from '../clock.ts';
import type { KubeObject } from '../store/types.ts';
import { parseImageRef } from '../runtime/imageref.ts';
import { GENERIC_MAIN, lookupImage, type BinarySpec, type ResolvedImage } from '../runtime/images.ts';
import { PodNetwork } from '../runtime/network.ts';
import { IngressRouter } from '../runtime/ingress.ts';
import type { Network, Proc, ProcessContext, ProcessEntry } from '../runtime/process.ts';
import { newDir, treeFrom, Vfs, type DirNode } from '../runtime/vfs.ts';
import { isKnownCommand, runArgv, type Applet } from '../runtime/shell/index.ts';
import { Backoff } from './backoff.ts';
import { LogBuffer } from './logs.ts';
import { ProbeRunner, type ProbeKind } from './probes.ts';
import { ProbeLog } from './probelog.ts';
import { podQosClass, resolveEnv, type EnvResult } from './podutil.ts';
import { tryParseQuantity, quantityValue } from '../quantity.ts';
import { mountClaim } from '../controllers/volume/data.ts';
import { containerMountTable, nodeMemoryKiB, type DiskLetters } from './mounts.ts';
import { cloneData, sameData } from '../clone.ts';

const SANDBOX_MS = 1000;
/** Waiting reasons under which a timer, not syncContainers, decides the next start. */
const BACKING_OFF = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'ErrImageNeverPull']);
const SYNC_LAG_MS = 1000;
const KILL_EXIT_MS = 100;
/** The node Lease is renewed every 10 s (a quarter of its 40 s leaseDurationSeconds). */
export const LEASE_RENEW_MS = 10_000;
/** The conditions the kubelet owns on its Node, in the order it posts them. */
const NODE_CONDITIONS: readonly { type: string; status: string; reason: string; message: string; event: string }[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
];

type CState =
  | { type: 'waiting'; reason: string; message?: string }
  | { type: 'running'; startedAt: number }
  | { type: 'terminated'; exitCode: number; reason: string; message?: string; startedAt: number; finishedAt: number; signal?: number };

export interface RunningContainer {
  spec: Container;
  kind: 'init' | 'app' | 'sidecar';
  index: number;
  state: CState;
  lastTerminated?: Extract<CState, { type: 'terminated' }>;
  /** The termination before lastTerminated: lastState while the container sits terminated. */
  prevTerminated?: Extract<CState, { type: 'terminated' }>;
  restartCount: number;
  ready: boolean;
  started: boolean;
  containerID?: string;
  image?: ResolvedImage;
  fs?: Vfs;
  proc?: ProcDriver;
  logs: LogBuffer;
  previousLogs?: LogBuffer;
  probes: ProbeRunner[];
  killing?: { reason: string; timer?: TimerHandle };
  /** The container's cgroup: its main process plus every exec'd process (kubectl top, OOM). */
  usage: { memoryBytes: number; cpuMilli: number };
  /** The main process's own memory; usage.memoryBytes adds the exec sessions' to it. */
  mainMemory?: number;
  /** Memory of processes started by `kubectl exec`, one entry per session. */
  execMemory?: Map<object, number>;
  /** The container's PID namespace: PID 1 and the exec'd processes alive, and the next PID. */
  pids?: { next: number; table: Map<number, ProcessEntry> };
  /** Wall time this instance was created (crictl's CREATED). */
  createdAt?: number;
  /** The previous, exited instance, kept as kubelet's container GC keeps one per container. */
  deadInstance?: DeadInstance;
  /** Busy pulling/creating: do not start again. */
  busy: boolean;
  timer?: TimerHandle;
  pullBackoffTimer?: TimerHandle;
  /** A completed init container stays completed. */
  done: boolean;
  /** The environment the container started with; exec sessions and exec probes see it too. */
  env?: Map<string, string>;
  /** The probes' view of the network, made once per container start. */
  probeNet?: Network;
  /** What exec probes reuse between runs (context, shell options, captured output). */
  probeExec?: { ctx: ProcessContext; opts: ReturnType<Kubelet['shellOptionsFor']>; output: string };
}

/** An exited container instance as the runtime still lists it (`crictl ps -a`). */
export interface DeadInstance {
  id: string;
  attempt: number;
  createdAt: number;
  exitCode: number;
  image?: ResolvedImage;
  logs: LogBuffer;
}

/** Drives a process generator on the virtual clock. */
class ProcDriver {
  private timer: TimerHandle | undefined;
  finished = false;
  private readonly resume = (): void => this.step();

  constructor(
    private readonly sim: SimContext,
    private readonly gen: Proc,
    private readonly onExit: (code: number) => void,
    private readonly onCrash: (err: unknown) => void,
  ) {}

  start(): void {
    this.step();
  }

  private step(): void {
    // The timer that woke this step has run; re-arming reuses it (clock.rearm).
    const ran = this.timer;
    this.timer = undefined;
    if (this.finished) return;
    let r: IteratorResult<unknown, number>;
    try {
      r = this.gen.next();
    } catch (err) {
      this.finished = true;
      this.onCrash(err);
      return;
    }
    if (r.done) {
      this.finished = true;
      this.onExit(r.value);
      return;
    }
    const w = r.value as { type: string; ms?: number };
    if (w.type === 'sleep') this.timer = this.sim.clock.rearm(ran, Math.max(1, w.ms ?? 0), this.resume);
    // 'forever': nothing to schedule; only kill() ends it.
  }

  stop(): void {
    this.finished = true;
    this.sim.clock.cancel(this.timer);
    try {
      this.gen.return(0);
    } catch {
      // A generator that throws while closing is already gone.
    }
  }
}

export interface PodWorker {
  key: string;
  pod: Pod;
  staticFile?: string;
  network?: PodNetwork;
  volumes: Map<string, DirNode>;
  containers: RunningContainer[];
  sandboxReady: boolean;
  startedAt?: number;
  terminating: boolean;
  terminated: boolean;
  /** The status last written, to skip writing the same again. */
  lastPublished: PodStatus | undefined;
  transitions: Map<string, { status: string; at: number }>;
  timers: TimerHandle[];
  failedPhase?: boolean;
  configErrorRetry?: TimerHandle;
}

export class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  /** Attached disks and the device each got on this node (df shows /dev/sdb ...). */
  private readonly disks: DiskLetters = new Map();
  /** Every probe result per container, read by the page's probe timeline. */
  readonly probeLog = new ProbeLog();
  private crashBackoff = new Backoff();
  private pullBackoff = new Backoff();
  private seq = 0;
  private staticPods = new Map<string, { hash: string; worker: PodWorker }>();
  private manifestHashes = new Map<string, { node: object; version: number; hash: string }>();
  private readonly ingressRouter: IngressRouter;
  /**
   * Whether the kubelet service runs (`systemctl stop kubelet` clears it). A stopped kubelet
   * posts nothing: no node status, no Lease renewals, no pod status, no events; it runs no
   * probes and restarts nothing. The containers it started keep running under containerd.
   */
  private running = true;
  /** Simulated wall time the service last (re)started, for `systemctl status`. */
  serviceSince: number;
  /** The last Lease renewal before a stop (simulated wall ms). */
  private frozenLease = 0;
  /** Work the kubelet would have done while stopped, done when it starts again. */
  private deferred: (() => void)[] = [];

  constructor(
    private readonly sim: SimContext,
    readonly machine: NodeMachine,
    private readonly decodeStatic: (text: string, file: string) => Pod | undefined,
  ) {
    this.ingressRouter = new IngressRouter(sim.store);
    this.serviceSince = sim.clock.wallTime;
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      if (pod.spec?.nodeName !== machine.name) return;
      // A stopped kubelet has no watch; start() lists the node's pods instead.
      if (!this.running) return;
      this.sim.clock.schedule(0, () => this.onPodEvent(ev.type, pod));
    });
    // The kubelet checks its static pod folder every 20 s (fileCheckFrequency).
    this.sim.clock.schedule(0, () => this.scanStaticPods());
    // With node leases, the full node status is still posted every 5 minutes
    // (nodeStatusReportFrequency): that is what moves LastHeartbeatTime.
    this.sim.clock.schedule(5 * 60_000, () => this.heartbeat());
  }

  private get source() {
    return { component: 'kubelet', host: this.machine.name };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * The renewTime of the node's Lease in kube-node-lease (simulated wall ms): the node
   * lifecycle controller's health signal. Renewals are on a fixed 10 s grid while the kubelet
   * runs, so they cost no events; a stop freezes the last one.
   */
  /** Names of containers a static pod of this node has ever started. */
  private staticStarted = new Set<string>();

  /**
   * Whether a static pod of this node runs a container of this name (kube-scheduler…). Before
   * the kubelet first starts one (the first instants of the bootstrap, long before a student
   * arrives) it counts as running, so the cluster comes up as it always has.
   */
  staticContainerRunning(container: string): boolean {
    if (!this.staticStarted.has(container)) return true;
    for (const { worker } of this.staticPods.values()) {
      if (!worker || worker.terminated || worker.terminating) continue;
      if (worker.containers.some((c) => c.spec.name === container && c.state.type === 'running')) return true;
    }
    return false;
  }

  leaseRenewTime(): number {
    if (!this.running) return this.frozenLease;
    const t = this.sim.clock.wallTime;
    return t - (t % LEASE_RENEW_MS);
  }

  /** `systemctl stop kubelet`. */
  stop(): void {
    if (!this.running) return;
    this.frozenLease = this.leaseRenewTime();
    this.running = false;
    this.serviceSince = this.sim.clock.wallTime;
    for (const w of this.workers.values()) {
      for (const c of w.containers) {
        for (const p of c.probes) p.stop();
        c.probes = [];
      }
    }
  }

  /** `systemctl start kubelet`: post node status, then reconcile every pod bound to the node. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.serviceSince = this.sim.clock.wallTime;
    this.event(this.nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    this.postNodeStatus();
    this.event(this.nodeRef(), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    const pending = this.deferred;
    this.deferred = [];
    for (const fn of pending) fn();
    for (const w of [...this.workers.values()]) {
      const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '');
      // Force-deleted while the kubelet was away: its containers are orphans now.
      if (!w.staticFile && !w.terminated && (!cur || cur.metadata.uid !== w.pod.metadata.uid)) this.terminate(w, 0);
    }
    // New pods, and pods deleted meanwhile (they finish terminating now).
    for (const pod of this.sim.store.list<Pod>('Pod')) {
      if (pod.spec?.nodeName === this.machine.name) this.onPodEvent('MODIFIED', pod);
    }
    for (const w of [...this.workers.values()]) {
      if (w.terminated) continue;
      for (const c of w.containers) if (c.state.type === 'running' && !c.killing && c.probes.length === 0) this.startProbes(w, c);
      // What the API holds may have been changed by the node controller (Ready=False).
      const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '');
      const apiReady = (cur?.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status;
      if (apiReady !== undefined && apiReady !== w.transitions.get('Ready')?.status) w.transitions.delete('Ready');
      w.lastPublished = undefined;
      this.publish(w);
    }
  }

  /** Run fn now, or when the kubelet is started again. */
  private whenRunning(fn: () => void): boolean {
    if (this.running) return false;
    this.deferred.push(fn);
    return true;
  }

  private nodeRef(): KubeObject {
    return this.sim.store.get<KubeObject>('Node', undefined, this.machine.name) ?? { apiVersion: 'v1', kind: 'Node', metadata: { name: this.machine.name } };
  }

  /** A full node status post: the kubelet's own conditions, with an event for each that changes. */
  private postNodeStatus(): void {
    const node = this.sim.store.get<KubeObject & { status?: { conditions?: NodeConditionLike[] } }>('Node', undefined, this.machine.name);
    if (!node?.status?.conditions) return;
    const now = this.sim.clock.isoNow();
    const changed: string[] = [];
    const conditions = node.status.conditions.map((c) => {
      const want = NODE_CONDITIONS.find((x) => x.type === c.type);
      if (!want) return { ...c, lastHeartbeatTime: now };
      if (c.status === want.status) return { ...c, lastHeartbeatTime: now };
      changed.push(want.event);
      return { ...c, status: want.status, reason: want.reason, message: want.message, lastHeartbeatTime: now, lastTransitionTime: now };
    });
    this.sim.store.update({ ...node, status: { ...node.status, conditions } } as KubeObject, { status: true });
    for (const e of changed) this.event(this.nodeRef(), 'Normal', e, `Node ${this.machine.name} status is now: ${e}`);
  }

  private keyOf(pod: Pod): string {
    const ann = pod.metadata.annotations?.['kubernetes.io/config.mirror'];
    if (ann) {
      for (const [file, s] of this.staticPods) if (s.hash === ann) return `static:${file}`;
    }
    return pod.metadata.uid ?? '';
  }

  private onPodEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: Pod): void {
    if (!this.running) return;
    const key = this.keyOf(pod);
    const w = this.workers.get(key);
    if (type === 'DELETED') {
      if (w?.staticFile) {
        // A deleted mirror pod comes back; the static pod's containers keep running.
        this.sim.clock.schedule(SYNC_LAG_MS, () => this.ensureMirror(w));
        return;
      }
      if (w && !w.terminated) this.terminate(w, 0);
      return;
    }
    // Only act on the latest version of the object.
    const latest = this.sim.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!latest || latest.metadata.uid !== pod.metadata.uid) return;
    if (!w) {
      if (latest.metadata.deletionTimestamp) {
        this.finishDeletion(latest);
        return;
      }
      if (latest.status?.phase === 'Succeeded' || latest.status?.phase === 'Failed') return;
      this.startWorker(latest, key);
      return;
    }
    w.pod = latest;
    if (latest.metadata.deletionTimestamp && !w.terminating) {
      if (w.staticFile) {
        // Deleting a mirror pod through the API removes only the mirror.
        this.sim.store.delete('Pod', latest.metadata.namespace, latest.metadata.name ?? '', { gracePeriodSeconds: 0 });
        return;
      }
      this.terminate(w, latest.metadata.deletionGracePeriodSeconds ?? latest.spec?.terminationGracePeriodSeconds ?? 30);
      return;
    }
    // In-place update of a container image (the one mutable pod spec field students change).
    for (const c of w.containers) {
      const next = [...(latest.spec?.initContainers ?? []), ...(latest.spec?.containers ?? [])].find((x) => x.name === c.spec.name);
      if (next && next.image !== c.spec.image) {
        c.spec = next;
        if (c.state.type === 'running') {
          this.event(w, 'Normal', 'Killing', `Container ${c.spec.name} definition changed, will be restarted`, c);
          this.kill(w, c, 'definition changed', 'Killing');
        }
      }
    }
  }

  // ------------------------------------------------------------------ worker lifecycle

  private startWorker(pod: Pod, key: string, staticFile?: string): PodWorker {
    const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const initCount = pod.spec?.initContainers?.length ?? 0;
    const w: PodWorker = {
      key,
      pod,
      volumes: new Map(),
      containers: all.map((spec, i) => ({
        spec,
        kind: i < initCount ? (spec.restartPolicy === 'Always' ? 'sidecar' : 'init') : 'app',
        index: i < initCount ? i : i - initCount,
        state: { type: 'waiting', reason: i < initCount ? 'PodInitializing' : initCount > 0 ? 'PodInitializing' : 'ContainerCreating' },
        restartCount: 0,
        ready: false,
        started: false,
        logs: new LogBuffer(),
        probes: [],
        usage: { memoryBytes: 0, cpuMilli: 0 },
        busy: false,
        done: false,
      })),
      sandboxReady: false,
      terminating: false,
      terminated: false,
      lastPublished: undefined,
      transitions: new Map(),
      timers: [],
    };
    if (staticFile) w.staticFile = staticFile;
    this.workers.set(key, w);
    w.startedAt = this.sim.clock.wallTime;
    this.publish(w);
    this.later(w, SANDBOX_MS, () => this.createSandbox(w));
    return w;
  }

  private later(w: PodWorker, ms: number, fn: () => void): void {
    const h = this.sim.clock.schedule(ms, () => {
      w.timers = w.timers.filter((t) => t !== h);
      if (w.terminated) return;
      if (!this.whenRunning(() => !w.terminated && fn())) fn();
    });
    w.timers.push(h);
  }

  private createSandbox(w: PodWorker): void {
    if (w.terminating) return;
    const ns = w.pod.metadata.namespace ?? 'default';
    // Volumes first: a missing ConfigMap or Secret keeps the pod in ContainerCreating.
    const err = this.setupVolumes(w);
    if (err) {
      this.event(w, 'Warning', 'FailedMount', err);
      this.later(w, 15_000, () => this.createSandbox(w));
      return;
    }
    // hostNetwork pods (the control plane's static pods) use the node's own address.
    w.network = w.pod.spec?.hostNetwork ? new PodNetwork(this.machine.ip, `${ns}/${w.pod.metadata.name}`) : this.sim.network.attach(`${ns}/${w.pod.metadata.name}`, this.machine.index);
    w.sandboxReady = true;
    this.publish(w);
    this.syncContainers(w);
  }

  private setupVolumes(w: PodWorker): string | undefined {
    const ns = w.pod.metadata.namespace ?? 'default';
    for (const v of w.pod.spec?.volumes ?? []) {
      if (w.volumes.has(v.name)) continue;
      if (v.hostPath) {
        const fs = new Vfs(this.machine.root, () => this.sim.clock.wallTime);
        const path = v.hostPath.path;
        const type = v.hostPath.type ?? '';
        const node = fs.stat(path);
        if (!node) {
          if (type === 'Directory' || type === 'File' || type === 'Socket' || type === 'CharDevice' || type === 'BlockDevice') {
            return `MountVolume.SetUp failed for volume "${v.name}" : hostPath type check failed: ${path} is not a ${type === 'Directory' ? 'directory' : type.toLowerCase()}`;
          }
          // FileOrCreate does not create the parent directory: a missing one fails the mount.
          try {
            if (type === 'FileOrCreate') fs.writeFile(path, '');
            else fs.mkdir(path, true);
          } catch {
            return `MountVolume.SetUp failed for volume "${v.name}" : ${type === 'FileOrCreate' ? 'open' : 'mkdir'} ${path}: ${type === 'FileOrCreate' ? 'no such file or directory' : 'not a directory'}`;
          }
        }
        const target = fs.stat(path);
        if (target?.kind === 'dir') w.volumes.set(v.name, target);
        else w.volumes.set(v.name, newDir());
      } else if (v.configMap) {
        const cm = this.sim.store.get<KubeObject & { data?: Record<string, string> }>('ConfigMap', ns, v.configMap.name ?? '');
        if (!cm && !v.configMap.optional) return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
        w.volumes.set(v.name, treeFrom(projectKeys(cm?.data ?? {}, v.configMap.items), this.sim.clock.wallTime));
      } else if (v.secret) {
        const s = this.sim.store.get<KubeObject & { data?: Record<string, string>; stringData?: Record<string, string> }>('Secret', ns, v.secret.secretName ?? '');
        if (!s && !v.secret.optional) return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
        const decoded: Record<string, string> = {};
        for (const [k, val] of Object.entries(s?.data ?? {})) decoded[k] = decodeBase64(val);
        w.volumes.set(v.name, treeFrom(projectKeys(decoded, v.secret.items), this.sim.clock.wallTime));
      } else if (v.gitRepo) {
        // The deprecated gitRepo volume runs `git clone` on the node; the lab has no internet.
        const repo = v.gitRepo.repository;
        const dir = v.gitRepo.directory ?? '';
        return `MountVolume.SetUp failed for volume "${v.name}" : failed to exec 'git clone -- ${repo}${dir ? ' ' + dir : ''}': Cloning into '${dir || repo.split('/').pop()?.replace(/\.git$/, '') || '.'}'...\nfatal: unable to access '${repo}/': Could not resolve host: ${repo.replace(/^[a-z]+:\/\//, '').split('/')[0]}\n: exit status 128`;
      } else if (v.projected) {
        w.volumes.set(v.name, treeFrom({ '/ca.crt': CA_CRT, '/namespace': ns, '/token': fakeToken(w.pod) }, this.sim.clock.wallTime));
      } else if (v.persistentVolumeClaim) {
        // The bound PV's data: a node directory for hostPath/local, the cluster's store otherwise.
        const claim = mountClaim(this.sim, this.machine, ns, v.name, v.persistentVolumeClaim.claimName);
        if (!claim.ok) return claim.message;
        w.volumes.set(v.name, claim.dir);
      } else {
        // emptyDir, and any other source: a fresh directory for the pod.
        w.volumes.set(v.name, newDir(this.sim.clock.wallTime));
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ the container state machine

  /** Start whatever should run next; called after every change. */
  private syncContainers(w: PodWorker): void {
    if (!w.sandboxReady || w.terminating || w.failedPhase) return;
    const restartPolicy = w.pod.spec?.restartPolicy ?? 'Always';
    // Init containers (and sidecars) one at a time, in order.
    for (const c of w.containers) {
      if (c.kind === 'app') break;
      if (c.kind === 'init' && c.done) continue;
      if (c.kind === 'sidecar' && c.started && c.state.type === 'running') continue;
      if (c.state.type === 'running' || c.busy) return;
      // A failed init container is restarted by its back-off timer (exited()), never here.
      if (c.state.type === 'terminated') return;
      if (c.state.type === 'waiting' && BACKING_OFF.has(c.state.reason)) return;
      void restartPolicy;
      this.startContainer(w, c);
      return;
    }
    // App containers: started in order; a pull in progress holds the ones after it.
    for (const c of w.containers) {
      if (c.kind !== 'app') continue;
      if (c.busy) return;
      if (c.state.type === 'running') continue;
      if (c.state.type === 'terminated' && !this.shouldRestart(w, c)) continue;
      if (c.state.type === 'waiting' && BACKING_OFF.has(c.state.reason)) continue;
      if (c.state.type === 'terminated') continue;
      this.startContainer(w, c);
      return;
    }
  }

  private shouldRestart(w: PodWorker, c: RunningContainer): boolean {
    if (c.state.type !== 'terminated') return false;
    if (c.kind === 'sidecar') return true;
    const policy = w.pod.spec?.restartPolicy ?? 'Always';
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return c.state.exitCode !== 0;
    return false;
  }

  private startContainer(w: PodWorker, c: RunningContainer): void {
    c.busy = true;
    const ref = parseImageRef(c.spec.image ?? '');
    const found = lookupImage(ref);
    const policy = c.spec.imagePullPolicy ?? (ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
    const present = this.machine.images.has(ref.full);
    const image = c.spec.image ?? '';
    const fieldPath = this.fieldPath(w, c);
    if (policy === 'Never' && !present) {
      c.busy = false;
      c.state = { type: 'waiting', reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never` };
      this.event(w, 'Warning', 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`, c);
      this.event(w, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c);
      this.publish(w);
      return;
    }
    if (present && policy !== 'Always' && found.ok) {
      this.event(w, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
      this.later(w, 50, () => this.createAndStart(w, c, found.image));
      return;
    }
    // Pull, serialised on the node.
    const now = this.sim.clock.now;
    const begin = Math.max(now, this.machine.pullFreeAt);
    const size = found.ok ? found.image.model.sizeBytes : 0;
    // A first pull downloads the layers. A re-pull (imagePullPolicy: Always), or a pull queued
    // behind another of the same image (many replicas landing on a node at once: each pod
    // found the image missing when it asked), only resolves the manifest: the layers are there.
    // (A queued pull whose end has passed without the image arriving was dropped with its pod.)
    const layersThere = present || (found.ok && (this.machine.pulling.get(ref.full) ?? -1) >= now);
    const pullMs = !found.ok ? 600 + this.sim.random.int(400) : layersThere ? 300 + this.sim.random.int(400) : Math.round(400 + size / 40_000 + this.sim.random.int(300));
    const end = begin + pullMs;
    this.machine.pullFreeAt = end;
    if (found.ok) this.machine.pulling.set(ref.full, end);
    this.later(w, begin - now, () => this.event(w, 'Normal', 'Pulling', `Pulling image "${image}"`, c));
    this.later(w, end - now, () => {
      if (!found.ok) {
        c.busy = false;
        const reason = ref.registry !== 'docker.io' && !['registry.k8s.io', 'gcr.io', 'ghcr.io', 'quay.io', 'k8s.gcr.io'].includes(ref.registry)
          ? `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": failed to do request: Head "https://${ref.registry}/v2/${ref.repository}/manifests/${ref.tag}": dial tcp: lookup ${ref.registry}: no such host`
          : found.reason === 'unauthorized'
            ? `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
            : `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
        const msg = `Failed to pull image "${image}": ${reason}`;
        c.state = { type: 'waiting', reason: 'ErrImagePull', message: msg };
        this.event(w, 'Warning', 'Failed', msg, c);
        this.event(w, 'Warning', 'Failed', 'Error: ErrImagePull', c);
        this.publish(w);
        const id = `${w.key}/${c.spec.name}/pull`;
        this.pullBackoff.next(id, this.sim.clock.now);
        const delay = this.pullBackoff.get(id);
        this.later(w, SYNC_LAG_MS, () => {
          c.state = { type: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
          this.event(w, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
          this.event(w, 'Warning', 'Failed', 'Error: ImagePullBackOff', c);
          this.publish(w);
        });
        this.later(w, delay, () => {
          c.state = { type: 'waiting', reason: 'ContainerCreating' };
          this.startContainer(w, c);
        });
        return;
      }
      this.machine.images.set(ref.full, size);
      if (this.machine.pulling.get(ref.full) === end) this.machine.pulling.delete(ref.full);
      this.event(w, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(end - now)} including waiting). Image size: ${size} bytes.`, c);
      this.later(w, 50, () => this.createAndStart(w, c, found.image));
    });
    void fieldPath;
  }

  private createAndStart(w: PodWorker, c: RunningContainer, image: ResolvedImage): void {
    if (w.terminating) {
      c.busy = false;
      return;
    }
    // Environment first: a missing ConfigMap key is CreateContainerConfigError, retried.
    const env = this.containerEnv(w, c, image);
    if (!env.ok) {
      c.busy = false;
      c.state = { type: 'waiting', reason: 'CreateContainerConfigError', message: env.error };
      this.event(w, 'Warning', 'Failed', `Error: ${env.error}`, c);
      this.publish(w);
      this.later(w, 10_000, () => {
        if (c.state.type === 'waiting' && c.state.reason === 'CreateContainerConfigError') this.startContainer(w, c);
      });
      return;
    }
    const isRestart = c.containerID !== undefined;
    if (isRestart) {
      const last = c.lastTerminated;
      c.deadInstance = { id: c.containerID!, attempt: c.restartCount, createdAt: c.createdAt ?? last?.startedAt ?? 0, exitCode: last?.exitCode ?? 0, logs: c.logs };
      if (c.image) c.deadInstance.image = c.image;
      c.restartCount++;
      c.previousLogs = c.logs;
      c.logs = new LogBuffer();
    }
    c.image = image;
    c.containerID = `containerd://${this.sim.random.hex(64)}`;
    c.fs = this.containerFs(w, c, image);
    c.createdAt = this.sim.clock.wallTime;
    const rt = this.sim.version.replace(/^v/, '');
    void rt;
    this.event(w, 'Normal', 'Created', `Created container ${c.spec.name}`, c);
    // A generic image has no known ENTRYPOINT: args alone run as the command, unless they are
    // flags (`-text=hello`), which can only be meant for the image's own server.
    const argv = image.model.generic && !c.spec.command && c.spec.args && !(c.spec.args[0] ?? '').startsWith('-')
      ? [...c.spec.args]
      : [...(c.spec.command ?? image.model.entrypoint ?? []), ...(c.spec.args ?? (c.spec.command ? [] : image.model.cmd ?? []))];
    const binaries = new Map<string, BinarySpec>(Object.entries(image.model.binaries ?? {}));
    const shellOpts = this.shellOptionsFor(c);
    const first = argv[0] ?? '';
    const known = first !== '' && (binaries.has(first) || binaries.has(first.split('/').pop() ?? '') || (image.model.shell && isKnownCommand(first, shellOpts)));
    const startedAt = this.sim.clock.wallTime;
    if (!known) {
      c.busy = false;
      const what = first === '' ? 'no command specified' : `exec: "${first}": ${first.includes('/') ? 'stat ' + first + ': no such file or directory' : 'executable file not found in $PATH'}`;
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${what}: unknown`;
      this.event(w, 'Warning', 'Failed', `Error: ${message}`, c);
      this.exited(w, c, { type: 'terminated', exitCode: 128, reason: 'StartError', message, startedAt: 0, finishedAt: startedAt });
      return;
    }
    c.state = { type: 'running', startedAt };
    if (w.staticFile) this.staticStarted.add(c.spec.name);
    c.busy = false;
    c.started = !c.spec.startupProbe;
    c.ready = false;
    c.usage = { memoryBytes: image.model.memoryBytes, cpuMilli: image.model.cpuMilli };
    c.mainMemory = image.model.memoryBytes;
    c.execMemory = new Map();
    // runc's own setup takes the first few PIDs after 1; the first exec'd process gets about 7.
    const procs = image.model.processes?.(argv) ?? [{ pid: 1, user: 'root', args: argv.join(' ') }];
    c.pids = { next: Math.max(6, ...procs.map((p) => p.pid)) + 1, table: new Map(procs.map((p) => [p.pid, p])) };
    this.event(w, 'Normal', 'Started', `Started container ${c.spec.name}`, c);
    c.env = env.env;
    delete c.probeExec;
    delete c.probeNet;
    const ctx = this.processContext(w, c, env.env);
    const pid1 = binaries.get(first) ?? binaries.get(first.split('/').pop() ?? '');
    const gen = runArgv(argv, ctx, shellOpts);
    const driver = new ProcDriver(
      this.sim,
      gen,
      (code) => this.processExited(w, c, driver, code),
      (err) => {
        ctx.stderr(`kubelab: the container's process failed: ${String(err)}\n`);
        this.processExited(w, c, driver, 1);
      },
    );
    c.proc = driver;
    if (first === GENERIC_MAIN && w.network) {
      // An unmodelled server: accept connections on every port the pod declares for it.
      for (const p of c.spec.ports ?? []) w.network.listen(c.spec.name, { port: p.containerPort, http: () => ({ status: 200, body: 'ok\n' }), tcp: () => '' });
    }
    (c as RunningContainer & { sigterm?: 'exit' | 'ignore' }).sigterm = pid1?.onSigterm ?? 'ignore';
    this.startProbes(w, c);
    this.publish(w);
    driver.start();
    this.checkMemory(w, c);
    // Sidecars and app containers let the next one start right away.
    this.syncContainers(w);
  }

  private containerEnv(w: PodWorker, c: RunningContainer, image: ResolvedImage): EnvResult {
    return resolveEnv(this.sim.store, w.pod, c.spec, image.model.env ?? {}, this.machine.ip);
  }

  private containerFs(w: PodWorker, c: RunningContainer, image: ResolvedImage): Vfs {
    const t = this.sim.clock.wallTime;
    const hostname = w.pod.spec?.hostname ?? w.pod.metadata.name ?? '';
    const root = treeFrom(
      {
        '/etc/hostname': hostname + '\n',
        '/etc/hosts': `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${w.network?.ip ?? ''}\t${hostname}\n`,
        '/etc/resolv.conf': `search ${w.pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
        '/tmp/': '',
        '/root/': '',
        '/var/log/': '',
        '/proc/1/cmdline': '',
        ...(image.model.files ?? {}),
      },
      t,
    );
    const fs = new Vfs(root, () => this.sim.clock.wallTime);
    for (const m of c.spec.volumeMounts ?? []) {
      const vol = w.volumes.get(m.name);
      if (!vol) continue;
      let dir = vol;
      if (m.subPath) {
        const sub = new Vfs(vol, () => this.sim.clock.wallTime);
        if (!sub.exists('/' + m.subPath)) sub.mkdir('/' + m.subPath, true);
        const node = sub.stat('/' + m.subPath);
        if (node?.kind === 'dir') dir = node;
      }
      fs.mount(m.mountPath, dir, m.readOnly ?? false);
    }
    fs.mountInfo = containerMountTable({ sim: this.sim, machine: this.machine, pod: w.pod, container: c.spec, volumes: w.volumes, memoryKiB: nodeMemoryKiB(this.sim, this.machine.name), disks: this.disks });
    return fs;
  }

  private processContext(w: PodWorker, c: RunningContainer, env: Map<string, string>): ProcessContext {
    const ns = w.pod.metadata.namespace ?? 'default';
    const net = w.network;
    return {
      fs: c.fs!,
      env,
      cwd: c.spec.workingDir ?? '/',
      stdout: (text) => c.logs.write('stdout', text, this.sim.clock.wallTime),
      stderr: (text) => c.logs.write('stderr', text, this.sim.clock.wallTime),
      logLine: (stream, line) => c.logs.line(stream, line, this.sim.clock.wallTime),
      hostname: w.pod.spec?.hostname ?? w.pod.metadata.name ?? '',
      wallTime: () => this.sim.clock.wallTime,
      random: () => this.sim.random.nextUint32(),
      net: this.sim.network.viewFrom(net, ns, net?.ip ?? ''),
      listen: (l) => (net ? net.listen(c.spec.name, l) : false),
      setUsage: (u) => {
        if (u.memoryBytes !== undefined) {
          c.mainMemory = u.memoryBytes;
          this.sumMemory(c);
        }
        if (u.cpuMilli !== undefined) c.usage.cpuMilli = u.cpuMilli;
        this.sim.clock.schedule(0, () => this.checkMemory(w, c));
      },
      signal: (pid, sig) => this.signalFromContainer(w, c, pid, sig),
      ingress: (req, opts) => this.ingressRouter.handle(this.sim.network.viewFrom(net, ns, net?.ip ?? '', req.headers['User-Agent'] ?? 'Wget'), opts.className, req, opts.https),
    };
  }

  /** A process for `kubectl exec` and exec probes: same filesystem, env and network. */
  private makeProbeExec(w: PodWorker, c: RunningContainer): NonNullable<RunningContainer['probeExec']> {
    const holder = { output: '' } as NonNullable<RunningContainer['probeExec']>;
    holder.ctx = this.execContext(w, c, (_s, t) => {
      if (holder.output.length < 10_240) holder.output += t;
    });
    holder.opts = this.shellOptionsFor(c);
    return holder;
  }

  execContext(w: PodWorker, c: RunningContainer, out: (stream: 'stdout' | 'stderr', text: string) => void): ProcessContext {
    const base = this.processContext(w, c, new Map(c.env ?? resolveEnvOrEmpty(this.sim, w, c, this.machine.ip)));
    return { ...base, stdout: (t) => out('stdout', t), stderr: (t) => out('stderr', t), setUsage: () => undefined };
  }

  /**
   * A `kubectl exec` process: it joins the container's cgroup, so its memory counts toward the
   * container's limit (`tail /dev/zero` in an exec session OOM-kills the container). release()
   * when the session ends gives the memory back.
   */
  execSession(w: PodWorker, c: RunningContainer, out: (stream: 'stdout' | 'stderr', text: string) => void, argv: readonly string[] = []): { ctx: ProcessContext; release: () => void } {
    const key = {};
    const instance = c.containerID;
    const ctx = this.execContext(w, c, out);
    // The exec'd process joins the container's PID namespace; what it runs gets PIDs after it.
    const pids = c.pids;
    const pid = pids ? pids.next++ : 0;
    const args = argv.join(' ');
    pids?.table.set(pid, { pid, user: 'root', args });
    ctx.processes = (self) => {
      const rows = [...(pids?.table.values() ?? [])];
      if (self !== args && pids) rows.push({ pid: pids.next++, user: 'root', args: self });
      return rows.sort((a, b) => a.pid - b.pid);
    };
    ctx.setUsage = (u) => {
      if (u.memoryBytes === undefined || c.containerID !== instance || c.state.type !== 'running') return;
      c.execMemory?.set(key, u.memoryBytes);
      this.sumMemory(c);
      this.checkMemory(w, c);
    };
    const release = (): void => {
      pids?.table.delete(pid);
      if (c.containerID !== instance || !c.execMemory?.delete(key)) return;
      this.sumMemory(c);
    };
    return { ctx, release };
  }

  private sumMemory(c: RunningContainer): void {
    let total = c.mainMemory ?? 0;
    for (const m of c.execMemory?.values() ?? []) total += m;
    c.usage.memoryBytes = total;
  }

  /**
   * kill(2) from a process inside the container. Only PID 1 exists for it here. The kernel
   * protects a PID namespace's init from its own namespace: a signal reaches it only if it
   * installed a handler, and SIGKILL/SIGSTOP never do (pid_namespaces(7)). So `kill -9 1`
   * and `kill 1` do nothing to `sleep` or a `sh -c` loop, while nginx-like servers, which
   * handle TERM/INT/QUIT, shut down and exit 0.
   */
  private signalFromContainer(w: PodWorker, c: RunningContainer, pid: number, sig: number): 'ok' | 'esrch' {
    if (pid !== 1 || c.state.type !== 'running') return 'esrch';
    const handles = (c as RunningContainer & { sigterm?: 'exit' | 'ignore' }).sigterm === 'exit';
    if (!handles || !(sig === 15 || sig === 2 || sig === 3) || c.killing) return 'ok';
    const instance = c.containerID;
    const startedAt = c.state.startedAt;
    this.sim.clock.schedule(KILL_EXIT_MS, () => {
      if (c.containerID !== instance || c.state.type !== 'running' || c.killing) return;
      this.exited(w, c, { type: 'terminated', exitCode: 0, reason: 'Completed', startedAt, finishedAt: this.sim.clock.wallTime });
    });
    return 'ok';
  }

  /**
   * The runtime's StopContainer (`crictl stop [-t N] ID`): SIGTERM and up to N seconds, then
   * SIGKILL; with no timeout (crictl's default 0) SIGKILL at once. The kubelet learns of the
   * exit as of any other (PLEG) and restarts the container per restartPolicy.
   */
  runtimeStop(w: PodWorker, c: RunningContainer, timeoutSeconds: number): void {
    if (c.state.type !== 'running') return;
    const instance = c.containerID;
    const startedAt = c.state.startedAt;
    const finish = (exitCode: number): void => {
      if (c.containerID !== instance || c.state.type !== 'running') return;
      this.exited(w, c, { type: 'terminated', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: this.sim.clock.wallTime });
    };
    const handles = (c as RunningContainer & { sigterm?: 'exit' | 'ignore' }).sigterm === 'exit';
    if (timeoutSeconds > 0 && handles) this.sim.clock.schedule(KILL_EXIT_MS, () => finish(0));
    else if (timeoutSeconds > 0) this.sim.clock.schedule(timeoutSeconds * 1000, () => finish(137));
    else finish(137);
  }

  shellOptionsFor(c: RunningContainer): { extraCommands: Map<string, (argv: string[], ctx: ProcessContext) => Proc>; busyboxVersion: string; hasShell: boolean; missing: ReadonlySet<string>; applets: ReadonlyMap<string, Applet> } {
    const model = c.image?.model;
    const extra = new Map(Object.entries(model?.binaries ?? {}).map(([k, v]) => [k, v.run] as const));
    return { extraCommands: extra, busyboxVersion: model?.busyboxVersion?.(c.image?.ref.tag ?? '') ?? '1.36', hasShell: model?.shell ?? false, missing: new Set(model?.lacks?.(c.image?.ref.tag ?? '') ?? []), applets: this.sim.applets };
  }

  private checkMemory(w: PodWorker, c: RunningContainer): void {
    if (c.state.type !== 'running' || c.killing) return;
    const limit = c.spec.resources?.limits?.['memory'];
    if (limit === undefined) return;
    const q = tryParseQuantity(String(limit));
    if (!q.ok) return;
    if (c.usage.memoryBytes > quantityValue(q.quantity)) {
      // The kernel's OOM killer: SIGKILL, exit 137, reason OOMKilled. On cgroup v2 the kubelet
      // sets memory.oom.group, so an exec'd process over the limit takes the whole container.
      const startedAt = c.state.startedAt;
      c.proc?.stop();
      this.exited(w, c, { type: 'terminated', exitCode: 137, reason: 'OOMKilled', startedAt, finishedAt: this.sim.clock.wallTime });
    }
  }

  private processExited(w: PodWorker, c: RunningContainer, driver: ProcDriver, code: number): void {
    if (c.proc !== driver || c.state.type !== 'running') return;
    const startedAt = c.state.startedAt;
    const killed = c.killing;
    this.exited(w, c, {
      type: 'terminated',
      exitCode: code,
      reason: code === 0 ? 'Completed' : 'Error',
      startedAt,
      finishedAt: this.sim.clock.wallTime,
    });
    void killed;
  }

  /** A container stopped (exit, kill, OOM, start failure): record it and decide what's next. */
  private exited(w: PodWorker, c: RunningContainer, term: Extract<CState, { type: 'terminated' }>): void {
    if (!this.running) {
      // The process is gone now; the kubelet only learns of it (PLEG) once it runs again.
      c.proc?.stop();
      w.network?.closeAll(c.spec.name);
      this.deferred.push(() => {
        if (c.state.type === 'running') this.exited(w, c, term);
      });
      return;
    }
    c.proc?.stop();
    c.proc = undefined as unknown as ProcDriver;
    delete c.proc;
    if (c.killing?.timer) this.sim.clock.cancel(c.killing.timer);
    delete c.killing;
    for (const p of c.probes) p.stop();
    c.probes = [];
    w.network?.closeAll(c.spec.name);
    c.logs.flush(this.sim.clock.wallTime);
    c.state = term;
    if (c.lastTerminated) c.prevTerminated = c.lastTerminated;
    c.lastTerminated = term;
    c.ready = false;
    c.started = false;
    c.usage = { memoryBytes: 0, cpuMilli: 0 };
    c.mainMemory = 0;
    c.execMemory = new Map();
    if (w.terminating) {
      this.publish(w);
      this.maybeFinishTermination(w);
      return;
    }
    const policy = w.pod.spec?.restartPolicy ?? 'Always';
    if (c.kind === 'init' && term.exitCode === 0) {
      c.done = true;
      this.publish(w);
      this.syncContainers(w);
      return;
    }
    if (c.kind === 'init' && policy === 'Never') {
      w.failedPhase = true;
      this.publish(w);
      this.stopAll(w);
      return;
    }
    if (!this.shouldRestart(w, c)) {
      this.publish(w);
      this.syncContainers(w);
      return;
    }
    this.publish(w);
    const id = `${w.key}/${c.spec.name}`;
    const finished = this.sim.clock.now;
    const restart = (): void => {
      this.crashBackoff.next(id, this.sim.clock.now);
      c.state = { type: 'waiting', reason: 'ContainerCreating' };
      this.startContainer(w, c);
    };
    if (!this.crashBackoff.isInBackOffSince(id, finished, finished)) {
      this.later(w, SYNC_LAG_MS, () => {
        if (c.state.type === 'terminated') restart();
      });
      return;
    }
    const delay = this.crashBackoff.get(id);
    this.later(w, SYNC_LAG_MS, () => {
      if (c.state.type !== 'terminated') return;
      const podName = `${w.pod.metadata.name}_${w.pod.metadata.namespace}(${w.pod.metadata.uid})`;
      c.state = { type: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.spec.name} pod=${podName}` };
      this.event(w, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${podName}`, c);
      this.publish(w);
    });
    this.later(w, Math.max(delay, SYNC_LAG_MS + 1), restart);
  }

  private stopAll(w: PodWorker): void {
    for (const c of w.containers) {
      if (c.state.type === 'running') this.kill(w, c, 'pod failed', undefined);
    }
  }

  // ------------------------------------------------------------------ probes

  private startProbes(w: PodWorker, c: RunningContainer): void {
    const kinds: [ProbeKind, Container['livenessProbe']][] = [
      ['Startup', c.spec.startupProbe],
      ['Liveness', c.spec.livenessProbe],
      ['Readiness', c.spec.readinessProbe],
    ];
    if (!c.spec.readinessProbe && c.started) c.ready = true;
    const meta = w.pod.metadata;
    const log = this.probeLog.writer(meta.namespace ?? 'default', meta.name ?? '', meta.uid ?? '', c.spec.name);
    if (kinds.some(([, p]) => p)) log.entry({ t: this.sim.clock.wallTime, kind: 'Start', ok: true, restartCount: c.restartCount });
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      const runner = new ProbeRunner(this.sim, kind, probe, {
        podIp: () => w.network?.ip ?? '',
        containerPorts: c.spec.ports ?? [],
        gate: () => kind === 'Startup' || c.started,
        exec: (argv, timeoutMs) => this.execProbe(w, c, argv, timeoutMs),
        network: () =>
          (c.probeNet ??= this.sim.network.viewFrom(undefined, w.pod.metadata.namespace ?? 'default', `10.244.${this.machine.index}.1`, `kube-probe/${this.sim.version.replace(/^v(\d+\.\d+).*/, '$1')}`)),
        onFailureEvent: (output) => this.event(w, 'Warning', 'Unhealthy', `${kind} probe failed: ${output}`, c),
        onResult: (ok) => this.probeResult(w, c, kind, ok),
        onProbe: log.probe,
      });
      c.probes.push(runner);
      runner.start();
    }
  }

  private probeResult(w: PodWorker, c: RunningContainer, kind: ProbeKind, ok: boolean): void {
    if (c.state.type !== 'running' || c.killing) return;
    if (kind === 'Readiness') {
      if (c.ready !== ok) {
        c.ready = ok;
        this.publish(w);
      }
      return;
    }
    if (kind === 'Startup') {
      if (ok && !c.started) {
        c.started = true;
        if (!c.spec.readinessProbe) c.ready = true;
        this.publish(w);
        this.syncContainers(w);
      } else if (!ok) {
        this.killForProbe(w, c, 'startup');
      }
      return;
    }
    if (!ok) this.killForProbe(w, c, 'liveness');
  }

  private killForProbe(w: PodWorker, c: RunningContainer, which: 'liveness' | 'startup'): void {
    const policy = w.pod.spec?.restartPolicy ?? 'Always';
    const restarts = c.kind === 'sidecar' || policy !== 'Never';
    this.event(w, 'Normal', 'Killing', `Container ${c.spec.name} failed ${which} probe${restarts ? ', will be restarted' : ''}`, c);
    const probe = which === 'liveness' ? c.spec.livenessProbe : c.spec.startupProbe;
    const grace = probe?.terminationGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30;
    this.kill(w, c, `failed ${which} probe`, undefined, grace);
  }

  private execProbe(w: PodWorker, c: RunningContainer, argv: string[], timeoutMs: number): { ok: boolean; output: string; timedOut: boolean } {
    if (!c.fs) return { ok: false, output: 'container not running', timedOut: false };
    // Exec probes run every few seconds in every probed container: reuse one context and
    // the shell options per container start instead of building them on each probe.
    const probe = (c.probeExec ??= this.makeProbeExec(w, c));
    probe.output = '';
    const ctx = probe.ctx;
    const gen = runArgv(argv, ctx, probe.opts);
    let elapsed = 0;
    try {
      for (let r = gen.next(); ; r = gen.next()) {
        if (r.done) return { ok: r.value === 0, output: probe.output, timedOut: false };
        if (r.value.type === 'forever') break;
        elapsed += r.value.ms;
        if (elapsed > timeoutMs) break;
      }
    } catch (err) {
      return { ok: false, output: String(err), timedOut: false };
    }
    return { ok: false, output: `command ${JSON.stringify(argv.join(' '))} timed out`, timedOut: true };
  }

  // ------------------------------------------------------------------ killing and termination

  /** SIGTERM, then SIGKILL after the grace period. */
  kill(w: PodWorker, c: RunningContainer, reason: string, _event?: string, graceSeconds?: number): void {
    if (c.state.type !== 'running' || c.killing) return;
    // Probing stops; the container keeps its last readiness until it actually exits.
    for (const p of c.probes) p.stop();
    c.probes = [];
    const grace = (graceSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const onTerm = (c as RunningContainer & { sigterm?: 'exit' | 'ignore' }).sigterm ?? 'ignore';
    const startedAt = c.state.startedAt;
    c.killing = { reason };
    const finish = (exitCode: number): void => {
      if (c.state.type !== 'running') return;
      this.exited(w, c, { type: 'terminated', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: this.sim.clock.wallTime });
    };
    if (onTerm === 'exit' || grace === 0) {
      c.killing.timer = this.sim.clock.schedule(grace === 0 ? 0 : KILL_EXIT_MS, () => finish(grace === 0 && onTerm !== 'exit' ? 137 : 0));
    } else {
      c.killing.timer = this.sim.clock.schedule(grace, () => finish(137));
    }
    this.publish(w);
  }

  private terminate(w: PodWorker, graceSeconds: number): void {
    if (w.terminating) return;
    w.terminating = true;
    for (const t of w.timers) this.sim.clock.cancel(t);
    w.timers = [];
    let running = 0;
    for (const c of w.containers) {
      c.busy = false;
      if (c.state.type === 'running') {
        running++;
        this.event(w, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, c);
        this.kill(w, c, 'pod deleted', undefined, graceSeconds);
      }
    }
    this.publish(w);
    if (running === 0) this.maybeFinishTermination(w);
  }

  private maybeFinishTermination(w: PodWorker): void {
    if (!w.terminating || w.terminated) return;
    if (w.containers.some((c) => c.state.type === 'running')) return;
    w.terminated = true;
    for (const c of w.containers) {
      if (c.state.type === 'waiting') c.state = { type: 'terminated', exitCode: 0, reason: 'ContainerStatusUnknown', startedAt: 0, finishedAt: this.sim.clock.wallTime };
    }
    this.publish(w, true);
    if (w.network) this.sim.network.detach(w.network);
    this.workers.delete(w.key);
    this.probeLog.forget(w.pod.metadata.namespace ?? 'default', w.pod.metadata.name ?? '', w.pod.metadata.uid ?? '');
    this.crashBackoff.clear(`${w.key}/`);
    this.pullBackoff.clear(`${w.key}/`);
    const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '');
    if (cur && cur.metadata.uid === w.pod.metadata.uid) {
      this.sim.store.delete('Pod', cur.metadata.namespace, cur.metadata.name ?? '', { gracePeriodSeconds: 0 });
    }
  }

  private finishDeletion(pod: Pod): void {
    this.sim.store.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
  }

  // ------------------------------------------------------------------ status

  private fieldPath(w: PodWorker, c: RunningContainer): string {
    void w;
    return `spec.${c.kind === 'app' ? 'containers' : 'initContainers'}{${c.spec.name}}`;
  }

  private event(w: PodWorker | KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, c?: RunningContainer): void {
    if (!this.running) return;
    if (!('containers' in w)) {
      this.sim.events.record(w, type, reason, message, this.source);
      return;
    }
    const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '') ?? w.pod;
    this.sim.events.record(cur, type, reason, message, this.source, c ? this.fieldPath(w, c) : undefined);
  }

  private phase(w: PodWorker): string {
    if (w.failedPhase) return 'Failed';
    const policy = w.pod.spec?.restartPolicy ?? 'Always';
    const inits = w.containers.filter((c) => c.kind !== 'app');
    const apps = w.containers.filter((c) => c.kind === 'app');
    const initPending = inits.some((c) => (c.kind === 'init' ? !c.done : !c.started));
    if (!w.sandboxReady || initPending) {
      if (!w.terminated) return 'Pending';
    }
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const c of apps) {
      if (c.state.type === 'running') running++;
      else if (c.state.type === 'terminated') {
        stopped++;
        if (c.state.exitCode === 0) succeeded++;
      } else if (c.lastTerminated) stopped++;
      else waiting++;
    }
    if (waiting > 0 && !w.terminated) return 'Pending';
    if (running > 0) return 'Running';
    if (stopped === apps.length && apps.length > 0) {
      if (w.terminated) return succeeded === stopped ? 'Succeeded' : 'Failed';
      if (policy === 'Always') return 'Running';
      if (succeeded === stopped) return 'Succeeded';
      if (policy === 'Never') return 'Failed';
      return 'Running';
    }
    return w.terminated ? 'Failed' : 'Pending';
  }

  private condition(w: PodWorker, type: string, ok: boolean, reason?: string): PodCondition {
    const status = ok ? 'True' : 'False';
    const prev = w.transitions.get(type);
    if (!prev || prev.status !== status) w.transitions.set(type, { status, at: this.sim.clock.wallTime });
    const at = w.transitions.get(type)!.at;
    const c: PodCondition = { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: isoSeconds(at) };
    if (!ok && reason) c.reason = reason;
    return c;
  }

  private containerStatus(c: RunningContainer): ContainerStatus {
    const st: ContainerStatus = {
      name: c.spec.name,
      image: c.spec.image ?? '',
      imageID: c.image && c.containerID ? c.image.imageID : '',
      // A plain init container is ready once it has completed, never while it runs.
      ready: c.kind === 'init' ? c.state.type === 'terminated' && c.state.exitCode === 0 : c.ready && c.state.type === 'running',
      restartCount: c.restartCount,
      started: c.state.type === 'running' && c.started,
      state: toApiState(c.state),
      // Terminated now: lastState is the run before this one. Waiting or running again:
      // lastState is the run that just ended.
      lastState: (() => {
        const last = c.state.type === 'terminated' ? c.prevTerminated : c.lastTerminated;
        return last ? toApiState(last) : {};
      })(),
    };
    if (c.containerID) st.containerID = c.containerID;
    return st;
  }

  publish(w: PodWorker, final = false): void {
    if (!this.running) return;
    const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== w.pod.metadata.uid) return;
    const inits = w.containers.filter((c) => c.kind !== 'app');
    const apps = w.containers.filter((c) => c.kind === 'app');
    const initialized = inits.every((c) => (c.kind === 'init' ? c.done : c.started));
    const countedForReady = [...apps, ...inits.filter((c) => c.kind === 'sidecar')];
    const containersReady = countedForReady.every((c) => c.ready && c.state.type === 'running') && !w.terminating;
    const phase = final ? this.phase(w) : this.phase(w);
    const failedInit = inits.find((c) => c.kind === 'init' && !c.done);
    const unready = countedForReady.filter((c) => !(c.ready && c.state.type === 'running')).map((c) => c.spec.name);
    const notReadyMsg = `containers with unready status: [${unready.join(' ')}]`;
    // DisruptionTarget is set by whoever evicts the pod (the Eviction API, the taint manager);
    // the kubelet carries it over, as its status manager keeps conditions it does not own.
    const disruption = (cur.status?.conditions ?? []).filter((c) => c.type === 'DisruptionTarget');
    const conditions: PodCondition[] = [
      ...disruption,
      this.condition(w, 'PodReadyToStartContainers', w.sandboxReady && !w.terminated),
      this.condition(w, 'Initialized', initialized, 'ContainersNotInitialized'),
      this.condition(w, 'Ready', containersReady, 'ContainersNotReady'),
      this.condition(w, 'ContainersReady', containersReady, 'ContainersNotReady'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: podScheduledAt(cur) },
    ];
    for (const c of conditions) {
      if (c.status === 'False' && (c.type === 'Ready' || c.type === 'ContainersReady')) c.message = notReadyMsg;
      if (c.status === 'False' && c.type === 'Initialized' && failedInit) c.message = `containers with incomplete status: [${inits.filter((x) => x.kind === 'init' && !x.done).map((x) => x.spec.name).join(' ')}]`;
    }
    const status: PodStatus = {
      phase: phase ?? 'Pending',
      conditions,
      hostIP: this.machine.ip,
      hostIPs: [{ ip: this.machine.ip }],
      startTime: isoSeconds(w.startedAt ?? this.sim.clock.wallTime),
      qosClass: podQosClass(cur),
    };
    if (w.network && !w.terminated) {
      status.podIP = w.network.ip;
      status.podIPs = [{ ip: w.network.ip }];
    } else if (cur.status?.podIP && w.terminated) {
      status.podIP = cur.status.podIP;
      status.podIPs = [{ ip: cur.status.podIP }];
    }
    if (inits.length) status.initContainerStatuses = inits.map((c) => this.containerStatus(c));
    status.containerStatuses = apps.map((c) => this.containerStatus(c));
    if (w.lastPublished && sameData(status, w.lastPublished)) return;
    w.lastPublished = status;
    this.sim.store.update({ ...cur, status }, { status: true });
  }

  private heartbeat(): void {
    this.sim.clock.schedule(5 * 60_000, () => this.heartbeat());
    if (!this.running) return;
    const node = this.sim.store.get<KubeObject & { status?: { conditions?: { lastHeartbeatTime?: string }[] } }>('Node', undefined, this.machine.name);
    if (!node?.status?.conditions) return;
    const now = this.sim.clock.isoNow();
    const status = { ...node.status, conditions: node.status.conditions.map((c) => ({ ...c, lastHeartbeatTime: now })) };
    this.sim.store.update({ ...node, status }, { status: true });
  }

  // ------------------------------------------------------------------ static pods

  private scanStaticPods(): void {
    this.sim.clock.schedule(20_000, () => this.scanStaticPods());
    if (!this.running) return;
    const fs = new Vfs(this.machine.root, () => this.sim.clock.wallTime);
    const dir = '/etc/kubernetes/manifests';
    const files = fs.isDir(dir) ? fs.list(dir).filter((f) => /\.(ya?ml|json)$/.test(f)) : [];
    const seen = new Set<string>();
    for (const f of files) {
      const path = `${dir}/${f}`;
      const node = fs.stat(path);
      if (node?.kind !== 'file') continue;
      // Hash a manifest only when the file changed since the last scan.
      const cached = this.manifestHashes.get(path);
      const hash = cached && cached.node === node && cached.version === node.version ? cached.hash : fakeHash(node.content + path);
      this.manifestHashes.set(path, { node, version: node.version, hash });
      const text = node.content;
      seen.add(path);
      const existing = this.staticPods.get(path);
      if (existing && existing.hash === hash) continue;
      if (existing) this.stopStatic(path);
      const pod = this.decodeStatic(text, path);
      if (!pod) continue;
      pod.metadata.name = `${pod.metadata.name}-${this.machine.name}`;
      pod.metadata.namespace = pod.metadata.namespace || 'default';
      pod.spec = { ...pod.spec!, nodeName: this.machine.name };
      pod.metadata.annotations = {
        ...pod.metadata.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': this.sim.clock.isoNow().replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
      };
      const entry = { hash, worker: undefined as unknown as PodWorker };
      this.staticPods.set(path, entry);
      const created = this.createMirror(pod);
      if (!created) continue;
      // The watch handler will not start a second worker: keyOf() maps the mirror to this file.
      entry.worker = this.startWorker(created, `static:${path}`, path);
    }
    for (const path of [...this.staticPods.keys()]) if (!seen.has(path)) this.stopStatic(path);
  }

  private createMirror(pod: Pod): Pod | undefined {
    const node = this.sim.store.get<KubeObject>('Node', undefined, this.machine.name);
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.machine.name, uid: node?.metadata.uid ?? '', controller: true }];
    const res = this.sim.store.create(pod);
    return res.ok ? res.object : undefined;
  }

  private ensureMirror(w: PodWorker): void {
    if (this.whenRunning(() => this.ensureMirror(w))) return;
    if (!w.staticFile || !this.staticPods.has(w.staticFile) || w.terminated) return;
    const cur = this.sim.store.get<Pod>('Pod', w.pod.metadata.namespace, w.pod.metadata.name ?? '');
    if (cur) return;
    const fresh: Pod = cloneData(w.pod);
    delete fresh.status;
    const meta = fresh.metadata;
    delete meta.uid;
    delete meta.resourceVersion;
    delete meta.creationTimestamp;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    const created = this.createMirror(fresh);
    if (created) {
      w.pod = created;
      w.lastPublished = undefined;
      this.publish(w);
    }
  }

  private stopStatic(path: string): void {
    const s = this.staticPods.get(path);
    this.staticPods.delete(path);
    if (!s?.worker) return;
    const w = s.worker;
    delete w.staticFile;
    this.terminate(w, w.pod.spec?.terminationGracePeriodSeconds ?? 30);
  }

  /** Find the running container for exec/logs. */
  find(pod: Pod): PodWorker | undefined {
    return this.workers.get(this.keyOf(pod));
  }
}

interface NodeConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
}

function toApiState(s: CState): ContainerState {
  if (s.type === 'waiting') return { waiting: s.message ? { reason: s.reason, message: s.message } : { reason: s.reason } };
  if (s.type === 'running') return { running: { startedAt: isoSeconds(s.startedAt) } };
  const t: NonNullable<ContainerState['terminated']> = { exitCode: s.exitCode, reason: s.reason, startedAt: isoSeconds(s.startedAt), finishedAt: isoSeconds(s.finishedAt) };
  if (s.message) t.message = s.message;
  if (s.signal) t.signal = s.signal;
  return { terminated: t };
}


function podScheduledAt(pod: Pod): string {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'PodScheduled');
  return c?.lastTransitionTime ?? pod.metadata.creationTimestamp ?? '';
}

/** Go's time.Duration.String() for the millisecond values the kubelet prints. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalS = ms / 1000;
  if (totalS < 60) return `${trimZeros(totalS.toFixed(3))}s`;
  const m = Math.floor(totalS / 60);
  const s = totalS - m * 60;
  if (m < 60) return `${m}m${trimZeros(s.toFixed(3))}s`;
  const h = Math.floor(m / 60);
  return `${h}h${m % 60}m${trimZeros(s.toFixed(3))}s`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function fakeHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let h2 = h ^ 0x5bd1e995;
  for (let i = text.length - 1; i >= 0; i--) {
    h2 ^= text.charCodeAt(i);
    h2 = Math.imul(h2, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0') + (h ^ h2).toString(16).padStart(8, '0') + 'a1b2c3d4';
}

function projectKeys(data: Record<string, string>, items: { key: string; path: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (items && items.length) {
    for (const it of items) if (data[it.key] !== undefined) out['/' + it.path] = data[it.key]!;
  } else {
    for (const [k, v] of Object.entries(data)) out['/' + k] = v;
  }
  return out;
}

function decodeBase64(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
  } catch {
    return s;
  }
}

function fakeToken(pod: Pod): string {
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVsYWIifQ.${btoa(JSON.stringify({ sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` })).replace(/=+$/, '')}.c2lnbmF0dXJl`;
}

function resolveEnvOrEmpty(sim: SimContext, w: PodWorker, c: RunningContainer, hostIp: string): Map<string, string> {
  const r = resolveEnv(sim.store, w.pod, c.spec, c.image?.model.env ?? {}, hostIp);
  return r.ok ? r.env : new Map();
}

const CA_CRT = '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubelabCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UEAxMK\na3ViZXJuZXRlczAeFw0yNjAxMDUwOTAwMDBaFw0zNjAxMDMwOTAwMDBaMBUxEzAR\n-----END CERTIFICATE-----\n';
