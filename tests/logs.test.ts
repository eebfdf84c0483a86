// kubectl logs across a pod's containers: --all-containers (init containers first, then the
// containers) and --prefix ([pod/NAME/CONTAINER] before each line, before any timestamp).

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  initContainers:
  - name: prepare
    image: busybox:1.36
    command: ['sh', '-c', 'echo preparing']
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'echo app started; sleep 3600']
  - name: helper
    image: busybox:1.36
    command: ['sh', '-c', 'echo helper started; sleep 5; echo helper tick; sleep 3600']
`;

describe('kubectl logs across containers', () => {
  it('--all-containers prints the init container, then each container', () => {
    const l = lab().apply(POD).advance('1m');
    expect(l.kubectl('logs duo --all-containers')).toBe('preparing\napp started\nhelper started\nhelper tick\n');
  });

  it('--prefix names the pod and container of each line', () => {
    const l = lab().apply(POD).advance('1m');
    expect(l.kubectl('logs duo --all-containers --prefix')).toBe('[pod/duo/prepare] preparing\n[pod/duo/app] app started\n[pod/duo/helper] helper started\n[pod/duo/helper] helper tick\n');
    expect(l.kubectl('logs duo -c helper --prefix --tail=1')).toBe('[pod/duo/helper] helper tick\n');
    expect(l.kubectl('logs duo -c app --prefix --timestamps')).toMatch(/^\[pod\/duo\/app\] \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z app started\n$/);
  });

  it('refuses a container name with --all-containers, as kubectl does', () => {
    const l = lab().apply(POD).advance('1m');
    expect(l.kubectl('logs duo --all-containers -c app')).toBe('error: --all-containers=true should not be specified with container name app\n');
  });

  it('-f --all-containers follows every container until the stream ends', () => {
    const l = lab().apply(POD);
    l.advance('3s');
    // Followed for the runner's stream limit; helper's second line arrives while following.
    const out = l.kubectl('logs -f duo --all-containers --prefix');
    expect(out).toContain('[pod/duo/prepare] preparing\n');
    expect(out).toContain('[pod/duo/helper] helper tick\n');
  });
});

describe("nginx's access log", () => {
  const probed = (command?: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27${command ? `\n    command: ${command}` : ''}
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
`;

  it('goes to the container log, a line per request, the probe among them', () => {
    const l = lab().apply(probed()).advance('1m');
    const lines = l.kubectl('logs web').split('\n').filter((x) => x.includes('"GET / HTTP/1.1"'));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(lines[0]).toMatch(/^10\.244\.\d+\.1 - - \[05\/Jan\/2026:09:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.\d+" "-"$/);
    expect(l.kubectl('logs web --tail=1')).toMatch(/kube-probe/);
  });

  it('follows nginx when its output is sent to a file instead', () => {
    const l = lab().apply(probed(`['sh', '-c', 'nginx -g "daemon off;" > /tmp/out 2>&1']`)).advance('1m');
    expect(l.kubectl('logs web')).not.toContain('kube-probe');
    const file = l.kubectl('exec web -- cat /tmp/out').split('\n').filter((x) => x.includes('kube-probe'));
    expect(file.length).toBeGreaterThanOrEqual(8);
    expect(file[0]).toMatch(/"GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.\d+" "-"$/);
  });
});
