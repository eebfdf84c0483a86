// kubectl taint (k8s.io/kubectl pkg/cmd/taint: taint.go and utils.go, v1.31): add
// key=value:Effect or key:Effect, remove key:Effect- or key-, on nodes named, by -l or --all.
// The scheduler and the taint-eviction controller act on what it writes.

import type { Node, Taint } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../store/types.ts';
import { isQualifiedName, isValidLabelValue } from '../../admission/names.ts';
import { bool, str, type Parsed } from '../flags.ts';
import { matchesLabels, parseLabelSelector } from '../select.ts';
import { done, usageError, type Command, type KubectlEnv, type Output } from '../types.ts';

type NodeObject = Node & KubeObject;
type TaintSpec = Pick<Taint, 'key' | 'value' | 'effect'>;

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString: key=value:effect, key:effect, key=value: or key. */
function taintText(t: TaintSpec): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** parseTaint: '<key>=<value>:<effect>', '<key>:<effect>' or '<key>'. */
function parseTaint(st: string): TaintSpec | string {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0]!;
  else if (parts.length === 2) {
    effect = parts[1]!;
    if (!EFFECTS.includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = parts[0]!.split('=');
    if (kv.length > 2) return `invalid taint spec: ${st}`;
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length) return `invalid taint spec: ${st}, ${errs.join('; ')}`;
    }
  } else return `invalid taint spec: ${st}`;
  const errs = isQualifiedName(key);
  if (errs.length) return `invalid taint spec: ${st}, ${errs.join('; ')}`;
  return { key, value, effect };
}

/** ParseTaints: what to add and what to remove, each add unique by key and effect. */
function parseTaints(specs: string[]): { add: TaintSpec[]; remove: TaintSpec[] } | string {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      if (typeof t === 'string') return t;
      remove.push({ key: t.key, effect: t.effect, value: '' });
      continue;
    }
    const t = parseTaint(spec);
    if (typeof t === 'string') return t;
    if (!t.effect) return `invalid taint spec: ${spec}`;
    if (add.some((x) => x.key === t.key && x.effect === t.effect)) return `duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`;
    add.push(t);
  }
  return { add, remove };
}

/** ReorganizeTaints: the node's new taints and what kubectl calls the change. */
function reorganize(old: Taint[], overwrite: boolean, add: TaintSpec[], remove: TaintSpec[]): { operation: string; taints: Taint[]; errors: string[] } {
  let taints: Taint[] = add.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect }));
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = taints.length !== before;
    if (!deleted) errors.push(`taint "${taintText(r)}" not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}

function taint(env: KubectlEnv, p: Parsed, o: Output): number {
  // Resources first, then taint changes (anything with '=' or ':', or ending in '-').
  const resources: string[] = [];
  const changes: string[] = [];
  for (const a of p.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) changes.push(a);
    else if (changes.length) {
      o.err(`error: all resources must be specified before taint changes: ${a}\n`);
      return 1;
    } else resources.push(a);
  }
  if (resources.length < 1) {
    o.err('error: one or more resources must be specified as <resource> <name>\n');
    return 1;
  }
  if (changes.length < 1) {
    o.err('error: at least one taint update is required\n');
    return 1;
  }
  const parsed = parseTaints(changes);
  if (typeof parsed === 'string') return usageError(o, 'taint', parsed);
  if (!['node', 'nodes'].includes(resources[0]!.toLowerCase())) return usageError(o, 'taint', `invalid resource type ${resources[0]}, only ["node" "nodes"] are supported`);
  const conflicts = parsed.add.flatMap((a) => parsed.remove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `{"${r.key}":"${r.effect}"}`));
  if (conflicts.length) return usageError(o, 'taint', `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = bool(p, 'all');
  const selector = str(p, 'selector') ?? '';
  if (all && selector) return usageError(o, 'taint', "setting 'all' parameter with a non empty selector is prohibited.");
  if (!all && !selector && resources.length < 2) return usageError(o, 'taint', "at least one resource name must be specified since 'all' parameter is not set");

  const store = env.cluster.store;
  let nodes: NodeObject[];
  if (all || selector) {
    const reqs = parseLabelSelector(selector);
    if (typeof reqs === 'string') {
      o.err(`error: ${reqs}\n`);
      return 1;
    }
    nodes = store.list<NodeObject>('Node').filter((n) => matchesLabels(n.metadata.labels, reqs));
  } else {
    nodes = [];
    for (const name of resources.slice(1)) {
      const n = store.get<NodeObject>('Node', undefined, name);
      if (!n) {
        o.err(`Error from server (NotFound): nodes "${name}" not found\n`);
        return 1;
      }
      nodes.push(n);
    }
  }
  let status = 0;
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    const old = node.spec?.taints ?? [];
    if (!bool(p, 'overwrite')) {
      const exists = parsed.add.filter((a) => old.some((t) => t.key === a.key && t.effect === a.effect)).map((a) => a.key);
      if (exists.length) {
        o.err(`error: Node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false\n`);
        status = 1;
        continue;
      }
    }
    const r = reorganize(old, bool(p, 'overwrite'), parsed.add, parsed.remove);
    if (r.errors.length) {
      o.err(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}\n`);
      status = 1;
      continue;
    }
    const spec = { ...node.spec };
    // taints is omitempty: removing the last one removes the field.
    if (r.taints.length) spec.taints = r.taints;
    else delete spec.taints;
    const res = env.cluster.api.update({ ...node, spec } as KubeObject, node as KubeObject);
    if (!res.ok) {
      o.err(`Error from server (${res.error.reason}): ${res.error.message}\n`);
      status = 1;
      continue;
    }
    o.out(`node/${name} ${r.operation}\n`);
  }
  env.cluster.clock.settle();
  return status;
}

export const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'validate', type: 'string' },
  ],
  run: (env, p, o) => done(taint(env, p, o)),
};
