import type { ContainerState, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { getPodsTable, podColumns } from './pod.ts';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const SEC = 1000;
const DAY = 24 * 3600 * SEC;

// Fixtures mirror k/k printers_test.go: unnamed containers, zero-valued fields left out.
const cs = (s: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name: '',
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...s,
});
const running = { running: {} };
const waiting = (reason?: string): ContainerState => ({ waiting: reason ? { reason } : {} });
const terminated = (reason: string | undefined, exitCode: number): ContainerState => ({
  terminated: reason ? { reason, exitCode } : { exitCode },
});
const lastFinished = (msAgo: number): ContainerState => ({
  terminated: { exitCode: 0, finishedAt: ago(msAgo) },
});
const unnamed = (n: number): { name: string }[] => Array.from({ length: n }, () => ({ name: '' }));

interface PodFixture {
  containers?: number;
  initContainers?: number;
  phase?: string;
  reason?: string;
  deleting?: boolean;
  init?: ContainerStatus[];
  app?: ContainerStatus[];
  conditions?: PodCondition[];
}

function fixture(f: PodFixture): Pod {
  return {
    metadata: {
      name: 'test',
      ...(f.deleting ? { deletionTimestamp: ago(10 * SEC) } : {}),
    },
    spec: {
      containers: unnamed(f.containers ?? 1),
      ...(f.initContainers ? { initContainers: unnamed(f.initContainers) } : {}),
    },
    status: {
      ...(f.phase !== undefined ? { phase: f.phase } : {}),
      ...(f.reason !== undefined ? { reason: f.reason } : {}),
      ...(f.init ? { initContainerStatuses: f.init } : {}),
      ...(f.app ? { containerStatuses: f.app } : {}),
      ...(f.conditions ? { conditions: f.conditions } : {}),
    },
  };
}

// TestPrintPod, all 21 rows (reference section 2.2). AGE is <unknown> throughout.
const printPodCases: [string, PodFixture, string, string, string][] = [
  ['1 ready+running and a bare status', { containers: 2, phase: 'podPhase', app: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }, '1/2', 'podPhase', '6'],
  ['2 waiting reason beats the phase', { containers: 2, phase: 'podPhase', app: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3, state: waiting('ContainerWaitingReason') })] }, '1/2', 'ContainerWaitingReason', '6'],
  ['3 first container wins', { containers: 2, phase: 'podPhase', app: [cs({ restartCount: 3, state: waiting('ContainerWaitingReason') }), cs({ restartCount: 3, state: terminated('ContainerTerminatedReason', 0) })] }, '0/2', 'ContainerWaitingReason', '6'],
  ['4 ready without running is not ready', { containers: 2, phase: 'podPhase', app: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }, '1/2', 'podPhase', '6'],
  ['5 status.reason replaces the phase', { containers: 2, phase: 'podPhase', reason: 'podReason', app: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }, '1/2', 'podReason', '6'],
  ['6 Completed + running, no Ready condition', { containers: 2, phase: 'Running', app: [cs({ ready: true, restartCount: 3, state: terminated('Completed', 0) }), cs({ ready: true, restartCount: 3, state: running })] }, '1/2', 'NotReady', '6'],
  ['7 Completed + running, Ready=True', { containers: 2, phase: 'Running', app: [cs({ ready: true, restartCount: 3, state: terminated('Completed', 0) }), cs({ ready: true, restartCount: 3, state: running })], conditions: [{ type: 'Ready', status: 'True' }] }, '1/2', 'Running', '6'],
  ['8 one init restarting', { initContainers: 1, phase: 'podPhase', init: [cs({ restartCount: 3, state: running, lastState: lastFinished(10 * SEC) })], app: [cs({ state: waiting() })] }, '0/1', 'Init:0/1', '3 (10s ago)'],
  ['9 two inits, first restarting', { initContainers: 2, phase: 'podPhase', init: [cs({ restartCount: 3, state: running, lastState: lastFinished(10 * SEC) }), cs({ state: waiting() })], app: [cs({ state: waiting() })] }, '0/1', 'Init:0/2', '3 (10s ago)'],
  ['10 first init done, second restarting', { initContainers: 2, phase: 'podPhase', init: [cs({ state: terminated(undefined, 0) }), cs({ restartCount: 3, state: running, lastState: lastFinished(10 * SEC) })], app: [cs({ state: waiting() })] }, '0/1', 'Init:1/2', '3 (10s ago)'],
  ['11 first init done after restarts', { initContainers: 2, phase: 'podPhase', init: [cs({ restartCount: 2, state: terminated(undefined, 0), lastState: lastFinished(120 * SEC) }), cs({ restartCount: 3, state: running, lastState: lastFinished(10 * SEC) })], app: [cs({ state: waiting() })] }, '0/1', 'Init:1/2', '5 (10s ago)'],
  ['12 init restarts stop counting once done', { initContainers: 1, phase: 'Running', init: [cs({ restartCount: 2, state: terminated(undefined, 0), lastState: lastFinished(120 * SEC) })], app: [cs({ restartCount: 4, state: running, lastState: lastFinished(20 * SEC) })] }, '0/1', 'Running', '4 (20s ago)'],
  ['13 restarted 5d ago', { phase: 'Running', app: [cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(5 * DAY) })] }, '1/1', 'Running', '3 (5d ago)'],
  ['14 one container restarted 10d ago', { containers: 2, phase: 'Running', app: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(10 * DAY) })] }, '2/2', 'Running', '3 (10d ago)'],
  ['15 latest finishedAt wins', { containers: 2, phase: 'Running', app: [cs({ ready: true, restartCount: 6, state: running, lastState: lastFinished(5 * DAY) }), cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(20 * DAY) })] }, '2/2', 'Running', '9 (5d ago)'],
  ['16 SchedulingGated', { containers: 2, phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }, '0/2', 'SchedulingGated', '0'],
  ['17 Succeeded', { phase: 'Succeeded', app: [cs({ state: terminated('Completed', 0) })] }, '0/1', 'Completed', '0'],
  ['18 Failed', { phase: 'Failed', app: [cs({ state: terminated('Error', 1) })] }, '0/1', 'Error', '0'],
  ['19 Succeeded and deleting stays Completed', { phase: 'Succeeded', deleting: true, app: [cs({ state: terminated('Completed', 0) })] }, '0/1', 'Completed', '0'],
  ['20 Running and deleting', { phase: 'Running', deleting: true, app: [cs({ state: running })] }, '0/1', 'Terminating', '0'],
  ['21 Pending and deleting', { phase: 'Pending', deleting: true }, '0/1', 'Terminating', '0'],
];

describe('podColumns: TestPrintPod', () => {
  it.each(printPodCases)('%s', (_name, f, ready, status, restarts) => {
    const c = podColumns(fixture(f), NOW);
    expect([c.ready, c.status, c.restarts, c.age]).toEqual([ready, status, restarts, '<unknown>']);
  });
});

// TestPrintPodWithRestartableInitContainer: two sidecars and one app container.
function sidecarPod(phase: string, init: ContainerStatus[], app: ContainerStatus[], initialized: 'True' | 'False'): Pod {
  return {
    metadata: { name: 'test' },
    spec: {
      initContainers: [
        { name: 'restartable-init-1', restartPolicy: 'Always' },
        { name: 'restartable-init-2', restartPolicy: 'Always' },
      ],
      containers: unnamed(1),
    },
    status: { phase, initContainerStatuses: init, containerStatuses: app, conditions: [{ type: 'Initialized', status: initialized }] },
  };
}
const side1 = (s: Partial<ContainerStatus>): ContainerStatus => cs({ name: 'restartable-init-1', ...s });
const side2 = (s: Partial<ContainerStatus>): ContainerStatus => cs({ name: 'restartable-init-2', ...s });

const sidecarCases: [string, Pod, string, string, string][] = [
  [
    'first sidecar running but not started',
    sidecarPod('Pending', [side1({ restartCount: 3, state: running, started: false, lastState: lastFinished(10 * SEC) }), side2({ state: waiting(), started: false })], [cs({ state: waiting() })], 'False'),
    '0/3', 'Init:0/2', '3 (10s ago)',
  ],
  [
    'first sidecar started, second not yet',
    sidecarPod('Pending', [side1({ restartCount: 3, state: running, started: true, lastState: lastFinished(10 * SEC) }), side2({ state: running, started: false })], [cs({ state: waiting() })], 'False'),
    '0/3', 'Init:1/2', '3 (10s ago)',
  ],
  [
    'both sidecars started, app running',
    sidecarPod('Running', [side1({ restartCount: 3, state: running, started: true, lastState: lastFinished(10 * SEC) }), side2({ state: running, started: true })], [cs({ ready: true, restartCount: 4, state: running, lastState: lastFinished(20 * SEC) })], 'True'),
    '1/3', 'Running', '7 (10s ago)',
  ],
  [
    'sidecars killed, app completed',
    sidecarPod('Succeeded', [side1({ restartCount: 3, state: terminated('Error', 137), started: false, lastState: lastFinished(10 * SEC) }), side2({ state: terminated('Error', 137), started: false })], [cs({ restartCount: 4, state: terminated('Completed', 0), lastState: lastFinished(20 * SEC) })], 'True'),
    '0/3', 'Completed', '7 (10s ago)',
  ],
];

describe('podColumns: TestPrintPodWithRestartableInitContainer', () => {
  it.each(sidecarCases)('%s', (_name, pod, ready, status, restarts) => {
    const c = podColumns(pod, NOW);
    expect([c.ready, c.status, c.restarts]).toEqual([ready, status, restarts]);
  });

  it('ignores statuses for containers the spec does not have', () => {
    const pod: Pod = {
      metadata: { name: 'test4' },
      spec: {
        initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }],
        containers: [{ name: 'container1', image: 'containerimage' }],
      },
      status: {
        phase: 'Running',
        initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
        containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
      },
    };
    const c = podColumns(pod, NOW);
    expect([c.ready, c.status, c.restarts]).toEqual(['0/2', 'Init:0/2', '0']);
  });
});

describe('podColumns: other STATUS paths', () => {
  it.each([
    ['init terminated without reason, with signal', { init: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })] }, 'Init:Signal:9'],
    ['init terminated without reason', { init: [cs({ state: terminated(undefined, 2) })] }, 'Init:ExitCode:2'],
    ['init terminated with reason', { init: [cs({ state: terminated('OOMKilled', 137) })] }, 'Init:OOMKilled'],
    ['init waiting in backoff', { init: [cs({ state: waiting('CrashLoopBackOff') })] }, 'Init:CrashLoopBackOff'],
    ['init waiting PodInitializing counts as in progress', { init: [cs({ state: waiting('PodInitializing') })] }, 'Init:0/1'],
    ['app terminated without reason', { app: [cs({ state: terminated(undefined, 3) })] }, 'ExitCode:3'],
    ['app killed by signal', { app: [cs({ state: { terminated: { exitCode: 143, signal: 15 } } })] }, 'Signal:15'],
  ] as [string, PodFixture, string][])('%s', (_name, f, status) => {
    expect(podColumns(fixture({ initContainers: f.init ? 1 : 0, phase: 'Pending', ...f }), NOW).status).toBe(status);
  });

  it('shows Unknown for a deleted pod on a lost node', () => {
    expect(podColumns(fixture({ phase: 'Running', reason: 'NodeLost', deleting: true }), NOW).status).toBe('Unknown');
  });
});

describe('podColumns: wide cells (TestPrintPodwide)', () => {
  const gated: Pod = {
    metadata: { name: 'test1' },
    spec: {
      containers: unnamed(2),
      nodeName: 'test1',
      readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }],
    },
    status: {
      phase: 'podPhase',
      conditions: [
        { type: 'condition1', status: 'False' },
        { type: 'condition2', status: 'True' },
      ],
      podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
      nominatedNodeName: 'node1',
    },
  };

  it('IP is the first podIP; readiness gates count True conditions', () => {
    const c = podColumns(gated, NOW);
    expect([c.ip, c.node, c.nominatedNode, c.readinessGates]).toEqual(['1.1.1.1', 'test1', 'node1', '1/3']);
  });

  it('prints <none> for unset IP, node, nominated node and gates', () => {
    const c = podColumns(fixture({ containers: 2, phase: 'podPhase' }), NOW);
    expect([c.ip, c.node, c.nominatedNode, c.readinessGates]).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
});

describe('getPodsTable', () => {
  const web = (name: string, ns: string, labels: Record<string, string>, ip: string): Pod => ({
    metadata: { name, namespace: ns, labels, creationTimestamp: ago(190 * SEC) },
    spec: { containers: [{ name: 'nginx' }], nodeName: 'node01' },
    status: {
      phase: 'Running',
      podIPs: [{ ip }],
      containerStatuses: [cs({ name: 'nginx', ready: true, state: running })],
    },
  });
  const pods = [web('web-1', 'default', { app: 'web', tier: 'fe' }, '10.244.1.5'), web('db', 'prod', {}, '10.244.2.17')];

  it('prints kubectl get pods', () => {
    expect(getPodsTable(pods, NOW)).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n' +
        'web-1   1/1     Running   0          3m10s\n' +
        'db      1/1     Running   0          3m10s\n',
    );
  });

  it('prints -o wide -A --show-labels', () => {
    expect(getPodsTable(pods, NOW, { wide: true, allNamespaces: true, showLabels: true })).toBe(
      'NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE     IP            NODE     NOMINATED NODE   READINESS GATES   LABELS\n' +
        'default     web-1   1/1     Running   0          3m10s   10.244.1.5    node01   <none>           <none>            app=web,tier=fe\n' +
        'prod        db      1/1     Running   0          3m10s   10.244.2.17   node01   <none>           <none>            <none>\n',
    );
  });

  it('prints --no-headers, and nothing for an empty list', () => {
    expect(getPodsTable(pods.slice(1), NOW, { noHeaders: true })).toBe('db    1/1   Running   0     3m10s\n');
    expect(getPodsTable([], NOW)).toBe('');
  });
});
