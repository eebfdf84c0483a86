// Traffic through a Service during rollouts: RollingUpdate keeps every request answered,
// Recreate leaves a gap (the reason lesson 8 exists).

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

const deployment = (strategy: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello}
spec:
  replicas: 3
  minReadySeconds: 2
  strategy: ${strategy}
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

function rollout(strategy: string) {
  const l = lab({ warmupMs: 0 }).apply(deployment(strategy)).advance('60s');
  const traffic = l.cluster.traffic({ kind: 'service', name: 'hello' }, 10);
  l.advance('5s');
  const start = l.cluster.clock.wallTime;
  l.kubectl('set image deployment/hello hello=gcr.io/terrycho-sandbox/deployment:v2');
  l.kubectl('rollout status deployment/hello --timeout=5m');
  l.advance('5s');
  traffic.stop();
  return { l, during: traffic.summary(start), before: traffic.summary(-Infinity, start) };
}

describe('traffic during a rollout', () => {
  it('RollingUpdate answers every request, moving from v1 to v2', () => {
    const { during, before } = rollout('{type: RollingUpdate}');
    expect(before.failed).toBe(0);
    expect(before.byVersion).toEqual({ v1: before.total });
    expect(during.total).toBeGreaterThan(100);
    expect(during.failed).toBe(0);
    expect(during.byVersion['v1']).toBeGreaterThan(0);
    expect(during.byVersion['v2']).toBeGreaterThan(0);
  });

  it('Recreate drops requests while no pod is ready', () => {
    const { during } = rollout('{type: Recreate}');
    expect(during.failed).toBeGreaterThan(10);
    expect(during.byVersion['v2']).toBeGreaterThan(0);
  });
});

describe('sessionAffinity', () => {
  const manifest = (affinity: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: gcr.io/terrycho-sandbox/hello-node:v1, ports: [{containerPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  sessionAffinity: ${affinity}
  ports: [{port: 80, targetPort: 8080}]
`;
  const pods = (affinity: string): Set<string> => {
    const l = lab({ warmupMs: 0 }).apply(manifest(affinity)).advance('60s');
    const t = l.cluster.traffic({ kind: 'service', name: 'web' }, 10);
    l.advance('10s');
    t.stop();
    return new Set(t.results.map((r) => r.pod ?? ''));
  };

  it('None spreads requests over the endpoints', () => {
    expect(pods('None').size).toBe(3);
  });

  it('ClientIP keeps one client on one pod', () => {
    expect(pods('ClientIP').size).toBe(1);
  });
});
