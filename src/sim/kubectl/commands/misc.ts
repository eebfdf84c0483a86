// label, annotate, explain, top, version, api-resources, cluster-info.

import type { Node, Pod } from '../../api.ts';
import { apiResourcesTable } from '../../admission/apiVersions.ts';
import { explain as schemaExplain } from '../../schema/index.ts';
import { KUBERNETES_VERSION } from '../../cluster.ts';
import { resolveResourceType } from '../../resources.ts';
import { apiErrorText } from '../../store/types.ts';
import { bool, str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { nameOf } from '../output.ts';
import { resolveObjects } from '../select.ts';
import { formatTabbed, GET_TABWRITER } from '../printers/index.ts';
import { done } from '../types.ts';

// ------------------------------------------------------------------ label / annotate

function* labelOrAnnotate(env: KubectlEnv, p: Parsed, o: Output, which: 'labels' | 'annotations'): Job {
  const ns = str(p, 'namespace') ?? env.namespace;
  const verb = which === 'labels' ? 'label' : 'annotate';
  const pairs = p.args.filter((a) => a.includes('=') || a.endsWith('-'));
  const resArgs = p.args.filter((a) => !pairs.includes(a));
  if (resArgs.length === 0) {
    o.err(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n`);
    return 1;
  }
  if (pairs.length === 0) {
    o.err(`error: at least one ${which === 'labels' ? 'label' : 'annotation'} update is required\n`);
    return 1;
  }
  const store = env.cluster.store;
  const r = resolveObjects(store, resArgs, { namespace: ns, all: bool(p, 'all'), selector: str(p, 'selector') });
  if (typeof r === 'string') {
    o.err(r + '\n');
    return 1;
  }
  if (r.notFound.length) {
    o.err(r.notFound[0] + '\n');
    return 1;
  }
  const objects = r.objects;
  let failed = false;
  for (const obj of objects) {
    const next = structuredClone(obj);
    // No prototype: a key such as __proto__ is a key like any other (and the API server's
    // validation then refuses it, as a real one does).
    const map: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, next.metadata[which] ?? {});
    let removedOnly = true;
    for (const pair of pairs) {
      if (pair.endsWith('-') && !pair.includes('=')) {
        delete map[pair.slice(0, -1)];
        continue;
      }
      removedOnly = false;
      const eq = pair.indexOf('=');
      const k = pair.slice(0, eq);
      const v = pair.slice(eq + 1);
      const had = Object.hasOwn(map, k) ? map[k] : undefined;
      if (had !== undefined && had !== v && !bool(p, 'overwrite')) {
        o.err(`error: '${k}' already has a value (${had}), and --overwrite is false\n`);
        return 1;
      }
      map[k] = v;
    }
    next.metadata[which] = map;
    const r = env.cluster.api.update(next, obj);
    if (!r.ok) {
      o.err(apiErrorText(r.error) + '\n');
      failed = true;
      continue;
    }
    const past = which === 'labels' ? (removedOnly ? 'unlabeled' : 'labeled') : 'annotated';
    o.out(`${nameOf(store, r.object)} ${past}\n`);
  }
  env.cluster.clock.settle();
  void verb;
  return failed ? 1 : 0;
}

const META_FLAGS = [
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'list', type: 'bool' as const },
];

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  flags: META_FLAGS,
  run: (env, p, o) => labelOrAnnotate(env, p, o, 'labels'),
};

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  flags: META_FLAGS,
  run: (env, p, o) => labelOrAnnotate(env, p, o, 'annotations'),
};

// ------------------------------------------------------------------ explain

function explain(_env: KubectlEnv, p: Parsed, o: Output): Job {
  const arg = p.args[0];
  if (!arg) {
    o.err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n");
    return done(1);
  }
  const [typeName, ...path] = arg.split('.');
  const res = resolveResourceType(typeName ?? '');
  if (!res) {
    o.err(`error: the server doesn't have a resource type "${typeName}"\n`);
    return done(1);
  }
  const r = schemaExplain(res.apiVersion, res.kind, path, { recursive: bool(p, 'recursive') });
  if (!r.ok) {
    if (r.partialText) o.out(r.partialText);
    o.err(r.error + '\n');
    return done(1);
  }
  o.out(r.text);
  return done(0);
}

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [{ name: 'recursive', type: 'bool' }, { name: 'api-version', type: 'string' }, { name: 'output', short: 'o', type: 'string' }],
  run: explain,
};

// ------------------------------------------------------------------ top

function* top(env: KubectlEnv, p: Parsed, o: Output): Job {
  const what = p.args[0];
  const now = env.cluster;
  if (what === 'pod' || what === 'pods' || what === 'po') {
    const ns = str(p, 'namespace') ?? env.namespace;
    const allNs = bool(p, 'all-namespaces');
    const pods = now.store.list<Pod>('Pod', allNs ? undefined : ns).filter((x) => x.status?.phase === 'Running' && (!p.args[1] || x.metadata.name === p.args[1]));
    if (p.args[1] && pods.length === 0) {
      o.err(`error: pods "${p.args[1]}" not found\n`);
      return 1;
    }
    if (pods.length === 0) {
      o.err(`No resources found in ${ns} namespace.\n`);
      return 0;
    }
    const rows = [[...(allNs ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)', '']];
    for (const pod of pods) {
      const u = podUsage(env, pod);
      rows.push([...(allNs ? [pod.metadata.namespace ?? ''] : []), pod.metadata.name ?? '', `${u.cpuMilli}m`, `${Math.round(u.memory / 1048576)}Mi`, '']);
    }
    o.out(formatTabbed(rows.map((r) => r.join('\t')).join('\n') + '\n', GET_TABWRITER));
    return 0;
  }
  if (what === 'node' || what === 'nodes' || what === 'no') {
    const nodes = now.store.list<Node>('Node').filter((n) => !p.args[1] || n.metadata.name === p.args[1]);
    const rows = [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)', '']];
    for (const n of nodes) {
      const pods = now.store.list<Pod>('Pod').filter((x) => x.spec?.nodeName === n.metadata.name && x.status?.phase === 'Running');
      let cpu = n.metadata.name === 'controlplane' ? 95 : 25;
      let mem = (n.metadata.name === 'controlplane' ? 820 : 380) * 1048576;
      for (const pod of pods) {
        const u = podUsage(env, pod);
        cpu += u.cpuMilli;
        mem += u.memory;
      }
      const capCpu = Number(n.status?.capacity?.['cpu'] ?? '2') * 1000;
      const capMem = Number(String(n.status?.capacity?.['memory'] ?? '4015796Ki').replace(/Ki$/, '')) * 1024;
      rows.push([n.metadata.name ?? '', `${cpu}m`, `${Math.round((cpu / capCpu) * 100)}%`, `${Math.round(mem / 1048576)}Mi`, `${Math.round((mem / capMem) * 100)}%`, '']);
    }
    o.out(formatTabbed(rows.map((r) => r.join('\t')).join('\n') + '\n', GET_TABWRITER));
    return 0;
  }
  o.err('error: unknown command "' + (what ?? '') + '" for "kubectl top"\n\nDid you mean this?\n\tpod\n\tnode\n');
  return 1;
  yield { type: 'sleep', ms: 0 };
}

/** What metrics-server would report: the behaviour models' usage, summed over containers. */
export function podUsage(env: KubectlEnv, pod: Pod): { cpuMilli: number; memory: number } {
  const kubelet = env.cluster.kubelets.get(pod.spec?.nodeName ?? '');
  const w = kubelet?.find(pod);
  let cpu = 0;
  let memory = 0;
  for (const c of w?.containers ?? []) {
    if (c.state.type !== 'running') continue;
    cpu += c.usage.cpuMilli;
    memory += c.usage.memoryBytes;
  }
  return { cpuMilli: cpu, memory };
}

export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  flags: [{ name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'containers', type: 'bool' }, { name: 'no-headers', type: 'bool' }],
  run: top,
};

// ------------------------------------------------------------------ version, api-resources, cluster-info

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }, { name: 'short', type: 'bool' }],
  run: (_env, p, o) => {
    const lines = [`Client Version: ${KUBERNETES_VERSION}`, 'Kustomize Version: v5.4.2'];
    if (!bool(p, 'client')) lines.push(`Server Version: ${KUBERNETES_VERSION}`);
    o.out(lines.join('\n') + '\n');
    return done(0);
  },
};

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [{ name: 'namespaced', type: 'string' }, { name: 'api-group', type: 'string' }, { name: 'output', short: 'o', type: 'string' }, { name: 'no-headers', type: 'bool' }],
  run: (_env, p, o) => {
    const namespaced = str(p, 'namespaced');
    const group = str(p, 'api-group');
    const output = str(p, 'output');
    const table = apiResourcesTable({
      ...(namespaced !== undefined ? { namespaced: namespaced === 'true' } : {}),
      ...(group !== undefined ? { apiGroup: group } : {}),
      ...(output === 'name' ? { output: 'name' as const } : {}),
    });
    o.out(p.flags.get('no-headers') === true && output !== 'name' ? table.slice(table.indexOf('\n') + 1) : table);
    return done(0);
  },
};

/** The API server's address as the kubeconfig and cluster-info give it: the control plane node's IP, port 6443. */
export function apiServerUrl(env: KubectlEnv): string {
  const cp = env.cluster.store.list<Node>('Node').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  return `https://${cp?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '192.168.1.2'}:6443`;
}

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  flags: [],
  run: (env, _p, o) => {
    const server = apiServerUrl(env);
    o.out(
      `Kubernetes control plane is running at ${server}\nCoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    );
    return done(0);
  },
};
