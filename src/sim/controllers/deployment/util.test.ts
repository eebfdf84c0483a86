import { describe, expect, it } from 'vitest';
import type { IntOrString } from './intstr.ts';
import { DEPLOYMENT_DEFAULTS, deploymentLikeFromSpec } from './spec.ts';
import { MAX_INT32, type DeploymentCondition, type DeploymentLike, type DeploymentStatusLike, type RSLike } from './types.ts';
import {
  annotationsCopiedToReplicaSet,
  availableCondition,
  calculateStatus,
  calculateStatusCounts,
  checkPausedConditions,
  cleanupUnhealthyReplicas,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  failedReplicaSetCreateCondition,
  filterOldRSsToDelete,
  foundNewReplicaSetCondition,
  lastRevision,
  maxRevision,
  maxSurge,
  maxUnavailable,
  minAvailable,
  newCondition,
  newReplicaSetAvailableCondition,
  newReplicaSetCreatedCondition,
  newRSNewReplicas,
  progressDeadlineExceededCondition,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  recreateStep,
  replicaSetUpdatedCondition,
  replicasAnnotations,
  rollingStep,
  scaleDownOldReplicaSetsForRollingUpdate,
  setCondition,
  setNewReplicaSetRevision,
  syncRolloutStatus,
} from './util.ts';

function rolling(replicas: number, surge: IntOrString | undefined, unavail: IntOrString | undefined): DeploymentLike {
  const strategy: DeploymentLike['strategy'] = { type: 'RollingUpdate' };
  if (surge !== undefined) strategy.maxSurge = surge;
  if (unavail !== undefined) strategy.maxUnavailable = unavail;
  return { replicas, strategy };
}

function rs(name: string, created: number, spec: number, available: number, extra: Partial<RSLike> = {}): RSLike {
  return { name, created, specReplicas: spec, statusReplicas: spec, availableReplicas: available, ...extra };
}

describe('apps/v1 defaults (reference 1.1, SetDefaults_Deployment)', () => {
  const d = deploymentLikeFromSpec({});
  it.each<[string, unknown, unknown]>([
    ['spec.replicas', d.replicas, 1],
    ['spec.strategy.type', d.strategy.type, 'RollingUpdate'],
    ['rollingUpdate.maxUnavailable', d.strategy.maxUnavailable, '25%'],
    ['rollingUpdate.maxSurge', d.strategy.maxSurge, '25%'],
    ['spec.revisionHistoryLimit', d.revisionHistoryLimit, 10],
    ['spec.progressDeadlineSeconds', d.progressDeadlineSeconds, 600],
    ['spec.minReadySeconds', d.minReadySeconds, 0],
  ])('%s defaults to %j', (_field, got, want) => {
    expect(got).toEqual(want);
  });

  it('does not default the rollingUpdate block for Recreate', () => {
    expect(deploymentLikeFromSpec({ strategy: { type: 'Recreate' } }).strategy).toEqual({ type: 'Recreate' });
  });

  it('keeps given values, including int maxSurge and a partial rollingUpdate block', () => {
    const got = deploymentLikeFromSpec({ replicas: 0, strategy: { rollingUpdate: { maxSurge: 0 } }, paused: true }, 4);
    expect(got).toMatchObject({ replicas: 0, paused: true, generation: 4, strategy: { maxSurge: 0, maxUnavailable: '25%' } });
    expect(DEPLOYMENT_DEFAULTS.maxSurge).toBe('25%');
  });
});

describe('TestMaxUnavailable (maxSurge=1 in every row)', () => {
  it.each<[string, DeploymentLike, number]>([
    ['10 / 5', rolling(10, 1, 5), 5],
    ['10 / 10', rolling(10, 1, 10), 10],
    ['5 / 10 (capped at replicas)', rolling(5, 1, 10), 5],
    ['0 / 10', rolling(0, 1, 10), 0],
    ['Recreate', { replicas: 10, strategy: { type: 'Recreate' } }, 0],
    ['10 / 50%', rolling(10, 1, '50%'), 5],
    ['10 / 100%', rolling(10, 1, '100%'), 10],
    ['5 / 100%', rolling(5, 1, '100%'), 5],
  ])('%s -> %i', (_name, d, want) => {
    expect(maxUnavailable(d)).toBe(want);
  });

  it('reads an unparseable value as 0, like the ignored ResolveFenceposts error', () => {
    expect(maxUnavailable(rolling(10, 'oops', '50%'))).toBe(0);
    expect(maxSurge(rolling(10, 'oops', '50%'))).toBe(0);
  });
});

describe('DERIVED default 25%/25% (reference 1.2)', () => {
  it.each<[number, number, number, number, number]>([
    [0, 0, 0, 0, 0],
    [1, 1, 0, 1, 2],
    [2, 1, 0, 2, 3],
    [3, 1, 0, 3, 4],
    [4, 1, 1, 3, 5],
    [5, 2, 1, 4, 7],
    [10, 3, 2, 8, 13],
  ])('replicas %i: surge %i, maxUnavailable %i, min available %i, max pods %i', (replicas, surge, unavail, min, maxTotal) => {
    const d = rolling(replicas, '25%', '25%');
    expect([maxSurge(d), maxUnavailable(d), minAvailable(d), replicas + maxSurge(d)]).toEqual([surge, unavail, min, maxTotal]);
  });

  it('MinAvailable and MaxSurge are 0 for Recreate', () => {
    const d: DeploymentLike = { replicas: 3, strategy: { type: 'Recreate' } };
    expect([minAvailable(d), maxSurge(d)]).toEqual([0, 0]);
  });
});

describe('TestNewRSNewReplicas (allRSs = [rs5], maxUnavailable=1)', () => {
  const rs5 = rs('rs5', 1, 5, 5);
  it.each<[string, DeploymentLike, number, number]>([
    ['can not scale up', rolling(1, 1, 1), 5, 5],
    ['scale up to d.replicas', rolling(6, 10, 1), 2, 6],
    ['recreate', { replicas: 3, strategy: { type: 'Recreate' } }, 1, 3],
  ])('%s', (_name, d, newSpec, want) => {
    expect(newRSNewReplicas(d, [rs5], rs('new', 2, newSpec, 0))).toEqual({ ok: true, value: want });
  });

  it('errors like upstream on a nil maxSurge and on an unknown type', () => {
    expect(newRSNewReplicas(rolling(3, undefined, 1), [], rs('new', 2, 0, 0))).toEqual({ ok: false, error: 'nil value for IntOrString' });
    const odd = { replicas: 3, strategy: { type: 'Canary' } } as unknown as DeploymentLike;
    expect(newRSNewReplicas(odd, [], rs('new', 2, 0, 0))).toEqual({ ok: false, error: "deployment type Canary isn't supported" });
  });
});

describe('TestDeploymentController_reconcileNewReplicaSet (maxUnavailable=0, allRSs=[new, old])', () => {
  it.each<[number, number, number, number, number | undefined]>([
    [10, 0, 10, 0, undefined],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, undefined],
    [10, 2, 2, 11, 10],
  ])('replicas %i surge %i old %i new %i -> %s', (replicas, surge, oldSpec, newSpec, want) => {
    const oldRS = rs('old', 1, oldSpec, oldSpec);
    const newRS = rs('new', 2, newSpec, newSpec);
    expect(reconcileNewReplicaSet(rolling(replicas, surge, 0), [newRS, oldRS], newRS)).toBe(want);
  });
});

describe('TestDeploymentController_reconcileOldReplicaSets (maxSurge=0, replicas=10)', () => {
  it.each<[number, number, number, number, number, boolean, number]>([
    [0, 10, 0, 10, 0, true, 9],
    [2, 10, 0, 10, 0, true, 8],
    [2, 10, 0, 8, 0, true, 8],
    [2, 10, 0, 9, 0, true, 8],
    [2, 8, 2, 8, 0, false, 8],
  ])('maxUnavailable %i: old %i new %i, available old %i new %i -> scaled %s, old %i', (unavail, oldSpec, newSpec, oldAvail, newAvail, scaled, oldAfter) => {
    const oldRS = rs('foo-v2', 1, oldSpec, oldAvail);
    const newRS = rs('foo-v3', 2, newSpec, newAvail);
    const got = reconcileOldReplicaSets(rolling(10, 0, unavail), [oldRS, newRS], [oldRS], newRS);
    expect(got.scaled).toBe(scaled);
    expect(got.sizes['foo-v2']).toBe(oldAfter);
  });

  it('reports cleanup and scale-down as separate steps (one event each)', () => {
    const oldRS = rs('old', 1, 10, 9);
    const got = reconcileOldReplicaSets(rolling(10, 0, 2), [oldRS, rs('new', 2, 0, 0)], [oldRS], rs('new', 2, 0, 0));
    expect(got.steps).toEqual([
      { name: 'old', from: 10, to: 9 },
      { name: 'old', from: 9, to: 8 },
    ]);
    expect([got.cleanedUp, got.scaledDown]).toEqual([1, 1]);
  });

  it('does nothing when the active old RSs are already at 0', () => {
    const got = reconcileOldReplicaSets(rolling(10, 0, 2), [rs('new', 2, 10, 10)], [], rs('new', 2, 10, 10));
    expect(got.scaled).toBe(false);
  });
});

describe('TestDeploymentController_cleanupUnhealthyReplicas (old spec 10)', () => {
  it.each<[number, number, number]>([
    [8, 1, 1],
    [8, 3, 2],
    [8, 0, 0],
    [10, 3, 0],
  ])('available %i, maxCleanupCount %i -> cleaned %i', (available, maxCleanup, cleaned) => {
    const got = cleanupUnhealthyReplicas([rs('old', 1, 10, available)], maxCleanup);
    expect(got.count).toBe(cleaned);
    expect(got.oldRSs[0]?.specReplicas).toBe(10 - cleaned);
  });

  it('walks old RSs oldest first and skips those at 0 or fully available', () => {
    const got = cleanupUnhealthyReplicas([rs('c', 3, 4, 1), rs('zero', 0, 0, 0), rs('a', 1, 5, 5), rs('b', 2, 3, 1)], 4);
    expect(got.steps).toEqual([
      { name: 'b', from: 3, to: 1 },
      { name: 'c', from: 4, to: 2 },
    ]);
  });
});

describe('TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (allRSs=[old], maxSurge=0, replicas=10)', () => {
  it.each<[number, number, number, boolean, number]>([
    [0, 10, 10, true, 9],
    [2, 10, 10, true, 8],
    [2, 8, 10, false, 10],
    [2, 10, 0, false, 0],
    [2, 1, 10, false, 10],
  ])('maxUnavailable %i, available %i, old spec %i -> scaled %s, old %i', (unavail, available, spec, scaled, after) => {
    const oldRS = rs('old', 1, spec, available);
    const got = scaleDownOldReplicaSetsForRollingUpdate(rolling(10, 0, unavail), [oldRS], [oldRS]);
    expect(got.count > 0).toBe(scaled);
    expect(got.oldRSs[0]?.specReplicas).toBe(after);
  });

  it('takes the excess over minAvailable (7 - 3) from the oldest RS first', () => {
    const a = rs('a', 1, 2, 2);
    const b = rs('b', 2, 5, 5);
    const got = scaleDownOldReplicaSetsForRollingUpdate(rolling(4, 0, 1), [b, a], [b, a]);
    expect(got.steps).toEqual([
      { name: 'a', from: 2, to: 0 },
      { name: 'b', from: 5, to: 3 },
    ]);
  });
});

describe('rollingStep does one action per sync, new RS first', () => {
  it.each<[string, RSLike, RSLike[], ReturnType<typeof rollingStep>]>([
    ['scale up first', rs('new', 2, 0, 0), [rs('old', 1, 3, 3)], { kind: 'scaleNew', step: { name: 'new', from: 0, to: 1 } }],
    [
      'then down',
      rs('new', 2, 1, 1),
      [rs('old', 1, 3, 3), rs('older', 0, 0, 0)],
      { kind: 'scaleOld', steps: [{ name: 'old', from: 3, to: 2 }], sizes: { old: 2 } },
    ],
    ['nothing when done', rs('new', 2, 3, 3), [rs('old', 1, 0, 0)], { kind: 'none' }],
  ])('%s', (_name, newRS, oldRSs, want) => {
    expect(rollingStep(rolling(3, '25%', '25%'), newRS, oldRSs)).toEqual(want);
  });
});

describe('TestDeploymentComplete (desired, current, updated, available, maxUnavailable, maxSurge)', () => {
  it.each<[number, number, number, number, number, number, boolean]>([
    [5, 5, 5, 4, 1, 0, false],
    [5, 5, 5, 3, 1, 0, false],
    [5, 5, 5, 5, 0, 0, true],
    [5, 5, 4, 5, 0, 0, false],
    [1, 2, 1, 1, 0, 1, false],
    [1, 1, 1, 0, 1, 1, false],
  ])('(%i, %i, %i, %i, %i, %i) -> %s', (desired, current, updated, available, unavail, surge, want) => {
    const d = rolling(desired, surge, unavail);
    expect(deploymentComplete(d, { replicas: current, updatedReplicas: updated, availableReplicas: available })).toBe(want);
  });

  it('is not complete until the generation is observed', () => {
    const d = { ...rolling(1, 1, 0), generation: 3 };
    expect(deploymentComplete(d, { replicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 2 })).toBe(false);
    expect(deploymentComplete(d, { replicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 3 })).toBe(true);
  });
});

describe('TestDeploymentProgressing: (current, updated, ready, available) old -> new', () => {
  const s = (replicas: number, updatedReplicas: number, readyReplicas: number, availableReplicas: number) => ({
    replicas,
    updatedReplicas,
    readyReplicas,
    availableReplicas,
  });
  it.each<[number[], number[], boolean]>([
    [[10, 4, 4, 4], [10, 6, 4, 4], true],
    [[10, 4, 4, 4], [10, 4, 4, 4], false],
    [[10, 4, 6, 6], [8, 4, 6, 6], true],
    [[10, 7, 3, 3], [10, 6, 3, 3], false],
    [[10, 4, 7, 7], [8, 8, 5, 5], true],
    [[10, 10, 9, 8], [10, 10, 10, 8], true],
    [[10, 10, 10, 9], [10, 10, 10, 10], true],
  ])('%j -> %j = %s', (o, n, want) => {
    const [oc = 0, ou = 0, or = 0, oa = 0] = o;
    const [nc = 0, nu = 0, nr = 0, na = 0] = n;
    expect(deploymentProgressing(s(oc, ou, or, oa), s(nc, nu, nr, na))).toBe(want);
  });
});

describe('TestDeploymentTimedOut', () => {
  const at = (m: number, sec: number) => (m * 60 + sec) * 1000;
  it.each<[string, number | undefined, string, number, boolean]>([
    ['no progressDeadlineSeconds', undefined, 'ReplicaSetUpdated', at(1, 9), false],
    ['11 s since last update, deadline 10', 10, 'ReplicaSetUpdated', at(1, 9), true],
    ['9 s since last update, deadline 10', 10, 'ReplicaSetUpdated', at(1, 11), false],
    ['NewReplicaSetAvailable never times out', 10, 'NewReplicaSetAvailable', at(1, 9), false],
    ['already ProgressDeadlineExceeded', 10, 'ProgressDeadlineExceeded', at(1, 19), true],
    ['MaxInt32 means no deadline', MAX_INT32, 'ReplicaSetUpdated', 0, false],
    ['exactly at the deadline is not yet timed out', 10, 'ReplicaSetUpdated', at(1, 10), false],
  ])('%s', (_name, pds, reason, lastUpdate, want) => {
    expect(deploymentTimedOut({ reason, lastUpdateTime: lastUpdate }, pds, at(1, 20))).toBe(want);
  });

  it('is false without a Progressing condition', () => {
    expect(deploymentTimedOut(undefined, 10, at(9, 0))).toBe(false);
  });
});

describe('status counters (calculateStatus)', () => {
  it.each<[string, RSLike[], RSLike | undefined, ReturnType<typeof calculateStatusCounts>]>([
    [
      'mid rollout',
      [rs('old', 1, 2, 3, { statusReplicas: 3, readyReplicas: 3 }), rs('new', 2, 2, 1, { readyReplicas: 1 })],
      rs('new', 2, 2, 1, { readyReplicas: 1 }),
      { replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 },
    ],
    [
      'new pods not ready',
      [rs('old', 1, 3, 3, { readyReplicas: 3 }), rs('new', 2, 1, 0)],
      rs('new', 2, 1, 0),
      { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 },
    ],
    [
      'scaling down: unavailable clamps at 0',
      [rs('only', 1, 1, 3, { statusReplicas: 3 })],
      rs('only', 1, 1, 3, { statusReplicas: 3 }),
      { replicas: 3, updatedReplicas: 3, readyReplicas: 0, availableReplicas: 3, unavailableReplicas: 0 },
    ],
    ['no new RS yet', [rs('old', 1, 2, 2)], undefined, { replicas: 2, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 2, unavailableReplicas: 0 }],
  ])('%s', (_name, all, newRS, want) => {
    expect(calculateStatusCounts(all, newRS)).toEqual(want);
  });
});

describe('conditions (reference 1.5)', () => {
  it.each<[string, DeploymentLike, number, Partial<DeploymentCondition>]>([
    ['enough available', rolling(4, '25%', '25%'), 3, { status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }],
    ['too few available', rolling(4, '25%', '25%'), 2, { status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }],
    ['Recreate needs all', { replicas: 3, strategy: { type: 'Recreate' } }, 2, { status: 'False', reason: 'MinimumReplicasUnavailable' }],
    ['zero replicas', rolling(0, '25%', '25%'), 0, { status: 'True', reason: 'MinimumReplicasAvailable' }],
  ])('Available: %s', (_name, d, available, want) => {
    expect(availableCondition(d, available, 5)).toMatchObject({ type: 'Available', lastUpdateTime: 5, lastTransitionTime: 5, ...want });
  });

  it.each<[string, DeploymentCondition, string, string, string]>([
    ['created', newReplicaSetCreatedCondition('web-7d4b9c', 0), 'True', 'NewReplicaSetCreated', 'Created new replica set "web-7d4b9c"'],
    ['found', foundNewReplicaSetCondition('web-7d4b9c', 0), 'True', 'FoundNewReplicaSet', 'Found new replica set "web-7d4b9c"'],
    ['updated', replicaSetUpdatedCondition('web', 'web-7d4b9c', 0), 'True', 'ReplicaSetUpdated', 'ReplicaSet "web-7d4b9c" is progressing.'],
    ['updated, no RS', replicaSetUpdatedCondition('web', undefined, 0), 'True', 'ReplicaSetUpdated', 'Deployment "web" is progressing.'],
    ['available', newReplicaSetAvailableCondition('web', 'web-7d4b9c', 0), 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-7d4b9c" has successfully progressed.'],
    ['timed out', progressDeadlineExceededCondition('web', 'web-7d4b9c', 0), 'False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-7d4b9c" has timed out progressing.'],
    ['timed out, no RS', progressDeadlineExceededCondition('web', undefined, 0), 'False', 'ProgressDeadlineExceeded', 'Deployment "web" has timed out progressing.'],
    ['create error', failedReplicaSetCreateCondition('web-7d4b9c', 'quota exceeded', 0), 'False', 'ReplicaSetCreateError', 'Failed to create new replica set "web-7d4b9c": quota exceeded'],
  ])('Progressing: %s', (_name, c, status, reason, message) => {
    expect(c).toMatchObject({ type: 'Progressing', status, reason, message });
  });

  it.each<[string, DeploymentLike, DeploymentCondition[], Partial<DeploymentCondition> | undefined]>([
    ['pausing', { ...rolling(3, 1, 0), progressDeadlineSeconds: 600, paused: true }, [], { status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' }],
    [
      'resuming',
      { ...rolling(3, 1, 0), progressDeadlineSeconds: 600 },
      [newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', 1)],
      { status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed', lastTransitionTime: 1 },
    ],
    ['still paused: no update', { ...rolling(3, 1, 0), progressDeadlineSeconds: 600, paused: true }, [newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', 1)], undefined],
    ['timed out wins', { ...rolling(3, 1, 0), progressDeadlineSeconds: 600, paused: true }, [progressDeadlineExceededCondition('web', 'web-1', 1)], undefined],
    ['no deadline', { ...rolling(3, 1, 0), paused: true }, [], undefined],
  ])('checkPausedConditions: %s', (_name, d, conditions, want) => {
    const got = checkPausedConditions(d, conditions, 9);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got?.find((c) => c.type === 'Progressing')).toMatchObject(want);
  });

  it('setCondition: same status+reason is a no-op, same status keeps lastTransitionTime, and moves to the end', () => {
    const avail = newCondition('Available', 'True', 'MinimumReplicasAvailable', 'm', 1);
    const prog = newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'x', 1);
    expect(setCondition([prog, avail], { ...prog, lastUpdateTime: 9, lastTransitionTime: 9 })).toEqual([prog, avail]);
    expect(setCondition([prog, avail], replicaSetUpdatedCondition('d', 'rs', 9))).toEqual([
      avail,
      { ...replicaSetUpdatedCondition('d', 'rs', 9), lastTransitionTime: 1 },
    ]);
    expect(setCondition([prog], progressDeadlineExceededCondition('d', 'rs', 9))).toEqual([progressDeadlineExceededCondition('d', 'rs', 9)]);
  });
});

describe('syncRolloutStatus (progress.go)', () => {
  const d: DeploymentLike = { ...rolling(3, 1, 0), progressDeadlineSeconds: 600, generation: 2 };
  const status = (counts: Partial<DeploymentStatusLike>, conditions: DeploymentCondition[]): DeploymentStatusLike => ({
    observedGeneration: 2,
    replicas: 3,
    updatedReplicas: 0,
    readyReplicas: 3,
    availableReplicas: 3,
    unavailableReplicas: 0,
    conditions,
    ...counts,
  });
  const created = newReplicaSetCreatedCondition('web-new', 1_000);
  const oldRS = (spec: number) => rs('web-old', 1, spec, spec, { readyReplicas: spec });
  const newRS = (spec: number, avail: number) => rs('web-new', 2, spec, avail, { readyReplicas: avail });

  function progressing(s: DeploymentStatusLike) {
    return s.conditions.find((c) => c.type === 'Progressing');
  }

  it('progress bumps lastUpdateTime and keeps lastTransitionTime', () => {
    const prev = status({ replicas: 3, updatedReplicas: 0 }, [created]);
    const got = syncRolloutStatus({ deploymentName: 'web', d, previous: prev, allRSs: [oldRS(3), newRS(1, 1)], newRS: newRS(1, 1), now: 5_000 });
    expect(progressing(got)).toEqual({ ...replicaSetUpdatedCondition('web', 'web-new', 5_000), lastTransitionTime: 1_000 });
    expect(got.conditions.map((c) => c.type)).toEqual(['Available', 'Progressing']);
  });

  it('completion sets NewReplicaSetAvailable', () => {
    const prev = status({ replicas: 4, updatedReplicas: 3, availableReplicas: 3 }, [replicaSetUpdatedCondition('web', 'web-new', 2_000)]);
    const got = syncRolloutStatus({ deploymentName: 'web', d, previous: prev, allRSs: [oldRS(0), newRS(3, 3)], newRS: newRS(3, 3), now: 6_000 });
    expect(progressing(got)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-new" has successfully progressed.' });
  });

  it('no progress past the deadline sets ProgressDeadlineExceeded (and nothing else)', () => {
    const stuck = [oldRS(3), newRS(1, 0)];
    const prev = status({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1 }, [replicaSetUpdatedCondition('web', 'web-new', 0)]);
    const before = syncRolloutStatus({ deploymentName: 'web', d, previous: prev, allRSs: stuck, newRS: newRS(1, 0), now: 600_000 });
    expect(progressing(before)?.reason).toBe('ReplicaSetUpdated');
    const after = syncRolloutStatus({ deploymentName: 'web', d, previous: prev, allRSs: stuck, newRS: newRS(1, 0), now: 600_001 });
    expect(progressing(after)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-new" has timed out progressing.' });
  });

  it('leaves a completed rollout alone and drops Progressing without a deadline', () => {
    const done = newReplicaSetAvailableCondition('web', 'web-new', 1);
    const prev = status({ replicas: 3, updatedReplicas: 3 }, [done]);
    const got = syncRolloutStatus({ deploymentName: 'web', d, previous: prev, allRSs: [newRS(3, 2)], newRS: newRS(3, 2), now: 9 });
    expect(progressing(got)).toEqual(done);
    const noDeadline = syncRolloutStatus({ deploymentName: 'web', d: rolling(3, 1, 0), previous: prev, allRSs: [newRS(3, 3)], newRS: newRS(3, 3), now: 9 });
    expect(progressing(noDeadline)).toBeUndefined();
  });

  it('calculateStatus copies conditions, sets observedGeneration and Available', () => {
    const got = calculateStatus(d, [oldRS(3)], undefined, [created], 7);
    expect(got.observedGeneration).toBe(2);
    expect(got.conditions).toEqual([created, availableCondition(d, 3, 7)]);
  });
});

describe('cleanupDeployment: filterOldRSsToDelete (reference 1.7)', () => {
  const old = (name: string, revision: number, extra: Partial<RSLike> = {}) => rs(name, revision, 0, 0, { revision, ...extra });
  it.each<[string, RSLike[], number | undefined, string[]]>([
    ['under the limit', [old('r1', 1), old('r2', 2)], 2, []],
    ['deletes the lowest revisions', [old('r3', 3), old('r1', 1), old('r2', 2)], 1, ['r1', 'r2']],
    ['limit 0 deletes every idle old RS', [old('r1', 1), old('r2', 2)], 0, ['r1', 'r2']],
    ['no limit', [old('r1', 1), old('r2', 2)], undefined, []],
    ['MaxInt32', [old('r1', 1), old('r2', 2)], MAX_INT32, []],
    ['an RS with replicas is skipped, not replaced', [old('r1', 1, { specReplicas: 1 }), old('r2', 2), old('r3', 3)], 2, []],
    ['an RS with pods still running is skipped', [old('r1', 1, { statusReplicas: 1 }), old('r2', 2), old('r3', 3)], 1, ['r2']],
    ['an unobserved generation is skipped', [old('r1', 1, { generation: 2, observedGeneration: 1 }), old('r2', 2)], 0, ['r2']],
    ['deleting RSs do not count', [old('r1', 1, { deleting: true }), old('r2', 2), old('r3', 3)], 2, []],
    ['equal revisions fall back to creation order', [old('b', 1), old('a', 1)], 1, ['a']],
  ])('%s', (_name, rss, limit, want) => {
    expect(filterOldRSsToDelete(rss, limit).map((r) => r.name)).toEqual(want);
  });
});

describe('revisions (reference 1.6, 1.8)', () => {
  it.each<[number[], number, number]>([
    [[], 0, 0],
    [[1], 1, 0],
    [[1, 2, 3], 3, 2],
    [[3, 1, 3], 3, 3],
    [[5, 2], 5, 2],
  ])('max/last revision of %j = %i / %i', (revs, max, last) => {
    const rss = revs.map((r, i) => rs(`rs${i}`, i, 0, 0, { revision: r }));
    expect([maxRevision(rss), lastRevision(rss)]).toEqual([max, last]);
  });

  it.each<[string, { revision?: string; revisionHistory?: string }, number, number, { revision?: string; revisionHistory?: string }, boolean]>([
    ['brand new RS', {}, 3, 2000, { revision: '3' }, true],
    ['undo re-uses rev-1 RS: becomes 3, history "1"', { revision: '1' }, 3, 2000, { revision: '3', revisionHistory: '1' }, true],
    ['undo again: history appends', { revision: '3', revisionHistory: '1' }, 5, 2000, { revision: '5', revisionHistory: '1,3' }, true],
    ['never moves backwards', { revision: '7' }, 5, 2000, { revision: '7' }, false],
    ['same revision: nothing to do', { revision: '5' }, 5, 2000, { revision: '5' }, false],
    ['compares as numbers, not strings', { revision: '9' }, 10, 2000, { revision: '10', revisionHistory: '9' }, true],
    ['unparseable revision is left alone', { revision: 'x' }, 5, 2000, { revision: 'x' }, false],
    ['oldest entries dropped to fit the length limit', { revision: '4', revisionHistory: '1,2,3' }, 9, 6, { revision: '9', revisionHistory: '2,3,4' }, true],
  ])('%s', (_name, current, next, maxLen, want, changed) => {
    expect(setNewReplicaSetRevision(current, next, maxLen)).toEqual({ annotations: want, changed });
  });

  it('copies Deployment annotations to the RS except the skip list, and sets replica annotations', () => {
    expect(
      annotationsCopiedToReplicaSet({
        'kubernetes.io/change-cause': 'kubectl set image',
        'deployment.kubernetes.io/revision': '4',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
        team: 'a',
      }),
    ).toEqual({ 'kubernetes.io/change-cause': 'kubectl set image', team: 'a' });
    expect(replicasAnnotations(rolling(10, '25%', '25%'))).toEqual({
      'deployment.kubernetes.io/desired-replicas': '10',
      'deployment.kubernetes.io/max-replicas': '13',
    });
  });
});

describe('Recreate (reference 1.7): one step per sync', () => {
  const d: DeploymentLike = { replicas: 3, strategy: { type: 'Recreate' } };
  it.each<[string, RSLike | undefined, RSLike[], number, ReturnType<typeof recreateStep>]>([
    [
      '1. scale every active old RS to 0',
      undefined,
      [rs('v1', 1, 3, 3), rs('v0', 0, 0, 0), rs('v2', 2, 1, 1)],
      3,
      { kind: 'scaleDownOld', steps: [{ name: 'v1', from: 3, to: 0 }, { name: 'v2', from: 1, to: 0 }] },
    ],
    ['2. wait while old RSs still report pods', undefined, [rs('v1', 1, 0, 0, { statusReplicas: 2 })], 2, { kind: 'waitForOldPods' }],
    ['2. wait while old pods are not terminal', undefined, [rs('v1', 1, 0, 0)], 1, { kind: 'waitForOldPods' }],
    ['3. create the new RS at full size', undefined, [rs('v1', 1, 0, 0)], 0, { kind: 'createNew', replicas: 3 }],
    ['4. scale an existing new RS straight up', rs('v3', 3, 0, 0), [rs('v1', 1, 0, 0)], 0, { kind: 'scaleNew', step: { name: 'v3', from: 0, to: 3 } }],
    ['done', rs('v3', 3, 3, 3), [rs('v1', 1, 0, 0)], 0, { kind: 'none' }],
  ])('%s', (_name, newRS, oldRSs, pods, want) => {
    expect(recreateStep(d, newRS, oldRSs, pods)).toEqual(want);
  });
});
