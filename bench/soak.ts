// The soak: 24 simulated hours of a busy cluster, with the heap measured at 1, 6 and 24 hours
// (after a full GC; run with node --expose-gc). 50 pods with probes, a crash-looping pod, a
// Deployment rolled to a new image every 10 minutes, and 5 requests a second through its
// Service. Memory must stay bounded: logs, events, the control plane trace, traffic results and
// the scheduler's decisions are all capped, as Kubernetes caps what it keeps.
// Prints one JSON line {rows} for bench/run.mjs.

import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/sim/cluster.ts';
import { Session } from '../src/sim/runner/session.ts';
import { KUBECTL } from '../src/sim/kubectl/tool.ts';


const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: steady}
spec:
  replicas: 44
  selector: {matchLabels: {app: steady}}
  template:
    metadata: {labels: {app: steady}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
        livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello}
spec:
  replicas: 5
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
      - name: hello
        image: gcr.io/terrycho-sandbox/deployment:v1
        readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 2}
---
apiVersion: v1
kind: Service
metadata: {name: hello}
spec:
  selector: {app: hello}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Pod
metadata: {name: crasher}
spec:
  containers:
  - name: crash
    image: busybox:1.36
    command: ['sh', '-c', 'echo starting; sleep 5; echo giving up; exit 1']
`;

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const cluster = createCluster({ seed: 24, warmupMs: 0 });
const session = new Session(cluster, { kubectl: KUBECTL, readFile: (p) => (p === 'soak.yaml' ? MANIFESTS : undefined) });
session.runScript('kubectl apply -f soak.yaml\n');
cluster.advance(60_000);
const traffic = cluster.traffic({ kind: 'service', name: 'hello' }, 5);
const base = heapMb();
const heap: Record<number, number> = {};
const t0 = performance.now();
let version = 1;
for (let minute = 1; minute <= 24 * 60; minute++) {
  if (minute % 10 === 0) {
    version = version === 1 ? 2 : 1;
    session.runScript(`kubectl set image deployment/hello hello=gcr.io/terrycho-sandbox/deployment:v${version}\n`);
  }
  cluster.advance(60_000);
  if (minute === 60 || minute === 6 * 60 || minute === 24 * 60) heap[minute / 60] = heapMb();
}
const wallMs = performance.now() - t0;
traffic.stop();
const pods = cluster.store.list<{ apiVersion: string; kind: string; metadata: object; status?: { phase?: string } }>('Pod');
const crasher = cluster.store.get<{ apiVersion: string; kind: string; metadata: object; status?: { containerStatuses?: { restartCount?: number; state?: { waiting?: { reason?: string } } }[] } }>('Pod', 'default', 'crasher');
const sum = traffic.summary(0);
const mb = (n: number | undefined) => `${(n ?? 0).toFixed(1)} MB`;
const rows = [
  { figure: 'soak: 24 simulated hours (50 pods with probes, a crash loop, a rollout every 10 min, 5 req/s): wall time', value: `${(wallMs / 1000).toFixed(1)} s`, target: '' },
  { figure: 'soak: heap after the cluster started (before the 24 h)', value: mb(base), target: '' },
  { figure: 'soak: heap at 1 h / 6 h / 24 h', value: `${mb(heap[1])} / ${mb(heap[6])} / ${mb(heap[24])}`, target: 'bounded' },
  { figure: 'soak: heap growth from 6 h to 24 h', value: mb((heap[24] ?? 0) - (heap[6] ?? 0)), target: '< 20 MB' },
  { figure: 'soak: pods running at 24 h / crasher restarts, state', value: `${pods.filter((p) => p.status?.phase === 'Running').length} / ${crasher?.status?.containerStatuses?.[0]?.restartCount ?? 0}, ${crasher?.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? 'running'}`, target: '' },
  { figure: 'soak: traffic results kept for the charts (capped) / failed among them', value: `${traffic.results.length} / ${sum.failed}`, target: '' },
  { figure: 'soak: events stored at 24 h (1 h TTL) / trace entries', value: `${cluster.store.list('Event').length} / ${cluster.trace.since(0).length}`, target: '' },
];
console.log(JSON.stringify({ rows }));
