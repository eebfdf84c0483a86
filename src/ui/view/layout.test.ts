import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, ContainerView, PodView } from '../../state/snapshot.ts';
import { fitText, layoutCluster, orderedContainers, PENDING_KEY, type Rect } from './layout.ts';

function ctr(name: string, role: ContainerView['role'] = 'app', mounts: string[] = []): ContainerView {
  return { name, id: undefined, role, image: 'nginx', phase: 'ready', reason: 'Running', ready: true, restarts: 0, mounts, ports: [], probes: { liveness: false, readiness: false, startup: false } };
}

function pod(name: string, node: string | undefined, owner?: string, ns = 'default'): PodView {
  return {
    key: `Pod/${ns}/${name}`,
    namespace: ns,
    name,
    node,
    status: 'Running',
    ready: '1/1',
    allReady: true,
    restarts: 0,
    ip: undefined,
    owner: owner ? `ReplicaSet/${ns}/${owner}` : undefined,
    workload: owner ? `Deployment/${ns}/${owner.split('-')[0]}` : undefined,
    terminating: false,
    labels: {},
    containers: [ctr('main')],
    volumes: [],
    createdAt: 0,
  };
}

function snap(pods: PodView[]): ClusterSnapshot {
  const node = (name: string, cp = false) => ({ key: `Node//${name}`, name, status: 'Ready', ready: true, roles: cp ? 'control-plane' : '<none>', unschedulable: false });
  return {
    version: 1,
    nodes: [node('controlplane', true), node('node01'), node('node02')],
    pods,
    services: [{ key: 'Service/default/web', namespace: 'default', name: 'web', type: 'ClusterIP', clusterIP: '10.0.0.1', ports: '80/TCP', endpoints: pods.map((p) => ({ pod: p.key, ready: true })) }],
    workloads: [],
    storage: [],
    events: [],
  };
}

const inside = (a: Rect, b: Rect) => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.w <= b.x + b.w + 0.01 && a.y + a.h <= b.y + b.h + 0.01;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layoutCluster', () => {
  const size = { showSystem: false, width: 560, height: 380 };

  it('keeps pods inside their node region, and unscheduled pods in the pending region', () => {
    const pods = [pod('web-a-1', 'node01', 'web-a'), pod('web-a-2', 'node02', 'web-a'), pod('solo', 'node01'), pod('lost', undefined)];
    const L = layoutCluster(snap(pods), size);
    for (const p of L.pods) {
      const region = L.regions.find((r) => r.key === p.region)!;
      expect(inside(p, region)).toBe(true);
      expect(p.region).toBe(p.pod.node ? `Node//${p.pod.node}` : PENDING_KEY);
    }
  });

  it('does not overlap pods, regions or services', () => {
    const pods = Array.from({ length: 90 }, (_, i) => pod(`web-${String(i).padStart(3, '0')}`, i % 3 === 0 ? 'node01' : 'node02', i % 2 ? 'web-x' : 'api-y'));
    const L = layoutCluster(snap(pods), size);
    for (let i = 0; i < L.pods.length; i++) for (let j = i + 1; j < L.pods.length; j++) expect(overlap(L.pods[i]!, L.pods[j]!)).toBe(false);
    for (let i = 0; i < L.regions.length; i++) for (let j = i + 1; j < L.regions.length; j++) expect(overlap(L.regions[i]!, L.regions[j]!)).toBe(false);
    for (const s of L.services) for (const r of L.regions) expect(overlap(s, r)).toBe(false);
  });

  it('gives pods a stable order: others coming and going do not reorder them', () => {
    const base = [pod('web-b', 'node01', 'web-1'), pod('web-a', 'node01', 'web-1'), pod('solo', 'node01')];
    const first = layoutCluster(snap(base), size).pods.map((p) => p.pod.name);
    expect(first).toEqual(['web-a', 'web-b', 'solo']);
    const more = layoutCluster(snap([pod('zzz', 'node02'), ...base.reverse(), pod('api-1', 'node02', 'api-1')]), size).pods.filter((p) => p.region === 'Node//node01');
    expect(more.map((p) => p.pod.name)).toEqual(first);
  });

  it('puts the control plane last and narrower than the workers', () => {
    const L = layoutCluster(snap([pod('a', 'node01')]), size);
    expect(L.regions.map((r) => r.name)).toEqual(['node01', 'node02', 'controlplane']);
    expect(L.regions[2]!.w).toBeLessThan(L.regions[0]!.w);
  });

  it('shrinks cards as pods pile up and fits 300 pods', () => {
    const few = layoutCluster(snap([pod('a', 'node01')]), size);
    expect(few.density).toBe('full');
    const many = Array.from({ length: 300 }, (_, i) => pod(`p${i}`, ['controlplane', 'node01', 'node02'][i % 3], `rs-${i % 7}`));
    const L = layoutCluster(snap(many), size);
    expect(L.density).toBe('mini');
    expect(L.pods).toHaveLength(300);
    expect(L.height).toBeLessThanOrEqual(380 * 1.5);
  });

  it('orders init containers first, then sidecars, then app containers', () => {
    const p = { ...pod('x', 'node01'), containers: [ctr('app'), ctr('init-1', 'init'), ctr('side', 'sidecar'), ctr('init-2', 'init')] };
    expect(orderedContainers(p).map((c) => c.name)).toEqual(['init-1', 'init-2', 'side', 'app']);
  });

  it('draws a volume connector under the containers that share it', () => {
    const p = { ...pod('x', 'node01'), containers: [ctr('a', 'app', ['data']), ctr('b', 'app', ['data']), ctr('c')], volumes: [{ name: 'data', type: 'emptyDir' }] };
    const L = layoutCluster(snap([p]), size);
    const box = L.pods[0]!;
    expect(box.volumes).toHaveLength(1);
    expect(box.volumes[0]!.x1).toBe(box.containers[0]!.x);
    expect(box.volumes[0]!.x2).toBe(box.containers[1]!.x + box.containers[1]!.w);
    for (const c of box.containers) expect(c.x + c.w).toBeLessThanOrEqual(box.w);
  });
});

/** The init-container article's pod, on its first init container. */
function initPod(): PodView {
  const p = pod('myapp-pod', 'node02');
  p.status = 'Init:0/2';
  p.containers = [
    { ...ctr('myapp-container'), phase: 'waiting', reason: 'PodInitializing', ready: false },
    { ...ctr('init-myservice', 'init'), phase: 'running', reason: 'Running', ready: false },
    { ...ctr('init-mydb', 'init'), phase: 'waiting', reason: 'PodInitializing', ready: false },
  ];
  return p;
}

describe('init containers in the view', () => {
  it('gives the init container the pod is on room for its whole name, the others their icon, all inside the card', () => {
    const p = initPod();
    const L = layoutCluster(snap([p]), { showSystem: false, width: 560, height: 380 });
    const box = L.pods.find((b) => b.key === p.key)!;
    const [first, second, app] = box.containers;
    expect(box.containers.map((c) => c.c.name)).toEqual(['init-myservice', 'init-mydb', 'myapp-container']);
    expect(first!.current).toBe(true);
    // What the view prints: the name fits in the chip less its icon and padding.
    expect(fitText('init-myservice', first!.w - 20, 10.5)).toBe('init-myservice');
    for (const c of [second!, app!]) expect(c.w).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < box.containers.length; i++) expect(box.containers[i]!.x).toBeGreaterThan(box.containers[i - 1]!.x + box.containers[i - 1]!.w);
    const last = box.containers.at(-1)!;
    expect(box.x + last.x + last.w).toBeLessThanOrEqual(box.x + box.w);
  });

  it('on a narrow card shrinks the others to their icon and cuts the current name as late as it can', () => {
    const p = initPod();
    // 700 px wide: three regions side by side, cards of about 125 px.
    const L = layoutCluster(snap([p]), { showSystem: false, width: 700, height: 380 });
    const box = L.pods.find((b) => b.key === p.key)!;
    const [first, second, app] = box.containers;
    expect(second!.w).toBe(20);
    expect(app!.w).toBe(20);
    expect(first!.w).toBeGreaterThan(box.w / 2);
    expect(box.x + app!.x + app!.w).toBeLessThanOrEqual(box.x + box.w);
  });
});
