// npm run bench: the simulator's speed, in Node, with no UI. bench/run.mjs bundles this file
// first (as the browser build does), so the figure is the shipped code's, not tsx's.
// Scenario (issue #2): a 3-node cluster running 100 pods with probes for one simulated hour.
// Target: under 200 ms of wall time for that hour on a 2-core machine.
// Scenario (issue #3): a rolling update of a 50-replica Deployment with 20 requests per
// simulated second going through its Service; the figure is the wall time of the rollout.

import { performance } from 'node:perf_hooks';
import { createCluster } from '../src/sim/cluster.ts';
import { Session } from '../src/sim/runner/session.ts';
import { KUBECTL } from '../src/sim/kubectl/tool.ts';

interface Row {
  figure: string;
  value: string;
  target: string;
}

function podManifests(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    if (kind === 0 || kind === 1) {
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: web-${i}
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 10
    livenessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 10
`);
    } else if (kind === 2) {
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: worker-${i}
spec:
  containers:
  - name: loop
    image: busybox:1.36
    command: ['sh', '-c', 'touch /tmp/healthy; i=0; while true; do i=$((i+1)); echo "tick $i" >> /tmp/log; sleep 5; done']
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      periodSeconds: 10
`);
    } else {
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: cache-${i}
spec:
  containers:
  - name: redis
    image: redis:7
    readinessProbe:
      tcpSocket: {port: 6379}
      periodSeconds: 5
`);
    }
  }
  return docs.join('---\n');
}

function benchHour(pods: number): { wallMs: number; events: number; running: number } {
  const cluster = createCluster({ seed: 42, warmupMs: 0 });
  const session = new Session(cluster, { kubectl: KUBECTL, readFile: (p) => (p === 'pods.yaml' ? podManifests(pods) : undefined) });
  session.runScript('kubectl apply -f pods.yaml\n');
  const before = cluster.clock.eventsRun;
  const t0 = performance.now();
  cluster.advance(60 * 60 * 1000);
  const wallMs = performance.now() - t0;
  const running = cluster.store.list<{ apiVersion: string; kind: string; metadata: object; status?: { phase?: string } }>('Pod').filter((p) => p.status?.phase === 'Running').length;
  return { wallMs, events: cluster.clock.eventsRun - before, running };
}

const ROLLOUT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: hello}
spec:
  replicas: 50
  minReadySeconds: 2
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
      - name: hello
        image: gcr.io/terrycho-sandbox/deployment:v1
        ports: [{containerPort: 8080}]
        readinessProbe:
          httpGet: {path: /, port: 8080}
          periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata: {name: hello}
spec:
  selector: {app: hello}
  ports: [{port: 80, targetPort: 8080}]
`;

function benchRollout(): { wallMs: number; simSeconds: number; requests: number; failed: number; v2: number } {
  const cluster = createCluster({ seed: 42, warmupMs: 0 });
  const session = new Session(cluster, { kubectl: KUBECTL, readFile: (p) => (p === 'hello.yaml' ? ROLLOUT : undefined) });
  session.runScript('kubectl apply -f hello.yaml\n');
  cluster.advance(120_000);
  const traffic = cluster.traffic({ kind: 'service', name: 'hello' }, 20);
  cluster.advance(5_000);
  const start = cluster.clock.wallTime;
  const t0 = performance.now();
  session.runScript('kubectl set image deployment/hello hello=gcr.io/terrycho-sandbox/deployment:v2\n');
  type Dep = { metadata: object; apiVersion: string; kind: string; spec?: { replicas?: number }; status?: { updatedReplicas?: number; availableReplicas?: number; replicas?: number } };
  const done = (): boolean => {
    const d = cluster.store.get<Dep>('Deployment', 'default', 'hello');
    const st = d?.status ?? {};
    return st.updatedReplicas === 50 && st.availableReplicas === 50 && st.replicas === 50;
  };
  let steps = 0;
  while (!done() && steps++ < 3600) cluster.advance(1000);
  const wallMs = performance.now() - t0;
  traffic.stop();
  const sum = traffic.summary(start);
  return { wallMs, simSeconds: (cluster.clock.wallTime - start) / 1000, requests: sum.total, failed: sum.failed, v2: sum.byVersion['v2'] ?? 0 };
}

const rows: Row[] = [];
// Warm the JIT once so the figure is the steady state a browser tab would see.
benchHour(20);
const runs = Array.from({ length: 5 }, () => benchHour(100)).sort((a, b) => a.wallMs - b.wallMs);
const best = runs[0]!;
const median = runs[2]!;
rows.push({ figure: 'pods running after 1 h (100 + 10 system pods)', value: String(median.running), target: '110' });
rows.push({ figure: 'wall time for 1 simulated hour, 100 pods with probes (median of 5)', value: `${median.wallMs.toFixed(1)} ms`, target: '< 200 ms' });
rows.push({ figure: 'the same, best of 5', value: `${best.wallMs.toFixed(1)} ms`, target: '' });
rows.push({ figure: 'simulated seconds per wall second (median)', value: Math.round(3600 / (median.wallMs / 1000)).toLocaleString('en-US'), target: '> 18,000' });
rows.push({ figure: 'clock events in that hour', value: median.events.toLocaleString('en-US'), target: '' });
rows.push({ figure: 'events per wall second (median)', value: Math.round(median.events / (median.wallMs / 1000)).toLocaleString('en-US'), target: '' });

benchRollout();
const rollouts = Array.from({ length: 3 }, () => benchRollout()).sort((a, b) => a.wallMs - b.wallMs);
const r = rollouts[1]!;
rows.push({ figure: 'rolling update of 50 replicas, 20 req/s: simulated duration', value: `${r.simSeconds.toFixed(0)} s`, target: '' });
rows.push({ figure: 'the same: wall time (median of 3)', value: `${r.wallMs.toFixed(1)} ms`, target: '' });
rows.push({ figure: 'the same: requests sent / failed / answered by v2', value: `${r.requests} / ${r.failed} / ${r.v2}`, target: '0 failed' });

// run.mjs prints every part's rows as one table.
console.log(JSON.stringify({ rows }));
