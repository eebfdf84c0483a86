// Where the default scheduler puts pods on the lab's cluster (controlplane tainted, node01,
// node02), as a real v1.31 cluster does: a Deployment's replicas spread (PodTopologySpread's
// system defaults outweigh the small resource differences), and a preferred node affinity wins.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../src/sim/api.ts';
import { lab } from './lab.ts';

function placement(l: ReturnType<typeof lab>, selector: (p: Pod) => boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of l.cluster.store.list<Pod>('Pod', 'default').filter(selector)) {
    const n = p.spec?.nodeName ?? '<none>';
    out[n] = (out[n] ?? 0) + 1;
  }
  return out;
}

const isWeb = (p: Pod): boolean => p.metadata.labels?.['app'] === 'web';

describe('default scheduler placement', () => {
  it.each([1, 2, 3, 7])('3 replicas of a Deployment land 2+1 over node01/node02 (seed %i)', (seed) => {
    const l = lab({ seed });
    l.kubectl('create deployment web --image=nginx:1.27 --replicas=3');
    l.advance('10s');
    const counts = Object.values(placement(l, isWeb)).sort();
    expect(counts).toEqual([1, 2]);
    expect(Object.keys(placement(l, isWeb)).sort()).toEqual(['node01', 'node02']);
  });

  it('4 replicas land 2+2, also when scaled up one at a time', () => {
    const l = lab();
    l.kubectl('create deployment web --image=nginx:1.27 --replicas=4');
    l.advance('10s');
    expect(placement(l, isWeb)).toEqual({ node01: 2, node02: 2 });
    const m = lab();
    m.kubectl('create deployment web --image=nginx:1.27 --replicas=1');
    for (let r = 2; r <= 4; r++) {
      m.advance('5s');
      m.kubectl(`scale deployment web --replicas=${r}`);
    }
    m.advance('10s');
    expect(placement(m, isWeb)).toEqual({ node01: 2, node02: 2 });
  });

  it('a preferred node affinity sends the pod where preferred', () => {
    for (const target of ['node01', 'node02']) {
      const l = lab();
      l.apply(`apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: kubernetes.io/hostname
            operator: In
            values: [${target}]
  containers:
  - name: app
    image: nginx:1.27`);
      l.advance('5s');
      expect(l.pod('picky')?.spec?.nodeName).toBe(target);
      const decision = l.cluster.scheduler.decisions.find((d) => d.pod === 'default/picky');
      expect(decision?.scores?.[0]).toMatchObject({ node: target, plugins: { NodeAffinity: 100 } });
    }
  });

  it('records every plugin score and the weighted total in the decision', () => {
    const l = lab();
    l.kubectl('create deployment web --image=nginx:1.27 --replicas=2');
    l.advance('5s');
    const decisions = l.cluster.scheduler.decisions.filter((d) => d.pod.startsWith('default/web-'));
    expect(decisions).toHaveLength(2);
    for (const d of decisions) {
      expect(d.scores?.map((s) => s.node).sort()).toEqual(['node01', 'node02']);
      for (const s of d.scores ?? []) {
        const { TaintToleration = 0, NodeAffinity = 0, PodTopologySpread = 0, InterPodAffinity = 0, NodeResourcesFit = 0, NodeResourcesBalancedAllocation = 0, ImageLocality = 0 } = s.plugins;
        expect(s.total).toBe(3 * TaintToleration + 2 * NodeAffinity + 2 * PodTopologySpread + 2 * InterPodAffinity + NodeResourcesFit + NodeResourcesBalancedAllocation + ImageLocality);
        expect(s.plugins.PodTopologySpread).toBeDefined();
      }
      expect(d.node).toBe(d.scores?.[0]?.node);
    }
    // The second replica goes to the node without the first one.
    expect(new Set(decisions.map((d) => d.node)).size).toBe(2);
  });

  it('is deterministic for a seed, ties included', () => {
    const run = (): string[] => {
      const l = lab({ seed: 11 });
      l.kubectl('create deployment web --image=nginx:1.27 --replicas=5');
      l.advance('10s');
      return l.cluster.store
        .list<Pod>('Pod', 'default')
        .filter(isWeb)
        .map((p) => `${p.metadata.name}@${p.spec?.nodeName}`)
        .sort();
    };
    expect(run()).toEqual(run());
  });
});
