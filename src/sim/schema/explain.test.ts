import { describe, expect, it } from 'vitest';
import { explain } from './index.ts';

function text(apiVersion: string, kind: string, path: string[], recursive = false): string {
  const result = explain(apiVersion, kind, path, { recursive });
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe('kubectl explain', () => {
  it('renders a kind like kubectl 1.27+ (pod)', () => {
    expect(text('v1', 'Pod', [])).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'DESCRIPTION:',
        '    Pod is a collection of containers that can run on a host. This resource is',
        '    created by clients and scheduled onto hosts.',
        '    ',
        'FIELDS:',
        '  apiVersion\t<string>',
        '    APIVersion defines the versioned schema of this representation of an object.',
        '    Servers should convert recognized schemas to the latest internal value, and',
        '    may reject unrecognized values. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
        '',
        '  kind\t<string>',
        '    Kind is a string value representing the REST resource this object',
        '    represents. Servers may infer this from the endpoint the client submits',
        '    requests to. Cannot be updated. In CamelCase. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        '',
        '  metadata\t<ObjectMeta>',
        "    Standard object's metadata. More info:",
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
        '',
        '  spec\t<PodSpec>',
        '    Specification of the desired behavior of the pod. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '',
        '  status\t<PodStatus>',
        '    Most recently observed status of the pod. This data may not be up to date.',
        '    Populated by the system. Read-only. More info:',
        '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  describe('pod.spec.containers.livenessProbe', () => {
    const out = text('v1', 'Pod', ['spec', 'containers', 'livenessProbe']);

    it('has the field header, two blank lines, then the field and type descriptions', () => {
      expect(out.startsWith(
        [
          'KIND:       Pod',
          'VERSION:    v1',
          '',
          'FIELD: livenessProbe <Probe>',
          '',
          '',
          'DESCRIPTION:',
          '    Periodic probe of container liveness. Container will be restarted if the',
          '    probe fails. Cannot be updated. More info:',
          '    https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes',
          '    Probe describes a health check to be performed against a container to',
          '    determine whether it is alive or ready to receive traffic.',
          '    ',
          'FIELDS:',
          '  exec\t<ExecAction>',
          '    Exec specifies the action to take.',
          '',
        ].join('\n'),
      )).toBe(true);
    });

    it.each([
      ['exec', 'ExecAction'],
      ['failureThreshold', 'integer'],
      ['grpc', 'GRPCAction'],
      ['httpGet', 'HTTPGetAction'],
      ['initialDelaySeconds', 'integer'],
      ['periodSeconds', 'integer'],
      ['successThreshold', 'integer'],
      ['tcpSocket', 'TCPSocketAction'],
      ['terminationGracePeriodSeconds', 'integer'],
      ['timeoutSeconds', 'integer'],
    ])('lists %s as <%s>', (name, type) => {
      expect(out).toContain(`\n  ${name}\t<${type}>\n`);
    });

    it('lists the fields alphabetically', () => {
      const names = [...out.matchAll(/^ {2}(\w+)\t/gm)].map((m) => m[1]);
      expect(names).toEqual([...names].sort());
    });
  });

  // Prefixes of real `kubectl explain` transcripts (kubectl 1.30+); enum lines are absent from
  // our schema, so only fields without enums are compared.
  it.each<[string, string, string, string[], boolean, string]>([
    ['namespace', 'v1', 'Namespace', [], false, [
      'KIND:       Namespace',
      'VERSION:    v1',
      '',
      'DESCRIPTION:',
      '    Namespace provides a scope for Names. Use of multiple namespaces is',
      '    optional.',
      '    ',
      'FIELDS:',
      '  apiVersion\t<string>',
      '    APIVersion defines the versioned schema of this representation of an object.',
      '    Servers should convert recognized schemas to the latest internal value, and',
      '    may reject unrecognized values. More info:',
      '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
      '',
      '  kind\t<string>',
    ].join('\n')],
    ['deployment.spec.strategy.rollingUpdate', 'apps/v1', 'Deployment', ['spec', 'strategy', 'rollingUpdate'], false, [
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'FIELD: rollingUpdate <RollingUpdateDeployment>',
      '',
      '',
      'DESCRIPTION:',
      '    Rolling update config params. Present only if DeploymentStrategyType =',
      '    RollingUpdate.',
      '    Spec to control the desired behavior of rolling update.',
      '    ',
      'FIELDS:',
      '  maxSurge\t<IntOrString>',
      '    The maximum number of pods that can be scheduled above the desired number of',
      '    pods. Value can be an absolute number (ex: 5) or a percentage of desired',
      '    pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is',
      '    calculated from percentage by rounding up. Defaults to 25%. Example: when',
      '    this is set to 30%, the new ReplicaSet can be scaled up immediately when the',
      '    rolling update starts, such that the total number of old and new pods do not',
    ].join('\n')],
    ['service.spec --recursive', 'v1', 'Service', ['spec'], true, [
      'KIND:       Service',
      'VERSION:    v1',
      '',
      'FIELD: spec <ServiceSpec>',
      '',
      '',
      'DESCRIPTION:',
      '    Spec defines the behavior of a service.',
      '    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      '    ServiceSpec describes the attributes that a user creates on a service.',
      '    ',
      'FIELDS:',
      '  allocateLoadBalancerNodePorts\t<boolean>',
      '  clusterIP\t<string>',
      '  clusterIPs\t<[]string>',
    ].join('\n')],
  ])('matches a real transcript: %s', (_name, apiVersion, kind, path, recursive, expected) => {
    expect(text(apiVersion, kind, path, recursive).startsWith(expected)).toBe(true);
  });

  it.each<[string[], string]>([
    [['spec', 'containers'], 'FIELD: containers <[]Container>'],
    [['metadata', 'labels'], 'FIELD: labels <map[string]string>'],
    [['metadata', 'creationTimestamp'], 'FIELD: creationTimestamp <string>'],
    [['metadata', 'managedFields', 'fieldsV1'], 'FIELD: fieldsV1 <FieldsV1>'],
    [['spec', 'containers', 'resources', 'limits'], 'FIELD: limits <map[string]Quantity>'],
    [['spec', 'containers', 'ports', 'containerPort'], 'FIELD: containerPort <integer>'],
    [['spec', 'containers', 'stdin'], 'FIELD: stdin <boolean>'],
    [['spec', 'volumes', 'hostPath'], 'FIELD: hostPath <HostPathVolumeSource>'],
  ])('types pod.%j', (path, header) => {
    expect(text('v1', 'Pod', path)).toContain(`\n${header}\n\n\nDESCRIPTION:\n`);
  });

  it('marks required fields', () => {
    expect(text('v1', 'Pod', ['spec'])).toContain('\n  containers\t<[]Container> -required-\n');
    expect(text('v1', 'Pod', ['spec', 'containers'])).toContain('\n  name\t<string> -required-\n');
  });

  it('describes a map field with its own text and the value type', () => {
    const out = text('v1', 'Pod', ['spec', 'containers', 'resources', 'limits']);
    expect(out).toContain('\n    Quantity is a fixed-point representation of a number.');
  });

  it('indents nested fields by two per level with --recursive and prints no descriptions', () => {
    const out = text('v1', 'Pod', ['spec', 'containers', 'livenessProbe'], true);
    expect(out).toContain('\n  httpGet\t<HTTPGetAction>\n    host\t<string>\n    httpHeaders\t<[]HTTPHeader>\n      name\t<string> -required-\n      value\t<string> -required-\n    path\t<string>\n    port\t<IntOrString> -required-\n');
    expect(out.endsWith('  timeoutSeconds\t<integer>\n\n')).toBe(true);
  });

  it('prints a primitive field without a FIELDS section', () => {
    expect(text('v1', 'Pod', ['spec', 'containers', 'image'])).toBe(
      [
        'KIND:       Pod',
        'VERSION:    v1',
        '',
        'FIELD: image <string>',
        '',
        '',
        'DESCRIPTION:',
        '    Container image name. More info:',
        '    https://kubernetes.io/docs/concepts/containers/images This field is optional',
        '    to allow higher level config management to default or override container',
        '    images in workload controllers like Deployments and StatefulSets.',
        '    ',
        '',
        '',
      ].join('\n'),
    );
  });

  it.each<[string[], string]>([
    [['foo'], 'error: field "foo" does not exist'],
    [['spec', 'contaners'], 'error: field "contaners" does not exist'],
    // kubectl names the last element of the path, not the first missing one.
    [['spec', 'foo', 'bar'], 'error: field "bar" does not exist'],
    [['metadata', 'labels', 'app'], 'error: field "app" does not exist'],
    [['spec', 'containers', 'image', 'name'], 'error: field "name" does not exist'],
  ])('rejects pod.%j', (path, error) => {
    expect(explain('v1', 'Pod', path, {})).toEqual({ ok: false, error, partialText: 'KIND:       Pod\nVERSION:    v1\n\n' });
  });

  it('rejects kinds the schema does not cover', () => {
    expect(explain('example.com/v1', 'Widget', [], {}).ok).toBe(false);
  });
});
