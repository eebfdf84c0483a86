// kubectl taint: its messages (pkg/cmd/taint, v1.31), and what the scheduler and the
// taint-eviction controller do with the taints it writes.

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

const nodesOf = (out: string): string[] => out.trim().split('\n').filter(Boolean).sort();

describe('kubectl taint', () => {
  it('adds, overwrites and removes taints with kubectl\'s words', () => {
    const l = lab();
    expect(l.run('kubectl taint nodes node01 app=blue:NoSchedule').last).toBe('node/node01 tainted\n');
    expect(l.run('kubectl taint nodes node01 app=red:NoSchedule').last).toBe('error: Node node01 already has app taint(s) with same effect(s) and --overwrite is false\n');
    expect(l.run('kubectl taint nodes node01 app=red:NoSchedule --overwrite').last).toBe('node/node01 modified\n');
    expect(l.run('kubectl describe node node01').last).toMatch(/\nTaints: {13}app=red:NoSchedule\n/);
    expect(l.run('kubectl taint nodes node01 app:NoSchedule-').last).toBe('node/node01 untainted\n');
    expect(l.run('kubectl taint nodes node01 app-').last).toBe('error: taint "app" not found\n');
    expect(l.run('kubectl get node node01 -o jsonpath={.spec.taints}').last).toBe('');
    expect(l.run('kubectl taint nodes --all team=a:PreferNoSchedule').last).toBe('node/controlplane tainted\nnode/node01 tainted\nnode/node02 tainted\n');
  });

  it.each([
    ['kubectl taint pods web a=b:NoSchedule', 'error: invalid resource type pods, only ["node" "nodes"] are supported\nSee \'kubectl taint -h\' for help and examples\n'],
    ['kubectl taint nodes node01', 'error: at least one taint update is required\n'],
    ['kubectl taint nodes a=b:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\nSee 'kubectl taint -h' for help and examples\n"],
    ['kubectl taint nodes node01 a=b:Sometimes', "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"],
    // No effect: the whole of it is read as a key, which '=' is not allowed in.
    ['kubectl taint nodes node01 a=b', "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n"],
    ['kubectl taint nodes node01 a:NoSchedule', 'node/node01 tainted\n'],
    ['kubectl taint nodes node01 a=b:NoSchedule a-', 'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\nSee \'kubectl taint -h\' for help and examples\n'],
    ['kubectl taint nodes node01 a=b:NoSchedule node02', 'error: all resources must be specified before taint changes: node02\n'],
    ['kubectl taint nodes nope a=b:NoSchedule', 'Error from server (NotFound): nodes "nope" not found\n'],
  ])('%s', (line, out) => {
    expect(lab().run(line).last).toBe(out);
  });

  it('NoSchedule keeps new pods off a node; NoExecute also sends away the ones there', () => {
    const l = lab().run('kubectl create deployment web --image=nginx --replicas=4').advance('30s');
    const where = (): string[] => nodesOf(l.run("kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.spec.nodeName}{\"\\n\"}{end}'").last);
    expect(new Set(where())).toEqual(new Set(['node01', 'node02']));
    l.run('kubectl taint nodes node01 maintenance=soon:NoSchedule');
    l.run('kubectl scale deployment web --replicas=8').advance('30s');
    // The four new pods all went to node02; node01 keeps what it had.
    expect(where().filter((n) => n === 'node02').length).toBeGreaterThanOrEqual(6);
    l.run('kubectl taint nodes node01 maintenance=now:NoExecute').advance('30s');
    expect(where()).toEqual(Array(8).fill('node02'));
    expect(l.run('kubectl get events --field-selector reason=TaintManagerEviction -o name').last).not.toBe('');
    // Removing the taints lets the scheduler use node01 again.
    l.run('kubectl taint nodes node01 maintenance-');
    l.run('kubectl scale deployment web --replicas=12').advance('30s');
    expect(where()).toContain('node01');
  });

  it('the control plane node takes pods once its NoSchedule taint is gone', () => {
    const l = lab().run('kubectl taint nodes node01 node02 busy=yes:NoSchedule');
    l.run('kubectl run p --image=nginx').advance('10s');
    expect(l.run('kubectl get pod p -o jsonpath={.status.phase}').last).toBe('Pending');
    expect(l.run('kubectl taint nodes controlplane node-role.kubernetes.io/control-plane:NoSchedule-').last).toBe('node/controlplane untainted\n');
    l.advance('30s');
    expect(l.run('kubectl get pod p -o jsonpath={.spec.nodeName}').last).toBe('controlplane');
  });
});
