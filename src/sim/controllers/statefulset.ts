// The StatefulSet controller (kube-controller-manager's pkg/controller/statefulset, v1.31):
// pods named <set>-<ordinal> with a stable hostname and subdomain, one PersistentVolumeClaim per
// pod and claim template, ControllerRevisions for the pod template, and the two management
// policies — OrderedReady (create one pod at a time, each only when all before it are Running
// and Ready; delete from the highest ordinal down, one at a time) and Parallel. A template
// change rolls pods from the highest ordinal down to the partition. Reacts to watch events only.

import type * as apps from 'kubernetes-types/apps/v1';
import type { DeepMutable, OwnerReference, Pod, Volume } from '../api.ts';
import type { ApiServer } from '../apiserver.ts';
import { splitKey, WorkQueue } from './workqueue.ts';
import type { SimContext } from '../context.ts';
import type { KubeObject } from '../store/types.ts';
import type { ObjectStore } from '../store/store.ts';
import { safeEncodeString, stableStringify } from './deployment/hash.ts';
import { controllerRef, selects } from './replicaset.ts';
import { cloneData } from '../clone.ts';

export type StatefulSet = DeepMutable<apps.StatefulSet> & KubeObject;
export type StatefulSetStatus = DeepMutable<apps.StatefulSetStatus>;
type ClaimTemplate = NonNullable<NonNullable<StatefulSet['spec']>['volumeClaimTemplates']>[number];
type Claim = ClaimTemplate & KubeObject;

/** apps/v1 ControllerRevision: a snapshot of the pod template, owned by the set. */
export type ControllerRevision = KubeObject & { data?: RevisionPatch; revision: number };
interface RevisionPatch {
  spec: { template: Record<string, unknown> };
}

export const REVISION_LABEL = 'controller-revision-hash';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
const SOURCE = { component: 'statefulset-controller' };

// ---- identity (stateful_set_utils.go) ----

/** getParentNameAndOrdinal: "web-2" → {parent: "web", ordinal: 2}; no ordinal → -1. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = /^(.*)-([0-9]+)$/.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  // strconv.ParseInt(_, 10, 32): out of int32 range is no ordinal at all.
  return { parent: m[1]!, ordinal: Number.isSafeInteger(n) && n <= 2_147_483_647 ? n : -1 };
}

export function statefulPodName(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

/** getPersistentVolumeClaimName: <claim template>-<set>-<ordinal>. */
export function claimName(templateName: string, setName: string, ordinal: number): string {
  return `${templateName}-${setName}-${ordinal}`;
}

function startOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

function replicaCount(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

function ordinalOf(p: Pod): number {
  return parentAndOrdinal(p.metadata.name ?? '').ordinal;
}

function inRange(set: StatefulSet, ordinal: number): boolean {
  return ordinal >= startOrdinal(set) && ordinal < startOrdinal(set) + replicaCount(set);
}

function isMemberOf(set: StatefulSet, p: Pod): boolean {
  return parentAndOrdinal(p.metadata.name ?? '').parent === set.metadata.name;
}

// ---- pod state predicates ----

function readyCondition(p: Pod) {
  return (p.status?.conditions ?? []).find((c) => c.type === 'Ready' && c.status === 'True');
}

/** Pods the controller has only planned have no phase yet. */
const isCreated = (p: Pod): boolean => !!p.status?.phase;
const isPending = (p: Pod): boolean => p.status?.phase === 'Pending';
const isFailed = (p: Pod): boolean => p.status?.phase === 'Failed';
const isSucceeded = (p: Pod): boolean => p.status?.phase === 'Succeeded';
const isTerminating = (p: Pod): boolean => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: Pod): boolean => p.status?.phase === 'Running' && !!readyCondition(p);
const isHealthy = (p: Pod): boolean => isRunningAndReady(p) && !isTerminating(p);
const revisionOf = (p: Pod): string => p.metadata.labels?.[REVISION_LABEL] ?? '';

function isRunningAndAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(p);
  if (!c) return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : now;
  return since + minReadySeconds * 1000 <= now;
}

// ---- revisions (controller_history.go) ----

/** FNV-1 (not 1a), 32 bit: what hash/fnv.New32 computes. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/**
 * HashControllerRevision: FNV-1 over the revision's patch, then the collision count as decimal
 * text. Upstream hashes Go's JSON of the fully defaulted template, which this JSON cannot match
 * byte for byte, so names have the real shape (web-6b8d9b9d9f) but not the real value.
 */
export function revisionHash(patch: RevisionPatch, collisionCount: number): string {
  const enc = new TextEncoder();
  const h = fnv32(enc.encode(String(collisionCount)), fnv32(enc.encode(stableStringify(patch))));
  return safeEncodeString(String(h));
}

/**
 * getPatch: the template only, marked to replace whatever a set holds when applied. The same
 * for a StatefulSet and a DaemonSet (their ControllerRevisions hold exactly this).
 */
export function revisionPatch(set: { spec?: { template?: unknown } }): RevisionPatch {
  return { spec: { template: { ...(cloneData(set.spec?.template ?? {}) as Record<string, unknown>), $patch: 'replace' } } };
}

/** The pod template a revision holds: its patch without the $patch marker. */
export function revisionTemplate(rev: ControllerRevision): Record<string, unknown> {
  const t = { ...(rev.data?.spec.template ?? {}) };
  delete t['$patch'];
  return t;
}

/** The ControllerRevisions an object (a StatefulSet, a DaemonSet) controls, oldest first. */
export function ownedRevisions(store: ObjectStore, owner: KubeObject): ControllerRevision[] {
  return store
    .list<ControllerRevision>('ControllerRevision', owner.metadata.namespace)
    .filter((r) => controllerRef(r)?.uid === owner.metadata.uid)
    .sort((a, b) => a.revision - b.revision);
}

/** ApplyRevision: the set as it was at that revision (its template swapped back in). */
function applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  const out = cloneData(set);
  if (out.spec) out.spec.template = revisionTemplate(rev) as NonNullable<StatefulSet['spec']>['template'];
  return out;
}

export class StatefulSetController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    this.queue = new WorkQueue(sim.clock, (key) => this.sync(...splitKey(key)), sim.controllerManager);
    sim.store.watch('StatefulSet', (ev) => this.enqueue(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? ''));
    sim.store.watch('Pod', (ev) => {
      const pod = ev.object as Pod;
      const ns = pod.metadata.namespace ?? 'default';
      const ref = controllerRef(pod);
      if (ref) {
        if (ref.kind === 'StatefulSet') this.enqueue(ns, ref.name);
        return;
      }
      if (ev.type === 'DELETED') return;
      // An orphan named like one of our pods may be adopted.
      for (const set of sim.store.list<StatefulSet>('StatefulSet', ns)) {
        if (isMemberOf(set, pod) && selects('StatefulSet', set.spec?.selector as Record<string, unknown> | undefined, pod.metadata.labels)) this.enqueue(ns, set.metadata.name ?? '');
      }
    });
  }

  private enqueue(ns: string, name: string, delay = 0): void {
    this.queue.addAfter(`${ns}/${name}`, delay);
  }

  private sync(ns: string, name: string): void {
    const set = this.sim.store.get<StatefulSet>('StatefulSet', ns, name);
    if (!set) return;
    const pods = this.claimPods(set);
    const revisions = ownedRevisions(this.sim.store, set);
    const { current, update, collisionCount } = this.getRevisions(set, revisions);
    const status = this.updateStatefulSet(set, current, update, collisionCount, pods);
    this.writeStatus(set, status);
    this.truncateHistory(set, revisions, current, update);
    this.requeueForAvailability(set);
  }

  // ---- adoption (ClaimPods with the isMemberOf filter) ----

  private claimPods(set: StatefulSet): Pod[] {
    const store = this.sim.store;
    const uid = set.metadata.uid ?? '';
    const selector = set.spec?.selector as Record<string, unknown> | undefined;
    const out: Pod[] = [];
    for (const p of store.list<Pod>('Pod', set.metadata.namespace)) {
      const ref = controllerRef(p);
      const match = isMemberOf(set, p) && selects('StatefulSet', selector, p.metadata.labels);
      if (ref?.uid === uid) {
        if (match) out.push(p);
        else {
          const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
          const meta = { ...p.metadata };
          if (refs.length) meta.ownerReferences = refs;
          else delete meta.ownerReferences;
          store.update({ ...p, metadata: meta });
        }
      } else if (!ref && match && !isTerminating(p) && !set.metadata.deletionTimestamp) {
        const adopted = store.update({ ...p, metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), this.ownerRef(set)] } });
        if (adopted.ok) out.push(adopted.object);
      }
    }
    return out;
  }

  private ownerRef(o: KubeObject): OwnerReference {
    return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  }

  // ---- revisions ----

  /** getStatefulSetRevisions: find or create the update revision; the current one is in status. */
  private getRevisions(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    const store = this.sim.store;
    let collisionCount = set.status?.collisionCount ?? 0;
    const patch = revisionPatch(set);
    const next = revisions.length ? revisions[revisions.length - 1]!.revision + 1 : 1;
    const same = (r: ControllerRevision): boolean => stableStringify(r.data) === stableStringify(patch);
    const equal = revisions.filter(same);
    let update: ControllerRevision;
    const last = revisions[revisions.length - 1];
    const lastEqual = equal[equal.length - 1];
    if (lastEqual && last && lastEqual === last) update = last;
    else if (lastEqual) {
      // Rolling back to an old template re-numbers that revision instead of copying it.
      const res = store.update({ ...lastEqual, revision: next });
      update = res.ok ? res.object : lastEqual;
    } else {
      const labels: Record<string, string> = { ...(set.spec?.template?.metadata?.labels ?? {}) };
      let created: ControllerRevision | undefined;
      for (let guard = 0; !created && guard < 100; guard++) {
        const hash = revisionHash(patch, collisionCount);
        const revName = `${(set.metadata.name ?? '').slice(0, 223)}-${hash}`;
        const existing = store.get<ControllerRevision>('ControllerRevision', set.metadata.namespace, revName);
        if (existing) {
          if (same(existing)) created = existing;
          else collisionCount++;
          continue;
        }
        const rev: ControllerRevision = {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: {
            name: revName,
            namespace: set.metadata.namespace ?? 'default',
            labels: { ...labels, [REVISION_HASH_LABEL]: hash },
            ownerReferences: [this.ownerRef(set)],
          },
          data: patch,
          revision: next,
        };
        if (set.metadata.annotations) rev.metadata.annotations = { ...set.metadata.annotations };
        const res = store.create(rev);
        if (res.ok) created = res.object;
        else break;
      }
      update = created ?? { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: '' }, data: patch, revision: next };
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** truncateHistory: keep revisionHistoryLimit revisions besides the live ones. */
  private truncateHistory(set: StatefulSet, revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set([current.metadata.name, update.metadata.name]);
    for (const p of this.claimedPodsNow(set)) live.add(revisionOf(p));
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    for (const r of history.slice(0, Math.max(0, history.length - limit))) this.sim.store.delete('ControllerRevision', r.metadata.namespace, r.metadata.name ?? '');
  }

  private claimedPodsNow(set: StatefulSet): Pod[] {
    return this.sim.store.list<Pod>('Pod', set.metadata.namespace).filter((p) => controllerRef(p)?.uid === set.metadata.uid);
  }

  // ---- the sync proper (updateStatefulSet) ----

  private updateStatefulSet(set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number, pods: Pod[]): StatefulSetStatus {
    const currentSet = applyRevision(set, current);
    const updateSet = applyRevision(set, update);
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation ?? 1,
      replicas: 0,
      currentRevision: current.metadata.name ?? '',
      updateRevision: update.metadata.name ?? '',
      collisionCount,
    };
    const minReady = set.spec?.minReadySeconds ?? 0;
    const now = this.sim.clock.wallTime;
    const count = (lists: Pod[][]): void => {
      status.replicas = status.readyReplicas = status.availableReplicas = status.currentReplicas = status.updatedReplicas = 0;
      for (const p of lists.flat()) {
        if (isCreated(p)) status.replicas++;
        if (isRunningAndReady(p)) {
          status.readyReplicas!++;
          if (isRunningAndAvailable(p, minReady, now)) status.availableReplicas!++;
        }
        if (isCreated(p) && !isTerminating(p)) {
          if (revisionOf(p) === current.metadata.name) status.currentReplicas!++;
          if (revisionOf(p) === update.metadata.name) status.updatedReplicas!++;
        }
      }
    };
    count([pods]);

    const start = startOrdinal(set);
    const n = replicaCount(set);
    const replicas: Pod[] = [];
    const condemned: Pod[] = [];
    for (const p of pods) {
      const ord = ordinalOf(p);
      if (inRange(set, ord)) replicas[ord - start] = p;
      else if (ord >= 0) condemned.push(p);
    }
    for (let ord = start; ord < start + n; ord++) {
      if (!replicas[ord - start]) replicas[ord - start] = this.newVersionedPod(currentSet, updateSet, current, update, ord);
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
    const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));

    if (set.metadata.deletionTimestamp) return status;
    const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
    const finish = (): StatefulSetStatus => {
      count([replicas, condemned]);
      return status;
    };

    // Living replicas, in ordinal order. OrderedReady stops at the first pod that is not yet
    // Running and Ready; Parallel visits them all.
    for (let i = 0; i < replicas.length; i++) {
      const exit = this.processReplica(set, updateSet, monotonic, replicas, i, minReady, now);
      if (exit && monotonic) return finish();
    }
    for (const p of condemned) this.fixClaimRetention(updateSet, p);
    // Scale down from the highest ordinal.
    for (const p of condemned) {
      const exit = this.processCondemned(set, firstUnhealthy, monotonic, p, minReady, now);
      if (exit && monotonic) return finish();
    }
    count([replicas, condemned]);

    if (set.spec?.updateStrategy?.type === 'OnDelete') return status;
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    // A rolling update replaces the pod with the highest ordinal that is not at the update
    // revision, and waits for it to be healthy before touching the next.
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const p = replicas[target]!;
      if (revisionOf(p) !== update.metadata.name && !isTerminating(p)) {
        this.deletePod(set, p);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return status;
      }
      if (!isHealthy(p)) return status;
    }
    return status;
  }

  /** processReplica: returns true when, in OrderedReady, nothing further may happen this round. */
  private processReplica(set: StatefulSet, updateSet: StatefulSet, monotonic: boolean, replicas: Pod[], i: number, minReady: number, now: number): boolean {
    const pod = replicas[i]!;
    if (isFailed(pod) || isSucceeded(pod)) {
      // The replacement comes on a later sync, once the old pod is gone from the API.
      if (!isTerminating(pod)) this.deletePod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      const created = this.createPod(set, pod);
      if (!created) return true;
      replicas[i] = created;
      if (monotonic) return true;
    }
    if (isPending(replicas[i]!)) this.createMissingClaims(set, replicas[i]!);
    const p = replicas[i]!;
    if (isTerminating(p) && monotonic) return true;
    if (!isRunningAndReady(p) && monotonic) return true;
    if (!isRunningAndAvailable(p, minReady, now) && monotonic) return true;
    this.fixClaimRetention(updateSet, p);
    if (!this.identityMatches(set, p)) this.updateIdentity(updateSet, p);
    return false;
  }

  private processCondemned(set: StatefulSet, firstUnhealthy: Pod | undefined, monotonic: boolean, pod: Pod, minReady: number, now: number): boolean {
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return true;
    this.deletePod(set, pod);
    return true;
  }

  // ---- pods ----

  /** newVersionedStatefulSetPod: pods below the partition keep the current revision. */
  private newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, current: ControllerRevision, update: ControllerRevision, ordinal: number): Pod {
    const strategy = currentSet.spec?.updateStrategy;
    const start = startOrdinal(currentSet);
    const useCurrent =
      (strategy?.type === 'RollingUpdate' && !strategy.rollingUpdate && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
      (!!strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
    const pod = this.newPod(useCurrent ? currentSet : updateSet, ordinal);
    pod.metadata.labels = { ...pod.metadata.labels, [REVISION_LABEL]: (useCurrent ? current : update).metadata.name ?? '' };
    return pod;
  }

  /** newStatefulSetPod: GetPodFromTemplate, then identity and storage. */
  private newPod(set: StatefulSet, ordinal: number): Pod {
    const t = set.spec?.template ?? {};
    const name = statefulPodName(set.metadata.name ?? '', ordinal);
    const meta: Pod['metadata'] = {
      name,
      generateName: `${set.metadata.name}-`,
      namespace: set.metadata.namespace ?? 'default',
      labels: { ...(t.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ownerReferences: [this.ownerRef(set)],
    };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    if (t.metadata?.finalizers) meta.finalizers = [...t.metadata.finalizers];
    const spec = cloneData(t.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
    spec.hostname = name;
    // An empty serviceName leaves the pod without a subdomain.
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    const claimVolumes: Volume[] = (set.spec?.volumeClaimTemplates ?? []).map((c) => ({
      name: c.metadata?.name ?? '',
      persistentVolumeClaim: { claimName: claimName(c.metadata?.name ?? '', set.metadata.name ?? '', ordinal) },
    }));
    const claimNames = new Set(claimVolumes.map((v) => v.name));
    const volumes = [...claimVolumes, ...(spec.volumes ?? []).filter((v) => !claimNames.has(v.name))];
    if (volumes.length) spec.volumes = volumes;
    return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
  }

  private identityMatches(set: StatefulSet, p: Pod): boolean {
    const { parent, ordinal } = parentAndOrdinal(p.metadata.name ?? '');
    return ordinal >= 0 && parent === set.metadata.name && p.metadata.namespace === set.metadata.namespace && p.metadata.labels?.[POD_NAME_LABEL] === p.metadata.name;
  }

  /** UpdateStatefulPod for a pod whose identity labels were edited away. */
  private updateIdentity(set: StatefulSet, p: Pod): void {
    const ordinal = ordinalOf(p);
    const next: Pod = { ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, [POD_NAME_LABEL]: p.metadata.name ?? '', [POD_INDEX_LABEL]: String(ordinal) } } };
    const res = this.api.update(next, p);
    this.podEvent(set, 'update', p.metadata.name ?? '', res.ok ? undefined : res.error.message);
  }

  private createPod(set: StatefulSet, pod: Pod): Pod | undefined {
    const claimErr = this.createMissingClaims(set, pod);
    if (claimErr) {
      this.podEvent(set, 'create', pod.metadata.name ?? '', claimErr);
      return undefined;
    }
    const res = this.api.create(pod, { namespace: set.metadata.namespace ?? 'default' });
    if (!res.ok) {
      // AlreadyExists is sunk: the informer has simply not caught up.
      if (res.error.reason !== 'AlreadyExists') this.podEvent(set, 'create', pod.metadata.name ?? '', res.error.message);
      return undefined;
    }
    const created = res.object as Pod;
    this.fixClaimRetention(set, created);
    this.podEvent(set, 'create', pod.metadata.name ?? '');
    return created;
  }

  private deletePod(set: StatefulSet, pod: Pod): void {
    const res = this.api.delete('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!res.ok && res.error.reason === 'NotFound') return;
    this.podEvent(set, 'delete', pod.metadata.name ?? '', res.ok ? undefined : res.error.message);
  }

  /** recordPodEvent: "create Pod web-0 in StatefulSet web successful". */
  private podEvent(set: StatefulSet, verb: 'create' | 'update' | 'delete', podName: string, err?: string): void {
    const Verb = verb[0]!.toUpperCase() + verb.slice(1);
    if (err === undefined) this.sim.events.record(set, 'Normal', `Successful${Verb}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata.name} successful`, SOURCE);
    else this.sim.events.record(set, 'Warning', `Failed${Verb}`, `${verb} Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${err}`, SOURCE);
  }

  // ---- claims ----

  /** getPersistentVolumeClaims: one claim per template, labelled with the selector's matchLabels. */
  claimsFor(set: StatefulSet, ordinal: number): Claim[] {
    const matchLabels = set.spec?.selector?.matchLabels ?? {};
    return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
      const c = cloneData(t) as Claim;
      c.apiVersion = 'v1';
      c.kind = 'PersistentVolumeClaim';
      c.metadata = { ...(c.metadata ?? {}), name: claimName(t.metadata?.name ?? '', set.metadata.name ?? '', ordinal), namespace: set.metadata.namespace ?? 'default' };
      c.metadata.labels = { ...(c.metadata.labels ?? {}), ...matchLabels };
      delete (c as { status?: unknown }).status;
      return c;
    });
  }

  /**
   * createPersistentVolumeClaims: make the pod's claims that do not exist yet. Returns the
   * aggregated error text, or undefined when every claim exists.
   */
  private createMissingClaims(set: StatefulSet, pod: Pod): string | undefined {
    const errs: string[] = [];
    const ns = set.metadata.namespace ?? 'default';
    for (const claim of this.claimsFor(set, ordinalOf(pod))) {
      const name = claim.metadata.name ?? '';
      const existing = this.sim.store.get<Claim>('PersistentVolumeClaim', ns, name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errs.push(`pvc ${name} is being deleted`);
        continue;
      }
      const res = this.api.create(claim, { namespace: ns });
      if (res.ok) this.sim.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, SOURCE);
      else if (res.error.reason !== 'AlreadyExists') {
        errs.push(`failed to create PVC ${name}: ${res.error.message}`);
        this.sim.events.record(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${res.error.message}`, SOURCE);
      }
    }
    if (errs.length === 0) return undefined;
    return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }

  /**
   * persistentVolumeClaimRetentionPolicy as owner references: Delete on set deletion → the set
   * owns the claim; Delete on scale-down → a condemned pod owns it. The garbage collector does
   * the deleting.
   */
  private fixClaimRetention(set: StatefulSet, pod: Pod): void {
    const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
    const ns = set.metadata.namespace ?? 'default';
    if (!pod.metadata.uid) return;
    for (const claim of this.claimsFor(set, ordinalOf(pod))) {
      const cur = this.sim.store.get<Claim>('PersistentVolumeClaim', ns, claim.metadata.name ?? '');
      if (!cur) continue;
      const others = (cur.metadata.ownerReferences ?? []).filter((r) => !(r.kind === 'StatefulSet' && r.name === set.metadata.name) && !(r.kind === 'Pod' && r.name === pod.metadata.name));
      // Someone else controls this claim: leave it alone.
      if (others.some((r) => r.controller)) continue;
      const scaledDown = !inRange(set, ordinalOf(pod));
      const want: OwnerReference[] = [...others];
      if (policy.whenScaled === 'Delete' && scaledDown) want.push(this.ownerRef(pod));
      if (policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && scaledDown)) want.push(this.ownerRef(set));
      if (stableStringify(want) === stableStringify(cur.metadata.ownerReferences ?? [])) continue;
      const meta = { ...cur.metadata };
      if (want.length) meta.ownerReferences = want;
      else delete meta.ownerReferences;
      this.sim.store.update({ ...cur, metadata: meta });
    }
  }

  // ---- status ----

  private writeStatus(set: StatefulSet, status: StatefulSetStatus): void {
    // completeRollingUpdate: every replica updated and ready makes the update revision current.
    const want = replicaCount(set);
    if (set.spec?.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision ?? '';
    }
    // Field order of apps/v1 StatefulSetStatus; zero counts are omitted except replicas and
    // availableReplicas, which have no omitempty.
    const out: StatefulSetStatus = { replicas: status.replicas };
    if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
    if (status.readyReplicas) out.readyReplicas = status.readyReplicas;
    if (status.currentReplicas) out.currentReplicas = status.currentReplicas;
    if (status.updatedReplicas) out.updatedReplicas = status.updatedReplicas;
    if (status.currentRevision) out.currentRevision = status.currentRevision;
    if (status.updateRevision) out.updateRevision = status.updateRevision;
    out.collisionCount = status.collisionCount ?? 0;
    out.availableReplicas = status.availableReplicas ?? 0;
    if (stableStringify(out) === stableStringify(set.status ?? {})) return;
    const fresh = this.sim.store.get<StatefulSet>('StatefulSet', set.metadata.namespace, set.metadata.name ?? '');
    if (fresh) this.sim.store.update({ ...fresh, status: out }, { status: true });
  }

  /** minReadySeconds: look again when the first ready-but-not-available pod becomes available. */
  private requeueForAvailability(set: StatefulSet): void {
    const minReady = (set.spec?.minReadySeconds ?? 0) * 1000;
    if (minReady <= 0) return;
    const now = this.sim.clock.wallTime;
    let next = Infinity;
    for (const p of this.claimedPodsNow(set)) {
      const c = readyCondition(p);
      if (!c?.lastTransitionTime) continue;
      const at = Date.parse(c.lastTransitionTime) + minReady;
      if (at > now) next = Math.min(next, at - now);
    }
    if (next !== Infinity) this.enqueue(set.metadata.namespace ?? 'default', set.metadata.name ?? '', next + 1);
  }
}
