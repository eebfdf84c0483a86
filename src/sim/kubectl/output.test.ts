import { describe, expect, it } from 'vitest';
import { jsonpath } from './output.ts';

const rs = {
  metadata: { name: 'web-1', annotations: { 'deployment.kubernetes.io/revision': '3' }, labels: { app: 'web' } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }] } } },
};
const list = { items: [rs, { ...rs, metadata: { ...rs.metadata, name: 'web-2' } }] };

describe('jsonpath templates', () => {
  it.each([
    ['a field', '{.metadata.name}', rs, 'web-1'],
    ['an escaped dotted key with a slash', '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}', rs, '3'],
    ['a bracketed key', "{.metadata.annotations['deployment.kubernetes.io/revision']}", rs, '3'],
    ['every item', '{.spec.template.spec.containers[*].image}', rs, 'nginx:1 busybox'],
    ['a filter', '{.spec.template.spec.containers[?(@.name=="b")].image}', rs, 'busybox'],
    ['range with literals', '{range .items[*]}{.metadata.name}{"\\n"}{end}', list, 'web-1\nweb-2\n'],
    ['a missing field prints nothing', '{.metadata.nothing}', rs, ''],
  ])('%s', (_name, template, obj, want) => {
    expect(jsonpath(obj, template)).toBe(want);
  });
});
