import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCluster, type Cluster } from '../cluster.ts';
import { commonPrefix, complete } from './complete.ts';
import { Session } from './session.ts';
import { KUBECTL } from '../kubectl/tool.ts';

let cluster: Cluster;
let webPods: string[];

beforeAll(() => {
  cluster = createCluster({ seed: 1 });
  new Session(cluster, { kubectl: KUBECTL }).runScript(
    [
      'kubectl create deployment web --image=nginx --replicas=2',
      'kubectl run db --image=redis',
      'kubectl expose deployment web --port=80',
      'kubectl create namespace dev',
      'kubectl run tool --image=busybox -n dev -- sleep 3600',
      'kubectl create configmap settings --from-literal=a=b',
    ].join('\n'),
  );
  cluster.advance(5_000);
  webPods = cluster.store
    .list('Pod', 'default')
    .map((p) => p.metadata.name ?? '')
    .filter((n) => n.startsWith('web-'));
});

/** `¦` marks the cursor; without one the cursor is at the end. */
function run(input: string, namespace = 'default') {
  const cursor = input.includes('¦') ? input.indexOf('¦') : input.length;
  const line = input.replace('¦', '');
  return complete(line, cursor, cluster, namespace);
}

describe('complete', () => {
  it('finds the deployment pods the tests rely on', () => {
    expect(webPods).toHaveLength(2);
  });

  const exact: [string, string[]][] = [
    ['kub', ['kubectl']],
    ['kubectl ro', ['rollout']],
    ['k ge', ['get']],
    ['kubectl rollout st', ['status']],
    ['kubectl rollout ', ['history', 'pause', 'restart', 'resume', 'status', 'undo']],
    ['kubectl rollout status deploy', ['deploy', 'deployment', 'deployments']],
    ['kubectl rollout status deployment/w', ['deployment/web']],
    ['kubectl rollout restart deployment w', ['web']],
    ['kubectl create dep', ['deployment']],
    ['kubectl create secret ', ['docker-registry', 'generic', 'tls']],
    ['kubectl create service n', ['nodeport']],
    ['kubectl set i', ['image']],
    ['kubectl set image deploy/', ['deploy/web']],
    ['kubectl get svc', ['svc']],
    ['kubectl get deploy', ['deploy', 'deployment', 'deployments']],
    ['kubectl get po', ['po', 'pod', 'pods']],
    ['kubectl get pods,sv', ['pods,svc']],
    ['kubectl get cm s', ['settings']],
    ['kubectl get svc ', ['kubernetes', 'web']],
    ['kubectl get deploy/', ['deploy/web']],
    ['kubectl describe pod d', ['db']],
    ['kubectl delete deployment ', ['web']],
    ['kubectl get nodes ', ['controlplane', 'node01', 'node02']],
    ['kubectl cor', ['cordon']],
    ['kubectl dr', ['drain']],
    ['kubectl cordon ', ['controlplane', 'node01', 'node02']],
    ['kubectl uncordon node0', ['node01', 'node02']],
    ['kubectl drain --ignore-daemonsets n', ['node01', 'node02']],
    ['kubectl drain node01 --ignore', ['--ignore-daemonsets']],
    ['kubectl get pods -n ', ['default', 'dev', 'ingress-nginx', 'kube-node-lease', 'kube-public', 'kube-system']],
    ['kubectl get pods --namespace=d', ['--namespace=default', '--namespace=dev']],
    ['kubectl get pods -n dev ', ['tool']],
    ['kubectl -n dev logs ', ['tool']],
    ['kubectl logs t', []],
    ['kubectl logs d', ['db']],
    ['kubectl exec -it d', ['db']],
    ['kubectl exec -it db -- s', []],
    ['kubectl logs deploy/', ['deploy/web']],
    ['kubectl get pods -o y', ['yaml']],
    ['kubectl get pods --wat', ['--watch', '--watch-only']],
    ['kubectl create deployment x --ima', ['--image=']],
    ['kubectl get pods -l ', []],
    ['kubectl apply -f ', []],
    ['ssh node0', ['node01', 'node02']],
    ['kubectl get pods | kub', ['kubectl']],
    ['kubectl get pods; kubectl des', ['describe']],
    ['kubectl explain deploym', ['deployment', 'deployments']],
    ['kubectl top ', ['node', 'pod']],
    ['kubectl top node node', ['node01', 'node02']],
    ['kubectl config use', ['use-context']],
    ['kubectl config get-', ['get-clusters', 'get-contexts', 'get-users']],
    ['kubectl auth ', ['can-i', 'whoami']],
    ['kubectl taint no', ['node', 'nodes']],
    ['kubectl taint nodes node', ['node01', 'node02']],
    ['kubectl tai', ['taint']],
    ['kubectl frobnicate ', []],
    ['ls -', []],
  ];
  it.each(exact)('%j -> %j', (input, expected) => {
    expect(run(input).candidates).toEqual(expected);
  });

  it('names a deployment pods after logs and exec', () => {
    expect(run('kubectl logs web').candidates).toEqual(webPods);
    expect(run('kubectl exec -it web').candidates).toEqual(webPods);
    expect(run('kubectl describe pod web-').candidates).toEqual(webPods);
  });

  it('uses the namespace it is given when the line names none', () => {
    expect(run('kubectl get pods ', 'dev').candidates).toEqual(['tool']);
  });

  it('lists every verb, with aliases, after kubectl', () => {
    const c = run('kubectl ').candidates;
    expect(c).toContain('get');
    expect(c).toContain('api-resources');
    expect(c.length).toBeGreaterThan(20);
  });

  const starts: [string, number][] = [
    ['kubectl get po', 12],
    ['kubectl get ', 12],
    ['kub', 0],
    ['kubectl get pods¦', 12],
    ['kubectl get pods | kub', 19],
  ];
  it.each(starts)('%j replaces from %i', (input, start) => {
    expect(run(input).start).toBe(start);
  });

  it('completes the word at the cursor, not the end of the line', () => {
    expect(run('kubectl ge¦ pods').candidates).toEqual(['get']);
  });

  it('finds common prefixes', () => {
    expect(commonPrefix(['deploy', 'deployment', 'deployments'])).toBe('deploy');
    expect(commonPrefix(['a'])).toBe('a');
    expect(commonPrefix([])).toBe('');
    expect(commonPrefix(['node01', 'node02'])).toBe('node0');
  });
});

describe('Tab completion never fails', () => {
  // Whatever is on the line: these once reached a table's Object members and threw.
  const WORDS = ['kubectl', 'k', 'get', 'create', 'rollout', 'set', 'top', 'config', 'auth', 'taint', 'exec', 'logs', 'explain', 'ssh', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'pods', 'pod/', 'deploy/', 'nodes', 'node01', '-n', '-o', '--namespace=', '--output=', '-', '--', '|', ';', '"', "'", '', ' ', 'secret', 'service', 'x/y/z'];
  it('for any kubectl verb and arguments, at any cursor position', () => {
    const VERBS = ['get', 'create', 'rollout', 'set', 'top', 'config', 'auth', 'taint', 'exec', 'logs', 'explain', 'describe', 'cordon', 'constructor', '__proto__'];
    fc.assert(
      fc.property(fc.constantFrom('kubectl', 'k'), fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), fc.nat(), (k, verb, args, at) => {
        const line = [k, verb, ...args].join(' ');
        const r = complete(line, at % (line.length + 1), cluster, 'default');
        expect(Array.isArray(r.candidates)).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('for any words, at any cursor position', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), fc.nat(), (ws, at) => {
        const line = ws.join(' ');
        const r = complete(line, line.length ? at % (line.length + 1) : 0, cluster, 'default');
        expect(Array.isArray(r.candidates)).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});

