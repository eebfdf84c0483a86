import { describe, expect, it } from 'vitest';
import { decode, strictDecodingMessage, typeErrors, unknownFields } from './index.ts';

type Obj = Record<string, unknown>;

const pod = (spec: Obj, extra: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec, ...extra });
const container = (extra: Obj = {}): Obj => ({ name: 'web', image: 'nginx:1.27', ...extra });
const deployment = (podSpec: Obj): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
});

describe('strict decoding: unknown fields', () => {
  // Reference section 7: the server's messages for misspelled fields.
  it('reports a misspelled spec field with the apiserver wording', () => {
    const obj = pod({ contaners: [container()] });
    expect(decode('v1', 'Pod', obj)).toEqual({
      ok: false,
      message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contaners"',
      unknownFields: ['spec.contaners'],
    });
  });

  it('joins several unknown fields with ", " in document order', () => {
    const obj = pod({
      containers: [container({ volumeMount: [{ name: 'data', mountPath: '/data' }] })],
      volumes: [{ name: 'data', presistentVolumeClaim: { claimName: 'data' } }],
    });
    const result = decode('v1', 'Pod', obj);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].volumeMount", unknown field "spec.volumes[0].presistentVolumeClaim"',
    );
  });

  it.each<[string, string, string, Obj, string[]]>([
    ['top level', 'v1', 'Pod', pod({ containers: [container()] }, { foo: 1 }), ['foo']],
    ['metadata', 'v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', lables: { app: 'x' } }, spec: { containers: [container()] } }, ['metadata.lables']],
    ['second list element', 'v1', 'Pod', pod({ containers: [container(), container({ name: 'b', imagePullPolice: 'Always' })] }), ['spec.containers[1].imagePullPolice']],
    ['list inside list', 'v1', 'Pod', pod({ containers: [container({ env: [{ name: 'A', valu: '1' }] })] }), ['spec.containers[0].env[0].valu']],
    ['probe handler', 'v1', 'Pod', pod({ containers: [container({ livenessProbe: { httpGet: { path: '/', port: 80 }, initialDelay: 5 } })] }), ['spec.containers[0].livenessProbe.initialDelay']],
    ['case matters', 'v1', 'Pod', pod({ containers: [container({ ports: [{ ContainerPort: 80 }] })] }), ['spec.containers[0].ports[0].ContainerPort']],
    ['deployment template', 'apps/v1', 'Deployment', deployment({ containers: [container({ resource: {} })] }), ['spec.template.spec.containers[0].resource']],
    ['statefulset claim template', 'apps/v1', 'StatefulSet', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { spec: { containers: [container()] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { acessModes: ['ReadWriteOnce'] } }] },
    }, ['spec.volumeClaimTemplates[0].spec.acessModes']],
    ['service port', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, tragetPort: 8080 }] } }, ['spec.ports[0].tragetPort']],
    ['cronjob nesting', 'batch/v1', 'CronJob', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container({ comand: ['date'] })] } } } } },
    }, ['spec.jobTemplate.spec.template.spec.containers[0].comand']],
    ['ingress rule', 'networking.k8s.io/v1', 'Ingress', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } }, serviceName: 's' } }] } }] },
    }, ['spec.rules[0].http.paths[0].backend.serviceName']],
    ['fields under an unknown field are not visited', 'v1', 'Pod', pod({ containers: [container()], extra: { deeper: { unknown: 1 } } }), ['spec.extra']],
  ])('%s', (_name, apiVersion, kind, obj, expected) => {
    expect(unknownFields(apiVersion, kind, obj)).toEqual(expected);
  });

  // Maps whose keys are data, not field names.
  it.each<[string, string, string, Obj]>([
    ['labels and annotations', 'v1', 'Pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'x', tier: 'web' }, annotations: { 'example.com/anything': 'yes' } }, spec: { containers: [container()] } }],
    ['nodeSelector', 'v1', 'Pod', pod({ containers: [container()], nodeSelector: { 'kubernetes.io/hostname': 'node-1', disktype: 'ssd' } })],
    ['resources', 'v1', 'Pod', pod({ containers: [container({ resources: { requests: { cpu: '100m', memory: '64Mi', 'example.com/gpu': '1' }, limits: { memory: 128 } } })] })],
    ['configmap data', 'v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'app.properties': 'a=b', LOG_LEVEL: 'debug' } }],
    ['secret data and stringData', 'v1', 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { password: 'cGFzc3dvcmQ=' }, stringData: { user: 'admin' } }],
    ['service selector', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'web', anything: 'x' }, ports: [{ port: 80 }] } }],
    ['matchLabels', 'apps/v1', 'Deployment', deployment({ containers: [container()] })],
    ['managedFields', 'v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }] } }],
  ])('does not flag arbitrary keys in %s', (_name, apiVersion, kind, obj) => {
    expect(decode(apiVersion, kind, obj)).toEqual({ ok: true });
  });

  it('accepts and ignores status, apiVersion and kind', () => {
    const obj = pod({ containers: [container()] }, { status: { phase: 'Running', whatever: { deep: 1 }, podIP: 7 } });
    expect(decode('v1', 'Pod', obj)).toEqual({ ok: true });
  });

  it.each<[string, unknown]>([
    ['a number', 8080],
    ['a name', 'http'],
  ])('accepts %s as an IntOrString port', (_name, port) => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: port }] } };
    expect(decode('v1', 'Service', svc)).toEqual({ ok: true });
    const probed = pod({ containers: [container({ readinessProbe: { httpGet: { path: '/', port } } })] });
    expect(decode('v1', 'Pod', probed)).toEqual({ ok: true });
  });

  it('accepts percentages and numbers for maxSurge/maxUnavailable', () => {
    const obj = deployment({ containers: [container()] });
    (obj['spec'] as Obj)['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } };
    expect(decode('apps/v1', 'Deployment', obj)).toEqual({ ok: true });
  });

  it('accepts null anywhere, as Go does', () => {
    const obj = pod({ containers: [container({ resources: null, ports: null })] }, { metadata: { name: 'x', creationTimestamp: null } });
    expect(decode('v1', 'Pod', obj)).toEqual({ ok: true });
  });

  it('leaves kinds it does not know alone', () => {
    expect(decode('example.com/v1', 'Widget', { spec: { anything: true } })).toEqual({ ok: true });
    expect(unknownFields('example.com/v1', 'Widget', { foo: 1 })).toEqual([]);
  });

  it('builds the strict message for the caller', () => {
    expect(strictDecodingMessage('apps/v1', 'Deployment', ['spec.replica', 'spec.template.spec.containers[0].imagee'])).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"',
    );
  });
});

describe('decoding: type errors', () => {
  const pvc = (spec: Obj): Obj => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec });
  const quantityError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  // Messages marked (seen) appear verbatim in real kubectl transcripts; the rest follow the same Go code paths.
  it.each<[string, string, string, Obj, string]>([
    ['(seen) string for an int32', 'v1', 'Pod', pod({ containers: [container({ ports: [{ containerPort: '80' }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['(seen) the same inside a Deployment', 'apps/v1', 'Deployment', deployment({ containers: [container({ ports: [{ containerPort: '80' }] })] }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32'],
    ['(seen) object where a list is expected', 'v1', 'Pod', pod({ containers: container() }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['(seen) object for ports', 'apps/v1', 'Deployment', deployment({ containers: [container({ ports: { containerPort: 80 } })] }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort'],
    ['(seen) string as a list element', 'apps/v1', 'Deployment', deployment({ containers: [container({ ports: ['80'] })] }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type v1.ContainerPort'],
    ['(seen) number for an env value', 'v1', 'Pod', pod({ containers: [container({ env: [{ name: 'PORT', value: 9 }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string'],
    ['(seen) number in a command', 'v1', 'Pod', pod({ containers: [container({ command: ['sleep', 1200] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string'],
    ['(seen) string replicas', 'apps/v1', 'Deployment', { ...deployment({ containers: [container()] }), spec: { replicas: 'three' } },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['(seen) string service port', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: '80' }] } },
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32'],
    ['(seen) object as a ConfigMap value', 'v1', 'ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { nested: { a: 1 } } },
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ConfigMap.data of type string'],
    ['(seen) number as a label value', 'v1', 'Pod', pod({ containers: [container()] }, { metadata: { name: 'x', labels: { version: 3 } } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['(seen) string for an int64', 'v1', 'Pod', pod({ containers: [container({ securityContext: { runAsUser: 'root' } })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field SecurityContext.spec.containers.securityContext.runAsUser of type int64'],
    ['(seen) string for a struct', 'v1', 'Pod', pod({ containers: [container({ envFrom: [{ configMapRef: 'settings' }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field EnvFromSource.spec.containers.envFrom.configMapRef of type v1.ConfigMapEnvSource'],
    ['fraction for an int32', 'v1', 'Pod', pod({ containers: [container({ ports: [{ containerPort: 80.5 }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['int32 overflow', 'v1', 'Pod', pod({ containers: [container({ ports: [{ containerPort: 3000000000 }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 3000000000 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['string where a bool is expected', 'v1', 'Pod', pod({ containers: [container({ stdin: 'yes' })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool'],
    ['string for a named list type', 'v1', 'PersistentVolumeClaim', pvc({ accessModes: 'ReadWriteOnce' }),
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.accessModes of type []v1.PersistentVolumeAccessMode'],
    ['bool for an IntOrString', 'v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: true }] } },
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32'],
    ['space inside a quantity', 'v1', 'Pod', pod({ containers: [container({ resources: { limits: { memory: '1 Gi' } } })] }),
      `Pod in version "v1" cannot be handled as a Pod: ${quantityError}`],
    ['unknown quantity suffix', 'v1', 'Pod', pod({ containers: [container({ resources: { requests: { cpu: '500mi' } } })] }),
      `Pod in version "v1" cannot be handled as a Pod: unable to parse quantity's suffix`],
    ['plain text in Secret.data', 'v1', 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hello' } },
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4'],
    ['number in Secret.data', 'v1', 'Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { pin: 1234 } },
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8'],
    ['string for creationTimestamp is fine, a number is not', 'v1', 'Pod', pod({ containers: [container()] }, { metadata: { name: 'x', creationTimestamp: 5 } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'],
  ])('%s', (_name, apiVersion, kind, obj, message) => {
    const result = decode(apiVersion, kind, obj);
    expect(result.ok ? '' : result.message).toBe(message);
  });

  it('reports the first type error only, and hides unknown fields behind it', () => {
    const obj = pod({ contaners: [], containers: [container({ ports: [{ containerPort: '80' }, { containerPort: '81', hostPort: 'x' }] })] });
    expect(typeErrors('v1', 'Pod', obj)).toBe('json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
    const result = decode('v1', 'Pod', obj);
    expect(result.ok ? [] : result.unknownFields).toEqual(['spec.contaners']);
    expect(result.ok ? '' : result.message).not.toContain('strict decoding error');
  });

  it('lets a custom unmarshaler error win over an earlier type error, as Go aborts on it', () => {
    const obj = pod({ containers: [container({ ports: [{ containerPort: '80' }], resources: { limits: { cpu: 'lots' } } })] });
    expect(typeErrors('v1', 'Pod', obj)).toBe(quantityError);
  });

  it('has no type error for a valid object', () => {
    expect(typeErrors('v1', 'Pod', pod({ containers: [container({ ports: [{ containerPort: 80 }], resources: { limits: { cpu: 0.5, memory: '128Mi' } } })] }))).toBeUndefined();
  });
});
