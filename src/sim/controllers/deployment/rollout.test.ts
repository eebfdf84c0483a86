import { describe, expect, it } from 'vitest';
import {
  HISTORY_REVISION_NOT_FOUND,
  historyRevisionOutput,
  historyTable,
  pickRollbackRevision,
  rollbackAnnotations,
  rollbackResultMessage,
  rolloutStatusMessage,
  type RolloutStatusInput,
} from './rollout.ts';

describe('TestDeploymentStatusViewerStatus (name "foo")', () => {
  it.each<[number, number, number, number, number, number, string, boolean]>([
    [0, 1, 1, 1, 0, 1, 'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n', false],
    [1, 1, 1, 2, 1, 2, 'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n', false],
    [1, 2, 1, 2, 2, 1, 'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...\n', false],
    [1, 2, 1, 2, 2, 2, 'deployment "foo" successfully rolled out\n', true],
    [2, 2, 1, 2, 2, 2, 'Waiting for deployment spec update to be observed...\n', false],
  ])('generation %i spec %i obsGen %i replicas %i updated %i available %i', (generation, spec, observedGeneration, replicas, updatedReplicas, availableReplicas, message, done) => {
    const input: RolloutStatusInput = { generation, observedGeneration, specReplicas: spec, status: { replicas, updatedReplicas, availableReplicas } };
    expect(rolloutStatusMessage('foo', input)).toEqual({ message, done });
  });

  const base: RolloutStatusInput = { generation: 1, observedGeneration: 1, specReplicas: 3, status: { replicas: 4, updatedReplicas: 1, availableReplicas: 3 } };

  it.each<[string, RolloutStatusInput, string]>([
    ['progress deadline exceeded (checked before the counts)', { ...base, progressingReason: 'ProgressDeadlineExceeded' }, 'deployment "foo" exceeded its progress deadline'],
    ['--revision mismatch', { ...base, revision: 2, deploymentRevision: 3 }, 'desired revision (2) is different from the running revision (3)'],
  ])('error: %s', (_name, input, error) => {
    expect(rolloutStatusMessage('foo', input)).toEqual({ message: '', done: false, error });
  });

  it('an unobserved spec wins over a timed-out condition', () => {
    expect(rolloutStatusMessage('foo', { ...base, generation: 2, progressingReason: 'ProgressDeadlineExceeded' }).message).toBe(
      'Waiting for deployment spec update to be observed...\n',
    );
  });
});

describe('kubectl rollout history (reference 1.10)', () => {
  it.each<[string, Parameters<typeof historyTable>[1], string]>([
    ['two revisions', [{ revision: 2 }, { revision: 1 }], 'deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n'],
    [
      'change causes, wide revision numbers',
      [{ revision: 10, changeCause: 'kubectl set image deployment/nginx nginx=nginx:1.16.1' }, { revision: 9, changeCause: '' }],
      'deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n9         <none>\n10        kubectl set image deployment/nginx nginx=nginx:1.16.1\n\n',
    ],
    ['no ReplicaSets', [], 'deployment.apps/nginx \nNo rollout history found.\n'],
    ['same revision twice: the later RS wins', [{ revision: 1, changeCause: 'a' }, { revision: 1, changeCause: 'b' }], 'deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         b\n\n'],
  ])('%s', (_name, revisions, want) => {
    expect(historyTable('nginx', revisions)).toBe(want);
  });

  it('widens the REVISION column for very long numbers (tabwriter padding 2)', () => {
    expect(historyTable('web', [{ revision: 1234567890 }])).toBe('deployment.apps/web \nREVISION    CHANGE-CAUSE\n1234567890  <none>\n\n');
  });

  it('--revision=N header and its error', () => {
    expect(historyRevisionOutput('nginx', 2, 'Pod Template:\n  Labels:\tapp=nginx\n')).toBe(
      'deployment.apps/nginx with revision #2\nPod Template:\n  Labels:\tapp=nginx\n\n',
    );
    expect(HISTORY_REVISION_NOT_FOUND).toBe('unable to find the specified revision');
  });
});

describe('kubectl rollout undo (reference 1.8)', () => {
  const revs = [{ revision: 1, name: 'web-a' }, { revision: 3, name: 'web-c' }, { revision: 2, name: 'web-b' }];
  it.each<[string, { revision: number; name: string }[], number, boolean, string]>([
    ['default picks the second-highest revision', revs, 0, false, 'web-b'],
    ['--to-revision picks that revision', revs, 1, false, 'web-a'],
    ['--to-revision may name the current revision', revs, 3, false, 'web-c'],
  ])('%s', (_name, list, to, paused, want) => {
    const got = pickRollbackRevision(list, to, { deploymentName: 'web', paused });
    expect(got.ok && got.target.name).toBe(want);
  });

  it.each<[string, { revision: number }[], number, boolean, string]>([
    ['unknown revision', revs, 9, false, 'unable to find specified revision 9 in history'],
    ['negative revision', revs, -1, false, 'unable to find specified revision -1 in history'],
    ['only one revision', [{ revision: 1 }], 0, false, 'no rollout history found for deployment "web"'],
    ['no ReplicaSets', [], 0, false, 'no rollout history found for deployment "web"'],
    ['paused', revs, 0, true, "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again"],
    ['paused, but the revision lookup fails first', revs, 9, true, 'unable to find specified revision 9 in history'],
  ])('error: %s', (_name, list, to, paused, error) => {
    expect(pickRollbackRevision(list, to, { deploymentName: 'web', paused })).toEqual({ ok: false, error });
  });

  it.each<[boolean, number, string]>([
    [false, 0, 'deployment.apps/web rolled back\n'],
    [true, 2, 'deployment.apps/web skipped rollback (current template already matches revision 2)\n'],
    [true, 0, 'deployment.apps/web skipped rollback (current template already matches revision 0)\n'],
  ])('result skipped=%s to=%i', (skipped, to, want) => {
    expect(rollbackResultMessage('web', skipped, to)).toBe(want);
  });

  it('patches annotations: skip-listed ones from the Deployment, the rest from the RS', () => {
    expect(
      rollbackAnnotations(
        { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'v3', 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'x' },
        { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'kubernetes.io/change-cause': 'v1' },
      ),
    ).toEqual({
      'deployment.kubernetes.io/revision': '3',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'kubernetes.io/change-cause': 'v1',
    });
  });
});
