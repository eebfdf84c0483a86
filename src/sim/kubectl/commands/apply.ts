// kubectl apply / create / replace / delete: the write commands.

import type { KubeObject } from '../../store/types.ts';
import { apiErrorText } from '../../store/types.ts';
import type { WriteResult } from '../../apiserver.ts';
import { bool, int, str, strings, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { clientValidate, readManifests } from '../manifest.ts';
import { dryRunView, nameOf, toJson, toYaml } from '../output.ts';
import { resolveObjects } from '../select.ts';
import { createDeployment } from './rollout.ts';
import { resolveResourceType } from '../../resources.ts';
import { resolveManifestKind } from '../kinds.ts';

type Verb = 'apply' | 'create' | 'replace';

function errorWhen(verb: Verb, source: string, r: Extract<WriteResult, { ok: false }>): string {
  if (r.error.reason === 'Invalid') return r.error.message;
  const when = verb === 'replace' ? 'replacing' : 'creating';
  return `Error from server (${r.error.reason}): error when ${when} "${source}": ${r.error.message}`;
}

function* writeFromFiles(env: KubectlEnv, p: Parsed, o: Output, verb: Verb): Job {
  const files = strings(p, 'filename');
  if (files.length === 0) {
    o.err(verb === 'apply' ? 'error: must specify one of -f and -k\n' : `error: must specify one of -f and -k\n`);
    return 1;
  }
  const read = readManifests(env, files);
  if (!read.ok) {
    o.err(read.error + '\n');
    return 1;
  }
  const dry = str(p, 'dry-run');
  const ns = str(p, 'namespace');
  const output = str(p, 'output');
  let failed = false;
  for (const doc of read.docs) {
    const bad = clientValidate(doc);
    if (bad) {
      o.err(bad + '\n');
      failed = true;
      continue;
    }
    const kindErr = resolveManifestKind(doc);
    if (kindErr) {
      o.err(kindErr + '\n');
      failed = true;
      continue;
    }
    if (verb === 'apply' && !doc.object.metadata?.name) {
      const rs = resolveResourceType(doc.object.kind);
      o.err(
        `error: error when retrieving current configuration of:\nResource: "${rs?.group ? rs.group + '/' : '/'}${rs?.version ?? 'v1'}, Resource=${rs?.resource ?? ''}", GroupVersionKind: "${rs?.group ? rs.group + '/' : '/'}${rs?.version ?? 'v1'}, Kind=${doc.object.kind}"\nName: "", Namespace: "${ns ?? env.namespace}"\nfrom server for: "${doc.source}": resource name may not be empty\n`,
      );
      failed = true;
      continue;
    }
    const api = env.cluster.api;
    const opts = { namespace: ns ?? doc.object.metadata?.namespace ?? env.namespace };
    if (dry === 'client' || dry === 'server') {
      const admitted = api.admit(doc.object, opts.namespace);
      if (!admitted.ok) {
        o.err(errorWhen(verb, doc.source, admitted) + '\n');
        failed = true;
        continue;
      }
      if (output === 'yaml') o.out(toYaml(dry === 'client' ? doc.object : admitted.object));
      else if (output === 'json') o.out(toJson(dry === 'client' ? doc.object : admitted.object));
      else o.out(`${nameOf(env.cluster.store, doc.object)} ${verb === 'apply' ? 'created' : verb === 'create' ? 'created' : 'replaced'} (${dry} dry run)\n`);
      continue;
    }
    const forced = verb === 'replace' && bool(p, 'force');
    if (forced) {
      // replace --force: delete (a missing object is fine), wait until it is gone, create.
      const gone = yield* deleteAndWait(env, doc.object, opts.namespace, int(p, 'grace-period'), o);
      if (!gone) {
        failed = true;
        continue;
      }
    }
    const res = verb === 'apply' ? api.apply(doc.object, opts) : verb === 'create' || forced ? api.create(doc.object, opts) : api.replace(doc.object, opts);
    if (!res.ok) {
      o.err(errorWhen(verb, doc.source, res) + '\n');
      failed = true;
      continue;
    }
    for (const w of res.warnings) o.err(w + '\n');
    if (output === 'yaml') o.out(toYaml(res.object));
    else if (output === 'json') o.out(toJson(res.object));
    else if (output === 'name') o.out(nameOf(env.cluster.store, res.object) + '\n');
    else o.out(`${nameOf(env.cluster.store, res.object)} ${forced ? 'replaced' : res.action}\n`);
    // Let controllers react before the next command, as a real API round trip would.
    env.cluster.clock.settle();
  }
  return failed ? 1 : 0;
}

const WRITE_FLAGS = [
  { name: 'filename', short: 'f', type: 'strings' as const },
  { name: 'dry-run', type: 'string' as const },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'validate', type: 'string' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'save-config', type: 'bool' as const },
  { name: 'force', type: 'bool' as const },
  { name: 'server-side', type: 'bool' as const },
  { name: 'record', type: 'bool' as const },
];

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: WRITE_FLAGS,
  run: (env, p, o) => writeFromFiles(env, p, o, 'apply'),
};

/** For replace --force: the object as the file names it, deleted and gone; false after an error. */
function* deleteAndWait(env: KubectlEnv, obj: KubeObject, namespace: string, grace: number | undefined, o: Output): Generator<{ type: 'sleep'; ms: number }, boolean> {
  const store = env.cluster.store;
  const ns = store.info(obj.kind).namespaced ? namespace : undefined;
  const cur = store.get(obj.kind, ns, obj.metadata?.name ?? '');
  if (!cur) return true;
  const r = env.cluster.api.delete(cur.kind, ns, cur.metadata.name ?? '', grace === undefined ? {} : { gracePeriodSeconds: grace });
  if (!r.ok) {
    o.err(apiErrorText(r.error) + '\n');
    return false;
  }
  o.out(`${deletedName(store, cur)} "${cur.metadata.name}" deleted\n`);
  env.cluster.clock.settle();
  for (let waited = 0; waited < 10 * 60_000; waited += 100) {
    const still = store.get(cur.kind, ns, cur.metadata.name ?? '');
    if (!still || still.metadata.uid !== cur.metadata.uid) return true;
    yield { type: 'sleep', ms: 100 };
  }
  o.err(`error: timed out waiting for the condition on ${store.qualifiedPlural(cur.kind)}/${cur.metadata.name}\n`);
  return false;
}

/** How kubectl names a deleted object: `pod`, `deployment.apps`. */
function deletedName(store: KubectlEnv['cluster']['store'], obj: KubeObject): string {
  const info = store.info(obj.kind);
  return info.group ? `${obj.kind.toLowerCase()}.${info.group}` : obj.kind.toLowerCase();
}

export const replaceCommand: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [...WRITE_FLAGS, { name: 'grace-period', type: 'int' }, { name: 'cascade', type: 'string' }, { name: 'timeout', type: 'string' }, { name: 'wait', type: 'bool' }],
  run: (env, p, o) => writeFromFiles(env, p, o, 'replace'),
};

// ------------------------------------------------------------------ create

function* create(env: KubectlEnv, p: Parsed, o: Output): Job {
  if (strings(p, 'filename').length) return yield* writeFromFiles(env, p, o, 'create');
  const [sub, name, ...rest] = p.args;
  const ns = str(p, 'namespace') ?? env.namespace;
  let obj: KubeObject | undefined;
  switch (sub) {
    case 'namespace':
    case 'ns':
      if (!name) return fail(o, 'error: exactly one NAME is required, got 0');
      obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
      break;
    case 'configmap':
    case 'cm': {
      if (!name) return fail(o, 'error: exactly one NAME is required, got 0');
      const data: Record<string, string> = {};
      for (const lit of strings(p, 'from-literal')) {
        const eq = lit.indexOf('=');
        if (eq <= 0) return fail(o, `error: invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, eq)] = lit.slice(eq + 1);
      }
      for (const f of strings(p, 'from-file')) {
        const eq = f.indexOf('=');
        const key = eq > 0 ? f.slice(0, eq) : (f.split('/').pop() ?? f);
        const text = env.readFile(eq > 0 ? f.slice(eq + 1) : f);
        if (text === undefined) return fail(o, `error: open ${f}: no such file or directory`);
        data[key] = text;
      }
      obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data } as KubeObject;
      break;
    }
    case 'secret': {
      const kind = name;
      const sname = rest[0];
      if (kind !== 'generic' && kind !== 'tls' && kind !== 'docker-registry') return fail(o, `error: unknown command "${kind ?? ''}" for "kubectl create secret"`);
      if (!sname) return fail(o, 'error: exactly one NAME is required, got 0');
      const data: Record<string, string> = {};
      for (const lit of strings(p, 'from-literal')) {
        const eq = lit.indexOf('=');
        if (eq <= 0) return fail(o, `error: invalid literal source ${lit}, expected key=value`);
        data[lit.slice(0, eq)] = btoa(lit.slice(eq + 1));
      }
      if (kind === 'tls') {
        // kubectl create secret tls NAME --cert=FILE --key=FILE: both PEM files become tls.crt / tls.key.
        const cert = str(p, 'cert');
        const key = str(p, 'key');
        if (!cert || !key) return fail(o, 'error: load key pair error: open : no such file or directory');
        for (const [field, file] of [['tls.crt', cert], ['tls.key', key]] as const) {
          const text = env.readFile(file);
          if (text === undefined) return fail(o, `error: open ${file}: no such file or directory`);
          data[field] = btoa(text);
        }
      }
      obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: sname, namespace: ns }, data, type: kind === 'tls' ? 'kubernetes.io/tls' : 'Opaque' } as KubeObject;
      break;
    }
    case 'deployment':
    case 'deploy':
      return yield* createDeployment(env, p, o);
    case 'service':
    case 'svc': {
      const made = serviceFromFlags(name, rest[0], p);
      if (typeof made === 'string') return fail(o, made);
      obj = made;
      break;
    }
    case 'job': {
      if (!name) return fail(o, 'error: exactly one NAME is required, got 0');
      const image = strings(p, 'image')[0];
      if (!image) return fail(o, 'error: either --image or --from must be specified');
      const container: Record<string, unknown> = { name, image, resources: {} };
      if (p.dashArgs?.length) container['command'] = p.dashArgs;
      obj = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: ns }, spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: 'Never' } } } } as KubeObject;
      break;
    }
    case undefined:
      return fail(o, 'error: must specify one of -f and -k');
    default: {
      const res = resolveResourceType(sub);
      if (res) return fail(o, `error: unknown command "${sub}" for "kubectl create"\nKubelab: \`kubectl create ${sub}\` is not simulated yet; write a manifest and use kubectl apply -f.`);
      return fail(o, `error: unknown command "${sub}" for "kubectl create"`);
    }
  }
  const dry = str(p, 'dry-run');
  if (dry === 'client') {
    const shown = dryRunView(obj);
    const out = str(p, 'output');
    if (out === 'yaml') o.out(toYaml(shown));
    else if (out === 'json') o.out(toJson(shown));
    else o.out(`${nameOf(env.cluster.store, obj)} created (dry run)\n`);
    return 0;
  }
  const r = env.cluster.api.create(obj, { namespace: ns });
  if (!r.ok) return fail(o, apiErrorText(r.error));
  o.out(`${nameOf(env.cluster.store, r.object)} created\n`);
  env.cluster.clock.settle();
  return 0;
}

const SERVICE_TYPES: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

/** kubectl create service clusterip|nodeport|loadbalancer|externalname NAME --tcp=port[:targetPort]. */
function serviceFromFlags(flavour: string | undefined, name: string | undefined, p: Parsed): KubeObject | string {
  const type = SERVICE_TYPES[flavour ?? ''];
  if (!type) return `error: unknown command "${flavour ?? ''}" for "kubectl create service"`;
  if (!name) return 'error: exactly one NAME is required, got 0';
  const tcp = strings(p, 'tcp').flatMap((t) => t.split(','));
  const clusterIP = str(p, 'clusterip');
  if (tcp.length === 0 && type !== 'ExternalName' && clusterIP !== 'None') return 'error: at least one tcp port specifier must be provided';
  const ports: Record<string, unknown>[] = [];
  for (const spec of tcp) {
    const [port, target = port] = spec.split(':') as [string, string?];
    if (!/^\d+$/.test(port)) return `error: strconv.Atoi: parsing "${port}": invalid syntax`;
    const entry: Record<string, unknown> = { name: spec.replace(/:/g, '-'), port: Number(port), protocol: 'TCP', targetPort: /^\d+$/.test(target) ? Number(target) : target };
    const nodePort = int(p, 'node-port');
    if (type === 'NodePort' && nodePort !== undefined) entry['nodePort'] = nodePort;
    ports.push(entry);
  }
  const spec: Record<string, unknown> = { type };
  if (ports.length) spec['ports'] = ports;
  if (type === 'ExternalName') {
    const ext = str(p, 'external-name');
    if (!ext) return 'error: --external-name must be specified';
    spec['externalName'] = ext;
  } else spec['selector'] = { app: name };
  if (clusterIP) spec['clusterIP'] = clusterIP;
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { app: name } }, spec } as KubeObject;
}

function fail(o: Output, msg: string): number {
  o.err(msg + '\n');
  return 1;
}

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [...WRITE_FLAGS, { name: 'from-literal', type: 'strings' }, { name: 'from-file', type: 'strings' }, { name: 'image', type: 'strings' }, { name: 'replicas', short: 'r', type: 'int' }, { name: 'port', type: 'int' },
    { name: 'tcp', type: 'strings' }, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }, { name: 'node-port', type: 'int' }, { name: 'clusterip', type: 'string' }, { name: 'external-name', type: 'string' }],
  run: create,
};

// ------------------------------------------------------------------ delete

function* del(env: KubectlEnv, p: Parsed, o: Output): Job {
  const store = env.cluster.store;
  const ns = str(p, 'namespace') ?? env.namespace;
  const force = bool(p, 'force');
  let grace = int(p, 'grace-period');
  if (bool(p, 'now')) grace = 1;
  if (force && grace === undefined) grace = 0;
  if (force && grace === 0) {
    o.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const wait = bool(p, 'wait');
  const targets: { obj: KubeObject; source?: string }[] = [];
  let failed = false;
  const files = strings(p, 'filename');
  if (files.length) {
    const read = readManifests(env, files);
    if (!read.ok) return fail(o, read.error);
    for (const d of read.docs) {
      const kindErr = resolveManifestKind(d);
      if (kindErr) {
        o.err(kindErr + '\n');
        failed = true;
        continue;
      }
      const dns = store.info(d.object.kind).namespaced ? (d.object.metadata?.namespace ?? ns) : undefined;
      const cur = store.get(d.object.kind, dns, d.object.metadata?.name ?? '');
      if (!cur) {
        if (!bool(p, 'ignore-not-found')) {
          o.err(`Error from server (NotFound): error when deleting "${d.source}": ${store.qualifiedPlural(d.object.kind)} "${d.object.metadata?.name}" not found\n`);
          failed = true;
        }
        continue;
      }
      targets.push({ obj: cur, source: d.source });
    }
  } else {
    if (p.args.length === 0) {
      return fail(o, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const r = resolveObjects(store, p.args, { namespace: ns, allNamespaces: bool(p, 'all-namespaces'), all: bool(p, 'all'), selector: str(p, 'selector') });
    if (typeof r === 'string') return fail(o, r);
    if (!bool(p, 'ignore-not-found')) {
      for (const e of r.notFound) o.err(e + '\n');
      if (r.notFound.length) failed = true;
    }
    for (const obj of r.objects) targets.push({ obj });
    if (targets.length === 0 && !failed) {
      o.err(`No resources found\n`);
      return 0;
    }
  }
  const deleted: KubeObject[] = [];
  for (const { obj } of targets) {
    const cascade = str(p, 'cascade') ?? 'background';
    const propagation = cascade === 'orphan' || cascade === 'false' ? ('Orphan' as const) : cascade === 'foreground' ? ('Foreground' as const) : ('Background' as const);
    const r = env.cluster.api.delete(obj.kind, obj.metadata.namespace, obj.metadata.name ?? '', { ...(grace === undefined ? {} : { gracePeriodSeconds: grace }), propagation });
    if (!r.ok) {
      o.err(apiErrorText(r.error) + '\n');
      failed = true;
      continue;
    }
    o.out(`${deletedName(store, obj)} "${obj.metadata.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}\n`);
    deleted.push(obj);
  }
  env.cluster.clock.settle();
  if (wait) {
    // kubectl waits for each object to be gone (graceful termination, finalizers).
    for (let waited = 0; waited < 10 * 60_000; waited += 100) {
      const remaining = deleted.filter((x) => {
        const cur = store.get(x.kind, x.metadata.namespace, x.metadata.name ?? '');
        return cur && cur.metadata.uid === x.metadata.uid;
      });
      if (remaining.length === 0) break;
      yield { type: 'sleep', ms: 100 };
    }
  }
  return failed ? 1 : 0;
}

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'timeout', type: 'string' },
  ],
  run: del,
};
