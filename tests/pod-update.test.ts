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
