// The arithmetic of k/k pkg/controller/deployment (deployment_util.go, rolling.go, recreate.go,
// sync.go, progress.go) as pure functions over RSLike / DeploymentLike. Nothing here reads the
// store or the clock: "now" is always a parameter and results are new values, never mutations.

import { getScaledValueFromIntOrPercent, resolveFenceposts, type Scaled } from './intstr.ts';
import {
  MAX_INT32,
  type ConditionStatus,
  type DeploymentCondition,
  type DeploymentLike,
  type DeploymentStatusCounts,
  type DeploymentStatusLike,
  type RSLike,
} from './types.ts';

// Condition reasons, named as in deployment_util.go.
export const REASON_REPLICASET_UPDATED = 'ReplicaSetUpdated';
export const REASON_FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const REASON_NEW_RS_CREATED = 'NewReplicaSetCreated';
export const REASON_FOUND_NEW_RS = 'FoundNewReplicaSet';
export const REASON_NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const REASON_TIMED_OUT = 'ProgressDeadlineExceeded';
export const REASON_PAUSED = 'DeploymentPaused';
export const REASON_RESUMED = 'DeploymentResumed';
export const REASON_MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const REASON_MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

// ---------------------------------------------------------------------------------------------
// Surge / unavailability

export function isRollingUpdate(d: DeploymentLike): boolean {
  return d.strategy.type === 'RollingUpdate';
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas > 0; capped at replicas. Bad values read as 0. */
export function maxUnavailable(d: DeploymentLike): number {
  if (!isRollingUpdate(d) || d.replicas === 0) return 0;
  const f = resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas);
  const unavailable = f.ok ? f.unavailable : 0;
  return Math.min(unavailable, d.replicas);
}

/** MaxSurge: 0 unless RollingUpdate. Bad values read as 0 (validation is meant to stop them). */
export function maxSurge(d: DeploymentLike): number {
  if (!isRollingUpdate(d)) return 0;
  const f = resolveFenceposts(d.strategy.maxSurge, d.strategy.maxUnavailable, d.replicas);
  return f.ok ? f.surge : 0;
}

/** MinAvailable: replicas - MaxUnavailable for RollingUpdate, 0 otherwise. */
export function minAvailable(d: DeploymentLike): number {
  if (!isRollingUpdate(d)) return 0;
  return d.replicas - maxUnavailable(d);
}

// ---------------------------------------------------------------------------------------------
// Sums and ordering

export const sumSpecReplicas = (rss: readonly RSLike[]): number => rss.reduce((n, rs) => n + rs.specReplicas, 0);
export const sumStatusReplicas = (rss: readonly RSLike[]): number => rss.reduce((n, rs) => n + rs.statusReplicas, 0);
export const sumReadyReplicas = (rss: readonly RSLike[]): number => rss.reduce((n, rs) => n + (rs.readyReplicas ?? 0), 0);
export const sumAvailableReplicas = (rss: readonly RSLike[]): number =>
  rss.reduce((n, rs) => n + rs.availableReplicas, 0);

/** controller.ReplicaSetsByCreationTimestamp: oldest first, name breaks ties. */
export function byCreation(a: RSLike, b: RSLike): number {
  if (a.created !== b.created) return a.created - b.created;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** deploymentutil.ReplicaSetsByRevision: lowest revision first, creation order on ties. */
export function byRevision(a: RSLike, b: RSLike): number {
  const ra = a.revision ?? 0;
  const rb = b.revision ?? 0;
  return ra === rb ? byCreation(a, b) : ra - rb;
}

// ---------------------------------------------------------------------------------------------
// Scaling the new ReplicaSet up (rolling.go reconcileNewReplicaSet)

/**
 * NewRSNewReplicas. allRSs is every RS whose spec counts toward the pod total (normally the old
 * ones plus the new one). The fencepost does not apply: maxSurge is scaled on its own.
 */
export function newRSNewReplicas(d: DeploymentLike, allRSs: readonly RSLike[], newRS: RSLike): Scaled {
  const type: string = d.strategy.type;
  switch (type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(d.strategy.maxSurge, d.replicas, true);
      if (!surge.ok) return surge;
      const current = sumSpecReplicas(allRSs);
      const maxTotal = d.replicas + surge.value;
      if (current >= maxTotal) return { ok: true, value: newRS.specReplicas };
      const up = Math.min(maxTotal - current, d.replicas - newRS.specReplicas);
      return { ok: true, value: newRS.specReplicas + up };
    }
    case 'Recreate':
      return { ok: true, value: d.replicas };
    default:
      return { ok: false, error: `deployment type ${type} isn't supported` };
  }
}

/**
 * reconcileNewReplicaSet: the new RS's next spec size, or undefined when it should not change
 * (already at replicas, at the surge ceiling, or NewRSNewReplicas failed).
 */
export function reconcileNewReplicaSet(d: DeploymentLike, allRSs: readonly RSLike[], newRS: RSLike): number | undefined {
  if (newRS.specReplicas === d.replicas) return undefined;
  if (newRS.specReplicas > d.replicas) return d.replicas;
  const next = newRSNewReplicas(d, allRSs, newRS);
  if (!next.ok || next.value === newRS.specReplicas) return undefined;
  return next.value;
}

// ---------------------------------------------------------------------------------------------
// Scaling old ReplicaSets down (rolling.go reconcileOldReplicaSets)

/** One spec change, in the order the controller issues them (each one is one event). */
export interface ScaleStep {
  name: string;
  from: number;
  to: number;
}

export interface ScaleDownResult {
  /** The old RSs, oldest first, with their new spec sizes. */
  oldRSs: RSLike[];
  /** Replicas removed in total. */
  count: number;
  steps: ScaleStep[];
  /**
   * Set when an RS reports more available pods than its spec asks for (a status that has not
   * caught up with a scale-down): upstream refuses to "scale down" upwards and stops there.
   */
  error?: string;
}

/**
 * cleanupUnhealthyReplicas: oldest first, cut each old RS by its not-available pods, within
 * maxCleanupCount in total. RSs at 0 or fully available are skipped.
 */
export function cleanupUnhealthyReplicas(oldRSs: readonly RSLike[], maxCleanupCount: number): ScaleDownResult {
  const out = [...oldRSs].sort(byCreation);
  const steps: ScaleStep[] = [];
  let total = 0;
  for (let i = 0; i < out.length; i++) {
    const rs = out[i]!;
    if (total >= maxCleanupCount) break;
    if (rs.specReplicas === 0 || rs.specReplicas === rs.availableReplicas) continue;
    const cut = Math.min(maxCleanupCount - total, rs.specReplicas - rs.availableReplicas);
    const to = rs.specReplicas - cut;
    if (to > rs.specReplicas) {
      return { oldRSs: out, count: total, steps, error: `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.name} ${rs.specReplicas} -> ${to}` };
    }
    total += cut;
    steps.push({ name: rs.name, from: rs.specReplicas, to });
    out[i] = { ...rs, specReplicas: to };
  }
  return { oldRSs: out, count: total, steps };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: while available pods (summed over allRSs) exceed
 * minAvailable, cut old RSs oldest first by up to the excess.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(
  d: DeploymentLike,
  allRSs: readonly RSLike[],
  oldRSs: readonly RSLike[],
): ScaleDownResult {
  const minAvail = d.replicas - maxUnavailable(d);
  const available = sumAvailableReplicas(allRSs);
  const sorted = [...oldRSs].sort(byCreation);
  if (available <= minAvail) return { oldRSs: sorted, count: 0, steps: [] };
  const budget = available - minAvail;
  const steps: ScaleStep[] = [];
  let total = 0;
  const out = sorted.map((rs) => {
    if (total >= budget || rs.specReplicas === 0) return rs;
    const cut = Math.min(rs.specReplicas, budget - total);
    const to = rs.specReplicas - cut;
    total += cut;
    steps.push({ name: rs.name, from: rs.specReplicas, to });
    return { ...rs, specReplicas: to };
  });
  return { oldRSs: out, count: total, steps };
}

export interface OldRSReconcile {
  /** cleanup + scale-down removed more than 0 replicas. */
  scaled: boolean;
  /** New spec size of every old RS passed in. */
  sizes: Record<string, number>;
  steps: ScaleStep[];
  cleanedUp: number;
  scaledDown: number;
}

/**
 * reconcileOldReplicaSets. As upstream: allRSs is every RS (all old + new), oldRSs the *active*
 * old ones (spec > 0). The budget subtracts the new RS's unavailable pods, so a new RS that never
 * becomes Ready blocks any further scale-down ("case 1" in rolling.go).
 */
export function reconcileOldReplicaSets(
  d: DeploymentLike,
  allRSs: readonly RSLike[],
  oldRSs: readonly RSLike[],
  newRS: RSLike,
): OldRSReconcile {
  const sizes = Object.fromEntries(oldRSs.map((rs) => [rs.name, rs.specReplicas]));
  const nothing: OldRSReconcile = { scaled: false, sizes, steps: [], cleanedUp: 0, scaledDown: 0 };
  if (sumSpecReplicas(oldRSs) === 0) return nothing;

  const minAvail = d.replicas - maxUnavailable(d);
  const newUnavailable = newRS.specReplicas - newRS.availableReplicas;
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvail - newUnavailable;
  if (maxScaledDown <= 0) return nothing;

  const cleanup = cleanupUnhealthyReplicas(oldRSs, maxScaledDown);
  if (cleanup.error) {
    // reconcileOldReplicaSets swallows the error: what was cleaned up stays, nothing else moves.
    for (const rs of cleanup.oldRSs) sizes[rs.name] = rs.specReplicas;
    return { scaled: cleanup.count > 0, sizes, steps: cleanup.steps, cleanedUp: cleanup.count, scaledDown: 0 };
  }
  const down = scaleDownOldReplicaSetsForRollingUpdate(d, [...cleanup.oldRSs, newRS], cleanup.oldRSs);
  for (const rs of down.oldRSs) sizes[rs.name] = rs.specReplicas;
  return {
    scaled: cleanup.count + down.count > 0,
    sizes,
    steps: [...cleanup.steps, ...down.steps],
    cleanedUp: cleanup.count,
    scaledDown: down.count,
  };
}

export type RollingAction =
  | { kind: 'scaleNew'; step: ScaleStep }
  | { kind: 'scaleOld'; steps: ScaleStep[]; sizes: Record<string, number> }
  | { kind: 'none' };

/**
 * One sync of rolloutRolling: scale the new RS if it can move, otherwise scale old RSs down,
 * otherwise nothing (the caller then runs cleanup if the Deployment is complete and syncs status).
 * oldRSs is every old RS, including those already at 0.
 */
export function rollingStep(d: DeploymentLike, newRS: RSLike, oldRSs: readonly RSLike[]): RollingAction {
  const allRSs = [...oldRSs, newRS];
  const newSize = reconcileNewReplicaSet(d, allRSs, newRS);
  if (newSize !== undefined) return { kind: 'scaleNew', step: { name: newRS.name, from: newRS.specReplicas, to: newSize } };
  const active = oldRSs.filter((rs) => rs.specReplicas > 0);
  const old = reconcileOldReplicaSets(d, allRSs, active, newRS);
  if (old.scaled) return { kind: 'scaleOld', steps: old.steps, sizes: old.sizes };
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Scaling without a rollout (sync.go isScalingEvent, scale; deploymentutil.GetProportion)

const activeRSs = (rss: readonly (RSLike | undefined)[]): RSLike[] => rss.filter((rs): rs is RSLike => !!rs && rs.specReplicas > 0);

/** isScalingEvent: an active RS was sized for a different spec.replicas (its desired-replicas annotation). */
export function isScalingEvent(d: DeploymentLike, newRS: RSLike | undefined, oldRSs: readonly RSLike[]): boolean {
  return activeRSs([...oldRSs, newRS]).some((rs) => rs.desiredReplicas !== undefined && rs.desiredReplicas !== d.replicas);
}

/** FindActiveOrLatest: the only active RS; with none, the new RS or else the newest old one. */
export function findActiveOrLatest(newRS: RSLike | undefined, oldRSs: readonly RSLike[]): RSLike | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeRSs([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new RS has every replica, sized for this spec, and all of them available. */
export function isSaturated(d: DeploymentLike, newRS: RSLike | undefined): boolean {
  return !!newRS && newRS.specReplicas === d.replicas && newRS.desiredReplicas === d.replicas && newRS.availableReplicas === d.replicas;
}

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** getReplicaSetFraction: how many replicas this RS gains (or loses) in proportion to its size. */
function replicaSetFraction(rs: RSLike, d: DeploymentLike, statusReplicas: number): number {
  if (d.replicas === 0) return -rs.specReplicas;
  const maxNow = d.replicas + maxSurge(d);
  // Without the max-replicas annotation, upstream falls back to the Deployment's status.replicas.
  const maxBefore = rs.maxReplicas || statusReplicas;
  if (maxBefore === 0) return 0;
  return roundHalfAway((rs.specReplicas * maxNow) / maxBefore) - rs.specReplicas;
}

/** GetProportion: the fraction, capped by what is left to add (or remove). */
export function getProportion(rs: RSLike, d: DeploymentLike, toAdd: number, added: number, statusReplicas: number): number {
  if (rs.specReplicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d, statusReplicas);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export interface ScaleTo {
  name: string;
  to: number;
  /** Also rewrite the desired/max annotations when the size does not change (scaleReplicaSet does). */
  annotate: boolean;
}

/**
 * dc.scale: one active RS (or none) takes spec.replicas; a saturated new RS means the old ones go
 * to 0; otherwise, for RollingUpdate, replicas + maxSurge is shared out in proportion to each
 * active RS's size, larger first (newer first when scaling up, older first when scaling down),
 * with any rounding leftover going to the first.
 */
export function proportionalScale(d: DeploymentLike, newRS: RSLike | undefined, oldRSs: readonly RSLike[], statusReplicas: number): ScaleTo[] {
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) return only.specReplicas === d.replicas ? [] : [{ name: only.name, to: d.replicas, annotate: false }];
  if (isSaturated(d, newRS)) return activeRSs(oldRSs).map((rs) => ({ name: rs.name, to: 0, annotate: false }));
  if (!isRollingUpdate(d)) return [];
  const all = activeRSs([...oldRSs, newRS]);
  const allowedSize = d.replicas > 0 ? d.replicas + maxSurge(d) : 0;
  const toAdd = allowedSize - sumSpecReplicas(all);
  const bySize = (newerFirst: boolean) => (a: RSLike, b: RSLike): number => {
    if (a.specReplicas !== b.specReplicas) return b.specReplicas - a.specReplicas;
    return newerFirst ? byCreation(b, a) : byCreation(a, b);
  };
  if (toAdd > 0) all.sort(bySize(true));
  else if (toAdd < 0) all.sort(bySize(false));
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return rs.specReplicas;
    const p = getProportion(rs, d, toAdd, added, statusReplicas);
    added += p;
    return rs.specReplicas + p;
  });
  if (all.length > 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return all.map((rs, i) => ({ name: rs.name, to: sizes[i]!, annotate: true }));
}

// ---------------------------------------------------------------------------------------------
// Recreate (recreate.go rolloutRecreate)

export type RecreateAction =
  | { kind: 'scaleDownOld'; steps: ScaleStep[] }
  | { kind: 'waitForOldPods' }
  | { kind: 'createNew'; replicas: number }
  | { kind: 'scaleNew'; step: ScaleStep }
  | { kind: 'none' };

/**
 * One sync of rolloutRecreate. oldNonTerminalPods counts pods of other (old) RSs whose phase is
 * not Succeeded/Failed; current upstream ignores terminal pods while waiting (older releases
 * waited for every pod object to go). The new RS is created straight at d.replicas.
 */
export function recreateStep(
  d: DeploymentLike,
  newRS: RSLike | undefined,
  oldRSs: readonly RSLike[],
  oldNonTerminalPods: number,
): RecreateAction {
  const steps = oldRSs
    .filter((rs) => rs.specReplicas !== 0)
    .map((rs) => ({ name: rs.name, from: rs.specReplicas, to: 0 }));
  if (steps.length > 0) return { kind: 'scaleDownOld', steps };
  if (sumStatusReplicas(oldRSs) > 0 || oldNonTerminalPods > 0) return { kind: 'waitForOldPods' };
  if (newRS === undefined) return { kind: 'createNew', replicas: d.replicas };
  if (newRS.specReplicas !== d.replicas) {
    return { kind: 'scaleNew', step: { name: newRS.name, from: newRS.specReplicas, to: d.replicas } };
  }
  return { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Status and conditions (sync.go calculateStatus, progress.go syncRolloutStatus)

export interface ProgressCounts {
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

/** DeploymentComplete: everything updated and available, no old pods left, generation observed. */
export function deploymentComplete(
  d: DeploymentLike,
  status: { replicas: number; updatedReplicas: number; availableReplicas: number; observedGeneration?: number },
): boolean {
  return (
    status.updatedReplicas === d.replicas &&
    status.replicas === d.replicas &&
    status.availableReplicas === d.replicas &&
    (status.observedGeneration ?? 0) >= (d.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated/ready/available pods, or fewer old pods, than last time. */
export function deploymentProgressing(oldStatus: ProgressCounts, newStatus: ProgressCounts): boolean {
  const oldOld = oldStatus.replicas - oldStatus.updatedReplicas;
  const newOld = newStatus.replicas - newStatus.updatedReplicas;
  return (
    newStatus.updatedReplicas > oldStatus.updatedReplicas ||
    newOld < oldOld ||
    newStatus.readyReplicas > oldStatus.readyReplicas ||
    newStatus.availableReplicas > oldStatus.availableReplicas
  );
}

export function hasProgressDeadline(d: DeploymentLike): boolean {
  return d.progressDeadlineSeconds !== undefined && d.progressDeadlineSeconds !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: DeploymentLike): boolean {
  return d.revisionHistoryLimit !== undefined && d.revisionHistoryLimit !== MAX_INT32;
}

/**
 * DeploymentTimedOut, given the Progressing condition: a NewReplicaSetAvailable condition never
 * times out, a ProgressDeadlineExceeded one already has, otherwise lastUpdateTime + deadline < now.
 */
export function deploymentTimedOut(
  condition: Pick<DeploymentCondition, 'reason' | 'lastUpdateTime'> | undefined,
  progressDeadlineSeconds: number | undefined,
  now: number,
): boolean {
  if (progressDeadlineSeconds === undefined || progressDeadlineSeconds === MAX_INT32) return false;
  if (condition === undefined) return false;
  if (condition.reason === REASON_NEW_RS_AVAILABLE) return false;
  if (condition.reason === REASON_TIMED_OUT) return true;
  return condition.lastUpdateTime + progressDeadlineSeconds * 1000 < now;
}

/** The counters of calculateStatus. allRSs is every RS of the Deployment (old and new). */
export function calculateStatusCounts(allRSs: readonly RSLike[], newRS: RSLike | undefined): DeploymentStatusCounts {
  const available = sumAvailableReplicas(allRSs);
  return {
    replicas: sumStatusReplicas(allRSs),
    updatedReplicas: newRS ? newRS.statusReplicas : 0,
    readyReplicas: sumReadyReplicas(allRSs),
    availableReplicas: available,
    // Can go negative while scaling down (more available than desired); upstream clamps it.
    unavailableReplicas: Math.max(0, sumSpecReplicas(allRSs) - available),
  };
}

export function newCondition(
  type: DeploymentCondition['type'],
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): DeploymentCondition {
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

export function getCondition(
  conditions: readonly DeploymentCondition[],
  type: DeploymentCondition['type'],
): DeploymentCondition | undefined {
  return conditions.find((c) => c.type === type);
}

export function removeCondition(
  conditions: readonly DeploymentCondition[],
  type: DeploymentCondition['type'],
): DeploymentCondition[] {
  return conditions.filter((c) => c.type !== type);
}

/**
 * SetDeploymentCondition: same status and reason is a no-op (times kept); same status with a new
 * reason keeps lastTransitionTime; the condition then moves to the end of the list.
 */
export function setCondition(
  conditions: readonly DeploymentCondition[],
  condition: DeploymentCondition,
): DeploymentCondition[] {
  const current = getCondition(conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return [...conditions];
  const next = current && current.status === condition.status
    ? { ...condition, lastTransitionTime: current.lastTransitionTime }
    : condition;
  return [...removeCondition(conditions, condition.type), next];
}

/** The Available condition calculateStatus sets. */
export function availableCondition(d: DeploymentLike, availableReplicas: number, now: number): DeploymentCondition {
  return availableReplicas >= d.replicas - maxUnavailable(d)
    ? newCondition('Available', 'True', REASON_MIN_AVAILABLE, 'Deployment has minimum availability.', now)
    : newCondition('Available', 'False', REASON_MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', now);
}

export const newReplicaSetCreatedCondition = (rsName: string, now: number): DeploymentCondition =>
  newCondition('Progressing', 'True', REASON_NEW_RS_CREATED, `Created new replica set "${rsName}"`, now);

export const foundNewReplicaSetCondition = (rsName: string, now: number): DeploymentCondition =>
  newCondition('Progressing', 'True', REASON_FOUND_NEW_RS, `Found new replica set "${rsName}"`, now);

/** sync.go: "Failed to create new replica set %q: %v" (also the Warning event's message). */
export const failedReplicaSetCreateCondition = (rsName: string, err: string, now: number): DeploymentCondition =>
  newCondition('Progressing', 'False', REASON_FAILED_RS_CREATE, `Failed to create new replica set "${rsName}": ${err}`, now);

/** progress.go messages name the new RS, or the Deployment when there is none. */
function subject(deploymentName: string, newRSName: string | undefined): string {
  return newRSName === undefined ? `Deployment "${deploymentName}"` : `ReplicaSet "${newRSName}"`;
}

export const replicaSetUpdatedCondition = (deploymentName: string, newRSName: string | undefined, now: number) =>
  newCondition('Progressing', 'True', REASON_REPLICASET_UPDATED, `${subject(deploymentName, newRSName)} is progressing.`, now);

export const newReplicaSetAvailableCondition = (deploymentName: string, newRSName: string | undefined, now: number) =>
  newCondition('Progressing', 'True', REASON_NEW_RS_AVAILABLE, `${subject(deploymentName, newRSName)} has successfully progressed.`, now);

export const progressDeadlineExceededCondition = (deploymentName: string, newRSName: string | undefined, now: number) =>
  newCondition('Progressing', 'False', REASON_TIMED_OUT, `${subject(deploymentName, newRSName)} has timed out progressing.`, now);

/**
 * calculateStatus: counters from the RSs, conditions copied from the previous status, Available
 * recomputed (available >= replicas - MaxUnavailable).
 */
export function calculateStatus(
  d: DeploymentLike,
  allRSs: readonly RSLike[],
  newRS: RSLike | undefined,
  previousConditions: readonly DeploymentCondition[],
  now: number,
): DeploymentStatusLike {
  const counts = calculateStatusCounts(allRSs, newRS);
  return {
    observedGeneration: d.generation ?? 0,
    ...counts,
    conditions: setCondition(previousConditions, availableCondition(d, counts.availableReplicas, now)),
  };
}

/**
 * syncRolloutStatus (progress.go): calculateStatus plus the Progressing condition. Without a
 * deadline Progressing is dropped; once a rollout has completed it is left alone; otherwise it
 * becomes NewReplicaSetAvailable, ReplicaSetUpdated (lastUpdateTime bumped on any progress) or,
 * past the deadline, ProgressDeadlineExceeded. Kubernetes does nothing else on a timeout.
 */
export function syncRolloutStatus(args: {
  deploymentName: string;
  d: DeploymentLike;
  previous: DeploymentStatusLike;
  allRSs: readonly RSLike[];
  newRS: RSLike | undefined;
  now: number;
}): DeploymentStatusLike {
  const { deploymentName, d, previous, allRSs, newRS, now } = args;
  const status = calculateStatus(d, allRSs, newRS, previous.conditions, now);
  let conditions = status.conditions;
  if (!hasProgressDeadline(d)) conditions = removeCondition(conditions, 'Progressing');

  const currentCond = getCondition(previous.conditions, 'Progressing');
  const isCompleteDeployment =
    status.replicas === status.updatedReplicas && currentCond?.reason === REASON_NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, status)) {
      conditions = setCondition(conditions, newReplicaSetAvailableCondition(deploymentName, newRS?.name, now));
    } else if (deploymentProgressing(previous, status)) {
      // SetDeploymentCondition would ignore an unchanged reason, but here only lastUpdateTime
      // moves, so the old condition is removed first.
      let cond = replicaSetUpdatedCondition(deploymentName, newRS?.name, now);
      if (currentCond) {
        if (currentCond.status === 'True') cond = { ...cond, lastTransitionTime: currentCond.lastTransitionTime };
        conditions = removeCondition(conditions, 'Progressing');
      }
      conditions = setCondition(conditions, cond);
    } else if (deploymentTimedOut(getCondition(conditions, 'Progressing'), d.progressDeadlineSeconds, now)) {
      conditions = setCondition(conditions, progressDeadlineExceededCondition(deploymentName, newRS?.name, now));
    }
  }
  return { ...status, conditions };
}

/**
 * checkPausedConditions: with a deadline, a paused Deployment gets Unknown/DeploymentPaused and a
 * resumed one Unknown/DeploymentResumed, never overwriting ProgressDeadlineExceeded. Returns the
 * new condition list, or undefined when nothing changes.
 */
export function checkPausedConditions(
  d: DeploymentLike,
  conditions: readonly DeploymentCondition[],
  now: number,
): DeploymentCondition[] | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const cond = getCondition(conditions, 'Progressing');
  if (cond?.reason === REASON_TIMED_OUT) return undefined;
  const pausedCondExists = cond?.reason === REASON_PAUSED;
  if (d.paused && !pausedCondExists) {
    return setCondition(conditions, newCondition('Progressing', 'Unknown', REASON_PAUSED, 'Deployment is paused', now));
  }
  if (!d.paused && pausedCondExists) {
    return setCondition(conditions, newCondition('Progressing', 'Unknown', REASON_RESUMED, 'Deployment is resumed', now));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// History: cleanupDeployment and revisions

/**
 * cleanupDeployment: which old RSs to delete. Skipped without a limit (or MaxInt32). Only the
 * (count - limit) lowest revisions are looked at; any of those still holding replicas, with an
 * unobserved generation or already deleting is skipped and NOT replaced by a newer one.
 * A generation without observedGeneration is taken as observed.
 */
export function filterOldRSsToDelete(oldRSs: readonly RSLike[], revisionHistoryLimit: number | undefined): RSLike[] {
  if (revisionHistoryLimit === undefined || revisionHistoryLimit === MAX_INT32) return [];
  const cleanable = oldRSs.filter((rs) => !rs.deleting);
  const diff = cleanable.length - revisionHistoryLimit;
  if (diff <= 0) return [];
  return [...cleanable]
    .sort(byRevision)
    .slice(0, diff)
    .filter((rs) => {
      const gen = rs.generation ?? 0;
      const observed = rs.observedGeneration ?? gen;
      return rs.statusReplicas === 0 && rs.specReplicas === 0 && gen <= observed && !rs.deleting;
    });
}

/** MaxRevision over RSs (missing revision = 0). The new RS gets maxRevision(oldRSs) + 1. */
export function maxRevision(rss: readonly RSLike[]): number {
  return rss.reduce((m, rs) => Math.max(m, rs.revision ?? 0), 0);
}

/** LastRevision: the second-highest revision (0 if there is none). */
export function lastRevision(rss: readonly RSLike[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = rs.revision ?? 0;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) {
      second = v;
    }
  }
  return second;
}

/** sync.go maxRevHistoryLengthInChars: the revision-history annotation stays under ~100 entries. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

export interface RevisionAnnotations {
  /** deployment.kubernetes.io/revision; undefined when the annotation is absent. */
  revision?: string;
  /** deployment.kubernetes.io/revision-history; undefined when absent. */
  revisionHistory?: string;
}

/**
 * The revision part of SetNewReplicaSetAnnotations. The RS only ever moves to a higher revision.
 * If it already had one (a rollback re-used this RS), the old number is appended to the
 * comma-separated revision-history, dropping the oldest entries to stay within maxLength chars.
 * So `undo` creates a new revision number and the old one disappears from `rollout history`.
 */
export function setNewReplicaSetRevision(
  current: RevisionAnnotations,
  newRevision: number,
  maxLength: number = MAX_REV_HISTORY_LENGTH_IN_CHARS,
): { annotations: RevisionAnnotations; changed: boolean } {
  const old = current.revision;
  let oldInt = 0;
  if (old !== undefined && old !== '') {
    if (!/^[+-]?\d+$/.test(old)) return { annotations: { ...current }, changed: false };
    oldInt = Number(old);
  }
  if (!(oldInt < newRevision)) return { annotations: { ...current }, changed: false };

  const next: RevisionAnnotations = { ...current, revision: String(newRevision) };
  if (old !== undefined) {
    const history = current.revisionHistory ?? '';
    const entries = history.split(',');
    if ((entries[0] ?? '').length === 0) {
      next.revisionHistory = old;
    } else {
      let total = history.length + old.length + 1;
      let start = 0;
      while (total > maxLength && start < entries.length) {
        total -= (entries[start] ?? '').length + 1;
        start++;
      }
      if (total <= maxLength) next.revisionHistory = [...entries.slice(start), old].join(',');
    }
  }
  return { annotations: next, changed: true };
}

/** annotationsToSkip: never copied Deployment -> RS, and kept from the Deployment on rollback. */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** copyDeploymentAnnotationsToReplicaSet: the Deployment annotations the new RS inherits. */
export function annotationsCopiedToReplicaSet(deploymentAnnotations: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(deploymentAnnotations).filter(([k]) => !ANNOTATIONS_TO_SKIP.has(k)));
}

/** SetReplicasAnnotations on a new RS: desired-replicas and max-replicas (replicas + MaxSurge). */
export function replicasAnnotations(d: DeploymentLike): Record<string, string> {
  return {
    'deployment.kubernetes.io/desired-replicas': String(d.replicas),
    'deployment.kubernetes.io/max-replicas': String(d.replicas + maxSurge(d)),
  };
}
