import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults.ts';
import { formatInvalid, renderFieldError } from './fieldErrors.ts';
import { findMalformedBase64, findMalformedQuantity, validateCreate, validateUpdate } from './validate.ts';

type Json = Record<string, unknown>;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function pod(spec: Json = {}, metadata: Json = {}): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], ...spec },
  };
}

function svc(spec: Json, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

/** What a create request gets back: defaulting, then validation, rendered. */
function errorsFor(obj: Json): string[] {
  return validateCreate(applyDefaults(obj, { randomSuffix: () => 'x7k2p' })).map(renderFieldError);
}

describe('valid objects pass', () => {
  it.each<[string, Json]>([
    ['pod', pod()],
    [
      'pod with everything',
      pod({
        volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }],
        initContainers: [{ name: 'init', image: 'busybox:1.28', command: ['sh', '-c', 'true'] }],
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            ports: [{ name: 'http', containerPort: 80 }],
            env: [{ name: 'MODE', value: 'x' }, { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg' }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 },
          },
        ],
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      }),
    ],
    ['service', svc({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] })],
    ['headless service', svc({ clusterIP: 'None', selector: { app: 'web' } })],
    ['nodeport service', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
    ['externalname', svc({ type: 'ExternalName', externalName: 'db.example.com.' })],
    ['namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }],
    ['node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } }],
    ['configmap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'game.properties': 'x' } }],
    ['secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, stringData: { password: 'p' } }],
    [
      'event',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web.17a', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
        reason: 'Scheduled',
      },
    ],
  ])('%s', (_name, obj) => {
    expect(errorsFor(obj)).toEqual([]);
  });
});

describe('reference section 7: exact messages', () => {
  it('no metadata.name (create) prints as kubectl does', () => {
    const obj = applyDefaults(pod({}, { name: undefined }));
    expect(formatInvalid('Pod', '', validateCreate(obj))).toBe(
      'The Pod "" is invalid: metadata.name: Required value: name or generateName is required\n',
    );
  });

  it.each<[string, Json, string[]]>([
    ['bad Pod name My_Pod', pod({}, { name: 'My_Pod' }), [`metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`]],
    ['name > 253 chars', pod({}, { name: 'a'.repeat(254) }), [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`]],
    ['bad Service name 1web', svc({ ports: [{ port: 80 }] }, { name: '1web' }), [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]],
    [
      'bad container name Web_App',
      pod({ containers: [{ name: 'Web_App', image: 'nginx' }] }),
      [`spec.containers[0].name: Invalid value: "Web_App": ${LABEL_MSG}`],
    ],
    ['no containers', pod({ containers: [] }), ['spec.containers: Required value']],
    ['container without image', pod({ containers: [{ name: 'nginx' }] }), ['spec.containers[0].image: Required value']],
    [
      'duplicate container names',
      pod({ containers: [{ name: 'nginx', image: 'nginx' }, { name: 'nginx', image: 'nginx' }] }),
      ['spec.containers[1].name: Duplicate value: "nginx"'],
    ],
    [
      'duplicate name across init and app containers',
      pod({ initContainers: [{ name: 'nginx', image: 'busybox' }] }),
      ['spec.initContainers[0].name: Duplicate value: "nginx"'],
    ],
    [
      'containerPort 70000',
      pod({ containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 70000 }] }] }),
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'Service port 70000 (targetPort defaults to it, so both are reported)',
      svc({ ports: [{ port: 70000 }] }),
      [
        'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'nodePort out of range',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }),
      ['spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ],
    [
      'restartPolicy not supported',
      pod({ restartPolicy: 'Sometimes' }),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'probe on a plain init container',
      pod({ initContainers: [{ name: 'init', image: 'busybox', livenessProbe: { exec: { command: ['true'] } } }] }),
      ['spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always'],
    ],
    ['missing namespace on a namespaced object', pod({}, { namespace: '' }), ['metadata.namespace: Required value']],
  ])('%s', (_name, obj, expected) => {
    expect(errorsFor(obj)).toEqual(expected);
  });
});

describe('pod validation', () => {
  const c = (extra: Json): Json => pod({ containers: [{ name: 'app', image: 'app:1', ...extra }] });

  it.each<[string, Json, string[]]>([
    [
      'volumeMount naming no volume',
      c({ volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }),
      ['spec.containers[0].volumeMounts[0].name: Not found: "logs"'],
    ],
    [
      'volumeMount without mountPath',
      pod({ volumes: [{ name: 'logs' }], containers: [{ name: 'app', image: 'a', volumeMounts: [{ name: 'logs' }] }] }),
      ['spec.containers[0].volumeMounts[0].mountPath: Required value'],
    ],
    [
      'duplicate mountPath',
      pod({
        volumes: [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'app', image: 'a', volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }] }],
      }),
      ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique'],
    ],
    [
      'duplicate volume names (the duplicate is then also left out)',
      pod({ volumes: [{ name: 'data' }, { name: 'data', configMap: { name: 'x' } }] }),
      ['spec.volumes[1].name: Duplicate value: "data"'],
    ],
    [
      'two sources in one volume',
      pod({ volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'x' } }] }),
      ['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'],
    ],
    ['configMap volume without name', pod({ volumes: [{ name: 'v', configMap: {} }] }), ['spec.volumes[0].configMap.name: Required value']],
    [
      'bad env var name',
      c({ env: [{ name: '1BAD', value: 'x' }] }),
      [
        "spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      ],
    ],
    [
      'env valueFrom with no source',
      c({ env: [{ name: 'X', valueFrom: {} }] }),
      ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'],
    ],
    [
      'secretKeyRef without key',
      c({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db' } } }] }),
      ['spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value'],
    ],
    [
      'envFrom with no source',
      c({ envFrom: [{}] }),
      ['spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`'],
    ],
    [
      'port name too long',
      c({ ports: [{ name: 'http-web-server-1', containerPort: 80 }] }),
      ['spec.containers[0].ports[0].name: Invalid value: "http-web-server-1": must be no more than 15 characters'],
    ],
    [
      'duplicate port names',
      c({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }),
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'hostPort out of range',
      c({ ports: [{ containerPort: 80, hostPort: 70000 }] }),
      ['spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    [
      'hostPort used twice',
      pod({
        containers: [
          { name: 'a', image: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] },
          { name: 'b', image: 'b', ports: [{ containerPort: 81, hostPort: 8080 }] },
        ],
      }),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'bad protocol',
      c({ ports: [{ containerPort: 80, protocol: 'HTTP' }] }),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'bad imagePullPolicy',
      c({ imagePullPolicy: 'Sometimes' }),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ],
    [
      'liveness successThreshold must be 1',
      c({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }),
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'startup successThreshold must be 1',
      c({ startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } }),
      ['spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1'],
    ],
    ['probe with no handler', c({ livenessProbe: { periodSeconds: 5 } }), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
    [
      'probe with two handlers',
      c({ readinessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } } }),
      ['spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ],
    [
      'probe port name invalid',
      c({ livenessProbe: { httpGet: { port: 'HTTP' } } }),
      [
        'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].livenessProbe.httpGet.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    ['exec probe without command', c({ livenessProbe: { exec: {} } }), ['spec.containers[0].livenessProbe.exec.command: Required value']],
    [
      'negative probe field',
      c({ readinessProbe: { exec: { command: ['x'] }, initialDelaySeconds: -5 } }),
      ['spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0'],
    ],
    [
      'sidecar init containers may have probes, restartPolicy must be Always',
      pod({ initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'OnFailure', readinessProbe: { tcpSocket: { port: 1 } } }] }),
      [
        'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
        'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      ],
    ],
    ['restartPolicy on an app container', c({ restartPolicy: 'Always' }), ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers']],
    [
      'requests greater than limits',
      c({ resources: { requests: { memory: '200M' }, limits: { memory: '16' } } }),
      ['spec.containers[0].resources.requests: Invalid value: "200M": must be less than or equal to memory limit of 16'],
    ],
    [
      'cpu request greater than limit',
      c({ resources: { requests: { cpu: '1.5' }, limits: { cpu: '1' } } }),
      ['spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1'],
    ],
    [
      'negative quantity',
      c({ resources: { requests: { cpu: '-1' } } }),
      ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    ],
    [
      'unknown container resource (the defaulted request repeats it)',
      c({ resources: { limits: { gpu: '1' } } }),
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'extended resource requests must equal limits',
      c({ resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } }),
      ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2'],
    ],
    [
      'image with trailing space',
      pod({ containers: [{ name: 'a', image: 'nginx ' }] }),
      ['spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace'],
    ],
    [
      'invalid label key and value',
      pod({}, { labels: { 'bad key': 'ok', app: 'not ok!' } }),
      [`metadata.labels: Invalid value: "not ok!": ${LABEL_VALUE_MSG}`, `metadata.labels: Invalid value: "bad key": ${QUALIFIED_NAME_PART}`],
    ],
    [
      'label value too long',
      pod({}, { labels: { app: 'x'.repeat(64) } }),
      [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
    ],
    ['invalid annotation key', pod({}, { annotations: { 'a/b/c': 'x' } }), [
      "metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]],
    ['annotations over 256 KiB', pod({}, { annotations: { big: 'x'.repeat(262142) } }), ['metadata.annotations: Too long: must have at most 262144 bytes']],
    [
      'dnsPolicy not supported',
      pod({ dnsPolicy: 'Google' }),
      ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    ['bad nodeName', pod({ nodeName: 'Node_1' }), [`spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`]],
    [
      'toleration with empty key and Equal',
      pod({ tolerations: [{ operator: 'Equal', value: 'x' }] }),
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    ],
    [
      'several errors come out in the Go order',
      pod({ restartPolicy: 'Sometimes', containers: [{ name: 'Web_App' }] }, { name: 'My_Pod' }),
      [
        `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`,
        `spec.containers[0].name: Invalid value: "Web_App": ${LABEL_MSG}`,
        'spec.containers[0].image: Required value',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(errorsFor(obj)).toEqual(expected);
  });

  it('renders several causes as kubectl bullets', () => {
    const obj = applyDefaults(pod({ containers: [{ name: 'Web_App' }] }));
    expect(formatInvalid('Pod', 'web', validateCreate(obj))).toBe(
      `The Pod "web" is invalid: \n* spec.containers[0].name: Invalid value: "Web_App": ${LABEL_MSG}\n* spec.containers[0].image: Required value\n`,
    );
  });

  it('reports malformed quantities as a decode error, not a field error', () => {
    expect(findMalformedQuantity(pod({ containers: [{ name: 'a', image: 'a', resources: { limits: { memory: '1GB' } } }] }))).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(findMalformedQuantity(pod())).toBeNull();
  });
});

describe('pod updates', () => {
  const old = applyDefaults(pod({ containers: [{ name: 'nginx', image: 'nginx:1.25' }] }), { randomSuffix: () => 'x7k2p' });
  const withChange = (f: (spec: Json) => void): Json => {
    const next = structuredClone(old) as Json;
    f(next['spec'] as Json);
    return next;
  };

  it('allows an image change', () => {
    const next = withChange((s) => {
      ((s['containers'] as Json[])[0] as Json)['image'] = 'nginx:1.26';
    });
    expect(validateUpdate(next, old)).toEqual([]);
  });

  it('allows adding a toleration and lowering activeDeadlineSeconds', () => {
    const withDeadline = withChange((s) => {
      s['activeDeadlineSeconds'] = 100;
    });
    const next = structuredClone(withDeadline) as Json;
    const spec = next['spec'] as Json;
    spec['activeDeadlineSeconds'] = 50;
    spec['tolerations'] = [...(spec['tolerations'] as Json[]), { key: 'k', operator: 'Exists', effect: 'NoSchedule' }];
    expect(validateUpdate(next, withDeadline)).toEqual([]);
  });

  it('forbids other spec changes with the v1.31 message', () => {
    const next = withChange((s) => {
      s['restartPolicy'] = 'Never';
    });
    const [err, ...rest] = validateUpdate(next, old).map(renderFieldError);
    expect(rest).toEqual([]);
    expect(err!.split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(err).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  it('forbids adding containers', () => {
    const next = withChange((s) => {
      s['containers'] = [...(s['containers'] as Json[]), { ...(s['containers'] as Json[])[0], name: 'second' }];
    });
    expect(validateUpdate(next, old).map(renderFieldError)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('forbids raising activeDeadlineSeconds or removing it', () => {
    const a = withChange((s) => {
      s['activeDeadlineSeconds'] = 10;
    });
    const b = structuredClone(a) as Json;
    (b['spec'] as Json)['activeDeadlineSeconds'] = 20;
    expect(validateUpdate(b, a).map(renderFieldError)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value']);
    expect(validateUpdate(old, a).map(renderFieldError)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value',
    ]);
  });

  it('forbids changing existing tolerations', () => {
    const next = withChange((s) => {
      s['tolerations'] = [];
    });
    expect(validateUpdate(next, old).map(renderFieldError)).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('keeps the name immutable', () => {
    const next = structuredClone(old) as Json;
    (next['metadata'] as Json)['name'] = 'other';
    expect(validateUpdate(next, old).map(renderFieldError)).toEqual(['metadata.name: Invalid value: "other": field is immutable']);
  });
});

describe('service validation', () => {
  it.each<[string, Json, string[]]>([
    ['type not supported', svc({ type: 'Internal', ports: [{ port: 80 }] }), [
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]],
    ['no ports', svc({ selector: { app: 'x' } }), ['spec.ports: Required value']],
    ['two ports, one unnamed', svc({ ports: [{ name: 'http', port: 80 }, { port: 443 }] }), ['spec.ports[1].name: Required value']],
    [
      'duplicate port',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    ['bad selector label', svc({ selector: { app: 'a b' }, ports: [{ port: 80 }] }), [`spec.selector: Invalid value: "a b": ${LABEL_VALUE_MSG}`]],
    [
      'headless NodePort',
      svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }),
      ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    ],
    ['ExternalName without externalName', svc({ type: 'ExternalName' }), ['spec.externalName: Required value']],
    [
      'ExternalName not a DNS name',
      svc({ type: 'ExternalName', externalName: 'Not A Host' }),
      [`spec.externalName: Invalid value: "Not A Host": ${SUBDOMAIN_MSG}`],
    ],
    [
      'nodePort on a ClusterIP service',
      svc({ ports: [{ port: 80, nodePort: 30080 }] }),
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    [
      'bad clusterIP',
      svc({ clusterIP: '10.0.0.300', ports: [{ port: 80 }] }),
      ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ],
    [
      'bad protocol',
      svc({ ports: [{ port: 53, protocol: 'ICMP' }] }),
      ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'nodePort out of range stops before validation',
      svc({ type: 'NodePort', selector: { app: 'a b' }, ports: [{ port: 80, nodePort: 40000 }, { port: 81, nodePort: 1 }] }),
      ['spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(errorsFor(obj)).toEqual(expected);
  });

  it('honours a custom node port range', () => {
    const obj = applyDefaults(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(validateCreate(obj, { nodePortRange: { min: 31000, max: 31999 } }).map(renderFieldError)).toEqual([
      'spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 31000-31999',
    ]);
  });

  it('keeps clusterIP immutable on update', () => {
    const a = applyDefaults(svc({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] }));
    const b = applyDefaults(svc({ clusterIP: '10.96.0.11', ports: [{ port: 80 }] }));
    expect(validateUpdate(b, a).map(renderFieldError)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });
});

describe('namespace, node, configmap, secret, event', () => {
  const cm = (data: Json, binaryData?: Json): Json => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'default' },
    data,
    ...(binaryData ? { binaryData } : {}),
  });
  const secret = (extra: Json): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...extra });

  it.each<[string, Json, string[]]>([
    ['namespace with a dot', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } }, ['metadata.name: Invalid value: "my.ns": must not contain dots']],
    [
      'namespace with capitals (its metadata.name label value is fine)',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Dev' } },
      [`metadata.name: Invalid value: "Dev": ${LABEL_MSG}`],
    ],
    [
      'node taint without effect',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'k' }] } },
      ['metadata.taints[0].effect: Required value'],
    ],
    [
      'duplicate node taint',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] } },
      ['metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"v", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair'],
    ],
    ['configmap bad key', cm({ 'a/b': 'x' }), [`data[a/b]: Invalid value: "a/b": ${CONFIG_KEY_MSG}`]],
    ['configmap key in data and binaryData', cm({ k: 'x' }, { k: 'eA==' }), ['data[k]: Invalid value: "k": duplicate of key present in binaryData']],
    ['configmap over 1 MiB', cm({ big: 'x'.repeat(1024 * 1024 + 1) }), ['[]: Too long: must have at most 1048576 bytes']],
    ['secret bad key', secret({ data: { '..x': 'eA==' } }), ["data[..x]: Invalid value: \"..x\": must not start with '..'"]],
    ['secret over 1 MiB', secret({ stringData: { big: 'x'.repeat(1024 * 1024 + 1) } }), ['data: Too long: must have at most 1048576 bytes']],
    ['tls secret without key', secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }), ['data[tls.key]: Required value']],
    [
      'event namespace mismatch',
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e', namespace: 'default' },
        involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' },
      },
      ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(errorsFor(obj)).toEqual(expected);
  });

  it.each<[string, string | null]>([
    ['cGFzc3dvcmQ=', null],
    ['YWJj', null],
    ['', null],
    ['s3cr3t!', 'illegal base64 data at input byte 6'],
    ['abc', 'illegal base64 data at input byte 0'],
    ['YWJjZA', 'illegal base64 data at input byte 4'],
    ['plain text', 'illegal base64 data at input byte 5'],
  ])('Secret data %j decodes as Go would', (value, message) => {
    expect(findMalformedBase64(secret({ data: { k: value } }))).toBe(message);
  });

  it('immutable ConfigMaps refuse data changes', () => {
    const a = applyDefaults({ ...cm({ k: 'v' }), immutable: true });
    const b = applyDefaults({ ...cm({ k: 'w' }), immutable: true });
    expect(validateUpdate(b, a).map(renderFieldError)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('a Secret type cannot change', () => {
    const a = applyDefaults(secret({}));
    const b = applyDefaults(secret({ type: 'kubernetes.io/basic-auth', data: { username: 'dQ==' } }));
    expect(validateUpdate(b, a).map(renderFieldError)).toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });
});

describe('other kinds get metadata validation', () => {
  it('checks a Deployment name as a subdomain', () => {
    const spec = { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } };
    expect(errorsFor({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'My_App', namespace: 'default' }, spec })).toEqual([
      `metadata.name: Invalid value: "My_App": ${SUBDOMAIN_MSG}`,
    ]);
  });
});
