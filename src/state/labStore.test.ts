// Time travel in the page's store: a long rewind or seek runs in slices (the page gets a turn
// between them), shows its progress, and holds what the student types until it is done.
import { describe, expect, it, vi } from 'vitest';
import { currentDriver, kubectlLoaded, useLab } from './labStore.ts';

const lab = () => useLab.getState();
const idle = () => vi.waitFor(() => expect(lab().working).toBeUndefined(), { timeout: 60_000, interval: 20 });

describe('kubectl loaded apart from the page', () => {
  it('draws the cluster at once and runs what was typed or applied before kubectl arrived, in order, once it has', async () => {
    // The store is made as the module loads; kubectl's chunk has not arrived yet.
    expect(lab().snapshot.nodes.length).toBeGreaterThan(0);
    expect(currentDriver().hasKubectl).toBe(false);
    lab().submit('kubectl create namespace first');
    lab().submit('kubectl create deployment early --image=nginx:1.27 -n first');
    expect(currentDriver().actions).toHaveLength(0);
    await kubectlLoaded();
    expect(currentDriver().hasKubectl).toBe(true);
    expect(currentDriver().actions.map((a) => (a.kind === 'line' ? a.text : a.kind))).toEqual(['kubectl create namespace first', 'kubectl create deployment early --image=nginx:1.27 -n first']);
    expect(currentDriver().cluster.store.get('Deployment', 'first', 'early')).toBeDefined();
    expect(lab().scrollback).toContain('deployment.apps/early created');
  });
});

describe('time travel in slices', () => {
  it('seeks an hour forward and rewinds a minute in slices, runs what was typed meanwhile, and makes a short trip back at once', async () => {
    const start = lab().startedAt;
    lab().setPaused(true);
    lab().seekTo(start + 5_000);
    await idle();
    lab().submit('kubectl create deployment web --image=nginx:1.27 --replicas=20');
    expect(currentDriver().cluster.store.get('Deployment', 'default', 'web')).toBeDefined();

    // An hour of 20 pods and the system is far more than one slice.
    const seen: string[] = [];
    const off = useLab.subscribe((s) => {
      if (s.working) seen.push(`${s.working.kind} ${s.working.progress.toFixed(2)}`);
    });
    lab().seekTo(lab().now + 3600_000);
    expect(lab().working?.kind).toBe('forward');
    await idle();
    expect(lab().now).toBeGreaterThanOrEqual(start + 3605_000);
    expect(seen.filter((w) => w.startsWith('forward')).length).toBeGreaterThan(2);

    // Back a minute: the hour is replayed from the start, in slices, while the old cluster stays.
    const driverBefore = currentDriver();
    const target = lab().now - 60_000;
    lab().rewindTo(target);
    expect(lab().working?.kind).toBe('rewind');
    expect(currentDriver()).toBe(driverBefore);
    // Typed during the rewind: it waits, then runs on the rewound cluster.
    lab().submit('kubectl get deployment web -o jsonpath={.status.readyReplicas}');
    await idle();
    off();
    const progress = seen.filter((w) => w.startsWith('rewind')).map((w) => Number(w.split(' ')[1]));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(currentDriver()).not.toBe(driverBefore);
    expect(lab().now).toBe(target);
    await vi.waitFor(() => expect(lab().scrollback).toMatch(/rewound to[^\n]*\n[\s\S]*readyReplicas\}\n20/), { timeout: 10_000 });

    // A short trip back (to before the apply) is done at once, in the same task.
    lab().rewindTo(start + 2_000);
    expect(lab().working).toBeUndefined();
    expect(lab().now).toBe(start + 2_000);
    expect(currentDriver().cluster.store.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(lab().future.length).toBeGreaterThan(0);
  });
});
