// YAML as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) reads and writes it.
import { describe, expect, it } from 'vitest';
import { Document, parse } from 'yaml';
import { KUBE_YAML } from './yaml.ts';

describe('reading YAML as Kubernetes does', () => {
  it.each([
    ['yes', true],
    ['on', true],
    ['y', true],
    ['Off', false],
    ['no', false],
    ['n', false],
    ['true', true],
    ['0644', 420],
    ['08', 8],
    ['0x1F', 31],
    ['1_000', 1000],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['~', null],
    // go-yaml v2 has no sexagesimal numbers, keeps timestamps as strings, and needs a digit for a float.
    ['1:30', '1:30'],
    ['2024-01-01', '2024-01-01'],
    ['.', '.'],
    ['e5', 'e5'],
    ['"yes"', 'yes'],
  ])('%s is %j', (text, value) => {
    expect(parse(`v: ${text}`, KUBE_YAML)).toEqual({ v: value });
  });

  it('quotes on the way out every string a YAML 1.1 reader would take for something else', () => {
    const out = new Document({ a: 'yes', b: 'on', c: '0644', d: '1.5', e: 'plain', f: '1:30', g: '.' }, KUBE_YAML).toString();
    expect(out).toBe('a: "yes"\nb: "on"\nc: "0644"\nd: "1.5"\ne: plain\nf: 1:30\ng: .\n');
  });
});
