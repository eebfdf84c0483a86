// The input surfaces a student (or a hostile paste) reaches, as fast-check properties: kubectl
// lines, YAML manifests, shell lines in a container and on a node, share links and stored
// workspaces. tests/robustness.test.ts runs each a few thousand times; `npm run bench` runs each
// 100,000 times (bench/fuzz.ts). A property holds when nothing throws out of the simulator or
// the parsers, every failure says what went wrong, and the cluster stays consistent.

import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCluster } from '../../src/sim/cluster.ts';
import { Session } from '../../src/sim/runner/session.ts';
import { splitScript } from '../../src/sim/runner/script.ts';
import { decodeShare, encodeShare, type SharedLab } from '../../src/state/share.ts';
import { parseSaved, SAVE_VERSION } from '../../src/state/persist.ts';
import { KUBECTL } from '../../src/sim/kubectl/tool.ts';

const VERBS = ['get', 'describe', 'apply', 'create', 'delete', 'logs', 'exec', 'run', 'label', 'annotate', 'explain', 'top', 'version', 'api-resources', 'cluster-info', 'wait', 'scale', 'rollout', 'set', 'patch', 'expose', 'cordon', 'drain', 'edit', 'config', 'taint', 'auth', 'api-versions', 'port-forward', 'events', 'frobnicate', 'constructor', '__proto__', ''];
const WORDS = ['pods', 'po', 'pod/web', 'nodes', 'svc', 'all', 'ns', 'events', 'deploy/web', 'web', 'node01', '-n', 'kube-system', '-A', '-o', 'yaml', 'json', 'wide', 'name', 'jsonpath={.items[*].metadata.name}', 'jsonpath={.bad', '-l', 'app=web', 'app in (a,b)', '!!', '-f', '-', 'missing.yaml', '--', 'sh', '-c', 'echo hi', '--image=nginx', '--image=', '--restart=Never', '--rm', '-i', '-t', '--all', '--grace-period=0', '--force', '--for=condition=Ready', '--timeout=1s', '-c', 'nope', '--tail', '-5', '--previous', 'x=y', 'x-', '--overwrite', '--bogus', '-z', '"', "'", '\\', '$HOME', '${', 'spec.containers', '--recursive', '--replicas=3', '--replicas=-1', 'status', 'undo', 'history', '--to-revision=9', 'image', 'nginx=nginx:1.99', '-p', '{"spec":{"replicas":2}}', '--type=json', '[{"op":"remove","path":"/spec"}]', '--port=80', '--sort-by=.metadata.name', '--sort-by={.bad', 'constructor', '__proto__', 'view', 'set-context', 'use-context', 'delete-context', '--current', '--namespace=dev', '--context=x', '--minify', 'k=v:NoSchedule', 'k:NoExecute', 'k-', '--overwrite'];
const SHELL = ['echo', 'cat', 'ls', '/tmp', '>', '>>', '|', '&&', '||', ';', 'while', 'do', 'done', 'if', 'then', 'fi', '$(', ')', '`', '"', "'", '$((1/0))', '$((', 'sleep 1', 'tail -f /nope', 'wget -qO- localhost', 'nslookup x', 'rm -rf /', 'mkdir -p /a/b', 'x=1', '${x:-y}', '[', ']', 'test', '-f', 'exit 3', 'case', 'in', 'esac', '{', '}', '&', 'kill -9 1', 'crictl ps', 'systemctl status kubelet', 'ps', 'df -h', "awk '{print $1}'", "awk 'BEGIN{while(1)x++}'", 'awk -F:', "sed 's/a/b/g'", 'sed -n', "sed -i 's/x/y/'", 'xargs', 'xargs -n1', 'xargs -I{} echo {}', 'constructor', '__proto__', 'toString', 'hasOwnProperty'];
// '99' rather than '99999': a mutation that turns `replicas: 3` into 399999 is a scale test (one
// per run, in the bench), not a robustness case; 3 x 99 is plenty of pods here.
const INSERTS = ['', ' ', '\t', ':', '-', '{', ']', '"', 'x', '\n  ', '99', 'null', '---\n', '&a', '*a', '!!binary ', '<script>', '\u0000', '\u202e'];

const MANIFEST_DIR = resolve(import.meta.dirname, '..', 'transcripts');
export const MANIFESTS = readdirSync(MANIFEST_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(MANIFEST_DIR, f), 'utf8'));

export function session(): Session {
  return new Session(createCluster({ seed: 5, warmupMs: 0 }), { kubectl: KUBECTL, streamLimitMs: 2000 });
}

/** Run text as the terminal does; the output and the last command's exit code. */
export function runLine(s: Session, text: string): { out: string; code: number } {
  let out = '';
  let code = 0;
  const o = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
  for (const cmd of splitScript(text)) code = s.drive(s.run(cmd, o));
  return { out, code };
}

/** A failure that says what: kubectl's and the API server's error shapes. */
const SAYS_WHAT = /error|Error|invalid|not found|unknown|required|must|cannot|can't|refused|Usage|No resources found|expected|timed out|did you mean|exit code|Unable|denied|exceeded/i;

/** Every stored object is whole and listed once (what a crash half-way through a write would break). */
export function consistencyProblem(s: Session): string | undefined {
  const seen = new Set<string>();
  for (const o of s.cluster.store.all()) {
    if (typeof o.metadata.name !== 'string' || o.metadata.name === '') return `an object of kind ${o.kind} has no name`;
    const key = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(key)) return `${key} is stored twice`;
    seen.add(key);
  }
  return undefined;
}

export interface Surface {
  name: string;
  /** Run the property numRuns times from seed; throws (fast-check's report) on the first counterexample. */
  run(numRuns: number, seed: number): Promise<void> | void;
}

function check(s: Session, line: string): void {
  const { out, code } = runLine(s, line);
  if (code !== 0 && !SAYS_WHAT.test(out) && out.trim() !== '') throw new Error(`exit ${code} without saying what: ${JSON.stringify(line)} → ${JSON.stringify(out.slice(0, 200))}`);
}

const kubectlLines: Surface = {
  name: 'kubectl lines',
  run(numRuns, seed) {
    const s = session();
    runLine(s, 'kubectl create deployment web --image=nginx:1.27');
    fc.assert(
      fc.property(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), (verb, words) => {
        check(s, ['kubectl', verb, ...words].join(' '));
        if (s.mode.kind !== 'host') runLine(s, 'exit');
      }),
      { numRuns, seed },
    );
    const problem = consistencyProblem(s);
    if (problem) throw new Error(problem);
  },
};

const manifests: Surface = {
  name: 'YAML manifests (mutated seed manifests)',
  run(numRuns, seed) {
    const s = session();
    const mutate = fc.tuple(fc.constantFrom(...MANIFESTS), fc.nat(), fc.nat(), fc.constantFrom(...INSERTS));
    fc.assert(
      fc.property(mutate, ([text, at, len, insert]) => {
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + insert + text.slice(i + (len % 8));
        const { out, code } = runLine(s, `kubectl apply -f - <<EOF\n${mutated}\nEOF`);
        if (code !== 0 && !SAYS_WHAT.test(out)) throw new Error(`apply failed without saying what: ${JSON.stringify(out.slice(0, 200))}`);
      }),
      { numRuns, seed },
    );
    // Time runs: controllers, kubelets and the containers' processes act on what was applied
    // (a mutation can leave a loop without its sleep: a busy container).
    s.cluster.advance(10_000);
    const problem = consistencyProblem(s);
    if (problem) throw new Error(problem);
  },
};

const shellLines: Surface = {
  name: 'shell lines in a container and on a node',
  run(numRuns, seed) {
    const s = session();
    runLine(s, 'kubectl run box --image=busybox:1.36 -- sleep 1d');
    s.cluster.advance(5000);
    const half = Math.ceil(numRuns / 2);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SHELL), { minLength: 1, maxLength: 8 }), (ws) => {
        runLine(s, `kubectl exec box -- sh -c ${JSON.stringify(ws.join(' '))}`);
        // A killed container comes back; the next line needs it running.
        if (s.cluster.store.get('Pod', 'default', 'box') === undefined) runLine(s, 'kubectl run box --image=busybox:1.36 -- sleep 1d');
      }),
      { numRuns: half, seed },
    );
    runLine(s, 'ssh node01');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SHELL), { minLength: 1, maxLength: 6 }), (ws) => {
        runLine(s, ws.join(' ').replace(/\bexit\b.*/, ''));
        if (s.mode.kind === 'host') runLine(s, 'ssh node01');
      }),
      { numRuns: numRuns - half, seed: seed + 1 },
    );
    const problem = consistencyProblem(s);
    if (problem) throw new Error(problem);
  },
};

const jsonValue = fc.jsonValue({ maxDepth: 3 });

/** A lab as a share link or a save carries it, with arbitrary text where text goes. */
const labArb = fc.record({
  seed: fc.nat(),
  startedAt: fc.nat(),
  now: fc.nat(),
  actions: fc.array(
    fc.oneof(
      fc.record({ at: fc.nat(), kind: fc.constant('line' as const), channel: fc.constantFrom('terminal' as const, 'background' as const), text: fc.string() }),
      fc.record({ at: fc.nat(), kind: fc.constant('interrupt' as const), channel: fc.constant('terminal' as const) }),
    ),
    { maxLength: 5 },
  ),
  files: fc.array(fc.record({ name: fc.string({ minLength: 1 }), text: fc.string() }), { minLength: 1, maxLength: 3 }),
  activeFile: fc.string(),
});

const shareLinks: Surface = {
  name: 'share links (random, mutated, round-tripped)',
  async run(numRuns, seed) {
    const third = Math.ceil(numRuns / 3);
    // Random text: refused as damaged or newer, never thrown.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((t) => `1.${t}`), fc.base64String().map((t) => `1.${t.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')}`)), async (payload) => {
        const r = await decodeShare(payload);
        if (r.ok && typeof r.lab.seed !== 'number') throw new Error('accepted a lab without a seed');
      }),
      { numRuns: third, seed },
    );
    // A real link with one character changed: refused, or a valid lab, never thrown.
    const real = await encodeShare({ seed: 7, startedAt: 600_000, now: 660_000, actions: [{ at: 601_000, kind: 'line', channel: 'terminal', text: 'kubectl get pods' }], files: [{ name: 'pod.yaml', text: 'kind: Pod' }], activeFile: 'pod.yaml' } as SharedLab);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.%'), async (at, ch) => {
        const i = at % real.length;
        await decodeShare(real.slice(0, i) + ch + real.slice(i + 1));
      }),
      { numRuns: third, seed: seed + 1 },
    );
    // Any lab survives the round trip exactly.
    await fc.assert(
      fc.asyncProperty(labArb, async (lab) => {
        const back = await decodeShare(await encodeShare(lab as SharedLab));
        if (!back.ok) throw new Error(`a valid lab was refused (${back.reason})`);
        if (JSON.stringify(back.lab.actions) !== JSON.stringify(lab.actions) || JSON.stringify(back.lab.files) !== JSON.stringify(lab.files)) throw new Error('the round trip changed the lab');
      }),
      { numRuns: numRuns - 2 * third, seed: seed + 2 },
    );
  },
};

const storedWorkspaces: Surface = {
  name: 'stored workspaces (random, mutated, round-tripped)',
  run(numRuns, seed) {
    const half = Math.ceil(numRuns / 2);
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonValue.map((v) => JSON.stringify(v)), labArb.chain((lab) => fc.record({ k: fc.constantFrom('seed', 'actions', 'files', 'version', 'now', 'activeFile', 'history'), v: jsonValue }).map(({ k, v }) => JSON.stringify({ ...lab, version: SAVE_VERSION, [k]: v })))), (raw) => {
        const saved = parseSaved(raw);
        if (saved && (!Array.isArray(saved.files) || saved.files.length === 0 || typeof saved.seed !== 'number' || !Number.isFinite(saved.now))) throw new Error(`parseSaved returned a broken lab for ${raw.slice(0, 120)}`);
      }),
      { numRuns: half, seed },
    );
    fc.assert(
      fc.property(labArb, (lab) => {
        const saved = parseSaved(JSON.stringify({ ...lab, version: SAVE_VERSION, history: [], scrollback: '', lang: 'ko', theme: 'dark', collapsed: {} }));
        if (!saved || JSON.stringify(saved.files) !== JSON.stringify(lab.files) || JSON.stringify(saved.actions) !== JSON.stringify(lab.actions)) throw new Error('a valid save did not read back the same');
      }),
      { numRuns: numRuns - half, seed: seed + 1 },
    );
  },
};

export const SURFACES: Surface[] = [kubectlLines, manifests, shellLines, shareLinks, storedWorkspaces];
