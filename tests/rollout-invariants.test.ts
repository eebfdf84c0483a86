// Property tests for the rolling update (issue 3's invariants), on a real simulated cluster:
// whatever the replicas, maxSurge, maxUnavailable and minReadySeconds, once a Deployment has
// been fully available, a RollingUpdate never leaves fewer than replicas - maxUnavailable pods
// available, and the ReplicaSets never ask for more than replicas + maxSurge pods. The checks
// run on every write to the store, not only between steps, so no intermediate state escapes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../src/sim/api.ts';
import { resolveFenceposts, type IntOrString } from '../src/sim/controllers/deployment/intstr.ts';
import { lab } from './lab.ts';

const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '10%', '25%', '34%', '50%', '100%'));

function availablePods(pods: readonly Pod[], now: number, minReadySeconds: number): number {
  return pods.filter((p) => {
    if (p.metadata.deletionTimestamp) return false;
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== 'True') return false;
    const since = Date.parse(ready.lastTransitionTime ?? '');
    return minReadySeconds === 0 || since + minReadySeconds * 1000 <= now;
  }).length;
}

describe('RollingUpdate invariants', () => {
  it('availability never drops below replicas - maxUnavailable, and the ReplicaSets never exceed replicas + maxSurge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        intOrPercent,
        intOrPercent,
        fc.constantFrom(0, 2),
        fc.integer({ min: 1, max: 1000 }),
        (replicas, surge, unavailable, minReadySeconds, seed) => {
          const f = resolveFenceposts(surge as IntOrString, unavailable as IntOrString, replicas);
          if (!f.ok) return;
          // Both zero after rounding is rejected by validation when given as such; skip those.
          if (f.surge === 0 && f.unavailable === 1 && (surge === 0 || surge === '0%') && (unavailable === 0 || unavailable === '0%')) return;
          const l = lab({ seed, warmupMs: 60_000 });
          const q = (v: number | string): string => (typeof v === 'number' ? String(v) : `"${v}"`);
          l.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  minReadySeconds: ${minReadySeconds}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: ${q(surge)}
      maxUnavailable: ${q(unavailable)}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25`);
          l.advance('60s');
          const store = l.cluster.store;
          const pods = (): Pod[] => store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'web');
          expect(availablePods(pods(), l.cluster.clock.wallTime, minReadySeconds)).toBe(replicas);

          const floor = replicas - f.unavailable;
          const ceiling = replicas + f.surge;
          const violations: string[] = [];
          const check = (): void => {
            const now = l.cluster.clock.wallTime;
            const available = availablePods(pods(), now, minReadySeconds);
            const asked = store.list('ReplicaSet', 'default').reduce((n, rs) => n + ((rs as { spec?: { replicas?: number } }).spec?.replicas ?? 0), 0);
            if (available < floor) violations.push(`t=${now - l.cluster.clock.epoch}ms available ${available} < ${floor}`);
            if (asked > ceiling) violations.push(`t=${now - l.cluster.clock.epoch}ms ReplicaSets ask for ${asked} > ${ceiling}`);
          };
          const stops = [store.watch('Pod', check), store.watch('ReplicaSet', check)];
          l.kubectl('set image deployment/web web=nginx:1.27');
          for (let s = 0; s < 180; s++) {
            l.advance(1000);
            check();
          }
          for (const stop of stops) stop();
          expect(violations.slice(0, 3)).toEqual([]);
          // And the rollout finished: every pod runs the new image and is available.
          const final = pods().filter((p) => !p.metadata.deletionTimestamp);
          expect(final.map((p) => p.spec?.containers[0]?.image)).toEqual(Array(replicas).fill('nginx:1.27'));
          expect(availablePods(final, l.cluster.clock.wallTime, minReadySeconds)).toBe(replicas);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
    // Property runs build many clusters: generous under a loaded CI machine (speed is the bench's job).
  }, 60_000);
});

describe('Endpoints invariants', () => {
  it('a pod that is not Ready, or is terminating, is never written as a ready endpoint', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('unready' as const), pod: fc.nat(4) }),
      fc.record({ kind: fc.constant('ready' as const), pod: fc.nat(4) }),
      fc.record({ kind: fc.constant('delete' as const), pod: fc.nat(4) }),
      fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(action, { minLength: 3, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
        const l = lab({ seed, warmupMs: 60_000 });
        l.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: busybox:1.36
        command: ["sh", "-c", "touch /tmp/healthy; sleep 1d"]
        readinessProbe:
          exec:
            command: ["cat", "/tmp/healthy"]
          periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80`);
        const store = l.cluster.store;
        const violations: string[] = [];
        const stop = store.watch('Endpoints', (ev) => {
          const ep = ev.object as { subsets?: { addresses?: { targetRef?: { name?: string } }[] }[] };
          for (const a of (ep.subsets ?? []).flatMap((s) => s.addresses ?? [])) {
            const pod = l.pod(a.targetRef?.name ?? '');
            const ready = pod?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
            if (!pod || pod.metadata.deletionTimestamp || !ready) violations.push(`${a.targetRef?.name} listed while ${pod ? (pod.metadata.deletionTimestamp ? 'terminating' : 'not ready') : 'gone'}`);
          }
        });
        l.advance('30s');
        const names = (): string[] => store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'web' && !p.metadata.deletionTimestamp).map((p) => p.metadata.name ?? '').sort();
        for (const a of actions) {
          const ps = names();
          const target = 'pod' in a ? ps[a.pod % Math.max(ps.length, 1)] : undefined;
          if (a.kind === 'unready' && target) l.kubectl(`exec ${target} -- rm -f /tmp/healthy`);
          else if (a.kind === 'ready' && target) l.kubectl(`exec ${target} -- touch /tmp/healthy`);
          else if (a.kind === 'delete' && target) l.kubectl(`delete pod ${target} --wait=false`);
          else if (a.kind === 'scale') l.kubectl(`scale deploy web --replicas=${a.replicas}`);
          else if (a.kind === 'wait') l.advance(a.seconds * 1000);
          l.advance(1000);
        }
        l.advance('30s');
        stop();
        expect(violations.slice(0, 3)).toEqual([]);
        // And it converges: the endpoints are exactly the ready pods.
        const ep = store.get<{ subsets?: { addresses?: { targetRef?: { name?: string } }[] }[] } & Pod>('Endpoints', 'default', 'web') as unknown as { subsets?: { addresses?: { targetRef?: { name?: string } }[] }[] };
        const listed = (ep.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef?.name ?? '').sort();
        const ready = store.list<Pod>('Pod', 'default').filter((p) => p.metadata.labels?.['app'] === 'web' && !p.metadata.deletionTimestamp && p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True').map((p) => p.metadata.name ?? '').sort();
        expect(listed).toEqual(ready);
      }),
      { numRuns: 25, seed: 7 },
    );
    // Property runs build many clusters: generous under a loaded CI machine (speed is the bench's job).
  }, 60_000);
});

describe('PersistentVolume binding invariants', () => {
  it('no volume is ever bound to two claims, and every Bound claim points at a volume that points back', () => {
    const pv = fc.record({ size: fc.constantFrom(1, 2, 5), mode: fc.constantFrom('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany') });
    const pvc = fc.record({ size: fc.constantFrom(1, 2, 3, 5), mode: fc.constantFrom('ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'), cls: fc.constantFrom('""', 'standard', 'none') });
    fc.assert(
      fc.property(fc.array(pv, { maxLength: 5 }), fc.array(pvc, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(5), { maxLength: 3 }), (pvs, pvcs, deletions) => {
        const l = lab({ seed: 3, warmupMs: 0 });
        const store = l.cluster.store;
        const violations: string[] = [];
        const check = (): void => {
          const owners = new Map<string, string>();
          for (const c of store.list('PersistentVolumeClaim', 'default') as { metadata: { name?: string }; spec?: { volumeName?: string }; status?: { phase?: string } }[]) {
            if (c.status?.phase !== 'Bound' || !c.spec?.volumeName) continue;
            const other = owners.get(c.spec.volumeName);
            if (other) violations.push(`${c.spec.volumeName} bound to ${other} and ${c.metadata.name}`);
            owners.set(c.spec.volumeName, c.metadata.name ?? '');
          }
        };
        const stops = [store.watch('PersistentVolumeClaim', check), store.watch('PersistentVolume', check)];
        pvs.forEach((v, i) =>
          l.apply(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv${i}
spec:
  capacity: {storage: ${v.size}Gi}
  accessModes: [${v.mode}]
  storageClassName: ""
  hostPath: {path: /mnt/pv${i}}`),
        );
        pvcs.forEach((c, i) =>
          l.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim${i}
spec:
  accessModes: [${c.mode}]
  ${c.cls === 'none' ? '' : `storageClassName: ${c.cls}`}
  resources: {requests: {storage: ${c.size}Gi}}`),
        );
        l.advance('20s');
        for (const d of deletions) {
          l.kubectl(`delete pvc claim${d % pvcs.length} --wait=false`);
          l.advance('5s');
        }
        l.advance('20s');
        for (const stop of stops) stop();
        expect(violations.slice(0, 3)).toEqual([]);
        for (const c of store.list('PersistentVolumeClaim', 'default') as { metadata: { name?: string; uid?: string }; spec?: { volumeName?: string }; status?: { phase?: string } }[]) {
          if (c.status?.phase !== 'Bound') continue;
          const v = store.get('PersistentVolume', undefined, c.spec?.volumeName ?? '') as { spec?: { claimRef?: { name?: string; uid?: string } } } | undefined;
          expect(v?.spec?.claimRef?.uid).toBe(c.metadata.uid);
        }
      }),
      { numRuns: 30, seed: 11 },
    );
    // Property runs build many clusters: generous under a loaded CI machine (speed is the bench's job).
  }, 60_000);
});
