import { describe, expect, it } from 'vitest';
import {
  SERVED_RESOURCES,
  apiResourcesTable,
  qualifiedSingular,
  resolveKind,
  resolveResourceType,
  resourceMappingError,
  resourcesInCategory,
} from './apiVersions.ts';

describe('resolveKind: served kinds', () => {
  it.each<[string, string, string, boolean]>([
    ['v1', 'Pod', 'pods', true],
    ['v1', 'Service', 'services', true],
    ['v1', 'Endpoints', 'endpoints', true],
    ['v1', 'Namespace', 'namespaces', false],
    ['v1', 'Node', 'nodes', false],
    ['v1', 'Event', 'events', true],
    ['v1', 'ConfigMap', 'configmaps', true],
    ['v1', 'Secret', 'secrets', true],
    ['v1', 'ReplicationController', 'replicationcontrollers', true],
    ['v1', 'PersistentVolume', 'persistentvolumes', false],
    ['v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true],
    ['v1', 'ServiceAccount', 'serviceaccounts', true],
    ['apps/v1', 'Deployment', 'deployments', true],
    ['apps/v1', 'ReplicaSet', 'replicasets', true],
    ['apps/v1', 'StatefulSet', 'statefulsets', true],
    ['apps/v1', 'DaemonSet', 'daemonsets', true],
    ['batch/v1', 'Job', 'jobs', true],
    ['batch/v1', 'CronJob', 'cronjobs', true],
    ['networking.k8s.io/v1', 'Ingress', 'ingresses', true],
    ['networking.k8s.io/v1', 'IngressClass', 'ingressclasses', false],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', true],
    ['storage.k8s.io/v1', 'StorageClass', 'storageclasses', false],
    ['discovery.k8s.io/v1', 'EndpointSlice', 'endpointslices', true],
    ['events.k8s.io/v1', 'Event', 'events', true],
  ])('%s %s -> %s', (apiVersion, kind, resource, namespaced) => {
    const r = resolveKind(apiVersion, kind);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.resource.resource, r.resource.namespaced]).toEqual([resource, namespaced]);
  });
});

describe('resolveKind: removed APIs', () => {
  it.each<[string, string, string]>([
    ['apps/v1beta2', 'Deployment', 'hint: apps/v1beta2 was removed in Kubernetes 1.16; use apiVersion: apps/v1 (a Deployment in apps/v1 also needs spec.selector).'],
    ['apps/v1beta1', 'Deployment', 'hint: apps/v1beta1 was removed in Kubernetes 1.16; use apiVersion: apps/v1 (a Deployment in apps/v1 also needs spec.selector).'],
    ['extensions/v1beta1', 'Deployment', 'hint: extensions/v1beta1 was removed in Kubernetes 1.16; use apiVersion: apps/v1 (a Deployment in apps/v1 also needs spec.selector).'],
    ['extensions/v1beta1', 'DaemonSet', 'hint: extensions/v1beta1 was removed in Kubernetes 1.16; use apiVersion: apps/v1 (a DaemonSet in apps/v1 also needs spec.selector).'],
    ['apps/v1beta2', 'StatefulSet', 'hint: apps/v1beta2 was removed in Kubernetes 1.16; use apiVersion: apps/v1 (a StatefulSet in apps/v1 also needs spec.selector).'],
    ['extensions/v1beta1', 'NetworkPolicy', 'hint: extensions/v1beta1 was removed in Kubernetes 1.16; use apiVersion: networking.k8s.io/v1.'],
    [
      'extensions/v1beta1',
      'Ingress',
      'hint: extensions/v1beta1 was removed in Kubernetes 1.22; use apiVersion: networking.k8s.io/v1; v1 backends are written `service: {name: ..., port: {number: ...}}` (not serviceName/servicePort) and every path needs a pathType.',
    ],
    [
      'networking.k8s.io/v1beta1',
      'Ingress',
      'hint: networking.k8s.io/v1beta1 was removed in Kubernetes 1.22; use apiVersion: networking.k8s.io/v1; v1 backends are written `service: {name: ..., port: {number: ...}}` (not serviceName/servicePort) and every path needs a pathType.',
    ],
    ['batch/v1beta1', 'CronJob', 'hint: batch/v1beta1 was removed in Kubernetes 1.25; use apiVersion: batch/v1.'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'hint: policy/v1beta1 was removed in Kubernetes 1.25; use apiVersion: policy/v1.'],
    [
      'policy/v1beta1',
      'PodSecurityPolicy',
      'hint: PodSecurityPolicy (policy/v1beta1) was removed in Kubernetes 1.25 with no replacement; Pod Security Admission took its place.',
    ],
    ['storage.k8s.io/v1beta1', 'StorageClass', 'hint: storage.k8s.io/v1beta1 was removed in Kubernetes 1.22; use apiVersion: storage.k8s.io/v1.'],
    ['discovery.k8s.io/v1beta1', 'EndpointSlice', 'hint: discovery.k8s.io/v1beta1 was removed in Kubernetes 1.25; use apiVersion: discovery.k8s.io/v1.'],
  ])('%s %s', (apiVersion, kind, hint) => {
    expect(resolveKind(apiVersion, kind)).toEqual({
      ok: false,
      noMatch: `no matches for kind "${kind}" in version "${apiVersion}"`,
      hint,
    });
  });

  it('formats the kubectl error around it', () => {
    const r = resolveKind('apps/v1beta2', 'Deployment');
    if (r.ok) throw new Error('expected a failure');
    expect(`error: ${resourceMappingError({ name: 'hello-deployment', namespace: '', source: 'hello-deployment.yaml' }, r.noMatch)}`).toBe(
      'error: resource mapping not found for name: "hello-deployment" namespace: "" from "hello-deployment.yaml": no matches for kind "Deployment" in version "apps/v1beta2"\n' +
        'ensure CRDs are installed first',
    );
  });
});

describe('resolveKind: other mistakes', () => {
  it.each<[string, string, string | undefined]>([
    ['apps/v1', 'Pod', 'hint: Pod is served as apiVersion: v1.'],
    ['v1', 'Deployment', 'hint: Deployment is served as apiVersion: apps/v1.'],
    ['app/v1', 'Deployment', 'hint: Deployment is served as apiVersion: apps/v1.'],
    ['v1', 'pod', 'hint: kinds are case-sensitive; did you mean kind: Pod?'],
    ['example.com/v1', 'Widget', undefined],
  ])('%s %s', (apiVersion, kind, hint) => {
    const r = resolveKind(apiVersion, kind);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.noMatch).toBe(`no matches for kind "${kind}" in version "${apiVersion}"`);
      expect(r.hint).toBe(hint);
    }
  });
});

describe('resolveResourceType (kubectl get <type>)', () => {
  it.each<[string, string]>([
    ['pods', 'pods'],
    ['pod', 'pods'],
    ['po', 'pods'],
    ['Pod', 'pods'],
    ['PODS', 'pods'],
    ['svc', 'services'],
    ['deploy', 'deployments.apps'],
    ['deployments.apps', 'deployments.apps'],
    ['deployment.v1.apps', 'deployments.apps'],
    ['rs', 'replicasets.apps'],
    ['ns', 'namespaces'],
    ['no', 'nodes'],
    ['cm', 'configmaps'],
    ['ev', 'events'],
    ['events', 'events'],
    ['events.events.k8s.io', 'events.events.k8s.io'],
    ['ep', 'endpoints'],
    ['pv', 'persistentvolumes'],
    ['pvc', 'persistentvolumeclaims'],
    ['sc', 'storageclasses.storage.k8s.io'],
    ['ing', 'ingresses.networking.k8s.io'],
    ['sts', 'statefulsets.apps'],
    ['ds', 'daemonsets.apps'],
    ['rc', 'replicationcontrollers'],
    ['sa', 'serviceaccounts'],
    ['cj', 'cronjobs.batch'],
    ['job', 'jobs.batch'],
    ['netpol', 'networkpolicies.networking.k8s.io'],
    ['ingressclass', 'ingressclasses.networking.k8s.io'],
    ['endpointslices', 'endpointslices.discovery.k8s.io'],
    ['secret', 'secrets'],
  ])('%s', (arg, expected) => {
    const r = resolveResourceType(arg);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.resource.group ? `${r.resource.resource}.${r.resource.group}` : r.resource.resource).toBe(expected);
  });

  it.each<[string, string]>([
    ['foo', 'the server doesn\'t have a resource type "foo"'],
    ['deployments.extensions', 'the server doesn\'t have a resource type "deployments"'],
    ['hpa', 'the server doesn\'t have a resource type "hpa"'],
  ])('unknown %s', (arg, message) => {
    expect(resolveResourceType(arg)).toEqual({ ok: false, message });
  });

  it('knows the "all" category and qualified names', () => {
    expect(resourcesInCategory('all').map(qualifiedSingular)).toEqual([
      'pod',
      'replicationcontroller',
      'service',
      'daemonset.apps',
      'deployment.apps',
      'replicaset.apps',
      'statefulset.apps',
      'cronjob.batch',
      'job.batch',
    ]);
  });
});

describe('kubectl api-resources', () => {
  it('prints the table with kubectl tabwriter spacing', () => {
    const lines = apiResourcesTable().split('\n');
    expect(lines[0]).toBe('NAME                     SHORTNAMES   APIVERSION             NAMESPACED   KIND');
    expect(lines[1]).toBe('configmaps               cm           v1                     true         ConfigMap');
    expect(lines).toContain('deployments              deploy       apps/v1                true         Deployment');
    expect(lines).toContain('storageclasses           sc           storage.k8s.io/v1      false        StorageClass');
    expect(lines).toContain('secrets                               v1                     true         Secret');
    expect(lines.length).toBe(SERVED_RESOURCES.length + 2);
  });

  it('filters and prints names', () => {
    expect(apiResourcesTable({ apiGroup: 'apps', output: 'name' })).toBe(
      'controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n',
    );
    expect(apiResourcesTable({ namespaced: false, output: 'name' })).toBe(
      'namespaces\nnodes\npersistentvolumes\ningressclasses.networking.k8s.io\nstorageclasses.storage.k8s.io\n',
    );
  });
});
