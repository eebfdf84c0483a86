// Any input gets an answer, never a crash: random kubectl lines, mutated manifests and shell
// lines go through the same Session the terminal and the runner use. The long runs
// (100,000 cases per surface) belong to the bench/soak script; these are the quick ones.

import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../src/sim/cluster.ts';
import { Session } from '../src/sim/runner/session.ts';
import { splitScript } from '../src/sim/runner/script.ts';

const VERBS = ['get', 'describe', 'apply', 'create', 'delete', 'logs', 'exec', 'run', 'label', 'annotate', 'explain', 'top', 'version', 'api-resources', 'cluster-info', 'wait', 'frobnicate', ''];
const WORDS = ['pods', 'po', 'pod/web', 'nodes', 'svc', 'all', 'ns', 'events', 'web', 'node01', '-n', 'kube-system', '-A', '-o', 'yaml', 'json', 'wide', 'name', "jsonpath={.items[*].metadata.name}", 'jsonpath={.bad', '-l', 'app=web', 'app in (a,b)', '!!', '-f', '-', 'missing.yaml', '--', 'sh', '-c', 'echo hi', '--image=nginx', '--image=', '--restart=Never', '--rm', '-i', '-t', '--all', '--grace-period=0', '--force', '--for=condition=Ready', '--timeout=1s', '-c', 'nope', '--tail', '-5', '--previous', 'x=y', 'x-', '--overwrite', '--bogus', '-z', '"', "'", '\\', '$HOME', '${', 'spec.containers', '--recursive'];

const MANIFEST_DIR = resolve(import.meta.dirname, 'transcripts');
const manifests = readdirSync(MANIFEST_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(MANIFEST_DIR, f), 'utf8'));

function session(): Session {
  return new Session(createCluster({ seed: 5, warmupMs: 0 }), { streamLimitMs: 2000 });
}

function runLine(s: Session, text: string): string {
  let out = '';
  const o = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  for (const cmd of splitScript(text)) s.drive(s.run(cmd, o));
  return out;
}

function consistent(s: Session): void {
  const seen = new Set<string>();
  for (const o of s.cluster.store.all()) {
    expect(typeof o.metadata.name).toBe('string');
    expect(o.metadata.name).not.toBe('');
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
  }
}

describe('any input gets an answer, not a crash', () => {
  it('random kubectl lines', () => {
    const s = session();
    runLine(s, 'kubectl run web --image=nginx');
    fc.assert(
      fc.property(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), (verb, words) => {
        const line = ['kubectl', verb, ...words].join(' ');
        expect(() => runLine(s, line)).not.toThrow();
      }),
      { numRuns: 1500, seed: 42 },
    );
    consistent(s);
  });

  it('mutated manifests through kubectl apply -f -', () => {
    const s = session();
    const mutate = fc.tuple(fc.constantFrom(...manifests), fc.nat(), fc.nat(), fc.constantFrom('', ' ', '\t', ':', '-', '{', ']', '"', 'x', '\n  ', '99999', 'null', '---\n', '&a', '*a', '!!binary '));
    fc.assert(
      fc.property(mutate, ([text, at, len, insert]) => {
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + insert + text.slice(i + (len % 8));
        expect(() => runLine(s, `kubectl apply -f - <<EOF\n${mutated}\nEOF`)).not.toThrow();
      }),
      { numRuns: 1500, seed: 7 },
    );
    s.cluster.advance(60_000);
    consistent(s);
  });

  it('random shell lines inside a container and on a node', () => {
    const s = session();
    runLine(s, 'kubectl run box --image=busybox -- sleep 1d');
    s.cluster.advance(5000);
    const pieces = ['echo', 'cat', 'ls', '/tmp', '>', '>>', '|', '&&', '||', ';', 'while', 'do', 'done', 'if', 'then', 'fi', '$(', ')', '`', '"', "'", '$((1/0))', '$((', 'sleep 1', 'tail -f /nope', 'wget -qO- localhost', 'nslookup x', 'rm -rf /', 'mkdir -p /a/b', 'x=1', '${x:-y}', '[', ']', 'test', '-f', 'exit 3', 'case', 'in', 'esac', '{', '}', '&'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), (ws) => {
        const script = ws.join(' ');
        expect(() => runLine(s, `kubectl exec box -- sh -c ${JSON.stringify(script)}`)).not.toThrow();
      }),
      { numRuns: 800, seed: 3 },
    );
    runLine(s, 'ssh node01');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), (ws) => {
        expect(() => runLine(s, ws.join(' ').replace(/\bexit\b.*/, ''))).not.toThrow();
      }),
      { numRuns: 400, seed: 4 },
    );
    consistent(s);
  });
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
