import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { describeNode, describePod } from './describe.ts';

// Expected texts are derived by hand from kubectl's describe.go format strings and Go's
// tabwriter rules (minwidth 0, padding 2): every column of a block is as wide as its widest
// cell plus two. `line` pads each cell but the last to the width worked out for its block.
const line = (widths: number[], ...cells: string[]): string =>
  cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!) : c)).join('') + '\n';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const at = (hhmmss: string): string => `2026-01-05T${hhmmss}Z`;

const kubeletEvent = (reason: string, time: string, message: string, extra: Partial<Event> = {}): Event => ({
  metadata: { name: `nginx.${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default' },
  source: { component: 'kubelet', host: 'node01' },
  type: 'Normal',
  reason,
  message,
  firstTimestamp: at(time),
  lastTimestamp: at(time),
  count: 1,
  ...extra,
});

describe('describePod', () => {
  const nginx: Pod = {
    metadata: { name: 'nginx', namespace: 'default', labels: { run: 'nginx' }, creationTimestamp: at('08:55:00') },
    spec: {
      nodeName: 'node01',
      serviceAccountName: 'default',
      priority: 0,
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          volumeMounts: [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '192.168.1.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: at('08:55:00'),
      qosClass: 'BestEffort',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
        type,
        status: 'True',
      })),
      containerStatuses: [
        {
          name: 'nginx',
          containerID: 'containerd://abc123',
          image: 'docker.io/library/nginx:1.27',
          imageID: 'docker.io/library/nginx@sha256:0123',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: at('08:55:04') } },
        },
      ],
    },
  };

  // Scheduler events come from the events.k8s.io API: eventTime and reportingComponent only.
  const scheduled: Event = {
    metadata: { name: 'nginx.scheduled', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default' },
    reportingComponent: 'default-scheduler',
    type: 'Normal',
    reason: 'Scheduled',
    message: 'Successfully assigned default/nginx to node01',
    eventTime: '2026-01-05T08:55:00.000000Z',
  };
  const pulled = 'Successfully pulled image "nginx:1.27" in 1.2s (1.2s including waiting). Image size: 72099410 bytes.';
  // Listed out of order: describe sorts by lastTimestamp (unset first, ties kept in order).
  const events = [
    kubeletEvent('Pulled', '08:55:03', pulled),
    scheduled,
    kubeletEvent('Created', '08:55:04', 'Created container nginx'),
    kubeletEvent('Started', '08:55:04', 'Started container nginx'),
    kubeletEvent('Pulling', '08:55:01', 'Pulling image "nginx:1.27"'),
  ];

  it('prints a running pod like kubectl describe pod', () => {
    const top = [18]; // "Service Account:" + 2
    const ctr = [20]; // "    Restart Count:" + 2
    const cond = [30]; // "  PodReadyToStartContainers " + 2
    const vol = [29]; // "    TokenExpirationSeconds:" + 2
    const ev = [10, 11, 7, 19]; // "  Normal", "Scheduled", "4m59s", "default-scheduler"
    const want =
      line(top, 'Name:', 'nginx') +
      line(top, 'Namespace:', 'default') +
      line(top, 'Priority:', '0') +
      line(top, 'Service Account:', 'default') +
      line(top, 'Node:', 'node01/192.168.1.3') +
      line(top, 'Start Time:', 'Mon, 05 Jan 2026 08:55:00 +0000') +
      line(top, 'Labels:', 'run=nginx') +
      line(top, 'Annotations:', '<none>') +
      line(top, 'Status:', 'Running') +
      line(top, 'IP:', '10.244.1.5') +
      'IPs:\n' +
      line([7], '  IP:', '10.244.1.5') +
      'Containers:\n' +
      '  nginx:\n' +
      line(ctr, '    Container ID:', 'containerd://abc123') +
      line(ctr, '    Image:', 'nginx:1.27') +
      line(ctr, '    Image ID:', 'docker.io/library/nginx@sha256:0123') +
      line(ctr, '    Port:', '80/TCP') +
      line(ctr, '    Host Port:', '0/TCP') +
      line(ctr, '    State:', 'Running') +
      line(ctr, '      Started:', 'Mon, 05 Jan 2026 08:55:04 +0000') +
      line(ctr, '    Ready:', 'True') +
      line(ctr, '    Restart Count:', '0') +
      line(ctr, '    Environment:', '<none>') +
      '    Mounts:\n' +
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)\n' +
      'Conditions:\n' +
      line(cond, '  Type', 'Status') +
      line(cond, '  PodReadyToStartContainers ', 'True ') +
      line(cond, '  Initialized ', 'True ') +
      line(cond, '  Ready ', 'True ') +
      line(cond, '  ContainersReady ', 'True ') +
      line(cond, '  PodScheduled ', 'True ') +
      'Volumes:\n' +
      '  kube-api-access-x7k2p:\n' +
      line(vol, '    Type:', 'Projected (a volume that contains injected data from multiple sources)') +
      line(vol, '    TokenExpirationSeconds:', '3607') +
      line(vol, '    ConfigMapName:', 'kube-root-ca.crt') +
      line(vol, '    ConfigMapOptional:', '<nil>') +
      line(vol, '    DownwardAPI:', 'true') +
      line(vol, 'QoS Class:', 'BestEffort') +
      line(vol, 'Node-Selectors:', '<none>') +
      line(vol, 'Tolerations:', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s') +
      line(vol, '', 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s') +
      'Events:\n' +
      line(ev, '  Type', 'Reason', 'Age', 'From', 'Message') +
      line(ev, '  ----', '------', '----', '----', '-------') +
      line(ev, '  Normal', 'Scheduled', '5m', 'default-scheduler', 'Successfully assigned default/nginx to node01') +
      line(ev, '  Normal', 'Pulling', '4m59s', 'kubelet', 'Pulling image "nginx:1.27"') +
      line(ev, '  Normal', 'Pulled', '4m57s', 'kubelet', pulled) +
      line(ev, '  Normal', 'Created', '4m56s', 'kubelet', 'Created container nginx') +
      line(ev, '  Normal', 'Started', '4m56s', 'kubelet', 'Started container nginx');
    expect(describePod(nginx, events, NOW)).toBe(want);
  });

  it('prints Events: <none> aligned with the fields above, or nothing with --show-events=false', () => {
    const out = describePod(nginx, [], NOW);
    expect(out.endsWith(line([29], 'Events:', '<none>'))).toBe(true);
    expect(describePod(nginx, events, NOW, { showEvents: false })).not.toContain('Events:');
  });

  it('prints a crash-looping Deployment pod with init container, probes, env and volumes', () => {
    const pod: Pod = {
      metadata: {
        name: 'app',
        namespace: 'dev',
        uid: 'u-1',
        labels: { app: 'web', 'pod-template-hash': '7d4b9c' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c', uid: 'rs-1', controller: true }],
      },
      spec: {
        nodeName: 'node01',
        serviceAccountName: 'default',
        priority: 0,
        nodeSelector: { disktype: 'ssd' },
        initContainers: [{ name: 'init-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] }],
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            args: ['--port=80'],
            ports: [
              { containerPort: 80, protocol: 'TCP' },
              { containerPort: 443, protocol: 'TCP' },
            ],
            resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.25', memory: '64Mi' } },
            livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5, periodSeconds: 5 },
            readinessProbe: { tcpSocket: { port: 80 } },
            startupProbe: { exec: { command: ['cat', '/tmp/healthy'] }, failureThreshold: 30, periodSeconds: 10 },
            envFrom: [{ configMapRef: { name: 'web-config' } }],
            env: [
              { name: 'MODE', value: 'prod' },
              { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
              { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            ],
            volumeMounts: [
              { name: 'logs', mountPath: '/var/log/nginx' },
              { name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true },
            ],
          },
        ],
        volumes: [
          { name: 'logs', emptyDir: {} },
          { name: 'config', configMap: { name: 'web-config' } },
          { name: 'data', persistentVolumeClaim: { claimName: 'data-pvc' } },
          { name: 'host', hostPath: { path: '/var/lib/app', type: 'DirectoryOrCreate' } },
        ],
      },
      status: {
        phase: 'Running',
        hostIP: '192.168.1.3',
        podIP: '10.244.1.9',
        podIPs: [{ ip: '10.244.1.9' }],
        startTime: at('08:50:00'),
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'False' },
          { type: 'ContainersReady', status: 'False' },
          { type: 'PodScheduled', status: 'True' },
        ],
        initContainerStatuses: [
          {
            name: 'init-db',
            containerID: 'containerd://i1',
            image: 'docker.io/library/busybox:1.36',
            imageID: 'docker.io/library/busybox@sha256:aa',
            ready: true,
            restartCount: 0,
            state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at('08:50:01'), finishedAt: at('08:50:05') } },
          },
        ],
        containerStatuses: [
          {
            name: 'web',
            containerID: 'containerd://w2',
            image: 'docker.io/library/nginx:1.27',
            imageID: 'docker.io/library/nginx@sha256:bb',
            ready: false,
            started: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=web' } },
            lastState: { terminated: { exitCode: 137, reason: 'Error', startedAt: at('08:58:30'), finishedAt: at('08:58:50') } },
          },
        ],
      },
    };
    const podEvents: Event[] = [
      kubeletEvent('BackOff', '08:59:30', 'Back-off restarting failed container web in pod app_dev(u-1)', {
        type: 'Warning',
        firstTimestamp: at('08:56:00'),
        count: 5,
      }),
      kubeletEvent('Unhealthy', '08:58:50', 'Liveness probe failed: HTTP probe failed with statuscode: 500', {
        type: 'Warning',
        firstTimestamp: at('08:58:20'),
        count: 3,
      }),
    ];
    const top = [18];
    const ipBlock = [16]; // "Controlled By:" + 2
    const initIds = [19]; // "    Container ID:" + 2
    const initState = [20]; // "    Restart Count:" + 2
    const ids = [19];
    const state = [20];
    const limits = [15]; // "      memory:" + 2
    const probes = [16]; // "    Readiness:" + 2
    const envFrom = [18, 11];
    const env = [18, 44]; // "      CPU_LIMIT:" + 2; the secret reference + 2
    const cond = [20]; // "  ContainersReady " + 2
    const ev = [11, 11, 20, 9];
    const want =
      line(top, 'Name:', 'app') +
      line(top, 'Namespace:', 'dev') +
      line(top, 'Priority:', '0') +
      line(top, 'Service Account:', 'default') +
      line(top, 'Node:', 'node01/192.168.1.3') +
      line(top, 'Start Time:', 'Mon, 05 Jan 2026 08:50:00 +0000') +
      line(top, 'Labels:', 'app=web') +
      line(top, '', 'pod-template-hash=7d4b9c') +
      line(top, 'Annotations:', '<none>') +
      line(top, 'Status:', 'Running') +
      line(top, 'IP:', '10.244.1.9') +
      'IPs:\n' +
      line(ipBlock, '  IP:', '10.244.1.9') +
      line(ipBlock, 'Controlled By:', 'ReplicaSet/web-7d4b9c') +
      'Init Containers:\n' +
      '  init-db:\n' +
      line(initIds, '    Container ID:', 'containerd://i1') +
      line(initIds, '    Image:', 'busybox:1.36') +
      line(initIds, '    Image ID:', 'docker.io/library/busybox@sha256:aa') +
      line(initIds, '    Port:', '<none>') +
      line(initIds, '    Host Port:', '<none>') +
      '    Command:\n      sh\n      -c\n      until nslookup db; do sleep 2; done\n' +
      line(initState, '    State:', 'Terminated') +
      line(initState, '      Reason:', 'Completed') +
      line(initState, '      Exit Code:', '0') +
      line(initState, '      Started:', 'Mon, 05 Jan 2026 08:50:01 +0000') +
      line(initState, '      Finished:', 'Mon, 05 Jan 2026 08:50:05 +0000') +
      line(initState, '    Ready:', 'True') +
      line(initState, '    Restart Count:', '0') +
      line(initState, '    Environment:', '<none>') +
      line(initState, '    Mounts:', '<none>') +
      'Containers:\n' +
      '  web:\n' +
      line(ids, '    Container ID:', 'containerd://w2') +
      line(ids, '    Image:', 'nginx:1.27') +
      line(ids, '    Image ID:', 'docker.io/library/nginx@sha256:bb') +
      line(ids, '    Ports:', '80/TCP, 443/TCP') +
      line(ids, '    Host Ports:', '0/TCP, 0/TCP') +
      '    Args:\n      --port=80\n' +
      line(state, '    State:', 'Waiting') +
      line(state, '      Reason:', 'CrashLoopBackOff') +
      line(state, '    Last State:', 'Terminated') +
      line(state, '      Reason:', 'Error') +
      line(state, '      Exit Code:', '137') +
      line(state, '      Started:', 'Mon, 05 Jan 2026 08:58:30 +0000') +
      line(state, '      Finished:', 'Mon, 05 Jan 2026 08:58:50 +0000') +
      line(state, '    Ready:', 'False') +
      line(state, '    Restart Count:', '3') +
      '    Limits:\n' +
      line(limits, '      cpu:', '500m') +
      line(limits, '      memory:', '128Mi') +
      '    Requests:\n' +
      line(probes, '      cpu:', '250m') +
      line(probes, '      memory:', '64Mi') +
      line(probes, '    Liveness:', 'http-get http://:8080/healthz delay=5s timeout=1s period=5s #success=1 #failure=3') +
      line(probes, '    Readiness:', 'tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=3') +
      line(probes, '    Startup:', 'exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=30') +
      '    Environment Variables from:\n' +
      line(envFrom, '      web-config', 'ConfigMap', 'Optional: false') +
      '    Environment:\n' +
      line(env, '      MODE:', 'prod') +
      line(env, '      POD_NAME:', 'app (v1:metadata.name)') +
      line(env, '      NODE:', ' (v1:spec.nodeName)') +
      line(env, '      PASSWORD:', "<set to the key 'password' in secret 'db'>", 'Optional: false') +
      line(env, '      CPU_LIMIT:', '1 (limits.cpu)') +
      '    Mounts:\n' +
      '      /etc/nginx/conf.d from config (ro)\n' +
      '      /var/log/nginx from logs (rw)\n' +
      'Conditions:\n' +
      line(cond, '  Type', 'Status') +
      line(cond, '  Initialized ', 'True ') +
      line(cond, '  Ready ', 'False ') +
      line(cond, '  ContainersReady ', 'False ') +
      line(cond, '  PodScheduled ', 'True ') +
      'Volumes:\n' +
      '  logs:\n' +
      line([16], '    Type:', "EmptyDir (a temporary directory that shares a pod's lifetime)") +
      line([16], '    Medium:', '') +
      line([16], '    SizeLimit:', '<unset>') +
      '  config:\n' +
      line([15], '    Type:', 'ConfigMap (a volume populated by a ConfigMap)') +
      line([15], '    Name:', 'web-config') +
      line([15], '    Optional:', 'false') +
      '  data:\n' +
      line([16], '    Type:', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)') +
      line([16], '    ClaimName:', 'data-pvc') +
      line([16], '    ReadOnly:', 'false') +
      '  host:\n' +
      line([19], '    Type:', 'HostPath (bare host directory volume)') +
      line([19], '    Path:', '/var/lib/app') +
      line([19], '    HostPathType:', 'DirectoryOrCreate') +
      line([19], 'QoS Class:', 'Burstable') +
      line([19], 'Node-Selectors:', 'disktype=ssd') +
      line([19], 'Tolerations:', '<none>') +
      'Events:\n' +
      line(ev, '  Type', 'Reason', 'Age', 'From', 'Message') +
      line(ev, '  ----', '------', '----', '----', '-------') +
      line(ev, '  Warning', 'Unhealthy', '70s (x3 over 100s)', 'kubelet', 'Liveness probe failed: HTTP probe failed with statuscode: 500') +
      line(ev, '  Warning', 'BackOff', '30s (x5 over 4m)', 'kubelet', 'Back-off restarting failed container web in pod app_dev(u-1)');
    expect(describePod(pod, podEvents, NOW)).toBe(want);
  });

  it('prints Terminating with its grace period and a pending, unscheduled pod', () => {
    const deleting: Pod = {
      ...nginx,
      metadata: { ...nginx.metadata, deletionTimestamp: at('08:59:50'), deletionGracePeriodSeconds: 30 },
    };
    const out = describePod(deleting, [], NOW);
    expect(out).toContain(line([27], 'Status:', 'Terminating (lasts 10s)'));
    expect(out).toContain(line([27], 'Termination Grace Period:', '30s'));

    const pending: Pod = {
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] },
    };
    expect(describePod(pending, [], NOW)).toBe(
      line([14], 'Name:', 'p') +
        line([14], 'Namespace:', 'default') +
        line([14], 'Node:', '<none>') +
        line([14], 'Labels:', '<none>') +
        line([14], 'Annotations:', '<none>') +
        line([14], 'Status:', 'Pending') +
        line([14], 'IP:', '') +
        line([14], 'IPs:', '<none>') +
        'Containers:\n' +
        '  c:\n' +
        line([18], '    Image:', 'busybox') +
        line([18], '    Port:', '<none>') +
        line([18], '    Host Port:', '<none>') +
        line([18], '    Environment:', '<none>') +
        line([18], '    Mounts:', '<none>') +
        'Conditions:\n' +
        line([17], '  Type', 'Status') +
        line([17], '  PodScheduled ', 'False ') +
        line([17], 'Volumes:', '<none>') +
        line([17], 'QoS Class:', 'BestEffort') +
        line([17], 'Node-Selectors:', '<none>') +
        line([17], 'Tolerations:', '<none>') +
        line([17], 'Events:', '<none>'),
    );
  });
});

describe('describeNode', () => {
  const node: Node = {
    metadata: {
      name: 'node01',
      creationTimestamp: '2026-01-02T09:00:00Z',
      labels: { 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'node01' },
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
    status: {
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          lastHeartbeatTime: at('08:59:55'),
          lastTransitionTime: '2026-01-02T09:00:10Z',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: at('08:59:55'),
          lastTransitionTime: '2026-01-02T09:00:10Z',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      addresses: [
        { type: 'InternalIP', address: '192.168.1.3' },
        { type: 'Hostname', address: 'node01' },
      ],
      capacity: { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-2Mi': '0', memory: '4005900Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '18556039957', 'hugepages-2Mi': '0', memory: '3903500Ki', pods: '110' },
      nodeInfo: {
        machineID: 'abc',
        systemUUID: 'def',
        bootID: 'ghi',
        kernelVersion: '5.15.0-105-generic',
        osImage: 'Ubuntu 22.04.4 LTS',
        operatingSystem: 'linux',
        architecture: 'amd64',
        containerRuntimeVersion: 'containerd://1.7.13',
        kubeletVersion: 'v1.31.0',
        kubeProxyVersion: '',
      },
    },
  };
  const pods: Pod[] = [
    {
      metadata: { name: 'kube-proxy-abcde', namespace: 'kube-system', creationTimestamp: '2026-01-02T09:00:00Z' },
      spec: { containers: [{ name: 'kube-proxy' }] },
      status: { phase: 'Running' },
    },
    {
      metadata: { name: 'web-1', namespace: 'default', creationTimestamp: at('08:55:00') },
      spec: {
        containers: [{ name: 'web', resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } } }],
      },
      status: { phase: 'Running' },
    },
    {
      metadata: { name: 'done', namespace: 'default', creationTimestamp: at('08:00:00') },
      spec: { containers: [{ name: 'job', resources: { requests: { cpu: '1' } } }] },
      status: { phase: 'Succeeded' },
    },
  ];
  const lease: Lease = { metadata: { name: 'node01', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node01', renewTime: '2026-01-05T08:59:55.123456Z' } };

  it('prints kubectl describe node', () => {
    const top = [20]; // "CreationTimestamp:" + 2
    const leaseW = [19]; // "  HolderIdentity:" + 2
    const cond = [19, 8, 34, 34, 29];
    const addr = [15];
    const res = [22]; // "  ephemeral-storage:" + 2
    const sys = [30, 18, 2, 14, 12, 17, 15]; // "  Container Runtime Version:" + 2, then the pod table columns
    const alloc = [21, 12]; // "  ephemeral-storage" + 2, "250m (12%)" + 2
    const want =
      line(top, 'Name:', 'node01') +
      line(top, 'Roles:', '<none>') +
      line(top, 'Labels:', 'beta.kubernetes.io/arch=amd64') +
      line(top, '', 'kubernetes.io/hostname=node01') +
      line(top, '', 'kubernetes.io/os=linux') +
      line(top, 'Annotations:', 'node.alpha.kubernetes.io/ttl: 0') +
      line(top, '', 'volumes.kubernetes.io/controller-managed-attach-detach: true') +
      line(top, 'CreationTimestamp:', 'Fri, 02 Jan 2026 09:00:00 +0000') +
      line(top, 'Taints:', '<none>') +
      line(top, 'Unschedulable:', 'false') +
      'Lease:\n' +
      line(leaseW, '  HolderIdentity:', 'node01') +
      line(leaseW, '  AcquireTime:', '<unset>') +
      line(leaseW, '  RenewTime:', 'Mon, 05 Jan 2026 08:59:55 +0000') +
      'Conditions:\n' +
      line(cond, '  Type', 'Status', 'LastHeartbeatTime', 'LastTransitionTime', 'Reason', 'Message') +
      line(cond, '  ----', '------', '-----------------', '------------------', '------', '-------') +
      line(cond, '  MemoryPressure ', 'False ', 'Mon, 05 Jan 2026 08:59:55 +0000 ', 'Fri, 02 Jan 2026 09:00:10 +0000 ', 'KubeletHasSufficientMemory ', 'kubelet has sufficient memory available') +
      line(cond, '  Ready ', 'True ', 'Mon, 05 Jan 2026 08:59:55 +0000 ', 'Fri, 02 Jan 2026 09:00:10 +0000 ', 'KubeletReady ', 'kubelet is posting ready status') +
      'Addresses:\n' +
      line(addr, '  InternalIP:', '192.168.1.3') +
      line(addr, '  Hostname:', 'node01') +
      'Capacity:\n' +
      line(res, '  cpu:', '2') +
      line(res, '  ephemeral-storage:', '20134592Ki') +
      line(res, '  hugepages-2Mi:', '0') +
      line(res, '  memory:', '4005900Ki') +
      line(res, '  pods:', '110') +
      'Allocatable:\n' +
      line(res, '  cpu:', '2') +
      line(res, '  ephemeral-storage:', '18556039957') +
      line(res, '  hugepages-2Mi:', '0') +
      line(res, '  memory:', '3903500Ki') +
      line(res, '  pods:', '110') +
      'System Info:\n' +
      line(sys, '  Machine ID:', 'abc') +
      line(sys, '  System UUID:', 'def') +
      line(sys, '  Boot ID:', 'ghi') +
      line(sys, '  Kernel Version:', '5.15.0-105-generic') +
      line(sys, '  OS Image:', 'Ubuntu 22.04.4 LTS') +
      line(sys, '  Operating System:', 'linux') +
      line(sys, '  Architecture:', 'amd64') +
      line(sys, '  Container Runtime Version:', 'containerd://1.7.13') +
      line(sys, '  Kubelet Version:', 'v1.31.0') +
      line(sys, '  Kube-Proxy Version:', '') +
      line(sys, 'PodCIDR:', '10.244.1.0/24') +
      line(sys, 'PodCIDRs:', '10.244.1.0/24') +
      line(sys, 'Non-terminated Pods:', '(2 in total)') +
      line(sys, '  Namespace', 'Name', '', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age') +
      line(sys, '  ---------', '----', '', '------------', '----------', '---------------', '-------------', '---') +
      line(sys, '  default', 'web-1', '', '250m (12%)', '500m (25%)', '64Mi (1%)', '128Mi (3%)', '5m') +
      line(sys, '  kube-system', 'kube-proxy-abcde', '', '0 (0%)', '0 (0%)', '0 (0%)', '0 (0%)', '3d') +
      'Allocated resources:\n' +
      '  (Total limits may be over 100 percent, i.e., overcommitted.)\n' +
      line(alloc, '  Resource', 'Requests', 'Limits') +
      line(alloc, '  --------', '--------', '------') +
      line(alloc, '  cpu', '250m (12%)', '500m (25%)') +
      line(alloc, '  memory', '64Mi (1%)', '128Mi (3%)') +
      line(alloc, '  ephemeral-storage', '0 (0%)', '0 (0%)') +
      line(alloc, '  hugepages-2Mi', '0 (0%)', '0 (0%)') +
      line(alloc, 'Events:', '<none>');
    expect(describeNode(node, pods, [], NOW, { lease })).toBe(want);
  });

  it('prints roles, taints, the failed lease lookup and node events', () => {
    const cp: Node = {
      ...node,
      metadata: { ...node.metadata, labels: { 'node-role.kubernetes.io/control-plane': '' } },
      spec: {
        unschedulable: true,
        taints: [
          { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
          { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          { key: 'dedicated', value: 'gpu', effect: 'NoExecute' },
        ],
      },
    };
    const ev: Event = {
      metadata: { name: 'node01.cordon', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'node01' },
      source: { component: 'kubelet', host: 'node01' },
      type: 'Normal',
      reason: 'NodeNotSchedulable',
      message: 'Node node01 status is now: NodeNotSchedulable',
      firstTimestamp: at('08:59:00'),
      lastTimestamp: at('08:59:00'),
      count: 1,
    };
    const out = describeNode(cp, [], [ev], NOW);
    const top = [20];
    expect(out).toContain(line(top, 'Roles:', 'control-plane'));
    expect(out).toContain(
      line(top, 'Taints:', 'dedicated=gpu:NoExecute') +
        line(top, '', 'node-role.kubernetes.io/control-plane:NoSchedule') +
        line(top, '', 'node.kubernetes.io/unschedulable:NoSchedule') +
        line(top, 'Unschedulable:', 'true') +
        line(top, 'Lease:', 'Failed to get lease: leases.coordination.k8s.io "node01" not found'),
    );
    expect(out).toContain(line([30], 'Non-terminated Pods:', '(0 in total)'));
    expect(out.endsWith(
      'Events:\n' +
        line([10, 20, 6, 9], '  Type', 'Reason', 'Age', 'From', 'Message') +
        line([10, 20, 6, 9], '  ----', '------', '----', '----', '-------') +
        line([10, 20, 6, 9], '  Normal', 'NodeNotSchedulable', '60s', 'kubelet', 'Node node01 status is now: NodeNotSchedulable'),
    )).toBe(true);
  });
});
