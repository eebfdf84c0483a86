// kubectl cordon, uncordon and drain (k8s.io/kubectl pkg/cmd/drain/drain.go and pkg/drain/
// {drain,filters,cordon}.go as shipped with v1.31). Drain cordons, lists the node's pods, runs
// them through kubectl's filters in order (DaemonSet, mirror, local storage, unreplicated),
// refuses with the filters' errors, or evicts what is left in parallel and polls each pod
// every second until it is gone, so the transcript shows graceful termination taking its time.

import { parseDuration } from '../../clock.ts';
import type { Node, Pod } from '../../api.ts';
import type { KubeObject } from '../../store/types.ts';
import type { Wait } from '../../runtime/process.ts';
import { addDisruptionTarget } from '../../controllers/nodelifecycle.ts';
import { bool, int, str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { matchesLabels, parseLabelSelector } from '../select.ts';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
// Since v1.30 the constant carries its own "cannot delete", and errors() adds another: real
// v1.31 output stutters "cannot delete cannot delete Pods that declare no controller".
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
/** Go ranges over maps in random order; a transcript needs one, so the filters' order it is. */
const MESSAGE_ORDER = [DAEMONSET_FATAL, DAEMONSET_WARNING, LOCAL_STORAGE_FATAL, LOCAL_STORAGE_WARNING, UNMANAGED_FATAL, UNMANAGED_WARNING];
/** How long `drain` with no --timeout waits before the session gives up, as a person would. */
const MAX_WAIT_MS = 10 * 60_000;

type Status = { kind: 'okay' } | { kind: 'skip' } | { kind: 'warning'; remove: boolean; message: string } | { kind: 'error'; message: string };

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
}

function usage(o: Output, cmd: string): number {
  o.err(`error: USAGE: ${cmd} NODE [flags]\nSee 'kubectl ${cmd} -h' for help and examples\n`);
  return 1;
}

/** The nodes named on the command line (NAME or node/NAME), or by -l. */
function resolveNodes(env: KubectlEnv, p: Parsed, cmd: string, o: Output): Node[] | number {
  const store = env.cluster.store;
  const selector = str(p, 'selector');
  if (p.args.length === 0 && selector === undefined) return usage(o, cmd);
  if (p.args.length > 0 && selector) {
    o.err(`error: error: cannot specify both a node name and a --selector option\nSee 'kubectl ${cmd} -h' for help and examples\n`);
    return 1;
  }
  if (selector !== undefined) {
    const reqs = parseLabelSelector(selector);
    if (typeof reqs === 'string') {
      o.err(`error: ${reqs}\n`);
      return 1;
    }
    const nodes = store.list<Node>('Node').filter((n) => matchesLabels(n.metadata.labels, reqs));
    if (nodes.length === 0) {
      o.err('No resources found\n');
      return 0;
    }
    return nodes;
  }
  const nodes: Node[] = [];
  for (const arg of p.args) {
    const slash = arg.indexOf('/');
    if (slash >= 0 && !['node', 'nodes', 'no'].includes(arg.slice(0, slash))) {
      o.err(`error: error: expected resource of type node, got "${arg.slice(0, slash)}"\n`);
      return 1;
    }
    const name = slash >= 0 ? arg.slice(slash + 1) : arg;
    const node = store.get<Node>('Node', undefined, name);
    if (!node) {
      o.err(`Error from server (NotFound): nodes "${name}" not found\n`);
      return 1;
    }
    nodes.push(node);
  }
  return nodes;
}

/** RunCordonOrUncordon: patch spec.unschedulable, or say it already was. */
function cordonAll(env: KubectlEnv, nodes: Node[], desired: boolean, o: Output): void {
  for (const node of nodes) {
    const cur = env.cluster.store.get<Node>('Node', undefined, node.metadata.name ?? '') ?? node;
    const name = cur.metadata.name ?? '';
    if ((cur.spec?.unschedulable ?? false) === desired) {
      o.out(`node/${name} already ${desired ? 'cordoned' : 'uncordoned'}\n`);
      continue;
    }
    const spec = { ...cur.spec };
    // unschedulable is omitempty: uncordoning removes the field.
    if (desired) spec.unschedulable = true;
    else delete spec.unschedulable;
    const res = env.cluster.api.update({ ...cur, spec } as KubeObject, cur as KubeObject);
    if (!res.ok) {
      o.err(`error: unable to ${desired ? 'cordon' : 'uncordon'} node "${name}": ${res.error.message}\n`);
      continue;
    }
    o.out(`node/${name} ${desired ? 'cordoned' : 'uncordoned'}\n`);
  }
  env.cluster.clock.settle();
}

function* cordon(env: KubectlEnv, p: Parsed, o: Output): Job {
  const nodes = resolveNodes(env, p, 'cordon', o);
  if (typeof nodes === 'number') return nodes;
  cordonAll(env, nodes, true, o);
  return 0;
}

function* uncordon(env: KubectlEnv, p: Parsed, o: Output): Job {
  const nodes = resolveNodes(env, p, 'uncordon', o);
  if (typeof nodes === 'number') return nodes;
  cordonAll(env, nodes, false, o);
  return 0;
}

function controllerOf(pod: Pod): { kind: string; name: string } | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
}

function finished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** makeFilters, in order; the first filter that keeps a pod decides, else the last one run. */
function filterPod(env: KubectlEnv, pod: Pod, opts: DrainOptions): Status {
  const filters: ((pod: Pod) => Status)[] = [
    (x) => {
      const ref = controllerOf(x);
      if (!ref || ref.kind !== 'DaemonSet' || finished(x)) return { kind: 'okay' };
      if (!env.cluster.store.get('DaemonSet', x.metadata.namespace, ref.name)) {
        const message = `daemonsets.apps "${ref.name}" not found`;
        return opts.force ? { kind: 'warning', remove: true, message } : { kind: 'error', message };
      }
      if (!opts.ignoreDaemonSets) return { kind: 'error', message: DAEMONSET_FATAL };
      return { kind: 'warning', remove: false, message: DAEMONSET_WARNING };
    },
    (x) => (x.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { kind: 'skip' } : { kind: 'okay' }),
    (x) => {
      if (!(x.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(x)) return { kind: 'okay' };
      if (!opts.deleteEmptyDirData) return { kind: 'error', message: LOCAL_STORAGE_FATAL };
      return { kind: 'warning', remove: true, message: LOCAL_STORAGE_WARNING };
    },
    (x) => {
      if (finished(x) || controllerOf(x)) return { kind: 'okay' };
      if (opts.force) return { kind: 'warning', remove: true, message: UNMANAGED_WARNING };
      return { kind: 'error', message: UNMANAGED_FATAL };
    },
  ];
  let status: Status = { kind: 'okay' };
  for (const f of filters) {
    status = f(pod);
    if (!removes(status)) break;
  }
  return status;
}

function removes(s: Status): boolean {
  return s.kind === 'okay' || (s.kind === 'warning' && s.remove);
}

function podsOnNode(env: KubectlEnv, node: string): Pod[] {
  const key = (p: Pod): string => `${p.metadata.namespace}/${p.metadata.name}`;
  return env.cluster.store
    .list<Pod>('Pod')
    .filter((p) => p.spec?.nodeName === node)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Messages grouped with the pods they name, "msg: ns/a, ns/b", in a fixed order. */
function grouped(items: { pod: Pod; message: string }[]): string[] {
  const by = new Map<string, string[]>();
  for (const { pod, message } of items) by.set(message, [...(by.get(message) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  const rank = (m: string): number => (MESSAGE_ORDER.includes(m) ? MESSAGE_ORDER.indexOf(m) : MESSAGE_ORDER.length);
  return [...by.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([m, pods]) => `${m}: ${pods.join(', ')}`);
}

/** utilerrors.Aggregate's Error(): one message as is, several in brackets. */
function aggregate(errs: string[]): string {
  return errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`;
}

function* drain(env: KubectlEnv, p: Parsed, o: Output): Job {
  const timeoutText = str(p, 'timeout') ?? '0s';
  const timeoutMs = timeoutText === '0' ? 0 : /[a-z]$/.test(timeoutText) ? parseDuration(timeoutText) : undefined;
  if (timeoutMs === undefined) {
    o.err(`error: invalid argument "${timeoutText}" for "--timeout" flag: time: ${/[a-z]$/.test(timeoutText) ? 'invalid duration' : 'missing unit in duration'} "${timeoutText}"\nSee 'kubectl drain --help' for usage.\n`);
    return 1;
  }
  const nodes = resolveNodes(env, p, 'drain', o);
  if (typeof nodes === 'number') return nodes;
  const opts: DrainOptions = { force: bool(p, 'force'), ignoreDaemonSets: bool(p, 'ignore-daemonsets'), deleteEmptyDirData: bool(p, 'delete-emptydir-data') || bool(p, 'delete-local-data') };
  const grace = int(p, 'grace-period') ?? -1;
  cordonAll(env, nodes, true, o);

  const fatal: string[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const err = yield* drainNode(env, name, opts, grace, timeoutMs, o);
    if (err === 'interrupted') return 130;
    if (err === undefined) {
      o.out(`node/${name} drained\n`);
      continue;
    }
    o.err(`error: unable to drain node "${name}" due to error: ${aggregate(err)}, continuing command...\n`);
    fatal.push(...err);
    remaining.push(name);
  }
  if (remaining.length === 0) return 0;
  o.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // cmdutil.CheckErr prints an aggregate one error per line, without "error: ".
  o.err(fatal.map((e) => e + '\n').join(''));
  return 1;
}

/** deleteOrEvictPodsSimple: undefined when the node is drained, else its errors. */
function* drainNode(env: KubectlEnv, node: string, opts: DrainOptions, grace: number, timeoutMs: number, o: Output): Generator<Wait, string[] | undefined | 'interrupted', void> {
  const listed = podsOnNode(env, node).map((pod) => ({ pod, status: filterPod(env, pod, opts) }));
  const errors = grouped(listed.flatMap(({ pod, status }) => (status.kind === 'error' ? [{ pod, message: status.message }] : []))).map((e) => `cannot delete ${e}`);
  if (errors.length) return errors;
  const warnings = grouped(listed.flatMap(({ pod, status }) => (status.kind === 'warning' ? [{ pod, message: status.message }] : [])));
  if (warnings.length) o.err(`Warning: ${warnings.join('; ')}\n`);
  const targets = listed.filter(({ status }) => removes(status)).map(({ pod }) => pod);
  if (targets.length === 0) return undefined;

  // The Eviction API: no PodDisruptionBudgets are modelled, so every eviction is allowed.
  for (const pod of targets) o.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
  for (const pod of targets) {
    const cur = env.cluster.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
    if (!cur || cur.metadata.uid !== pod.metadata.uid) continue;
    const marked = cur.metadata.deletionTimestamp ? cur : addDisruptionTarget(env.cluster, cur, 'EvictionByEvictionAPI', 'Eviction API: evicting');
    env.cluster.api.delete('Pod', marked.metadata.namespace, marked.metadata.name ?? '', grace >= 0 ? { gracePeriodSeconds: grace } : {});
  }
  env.cluster.clock.settle();

  // waitForDelete: each pod is polled every second until it is gone (or replaced by a new uid).
  let pending = targets;
  const limit = timeoutMs > 0 ? timeoutMs : MAX_WAIT_MS;
  for (let waited = 0; ; waited += 1000) {
    pending = pending.filter((pod) => {
      const cur = env.cluster.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name ?? '');
      if (cur && cur.metadata.uid === pod.metadata.uid) return true;
      o.out(`pod/${pod.metadata.name} evicted\n`);
      return false;
    });
    if (pending.length === 0) return undefined;
    if (waited >= limit) break;
    yield { type: 'sleep', ms: 1000 };
  }
  if (timeoutMs === 0) return 'interrupted';
  const errs = pending.map((pod) => `error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: context deadline exceeded`);
  const still = podsOnNode(env, node).filter((pod) => removes(filterPod(env, pod, opts)));
  if (still.length) o.err(`There are pending pods in node "${node}" when an error occurred: ${aggregate(errs)}\n${still.map((x) => `pod/${x.metadata.name}\n`).join('')}`);
  return [aggregate(errs)];
}

const SELECTOR = { name: 'selector', short: 'l', type: 'string' } as const;

export const cordonCommand: Command = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  flags: [SELECTOR],
  run: cordon,
};

export const uncordonCommand: Command = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  flags: [SELECTOR],
  run: uncordon,
};

export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string' },
    SELECTOR,
  ],
  run: drain,
};
