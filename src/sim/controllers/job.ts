// The Job controller (pkg/controller/job/job_controller.go, v1.31 behaviour): run pods until
// `completions` of them succeed, at most `parallelism` at a time; count failures against
// `backoffLimit` with an exponential back-off before each replacement; finish with the interim
// condition (SuccessCriteriaMet / FailureTarget) and then the terminal one (Complete / Failed)
// once no pod is still running. Finished pods are left in place, as upstream leaves them.
//
// Not modelled: Indexed completion mode, podFailurePolicy, successPolicy, suspend conditions,
// the batch.kubernetes.io/job-tracking pod finalizer.

import type { Pod } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { ApiServer } from '../apiserver.ts';
import type { KubeObject } from '../store/types.ts';
import type { TimerHandle } from '../clock.ts';
import { controllerRef } from './replicaset.ts';
import { generatedJobLabels } from '../admission/batch.ts';
import { cloneData } from '../clone.ts';
import { whenUp } from './workqueue.ts';

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  manualSelector?: boolean;
  selector?: Record<string, unknown>;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: Record<string, unknown>;
}

export type Job = KubeObject & { spec?: JobSpec; status?: JobStatus };

const SOURCE = { component: 'job-controller' };
/** syncJobBatchPeriod: pod updates are batched for a second before the Job is synced. */
const POD_SYNC_BATCH_MS = 1000;
/** DefaultJobPodFailureBackOff, doubled per failure since the last success. */
const FAILURE_BACKOFF_MS = 10_000;
/** The cap on that back-off (the Job docs' "capped at six minutes"). */
const MAX_FAILURE_BACKOFF_MS = 6 * 60_000;
const MAX_CREATES_PER_SYNC = 500;

export const BACKOFF_LIMIT_MESSAGE = 'Job has reached the specified backoff limit';
export const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';
export const COMPLETIONS_REACHED_MESSAGE = 'Reached expected number of succeeded pods';

/** What the controller remembers per Job between syncs (upstream: finalizers + backoff store). */
interface JobMemory {
  /** Pods already added to status.succeeded / status.failed. */
  counted: Set<string>;
  /** Pods that disappeared before they were counted, with the phase they are counted as. */
  gone: Map<string, 'Succeeded' | 'Failed'>;
  /** Pods this controller deleted while they ran: they count as failed however they end. */
  deleted: Set<string>;
  failuresSinceSuccess: number;
  lastFailureAt: number;
}

export function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

export function isJobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

/** The pod failure back-off before the next pod may be created, after n failures in a row. */
export function failureBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_FAILURE_BACKOFF_MS);
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function restarts(p: Pod): number {
  return [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

function finishedAt(p: Pod, fallback: number): number {
  let latest = 0;
  for (const c of p.status?.containerStatuses ?? []) {
    const t = c.state?.terminated?.finishedAt;
    if (t) latest = Math.max(latest, Date.parse(t));
  }
  return latest || fallback;
}

export class JobController {
  private queued = new Set<string>();
  private timers = new Map<string, { at: number; handle: TimerHandle }>();
  private memory = new Map<string, JobMemory>();

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    sim.store.watch('Job', (ev) => {
      if (ev.type === 'DELETED') {
        this.memory.delete(ev.object.metadata.uid ?? '');
        return;
      }
      this.enqueue(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? '');
    });
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      const ref = controllerRef(pod);
      if (ref?.kind !== 'Job') return;
      if (ev.type === 'DELETED') {
        const mem = this.memory.get(ref.uid);
        const uid = pod.metadata.uid ?? '';
        // A pod removed before it finished counts as a failure, as its terminal phase would.
        if (mem && !mem.counted.has(uid)) mem.gone.set(uid, pod.status?.phase === 'Succeeded' && !mem.deleted.has(uid) ? 'Succeeded' : 'Failed');
      }
      this.enqueue(pod.metadata.namespace ?? 'default', ref.name, POD_SYNC_BATCH_MS);
    });
  }

  private enqueue(ns: string, name: string, delay = 0): void {
    const key = `${ns}/${name}`;
    if (delay > 0) {
      const at = this.sim.clock.now + delay;
      const pending = this.timers.get(key);
      if (pending && pending.at <= at) return;
      this.sim.clock.cancel(pending?.handle);
      const handle = this.sim.clock.schedule(delay, () => {
        this.timers.delete(key);
        this.enqueue(ns, name);
      });
      this.timers.set(key, { at, handle });
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.sim.clock.schedule(0, () =>
      whenUp(this.sim.controllerManager, () => {
        this.queued.delete(key);
        this.sync(ns, name);
      }),
    );
  }

  private mem(job: Job): JobMemory {
    const uid = job.metadata.uid ?? '';
    let m = this.memory.get(uid);
    if (!m) {
      m = { counted: new Set(), gone: new Map(), deleted: new Set(), failuresSinceSuccess: 0, lastFailureAt: 0 };
      this.memory.set(uid, m);
    }
    return m;
  }

  /**
   * The API server's job strategy generates the selector once the uid is known; the uid is
   * assigned by the store after admission here, so the controller writes it on first sight.
   * The Job's own labels default to its template's, as a read from etcd re-defaults them.
   */
  private ensureSelector(job: Job): boolean {
    const spec = job.spec ?? {};
    if (spec.manualSelector === true || spec.selector) return false;
    const { selector, templateLabels } = generatedJobLabels(job.metadata.name ?? '', job.metadata.uid ?? '');
    const template = spec.template ?? {};
    const userLabels = template.metadata?.labels ?? {};
    const labels = { ...userLabels, ...templateLabels };
    const meta = { ...job.metadata };
    const own = meta.labels ?? {};
    if (Object.keys(own).length === 0 || JSON.stringify(own) === JSON.stringify(userLabels)) meta.labels = labels;
    const next: Job = {
      ...job,
      metadata: meta,
      spec: { ...spec, selector: { matchLabels: selector }, template: { ...template, metadata: { ...template.metadata, labels } } },
    };
    this.sim.store.update(next);
    return true;
  }

  private sync(ns: string, name: string): void {
    const store = this.sim.store;
    const job = store.get<Job>('Job', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    if (this.ensureSelector(job)) return;
    const spec = job.spec ?? {};
    const uid = job.metadata.uid ?? '';
    const mem = this.mem(job);
    const nowMs = this.sim.clock.wallTime;
    const now = this.sim.clock.isoNow();

    const owned = store.list<Pod>('Pod', ns).filter((p) => controllerRef(p)?.uid === uid);
    let newSucceeded = 0;
    let newFailed = 0;
    for (const p of owned) {
      const pid = p.metadata.uid ?? '';
      if (!isTerminal(p) || mem.counted.has(pid)) continue;
      mem.counted.add(pid);
      if (p.status?.phase === 'Succeeded' && !mem.deleted.has(pid)) newSucceeded++;
      else {
        newFailed++;
        mem.lastFailureAt = Math.max(mem.lastFailureAt, finishedAt(p, nowMs));
      }
    }
    for (const [pid, phase] of mem.gone) {
      mem.counted.add(pid);
      if (phase === 'Succeeded') newSucceeded++;
      else {
        newFailed++;
        mem.lastFailureAt = Math.max(mem.lastFailureAt, nowMs);
      }
    }
    mem.gone.clear();
    if (newSucceeded > 0) mem.failuresSinceSuccess = 0;
    mem.failuresSinceSuccess += newFailed;

    const prev = job.status ?? {};
    const succeeded = (prev.succeeded ?? 0) + newSucceeded;
    const failed = (prev.failed ?? 0) + newFailed;
    let active = owned.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    const conditions = [...(prev.conditions ?? [])];
    const condition = (type: string, reason: string, message: string): JobCondition => ({ type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message });
    const has = (type: string): boolean => conditions.some((c) => c.type === type && c.status === 'True');
    let completionTime = prev.completionTime;
    const startTime = prev.startTime ?? (spec.suspend ? undefined : now);

    if (!isJobFinished(job)) {
      if (!has('FailureTarget') && !has('SuccessCriteriaMet')) {
        const limit = spec.backoffLimit ?? 6;
        const onFailure = spec.template?.spec?.['restartPolicy'] === 'OnFailure';
        const restartTotal = onFailure ? active.reduce((n, p) => n + restarts(p), 0) : 0;
        const pastLimit = failed > limit || (onFailure && (limit === 0 ? restartTotal > 0 : restartTotal >= limit));
        const deadline = spec.activeDeadlineSeconds;
        const startedAt = startTime ? Date.parse(startTime) : nowMs;
        const pastDeadline = deadline !== undefined && nowMs - startedAt >= deadline * 1000;
        const completions = spec.completions;
        const done = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
        if (pastLimit) {
          conditions.push(condition('FailureTarget', 'BackoffLimitExceeded', BACKOFF_LIMIT_MESSAGE));
          this.sim.events.record(job, 'Warning', 'BackoffLimitExceeded', BACKOFF_LIMIT_MESSAGE, SOURCE);
        } else if (pastDeadline) {
          conditions.push(condition('FailureTarget', 'DeadlineExceeded', DEADLINE_MESSAGE));
          this.sim.events.record(job, 'Warning', 'DeadlineExceeded', DEADLINE_MESSAGE, SOURCE);
        } else if (done) {
          conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', COMPLETIONS_REACHED_MESSAGE));
        } else {
          active = this.manage(job, active, succeeded, mem, nowMs);
          if (deadline !== undefined) this.enqueue(ns, name, Math.max(1, startedAt + deadline * 1000 - nowMs));
        }
      }
      // Interim conditions: stop what is running, then finish once nothing is.
      if (has('FailureTarget') || has('SuccessCriteriaMet')) {
        for (const p of active) this.deletePod(job, p);
        active = [];
        const stillRunning = store.list<Pod>('Pod', ns).some((p) => controllerRef(p)?.uid === uid && !isTerminal(p));
        if (!stillRunning) {
          const target = conditions.find((c) => c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet');
          if (target?.type === 'FailureTarget') {
            conditions.push(condition('Failed', target.reason ?? '', target.message ?? ''));
          } else if (target) {
            conditions.push(condition('Complete', target.reason ?? '', target.message ?? ''));
            completionTime = now;
            this.sim.events.record(job, 'Normal', 'Completed', 'Job completed', SOURCE);
          }
        }
      }
    }

    const terminating = store.list<Pod>('Pod', ns).filter((p) => controllerRef(p)?.uid === uid && !isTerminal(p) && p.metadata.deletionTimestamp).length;
    const status: JobStatus = {};
    if (active.length) status.active = active.length;
    if (completionTime) status.completionTime = completionTime;
    if (conditions.length) status.conditions = conditions;
    if (failed) status.failed = failed;
    status.ready = active.filter(isReady).length;
    if (startTime) status.startTime = startTime;
    if (succeeded) status.succeeded = succeeded;
    status.terminating = terminating;
    status.uncountedTerminatedPods = {};
    if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) store.update({ ...job, status }, { status: true });

    const ttl = spec.ttlSecondsAfterFinished;
    const finished = conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (finished && ttl !== undefined) {
      const finishedAtMs = Date.parse(conditions.find((c) => c.type === 'Complete' || c.type === 'Failed')?.lastTransitionTime ?? now);
      const wait = finishedAtMs + ttl * 1000 - nowMs;
      if (wait <= 0) this.api.delete('Job', ns, name);
      else this.enqueue(ns, name, wait);
    }
  }

  /** Create or remove pods so that the right number run; returns the pods now active. */
  private manage(job: Job, active: Pod[], succeeded: number, mem: JobMemory, nowMs: number): Pod[] {
    const spec = job.spec ?? {};
    const ns = job.metadata.namespace ?? 'default';
    const parallelism = spec.suspend ? 0 : (spec.parallelism ?? 1);
    const want = spec.completions !== undefined ? Math.max(0, Math.min(parallelism, spec.completions - succeeded)) : succeeded > 0 ? 0 : parallelism;
    const diff = want - active.length;
    if (diff < 0) {
      const extra = [...active].sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')).slice(0, -diff);
      for (const p of extra) this.deletePod(job, p);
      return active.filter((p) => !extra.includes(p));
    }
    if (diff === 0) return active;
    const readyAt = mem.lastFailureAt + failureBackoffMs(mem.failuresSinceSuccess);
    if (mem.failuresSinceSuccess > 0 && readyAt > nowMs) {
      this.enqueue(ns, job.metadata.name ?? '', readyAt - nowMs);
      return active;
    }
    const created: Pod[] = [];
    for (let i = 0; i < Math.min(diff, MAX_CREATES_PER_SYNC); i++) {
      const res = this.api.create(this.podFor(job), { namespace: ns });
      if (!res.ok) {
        this.sim.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${res.error.message}`, SOURCE);
        break;
      }
      created.push(res.object as Pod);
      this.sim.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${res.object.metadata.name}`, SOURCE);
    }
    return [...active, ...created];
  }

  private deletePod(job: Job, p: Pod): void {
    this.mem(job).deleted.add(p.metadata.uid ?? '');
    const res = this.api.delete('Pod', p.metadata.namespace, p.metadata.name ?? '');
    if (res.ok) this.sim.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
  }

  private podFor(job: Job): Pod {
    const t = job.spec?.template ?? {};
    const meta: Pod['metadata'] = {
      generateName: `${job.metadata.name}-`,
      namespace: job.metadata.namespace ?? 'default',
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    };
    if (t.metadata?.labels) meta.labels = { ...t.metadata.labels };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: cloneData(t.spec ?? {}) as NonNullable<Pod['spec']> };
  }
}
