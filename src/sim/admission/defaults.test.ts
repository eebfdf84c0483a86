import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultImagePullPolicy, imageTag } from './defaults.ts';

type Json = Record<string, unknown>;

describe('imagePullPolicy defaulting', () => {
  it.each<[string, 'Always' | 'IfNotPresent']>([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['busybox:1.28', 'IfNotPresent'],
    ['nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'IfNotPresent'],
    ['nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31', 'Always'],
    ['registry.k8s.io/pause:3.9', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:v2', 'IfNotPresent'],
    ['docker.io/library/redis', 'Always'],
    // Unparseable references have no tag, so they are not "latest".
    ['Nginx', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ])('%j -> %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });

  it('reports the tag the kubelet would use', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:1.25-alpine')).toBe('1.25-alpine');
  });
});

function pod(spec: Json, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

describe('Pod defaults', () => {
  const out = applyDefaults(
    pod({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.1' } },
          livenessProbe: { httpGet: { port: 80 } },
          readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
          startupProbe: { grpc: { port: 9000 } },
        },
      ],
      initContainers: [{ name: 'init', image: 'busybox:1.28', command: ['true'] }],
    }),
    { randomSuffix: () => 'x7k2p' },
  ) as Json;
  const spec = out['spec'] as Json;
  const c = (spec['containers'] as Json[])[0]!;
  const init = (spec['initContainers'] as Json[])[0]!;

  it('fills the PodSpec defaults', () => {
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  it('adds the not-ready/unreachable tolerations of DefaultTolerationSeconds', () => {
    expect(spec['tolerations']).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('fills container defaults', () => {
    expect(c).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    expect(init).toMatchObject({ imagePullPolicy: 'IfNotPresent', resources: {} });
  });

  it('copies missing requests from limits, per resource, and canonicalises quantities', () => {
    expect(c['resources']).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
  });

  it('fills probe defaults (section 3)', () => {
    expect(c['livenessProbe']).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c['readinessProbe']).toMatchObject({ periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c['startupProbe']).toMatchObject({ grpc: { port: 9000, service: '' } });
  });

  it('mounts the service account token volume in every container', () => {
    expect(spec['volumes']).toEqual([
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ]);
    const mount = { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-x7k2p', readOnly: true };
    expect(c['volumeMounts']).toEqual([mount]);
    expect(init['volumeMounts']).toEqual([mount]);
  });

  it('does not mount a token when automount is off or no suffix source is given', () => {
    const off = applyDefaults(pod({ automountServiceAccountToken: false, containers: [{ name: 'a', image: 'a' }] }), { randomSuffix: () => 'zzzzz' }) as Json;
    expect((off['spec'] as Json)['volumes']).toBeUndefined();
    const none = applyDefaults(pod({ containers: [{ name: 'a', image: 'a' }] })) as Json;
    expect((none['spec'] as Json)['volumes']).toBeUndefined();
  });

  it('keeps a user toleration that already covers the taints', () => {
    const out2 = applyDefaults(pod({ containers: [{ name: 'a', image: 'a' }], tolerations: [{ operator: 'Exists' }] })) as Json;
    expect((out2['spec'] as Json)['tolerations']).toEqual([{ operator: 'Exists' }]);
  });

  it('defaults volume sources and modes', () => {
    const out3 = applyDefaults(
      pod({
        containers: [{ name: 'a', image: 'a' }],
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'cfg' } }, { name: 'host', hostPath: { path: '/var/log' } }],
      }),
    ) as Json;
    expect((out3['spec'] as Json)['volumes']).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
    ]);
  });

  it('does not mutate its input', () => {
    const input = pod({ containers: [{ name: 'a', image: 'a' }] });
    applyDefaults(input);
    expect(input).toEqual(pod({ containers: [{ name: 'a', image: 'a' }] }));
  });
});

describe('Service defaults (section 6)', () => {
  function svc(spec: Json): Json {
    return applyDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec }) as Json;
  }

  it('ClusterIP', () => {
    expect(svc({ selector: { app: 'web' }, ports: [{ port: 80 }] })['spec']).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });

  it('NodePort and LoadBalancer get externalTrafficPolicy; LoadBalancer allocates node ports', () => {
    expect(svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] })['spec']).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(svc({ type: 'LoadBalancer', ports: [{ port: 443 }] })['spec']).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
  });

  it('headless keeps clusterIP None in clusterIPs', () => {
    expect(svc({ clusterIP: 'None', ports: [{ port: 80 }] })['spec']).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
  });

  it('ExternalName gets no IP families or traffic policies', () => {
    expect(svc({ type: 'ExternalName', externalName: 'example.com' })['spec']).toEqual({
      type: 'ExternalName',
      externalName: 'example.com',
      sessionAffinity: 'None',
    });
  });

  it('ClientIP affinity gets a 10800s timeout', () => {
    expect(svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })['spec']).toMatchObject({
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    });
  });
});

describe('other kinds', () => {
  it('Namespace: name label, finalizer, phase', () => {
    expect(applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } })).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('Secret: type Opaque, stringData merged into data as base64', () => {
    expect(
      applyDefaults({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'default' },
        data: { a: 'YQ==' },
        stringData: { password: 's3cr3t', a: 'é' },
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'Opaque',
      data: { a: 'w6k=', password: 'czNjcjN0' },
    });
  });

  it('ConfigMap: nothing visible changes', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } };
    expect(applyDefaults(cm)).toEqual(cm);
  });

  it('Node: allocatable defaults to capacity', () => {
    expect(applyDefaults({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '2', memory: '4Gi' } } })).toMatchObject({
      status: { capacity: { cpu: '2', memory: '4Gi' }, allocatable: { cpu: '2', memory: '4Gi' } },
    });
  });

  it('fills the request namespace on namespaced objects only', () => {
    expect(applyDefaults({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { namespace: 'dev' })).toMatchObject({ metadata: { namespace: 'dev' } });
    expect(applyDefaults({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }, { namespace: 'dev' })).toEqual({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n' },
    });
  });
});
