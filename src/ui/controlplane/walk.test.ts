import { describe, expect, it } from 'vitest';
import { lab } from '../../../tests/lab.ts';
import { buildWalk } from './walk.ts';

const walkOf = (l: ReturnType<typeof lab>, every = false) => buildWalk(l.cluster.trace.since(0), (k) => l.cluster.store.info(k).plural, { every, limit: 500 });

describe('the control plane walk', () => {
  it('follows the last kubectl command and what it set off, without heartbeats', () => {
    const l = lab();
    l.run('kubectl create deployment web --image=nginx:1.27 --replicas=2').advance('15s');
    const w = walkOf(l);
    expect(w.root).toMatchObject({ kind: 'Deployment', name: 'web' });
    const first = w.steps[0]!;
    expect(first).toMatchObject({ writer: 'kubectl', verb: 'create', kind: 'Deployment', key: '/registry/deployments/default/web' });
    expect(first.hops).toEqual([
      { from: 'kubectl', to: 'kube-apiserver', kind: 'request' },
      { from: 'kube-apiserver', to: 'etcd', kind: 'store' },
      { from: 'kube-apiserver', to: 'kube-controller-manager', kind: 'watch' },
    ]);
    const kinds = new Set(w.steps.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['Deployment', 'Event', 'Pod', 'ReplicaSet']);
    const binds = w.steps.filter((s) => s.verb === 'bind');
    expect(binds).toHaveLength(2);
    for (const b of binds) expect(b.hops.map((h) => h.to)).toContain(`kubelet/${b.detail}`);
    expect(w.steps.filter((s) => s.kind === 'Event').map((s) => s.detail)).toEqual(expect.arrayContaining(['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started']));
  });

  it('moves on to the next kubectl command, and takes a Service with its Endpoints', () => {
    const l = lab();
    l.run('kubectl create deployment web --image=nginx:1.27').advance('15s');
    l.run('kubectl expose deployment web --port 80').advance('2s');
    const w = walkOf(l);
    expect(w.root).toMatchObject({ kind: 'Service', name: 'web' });
    expect(new Set(w.steps.map((s) => s.kind))).toEqual(new Set(['Service', 'Endpoints', 'EndpointSlice']));
    expect(w.steps.find((s) => s.kind === 'EndpointSlice')!.hops.map((h) => h.to)).toContain('kube-proxy');
  });

  it('has nothing to follow before kubectl writes, and shows every write on request', () => {
    const l = lab();
    expect(walkOf(l).steps).toEqual([]);
    const all = walkOf(l, true);
    expect(all.steps.length).toBeGreaterThan(10);
    expect(all.steps.some((s) => s.kind === 'Lease')).toBe(false);
  });
});
