// Node faults: cordon/uncordon, drain and its refusals, and a stopped kubelet — the node goes
// Unknown after the node monitor grace period, gets the unreachable taints, its pods are evicted
// when their toleration runs out, replacements start elsewhere, and a restarted kubelet brings
// the node back and finishes the deletions.

import { describe, expect, it } from 'vitest';
import { lab, type Lab } from './lab.ts';
import type { Node, Pod } from '../src/sim/api.ts';

const node = (l: Lab, name: string): Node => l.cluster.store.get<Node>('Node', undefined, name)!;
const ready = (n: Node) => (n.status?.conditions ?? []).find((c) => c.type === 'Ready');
const taintKeys = (n: Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const webPods = (l: Lab) => l.cluster.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'web');

/** A Deployment of 2 on node02, a bare pod and a DaemonSet pod (kube-proxy) on node01. */
function workloads(l: Lab): Lab {
  l.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        kubernetes.io/hostname: node02
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  nodeName: node01
  containers:
  - name: app
    image: nginx:1.27`);
  return l.advance('20s');
}

/** Stop the kubelet the way a CKA task does it. */
function stopKubelet(l: Lab, name: string): string {
  l.run(`ssh ${name}\nsystemctl stop kubelet\nsystemctl status kubelet\nexit`);
  return l.last;
}

describe('cordon and uncordon', () => {
  it('prints what kubectl prints and marks the node SchedulingDisabled', () => {
    const l = lab();
    expect(l.kubectl('cordon node01')).toBe('node/node01 cordoned\n');
    expect(l.kubectl('cordon node01')).toBe('node/node01 already cordoned\n');
    expect(node(l, 'node01').spec?.unschedulable).toBe(true);
    expect(l.kubectl('get nodes')).toMatch(/node01\s+Ready,SchedulingDisabled\s/);
    // The node lifecycle controller mirrors spec.unschedulable into a NoSchedule taint.
    l.advance('1s');
    expect(taintKeys(node(l, 'node01'))).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(l.kubectl('uncordon node01')).toBe('node/node01 uncordoned\n');
    expect(l.kubectl('uncordon node01')).toBe('node/node01 already uncordoned\n');
    expect(node(l, 'node01').spec?.unschedulable).toBeUndefined();
    l.advance('1s');
    expect(node(l, 'node01').spec?.taints).toBeUndefined();
  });

  it('keeps new pods off a cordoned node', () => {
    const l = lab();
    l.kubectl('cordon node01');
    l.kubectl('create deployment many --image=nginx:1.27 --replicas=4');
    l.advance('30s');
    const nodes = l.cluster.store.list<Pod>('Pod', 'default').map((p) => p.spec?.nodeName);
    expect(nodes).toHaveLength(4);
    expect(nodes.every((n) => n === 'node02')).toBe(true);
  });

  it('reports unknown nodes and a missing argument as kubectl does', () => {
    const l = lab();
    expect(l.kubectl('cordon node09')).toBe('Error from server (NotFound): nodes "node09" not found\n');
    expect(l.kubectl('drain')).toBe("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
  });
});

describe('drain', () => {
  it('refuses with kubectl’s errors, then evicts with --ignore-daemonsets --force', () => {
    const l = workloads(lab());
    const proxy = l.cluster.store.list<Pod>('Pod', 'kube-system').find((p) => p.metadata.name?.startsWith('kube-proxy-') && p.spec?.nodeName === 'node01')!;
    const refused = l.kubectl('drain node01');
    expect(refused).toBe(
      [
        'node/node01 cordoned',
        `error: unable to drain node "node01" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy.metadata.name}, cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare], continuing command...`,
        'There are pending nodes to be drained:',
        ' node01',
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy.metadata.name}`,
        'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare',
        '',
      ].join('\n'),
    );
    // Refusing evicts nothing, but the node stays cordoned.
    expect(l.pod('bare')?.metadata.deletionTimestamp).toBeUndefined();
    expect(node(l, 'node01').spec?.unschedulable).toBe(true);

    const out = l.kubectl('drain node01 --ignore-daemonsets --force');
    const lines = out.split('\n');
    expect(lines[0]).toBe('node/node01 already cordoned');
    expect(lines[1]).toBe(`Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy.metadata.name}; deleting Pods that declare no controller: default/bare`);
    expect(out).toContain('evicting pod default/bare\n');
    expect(out).toContain('pod/bare evicted\n');
    expect(out.endsWith('node/node01 drained\n')).toBe(true);
    // Every "evicting" line comes before the first "evicted": evictions run in parallel.
    expect(out.lastIndexOf('evicting pod')).toBeLessThan(out.indexOf(' evicted'));
    expect(l.pod('bare')).toBeUndefined();
    // The DaemonSet pod stays; the Deployment's pods were never on node01.
    expect(l.cluster.store.get<Pod>('Pod', 'kube-system', proxy.metadata.name ?? '')).toBeDefined();
    expect(webPods(l).every((p) => p.spec?.nodeName === 'node02' && p.status?.phase === 'Running')).toBe(true);
  });

  it('refuses emptyDir pods without --delete-emptydir-data and waits for graceful termination', () => {
    const l = lab();
    l.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: slow
spec:
  replicas: 1
  selector:
    matchLabels:
      app: slow
  template:
    metadata:
      labels:
        app: slow
    spec:
      nodeSelector:
        kubernetes.io/hostname: node01
      terminationGracePeriodSeconds: 20
      containers:
      - name: sh
        image: busybox:1.36
        command: ['sh', '-c', 'sleep 3600']
        volumeMounts:
        - name: scratch
          mountPath: /scratch
      volumes:
      - name: scratch
        emptyDir: {}`);
    l.advance('20s');
    const pod = l.cluster.store.list<Pod>('Pod', 'default')[0]!;
    expect(l.kubectl('drain node01 --ignore-daemonsets')).toContain(`cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${pod.metadata.name}`);
    const before = l.t;
    const out = l.kubectl('drain node01 --ignore-daemonsets --delete-emptydir-data');
    expect(out).toContain(`evicting pod default/${pod.metadata.name}\n`);
    expect(out.endsWith(`pod/${pod.metadata.name} evicted\nnode/node01 drained\n`)).toBe(true);
    // busybox's sleep ignores SIGTERM: the kubelet kills it after the 20 s grace period.
    expect(l.t - before).toBeGreaterThanOrEqual(20);
    expect(l.t - before).toBeLessThan(25);
  });

  it('gives up after --timeout when a pod cannot terminate', () => {
    const l = workloads(lab());
    stopKubelet(l, 'node02');
    const pod = webPods(l)[0]!;
    const out = l.kubectl('drain node02 --ignore-daemonsets --timeout=5s');
    expect(out).toContain(`evicting pod default/${pod.metadata.name}`);
    expect(out).toContain(`error when waiting for pod "${pod.metadata.name}" in namespace "default" to terminate: context deadline exceeded`);
    expect(out).toContain('There are pending nodes to be drained:\n node02\n');
    expect(l.pod(pod.metadata.name ?? '')?.metadata.deletionTimestamp).toBeDefined();
  });
});

describe('a stopped kubelet', () => {
  it('adds the DefaultTolerationSeconds tolerations, 300 s unless the cluster says otherwise', () => {
    const l = workloads(lab());
    const tol = (p: Pod | undefined) => (p?.spec?.tolerations ?? []).map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds}`);
    expect(tol(l.pod('bare'))).toEqual(['node.kubernetes.io/not-ready:NoExecute:300', 'node.kubernetes.io/unreachable:NoExecute:300']);
    const fast = workloads(lab({ evictionTimeoutSeconds: 30 }));
    expect(tol(fast.pod('bare'))).toEqual(['node.kubernetes.io/not-ready:NoExecute:30', 'node.kubernetes.io/unreachable:NoExecute:30']);
  });

  it('goes Unknown after the grace period, is tainted, and its pods are evicted and replaced', () => {
    const l = workloads(lab({ evictionTimeoutSeconds: 60 }));
    const status = stopKubelet(l, 'node02');
    expect(status).toContain('○ kubelet.service - kubelet: The Kubernetes Node Agent');
    expect(status).toContain('Active: inactive (dead) since Mon 2026-01-05 09:10:20 UTC; now');
    const original = webPods(l).map((p) => p.metadata.name);
    expect(original).toHaveLength(2);

    // Leases are renewed every 10 s; 40 s without one (node-monitor-grace-period) is too long.
    l.advance('25s');
    expect(ready(node(l, 'node02'))?.status).toBe('True');
    l.advance('25s');
    const r = ready(node(l, 'node02'))!;
    expect(r).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(l.kubectl('get nodes')).toMatch(/node02\s+NotReady\s/);
    // The pods are marked not Ready (their containers still run), with an event each.
    for (const p of webPods(l)) {
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
      expect(p.status?.phase).toBe('Running');
      expect(l.events(p.metadata.name ?? '', 'NodeNotReady').map((e) => e.message)).toEqual(['Node is not ready']);
    }
    const nodeEvents = l.cluster.events.eventsFor(node(l, 'node02')).map((e) => `${e.reason}: ${e.message}`);
    expect(nodeEvents).toContain('NodeNotReady: Node node02 status is now: NodeNotReady');
    // The NoExecute taint follows one monitor period later.
    l.advance('6s');
    expect(taintKeys(node(l, 'node02')).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(node(l, 'node02').spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded).toBeDefined();

    // The toleration (60 s here) runs out: the pods are marked for deletion, and stay
    // Terminating because no kubelet can finish the job.
    l.advance('50s');
    expect(webPods(l).filter((p) => p.metadata.deletionTimestamp)).toHaveLength(0);
    l.advance('10s');
    for (const name of original) {
      const p = l.pod(name ?? '')!;
      expect(p.metadata.deletionTimestamp).toBeDefined();
      expect(p.status?.conditions?.[0]).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' });
      expect(l.events(name ?? '', 'TaintManagerEviction').map((e) => e.message)).toEqual([`Marking for deletion Pod default/${name}`]);
    }
    l.advance('10m');
    const pods = l.kubectl('get pods');
    for (const name of original) expect(pods).toMatch(new RegExp(`${name}\\s+1/1\\s+Terminating`));
    // The ReplicaSet replaced them, but node02 is the only node the nodeSelector allows.
    const replacements = webPods(l).filter((p) => !original.includes(p.metadata.name));
    expect(replacements).toHaveLength(2);
    expect(replacements.every((p) => p.status?.phase === 'Pending')).toBe(true);

    // The kubelet comes back: Ready, taints gone, the old pods finish terminating, the new run.
    l.run('ssh node02\nsystemctl start kubelet\nexit');
    l.advance('10s');
    expect(ready(node(l, 'node02'))).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node(l, 'node02').spec?.taints).toBeUndefined();
    expect(webPods(l).map((p) => p.metadata.name).filter((n) => original.includes(n))).toEqual([]);
    l.advance('30s');
    expect(webPods(l).map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    const after = l.cluster.events.eventsFor(node(l, 'node02')).map((e) => `${e.source?.component}/${e.reason}`);
    expect(after).toEqual(expect.arrayContaining(['kubelet/Starting', 'kubelet/NodeReady', 'kubelet/NodeHasSufficientMemory', 'node-controller/NodeNotReady']));
  });

  it('moves pods to the healthy node when they may run there', () => {
    const l = lab({ evictionTimeoutSeconds: 30 });
    l.kubectl('create deployment web --image=nginx:1.27 --replicas=2');
    l.kubectl('expose deployment web --port=80');
    l.advance('30s');
    // Put both replicas on node02 first, then let node02 die.
    l.kubectl('cordon node01');
    l.kubectl('rollout restart deployment web');
    l.advance('60s');
    l.kubectl('uncordon node01');
    expect(webPods(l).filter((p) => !p.metadata.deletionTimestamp).every((p) => p.spec?.nodeName === 'node02')).toBe(true);
    stopKubelet(l, 'node02');
    l.advance('60s');
    // Not ready pods leave the Service's ready addresses.
    expect(l.kubectl('get endpoints web')).toMatch(/^web\s+\s{2,}\d+s?/m);
    l.advance('60s');
    const live = webPods(l).filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(2);
    expect(live.every((p) => p.spec?.nodeName === 'node01' && p.status?.phase === 'Running')).toBe(true);
    expect(l.kubectl('get endpoints web')).toMatch(/10\.244\.1\.\d+:80,10\.244\.1\.\d+:80/);
  });

  it('cancels pending evictions when the kubelet returns in time', () => {
    const l = workloads(lab());
    stopKubelet(l, 'node02');
    l.advance('2m');
    const name = webPods(l)[0]!.metadata.name ?? '';
    l.run('ssh node02\nsystemctl restart kubelet\nexit');
    l.advance('10s');
    expect(l.events(name, 'TaintManagerEviction').map((e) => e.message)).toEqual([`Cancelling deletion of Pod default/${name}`]);
    expect(l.pod(name)?.metadata.deletionTimestamp).toBeUndefined();
    expect(l.pod(name)?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(l.kubectl('get nodes')).toMatch(/node02\s+Ready\s/);
  });
});
