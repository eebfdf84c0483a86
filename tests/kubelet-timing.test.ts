// The kubelet's timing against the reference: probe fields and defaults, the crash-loop
// back-off sequence, and graceful termination, measured on the virtual clock.

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';
import type { KEvent } from '../src/sim/api.ts';

const T = (yaml: string): string => yaml.trim();

function restartTimes(l: ReturnType<typeof lab>, name: string, untilS: number): number[] {
  const times: number[] = [];
  let last = 0;
  const start = l.t;
  while (l.t - start < untilS) {
    l.advance(1000);
    const rc = l.pod(name)?.status?.containerStatuses?.[0]?.restartCount ?? 0;
    if (rc > last) {
      times.push(Math.round(l.t - start));
      last = rc;
    }
  }
  return times;
}

describe('crash-loop back-off (reference section 4)', () => {
  it('restarts at once, then after 10 s, 20 s, 40 s, 80 s, 160 s, 300 s', () => {
    const l = lab({ warmupMs: 0 }).apply(T(`
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers:
  - {name: app, image: busybox:1.36, command: [sh, -c, exit 1]}
`));
    const times = restartTimes(l, 'crash', 1000);
    const gaps = times.map((t, i) => (i === 0 ? 0 : t - times[i - 1]!));
    // Each run lasts ~0 s; a restart begins the next run after the back-off (+1 s kubelet sync).
    expect(gaps.slice(1, 8).map((g) => Math.round(g / 10) * 10)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(l.kubectl('get pod crash')).toMatch(/CrashLoopBackOff/);
  });
});

describe('probe timing', () => {
  it.each([
    // initialDelay, period, failureThreshold, file removed at (s) -> Killing expected at about (s)
    [5, 5, 3, 30, 40],
    [0, 10, 3, 30, 50],
    [10, 2, 1, 30, 30],
    [0, 5, 5, 12, 35],
  ])('liveness delay=%ss period=%ss failure=%s: healthy until %ss, killed at ~%ss', (delay, period, failure, removeAt, killAt) => {
    const l = lab({ warmupMs: 0 }).apply(T(`
apiVersion: v1
kind: Pod
metadata: {name: probe}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, 'touch /tmp/healthy; sleep ${removeAt}; rm -f /tmp/healthy; sleep 1d']
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      initialDelaySeconds: ${delay}
      periodSeconds: ${period}
      failureThreshold: ${failure}
`));
    const start = l.t;
    let killedAt: number | undefined;
    while (l.t - start < 200 && killedAt === undefined) {
      l.advance(500);
      if (l.events('probe', 'Killing').length) killedAt = l.t - start;
    }
    expect(killedAt).toBeDefined();
    // The container starts ~1-3 s after creation (sandbox + image pull); allow that much.
    expect(killedAt!).toBeGreaterThanOrEqual(killAt);
    expect(killedAt!).toBeLessThanOrEqual(killAt + period + 4);
    const unhealthy = l.events('probe', 'Unhealthy')[0];
    expect(unhealthy?.count).toBe(failure);
    expect(unhealthy?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(l.events('probe', 'Killing')[0]?.message).toBe('Container app failed liveness probe, will be restarted');
  });

  it('uses the defaults (period 10 s, failure 3) when a probe sets none', () => {
    const l = lab({ warmupMs: 0 }).apply(T(`
apiVersion: v1
kind: Pod
metadata: {name: d}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, 1d]
    livenessProbe:
      exec: {command: [cat, /nope]}
`));
    expect(l.kubectl('get pod d -o jsonpath={.spec.containers[0].livenessProbe}')).toBe('{"exec":{"command":["cat","/nope"]},"failureThreshold":3,"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1}');
    // Probes at start+0, +10, +20 s (the container starts ~2 s in): the third failure kills.
    l.advance('20s');
    expect(l.events('d', 'Killing')).toHaveLength(0);
    expect(l.events('d', 'Unhealthy')[0]?.count).toBe(2);
    l.advance('5s');
    expect(l.events('d', 'Killing')).toHaveLength(1);
  });

  it('a readiness failure marks the pod not ready without restarting it', () => {
    const l = lab({ warmupMs: 0 }).apply(T(`
apiVersion: v1
kind: Pod
metadata: {name: r}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, 'touch /tmp/ready; sleep 1d']
    readinessProbe:
      exec: {command: [cat, /tmp/ready]}
      periodSeconds: 2
`));
    l.advance('10s');
    expect(l.kubectl('get pod r')).toMatch(/r\s+1\/1\s+Running\s+0/);
    l.kubectl('exec r -- rm /tmp/ready');
    l.advance('7s');
    expect(l.kubectl('get pod r')).toMatch(/r\s+0\/1\s+Running\s+0/);
    expect(l.pod('r')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });
});

describe('graceful termination', () => {
  it('a shell that ignores SIGTERM is killed after terminationGracePeriodSeconds', () => {
    const l = lab({ warmupMs: 0 }).apply(T(`
apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  terminationGracePeriodSeconds: 12
  containers:
  - {name: app, image: busybox:1.36, command: [sh, -c, 'sleep 1d']}
`));
    l.advance('10s');
    const before = l.t;
    l.kubectl('delete pod slow');
    expect(l.t - before).toBeGreaterThanOrEqual(12);
    expect(l.t - before).toBeLessThan(13);
    expect(l.pod('slow')).toBeUndefined();
  });

  it('nginx exits on SIGTERM at once', () => {
    const l = lab({ warmupMs: 0 }).apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: web, image: nginx}');
    l.advance('10s');
    const before = l.t;
    expect(l.kubectl('get pod web')).toMatch(/Running/);
    l.kubectl('delete pod web');
    expect(l.t - before).toBeLessThan(1);
  });
});

describe('image pulls on a node (serialised, as the kubelet does by default)', () => {
  it('downloads an image once: replicas queued behind the first pull only resolve the manifest', () => {
    const l = lab().run('kubectl create deployment web --image=nginx:1.27 --replicas=12').advance('60s');
    const pulled = l.cluster.store
      .list<KEvent>('Event', 'default')
      .filter((e) => e.reason === 'Pulled' && e.message?.startsWith('Successfully pulled image "nginx:1.27"'))
      .map((e) => /in ([\d.]+m?s) \(/.exec(e.message ?? '')?.[1] ?? '');
    // One full download per node (about 2 s for nginx's 72 MB), the rest well under a second.
    const seconds = pulled.map((d) => (d.endsWith('ms') ? Number(d.slice(0, -2)) / 1000 : Number(d.slice(0, -1))));
    expect(seconds.filter((s) => s > 1.5)).toHaveLength(2);
    expect(seconds.filter((s) => s < 1)).toHaveLength(10);
    expect(l.kubectl('get deployment web -o jsonpath={.status.readyReplicas}')).toBe('12');
  });
});
