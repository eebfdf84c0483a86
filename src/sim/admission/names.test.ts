import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  nameRuleForKind,
  validateObjectName,
} from './names.ts';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('apimachinery name rules', () => {
  it.each<[string, (v: string) => string[], string, string[]]>([
    ['subdomain', isDNS1123Subdomain, 'my-pod.example', []],
    ['subdomain', isDNS1123Subdomain, 'My_Pod', [SUBDOMAIN]],
    ['subdomain', isDNS1123Subdomain, 'a'.repeat(254), ['must be no more than 253 characters']],
    ['subdomain', isDNS1123Subdomain, '-x'.repeat(130), ['must be no more than 253 characters', SUBDOMAIN]],
    ['label', isDNS1123Label, 'web-app', []],
    ['label', isDNS1123Label, 'Web_App', [LABEL]],
    ['label', isDNS1123Label, 'my.ns', ['must not contain dots']],
    ['label', isDNS1123Label, 'a'.repeat(64), ['must be no more than 63 characters']],
    ['dns1035', isDNS1035Label, 'web', []],
    ['dns1035', isDNS1035Label, '1web', [DNS1035]],
    ['qualified', isQualifiedName, 'app.kubernetes.io/name', []],
    ['qualified', isQualifiedName, 'bad key', [QUALIFIED]],
    ['qualified', isQualifiedName, '/x', ['prefix part must be non-empty']],
    ['qualified', isQualifiedName, 'a/b/c', [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]],
    ['label value', isValidLabelValue, '', []],
    ['label value', isValidLabelValue, 'v1.2_beta', []],
    ['label value', isValidLabelValue, 'has space', [LABEL_VALUE]],
    ['env', isEnvVarName, 'MY_VAR', []],
    ['env', isEnvVarName, '1BAD', [
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]],
    ['env', isEnvVarName, '..', ["must not be '..'"]],
    ['config key', isConfigMapKey, 'game.properties', []],
    ['config key', isConfigMapKey, 'a/b', [
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]],
    ['port name', isValidPortName, 'http', []],
    ['port name', isValidPortName, 'http-web-server-1', ['must be no more than 15 characters']],
    ['port name', isValidPortName, '8080', ['must contain at least one letter (a-z)']],
    ['port name', isValidPortName, 'Web--', [
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]],
  ])('%s %j', (_rule, fn, value, expected) => {
    expect(fn(value)).toEqual(expected);
  });
});

describe('name rule per kind', () => {
  it.each<[string, string]>([
    ['Pod', 'DNS1123Subdomain'],
    ['Namespace', 'DNS1123Label'],
    ['Node', 'DNS1123Subdomain'],
    ['ConfigMap', 'DNS1123Subdomain'],
    ['Secret', 'DNS1123Subdomain'],
    ['Service', 'DNS1035Label'],
    ['Deployment', 'DNS1123Subdomain'],
    ['Event', 'None'],
  ])('%s uses %s', (kind, rule) => {
    expect(nameRuleForKind(kind)).toBe(rule);
  });

  it('allows a trailing dash in generateName only', () => {
    expect(validateObjectName('Pod', 'web-', true)).toEqual([]);
    expect(validateObjectName('Pod', 'web-', false)).toEqual([SUBDOMAIN]);
    expect(validateObjectName('Service', 'web.x', false)).toEqual([DNS1035]);
  });
});
