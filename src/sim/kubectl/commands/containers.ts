// Commands that reach into containers: logs, exec, run (with --rm -i), and the shared
// lookup of a pod's container with kubectl's errors.

import type { Container, Pod } from '../../api.ts';
import type { PodWorker, RunningContainer } from '../../kubelet/kubelet.ts';
import { isKnownCommand, runArgv } from '../../runtime/shell/index.ts';
import type { LogBuffer, LogLine } from '../../kubelet/logs.ts';
import { apiErrorText } from '../../store/types.ts';
import { bool, int, str, strings, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { toJson, toYaml } from '../output.ts';
import type { Cluster } from '../../cluster.ts';
import type { KubeObject } from '../../store/types.ts';
import { resolveResourceType } from '../../resources.ts';
import { labelSelectorEmpty, labelSelectorMatches, mapSelectorMatches } from '../../selectors.ts';

export interface ContainerRef {
  pod: Pod;
  spec: Container;
  worker: PodWorker | undefined;
  container: RunningContainer | undefined;
}

function allContainers(pod: Pod): { c: Container; init: boolean }[] {
  return [...(pod.spec?.containers ?? []).map((c) => ({ c, init: false })), ...(pod.spec?.initContainers ?? []).map((c) => ({ c, init: true }))];
}

/** Resolve `pod [-c container]` as kubectl does, printing "Defaulted container" when it picks. */
export function findContainer(cluster: Cluster, ns: string, podName: string, containerName: string | undefined, o: Output): ContainerRef | string {
  const pod = cluster.store.get<Pod>('Pod', ns, podName);
  if (!pod) return `Error from server (NotFound): pods "${podName}" not found`;
  const list = allContainers(pod);
  let spec: Container | undefined;
  if (containerName) {
    spec = list.find((x) => x.c.name === containerName)?.c;
    if (!spec) return `Error from server (BadRequest): container ${containerName} is not valid for pod ${podName}`;
  } else {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    spec = (annotated ? list.find((x) => x.c.name === annotated)?.c : undefined) ?? pod.spec?.containers?.[0];
    if (!spec) return `Error from server (BadRequest): pod ${podName} has no containers`;
    if (list.length > 1 && !annotated) {
      o.err(`Defaulted container "${spec.name}" out of: ${list.map((x) => `${x.c.name}${x.init ? ' (init)' : ''}`).join(', ')}\n`);
    }
  }
  const kubelet = cluster.kubelets.get(pod.spec?.nodeName ?? '');
  const worker = kubelet?.find(pod);
  const container = worker?.containers.find((c) => c.spec.name === spec!.name);
  return { pod, spec, worker, container };
}

function waitingReason(pod: Pod, name: string): string {
  const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s) => s.name === name);
  return st?.state?.waiting?.reason ?? 'ContainerCreating';
}

function formatLine(l: LogLine, timestamps: boolean): string {
  return (timestamps ? new Date(l.t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z') + ' ' : '') + l.text + '\n';
}

// ------------------------------------------------------------------ logs

function* logs(env: KubectlEnv, p: Parsed, o: Output): Job {
  const ns = str(p, 'namespace') ?? env.namespace;
  let podArg = p.args[0];
  if (!podArg) {
    o.err('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee \'kubectl logs -h\' for help and examples\n');
    return 1;
  }
  if (podArg.startsWith('pod/') || podArg.startsWith('pods/') || podArg.startsWith('po/')) podArg = podArg.slice(podArg.indexOf('/') + 1);
  else if (podArg.includes('/')) {
    // logs deployment/x, job/y ...: kubectl picks one of the workload's pods.
    const picked = firstPodOf(env, ns, podArg, o);
    if (!picked) return 1;
    podArg = picked;
  }
  const cName = str(p, 'container') ?? p.args[1];
  const prefix = bool(p, 'prefix');
  if (bool(p, 'all-containers')) {
    if (cName) {
      o.err(`error: --all-containers=true should not be specified with container name ${cName}\n`);
      return 1;
    }
    const pod = env.cluster.store.get<Pod>('Pod', ns, podArg);
    if (!pod) {
      o.err(`Error from server (NotFound): pods "${podArg}" not found\n`);
      return 1;
    }
    // Init containers first, then the containers (LogsForObject's order), each in turn; with
    // -f they are followed together.
    const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
    return yield* containerLogs(env, p, o, ns, podArg, names, prefix);
  }
  return yield* containerLogs(env, p, o, ns, podArg, [cName], prefix);
}

/** The logs of one or more containers of a pod (after the first error, nothing more). */
function* containerLogs(env: KubectlEnv, p: Parsed, o: Output, ns: string, podArg: string, names: (string | undefined)[], prefix: boolean): Job {
  const timestamps = bool(p, 'timestamps');
  const followed: { c: RunningContainer; buf: LogBuffer; seen: number; lead: string }[] = [];
  for (const name of names) {
    const ref = findContainer(env.cluster, ns, podArg, name, o);
    if (typeof ref === 'string') {
      o.err(ref + '\n');
      return 1;
    }
    // --prefix: each line says where it came from, before any timestamp.
    const lead = prefix ? `[pod/${podArg}/${ref.spec.name}] ` : '';
    const print = (lines: readonly LogLine[]): void => o.out(lines.map((l) => lead + formatLine(l, timestamps)).join(''));
    const c = ref.container;
    if (bool(p, 'previous')) {
      if (!c?.previousLogs) {
        o.err(`Error from server (BadRequest): previous terminated container "${ref.spec.name}" in pod "${podArg}" not found\n`);
        return 1;
      }
      print(tail(c.previousLogs, int(p, 'tail')));
      continue;
    }
    if (!c || !c.containerID) {
      o.err(`Error from server (BadRequest): container "${ref.spec.name}" in pod "${podArg}" is waiting to start: ${waitingReason(ref.pod, ref.spec.name)}\n`);
      return 1;
    }
    print(tail(c.logs, int(p, 'tail')));
    followed.push({ c, buf: c.logs, seen: c.logs.written, lead });
  }
  if (!bool(p, 'follow') || bool(p, 'previous')) return 0;
  const limit = env.streamLimitMs ?? 60_000;
  for (let waited = 0; waited < limit && followed.length > 0; waited += 1000) {
    yield { type: 'sleep', ms: 1000 };
    for (const f of [...followed]) {
      const cur = f.c.logs;
      const fresh = cur === f.buf ? cur.written - f.seen : 0;
      if (fresh > 0) o.out(cur.last(fresh).map((l) => f.lead + formatLine(l, timestamps)).join(''));
      f.seen = cur.written;
      // A restarted container (a new buffer) or a finished one ends its stream.
      if (cur !== f.buf || f.c.state.type === 'terminated') followed.splice(followed.indexOf(f), 1);
    }
  }
  return 0;
}

/**
 * GetFirstPod: the workload's pods by its selector, ready and running ones first, then oldest.
 * kubectl logs says which pod it took when there were several; exec (AttachablePodForObject) does not.
 */
function firstPodOf(env: KubectlEnv, ns: string, arg: string, o: Output, announce = true): string | undefined {
  const [type, name] = arg.split('/') as [string, string];
  const res = resolveResourceType(type);
  if (!res) {
    o.err(`error: the server doesn't have a resource type "${type}"\n`);
    return undefined;
  }
  const obj = env.cluster.store.get<KubeObject & { spec?: { selector?: Record<string, unknown> } }>(res.kind, ns, name);
  if (!obj) {
    o.err(`Error from server (NotFound): ${env.cluster.store.qualifiedPlural(res.kind)} "${name}" not found\n`);
    return undefined;
  }
  const sel = obj.spec?.selector ?? {};
  const plainMap = res.kind === 'ReplicationController' || res.kind === 'Service';
  const pods = env.cluster.store
    .list<Pod>('Pod', ns)
    .filter((p) => (plainMap ? mapSelectorMatches(sel as Record<string, string>, p.metadata.labels) : !labelSelectorEmpty(sel) && labelSelectorMatches(sel, p.metadata.labels)));
  if (pods.length === 0) {
    o.err(`error: timed out waiting for the condition\n`);
    return undefined;
  }
  const rank = (p: Pod): number => (p.status?.phase === 'Running' ? 0 : 1) + ((p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 2);
  pods.sort((a, b) => rank(a) - rank(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  const chosen = pods[0]!.metadata.name ?? '';
  if (pods.length > 1 && announce) o.err(`Found ${pods.length} pods, using pod/${chosen}\n`);
  return chosen;
}

function tail(buf: LogBuffer, n: number | undefined): readonly LogLine[] {
  if (n === undefined || n < 0) return buf.lines;
  return buf.last(n);
}

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
  ],
  run: logs,
};

// ------------------------------------------------------------------ exec

/**
 * What execIn returns when the API server or the runtime refused before anything ran (the
 * error is printed); kubectl then exits 1 without "command terminated with exit code".
 */
export const EXEC_NOT_STARTED = -1;

/** Run argv in a running container; output goes to o, time passes while it waits. */
export function* execIn(env: KubectlEnv, ref: ContainerRef, argv: string[], o: Output): Job {
  const c = ref.container;
  const kubelet = env.cluster.kubelets.get(ref.pod.spec?.nodeName ?? '');
  if (ref.pod.status?.phase === 'Succeeded' || ref.pod.status?.phase === 'Failed') {
    o.err(`error: cannot exec into a container in a completed pod; current phase is ${ref.pod.status.phase}\n`);
    return EXEC_NOT_STARTED;
  }
  if (!kubelet || !ref.worker || !c || c.state.type !== 'running' || !c.fs) {
    o.err(`error: unable to upgrade connection: container not found ("${ref.spec.name}")\n`);
    return EXEC_NOT_STARTED;
  }
  const opts = kubelet.shellOptionsFor(c);
  const first = argv[0] ?? '';
  const knownBinary = opts.extraCommands.has(first) || opts.extraCommands.has(first.split('/').pop() ?? '');
  // The runtime looks the binary up before anything runs: a missing one is the OCI error,
  // not a shell's "not found" (kubectl exec nginx -- ps: Debian's nginx has no ps).
  const runnable = knownBinary || (opts.hasShell && (isKnownCommand(first, opts) || c.fs.stat(first)?.kind === 'file'));
  if (!runnable) {
    const id = env.cluster.random.hex(64);
    o.err(
      `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${first}": executable file not found in $PATH: unknown\n`,
    );
    return EXEC_NOT_STARTED;
  }
  const session = kubelet.execSession(ref.worker, c, (stream, text) => (stream === 'stdout' ? o.out(text) : o.err(text)), argv);
  const instance = c.containerID;
  const gen = runArgv(argv, session.ctx, opts);
  let code: number;
  const limit = env.streamLimitMs ?? 60_000;
  let waited = 0;
  try {
    for (;;) {
      const r = gen.next();
      if (r.done) {
        code = r.value;
        break;
      }
      if (r.value.type === 'forever' || waited >= limit) {
        gen.return(130);
        code = 130;
        break;
      }
      // An OOM kill caused by this very process happens inside gen.next().
      if (c.containerID !== instance || c.state.type !== 'running') {
        gen.return(137);
        code = 137;
        break;
      }
      waited += r.value.ms;
      yield r.value;
      // The container died meanwhile: the runtime SIGKILLs every process in it, this one too.
      if (c.containerID !== instance || c.state.type !== 'running') {
        gen.return(137);
        code = 137;
        break;
      }
    }
  } finally {
    session.release();
  }
  if (code === 127 && /not found/.test('')) o.err('');
  return code;
}

function* exec(env: KubectlEnv, p: Parsed, o: Output): Job {
  const ns = str(p, 'namespace') ?? env.namespace;
  let podArg = p.args[0];
  if (!podArg) {
    o.err("error: expected 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  if (p.args.length > 1 && !p.dashArgs) {
    o.err("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    return 1;
  }
  const argv = p.dashArgs ?? [];
  if (argv.length === 0) {
    o.err('error: you must specify at least one command for the container\n');
    return 1;
  }
  if (podArg.includes('/')) {
    const type = podArg.slice(0, podArg.indexOf('/'));
    const picked = resolveResourceType(type)?.kind === 'Pod' ? podArg.slice(podArg.indexOf('/') + 1) : firstPodOf(env, ns, podArg, o, false);
    if (picked === undefined) return 1;
    podArg = picked;
  }
  const ref = findContainer(env.cluster, ns, podArg, str(p, 'container'), o);
  if (typeof ref === 'string') {
    o.err(ref + '\n');
    return 1;
  }
  const code = yield* execIn(env, ref, argv, o);
  if (code === EXEC_NOT_STARTED) return 1;
  if (code !== 0 && code !== undefined) o.err(`command terminated with exit code ${code}\n`);
  return code;
}

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  run: exec,
};

// ------------------------------------------------------------------ run

function* run(env: KubectlEnv, p: Parsed, o: Output): Job {
  const name = p.args[0];
  const ns = str(p, 'namespace') ?? env.namespace;
  if (!name) {
    o.err("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    return 1;
  }
  const image = str(p, 'image');
  if (!image) {
    o.err('error: --image is required\n');
    return 1;
  }
  const restart = str(p, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    o.err(`error: invalid restart policy: ${restart}\n`);
    return 1;
  }
  const attach = bool(p, 'stdin') || bool(p, 'attach');
  if (bool(p, 'rm') && !attach) {
    o.err('error: --rm should only be used for attached containers\n');
    return 1;
  }
  const labels: Record<string, string> = {};
  const labelArg = str(p, 'labels');
  if (labelArg) {
    for (const kv of labelArg.split(',')) {
      const [k, v = ''] = kv.split('=');
      if (k) labels[k] = v;
    }
  } else labels['run'] = name;
  const container: Container = { name, image };
  const extra = p.dashArgs ?? p.args.slice(1);
  if (extra.length) {
    if (bool(p, 'command')) container.command = extra;
    else container.args = extra;
  }
  const envs = strings(p, 'env');
  if (envs.length) container.env = envs.map((kv) => ({ name: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) }));
  const port = int(p, 'port');
  if (port !== undefined) container.ports = [{ containerPort: port }];
  if (attach) {
    container.stdin = true;
    container.stdinOnce = true;
    if (bool(p, 'tty')) container.tty = true;
  }
  container.resources = {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  const dry = str(p, 'dry-run');
  if (dry === 'client') {
    const shown = { ...pod, metadata: { ...pod.metadata, creationTimestamp: null } };
    const out = str(p, 'output');
    if (out === 'yaml') o.out(toYaml(shown));
    else if (out === 'json') o.out(toJson(shown));
    else o.out(`pod/${name} created (dry run)\n`);
    return 0;
  }
  const r = env.cluster.api.create(pod, { namespace: ns });
  if (!r.ok) {
    o.err(apiErrorText(r.error) + '\n');
    return 1;
  }
  if (!attach) {
    o.out(`pod/${name} created\n`);
    env.cluster.clock.settle();
    return 0;
  }
  // Attach: wait for the container to run, stream its output until it ends.
  const store = env.cluster.store;
  let printedMsg = false;
  let seen = 0;
  const limit = 5 * 60_000;
  let code = 0;
  for (let waited = 0; waited < limit; waited += 250) {
    yield { type: 'sleep', ms: 250 };
    const cur = store.get<Pod>('Pod', ns, name);
    if (!cur) break;
    const kubelet = env.cluster.kubelets.get(cur.spec?.nodeName ?? '');
    const c = kubelet?.find(cur)?.containers.find((x) => x.spec.name === name);
    if (!c || !c.containerID) {
      if (waited >= 60_000) {
        o.err('error: timed out waiting for the condition\n');
        return 1;
      }
      continue;
    }
    if (!printedMsg && bool(p, 'tty')) {
      o.err("If you don't see a command prompt, try pressing enter.\n");
      printedMsg = true;
    }
    const buf = c.logs;
    if (buf.written > seen) o.out(buf.last(buf.written - seen).map((l) => l.text + '\n').join(''));
    seen = buf.written;
    if (c.state.type !== 'running' && c.lastTerminated) {
      code = c.lastTerminated.exitCode;
      if (restart !== 'Always') break;
    }
    if (restart === 'Always' && c.restartCount > 0) break;
  }
  if (bool(p, 'rm')) {
    const d = env.cluster.api.delete('Pod', ns, name);
    if (d.ok) o.out(`pod "${name}" deleted\n`);
    for (let w = 0; w < 60_000 && store.get('Pod', ns, name); w += 100) yield { type: 'sleep', ms: 100 };
  }
  if (code !== 0) {
    o.err(`pod ${ns}/${name} terminated (Error)\n`);
    return code;
  }
  return 0;
}

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string' },
    { name: 'rm', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'command', type: 'bool' },
    { name: 'env', type: 'strings' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'port', type: 'int' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'expose', type: 'bool' },
  ],
  run,
};
