// Any input gets an answer, never a crash: random kubectl lines, mutated manifests and shell
// lines, share links and stored workspaces (tests/fuzz/surfaces.ts). The long runs
// (100,000 cases per surface) belong to the bench script; these are the quick ones.

import { describe, expect, it } from 'vitest';
import { runLine as run, session, SURFACES } from './fuzz/surfaces.ts';
import { lab } from './lab.ts';
import type { Session } from '../src/sim/runner/session.ts';

const runLine = (s: Session, text: string): string => run(s, text).out;

describe('any input gets an answer, not a crash', () => {
  // A few thousand cases per surface here; `npm run bench` runs 100,000 each (bench/fuzz.ts).
  it.each(SURFACES.map((s) => [s.name, s] as const))('%s', async (_name, surface) => {
    await surface.run(2000, 42);
  }, 120_000);
});

describe('volume set-up failures are events, not crashes', () => {
  it('a FileOrCreate hostPath under a missing directory fails the mount as the kubelet does', () => {
    const s = session();
    const out = runLine(
      s,
      `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: lock}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "1d"]
    volumeMounts: [{name: l, mountPath: /run/lock}]
  volumes:
  - name: l
    hostPath: {path: /no/such/dir/file.lock, type: FileOrCreate}
EOF
sleep 20
kubectl get pod lock
kubectl get events --field-selector reason=FailedMount -o custom-columns=MSG:.message --no-headers`,
    );
    expect(out).toMatch(/lock\s+0\/1\s+ContainerCreating/);
    expect(out).toContain('MountVolume.SetUp failed for volume "l" : open /no/such/dir/file.lock: no such file or directory');
  });
});

describe("names of JavaScript's own Object members are plain names", () => {
  it('a label or selector called constructor or toString matches only objects that have it', () => {
    const l = lab();
    expect(l.run('kubectl get nodes -l constructor').last).toBe('No resources found\n');
    expect(l.run('kubectl get nodes -l toString=x').last).toBe('No resources found\n');
    expect(l.run('kubectl get nodes -l "!constructor" -o name').last).toBe('node/controlplane\nnode/node01\nnode/node02\n');
    expect(l.run('kubectl label node node01 constructor=x').last).toBe('node/node01 labeled\n');
    expect(l.run('kubectl label node node01 constructor=y').last).toBe("error: 'constructor' already has a value (x), and --overwrite is false\n");
    expect(l.run('kubectl get nodes -l constructor=x -o name').last).toBe('node/node01\n');
    expect(l.run('kubectl get pods -A --field-selector constructor=x').last).toMatch(/"constructor" is not a known field selector/);
  });
});
