// The control plane walk: every API write is recorded with the component that made it and the
// components watching (src/sim/trace.ts), so a `kubectl create deployment` can be followed
// through the API server, the controllers, the scheduler and a kubelet. And the scheduler is a
// static pod: with its manifest moved away, new pods wait in Pending until it comes back.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/sim/clock.ts';
import { SeededRandom } from '../src/sim/random.ts';
import { ObjectStore } from '../src/sim/store/store.ts';
import { ControlPlaneTrace, deliveredTo, etcdKey, writeVerb, type TraceEntry } from '../src/sim/trace.ts';
import { lab } from './lab.ts';

const quiet = (e: TraceEntry) => e.object.kind !== 'Lease' && e.object.kind !== 'Node' && e.object.kind !== 'Event';

describe('the control plane trace', () => {
  it('follows kubectl create deployment from kubectl to the kubelet, writer by writer', () => {
    const l = lab();
    const from = l.cluster.trace.last;
    l.run('kubectl create deployment web --image=nginx:1.27').advance('10s');
    const walk = l.cluster.trace.since(from).filter(quiet);
    const steps = walk.map((e) => `${e.writer} ${writeVerb(e)} ${e.object.kind}`);
    const order = [
      'kubectl create Deployment',
      'kube-controller-manager/deployment create ReplicaSet',
      'kube-controller-manager/replicaset create Pod',
      'kube-scheduler bind Pod',
    ];
    let at = -1;
    for (const s of order) {
      const i = steps.indexOf(s, at + 1);
      expect(i, `${s} after step ${at} in\n${steps.join('\n')}`).toBeGreaterThan(at);
      at = i;
    }
    const pod = walk.find((e) => writeVerb(e) === 'bind')!.object as { spec?: { nodeName?: string } };
    const kubelet = `kubelet/${pod.spec?.nodeName}`;
    expect(steps.slice(at)).toContain(`${kubelet} update-status Pod`);
    // Each write reaches the components that act on it.
    expect(deliveredTo(walk[0]!)).toEqual(['kube-controller-manager']);
    expect(deliveredTo(walk.find((e) => writeVerb(e) === 'bind')!)).toContain(kubelet);
    expect(deliveredTo(walk.find((e) => e.object.kind === 'Pod' && writeVerb(e) === 'create')!)).toContain('kube-scheduler');
  });

  it('names the events each component records', () => {
    const l = lab();
    const from = l.cluster.trace.last;
    l.run('kubectl run solo --image=nginx:1.27').advance('10s');
    const events = l.cluster.trace
      .since(from)
      .filter((e) => e.object.kind === 'Event')
      .map((e) => `${e.writer.split('/')[0]} ${(e.object as { reason?: string }).reason}`);
    expect(events[0]).toBe('kube-scheduler Scheduled');
    expect(events).toEqual(expect.arrayContaining(['kubelet Pulling', 'kubelet Pulled', 'kubelet Created', 'kubelet Started']));
  });

  it.each([
    ['Pod', 'default', 'web-1', 'pods', '/registry/pods/default/web-1'],
    ['Deployment', 'default', 'web', 'deployments', '/registry/deployments/default/web'],
    ['Service', 'default', 'web', 'services', '/registry/services/specs/default/web'],
    ['Endpoints', 'default', 'web', 'endpoints', '/registry/services/endpoints/default/web'],
    ['Ingress', 'default', 'web', 'ingresses', '/registry/ingress/default/web'],
    ['Node', undefined, 'node01', 'nodes', '/registry/nodes/node01'],
  ])('etcd keeps a %s at its registry key', (kind, namespace, name, plural, key) => {
    expect(etcdKey({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } }, plural)).toBe(key);
  });

  it('keeps only the last entries, in order', () => {
    const clock = new VirtualClock();
    const store = new ObjectStore(clock, new SeededRandom(1), () => undefined);
    const trace = new ControlPlaneTrace(store, () => clock.now, 5);
    for (let i = 0; i < 12; i++) clock.as('kubectl', () => store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns${i}` } }));
    expect(trace.since(0).map((e) => e.object.metadata.name)).toEqual(['ns7', 'ns8', 'ns9', 'ns10', 'ns11']);
    expect(trace.since(10).map((e) => e.seq)).toEqual([11, 12]);
    expect(trace.since(0).every((e) => e.writer === 'kubectl')).toBe(true);
    expect(trace.last).toBe(12);
  });
});

describe('the scheduler is a static pod', () => {
  it('schedules nothing while its manifest is out of the folder, and catches up when it is back', () => {
    const l = lab();
    l.run('ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/').advance('30s');
    expect(l.kubectl('get pods -n kube-system -o name')).not.toContain('kube-scheduler-controlplane');
    l.run('kubectl run waiting --image=nginx:1.27').advance('1m');
    expect(l.pod('waiting')?.status?.phase).toBe('Pending');
    expect(l.pod('waiting')?.spec?.nodeName).toBeUndefined();
    expect(l.kubectl('get pod waiting')).toMatch(/waiting\s+0\/1\s+Pending\s+0/);
    // No scheduler, so no FailedScheduling either: the pod has no events at all.
    expect(l.events('waiting')).toEqual([]);
    l.run('ssh controlplane mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/').advance('40s');
    expect(l.kubectl('get pods -n kube-system -o name')).toContain('kube-scheduler-controlplane');
    expect(l.pod('waiting')?.status?.phase).toBe('Running');
    expect(l.events('waiting').map((e) => e.reason)[0]).toBe('Scheduled');
  });

  it('keeps scheduling when only the mirror pod is deleted', () => {
    const l = lab();
    l.run('kubectl delete pod kube-scheduler-controlplane -n kube-system').run('kubectl run fine --image=nginx:1.27').advance('10s');
    expect(l.pod('fine')?.status?.phase).toBe('Running');
  });
});

describe('kube-controller-manager is a static pod', () => {
  it('replaces no deleted pod while its manifest is out of the folder, and catches up when it is back', () => {
    const l = lab();
    l.run('kubectl create deployment web --image=nginx:1.27 --replicas=2').advance('30s');
    const before = l.kubectl('get pods -l app=web -o name').trim().split('\n');
    expect(before).toHaveLength(2);
    l.run('ssh controlplane mv /etc/kubernetes/manifests/kube-controller-manager.yaml /tmp/').advance('30s');
    expect(l.kubectl('get pods -n kube-system -o name')).not.toContain('kube-controller-manager-controlplane');
    l.run(`kubectl delete ${before[0]}`).advance('1m');
    // The ReplicaSet controller is not running: one pod left, and nothing notices.
    expect(l.kubectl('get pods -l app=web -o name').trim().split('\n')).toHaveLength(1);
    expect(l.kubectl('get rs')).toMatch(/web-\w+\s+2\s+2\s+2/);
    // The scheduler still runs: a bare pod is scheduled and starts.
    l.run('kubectl run bare --image=nginx:1.27').advance('20s');
    expect(l.pod('bare')?.status?.phase).toBe('Running');
    l.run('ssh controlplane mv /tmp/kube-controller-manager.yaml /etc/kubernetes/manifests/').advance('40s');
    expect(l.kubectl('get pods -n kube-system -o name')).toContain('kube-controller-manager-controlplane');
    const after = l.kubectl('get pods -l app=web -o name').trim().split('\n');
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
  });
  it('runs no Job and collects no garbage while it is down, and does both when it is back', () => {
    const l = lab();
    l.run('kubectl create deployment web --image=nginx:1.27').advance('20s');
    l.run('ssh controlplane mv /etc/kubernetes/manifests/kube-controller-manager.yaml /tmp/').advance('30s');
    l.run('kubectl create job once --image=busybox:1.36 -- echo done').run('kubectl delete deployment web').advance('1m');
    // The Job has no pod, and the Deployment's ReplicaSet and pod are still there (no garbage collector).
    expect(l.kubectl('get pods -l job-name=once')).toBe('No resources found in default namespace.\n');
    expect(l.kubectl('get rs -o name')).toMatch(/^replicaset\.apps\/web-/);
    l.run('ssh controlplane mv /tmp/kube-controller-manager.yaml /etc/kubernetes/manifests/').advance('1m');
    expect(l.kubectl('get job once')).toMatch(/once\s+Complete\s+1\/1/);
    expect(l.kubectl('get rs')).toBe('No resources found in default namespace.\n');
  });
});

describe('a stopped component hears nothing in the trace', () => {
  it('leaves the scheduler and the controller manager out of the watchers while their static pods are down', () => {
    const l = lab();
    const heard = (): string[] => {
      const last = l.cluster.trace.since(0).filter((e) => e.object.kind === 'Pod' && e.type === 'ADDED').at(-1);
      return last?.watchers ?? [];
    };
    l.run('kubectl run one --image=nginx:1.27').advance('5s');
    expect(heard()).toContain('kube-scheduler');
    expect(heard().some((w) => w.startsWith('kube-controller-manager'))).toBe(true);
    l.run('ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/').run('ssh controlplane mv /etc/kubernetes/manifests/kube-controller-manager.yaml /tmp/').advance('30s');
    l.run('kubectl run two --image=nginx:1.27').advance('5s');
    expect(heard()).not.toContain('kube-scheduler');
    expect(heard().some((w) => w.startsWith('kube-controller-manager'))).toBe(false);
    expect(heard().some((w) => w.startsWith('kubelet/'))).toBe(true);
  });
});

describe('kubectl get --sort-by', () => {
  it('lists events in the order they were first recorded', () => {
    const l = lab();
    l.run('kubectl create deployment web --image=nginx:1.27').advance('20s');
    const reasons = l
      .kubectl('get events --sort-by=.metadata.creationTimestamp')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[2]);
    expect(reasons.indexOf('ScalingReplicaSet')).toBeLessThan(reasons.indexOf('Pulling'));
    expect(reasons.indexOf('Pulling')).toBeLessThan(reasons.indexOf('Started'));
  });

  it.each([
    ['{.metadata.name}', ['a', 'b', 'c']],
    ['.spec.replicas', ['c', 'a', 'b']],
  ])('sorts by %s', (field, names) => {
    const l = lab();
    for (const [n, r] of [['b', 10], ['a', 2], ['c', 1]] as const) l.run(`kubectl create deployment ${n} --image=nginx:1.27 --replicas=${r}`);
    expect(l.kubectl(`get deploy --sort-by=${field} -o name`).trim().split('\n')).toEqual(names.map((n) => `deployment.apps/${n}`));
  });
});
