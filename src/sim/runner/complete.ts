// Tab completion for the terminal: kubectl verbs and subcommands, resource types, object
// names read from the live cluster, flags and namespaces. It looks only at the text before
// the cursor, as bash's programmable completion does, and knows nothing about the screen.

import type { Cluster } from '../cluster.ts';
import { COMMANDS } from '../kubectl/index.ts';
import { GLOBAL_FLAGS, type FlagSpec } from '../kubectl/flags.ts';
import type { Command } from '../kubectl/types.ts';
import { SERVED_RESOURCES } from '../admission/apiVersions.ts';
import { resolveResourceType } from '../resources.ts';

export interface Completion {
  /** Where the word being completed starts in the line; candidates replace line[start, cursor). */
  start: number;
  /** Whole replacement words, sorted, all starting with the typed word. */
  candidates: string[];
}

/** The workstation's own commands, for the first word of a line. */
const SHELL_COMMANDS = ['kubectl', 'k', 'clear', 'curl', 'echo', 'exit', 'export', 'sleep', 'ssh', 'timeout'];

const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  create: ['configmap', 'deployment', 'job', 'namespace', 'secret', 'service'],
  set: ['env', 'image'],
  top: ['node', 'pod'],
  config: ['current-context', 'delete-context', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set-context', 'use-context', 'view'],
  auth: ['can-i', 'whoami'],
};

/** `kubectl create secret|service` take one more word before the name. */
const CREATE_KINDS: Readonly<Record<string, readonly string[]>> = {
  secret: ['docker-registry', 'generic', 'tls'],
  service: ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
  svc: ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
};

/** The types a rollout can be about (kubectl refuses the rest). */
const ROLLOUT_TYPES = ['daemonset', 'daemonsets', 'deploy', 'deployment', 'deployments', 'ds', 'statefulset', 'statefulsets', 'sts'];

const OUTPUT_FORMATS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];

/** Verbs whose first argument is a resource type and later ones names of that type. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'edit', 'patch', 'scale', 'wait', 'expose']);
/** Verbs whose argument is a pod, or TYPE/NAME of something with pods. */
const POD_VERBS = new Set(['logs', 'exec']);
/** Verbs whose arguments are node names. */
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);

const RESOURCE_WORDS: readonly string[] = unique(SERVED_RESOURCES.flatMap((r) => [r.resource, r.singular, ...r.shortNames]));

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

function command(verb: string | undefined): Command | undefined {
  return verb === undefined ? undefined : COMMANDS.find((c) => c.name === verb || c.aliases?.includes(verb));
}

/** Split the text before the cursor into words, with where each starts; quotes keep spaces. */
function tokenize(text: string): { words: string[]; starts: number[] } {
  const words: string[] = [];
  const starts: number[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (cur !== undefined) words.push(cur);
      cur = undefined;
      continue;
    }
    if (cur === undefined) {
      cur = '';
      starts.push(i);
    }
    if (ch === '"' || ch === "'") quote = ch;
    else cur += ch;
  }
  // The word at the cursor, possibly empty.
  if (cur === undefined) starts.push(text.length);
  words.push(cur ?? '');
  return { words, starts };
}

function flagSpecs(cmd: Command | undefined): FlagSpec[] {
  return [...(cmd?.flags ?? []), ...GLOBAL_FLAGS];
}

/** Does this flag word consume the next word as its value (`-n NS`, `--image IMG`)? */
function takesValue(word: string, specs: FlagSpec[]): boolean {
  if (word.includes('=')) return false;
  if (word.startsWith('--')) {
    const spec = specs.find((s) => s.name === word.slice(2));
    return spec !== undefined && spec.type !== 'bool';
  }
  if (word.length !== 2) return false;
  const spec = specs.find((s) => s.short === word[1]);
  return spec !== undefined && spec.type !== 'bool';
}

function namespaces(cluster: Cluster): string[] {
  return cluster.store.list('Namespace').map((n) => n.metadata.name ?? '');
}

/** Names of objects of a typed resource (`po`, `deployments`), in a namespace when namespaced. */
function objectNames(cluster: Cluster, type: string, namespace: string): string[] {
  const res = resolveResourceType(type);
  if (!res) return [];
  return cluster.store
    .list(res.kind, res.namespaced ? namespace : undefined)
    .filter((o) => !o.metadata.deletionTimestamp)
    .map((o) => o.metadata.name ?? '');
}

function result(start: number, word: string, all: readonly string[]): Completion {
  return { start, candidates: unique(all.filter((c) => c.startsWith(word))) };
}

/** TYPE/NAME: complete the name after the slash, keeping the typed type. */
function slashForm(cluster: Cluster, word: string, start: number, namespace: string, types?: readonly string[]): Completion {
  const slash = word.indexOf('/');
  const type = word.slice(0, slash);
  if (types && !types.includes(type)) return { start, candidates: [] };
  return result(start, word, objectNames(cluster, type, namespace).map((n) => `${type}/${n}`));
}

export function complete(line: string, cursor: number, cluster: Cluster, namespace: string): Completion {
  const before = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  // Only the last command of a pipeline or list is being completed.
  let offset = 0;
  for (const m of before.matchAll(/\|\|?|;|&&/g)) offset = m.index + m[0].length;
  const { words, starts } = tokenize(before.slice(offset));
  const word = words[words.length - 1]!;
  const start = offset + starts[starts.length - 1]!;
  const done = words.slice(0, -1);

  if (done.length === 0) return result(start, word, SHELL_COMMANDS);
  const program = done[0];
  if (program === 'ssh') return result(start, word, [...cluster.machines.keys()]);
  if (program !== 'kubectl' && program !== 'k') return { start, candidates: [] };

  // Walk the kubectl words: the verb, positional arguments, and the namespace if given.
  let ns = namespace;
  let verb: string | undefined;
  const args: string[] = [];
  let pendingFlag: string | undefined;
  for (let i = 1; i < done.length; i++) {
    const w = done[i]!;
    if (pendingFlag !== undefined) {
      if (pendingFlag === '-n' || pendingFlag === '--namespace') ns = w;
      pendingFlag = undefined;
      continue;
    }
    // After `--` come the container's command and its own arguments.
    if (w === '--') return { start, candidates: [] };
    if (w.startsWith('-') && w.length > 1) {
      if (w.startsWith('--namespace=')) ns = w.slice('--namespace='.length);
      else if (/^-n./.test(w) && !w.startsWith('--')) ns = w.slice(2);
      if (takesValue(w, flagSpecs(command(verb)))) pendingFlag = w;
      continue;
    }
    if (verb === undefined) verb = w;
    else args.push(w);
  }
  const cmd = command(verb);
  const specs = flagSpecs(cmd);

  if (pendingFlag === '-n' || pendingFlag === '--namespace') return result(start, word, namespaces(cluster));
  if (pendingFlag === '-o' || pendingFlag === '--output') return result(start, word, OUTPUT_FORMATS);
  if (pendingFlag !== undefined) return { start, candidates: [] };
  if (word.startsWith('--namespace=')) return result(start, word, namespaces(cluster).map((n) => `--namespace=${n}`));
  if (word.startsWith('--output=')) return result(start, word, OUTPUT_FORMATS.map((f) => `--output=${f}`));
  if (word.startsWith('-')) {
    const long = specs.map((s) => `--${s.name}${s.type === 'bool' ? '' : '='}`);
    const short = word.startsWith('--') ? [] : specs.filter((s) => s.short).map((s) => `-${s.short}`);
    return result(start, word, [...long, ...short]);
  }

  if (verb === undefined) return result(start, word, COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
  const name = cmd?.name;
  const pos = args.length;

  if (name === 'rollout' || name === 'set') {
    if (pos === 0) return result(start, word, SUBCOMMANDS[name]!);
    const types = name === 'rollout' ? ROLLOUT_TYPES : [...ROLLOUT_TYPES, 'pod', 'pods', 'po', 'replicaset', 'replicasets', 'rs', 'job', 'jobs', 'cronjob', 'cronjobs', 'cj'];
    if (word.includes('/')) return slashForm(cluster, word, start, ns, types);
    if (pos === 1) return result(start, word, types);
    if (!args[1]!.includes('/')) return result(start, word, objectNames(cluster, args[1]!, ns));
    return { start, candidates: [] };
  }
  if (name === 'create') {
    if (pos === 0) return result(start, word, SUBCOMMANDS['create']!);
    const kinds = Object.hasOwn(CREATE_KINDS, args[0]!) ? CREATE_KINDS[args[0]!] : undefined;
    if (pos === 1 && kinds) return result(start, word, kinds);
    return { start, candidates: [] };
  }
  if (name === 'top') {
    if (pos === 0) return result(start, word, SUBCOMMANDS['top']!);
    if (pos === 1) return result(start, word, objectNames(cluster, args[0] === 'node' || args[0] === 'nodes' || args[0] === 'no' ? 'nodes' : 'pods', ns));
    return { start, candidates: [] };
  }
  if (name === 'explain') return pos === 0 ? result(start, word, RESOURCE_WORDS) : { start, candidates: [] };
  if (name === 'config' || name === 'auth') return pos === 0 ? result(start, word, SUBCOMMANDS[name]!) : { start, candidates: [] };
  if (name === 'taint') return pos === 0 ? result(start, word, ['node', 'nodes']) : result(start, word, objectNames(cluster, 'nodes', ns));
  if (name !== undefined && NODE_VERBS.has(name)) return result(start, word, objectNames(cluster, 'nodes', ns));
  if (name !== undefined && POD_VERBS.has(name)) {
    if (pos > 0) return { start, candidates: [] };
    if (word.includes('/')) return slashForm(cluster, word, start, ns);
    return result(start, word, objectNames(cluster, 'pods', ns));
  }
  if (name !== undefined && TYPED_VERBS.has(name)) {
    if (word.includes('/')) return slashForm(cluster, word, start, ns);
    if (pos === 0) {
      // `get pods,svc`: complete the type after the last comma.
      const comma = word.lastIndexOf(',');
      const types = name === 'get' || name === 'describe' || name === 'delete' ? [...RESOURCE_WORDS, 'all'] : RESOURCE_WORDS;
      if (comma < 0) return result(start, word, types);
      const head = word.slice(0, comma + 1);
      return result(start, word, types.map((t) => head + t));
    }
    const type = args[0]!;
    if (type.includes('/') || type.includes(',')) return { start, candidates: [] };
    return result(start, word, objectNames(cluster, type, ns));
  }
  return { start, candidates: [] };
}

/** The longest prefix all candidates share (what one Tab can insert). */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0]!;
  for (const c of candidates) {
    let i = 0;
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}
