// Job and DaemonSet controllers, end to end through kubectl (tests/lab.ts), plus the admission
// and controller tables they rest on.

import { describe, expect, it } from 'vitest';
import { lab, type Lab } from './lab.ts';
import type { Node, Pod } from '../src/sim/api.ts';
import { applyDefaults } from '../src/sim/admission/defaults.ts';
import { validateCreate } from '../src/sim/admission/validate.ts';
import { formatInvalid } from '../src/sim/admission/fieldErrors.ts';
import { failureBackoffMs, type Job } from '../src/sim/controllers/job.ts';
import { DAEMON_TOLERATIONS, daemonPodNode, nodeShouldRunDaemonPod, type DaemonSet } from '../src/sim/controllers/daemonset.ts';

const job = (name: string, extra: string, command: string, restartPolicy = 'Never'): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${extra}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      containers:
      - name: work
        image: busybox:1.36
        command: ['sh', '-c', '${command}']`;

const daemonSet = (tolerations = ''): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
${tolerations}
      containers:
      - name: agent
        image: busybox:1.36
        command: ['sh', '-c', 'sleep 3600']`;

const rows = (out: string): string[][] =>
  out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s{2,}/));

function jobObject(l: Lab, name: string): Job {
  return l.cluster.store.get<Job>('Job', 'default', name)!;
}

function podsOf(l: Lab, prefix: string): Pod[] {
  return l.cluster.store.list<Pod>('Pod', 'default').filter((p) => p.metadata.name?.startsWith(prefix));
}

describe('Job admission', () => {
  const defaulted = (spec: Record<string, unknown>) =>
    (applyDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }) as { spec: Record<string, unknown> }).spec;

  it.each([
    ['nothing set', {}, 1, 1],
    ['only parallelism: a work queue, completions stays unset', { parallelism: 3 }, undefined, 3],
    ['only completions', { completions: 5 }, 5, 1],
    ['both', { completions: 4, parallelism: 2 }, 4, 2],
  ])('defaults completions/parallelism: %s', (_name, spec, completions, parallelism) => {
    const s = defaulted(spec);
    expect(s['completions']).toBe(completions);
    expect(s['parallelism']).toBe(parallelism);
  });

  it('defaults the rest as a v1.31 API server does', () => {
    const s = defaulted({});
    expect(s).toMatchObject({ backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' });
  });

  it.each([
    ['restartPolicy left out (defaults to Always)', undefined, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ['restartPolicy Always', 'Always', 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
  ])('rejects %s', (_name, restartPolicy, message) => {
    const tspec: Record<string, unknown> = { containers: [{ name: 'c', image: 'busybox' }] };
    if (restartPolicy) tspec['restartPolicy'] = restartPolicy;
    const obj = applyDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad-job', namespace: 'default' }, spec: { template: { spec: tspec } } });
    expect(formatInvalid('Job', 'bad-job', validateCreate(obj))).toBe(`The Job "bad-job" is invalid: ${message}\n`);
  });

  it.each([
    ['parallelism', -1, 'spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    ['completions', -2, 'spec.completions: Invalid value: -2: must be greater than or equal to 0'],
    ['backoffLimit', -1, 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
  ])('rejects a negative %s', (field, value, message) => {
    const obj = applyDefaults({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { [field]: value, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    expect(formatInvalid('Job', 'j', validateCreate(obj))).toBe(`The Job "j" is invalid: ${message}\n`);
  });

  it('kubectl apply shows the restartPolicy error', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(job('no-policy', '  completions: 1', 'true', 'Always'));
    expect(l.last).toBe('The Job "no-policy" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
  });
});

describe('DaemonSet admission', () => {
  it('defaults updateStrategy and revisionHistoryLimit', () => {
    const ds = applyDefaults({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }) as { spec: Record<string, unknown> };
    expect(ds.spec['updateStrategy']).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec['revisionHistoryLimit']).toBe(10);
  });

  it('rejects a selector that does not match the template labels', () => {
    const ds = applyDefaults({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } });
    expect(formatInvalid('DaemonSet', 'd', validateCreate(ds))).toBe('The DaemonSet "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`\n');
  });
});

describe('Job controller', () => {
  it.each([
    [0, 0],
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [6, 320_000],
    [7, 360_000],
    [12, 360_000],
  ])('pod failure back-off after %i failures is %i ms', (failures, ms) => {
    expect(failureBackoffMs(failures)).toBe(ms);
  });

  it('completions 3, parallelism 2: two at a time, then Complete 3/3 with Completed pods kept', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(job('work', '  completions: 3\n  parallelism: 2', 'sleep 5; echo done'));
    expect(l.last).toBe('job.batch/work created\n');
    l.advance('2s');
    expect(podsOf(l, 'work-')).toHaveLength(2);
    expect(rows(l.kubectl('get jobs'))).toEqual([['work', 'Running', '0/3', '2s', '2s']]);
    l.advance('60s');
    expect(l.kubectl('get jobs').split('\n')[0]).toBe('NAME   STATUS     COMPLETIONS   DURATION   AGE');
    const [row] = rows(l.last);
    expect(row?.slice(0, 3)).toEqual(['work', 'Complete', '3/3']);
    const pods = rows(l.kubectl('get pods'));
    expect(pods).toHaveLength(3);
    expect(pods.map((r) => r[2])).toEqual(['Completed', 'Completed', 'Completed']);
    expect(l.kubectl(`logs ${pods[0]![0]}`)).toBe('done\n');

    const j = jobObject(l, 'work');
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(j.status?.completionTime).toBeDefined();
    const uid = j.metadata.uid ?? '';
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec?.template?.metadata?.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'work', 'controller-uid': uid, 'job-name': 'work' });
    for (const p of podsOf(l, 'work-')) {
      expect(p.metadata.labels?.['job-name']).toBe('work');
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'work', controller: true, blockOwnerDeletion: true });
    }

    const events = l.cluster.events.eventsFor(j).map((e) => `${e.type} ${e.reason} ${e.message} ${e.source?.component}`);
    expect(events.filter((e) => e.includes('SuccessfulCreate'))).toHaveLength(3);
    expect(events.every((e) => e.endsWith('job-controller'))).toBe(true);
    expect(events).toContain('Normal Completed Job completed job-controller');
  });

  it('a pod that keeps failing ends the Job Failed with BackoffLimitExceeded after backoffLimit+1 pods', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(job('bad', '  backoffLimit: 2', 'exit 1'));
    l.advance('5s');
    expect(podsOf(l, 'bad-')).toHaveLength(1);
    // The replacement waits out the 10 s back-off.
    l.advance('5s');
    expect(podsOf(l, 'bad-')).toHaveLength(1);
    l.advance('3m');
    expect(rows(l.kubectl('get jobs'))[0]?.slice(0, 3)).toEqual(['bad', 'Failed', '0/1']);
    const pods = rows(l.kubectl('get pods'));
    expect(pods).toHaveLength(3);
    expect(pods.map((r) => r[2])).toEqual(['Error', 'Error', 'Error']);
    const j = jobObject(l, 'bad');
    expect(j.status?.failed).toBe(3);
    expect(j.status?.completionTime).toBeUndefined();
    expect(j.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    const warnings = l.cluster.events.eventsFor(j).filter((e) => e.type === 'Warning');
    expect(warnings.map((e) => `${e.reason} ${e.message}`)).toEqual(['BackoffLimitExceeded Job has reached the specified backoff limit']);
  });

  it('restartPolicy OnFailure: container restarts count against backoffLimit, then the pod is deleted', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(job('retry', '  backoffLimit: 2', 'exit 1', 'OnFailure'));
    l.advance('5s');
    const [pod] = podsOf(l, 'retry-');
    expect(podsOf(l, 'retry-')).toHaveLength(1);
    l.advance('2m');
    expect(podsOf(l, 'retry-').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    const j = jobObject(l, 'retry');
    expect(j.status?.conditions?.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(j.status?.failed).toBe(1);
    const deleted = l.cluster.events.eventsFor(j).filter((e) => e.reason === 'SuccessfulDelete');
    expect(deleted.map((e) => e.message)).toEqual([`Deleted pod: ${pod?.metadata.name}`]);
  });

  it('deleting the Job deletes its pods', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(job('gone', '  completions: 1', 'sleep 1'));
    l.advance('30s');
    expect(podsOf(l, 'gone-')).toHaveLength(1);
    l.kubectl('delete job gone');
    l.advance('5s');
    expect(podsOf(l, 'gone-')).toHaveLength(0);
  });
});

describe('DaemonSet controller', () => {
  const node = (name: string, labels: Record<string, string>, taints: { key: string; effect: string; value?: string }[] = []): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } });

  it.each([
    ['untainted node', node('n', {}), {}, true, true],
    ['control plane taint, no toleration', node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), {}, false, true],
    ['control plane taint tolerated', node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }, true, true],
    ['untolerated NoExecute taint', node('n', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), {}, false, false],
    ['unschedulable taint (the daemon toleration covers it)', node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), {}, true, true],
    ['not-ready NoExecute taint (covered)', node('n', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), {}, true, true],
    ['nodeSelector matches', node('n', { disk: 'ssd' }), { nodeSelector: { disk: 'ssd' } }, true, true],
    ['nodeSelector does not match', node('n', { disk: 'hdd' }), { nodeSelector: { disk: 'ssd' } }, false, false],
  ])('%s', (_name, n, templateSpec, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(n, templateSpec)).toEqual({ shouldRun, shouldContinueRunning });
  });

  it('one pod per worker node on the default cluster (the control plane is tainted)', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(daemonSet());
    expect(l.last).toBe('daemonset.apps/agent created\n');
    l.advance('30s');
    expect(l.kubectl('get ds').split('\n')[0]).toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE');
    expect(rows(l.last)).toEqual([['agent', '2', '2', '2', '2', '2', '<none>', '30s']]);
    const pods = podsOf(l, 'agent-');
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(['node01', 'node02']);
    for (const p of pods) {
      expect(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec?.nodeName] }] }]);
      expect(daemonPodNode(p)).toBe(p.spec?.nodeName);
      expect(p.spec?.tolerations).toEqual(DAEMON_TOLERATIONS);
      expect(p.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    }
    const ds = l.cluster.store.get<DaemonSet>('DaemonSet', 'default', 'agent')!;
    expect(ds.status).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
    const created = l.cluster.events.eventsFor(ds).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.source?.component)).toEqual(['daemonset-controller', 'daemonset-controller']);
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('tolerating the control plane taint puts a pod on all three nodes', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(daemonSet('      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule'));
    l.advance('30s');
    expect(rows(l.kubectl('get ds'))[0]?.slice(0, 6)).toEqual(['agent', '3', '3', '3', '3', '3']);
    expect(podsOf(l, 'agent-').map((p) => p.spec?.nodeName).sort()).toEqual(['controlplane', 'node01', 'node02']);
  });

  it('a deleted daemon pod comes back on the same node', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(daemonSet());
    l.advance('30s');
    const victim = podsOf(l, 'agent-').find((p) => p.spec?.nodeName === 'node01')!;
    l.kubectl(`delete pod ${victim.metadata.name}`);
    l.advance('10s');
    const now = podsOf(l, 'agent-').filter((p) => !p.metadata.deletionTimestamp);
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.spec?.nodeName).sort()).toEqual(['node01', 'node02']);
    expect(now.some((p) => p.metadata.name === victim.metadata.name)).toBe(false);
    l.advance('30s');
    expect(rows(l.kubectl('get ds'))[0]?.slice(0, 6)).toEqual(['agent', '2', '2', '2', '2', '2']);
  });

  it('a template change replaces pods one node at a time', () => {
    const l = lab({ warmupMs: 0 });
    l.apply(daemonSet());
    l.advance('30s');
    l.kubectl('set image ds/agent agent=busybox:1.37');
    l.advance('1s');
    const terminating = podsOf(l, 'agent-').filter((p) => p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(1);
    l.advance('3m');
    const pods = podsOf(l, 'agent-');
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.spec?.containers[0]?.image === 'busybox:1.37')).toBe(true);
    expect(pods.every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
    expect(rows(l.kubectl('get ds'))[0]?.slice(0, 6)).toEqual(['agent', '2', '2', '2', '2', '2']);
  });
});

describe('kubectl rollout on a DaemonSet', () => {
  it('status follows the pods to every eligible node; restart rolls them one node at a time', () => {
    const l = lab({ warmupMs: 0 }).apply(daemonSet());
    expect(l.kubectl('rollout status daemonset/agent')).toBe(
      ['Waiting for daemon set "agent" rollout to finish: 0 of 2 updated pods are available...', 'Waiting for daemon set "agent" rollout to finish: 1 of 2 updated pods are available...', 'daemon set "agent" successfully rolled out', ''].join('\n'),
    );
    const before = l.kubectl('get pods -l app=agent -o name').trim().split('\n');
    expect(before).toHaveLength(2);
    expect(l.kubectl('rollout restart ds/agent')).toBe('daemonset.apps/agent restarted\n');
    // maxUnavailable 1: one node's pod is replaced, then the other's.
    expect(l.kubectl('rollout status ds/agent --timeout=5m')).toBe(
      [
        'Waiting for daemon set "agent" rollout to finish: 0 out of 2 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 1 out of 2 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 1 of 2 updated pods are available...',
        'daemon set "agent" successfully rolled out',
        '',
      ].join('\n'),
    );
    const after = l.kubectl('get pods -l app=agent -o name').trim().split('\n');
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p))).toBe(false);
  });

  it('history and undo work from the ControllerRevisions the controller keeps (kube-proxy has one too)', () => {
    const l = lab({ warmupMs: 0 });
    expect(l.kubectl('get controllerrevisions -n kube-system -o name')).toMatch(/^controllerrevision\.apps\/kube-proxy-[a-z0-9]+\n$/);
    l.apply(daemonSet()).advance('1m');
    expect(l.kubectl('rollout history ds/agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(l.kubectl('rollout undo ds/agent')).toBe('error: no last revision to roll back to\n');
    l.run('kubectl set image ds/agent agent=busybox:1.37');
    expect(l.kubectl('rollout status ds/agent --timeout=5m').trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    expect(l.kubectl('rollout history daemonset/agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    // Each revision is named for its template hash, the label its pods carry.
    const hashes = l.kubectl('get pods -l app=agent -o jsonpath={.items[*].metadata.labels.controller-revision-hash}').trim().split(' ');
    expect(new Set(hashes).size).toBe(1);
    expect(l.kubectl('get controllerrevisions -o name')).toContain(`controllerrevision.apps/agent-${hashes[0]}`);
    expect(l.kubectl('rollout undo ds/agent')).toBe('daemonset.apps/agent rolled back\n');
    expect(l.kubectl('rollout status ds/agent --timeout=5m').trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    expect(l.kubectl('get pods -l app=agent -o jsonpath={.items[*].spec.containers[0].image}').trim()).toBe('busybox:1.36 busybox:1.36');
    expect(l.kubectl('rollout history ds/agent')).toBe('daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });
});
