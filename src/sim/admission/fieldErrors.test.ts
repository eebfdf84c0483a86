import { describe, expect, it } from 'vitest';
import type { FieldError } from './fieldErrors.ts';
import {
  aggregateMessage,
  duplicate,
  forbidden,
  formatInvalid,
  goQuote,
  goStringMap,
  goStringSlice,
  invalid,
  invalidStatusMessage,
  notFound,
  notSupported,
  renderFieldError,
  required,
  tooLong,
  tooMany,
} from './fieldErrors.ts';

describe('renderFieldError (apimachinery field.Error.Error())', () => {
  it.each<[FieldError, string]>([
    [required('spec.containers[0].image'), 'spec.containers[0].image: Required value'],
    [required('metadata.name', 'name or generateName is required'), 'metadata.name: Required value: name or generateName is required'],
    [invalid('spec.containers[0].ports[0].containerPort', 70000, 'must be between 1 and 65535, inclusive'), 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [invalid('metadata.name', 'My_Pod', 'bad'), 'metadata.name: Invalid value: "My_Pod": bad'],
    [invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'), 'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value'],
    [invalid('x', true, 'd'), 'x: Invalid value: true: d'],
    [duplicate('spec.containers[1].name', 'nginx'), 'spec.containers[1].name: Duplicate value: "nginx"'],
    [notFound('spec.containers[0].volumeMounts[0].name', 'logs'), 'spec.containers[0].volumeMounts[0].name: Not found: "logs"'],
    [notSupported('spec.restartPolicy', 'Sometimes', ['Always', 'OnFailure', 'Never']), 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    [forbidden('spec.initContainers[0].livenessProbe', 'may not be set for init containers without restartPolicy=Always'), 'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    [tooLong('metadata.annotations', 262144), 'metadata.annotations: Too long: must have at most 262144 bytes'],
    [tooLong('[]', 1048576), '[]: Too long: must have at most 1048576 bytes'],
    [tooMany('spec.dnsConfig.nameservers', 4, 3), 'spec.dnsConfig.nameservers: Too many: 4: must have at most 3 items'],
    [invalid('spec.template.metadata.labels', goStringMap({ tier: 'fe', app: 'web' }), '`selector` does not match template `labels`'), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`'],
    [invalid('spec.clusterIPs', goStringSlice(['None', '10.0.0.1']), "'None' must be the first and only value"), 'spec.clusterIPs: Invalid value: []string{"None", "10.0.0.1"}: \'None\' must be the first and only value'],
  ])('%#', (err, text) => {
    expect(renderFieldError(err)).toBe(text);
  });
});

describe('goQuote (strconv.Quote)', () => {
  it.each<[string, string]>([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['tab\there', '"tab\\there"'],
    ['bell\x07', '"bell\\a"'],
    ['nul\x00', '"nul\\x00"'],
    ['vt\v', '"vt\\v"'],
    ['héllo', '"héllo"'],
  ])('%j -> %s', (s, q) => {
    expect(goQuote(s)).toBe(q);
  });
});

describe('aggregates', () => {
  const a = required('spec.selector');
  const b = invalid('spec.template.metadata.labels', goStringMap({ app: 'web' }), '`selector` does not match template `labels`');

  it('joins several errors with ", " inside brackets and drops duplicates', () => {
    expect(aggregateMessage(['x', 'y', 'x'])).toBe('[x, y]');
    expect(aggregateMessage(['x', 'x'])).toBe('x');
    expect(aggregateMessage([])).toBe('');
  });

  it('builds the Status message with the group-qualified kind', () => {
    expect(invalidStatusMessage('Deployment', 'apps', 'x', [a, b])).toBe(
      'Deployment.apps "x" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(invalidStatusMessage('Pod', '', '', [required('metadata.name', 'name or generateName is required')])).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });

  it('prints what kubectl prints: one cause inline, several as a bullet list', () => {
    expect(formatInvalid('Pod', '', [required('metadata.name', 'name or generateName is required')])).toBe(
      'The Pod "" is invalid: metadata.name: Required value: name or generateName is required\n',
    );
    expect(formatInvalid('Deployment', 'nginx', [a, b, a])).toBe(
      'The Deployment "nginx" is invalid: \n' +
        '* spec.selector: Required value\n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n',
    );
  });
});
