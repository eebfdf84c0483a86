// The Deployment controller: owns ReplicaSets named <deployment>-<pod-template-hash>, and on
// every sync does one thing, as rolling.go/recreate.go do — scale the new RS up, or scale old
// RSs down, or (when complete) clean up old revisions — then writes status and conditions.
// All the arithmetic is in ./deployment (pure, table-tested); this file only talks to the store.

import type { SimContext } from '../context.ts';
import type { ApiServer } from '../apiserver.ts';
import type { Pod } from '../api.ts';
import { splitKey, WorkQueue } from './workqueue.ts';
import type { KubeObject } from '../store/types.ts';
import { controllerRef, type Workload } from './replicaset.ts';
import { cloneData } from '../clone.ts';
import { isoSeconds } from '../clock.ts';
import {
  annotationsCopiedToReplicaSet,
  checkPausedConditions,
  computePodTemplateHash,
  createdReplicaSetEventMessage,
  deploymentComplete,
  deploymentLikeFromSpec,
  filterOldRSsToDelete,
  maxRevision,
  newReplicaSetCreatedCondition,
  newRSNewReplicas,
  recreateStep,
  replicasAnnotations,
  isScalingEvent,
  proportionalScale,
  rollingStep,
  scalingReplicaSetEventMessage,
  setCondition,
  setNewReplicaSetRevision,
  stableStringify,
  syncRolloutStatus,
  type DeploymentCondition,
  type DeploymentLike,
  type DeploymentStatusLike,
  type RSLike,
} from './deployment/index.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH_LABEL = 'pod-template-hash';
const SOURCE = { component: 'deployment-controller' };

type Deployment = Workload & {
  spec?: Workload['spec'] & { paused?: boolean; strategy?: unknown; progressDeadlineSeconds?: number; revisionHistoryLimit?: number };
  status?: Record<string, unknown> & { conditions?: ApiCondition[]; collisionCount?: number };
};

interface ApiCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

function withoutHash(template: unknown): string {
  const t = cloneData((template ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (t.metadata?.labels) delete t.metadata.labels[HASH_LABEL];
  return stableStringify(t);
}

export class DeploymentController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    this.queue = new WorkQueue(sim.clock, (key) => this.sync(...splitKey(key)), sim.controllerManager);
    sim.store.watch('Deployment', (ev) => this.enqueue(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? ''));
    sim.store.watch('ReplicaSet', (ev) => {
      const ref = controllerRef(ev.object);
      if (ref?.kind === 'Deployment') this.enqueue(ev.object.metadata.namespace ?? 'default', ref.name);
    });
    // Recreate waits for old pods to be gone.
    sim.store.watch('Pod', (ev) => {
      if (ev.type !== 'DELETED') return;
      const rsRef = controllerRef(ev.object);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = sim.store.get('ReplicaSet', ev.object.metadata.namespace, rsRef.name);
      const dRef = rs ? controllerRef(rs) : undefined;
      if (dRef?.kind === 'Deployment') this.enqueue(ev.object.metadata.namespace ?? 'default', dRef.name);
    });
  }

  private enqueue(ns: string, name: string, delay = 0): void {
    this.queue.addAfter(`${ns}/${name}`, delay);
  }

  private rsLike(rs: Workload): RSLike {
    const st = (rs.status ?? {}) as { replicas?: number; availableReplicas?: number; readyReplicas?: number; observedGeneration?: number };
    const like: RSLike = {
      name: rs.metadata.name ?? '',
      created: Date.parse(rs.metadata.creationTimestamp ?? '') || 0,
      specReplicas: rs.spec?.replicas ?? 0,
      statusReplicas: st.replicas ?? 0,
      availableReplicas: st.availableReplicas ?? 0,
      readyReplicas: st.readyReplicas ?? 0,
      revision: Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0,
    };
    if (rs.metadata.generation !== undefined) like.generation = rs.metadata.generation;
    if (st.observedGeneration !== undefined) like.observedGeneration = st.observedGeneration;
    if (rs.metadata.deletionTimestamp) like.deleting = true;
    const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
    const max = Number(rs.metadata.annotations?.[MAX_REPLICAS]);
    if (rs.metadata.annotations?.[DESIRED_REPLICAS] !== undefined && Number.isInteger(desired)) like.desiredReplicas = desired;
    if (rs.metadata.annotations?.[MAX_REPLICAS] !== undefined && Number.isInteger(max)) like.maxReplicas = max;
    return like;
  }

  private sync(ns: string, name: string): void {
    const store = this.sim.store;
    const d = store.get<Deployment>('Deployment', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const dl = deploymentLikeFromSpec(d.spec, d.metadata.generation);
    const owned = store.list<Workload>('ReplicaSet', ns).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
    const want = withoutHash(d.spec?.template);
    const matching = owned.filter((rs) => withoutHash(rs.spec?.template) === want).sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
    let newRS = matching[0];
    const oldRSs = owned.filter((rs) => rs !== newRS);
    const oldLikes = oldRSs.map((rs) => this.rsLike(rs));
    const now = this.sim.clock.wallTime;
    let conditions = this.conditionsOf(d);

    if (d.spec?.paused) {
      // A paused Deployment only scales (proportionally); template changes wait for resume.
      this.scaleProportionally(d, dl, newRS, oldRSs);
      const paused = checkPausedConditions(dl, conditions, now);
      if (paused) conditions = paused;
      this.writeStatus(d, dl, newRS ? this.rsLike(newRS) : undefined, owned, conditions, false);
      return;
    }
    const resumed = checkPausedConditions(dl, conditions, now);
    if (resumed) conditions = resumed;

    // The new RS takes the next revision (on a rollback, a re-used RS moves up).
    const nextRevision = maxRevision(oldLikes) + 1;
    if (newRS) {
      const cur = { revision: newRS.metadata.annotations?.[REVISION], revisionHistory: newRS.metadata.annotations?.[REVISION_HISTORY] };
      const next = setNewReplicaSetRevision(stripUndefined(cur), nextRevision);
      if (next.changed) {
        const ann = { ...newRS.metadata.annotations, ...stripUndefined({ [REVISION]: next.annotations.revision, [REVISION_HISTORY]: next.annotations.revisionHistory }) };
        const res = store.update({ ...newRS, metadata: { ...newRS.metadata, annotations: ann } });
        if (res.ok) newRS = res.object as Workload;
      }
    }

    // A changed spec.replicas is handled on its own before any rollout step (isScalingEvent).
    if (isScalingEvent(dl, newRS ? this.rsLike(newRS) : undefined, oldLikes)) {
      this.scaleProportionally(d, dl, newRS, oldRSs);
      this.syncStatus(d, dl, newRS, conditions);
      return;
    }

    if (dl.strategy.type === 'Recreate') {
      const oldPods = store.list<Pod>('Pod', ns).filter((p) => oldRSs.some((rs) => controllerRef(p)?.uid === rs.metadata.uid) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
      const action = recreateStep(dl, newRS ? this.rsLike(newRS) : undefined, oldLikes, oldPods);
      if (action.kind === 'scaleDownOld') for (const s of action.steps) this.scale(oldRSs.find((r) => r.metadata.name === s.name)!, s.to, dl);
      else if (action.kind === 'createNew') {
        const created = this.createRS(d, dl, action.replicas, nextRevision);
        if (created) {
          newRS = created;
          conditions = setCondition(conditions, newReplicaSetCreatedCondition(created.metadata.name ?? '', now));
        }
      } else if (action.kind === 'scaleNew' && newRS) this.scale(newRS, action.step.to, dl);
    } else if (!newRS) {
      const stub: RSLike = { name: '', created: now, specReplicas: 0, statusReplicas: 0, availableReplicas: 0 };
      const replicas = newRSNewReplicas(dl, [...oldLikes, stub], stub);
      const created = this.createRS(d, dl, replicas.ok ? replicas.value : 0, nextRevision);
      if (created) {
        newRS = created;
        conditions = setCondition(conditions, newReplicaSetCreatedCondition(created.metadata.name ?? '', now));
      }
    } else {
      const action = rollingStep(dl, this.rsLike(newRS), oldLikes);
      if (action.kind === 'scaleNew') this.scale(newRS, action.step.to, dl);
      else if (action.kind === 'scaleOld') for (const s of action.steps) this.scale(oldRSs.find((r) => r.metadata.name === s.name)!, s.to, dl);
    }

    const { status, all } = this.syncStatus(d, dl, newRS, conditions);
    if (status && deploymentComplete(dl, status)) {
      for (const victim of filterOldRSsToDelete(all.filter((rs) => rs.metadata.name !== newRS?.metadata.name).map((rs) => this.rsLike(rs)), dl.revisionHistoryLimit)) {
        this.api.delete('ReplicaSet', ns, victim.name);
      }
    } else if (dl.progressDeadlineSeconds !== undefined) {
      // Come back when the deadline would pass, to mark ProgressDeadlineExceeded.
      this.enqueue(ns, name, dl.progressDeadlineSeconds * 1000 + 1000);
    }
    // Keep the Deployment's revision annotation in step with its new RS.
    const rev = newRS ? store.get<Workload>('ReplicaSet', ns, newRS.metadata.name ?? '')?.metadata.annotations?.[REVISION] : undefined;
    const latest = store.get<Deployment>('Deployment', ns, name);
    if (rev && latest && latest.metadata.annotations?.[REVISION] !== rev) {
      store.update({ ...latest, metadata: { ...latest.metadata, annotations: { ...latest.metadata.annotations, [REVISION]: rev } } });
    }
  }

  private conditionsOf(d: Deployment): DeploymentCondition[] {
    return (d.status?.conditions ?? []).map((c) => ({
      type: c.type as DeploymentCondition['type'],
      status: c.status as DeploymentCondition['status'],
      reason: c.reason,
      message: c.message,
      lastUpdateTime: Date.parse(c.lastUpdateTime) || 0,
      lastTransitionTime: Date.parse(c.lastTransitionTime) || 0,
    }));
  }

  private writeStatus(d: Deployment, dl: DeploymentLike, newRS: RSLike | undefined, all: Workload[], conditions: DeploymentCondition[], rollout: boolean): DeploymentStatusLike | undefined {
    const now = this.sim.clock.wallTime;
    const prev = d.status ?? {};
    const previous: DeploymentStatusLike = {
      observedGeneration: Number(prev['observedGeneration'] ?? 0),
      replicas: Number(prev['replicas'] ?? 0),
      updatedReplicas: Number(prev['updatedReplicas'] ?? 0),
      readyReplicas: Number(prev['readyReplicas'] ?? 0),
      availableReplicas: Number(prev['availableReplicas'] ?? 0),
      unavailableReplicas: Number(prev['unavailableReplicas'] ?? 0),
      conditions,
    };
    const allLikes = all.map((rs) => this.rsLike(rs));
    const next = rollout
      ? syncRolloutStatus({ deploymentName: d.metadata.name ?? '', d: dl, previous, allRSs: allLikes, newRS, now })
      : { ...previous, observedGeneration: dl.generation ?? 0, conditions };
    const status: Record<string, unknown> = { observedGeneration: next.observedGeneration };
    if (next.replicas) status['replicas'] = next.replicas;
    if (next.updatedReplicas) status['updatedReplicas'] = next.updatedReplicas;
    if (next.readyReplicas) status['readyReplicas'] = next.readyReplicas;
    if (next.availableReplicas) status['availableReplicas'] = next.availableReplicas;
    if (next.unavailableReplicas) status['unavailableReplicas'] = next.unavailableReplicas;
    status['conditions'] = next.conditions.map((c) => ({
      type: c.type,
      status: c.status,
      lastUpdateTime: isoSeconds(c.lastUpdateTime),
      lastTransitionTime: isoSeconds(c.lastTransitionTime),
      reason: c.reason,
      message: c.message,
    }));
    if (prev['collisionCount'] !== undefined) status['collisionCount'] = prev['collisionCount'];
    if (JSON.stringify(status) !== JSON.stringify(prev)) this.sim.store.update({ ...d, status }, { status: true });
    return next;
  }

  /** syncDeploymentStatus from the ReplicaSets as they are after this sync's writes. */
  private syncStatus(d: Deployment, dl: DeploymentLike, newRS: Workload | undefined, conditions: ReturnType<DeploymentController['conditionsOf']>): { status: ReturnType<DeploymentController['writeStatus']>; all: Workload[] } {
    const ns = d.metadata.namespace ?? 'default';
    const all = this.sim.store.list<Workload>('ReplicaSet', ns).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
    const newLike = newRS ? this.rsLike(this.sim.store.get<Workload>('ReplicaSet', ns, newRS.metadata.name ?? '') ?? newRS) : undefined;
    return { status: this.writeStatus(d, dl, newLike, all, conditions, true), all };
  }

  /** dc.scale: share spec.replicas (+ maxSurge) out over the active ReplicaSets. */
  private scaleProportionally(d: Deployment, dl: DeploymentLike, newRS: Workload | undefined, oldRSs: Workload[]): void {
    const statusReplicas = Number((d.status as { replicas?: number } | undefined)?.replicas ?? 0);
    const steps = proportionalScale(dl, newRS ? this.rsLike(newRS) : undefined, oldRSs.map((rs) => this.rsLike(rs)), statusReplicas);
    for (const step of steps) {
      const rs = step.name === newRS?.metadata.name ? newRS : oldRSs.find((r) => r.metadata.name === step.name);
      if (rs) this.scale(rs, step.to, dl, step.annotate);
    }
  }

  /**
   * scaleReplicaSet: a new size always comes with the desired/max-replicas annotations of the
   * current spec (SetReplicasAnnotations); `annotate` rewrites them even when the size stays.
   */
  private scale(rs: Workload, to: number, dl: DeploymentLike, annotate = false): void {
    const from = rs.spec?.replicas ?? 0;
    const cur = this.sim.store.get<Workload>('ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs;
    const d = this.ownerOf(cur);
    const annotations = { ...cur.metadata.annotations, ...replicasAnnotations(dl) };
    const annotationsChanged = JSON.stringify(annotations) !== JSON.stringify(cur.metadata.annotations);
    if (from === to && !(annotate && annotationsChanged)) return;
    const res = this.sim.store.update({ ...cur, metadata: { ...cur.metadata, annotations }, spec: { ...cur.spec, replicas: to } } as KubeObject);
    if (from === to) return;
    const message = scalingReplicaSetEventMessage(rs.metadata.name ?? '', from, to);
    if (res.ok && d && message) this.sim.events.record(d, 'Normal', 'ScalingReplicaSet', message, SOURCE);
  }

  private ownerOf(rs: KubeObject): KubeObject | undefined {
    const ref = controllerRef(rs);
    return ref ? this.sim.store.get('Deployment', rs.metadata.namespace, ref.name) : undefined;
  }

  private createRS(d: Deployment, dl: DeploymentLike, replicas: number, revision: number): Workload | undefined {
    const collision = Number(d.status?.collisionCount ?? 0) || undefined;
    const hash = computePodTemplateHash(d.spec?.template, collision);
    const name = `${d.metadata.name}-${hash}`;
    const template = cloneData(d.spec?.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
    const selector = cloneData((d.spec?.selector ?? {}) as { matchLabels?: Record<string, string> });
    selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
    const annotations = {
      ...annotationsCopiedToReplicaSet(d.metadata.annotations ?? {}),
      ...replicasAnnotations(dl),
      [REVISION]: String(revision),
    };
    const spec: Record<string, unknown> = { replicas, selector, template };
    if (d.spec?.minReadySeconds) spec['minReadySeconds'] = d.spec.minReadySeconds;
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace ?? 'default',
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec,
    } as KubeObject;
    const res = this.api.create(rs, { namespace: d.metadata.namespace ?? 'default' });
    if (!res.ok) {
      this.sim.events.record(d, 'Warning', 'FailedCreate', `Failed to create new replica set "${name}": ${res.error.message}`, SOURCE);
      return undefined;
    }
    if (replicas > 0) this.sim.events.record(d, 'Normal', 'ScalingReplicaSet', createdReplicaSetEventMessage(name, replicas), SOURCE);
    return res.object as Workload;
  }
}

function stripUndefined<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]: string } {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: string };
}
