// Scaling a Deployment without a rollout (sync.go isScalingEvent and scale, GetProportion).
// The mid-rollout vectors are the "Proportional scaling" example of the Deployment docs:
// 10 replicas, maxSurge 3, maxUnavailable 2, a rollout stuck with 8 old and 5 new pods.

import { describe, expect, it } from 'vitest';
import type { IntOrString } from './intstr.ts';
import type { DeploymentLike, RSLike } from './types.ts';
import { cleanupUnhealthyReplicas, findActiveOrLatest, getProportion, isSaturated, isScalingEvent, proportionalScale } from './util.ts';

function rolling(replicas: number, surge: IntOrString, unavail: IntOrString): DeploymentLike {
  return { replicas, strategy: { type: 'RollingUpdate', maxSurge: surge, maxUnavailable: unavail } };
}

function rs(name: string, created: number, spec: number, extra: Partial<RSLike> = {}): RSLike {
  return { name, created, specReplicas: spec, statusReplicas: spec, availableReplicas: spec, ...extra };
}

// The docs' stuck rollout: both RSs were sized for 10 replicas (max 13).
const old = rs('nginx-old', 1, 8, { desiredReplicas: 10, maxReplicas: 13 });
const fresh = rs('nginx-new', 2, 5, { desiredReplicas: 10, maxReplicas: 13, availableReplicas: 0 });

describe('proportional scaling (dc.scale)', () => {
  it.each<[string, number, Record<string, number>]>([
    ['the docs example: scale 10 -> 15 adds 3 to the old RS and 2 to the new', 15, { 'nginx-old': 11, 'nginx-new': 7 }],
    ['scale 10 -> 5 removes from the larger (older) RS first', 5, { 'nginx-old': 5, 'nginx-new': 3 }],
    ['scale to 0 empties both', 0, { 'nginx-old': 0, 'nginx-new': 0 }],
    ['no change in size keeps both (annotations only)', 10, { 'nginx-old': 8, 'nginx-new': 5 }],
  ])('%s', (_name, replicas, want) => {
    const steps = proportionalScale(rolling(replicas, 3, 2), fresh, [old], 13);
    expect(Object.fromEntries(steps.map((s) => [s.name, s.to]))).toEqual(want);
    // The total never exceeds replicas + maxSurge.
    expect(steps.reduce((n, s) => n + s.to, 0)).toBeLessThanOrEqual(replicas === 0 ? 0 : replicas + 3);
  });

  it('a single active RS simply takes spec.replicas', () => {
    expect(proportionalScale(rolling(5, '25%', '25%'), rs('a', 1, 3, { desiredReplicas: 3 }), [rs('b', 0, 0)], 3)).toEqual([{ name: 'a', to: 5, annotate: false }]);
  });

  it('a saturated new RS scales every old RS to 0', () => {
    const d = rolling(3, 1, 0);
    const newRS = rs('new', 2, 3, { desiredReplicas: 3 });
    expect(isSaturated(d, newRS)).toBe(true);
    expect(proportionalScale(d, newRS, [rs('old', 1, 1, { desiredReplicas: 3 })], 4)).toEqual([{ name: 'old', to: 0, annotate: false }]);
  });

  it('Recreate Deployments are not scaled proportionally', () => {
    expect(proportionalScale({ replicas: 15, strategy: { type: 'Recreate' } }, fresh, [old], 13)).toEqual([]);
  });

  it('without the max-replicas annotation the fraction uses status.replicas', () => {
    const bare = rs('x', 1, 4);
    expect(getProportion(bare, rolling(10, 2, 0), 4, 0, 8)).toBe(2); // round(4*12/8) - 4
  });
});

describe('isScalingEvent and FindActiveOrLatest', () => {
  it('an active RS sized for another spec.replicas is a scaling event', () => {
    expect(isScalingEvent(rolling(15, 3, 2), fresh, [old])).toBe(true);
    expect(isScalingEvent(rolling(10, 3, 2), fresh, [old])).toBe(false);
    // Inactive RSs and RSs without the annotation do not count.
    expect(isScalingEvent(rolling(15, 3, 2), undefined, [rs('z', 1, 0, { desiredReplicas: 3 }), rs('y', 1, 2)])).toBe(false);
  });

  it('finds the only active RS, or with none the new one, or the newest old one', () => {
    expect(findActiveOrLatest(fresh, [old])).toBeUndefined();
    expect(findActiveOrLatest(rs('n', 3, 0), [rs('o', 1, 2)])?.name).toBe('o');
    expect(findActiveOrLatest(rs('n', 3, 0), [rs('o', 1, 0)])?.name).toBe('n');
    expect(findActiveOrLatest(undefined, [rs('o1', 1, 0), rs('o2', 2, 0)])?.name).toBe('o2');
  });
});

describe('cleanupUnhealthyReplicas after a proportional scale-down', () => {
  it('refuses to "scale down" an RS whose status still counts more available pods than its spec', () => {
    const r = cleanupUnhealthyReplicas([rs('old', 1, 5, { availableReplicas: 11 })], 4);
    expect(r.steps).toEqual([]);
    expect(r.error).toBe('when cleaning up unhealthy replicas, got invalid request to scale down old 5 -> 11');
  });
});
