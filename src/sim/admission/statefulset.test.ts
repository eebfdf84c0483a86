import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults.ts';
import { formatInvalid } from './fieldErrors.ts';
import { validateCreate, validateUpdate } from './validate.ts';

type Spec = Record<string, unknown>;

const sts = (spec: Spec, name = 'web') =>
  applyDefaults({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec }, { namespace: 'default' }) as { metadata: Record<string, unknown>; spec: Spec };

const template = (labels: Record<string, string> | undefined, extra: Spec = {}) => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...extra },
});

const valid = (extra: Spec = {}): Spec => ({ serviceName: 'nginx', selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }), ...extra });

const message = (o: { metadata: Record<string, unknown> }): string => {
  const errs = validateCreate(o);
  return errs.length ? formatInvalid('StatefulSet', String(o.metadata['name']), errs).trim() : '';
};

describe('StatefulSet defaults (apps/v1 SetDefaults_StatefulSet)', () => {
  it('fills policy, strategy with partition 0, retention Retain/Retain, replicas and history limit', () => {
    expect(sts(valid()).spec).toMatchObject({
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
  });

  it.each([
    ['explicit RollingUpdate without a rollingUpdate block stays without one', { type: 'RollingUpdate' }, { type: 'RollingUpdate' }],
    ['a given partition is kept', { rollingUpdate: { partition: 2 } }, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }],
    ['OnDelete gets no rollingUpdate', { type: 'OnDelete' }, { type: 'OnDelete' }],
  ])('%s', (_n, updateStrategy, want) => {
    expect(sts(valid({ updateStrategy })).spec['updateStrategy']).toEqual(want);
  });

  it('defaults the pod template and each claim template (apiVersion/kind, volumeMode, phase)', () => {
    const s = sts(valid({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }));
    expect(s.spec['template']).toMatchObject({ spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', containers: [{ imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }] } });
    expect(s.spec['volumeClaimTemplates']).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
  });

  it('leaves a missing serviceName missing', () => {
    const spec = { ...valid() };
    delete spec['serviceName'];
    expect(sts(spec).spec['serviceName']).toBeUndefined();
  });
});

describe('StatefulSet validation (v1.31 ValidateStatefulSet)', () => {
  it.each([
    ['a valid set', valid(), ''],
    ['no serviceName is accepted in v1.31', { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }, ''],
    ['a template without containers is accepted (the template spec is not validated)', valid({ template: { metadata: { labels: { app: 'web' } }, spec: {} } }), ''],
    [
      'selector does not match template labels',
      valid({ selector: { matchLabels: { app: 'db' } } }),
      'The StatefulSet "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'no selector',
      { template: template({ app: 'web' }) },
      'The StatefulSet "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'an empty selector',
      valid({ selector: {} }),
      'The StatefulSet "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    ],
    [
      'bad podManagementPolicy',
      valid({ podManagementPolicy: 'Burst' }),
      `The StatefulSet "web" is invalid: spec.podManagementPolicy: Invalid value: "Burst": must be 'OrderedReady' or 'Parallel'`,
    ],
    ['negative replicas', valid({ replicas: -1 }), 'The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    [
      'negative partition',
      valid({ updateStrategy: { rollingUpdate: { partition: -1 } } }),
      'The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'restartPolicy Never',
      valid({ template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
      'The StatefulSet "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'unknown retention policy',
      valid({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      'The StatefulSet "web" is invalid: spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ],
  ])('%s', (_n, spec, want) => {
    expect(message(sts(spec))).toBe(want);
  });

  it('wants a DNS label for the name (pod hostnames are built from it)', () => {
    // A Deployment may be called web.v1; a StatefulSet may not.
    expect(message(sts(valid(), 'web.v1'))).toMatch(/^The StatefulSet "web\.v1" is invalid: metadata\.name: Invalid value: "web\.v1": /);
  });

  it('forbids changing fields other than replicas, template, updateStrategy, ...', () => {
    const old = sts(valid());
    const changedService = sts(valid({ serviceName: 'other' }));
    const scaled = sts(valid({ replicas: 5 }));
    const errs = validateUpdate(changedService, old);
    expect(formatInvalid('StatefulSet', 'web', errs).trim()).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect(validateUpdate(scaled, old)).toEqual([]);
  });
});
