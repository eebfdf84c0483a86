import { describe, expect, it } from 'vitest';
import { createCluster } from '../src/sim/cluster.ts';
import { Session } from '../src/sim/runner/session.ts';
import { KUBECTL } from '../src/sim/kubectl/tool.ts';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n';
const TWO = POD + '  - name: side\n    image: busybox\n';

function run(files: Record<string, string>, script: string): string {
  const s = new Session(createCluster({ seed: 3 }), { kubectl: KUBECTL, readFile: (p) => files[p] });
  return s.runScript(script);
}

describe('re-applying a pod (the ServiceAccount plugin mutates on create only)', () => {
  it('an unchanged manifest is unchanged, not a Forbidden diff over a second token volume', () => {
    expect(run({ 'p.yaml': POD }, 'kubectl apply -f p.yaml\nkubectl apply -f p.yaml\n')).toContain('pod/web unchanged');
  });

  it('adding a container is refused for that reason alone', () => {
    const out = run({ 'p.yaml': POD, 'p2.yaml': TWO }, 'kubectl apply -f p.yaml\nkubectl apply -f p2.yaml\n');
    expect(out).toContain('The Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n');
    expect(out).not.toContain('kube-api-access');
  });
});

describe('kubectl replace --force (delete, wait until gone, create)', () => {
  it('replaces a pod with a change an update may not make, after its graceful termination', () => {
    const out = run({ 'p.yaml': POD, 'p2.yaml': TWO }, 'kubectl apply -f p.yaml\nsleep 10\nkubectl replace -f p2.yaml\nkubectl replace --force -f p2.yaml\nkubectl get pod web -o jsonpath={.spec.containers[*].name}\n');
    expect(out).toContain('Forbidden: pod updates may not add or remove containers');
    expect(out).toContain('$ kubectl replace --force -f p2.yaml\npod "web" deleted\npod/web replaced\n');
    expect(out.trimEnd()).toMatch(/nginx side$/);
  });

  it('creates what does not exist yet, with no "deleted" line', () => {
    const out = run({ 'p.yaml': POD }, 'kubectl replace --force -f p.yaml\n');
    expect(out).toBe('$ kubectl replace --force -f p.yaml\npod/web replaced\n');
  });

  it('waits for the old pod to terminate before creating the new one (the clock moves), and takes --grace-period', () => {
    const s = new Session(createCluster({ seed: 3 }), { kubectl: KUBECTL, readFile: (p) => ({ 'p.yaml': POD, 'p2.yaml': TWO })[p] });
    s.runScript('kubectl apply -f p.yaml\nsleep 10\n');
    const before = s.cluster.clock.now;
    s.runScript('kubectl replace --force -f p2.yaml\n');
    expect(s.cluster.clock.now - before).toBeGreaterThan(0);
    expect(s.runScript('kubectl replace --force --grace-period=0 -f p.yaml\n')).toContain('pod "web" deleted\npod/web replaced');
  });
});

describe('manifests read as YAML 1.1, as kubectl reads them', () => {
  const withVolume = (mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: m\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    volumeMounts:\n    - {name: v, mountPath: /v}\n  volumes:\n  - name: v\n    configMap: {name: cm, defaultMode: ${mode}}\n`;

  it('takes defaultMode: 0644 as octal (420), as every configMap example writes it', () => {
    const out = run({ 'm.yaml': withVolume('0644') }, 'kubectl apply -f m.yaml\nkubectl get pod m -o jsonpath={.spec.volumes[0].configMap.defaultMode}\n');
    expect(out).toContain('pod/m created');
    expect(out.trimEnd()).toMatch(/420$/);
  });

  it('takes an unquoted on/yes for a boolean, which a string field refuses', () => {
    const pod = POD + '    env:\n    - name: DEBUG\n      value: on\n';
    expect(run({ 'p.yaml': pod }, 'kubectl apply -f p.yaml\n')).toContain('cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string');
    expect(run({ 'p.yaml': pod.replace('value: on', 'value: "on"') }, 'kubectl apply -f p.yaml\n')).toContain('pod/web created');
  });

  it('quotes such strings in -o yaml, so the output reads back as the same strings', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  debug: "yes"\n  mode: "0644"\n';
    const out = run({ 'c.yaml': cm }, 'kubectl apply -f c.yaml\nkubectl get cm flags -o yaml > back.yaml\ngrep -E \'debug|mode\' back.yaml\nkubectl apply -f back.yaml\nkubectl get cm flags -o jsonpath={.data.debug}/{.data.mode}\n');
    expect(out).toContain('  debug: "yes"\n  mode: "0644"\n');
    expect(out).toContain('$ kubectl apply -f back.yaml\nconfigmap/flags configured\n');
    expect(out.trimEnd()).toMatch(/yes\/0644$/);
  });
});
