// createCluster: assemble a simulated cluster — clock, seeded randomness, the API server
// (store + admission), the scheduler, and one kubelet per node — shaped like the kubeadm
// clusters of CKA-style labs: `controlplane`, `node01`, `node02`.

import { ControlPlaneTrace } from './trace.ts';
import { VirtualClock } from './clock.ts';
import type { Node, Pod } from './api.ts';
import { EventRecorder } from './events.ts';
import { SeededRandom } from './random.ts';
import { ComponentGate } from './controllers/workqueue.ts';
import { ObjectStore } from './store/store.ts';
import { ClusterNetwork } from './runtime/network.ts';
import { treeFrom, type DirNode } from './runtime/vfs.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import type { NodeMachine, SimContext } from './context.ts';
import { ApiServer } from './apiserver.ts';
import { TrafficRegistry, TrafficSource, type TrafficTarget } from './traffic.ts';
import { resourceInfo } from './resources.ts';
import { ReplicaSetController } from './controllers/replicaset.ts';
import { JobController } from './controllers/job.ts';
import { DaemonSetController } from './controllers/daemonset.ts';
import { GarbageCollector } from './controllers/gc.ts';
import { EndpointsController } from './controllers/endpoints.ts';
import { LoadBalancerController } from './controllers/loadbalancer.ts';
import { DeploymentController } from './controllers/deploymentcontroller.ts';
import { IngressStatusController } from './controllers/ingress.ts';
import { LocalPathProvisioner, PersistentVolumeController, StorageProtectionController } from './controllers/pv.ts';
import { StatefulSetController } from './controllers/statefulset.ts';
import { NodeLifecycleController } from './controllers/nodelifecycle.ts';
import { DEFAULT_TOLERATION_SECONDS } from './admission/defaults.ts';

export const KUBERNETES_VERSION = 'v1.31.4';

export interface NodeOptions {
  name: string;
  controlPlane?: boolean;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
}

export interface ClusterOptions {
  seed?: number;
  nodes?: NodeOptions[];
  /** Simulated wall-clock time at t=0 (ms since 1970). */
  epoch?: number;
  /** Run the control plane's own pods (etcd, apiserver ...) as static pods. Default true. */
  systemPods?: boolean;
  /**
   * How long the cluster has been up when the student arrives (ms of simulated time run
   * before createCluster returns). Default 10 minutes, so the control plane is settled and
   * nodes have an age, as in a lab environment that was provisioned a little earlier.
   */
  warmupMs?: number;
  /**
   * How long every pod tolerates an unreachable or not-ready node before the taint eviction
   * controller deletes it: the tolerationSeconds the DefaultTolerationSeconds admission plugin
   * adds. Default 300, as upstream; a lesson may shorten it to show eviction sooner (see
   * controllers/nodelifecycle.ts).
   */
  evictionTimeoutSeconds?: number;
}

export const DEFAULT_NODES: NodeOptions[] = [
  { name: 'controlplane', controlPlane: true },
  { name: 'node01' },
  { name: 'node02' },
];

export interface Cluster extends SimContext {
  api: ApiServer;
  scheduler: Scheduler;
  kubelets: Map<string, Kubelet>;
  machines: Map<string, NodeMachine>;
  seed: number;
  /** Advance simulated time by ms, running everything that happens meanwhile. */
  advance(ms: number): void;
  /** Start sending N requests per simulated second to a Service or address. */
  traffic(target: TrafficTarget, perSecond: number): TrafficSource;
  /** Named sources started by the `traffic` host command; the UI's charts read them. */
  trafficRegistry: TrafficRegistry;
  /** Every API write with its writer and watchers: the control plane walk (trace.ts). */
  trace: ControlPlaneTrace;
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  const seed = opts.seed ?? 1;
  const clock = new VirtualClock(opts.epoch);
  const random = new SeededRandom(seed);
  const store = new ObjectStore(clock, random, resourceInfo);
  const events = new EventRecorder(store, clock);
  const network = new ClusterNetwork(store, random);
  network.now = () => clock.now;
  const sim: SimContext = { clock, random, store, events, network, version: KUBERNETES_VERSION, applets: new Map() };
  const api = new ApiServer(sim, { defaultTolerationSeconds: opts.evictionTimeoutSeconds ?? DEFAULT_TOLERATION_SECONDS });
  const machines = new Map<string, NodeMachine>();
  const kubelets = new Map<string, Kubelet>();

  const trace = new ControlPlaneTrace(store, () => clock.now);
  // Each component is built as itself, so its watches and timers run as it (clock.actor).
  const as = <T>(actor: string, fn: () => T): T => clock.as(actor, fn);
  const kcm = (part: string, fn: () => unknown): void => void as(`kube-controller-manager/${part}`, fn);
  clock.actor = 'kube-apiserver';
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  api.bootstrapServices();

  // The scheduler works only while its static pod runs on the control plane node: move
  // kube-scheduler.yaml out of /etc/kubernetes/manifests and new pods stay Pending.
  const cpName = (opts.nodes ?? DEFAULT_NODES).find((n) => n.controlPlane)?.name;
  const staticRunning = (container: string): boolean => !cpName || (kubelets.get(cpName)?.staticContainerRunning(container) ?? true);
  const scheduler = as('kube-scheduler', () =>
    new Scheduler(sim, {
      nodeImages: (node) => machines.get(node)?.images,
      running: () => staticRunning('kube-scheduler'),
    }),
  );
  // So do the controllers of kube-controller-manager: with its manifest moved away, a deleted
  // pod of a ReplicaSet is not replaced, nor a Job started, until it is back.
  const controllerManager = new ComponentGate(clock, () => staticRunning('kube-controller-manager'));
  sim.controllerManager = controllerManager;
  trace.stopped = () => ['kube-scheduler', 'kube-controller-manager'].filter((c) => !staticRunning(c));
  as('kube-controller-manager', () =>
    store.watch('Pod', (ev) => {
      if (ev.object.metadata.namespace === 'kube-system') controllerManager.check();
    }),
  );
  kcm('replicaset', () => new ReplicaSetController(sim, api));
  kcm('job', () => new JobController(sim, api));
  kcm('daemonset', () => new DaemonSetController(sim, api));
  kcm('garbagecollector', () => new GarbageCollector(sim, api));
  kcm('endpoint', () => new EndpointsController(sim));
  as('cloud-controller-manager', () => new LoadBalancerController(sim));
  kcm('deployment', () => new DeploymentController(sim, api));
  as('ingress-nginx', () => new IngressStatusController(sim));
  kcm('persistentvolume-binder', () => new PersistentVolumeController(sim, machines));
  kcm('pvc-protection', () => new StorageProtectionController(sim));
  as('local-path-provisioner', () => new LocalPathProvisioner(sim, api, machines));
  kcm('statefulset', () => new StatefulSetController(sim, api));
  const nodes = opts.nodes ?? DEFAULT_NODES;
  nodes.forEach((n, i) => {
    const ip = `192.168.${n.controlPlane ? 1 : 2}.${n.controlPlane ? 2 + i : 1 + i}`;
    const machine: NodeMachine = { name: n.name, index: i, ip, root: nodeRoot(n, ip), images: new Map(), pullFreeAt: 0, pulling: new Map() };
    // Every node has the pause image (the pod infra container) already.
    machine.images.set('registry.k8s.io/pause:3.10', 320_368);
    // kubeadm pre-pulls the control plane images; every node runs kube-proxy.
    machine.images.set(`registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, 28_000_000);
    if (n.controlPlane) {
      for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) machine.images.set(`registry.k8s.io/${c}:${KUBERNETES_VERSION}`, 28_000_000);
      machine.images.set('registry.k8s.io/etcd:3.5.15-0', 56_909_194);
      machine.images.set('registry.k8s.io/coredns/coredns:v1.11.3', 18_562_039);
    }
    machines.set(n.name, machine);
    network.nodeIps.add(ip);
    store.create(nodeObject(n, ip, clock.isoNow()));
    kubelets.set(n.name, as(`kubelet/${n.name}`, () => new Kubelet(sim, machine, (text, file) => api.decodeStaticPod(text, file))));
  });
  kcm('nodelifecycle', () => new NodeLifecycleController(sim, api, { leaseRenewTime: (node) => kubelets.get(node)?.leaseRenewTime() }));
  // kubeadm installs the add-ons.
  clock.actor = 'kubeadm';
  if (opts.systemPods !== false) {
    const cp = nodes.find((n) => n.controlPlane);
    if (cp) writeControlPlaneManifests(machines.get(cp.name)!.root);
    api.create(COREDNS, { namespace: 'kube-system' });
    for (const o of KUBE_PROXY) api.create(o, { namespace: 'kube-system' });
    for (const o of INGRESS_NGINX) api.create(o, { namespace: 'ingress-nginx' });
  }
  clock.actor = '';
  clock.settle();
  clock.advance(opts.warmupMs ?? 10 * 60_000);

  return {
    ...sim,
    api,
    scheduler,
    kubelets,
    machines,
    seed,
    advance: (ms: number) => clock.advance(ms),
    traffic: (target: TrafficTarget, perSecond: number) => new TrafficSource(sim, target, perSecond).start(),
    trafficRegistry: new TrafficRegistry(sim),
    trace,
  };
}

function nodeObject(n: NodeOptions, ip: string, now: string): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...n.labels,
  };
  const cpu = n.cpu ?? '2';
  const memory = n.memory ?? (n.controlPlane ? '4015788Ki' : '4015796Ki');
  const pods = String(n.pods ?? 110);
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: '', podCIDRs: [] },
    status: {
      capacity: { cpu, 'ephemeral-storage': '20134592Ki', 'hugepages-2Mi': '0', memory, pods },
      allocatable: { cpu, 'ephemeral-storage': '18556039957', 'hugepages-2Mi': '0', memory, pods },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: '5.15.0-131-generic',
        osImage: 'Ubuntu 22.04.5 LTS',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: KUBERNETES_VERSION,
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
  if (n.controlPlane) node.spec!.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return node;
}

function nodeRoot(n: NodeOptions, ip: string): DirNode {
  return treeFrom({
    '/etc/hostname': `${n.name}\n`,
    '/etc/hosts': `127.0.0.1 localhost\n${ip} ${n.name}\n`,
    '/etc/kubernetes/manifests/': '',
    '/etc/kubernetes/kubelet.conf': 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://controlplane:6443\n  name: default-cluster\n',
    '/var/lib/kubelet/config.yaml': [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'cgroupDriver: systemd',
      'clusterDNS:',
      '- 10.96.0.10',
      'clusterDomain: cluster.local',
      'containerRuntimeEndpoint: ""',
      'fileCheckFrequency: 20s',
      'imageMaximumGCAge: 0s',
      'imageMinimumGCAge: 2m0s',
      'staticPodPath: /etc/kubernetes/manifests',
      'syncFrequency: 1m0s',
      '',
    ].join('\n'),
    '/var/log/pods/': '',
    '/tmp/': '',
    '/run/': '',
    '/lib/modules/': '',
    '/root/': '',
    '/home/': '',
    '/opt/': '',
  });
}

const cpManifest = (name: string, image: string, command: string[], extra = ''): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  labels:',
    `    component: ${name}`,
    '    tier: control-plane',
    `  name: ${name}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    ...command.map((c) => `    - ${c}`),
    `    image: ${image}`,
    '    imagePullPolicy: IfNotPresent',
    `    name: ${name}`,
    '    resources:',
    '      requests:',
    `        cpu: ${name === 'etcd' ? '100m' : name === 'kube-apiserver' ? '250m' : name === 'kube-controller-manager' ? '200m' : '100m'}`,
    ...(name === 'etcd' ? ['        memory: 100Mi'] : []),
    extra,
    '  hostNetwork: true',
    '  priority: 2000001000',
    '  priorityClassName: system-node-critical',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n') + '\n';

function writeControlPlaneManifests(root: DirNode): void {
  const manifests: Record<string, string> = {
    '/etc/kubernetes/manifests/etcd.yaml': cpManifest('etcd', 'registry.k8s.io/etcd:3.5.15-0', ['etcd', '--advertise-client-urls=https://192.168.1.2:2379', '--data-dir=/var/lib/etcd']),
    '/etc/kubernetes/manifests/kube-apiserver.yaml': cpManifest('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.31.4', ['kube-apiserver', '--advertise-address=192.168.1.2', '--service-cluster-ip-range=10.96.0.0/12', '--service-node-port-range=30000-32767']),
    '/etc/kubernetes/manifests/kube-controller-manager.yaml': cpManifest('kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.31.4', ['kube-controller-manager', '--cluster-cidr=10.244.0.0/16', '--leader-elect=true']),
    '/etc/kubernetes/manifests/kube-scheduler.yaml': cpManifest('kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.31.4', ['kube-scheduler', '--leader-elect=true']),
  };
  const tree = treeFrom(manifests);
  const etc = tree.children.get('etc');
  const target = root.children.get('etc');
  if (etc?.kind === 'dir' && target?.kind === 'dir') {
    const k = etc.children.get('kubernetes');
    const tk = target.children.get('kubernetes');
    if (k?.kind === 'dir' && tk?.kind === 'dir') {
      const m = k.children.get('manifests');
      if (m?.kind === 'dir') tk.children.set('manifests', m);
    }
  }
}

/** ingress-nginx, installed as CKA-style labs install it: a NodePort Service on 30080/30443. */
const INGRESS_LABELS = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };
const INGRESS_NGINX = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx', labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx', labels: INGRESS_LABELS, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
    spec: { controller: 'k8s.io/ingress-nginx' },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels: INGRESS_LABELS },
    spec: {
      replicas: 1,
      selector: { matchLabels: INGRESS_LABELS },
      template: {
        metadata: { labels: INGRESS_LABELS },
        spec: {
          containers: [
            {
              name: 'controller',
              image: 'registry.k8s.io/ingress-nginx/controller:v1.11.3',
              args: ['/nginx-ingress-controller', '--election-id=ingress-nginx-leader', '--controller-class=k8s.io/ingress-nginx', '--ingress-class=nginx'],
              ports: [
                { containerPort: 80, name: 'http', protocol: 'TCP' },
                { containerPort: 443, name: 'https', protocol: 'TCP' },
              ],
              readinessProbe: { httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 },
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels: INGRESS_LABELS },
    spec: {
      type: 'NodePort',
      selector: INGRESS_LABELS,
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', nodePort: 30443 },
      ],
    },
  },
];

/** kubeadm's kube-proxy: its ConfigMap and a DaemonSet on every node (host network, tolerating every taint). */
const KUBE_PROXY = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: {
      'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\n',
      'kubeconfig.conf': 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://192.168.1.2:6443\n  name: default\n',
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [
            {
              name: 'kube-proxy',
              image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
              command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
              securityContext: { privileged: true },
              volumeMounts: [
                { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
              ],
            },
          ],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
          ],
        },
      },
    },
  },
];

/** kubeadm's CoreDNS Deployment (two replicas, tolerating the control plane taint). */
const COREDNS = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    template: {
      metadata: { labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        priorityClassName: 'system-cluster-critical',
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
        ],
        containers: [
          {
            name: 'coredns',
            image: 'registry.k8s.io/coredns/coredns:v1.11.3',
            args: ['-conf', '/etc/coredns/Corefile'],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            ports: [
              { containerPort: 53, name: 'dns', protocol: 'UDP' },
              { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
              { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
            ],
            livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
          },
        ],
        dnsPolicy: 'Default',
      },
    },
  },
};

export function podsOnNode(cluster: Cluster, node: string): Pod[] {
  return cluster.store.list<Pod>('Pod').filter((p) => p.spec?.nodeName === node);
}
