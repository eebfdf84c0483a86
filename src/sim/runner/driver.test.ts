import { describe, expect, it } from 'vitest';
import { LabDriver, type DriverEvent } from './driver.ts';
import { KUBECTL } from '../kubectl/tool.ts';
import type { Pod } from '../api.ts';
import type { KubeObject } from '../store/types.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

function collect(d: LabDriver): DriverEvent[] {
  const events: DriverEvent[] = [];
  d.subscribe((e) => events.push(e));
  return events;
}

const text = (events: DriverEvent[]) => events.map((e) => (e.kind === 'output' ? e.text : `[${e.kind} ${e.code}]`)).join('');

function state(d: LabDriver): string {
  return JSON.stringify({ now: d.now, objects: d.cluster.store.all(), random: d.cluster.random.nextUint32() });
}

describe('LabDriver', () => {
  it('runs a sleeping command on the clock: the prompt comes back only when time has passed', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 3 });
    const events = collect(d);
    d.submit('sleep 5\necho done');
    expect(d.busy()).toBe(true);
    d.advance(4_999);
    expect(text(events)).toBe('');
    d.advance(1);
    expect(text(events)).toBe('done\n[idle 0]');
    expect(d.busy()).toBe(false);
  });

  it('streams logs -f as the clock runs and stops it on Ctrl+C', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 3 });
    d.submit(`kubectl run ticker --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 2; done'`);
    d.advance(20_000);
    const events = collect(d);
    d.submit('kubectl logs -f ticker');
    const before = text(events).split('\n').length;
    d.advance(10_000);
    const after = text(events);
    expect(after.split('\n').length).toBeGreaterThan(before + 3);
    expect(d.busy()).toBe(true);
    d.interrupt();
    expect(d.busy()).toBe(false);
    expect(text(events)).toMatch(/\^C\n\[idle 130\]$/);
  });

  it('records the workspace files an apply read, so a replay needs no workspace', () => {
    const files: Record<string, string> = { 'web.yaml': POD };
    const d = new LabDriver({ kubectl: KUBECTL, seed: 7, readFile: (n) => files[n] });
    d.submit('kubectl apply -f web.yaml', 'background');
    expect(d.actions[0]).toMatchObject({ kind: 'line', files: { 'web.yaml': POD } });
    files['web.yaml'] = 'changed later';
    d.advance(30_000);
    const replayed = LabDriver.replay({ kubectl: KUBECTL, seed: 7 }, d.actions, d.now);
    expect(state(replayed)).toBe(state(d));
  });

  it('the terminal and the background share one kubeconfig, and a replay rebuilds it', () => {
    const d = new LabDriver({ seed: 5 });
    d.install(KUBECTL);
    d.submit('kubectl create namespace dev');
    d.submit('kubectl config set-context --current --namespace=dev');
    d.submit('kubectl run web --image=nginx', 'background');
    d.advance(5_000);
    expect(d.session('background').namespace).toBe('dev');
    expect(d.cluster.store.get('Pod', 'dev', 'web')).toBeDefined();
    const replayed = LabDriver.replay({ kubectl: KUBECTL, seed: 5 }, d.actions, d.now);
    expect(replayed.session().namespace).toBe('dev');
    expect(state(replayed)).toBe(state(d));
  });

  it('replays to the same cluster however the live clock was chunked', () => {
    const live = new LabDriver({ kubectl: KUBECTL, seed: 11 });
    live.advance(1234);
    live.submit(`kubectl create deployment hello --image=nginx:1.27 --replicas=3`);
    for (let i = 0; i < 40; i++) live.advance(250 + i);
    live.submit('kubectl set image deployment/hello nginx=nginx:1.28');
    live.submit('sleep 3', 'terminal');
    for (let i = 0; i < 120; i++) live.advance(333);
    live.submit('kubectl scale deployment hello --replicas=5');
    live.advance(45_000);
    const replayed = LabDriver.replay({ kubectl: KUBECTL, seed: 11 }, live.actions, live.now);
    expect(state(replayed)).toBe(state(live));
  });

  it('replays in steps of any size to the same cluster as in one go (the page slices a long rewind)', () => {
    const live = new LabDriver({ kubectl: KUBECTL, seed: 13 });
    live.advance(2_000);
    live.submit('kubectl create deployment hello --image=nginx:1.27 --replicas=4');
    live.advance(20_000);
    live.submit('kubectl set image deployment/hello nginx=nginx:1.28');
    live.advance(90_000);
    const whole = LabDriver.replay({ kubectl: KUBECTL, seed: 13 }, live.actions, live.now - 30_000);
    // state() draws from the random source, so the expected state is taken once.
    const expected = state(whole);
    for (const slice of [1, 777, 5_000, 61_000]) {
      const r = LabDriver.replayer({ kubectl: KUBECTL, seed: 13 }, live.actions, live.now - 30_000);
      let steps = 0;
      const seen: number[] = [];
      while (!r.step(slice)) {
        steps++;
        seen.push(r.progress());
      }
      expect(steps).toBeGreaterThan(slice < 61_000 ? 1 : 0);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(r.progress()).toBe(1);
      expect(r.driver.future).toEqual(whole.future);
      expect(state(r.driver)).toBe(expected);
    }
  });

  it('rewinds: replaying only the actions before a moment gives the cluster of that moment', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 5, readFile: () => POD });
    const t0 = d.now;
    d.advance(5_000);
    d.submit('kubectl apply -f web.yaml');
    d.advance(60_000);
    const before = LabDriver.replay({ kubectl: KUBECTL, seed: 5 }, d.actions, t0 + 4_000);
    expect(before.cluster.store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(before.actions).toHaveLength(0);
    // Playing forward again from there gives the same cluster as the first time.
    const again = LabDriver.replay({ kubectl: KUBECTL, seed: 5 }, d.actions, d.now);
    expect(state(again)).toBe(state(d));
  });

  it('reports the end of a command with the prompt to show next', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 1 });
    const events = collect(d);
    d.submit('kubectl get nodes');
    expect(text(events)).toContain('controlplane');
    expect(text(events)).toMatch(/\[idle 0\]$/);
  });
});

describe('LabDriver rewind and play forward', () => {
  it('replays the recorded future as the clock reaches it, and a new action discards it', () => {
    const d = new LabDriver({ kubectl: KUBECTL, seed: 9, readFile: () => POD });
    const start = d.now;
    d.advance(10_000);
    d.submit('kubectl apply -f web.yaml');
    d.advance(50_000);
    const end = state(d);

    const rewound = LabDriver.replay({ kubectl: KUBECTL, seed: 9 }, d.actions, start + 5_000);
    expect(rewound.cluster.store.get('Pod', 'default', 'web')).toBeUndefined();
    expect(rewound.future).toHaveLength(1);
    rewound.advance(start + 60_000 - rewound.now);
    expect(state(rewound)).toBe(end);

    const branched = LabDriver.replay({ kubectl: KUBECTL, seed: 9 }, d.actions, start + 5_000);
    branched.submit('kubectl get pods');
    expect(branched.future).toHaveLength(0);
    branched.advance(60_000);
    expect(branched.cluster.store.get('Pod', 'default', 'web')).toBeUndefined();
  });
});

const image = (d: LabDriver) => d.cluster.store.get<Pod & KubeObject>('Pod', 'default', 'web')?.spec?.containers[0]?.image;

describe('the workspace in the workstation shell', () => {
  function workspace(files: Record<string, string>) {
    const writes: [string, string][] = [];
    const d = new LabDriver({ kubectl: KUBECTL, seed: 3, readFile: (n) => files[n], writeFile: (n, t) => {
      writes.push([n, t]);
      files[n] = t;
    } });
    const events = collect(d);
    return { d, files, writes, out: () => text(events) };
  }

  it('shows the editor files to cat and sed, takes back what sed -i changed and what a redirect created', () => {
    const w = workspace({ 'web.yaml': POD });
    w.d.submit('grep image web.yaml');
    expect(w.out()).toContain('    image: nginx:1.27\n');
    w.d.submit("sed -i 's/nginx:1.27/nginx:1.28/' web.yaml");
    expect(w.files['web.yaml']).toContain('image: nginx:1.28');
    w.d.submit('kubectl create deployment api --image=nginx:1.27 --dry-run=client -o yaml > api.yaml');
    expect(w.writes.map(([n]) => n)).toEqual(['web.yaml', 'api.yaml']);
    expect(w.files['api.yaml']).toContain('kind: Deployment');
    w.d.submit('kubectl apply -f web.yaml');
    expect(image(w.d)).toBe('nginx:1.28');
  });

  it('lets a later edit in the editor win over the copy the shell last saw', () => {
    const w = workspace({ 'web.yaml': POD });
    w.d.submit('cat web.yaml > /dev/null');
    w.files['web.yaml'] = POD.replace('nginx:1.27', 'nginx:1.26');
    w.d.submit('kubectl apply -f web.yaml');
    w.d.submit('grep image web.yaml');
    expect(w.out()).toContain('    image: nginx:1.26\n');
    expect(image(w.d)).toBe('nginx:1.26');
  });

  it('does not write to the workspace while replaying, and the replay reaches the same cluster', () => {
    const w = workspace({ 'web.yaml': POD });
    w.d.submit("sed -i 's/nginx:1.27/nginx:1.28/' web.yaml");
    w.d.submit('kubectl apply -f web.yaml');
    w.d.advance(5_000);
    const writes: string[] = [];
    const again = LabDriver.replay({ kubectl: KUBECTL, seed: 3, readFile: () => undefined, writeFile: (n) => writes.push(n) }, w.d.actions, w.d.now);
    expect(writes).toEqual([]);
    expect(state(again)).toBe(state(w.d));
  });
});

describe('files read after a wait', () => {
  it('are recorded with the action, so a replay applies what was read then, not what the file holds now', () => {
    const files: Record<string, string> = { 'later.yaml': POD };
    const d = new LabDriver({ kubectl: KUBECTL, seed: 3, readFile: (n) => files[n] });
    // A pasted script: the apply runs 10 s after the line was submitted.
    d.submit('sleep 10\nkubectl apply -f later.yaml');
    d.advance(15_000);
    expect(image(d)).toBe('nginx:1.27');
    expect(d.actions[0]!.kind === 'line' && d.actions[0]!.files).toEqual({ 'later.yaml': POD });
    // The student edits the file afterwards; a reload replays the past as it was.
    files['later.yaml'] = POD.replace('nginx:1.27', 'nginx:1.28');
    const again = LabDriver.replay({ kubectl: KUBECTL, seed: 3, readFile: (n) => files[n] }, d.actions, d.now);
    expect(image(again)).toBe('nginx:1.27');
    expect(state(again)).toBe(state(d));
  });
});
