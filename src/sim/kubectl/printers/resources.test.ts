import type { ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { configMapRow, getConfigMapsTable, getSecretsTable, secretRow } from './config.ts';
import { eventRow, getEventsTable } from './event.ts';
import { getNamespacesTable, namespaceRow } from './namespace.ts';
import { getNodesTable, nodeRow } from './node.ts';
import { endpointSliceRow, formatEndpoints, getEndpointsTable, getServicesTable, serviceRow } from './service.ts';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const DAY = 24 * 3600 * 1000;

describe('nodes (TestPrintNodeStatus, TestPrintNodeRole)', () => {
  const node = (name: string, extra: Partial<Node> = {}): Node => ({ metadata: { name }, ...extra });
  it.each([
    [node('foo1', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }), 'Ready'],
    [node('foo2', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }), 'Ready,SchedulingDisabled'],
    [node('foo3', { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' }] } }), 'Ready'],
    [node('foo4', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 'NotReady'],
    [node('foo5', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 'NotReady,SchedulingDisabled'],
    [node('foo6', { status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }), 'Unknown'],
    [node('foo7', { status: { conditions: [{ type: '', status: '' }] } }), 'Unknown'],
    [node('foo8', { spec: { unschedulable: true }, status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }), 'Unknown,SchedulingDisabled'],
    [node('foo9', { spec: { unschedulable: true }, status: { conditions: [{ type: '', status: '' }] } }), 'Unknown,SchedulingDisabled'],
    [node('lost', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }), 'NotReady'],
  ])('%#: STATUS %s', (n, status) => {
    expect(nodeRow(n, NOW)).toEqual([n.metadata!.name, status, '<none>', '<unknown>', '']);
  });

  it.each([
    [{}, '<none>'],
    [{ 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' }, 'control-plane,master,node,proxy'],
    [{ 'kubernetes.io/role': 'node' }, 'node'],
    [{ 'node-role.kubernetes.io/': '' }, '<none>'],
  ])('ROLES from labels %j', (labels, roles) => {
    expect(nodeRow({ metadata: { name: 'n', labels } }, NOW)[2]).toBe(roles);
  });

  it.each([
    [[{ type: 'ExternalIP', address: '1.1.1.1' }], '<none>', '1.1.1.1'],
    [[{ type: 'InternalIP', address: '1.1.1.1' }], '1.1.1.1', '<none>'],
    [[{ type: 'ExternalIP', address: '2.2.2.2' }, { type: 'InternalIP', address: '3.3.3.3' }, { type: 'ExternalIP', address: '4.4.4.4' }], '3.3.3.3', '2.2.2.2'],
  ])('wide addresses %#', (addresses, internal, external) => {
    const row = nodeRow({ metadata: { name: 'n' }, status: { addresses } }, NOW, true);
    expect(row.slice(5)).toEqual([internal, external, '<unknown>', '<unknown>', '<unknown>']);
  });

  it('prints kubectl get nodes -o wide', () => {
    const nodes: Node[] = ['controlplane', 'node01'].map((name, i) => ({
      metadata: {
        name,
        creationTimestamp: ago(3 * DAY),
        labels: i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {},
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [{ type: 'InternalIP', address: `192.168.1.${i + 2}` }],
        nodeInfo: {
          kubeletVersion: 'v1.31.0',
          osImage: 'Ubuntu 22.04.4 LTS',
          kernelVersion: '5.15.0-105-generic',
          containerRuntimeVersion: 'containerd://1.7.13',
          architecture: 'amd64',
          bootID: '',
          kubeProxyVersion: '',
          machineID: '',
          operatingSystem: 'linux',
          systemUUID: '',
        },
      },
    }));
    expect(getNodesTable(nodes, NOW, { wide: true, allNamespaces: true })).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION       CONTAINER-RUNTIME\n' +
        'controlplane   Ready    control-plane   3d    v1.31.0   192.168.1.2   <none>        Ubuntu 22.04.4 LTS   5.15.0-105-generic   containerd://1.7.13\n' +
        'node01         Ready    <none>          3d    v1.31.0   192.168.1.3   <none>        Ubuntu 22.04.4 LTS   5.15.0-105-generic   containerd://1.7.13\n',
    );
  });
});

describe('namespaces, configmaps, secrets', () => {
  it('TestPrintNamespace: a creation time 1.9s ahead prints 0s; missing fields print empty', () => {
    const ns: Namespace = { metadata: { name: 'namespace1', creationTimestamp: new Date(NOW + 1900).toISOString() }, status: { phase: 'FooStatus' } };
    expect(namespaceRow(ns, NOW)).toEqual(['namespace1', 'FooStatus', '0s']);
    expect(namespaceRow({ metadata: { name: 'namespace2' } }, NOW)).toEqual(['namespace2', '', '<unknown>']);
  });

  it('prints kubectl get ns (no NAMESPACE column even with -A)', () => {
    const list: Namespace[] = ['default', 'kube-system'].map((name) => ({
      metadata: { name, creationTimestamp: ago(2 * DAY + 3600 * 1000) },
      status: { phase: 'Active' },
    }));
    expect(getNamespacesTable(list, NOW, { allNamespaces: true })).toBe(
      'NAME          STATUS   AGE\ndefault       Active   2d1h\nkube-system   Active   2d1h\n',
    );
  });

  it('DATA counts data plus binaryData', () => {
    const cm: ConfigMap = { metadata: { name: 'cfg', creationTimestamp: ago(70_000) }, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } };
    expect(configMapRow(cm, NOW)).toEqual(['cfg', '3', '70s']);
    expect(getConfigMapsTable([cm, { metadata: { name: 'kube-root-ca.crt', creationTimestamp: ago(70_000) }, data: { 'ca.crt': 'x' } }], NOW)).toBe(
      'NAME               DATA   AGE\ncfg                3      70s\nkube-root-ca.crt   1      70s\n',
    );
  });

  it('TestPrintSecret: TYPE and DATA', () => {
    const token: Secret = {
      metadata: { name: 'secret1', creationTimestamp: new Date(NOW + 1900).toISOString() },
      type: 'kubernetes.io/service-account-token',
      data: { token: 'c2VjcmV0IGRhdGE=' },
    };
    expect(secretRow(token, NOW)).toEqual(['secret1', 'kubernetes.io/service-account-token', '1', '0s']);
    expect(secretRow({ ...token, data: {} }, NOW)).toEqual(['secret1', 'kubernetes.io/service-account-token', '0', '0s']);
    const unstored: Secret = { metadata: { name: 's', namespace: 'dev' }, stringData: { user: 'u' }, data: { pass: 'cA==' } };
    expect(getSecretsTable([unstored], NOW, { allNamespaces: true })).toBe(
      'NAMESPACE   NAME   TYPE     DATA   AGE\ndev         s      Opaque   2      <unknown>\n',
    );
  });
});

describe('services (TestPrintServiceLoadBalancer and cell rules)', () => {
  const lb = (name: string, clusterIP: string, ports: [number, string][], ingress: { ip?: string; hostname?: string }[], selector?: Record<string, string>): Service => ({
    metadata: { name },
    spec: {
      clusterIPs: [clusterIP],
      type: 'LoadBalancer',
      ports: ports.map(([port, protocol]) => ({ port, protocol })),
      ...(selector ? { selector } : {}),
    },
    status: { loadBalancer: { ingress } },
  });

  it.each([
    [lb('service1', '1.2.3.4', [[80, 'TCP']], [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }]), false, ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>']],
    [lb('service2', '1.3.4.5', [[80, 'TCP'], [8090, 'UDP'], [8000, 'TCP'], [7777, 'SCTP']], []), false, ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '<unknown>']],
    [lb('service3', '1.4.5.6', [[80, 'TCP'], [8090, 'UDP'], [8000, 'TCP']], [{ ip: '2.3.4.5' }]), false, ['service3', 'LoadBalancer', '1.4.5.6', '2.3.4.5', '80/TCP,8090/UDP,8000/TCP', '<unknown>']],
    [lb('service4', '1.5.6.7', [[80, 'TCP'], [8090, 'UDP'], [8000, 'TCP']], [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }]), false, ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5...', '80/TCP,8090/UDP,8000/TCP', '<unknown>']],
    [lb('service4', '1.5.6.7', [[80, 'TCP'], [8090, 'UDP'], [8000, 'TCP']], [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }], { foo: 'bar' }), true, ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '<unknown>', 'foo=bar']],
  ])('%#', (svc, wide, want) => {
    expect(serviceRow(svc, NOW, wide)).toEqual(want);
  });

  it.each([
    ['ClusterIP without externalIPs', { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 53, protocol: 'UDP' }] }, ['ClusterIP', '10.96.0.10', '<none>', '53/UDP']],
    ['NodePort', { type: 'NodePort', clusterIPs: ['10.96.12.7'], ports: [{ port: 80, nodePort: 30036, protocol: 'TCP' }] }, ['NodePort', '10.96.12.7', '<none>', '80:30036/TCP']],
    ['externalIPs', { type: 'ClusterIP', clusterIPs: ['10.96.1.1'], externalIPs: ['1.1.1.1', '2.2.2.2'], ports: [{ port: 80 }] }, ['ClusterIP', '10.96.1.1', '1.1.1.1,2.2.2.2', '80/TCP']],
    ['headless', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [] }, ['ClusterIP', 'None', '<none>', '<none>']],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, ['ExternalName', '<none>', 'db.example.com', '<none>']],
    ['LoadBalancer with externalIPs', { type: 'LoadBalancer', clusterIPs: ['10.0.0.5'], externalIPs: ['9.9.9.9'], ports: [{ port: 443, nodePort: 31443 }] }, ['LoadBalancer', '10.0.0.5', '9.9.9.9', '443:31443/TCP']],
  ] as [string, Service['spec'], string[]][])('%s', (_name, spec, want) => {
    expect(serviceRow({ metadata: { name: 's' }, spec: spec! }, NOW).slice(1, 5)).toEqual(want);
  });

  it('prints kubectl get svc -o wide', () => {
    const svcs: Service[] = [
      { metadata: { name: 'kubernetes', creationTimestamp: ago(DAY) }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } },
      { metadata: { name: 'web', creationTimestamp: ago(65_000) }, spec: { type: 'NodePort', clusterIPs: ['10.96.45.3'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] } },
    ];
    expect(getServicesTable(svcs, NOW, { wide: true })).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR\n' +
        'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        24h   <none>\n' +
        'web          NodePort    10.96.45.3   <none>        80:30080/TCP   65s   app=web\n',
    );
  });
});

describe('endpoints', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: { name: 'web', creationTimestamp: ago(30_000) }, ...(subsets ? { subsets } : {}) });
  it.each([
    ['no subsets', undefined, '<none>'],
    ['one address', [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }], '10.244.1.5:80'],
    [
      'more than three',
      [{ addresses: ['1', '2', '3', '4', '5'].map((n) => ({ ip: `10.0.0.${n}` })), ports: [{ port: 8080 }] }],
      '10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 2 more...',
    ],
    ['every address for every port', [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'],
    ['headless without ports', [{ addresses: [{ ip: '10.0.0.1' }] }], '10.0.0.1'],
    ['IPv6', [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }], '[fd00::1]:80'],
    ['only not-ready addresses', [{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }], ''],
  ] as [string, Endpoints['subsets'], string][])('%s', (_name, subsets, want) => {
    expect(formatEndpoints(ep(subsets))).toBe(want);
  });

  it('prints kubectl get endpoints', () => {
    expect(getEndpointsTable([ep([{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }]), ep(undefined)], NOW)).toBe(
      'NAME   ENDPOINTS       AGE\nweb    10.244.1.5:80   30s\nweb    <none>          30s\n',
    );
  });
});

describe('events (TestPrintEvent)', () => {
  const base = (over: Partial<Event>): Event => ({
    metadata: { name: 'event2' },
    involvedObject: { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' },
    source: { component: 'kubelet', host: 'Node1' },
    reason: 'Event Reason',
    message: 'Message Data',
    type: 'Warning',
    ...over,
  });

  it.each([
    ['basic, not wide', base({ metadata: { name: 'event1' }, involvedObject: { kind: 'Pod', name: 'Pod Name', fieldPath: 'spec.containers{foo}' }, source: { component: 'kubelet' }, type: 'Normal', firstTimestamp: ago(3 * DAY), lastTimestamp: ago(2 * DAY), count: 6 }), false, ['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data']],
    ['basic, wide', base({ firstTimestamp: ago(3 * DAY), lastTimestamp: ago(2 * DAY), count: 6 }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '6', 'event2']],
    ['no firstTimestamp', base({ metadata: { name: 'event3' }, eventTime: ago(3 * DAY), lastTimestamp: ago(3 * DAY), count: 1 }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '1', 'event3']],
    ['no lastTimestamp', base({ metadata: { name: 'event4' }, eventTime: ago(3 * DAY), firstTimestamp: ago(3 * DAY), count: 1 }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '1', 'event4']],
    ['neither timestamp', base({ metadata: { name: 'event5' }, eventTime: ago(3 * DAY), count: 1 }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '1', 'event5']],
    ['series', base({ metadata: { name: 'event6' }, series: { count: 2, lastObservedTime: ago(2 * DAY) }, eventTime: ago(3 * DAY) }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '2', 'event6']],
    ['singleton without count', base({ metadata: { name: 'event7' }, eventTime: ago(3 * DAY) }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', '1', 'event7']],
    ['reporting controller and instance', base({ source: {}, reportingComponent: 'kubelet', reportingInstance: 'test', firstTimestamp: ago(3 * DAY), lastTimestamp: ago(2 * DAY), count: 6 }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, test', 'Message Data', '3d', '6', 'event2']],
  ] as [string, Event, boolean, string[]][])('%s', (_name, event, wide, want) => {
    expect(eventRow(event, NOW, wide)).toEqual(want);
  });

  it('prints kubectl get events -A in the given order, trimming messages and cutting them at a newline', () => {
    const events: Event[] = [
      { metadata: { name: 'a', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node01 ', lastTimestamp: ago(31_000), count: 1 },
      { metadata: { name: 'b', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web-1' }, type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: line one\nline two', lastTimestamp: ago(10_000), count: 3 },
      { metadata: { name: 'c', namespace: 'kube-system' }, involvedObject: { kind: 'Node' }, type: 'Normal', reason: 'RegisteredNode', message: 'Node registered', lastTimestamp: ago(5 * DAY) },
    ];
    expect(getEventsTable(events, NOW, { allNamespaces: true })).toBe(
      'NAMESPACE     LAST SEEN   TYPE      REASON           OBJECT      MESSAGE\n' +
        'default       31s         Normal    Scheduled        pod/web-1   Successfully assigned default/web-1 to node01\n' +
        'default       10s         Warning   Unhealthy        pod/web-1   Liveness probe failed: line one...\n' +
        'kube-system   5d          Normal    RegisteredNode   node        Node registered\n',
    );
  });
});

describe('get endpointslices', () => {
  const at = Date.parse('2026-01-05T09:10:00Z');
  it.each<[string, Parameters<typeof endpointSliceRow>[0], string[]]>([
    ['one port, one address', { metadata: { name: 'kubernetes', creationTimestamp: '2026-01-05T09:00:00Z' }, addressType: 'IPv4', endpoints: [{ addresses: ['192.168.1.2'] }], ports: [{ name: 'https', port: 6443 }] }, ['kubernetes', 'IPv4', '6443', '192.168.1.2', '10m']],
    ['more than three addresses', { metadata: { name: 'web-x' }, addressType: 'IPv4', endpoints: ['a', 'b', 'c', 'd', 'e'].map((x) => ({ addresses: [x] })), ports: [{ port: 80 }] }, ['web-x', 'IPv4', '80', 'a,b,c + 2 more...', '<unknown>']],
    ['no endpoints, a port with only a name', { metadata: { name: 'empty' }, addressType: 'IPv4', endpoints: [], ports: [{ name: 'http' }] }, ['empty', 'IPv4', 'http', '<unset>', '<unknown>']],
    ['no ports at all', { metadata: { name: 'bare' }, addressType: 'IPv4' }, ['bare', 'IPv4', '<unset>', '<unset>', '<unknown>']],
  ])('%s', (_name, slice, row) => {
    expect(endpointSliceRow(slice, at)).toEqual(row);
  });
});
