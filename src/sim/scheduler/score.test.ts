// Score plugin arithmetic against kube-scheduler's own unit-test vectors (the comments name the
// upstream test case) plus a few cases of our own where upstream has none (marked "ours").

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api.ts';
import type { KubeObject } from '../store/types.ts';
import {
  balancedAllocationScore,
  defaultNormalizeScore,
  defaultSpreadSelector,
  imageLocalityScore,
  interPodAffinityScores,
  leastAllocatedScore,
  podResourceRequests,
  podTopologySpreadScores,
  preferredNodeAffinityWeight,
  intolerablePreferNoScheduleTaints,
  scoreNodes,
  selectorFrom,
  softSpreadConstraints,
  DEFAULT_MEMORY_REQUEST,
  type SpreadConstraint,
} from './score.ts';

const HOST = 'kubernetes.io/hostname';

function node(name: string, labels: Record<string, string> = {}, cpu = '2', memory = '4Gi'): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOST]: name, ...labels } }, status: { allocatable: { cpu, memory, pods: '110' } } };
}

type Req = Record<string, string>;
function pod(name: string, opts: { node?: string; labels?: Record<string, string>; ns?: string; requests?: Req[]; terminating?: boolean; owner?: { kind: string; name: string; apiVersion: string } } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: opts.ns ?? 'default',
      labels: opts.labels ?? {},
      ...(opts.terminating ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(opts.owner ? { ownerReferences: [{ ...opts.owner, uid: 'u', controller: true }] } : {}),
    },
    spec: { ...(opts.node ? { nodeName: opts.node } : {}), containers: (opts.requests ?? []).map((r, i) => ({ name: `c${i}`, image: 'nginx', resources: { requests: r } })) },
  };
}

describe('NodeResourcesFit LeastAllocated (least_allocated_test.go)', () => {
  // [name, requested cpu, requested memory, allocatable cpu, allocatable memory, want]
  it.each([
    ['nothing scheduled, resources requested, differently sized nodes: node1', 3000, 5000, 4000, 10000, 37],
    ['nothing scheduled, resources requested, differently sized nodes: node2', 3000, 5000, 6000, 10000, 50],
    ['no resources requested, pods scheduled with resources: node1', 6000, 0, 10000, 20000, 70],
    ['no resources requested, pods scheduled with resources: node2', 6000, 5000, 10000, 20000, 57],
    ['resources requested, pods scheduled with resources: node2', 6000, 10000, 10000, 20000, 45],
    ['differently sized nodes: node2', 6000, 10000, 10000, 50000, 60],
    ['requested resources exceed node capacity: node1', 6000, 0, 4000, 10000, 50],
    ['requested resources exceed node capacity: node2', 6000, 5000, 4000, 10000, 25],
    ['zero node resources', 3000, 5000, 0, 0, 0],
  ])('%s → %i', (_name, rc, rm, ac, am, want) => {
    expect(leastAllocatedScore({ cpuMilli: rc, memory: rm }, { cpuMilli: ac, memory: am })).toBe(want);
  });

  it('sums the incoming pod and the pods on the node ("resources requested, pods scheduled with resources" → 57 / 45)', () => {
    const nodes = [node('node1', {}, '10000', '20000'), node('node2', {}, '10000', '20000')];
    const incoming = pod('p', { requests: [{ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }] });
    const existing = [pod('e1', { node: 'node1', requests: [{ cpu: '3000', memory: '0' }] }), pod('e2', { node: 'node2', requests: [{ cpu: '3000', memory: '5000' }] })];
    const scores = scoreNodes({ pod: incoming, feasible: nodes, allNodes: nodes, pods: existing, ...noListers, nodeImages: new Map(), namespaceLabels: () => undefined, matchesRequiredAffinity: () => true });
    expect(scores.map((s) => s.plugins.NodeResourcesFit)).toEqual([57, 45]);
  });
});

describe('NodeResourcesBalancedAllocation (balanced_allocation_test.go)', () => {
  it.each([
    ['nothing scheduled, resources requested, differently sized nodes: node1', 3000, 5000, 4000, 10000, 87],
    ['nothing scheduled, resources requested, differently sized nodes: node2', 3000, 5000, 6000, 10000, 100],
    ['resources requested, pods scheduled with resources: node1', 6000, 5000, 10000, 20000, 82],
    ['resources requested, pods scheduled with resources: node2', 6000, 10000, 10000, 20000, 95],
    ['differently sized nodes: node2', 6000, 10000, 10000, 50000, 80],
    ['requested resources at node capacity: node1', 6000, 0, 6000, 10000, 50],
    ['requested resources at node capacity: node2', 6000, 5000, 6000, 10000, 75],
  ])('%s → %i', (_name, rc, rm, ac, am, want) => {
    expect(balancedAllocationScore({ cpuMilli: rc, memory: rm }, { cpuMilli: ac, memory: am })).toBe(want);
  });
});

describe('requests for scoring (non_zero.go, resourcehelper.PodRequests)', () => {
  const base = (containers: NonNullable<Pod['spec']>['containers'], initContainers?: NonNullable<Pod['spec']>['initContainers']): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers, ...(initContainers ? { initContainers } : {}) },
  });

  it('a container without requests counts 100m and 200Mi, for scoring only', () => {
    const p = base([{ name: 'a', image: 'nginx' }]);
    expect(podResourceRequests(p, true)).toEqual({ cpuMilli: 100, memory: DEFAULT_MEMORY_REQUEST });
    expect(podResourceRequests(p, false)).toEqual({ cpuMilli: 0, memory: 0 });
  });

  it('an explicit zero stays zero; each missing resource is defaulted on its own', () => {
    const p = base([{ name: 'a', image: 'nginx', resources: { requests: { cpu: '0', memory: '64Mi' } } }, { name: 'b', image: 'nginx', resources: { requests: { cpu: '250m' } } }]);
    expect(podResourceRequests(p, true)).toEqual({ cpuMilli: 250, memory: 64 * 1024 * 1024 + DEFAULT_MEMORY_REQUEST });
  });

  it('a pod with no containers requests nothing, as upstream test pods do', () => {
    expect(podResourceRequests(base([]), true)).toEqual({ cpuMilli: 0, memory: 0 });
  });

  it('init containers: the larger of the peak and the app sum; sidecars add up (ours)', () => {
    const p = base(
      [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m', memory: '10Mi' } } }],
      [
        { name: 'side', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '50m', memory: '5Mi' } } },
        { name: 'init', image: 'busybox', resources: { requests: { cpu: '500m', memory: '1Mi' } } },
      ],
    );
    expect(podResourceRequests(p, false)).toEqual({ cpuMilli: 550, memory: 15 * 1024 * 1024 });
  });
});

describe('helper.DefaultNormalizeScore (normalize_score_test.go)', () => {
  it.each([
    [[10, 20, 30, 40, 50], false, [20, 40, 60, 80, 100]],
    [[10, 20, 30, 40, 50], true, [80, 60, 40, 20, 0]],
    [[0, 0, 0], true, [100, 100, 100]],
    [[0, 0, 0], false, [0, 0, 0]],
  ])('%j reverse=%s → %j', (scores, reverse, want) => {
    expect(defaultNormalizeScore(scores, reverse)).toEqual(want);
  });
});

const noListers = { services: [] as KubeObject[], replicationControllers: [] as KubeObject[], replicaSets: [] as KubeObject[], statefulSets: [] as KubeObject[] };

describe('PodTopologySpread scoring (scoring_test.go, after #107384 rounds raw scores)', () => {
  const foo = selectorFrom({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] });
  const bar = selectorFrom({ matchExpressions: [{ key: 'bar', operator: 'Exists' }] });
  const spread = (maxSkew: number, topologyKey: string, selector = foo): SpreadConstraint => ({ maxSkew, topologyKey, selector });

  function run(constraints: SpreadConstraint[], feasible: Node[], failed: Node[], existing: Pod[], systemDefaulted = false): (number | undefined)[] | undefined {
    const podsByNode = new Map<string, Pod[]>();
    for (const p of existing) podsByNode.set(p.spec!.nodeName!, [...(podsByNode.get(p.spec!.nodeName!) ?? []), p]);
    return podTopologySpreadScores({ pod: pod('p', { labels: { foo: '', bar: '' } }), constraints, systemDefaulted, feasible, allNodes: [...feasible, ...failed], podsByNode, matchesRequiredAffinity: () => true });
  }
  const on = (nodeName: string, n: number, labels: Record<string, string> = { foo: '' }, extra: { ns?: string; terminating?: boolean } = {}): Pod[] =>
    Array.from({ length: n }, (_, i) => pod(`p-${nodeName}${i}`, { node: nodeName, labels, ...extra }));
  const abcd = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => node(n));

  it('one constraint on node, all nodes have the same number of matching pods → 100/100', () => {
    expect(run([spread(1, HOST)], abcd.slice(0, 2), [], [...on('node-a', 1), ...on('node-b', 1)])).toEqual([100, 100]);
  });
  it('one constraint on node, all 4 nodes are candidates (2/1/0/3) → 20/60/100/0', () => {
    expect(run([spread(1, HOST)], abcd, [], [...on('node-a', 2), ...on('node-b', 1), ...on('node-d', 3)])).toEqual([20, 60, 100, 0]);
  });
  it('maxSkew=2 → 33/66/100/16', () => {
    expect(run([spread(2, HOST)], abcd, [], [...on('node-a', 2), ...on('node-b', 1), ...on('node-d', 3)])).toEqual([33, 66, 100, 16]);
  });
  it('maxSkew=3 (4/3/2/1) → 44/66/77/100', () => {
    expect(run([spread(3, HOST)], abcd, [], [...on('node-a', 4), ...on('node-b', 3), ...on('node-c', 2), ...on('node-d', 1)])).toEqual([44, 66, 77, 100]);
  });
  it('system defaulting, nodes without zone, pods match a service → same as one hostname constraint: 44/66/77/100', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } } as KubeObject;
    const p = pod('p', { labels: { foo: '' } });
    const { constraints, systemDefaulted } = softSpreadConstraints(p, { ...noListers, services: [svc] });
    expect(systemDefaulted).toBe(true);
    expect(constraints.map((c) => [c.topologyKey, c.maxSkew])).toEqual([
      [HOST, 3],
      ['topology.kubernetes.io/zone', 5],
    ]);
    expect(run(constraints, abcd, [], [...on('node-a', 4), ...on('node-b', 3), ...on('node-c', 2), ...on('node-d', 1)], true)).toEqual([44, 66, 77, 100]);
  });
  it('one constraint on node, 3 out of 4 nodes are candidates → 33/83/100', () => {
    const [a, b, x, y] = ['node-a', 'node-b', 'node-x', 'node-y'].map((n) => node(n));
    expect(run([spread(1, HOST)], [a!, b!, x!], [y!], [...on('node-a', 4), ...on('node-b', 2), ...on('node-x', 1), ...on('node-y', 3)])).toEqual([33, 83, 100]);
  });
  it('one node does not have the topology key → 16/0/100', () => {
    const a = node('node-a');
    const b: Node = { ...node('node-b'), metadata: { name: 'node-b', labels: { n: 'node-b' } } };
    const x = node('node-x');
    expect(run([spread(1, HOST)], [a, b, x], [node('node-y')], [...on('node-a', 4), ...on('node-b', 2), ...on('node-x', 1), ...on('node-y', 3)])).toEqual([16, 0, 100]);
  });
  it('one constraint on zone, 3 out of 4 nodes are candidates → 75/75/100', () => {
    const z = (n: string, zone: string): Node => node(n, { zone });
    expect(run([spread(1, 'zone')], [z('node-a', 'zone1'), z('node-b', 'zone1'), z('node-x', 'zone2')], [z('node-y', 'zone2')], [...on('node-a', 4), ...on('node-b', 2), ...on('node-x', 1), ...on('node-y', 3)])).toEqual([75, 75, 100]);
  });
  it('two constraints on zone and node, 2 out of 4 nodes are candidates → 100/63', () => {
    const z = (n: string, zone: string): Node => node(n, { zone });
    expect(run([spread(1, 'zone'), spread(1, HOST)], [z('node-a', 'zone1'), z('node-x', 'zone2')], [z('node-b', 'zone1'), z('node-y', 'zone2')], [...on('node-a', 2), ...on('node-b', 1), ...on('node-x', 2), ...on('node-y', 4)])).toEqual([100, 63]);
  });
  it('two constraints with different label selectors → 60/20/100/60', () => {
    const z = (n: string, zone: string): Node => node(n, { zone });
    const existing = [pod('a1', { node: 'node-a', labels: { foo: '' } }), pod('b1', { node: 'node-b', labels: { foo: '', bar: '' } }), pod('y1', { node: 'node-y', labels: { foo: '' } }), pod('y2', { node: 'node-y', labels: { bar: '' } })];
    expect(run([spread(1, 'zone', foo), spread(1, HOST, bar)], [z('node-a', 'zone1'), z('node-b', 'zone1'), z('node-x', 'zone2'), z('node-y', 'zone2')], [], existing)).toEqual([60, 20, 100, 60]);
  });
  it('terminating pods are excluded → 100/0', () => {
    expect(run([spread(1, HOST)], abcd.slice(0, 2), [], [...on('node-a', 1, { foo: '' }, { terminating: true }), ...on('node-b', 1)])).toEqual([100, 0]);
  });
  it('pods of other namespaces do not count (ours: 1 vs 2 matching → 100/33)', () => {
    expect(run([spread(1, HOST)], abcd.slice(0, 2), [], [...on('node-a', 1, { foo: '' }, { ns: 'ns1' }), ...on('node-a', 1), ...on('node-b', 2)])).toEqual([100, 33]);
  });
  it('no constraints (pod with no Service or controller) → Skip', () => {
    expect(softSpreadConstraints(pod('bare', { labels: { run: 'bare' } }), noListers).constraints).toEqual([]);
    expect(run([], abcd, [], [])).toBeUndefined();
  });
});

describe('helper.DefaultSelector (spread.go)', () => {
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', 'pod-template-hash': '1' } } } } as KubeObject;
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } } as KubeObject;
  const otherNs = { ...svc, metadata: { name: 'web', namespace: 'other' }, spec: { selector: { tier: 'x' } } } as KubeObject;
  const p = pod('web-1-abc', { labels: { app: 'web', 'pod-template-hash': '1', tier: 'x' }, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1' } });

  it('merges the Services that select the pod with its controlling ReplicaSet selector', () => {
    const sel = defaultSpreadSelector(p, { ...noListers, services: [svc, otherNs], replicaSets: [rs] });
    expect(sel.requirements.map((r) => `${r.key}=${(r.values ?? []).join()}`).sort()).toEqual(['app=web', 'app=web', 'pod-template-hash=1']);
  });
  it('a controller that is not found adds nothing', () => {
    expect(defaultSpreadSelector(p, noListers).requirements).toEqual([]);
  });
});

describe('TaintToleration and NodeAffinity raw scores', () => {
  const tainted: Node = { ...node('n1'), spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'PreferNoSchedule' }, { key: 'x', effect: 'NoSchedule' }] } };
  it.each([
    ['no tolerations', [], 1],
    ['tolerates with empty effect', [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }], 0],
    ['a NoSchedule toleration does not count for PreferNoSchedule', [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }], 1],
    ['tolerates PreferNoSchedule', [{ key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' }], 0],
  ])('%s → %i intolerable', (_n, tolerations, want) => {
    const p = pod('p');
    p.spec!.tolerations = tolerations;
    expect(intolerablePreferNoScheduleTaints(p, tainted)).toBe(want);
  });

  it('TaintToleration normalises reversed: fewer intolerable taints score higher (taint_toleration_test.go: 2/1/0 → 0/50/100)', () => {
    expect(defaultNormalizeScore([2, 1, 0], true)).toEqual([0, 50, 100]);
  });

  it('NodeAffinity sums the weights of matching preferred terms', () => {
    const p = pod('p');
    p.spec!.affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
          { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
          { weight: 5, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'key', operator: 'In', values: ['value'] }, { key: 'az', operator: 'In', values: ['az1'] }] } },
        ],
      },
    };
    // node_affinity_test.go "all nodes matches preferred scheduling requirements of pod but with different priorities" → 18 / 100 / 36.
    const raw = [node('node1', { foo: 'bar' }), node('node5', { foo: 'bar', key: 'value', az: 'az1' }), node('node2', { key: 'value' })].map((n) => preferredNodeAffinityWeight(p, n));
    expect(raw).toEqual([2, 11, 4]);
    expect(defaultNormalizeScore(raw, false)).toEqual([18, 100, 36]);
  });
});

describe('ImageLocality (image_locality.go arithmetic; ours)', () => {
  const MB = 1024 * 1024;
  const images = new Map([
    ['n1', new Map([['docker.io/library/big:1', 500 * MB]])],
    ['n2', new Map<string, number>()],
  ]);
  const withImage = (image: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image }] } });
  it('an image on one node of two counts half its size: (250MB - 23MB) * 100 / (1000MB - 23MB) = 23', () => {
    expect(imageLocalityScore(withImage('docker.io/library/big:1'), 'n1', images, 2)).toBe(23);
    expect(imageLocalityScore(withImage('docker.io/library/big:1'), 'n2', images, 2)).toBe(0);
  });
  it('the short name does not match the full reference the runtime reports, as upstream', () => {
    expect(imageLocalityScore(withImage('big:1'), 'n1', images, 2)).toBe(0);
  });
});

describe('InterPodAffinity preferred terms (ours)', () => {
  it('prefers the node whose pods match a preferred affinity term, and avoids the anti-affinity one', () => {
    const nodes = [node('n1'), node('n2'), node('n3')];
    const existing = [pod('cache', { node: 'n1', labels: { app: 'cache' } }), pod('noisy', { node: 'n2', labels: { app: 'noisy' } })];
    const p = pod('web');
    p.spec!.affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app: 'cache' } } } }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: HOST, labelSelector: { matchLabels: { app: 'noisy' } } } }] },
    };
    const podsByNode = new Map(existing.map((e) => [e.spec!.nodeName!, [e]]));
    expect(interPodAffinityScores({ pod: p, feasible: nodes, allNodes: nodes, podsByNode, namespaceLabels: () => undefined })).toEqual([100, 0, 50]);
    expect(interPodAffinityScores({ pod: pod('plain'), feasible: nodes, allNodes: nodes, podsByNode, namespaceLabels: () => undefined })).toBeUndefined();
  });
});
