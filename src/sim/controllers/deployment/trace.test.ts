// Reproduces the DERIVED rollout traces of reference 1.4 with the real step functions: each
// loop turn is one sync of rolloutRolling (new RS first, else old RSs, one action), and between
// syncs the ReplicaSet controller "catches up": status follows spec, new pods become available
// (unless the row says they never get Ready) and scaled-down old pods are gone.

import { describe, expect, it } from 'vitest';
import type { IntOrString } from './intstr.ts';
import type { DeploymentLike, RSLike } from './types.ts';
import { rollingStep, sumSpecReplicas } from './util.ts';

interface Outcome {
  steps: string[];
  newRS: RSLike;
  oldRS: RSLike;
}

function simulate(replicas: number, surge: IntOrString, unavail: IntOrString, newPodsReady = true): Outcome {
  const d: DeploymentLike = { replicas, strategy: { type: 'RollingUpdate', maxSurge: surge, maxUnavailable: unavail } };
  let newRS: RSLike = { name: 'new', created: 2, specReplicas: 0, statusReplicas: 0, availableReplicas: 0 };
  let oldRS: RSLike = { name: 'old', created: 1, specReplicas: replicas, statusReplicas: replicas, availableReplicas: replicas };
  const steps: string[] = [];
  for (let sync = 0; sync < 100; sync++) {
    const action = rollingStep(d, newRS, [oldRS]);
    if (action.kind === 'none') break;
    if (action.kind === 'scaleNew') {
      steps.push(`new ${action.step.from}→${action.step.to}`);
      const spec = action.step.to;
      newRS = { ...newRS, specReplicas: spec, statusReplicas: spec, availableReplicas: newPodsReady ? spec : 0 };
    } else {
      for (const s of action.steps) steps.push(`old ${s.from}→${s.to}`);
      const spec = action.sizes[oldRS.name] ?? oldRS.specReplicas;
      oldRS = { ...oldRS, specReplicas: spec, statusReplicas: spec, availableReplicas: Math.min(oldRS.availableReplicas, spec) };
    }
  }
  return { steps, newRS, oldRS };
}

describe('DERIVED rollout traces (reference 1.4)', () => {
  it.each<[string, number, IntOrString, IntOrString, string]>([
    ['3 / 25% / 25% (→1/0)', 3, '25%', '25%', 'new 0→1, old 3→2, new 1→2, old 2→1, new 2→3, old 1→0'],
    ['4 / 25% / 25% (→1/1)', 4, '25%', '25%', 'new 0→1, old 4→2, new 1→3, old 2→0, new 3→4'],
    ['10 / 3 / 2', 10, 3, 2, 'new 0→3, old 10→5, new 3→8, old 5→0, new 8→10'],
    ['3 / 0 / 1', 3, 0, 1, 'old 3→2, new 0→1, old 2→1, new 1→2, old 1→0, new 2→3'],
  ])('%s', (_name, replicas, surge, unavail, want) => {
    const got = simulate(replicas, surge, unavail);
    expect(got.steps.join(', ')).toBe(want);
    expect([got.newRS.specReplicas, got.oldRS.specReplicas]).toEqual([replicas, 0]);
  });

  it.each<[string, number, string, number, number]>([
    ['3 / 25% / 25%: new 0→1, then stuck; old stays at 3 (pod count 4)', 3, 'new 0→1', 1, 3],
    ['10 / 25% / 25%: "case 1" of the rolling.go comment', 10, 'new 0→3, old 10→8, new 3→5', 5, 8],
  ])('new pods never Ready, %s', (_name, replicas, want, newSpec, oldSpec) => {
    const got = simulate(replicas, '25%', '25%', false);
    expect(got.steps.join(', ')).toBe(want);
    expect([got.newRS.specReplicas, got.oldRS.specReplicas]).toEqual([newSpec, oldSpec]);
    expect(sumSpecReplicas([got.newRS, got.oldRS])).toBe(replicas + Math.ceil(replicas / 4));
  });
});

describe('the ResolveFenceposts comment in deployment_util.go', () => {
  it.each<[number, IntOrString, IntOrString, string]>([
    [2, '1%', '0%', 'old 2→1, new 0→1, old 1→0, new 1→2'],
    [1, '1%', '0%', 'old 1→0, new 0→1'],
    [2, '25%', '1%', 'new 0→1, old 2→1, new 1→2, old 1→0'],
    [1, '25%', '1%', 'new 0→1, old 1→0'],
    [2, '0%', '1%', 'new 0→1, old 2→1, new 1→2, old 1→0'],
    [1, '0%', '1%', 'new 0→1, old 1→0'],
  ])('%i desired, max unavailable %s, surge %s', (replicas, unavail, surge, want) => {
    expect(simulate(replicas, surge, unavail).steps.join(', ')).toBe(want);
  });
});
