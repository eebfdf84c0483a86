import { describe, expect, it } from 'vitest';
import { labelSelectorEmpty, labelSelectorMatches, mapSelectorMatches, nodeRequirementMatches, podFitsNodeAffinity, tolerates } from './selectors.ts';

const labels = { app: 'web', tier: 'front', gen: '5' };

describe('label selector requirements', () => {
  it.each([
    ['In, value listed', { key: 'app', operator: 'In', values: ['web', 'api'] }, true],
    ['In, value not listed', { key: 'app', operator: 'In', values: ['api'] }, false],
    ['In, label absent', { key: 'zone', operator: 'In', values: ['a'] }, false],
    ['NotIn, value listed', { key: 'app', operator: 'NotIn', values: ['web'] }, false],
    ['NotIn, label absent', { key: 'zone', operator: 'NotIn', values: ['a'] }, true],
    ['Exists', { key: 'tier', operator: 'Exists' }, true],
    ['Exists, absent', { key: 'zone', operator: 'Exists' }, false],
    ['DoesNotExist', { key: 'zone', operator: 'DoesNotExist' }, true],
    ['DoesNotExist, present', { key: 'app', operator: 'DoesNotExist' }, false],
    ['Gt is not a label operator', { key: 'gen', operator: 'Gt', values: ['1'] }, false],
  ])('%s', (_name, req, want) => {
    expect(labelSelectorMatches({ matchExpressions: [req] }, labels)).toBe(want);
  });

  it('ANDs matchLabels with matchExpressions', () => {
    expect(labelSelectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, labels)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, labels)).toBe(false);
  });

  it('an empty LabelSelector matches everything and says it is empty', () => {
    expect(labelSelectorMatches({}, labels)).toBe(true);
    expect(labelSelectorEmpty({})).toBe(true);
    expect(labelSelectorEmpty({ matchExpressions: [] })).toBe(true);
    expect(labelSelectorEmpty({ matchLabels: { a: 'b' } })).toBe(false);
  });

  it('a Service/RC map selector with no entries selects nothing', () => {
    expect(mapSelectorMatches({}, labels)).toBe(false);
    expect(mapSelectorMatches({ app: 'web' }, labels)).toBe(true);
    expect(mapSelectorMatches({ app: 'web', zone: 'a' }, labels)).toBe(false);
  });
});

describe('node selector requirements', () => {
  it.each([
    ['Gt, greater', { key: 'gen', operator: 'Gt', values: ['4'] }, true],
    ['Gt, equal', { key: 'gen', operator: 'Gt', values: ['5'] }, false],
    ['Lt, smaller', { key: 'gen', operator: 'Lt', values: ['6'] }, true],
    ['Lt, absent label', { key: 'cores', operator: 'Lt', values: ['6'] }, false],
    ['Gt, value not an integer', { key: 'app', operator: 'Gt', values: ['1'] }, false],
    ['In still works', { key: 'app', operator: 'In', values: ['web'] }, true],
  ])('%s', (_name, req, want) => {
    expect(nodeRequirementMatches(req, labels)).toBe(want);
  });
});

describe('pod placement on a node', () => {
  const node = { metadata: { name: 'node01', labels: { disktype: 'ssd', 'kubernetes.io/hostname': 'node01' } } };
  const terms = (...t: object[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } } } });

  it('nodeSelector must match every pair', () => {
    expect(podFitsNodeAffinity({ nodeSelector: { disktype: 'ssd' } }, node)).toBe(true);
    expect(podFitsNodeAffinity({ nodeSelector: { disktype: 'hdd' } }, node)).toBe(false);
  });

  it('terms are ORed; matchFields reads metadata.name', () => {
    expect(podFitsNodeAffinity(terms({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node01'] }] }), node)).toBe(true);
    expect(podFitsNodeAffinity(terms({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node01'] }] }), node)).toBe(false);
  });

  it('an empty term matches no node', () => {
    expect(podFitsNodeAffinity(terms({}), node)).toBe(false);
  });
});

describe('tolerations', () => {
  const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  it.each([
    ['Exists with the key', [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }], true],
    ['Exists without a key tolerates everything', [{ operator: 'Exists' }], true],
    ['wrong effect', [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoExecute' }], false],
    ['Equal needs the same value', [{ key: 'node-role.kubernetes.io/control-plane', value: 'x' }], false],
    ['Equal with empty value', [{ key: 'node-role.kubernetes.io/control-plane' }], true],
    ['none', [], false],
  ])('%s', (_name, tols, want) => {
    expect(tolerates(tols, taint)).toBe(want);
  });
});
