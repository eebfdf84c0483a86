import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults.ts';
import { formatInvalid } from './fieldErrors.ts';
import { validateCreate } from './validate.ts';

const deployment = (spec: Record<string, unknown>) =>
  applyDefaults({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'default' }, spec }, { namespace: 'default' });

const template = (labels: Record<string, string>, restartPolicy?: string) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...(restartPolicy ? { restartPolicy } : {}) },
});

const message = (o: object): string => {
  const errs = validateCreate(o);
  return errs.length ? formatInvalid('Deployment', 'x', errs).trim() : '';
};

describe('Deployment defaults (reference 1.1)', () => {
  it('fills replicas, strategy, history limit and progress deadline', () => {
    const d = deployment({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }) as { spec: Record<string, unknown> };
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it('does not default rollingUpdate for Recreate', () => {
    const d = deployment({ strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }) as unknown as { spec: { strategy: Record<string, unknown> } };
    expect(d.spec.strategy['rollingUpdate']).toBeUndefined();
  });
});

describe('Deployment validation messages (reference section 7)', () => {
  it.each([
    [
      'selector does not match template labels',
      { selector: { matchLabels: { app: 'api' } }, template: template({ app: 'web' }) },
      'The Deployment "x" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      'no selector',
      { template: template({ app: 'web' }) },
      'spec.selector: Required value',
    ],
    [
      'maxSurge and maxUnavailable both 0',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
      'The Deployment "x" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ],
    [
      'restartPolicy Never',
      { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, 'Never') },
      'The Deployment "x" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
  ])('%s', (_name, spec, want) => {
    expect(message(deployment(spec))).toContain(want);
  });

  it('accepts maxSurge 0 with a percentage maxUnavailable that floors to 0 (the fencepost handles it)', () => {
    expect(message(deployment({ replicas: 3, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: '25%' } }, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) }))).toBe('');
  });
});
