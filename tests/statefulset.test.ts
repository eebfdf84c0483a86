// StatefulSet behaviour on the virtual clock: ordered creation and scale-down, stable pod names,
// per-pod claims, rolling updates from the highest ordinal, and the stable DNS names a headless
// Service gives the pods (the seed's ambassador example depends on them).

import { describe, expect, it } from 'vitest';
import type { Pod } from '../src/sim/api.ts';
import type { StatefulSet } from '../src/sim/controllers/statefulset.ts';
import { parseTwemproxyServers } from '../src/sim/runtime/images.ts';
import { lab, type Lab } from './lab.ts';

/** A set whose pods turn Ready `readyAfter` seconds after starting and ignore SIGTERM for `grace` s. */
function slowSet(opts: { name?: string; replicas: number; readyAfter?: number; grace?: number; policy?: string; image?: string; partition?: number }): string {
  const name = opts.name ?? 'web';
  return `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}-svc
  replicas: ${opts.replicas}
  ${opts.policy ? `podManagementPolicy: ${opts.policy}` : ''}
  ${opts.partition !== undefined ? `updateStrategy: {rollingUpdate: {partition: ${opts.partition}}}` : ''}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: ${opts.grace ?? 30}
      containers:
      - name: app
        image: ${opts.image ?? 'busybox:1.36'}
        command: [sh, -c, "trap '' TERM; sleep ${opts.readyAfter ?? 0}; touch /tmp/ready; while true; do sleep 1; done"]
        readinessProbe:
          exec:
            command: [cat, /tmp/ready]
          periodSeconds: 1
`;
}

const exists = (l: Lab, name: string): boolean => l.pod(name) !== undefined;
const ready = (p: Pod | undefined): boolean => !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** Step one second at a time; the first second (since now) at which each predicate held. */
function firstTimes(l: Lab, seconds: number, checks: Record<string, (l: Lab) => boolean>): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  const start = l.t;
  for (let i = 0; i <= seconds; i++) {
    for (const [k, f] of Object.entries(checks)) if (out[k] === undefined && f(l)) out[k] = Math.round(l.t - start);
    l.advance(1000);
  }
  return out;
}

describe('OrderedReady pod management', () => {
  it('creates <set>-1 only after <set>-0 is Running and Ready', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 3, readyAfter: 20 }));
    const t = firstTimes(l, 90, {
      created0: (x) => exists(x, 'web-0'),
      ready0: (x) => ready(x.pod('web-0')),
      created1: (x) => exists(x, 'web-1'),
      ready1: (x) => ready(x.pod('web-1')),
      created2: (x) => exists(x, 'web-2'),
    });
    expect(t.created0).toBe(0);
    expect(t.ready0).toBeGreaterThanOrEqual(20);
    expect(t.created1).toBeGreaterThanOrEqual(t.ready0!);
    expect(t.created2).toBeGreaterThanOrEqual(t.ready1!);
    expect(l.kubectl('get sts web')).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
  });

  it('Parallel creates every pod at once', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 3, readyAfter: 20, policy: 'Parallel' }));
    l.advance('1s');
    expect(['web-0', 'web-1', 'web-2'].map((n) => exists(l, n))).toEqual([true, true, true]);
    expect(l.pod('web-0')?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).toBe(false);
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 3, grace: 10 }));
    l.advance('60s');
    expect(l.kubectl('get sts web')).toMatch(/web\s+3\/3/);
    l.kubectl('scale statefulset web --replicas=1');
    const t = firstTimes(l, 60, {
      terminating2: (x) => !!x.pod('web-2')?.metadata.deletionTimestamp,
      gone2: (x) => !exists(x, 'web-2'),
      terminating1: (x) => !!x.pod('web-1')?.metadata.deletionTimestamp,
      gone1: (x) => !exists(x, 'web-1'),
    });
    expect(t.terminating2).toBe(0);
    // The pods ignore SIGTERM, so each takes its full grace period.
    expect(t.gone2).toBeGreaterThanOrEqual(10);
    expect(t.terminating1).toBeGreaterThanOrEqual(t.gone2!);
    expect(t.gone1).toBeGreaterThanOrEqual(t.terminating1! + 10);
    expect(exists(l, 'web-0')).toBe(true);
    const deletes = l.cluster.events.eventsFor(l.cluster.store.get('StatefulSet', 'default', 'web')!).filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletes).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
  });

  it('recreates a deleted pod with the same name, hostname and subdomain', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 2, grace: 1 }));
    l.advance('30s');
    const before = l.pod('web-0')!;
    l.kubectl('delete pod web-0');
    l.advance('15s');
    const after = l.pod('web-0')!;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web-svc' });
    expect(after.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(after.metadata.labels?.['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(after.metadata.generateName).toBe('web-');
    expect(ready(after)).toBe(true);
    expect(l.kubectl('get pods --no-headers').trim().split('\n').map((r) => r.split(/\s+/)[0])).toEqual(['web-0', 'web-1']);
  });
});

describe('status and events', () => {
  it('reports replicas, revisions and the create events in the controller wording', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 2 }));
    l.advance('40s');
    const s = l.cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!;
    expect(s.status).toEqual({
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      currentRevision: s.status?.updateRevision,
      updateRevision: s.status?.currentRevision,
      collisionCount: 0,
      observedGeneration: 1,
    });
    const msgs = l.cluster.events.eventsFor(s).map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(msgs).toEqual(['Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful', 'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful']);
  });

  it('rolls a template change from the highest ordinal down, keeping pods below the partition', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 3, grace: 2 }));
    l.advance('60s');
    const oldRev = l.cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.status?.currentRevision;
    l.apply(slowSet({ replicas: 3, grace: 2, partition: 1, image: 'busybox:1.37' }));
    const order: string[] = [];
    for (let i = 0; i < 90; i++) {
      for (const n of ['web-0', 'web-1', 'web-2']) if (l.pod(n)?.metadata.deletionTimestamp && !order.includes(n)) order.push(n);
      l.advance(1000);
    }
    expect(order).toEqual(['web-2', 'web-1']);
    const s = l.cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web')!;
    expect(s.status?.currentRevision).toBe(oldRev);
    expect(s.status?.updateRevision).not.toBe(oldRev);
    expect(s.status).toMatchObject({ replicas: 3, updatedReplicas: 2, currentReplicas: 1 });
    expect(l.pod('web-0')?.spec?.containers[0]?.image).toBe('busybox:1.36');
    expect(l.pod('web-2')?.spec?.containers[0]?.image).toBe('busybox:1.37');
  });
});

describe('kubectl rollout on a StatefulSet', () => {
  it('status waits for the pods, then reports the partitioned roll out, as kubectl does with the defaulted partition', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 2, readyAfter: 5 }));
    // rollout status watches until done: the lines it printed on the way, then the verdict.
    const out = l.kubectl('rollout status statefulset/web');
    expect(out).toMatch(/^Waiting for 2 pods to be ready\.\.\.\n/);
    expect(out).toContain('Waiting for 1 pods to be ready...\n');
    expect(out.trim().split('\n').at(-1)).toBe('partitioned roll out complete: 2 new pods have been updated...');
  });

  it('restart stamps the template and rolls the pods from the highest ordinal', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 2, grace: 0 })).advance('1m');
    const uids = ['web-0', 'web-1'].map((n) => l.pod(n)?.metadata.uid);
    expect(l.kubectl('rollout restart sts/web')).toBe('statefulset.apps/web restarted\n');
    const set = l.cluster.store.get<StatefulSet>('StatefulSet', 'default', 'web');
    expect(set?.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(l.kubectl('rollout status sts/web --timeout=2m').trim().split('\n').at(-1)).toBe('partitioned roll out complete: 2 new pods have been updated...');
    expect(['web-0', 'web-1'].map((n) => l.pod(n)?.metadata.uid)).not.toContain(uids[0]);
    expect(['web-0', 'web-1'].map((n) => l.pod(n)?.metadata.uid)).not.toContain(uids[1]);
  });
});

describe('kubectl rollout history and undo on a StatefulSet (its ControllerRevisions)', () => {
  it('lists the revisions, shows one, rolls back to the one before, and renumbers it', () => {
    const l = lab({ warmupMs: 0 }).apply(slowSet({ replicas: 2, grace: 0 })).advance('1m');
    expect(l.kubectl('rollout undo sts/web')).toBe('error: no last revision to roll back to\n');
    l.run('kubectl set image sts/web app=busybox:1.37').advance('2m');
    expect(l.kubectl('rollout history statefulset/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(l.kubectl('rollout history sts/web --revision=1')).toMatch(/^statefulset\.apps\/web with revision #1\nPod Template:\n[\s\S]*image: busybox:1\.36/);
    expect(l.kubectl('rollout history sts/web --revision=7')).toBe('error: unable to find the specified revision\n');
    expect(l.kubectl('rollout undo sts/web --to-revision=2')).toBe('statefulset.apps/web skipped rollback (current template already matches revision 2)\n');
    expect(l.kubectl('rollout undo sts/web --to-revision=9')).toBe('error: unable to find specified revision 9 in history\n');
    expect(l.kubectl('rollout undo sts/web')).toBe('statefulset.apps/web rolled back\n');
    l.advance('2m');
    expect(l.pod('web-0')?.spec?.containers[0]?.image).toBe('busybox:1.36');
    expect(l.pod('web-1')?.spec?.containers[0]?.image).toBe('busybox:1.36');
    // Going back to an old template renumbers its revision rather than copying it.
    expect(l.kubectl('rollout history sts/web')).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });
});

describe('volumeClaimTemplates', () => {
  it('creates <template>-<set>-<ordinal> claims before each pod and mounts them', () => {
    const l = lab({ warmupMs: 0 }).apply(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: redis
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data, labels: {tier: storage}}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`);
    l.advance('1s');
    const claims = l.cluster.store.list('PersistentVolumeClaim', 'default') as (Pod & { spec?: { resources?: unknown } })[];
    expect(claims.map((c) => c.metadata.name)).toEqual(['data-db-0', 'data-db-1']);
    expect(claims[0]!.metadata.labels).toEqual({ app: 'db', tier: 'storage' });
    expect(claims[0]!.metadata.ownerReferences).toBeUndefined();
    expect(l.pod('db-1')?.spec?.volumes?.[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } });
    const set = l.cluster.store.get('StatefulSet', 'default', 'db')!;
    expect(l.cluster.events.eventsFor(set).map((e) => e.message)).toEqual(
      expect.arrayContaining(['create Claim data-db-0 Pod db-0 in StatefulSet db success', 'create Claim data-db-1 Pod db-1 in StatefulSet db success']),
    );
  });

  it('leaves claims behind on scale-down with the default Retain policy, and reuses them', () => {
    // Pods wait for their claims to be bound, so give the binder volumes to bind them to.
    const pvs = [1, 2, 3].map((i) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-${i}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/pv-${i}}`);
    const l = lab({ warmupMs: 0 }).apply(pvs.join('\n---\n')).apply(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: redis}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    l.advance('30s');
    const uid = l.cluster.store.get('PersistentVolumeClaim', 'default', 'data-db-1')?.metadata.uid;
    l.kubectl('scale sts db --replicas=1');
    l.advance('60s');
    expect(exists(l, 'db-1')).toBe(false);
    expect(l.cluster.store.get('PersistentVolumeClaim', 'default', 'data-db-1')?.metadata.uid).toBe(uid);
    l.kubectl('scale sts db --replicas=2');
    l.advance('30s');
    expect(l.pod('db-1')?.spec?.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('data-db-1');
    expect(l.cluster.store.get('PersistentVolumeClaim', 'default', 'data-db-1')?.metadata.uid).toBe(uid);
  });
});

const REDIS = `
apiVersion: v1
kind: Service
metadata: {name: redis-svc}
spec:
  clusterIP: None
  selector: {app: redis}
  ports: [{port: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis-st}
spec:
  serviceName: redis-svc
  replicas: 2
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers: [{name: redis, image: redis}]
`;

describe('stable DNS through a headless Service', () => {
  const l = lab({ warmupMs: 0 }).apply(REDIS);
  l.advance('30s');
  const ip0 = l.pod('redis-st-0')?.status?.podIP ?? '';
  const ip1 = l.pod('redis-st-1')?.status?.podIP ?? '';

  it('puts each pod hostname on its endpoint address', () => {
    const hostnames = l.kubectl(`get endpoints redis-svc -o jsonpath='{.subsets[0].addresses[*].hostname}'`);
    expect(hostnames.trim().split(' ').sort()).toEqual(['redis-st-0', 'redis-st-1']);
  });

  it.each([
    ['redis-st-0.redis-svc.default.svc.cluster.local', () => [ip0]],
    ['redis-st-1.redis-svc', () => [ip1]],
    ['redis-st-0.redis-svc.default', () => [ip0]],
    ['redis-svc', () => [ip0, ip1].sort()],
  ])('%s resolves from a pod in default', (name, want) => {
    expect([...(l.cluster.network.resolve(name, 'default')?.ips ?? [])].sort()).toEqual(want());
  });

  it('does not resolve an ordinal that has no pod', () => {
    expect(l.cluster.network.resolve('redis-st-2.redis-svc', 'default')).toBeUndefined();
  });

  it('answers the reverse lookup with the pod DNS name', () => {
    expect(l.cluster.network.reverse(ip0)).toBe('redis-st-0.redis-svc.default.svc.cluster.local');
  });

  it('busybox 1.28 nslookup shows the name both ways', () => {
    l.kubectl('run dns --image=busybox:1.28 --restart=Never -- sleep 3600');
    l.advance('10s');
    expect(l.kubectl('exec dns -- nslookup redis-st-1.redis-svc')).toBe(
      [
        'Server:    10.96.0.10',
        'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
        '',
        'Name:      redis-st-1.redis-svc',
        `Address 1: ${ip1} redis-st-1.redis-svc.default.svc.cluster.local`,
        '',
      ].join('\n'),
    );
  });
});

describe('the seed ambassador example (twemproxy in front of the StatefulSet)', () => {
  it.each([
    // The article writes the list with a space; the image splits on commas, so twemproxy reads
    // one server whose optional name is the second address.
    [
      'redis-st-0.redis-svc.default.svc.cluster.local:6379:1 redis-st-1.redis-svc.default.svc.cluster.local:6379:1',
      [{ host: 'redis-st-0.redis-svc.default.svc.cluster.local', port: 6379, weight: 1, name: 'redis-st-1.redis-svc.default.svc.cluster.local:6379:1' }],
    ],
    [
      'a:6379:1,b:6380:2',
      [
        { host: 'a', port: 6379, weight: 1 },
        { host: 'b', port: 6380, weight: 2 },
      ],
    ],
    ['10.0.0.1:7000', [{ host: '10.0.0.1', port: 7000, weight: 1 }]],
  ])('REDIS_SERVERS=%s', (value, want) => {
    expect(parseTwemproxyServers(value)).toEqual(want);
  });

  it('SET and GET through localhost:6380 reach the redis pods', () => {
    const l = lab({ warmupMs: 0 }).apply(REDIS);
    l.advance('20s');
    l.apply(`
apiVersion: v1
kind: Pod
metadata: {name: ambassador-example}
spec:
  containers:
  - name: redis-client
    image: redis
  - name: ambassador
    image: malexer/twemproxy
    env:
    - name: REDIS_SERVERS
      value: redis-st-0.redis-svc.default.svc.cluster.local:6379:1,redis-st-1.redis-svc.default.svc.cluster.local:6379:1
    ports:
    - containerPort: 6380
`);
    l.advance('20s');
    const cli = (args: string): string => l.kubectl(`exec ambassador-example -c redis-client -- redis-cli ${args}`);
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const k of keys) expect(cli(`-p 6380 SET ${k} v-${k}`)).toBe('OK\n');
    for (const k of keys) expect(cli(`-p 6380 GET ${k}`)).toBe(`"v-${k}"\n`);
    // Every key lives on exactly one of the two pods, and both pods hold some.
    const on = (pod: string): number => Number(/\d+/.exec(l.kubectl(`exec ${pod} -- redis-cli DBSIZE`))?.[0]);
    expect(on('redis-st-0') + on('redis-st-1')).toBe(keys.length);
    expect(on('redis-st-0')).toBeGreaterThan(0);
    expect(on('redis-st-1')).toBeGreaterThan(0);
  });
});
