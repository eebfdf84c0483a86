// kubectl expose: build a Service for a Deployment, ReplicaSet, ReplicationController, Pod or
// Service, taking the selector, ports, protocols and labels from the object unless flags say
// otherwise (kubectl's pkg/cmd/expose and polymorphichelpers). The Service is then an ordinary
// API object: the endpoints controller picks it up like any applied one.

import { strings, str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { jsonpath, nameOf, toJson, toYaml } from '../output.ts';
import { readManifests } from '../manifest.ts';
import { resolveObjects } from '../select.ts';
import { apiErrorText, type KubeObject } from '../../store/types.ts';

type Labels = Record<string, string>;

interface ContainerLike {
  ports?: { containerPort?: number; protocol?: string }[];
}
interface PodSpecLike {
  containers?: ContainerLike[];
}
interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
interface Exposable extends KubeObject {
  spec?: {
    selector?: Labels & { matchLabels?: Labels; matchExpressions?: SelectorRequirement[] };
    template?: { metadata?: { labels?: Labels }; spec?: PodSpecLike };
    containers?: ContainerLike[];
    ports?: { port?: number; protocol?: string }[];
  };
}

/** The GroupKinds canBeExposed accepts. */
const EXPOSABLE = new Set(['ReplicationController', 'Service', 'Pod', 'Deployment.apps', 'ReplicaSet.apps']);

/** DNS1035LabelMaxLength: a default name longer than this is cut. */
const MAX_NAME = 63;

const PRINT_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Go's `%+v` of []metav1.LabelSelectorRequirement. */
function formatRequirements(reqs: SelectorRequirement[]): string {
  return `[${reqs.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ')}]`;
}

function makeLabels(labels: Labels | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** MapBasedSelectorForObject: the selector as `k=v,...`, or the error kubectl wraps. */
function selectorFor(obj: Exposable): { ok: true; value: string } | { ok: false; error: string } {
  const spec = obj.spec ?? {};
  switch (obj.kind) {
    case 'ReplicationController': {
      const sel = { ...(spec.selector ?? {}) } as Labels;
      return { ok: true, value: makeLabels(sel) };
    }
    case 'Pod':
      if (Object.keys(obj.metadata.labels ?? {}).length === 0) return { ok: false, error: 'the pod has no labels and cannot be exposed' };
      return { ok: true, value: makeLabels(obj.metadata.labels) };
    case 'Service':
      if (!spec.selector) return { ok: false, error: 'the service has no pod selector set' };
      return { ok: true, value: makeLabels(spec.selector) };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = spec.selector;
      if (!sel || Object.keys(sel.matchLabels ?? {}).length === 0) return { ok: false, error: `invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed` };
      if ((sel.matchExpressions ?? []).length > 0) return { ok: false, error: `couldn't convert expressions - "${formatRequirements(sel.matchExpressions!)}" to map-based selector format` };
      return { ok: true, value: makeLabels(sel.matchLabels) };
    }
    default:
      return { ok: false, error: `cannot extract pod selector from ${obj.kind}` };
  }
}

function podSpecOf(obj: Exposable): PodSpecLike {
  return (obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec) ?? {};
}

/** PortsForObject: every container port (or, for a Service, every service port), in order. */
function portsFor(obj: Exposable): string[] {
  if (obj.kind === 'Service') return (obj.spec?.ports ?? []).map((p) => String(p.port ?? 0));
  return (podSpecOf(obj).containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort ?? 0)));
}

/** MultiProtocolsForObject: port → the protocols it is declared with. */
function protocolsFor(obj: Exposable): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: number | undefined, protocol: string | undefined): void => {
    const k = String(port ?? 0);
    out.set(k, [...(out.get(k) ?? []), protocol || 'TCP']);
  };
  if (obj.kind === 'Service') for (const p of obj.spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(obj).containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

/** kubectl expose's parseLabels (stricter than a label selector: only k=v pairs). */
function parseLabels(spec: string): { ok: true; value: Labels } | { ok: false; error: string } {
  const out: Labels = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) return { ok: false, error: `unexpected label spec: ${part}` };
    if (kv[0] === '') return { ok: false, error: 'unexpected empty label key' };
    out[kv[0]!] = kv[1]!;
  }
  return { ok: true, value: out };
}

/** Go's strconv.Atoi. */
function atoi(s: string): { ok: true; value: number } | { ok: false; error: string } {
  if (/^[+-]?\d+$/.test(s)) return { ok: true, value: Number(s) };
  return { ok: false, error: `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax` };
}

/** intstr.Parse: a number if it is one, else a port name. */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : s;
}

function sorted(m: Labels | undefined): Labels | undefined {
  if (!m) return undefined;
  const out: Labels = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k]!;
  return out;
}

/** The flag values; like kubectl's options struct, what one object fills in carries over to the next. */
interface Options {
  name: string;
  selector: string;
  port: string;
  ports: string;
  protocol: string;
  protocols: Map<string, string[]>;
  labels: string;
  targetPort: string;
  externalIP: string;
  loadBalancerIP: string;
  type: string;
  sessionAffinity: string;
  clusterIP: string;
}

interface ServicePort {
  name?: string | undefined;
  protocol: string;
  port: number;
  targetPort?: number | string;
}

/** createService, with the fields in Go's struct order (what `-o json` prints). */
function createService(o: Options, defaultName: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (!o.selector) return { ok: false, error: 'selector must be specified' };
  const selector = parseLabels(o.selector);
  if (!selector.ok) return selector;
  let labels: Labels | undefined;
  if (o.labels) {
    const l = parseLabels(o.labels);
    if (!l.ok) return l;
    labels = l.value;
  }
  const name = o.name || defaultName;
  if (!name) return { ok: false, error: 'name must be specified' };
  const portString = o.ports || o.port;
  const ports: ServicePort[] = [];
  if (portString) {
    const list = portString.split(',');
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const n = atoi(s);
      if (!n.ok) return n;
      const portName = list.length > 1 ? `port-${i + 1}` : undefined;
      let protocol = o.protocol;
      if (!protocol) {
        protocol = 'TCP';
        const declared = o.protocols.get(s);
        if (declared && declared.length === 1) protocol = declared[0]!;
        else if (declared && declared.length > 1) {
          for (const p of declared) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port: n.value });
          continue;
        }
      }
      ports.push({ name: portName, protocol, port: n.value });
    }
  }
  for (const p of ports) p.targetPort = o.targetPort ? intOrString(o.targetPort) : p.port;
  let sessionAffinity: string | undefined;
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') return { ok: false, error: `unknown session affinity: ${o.sessionAffinity}` };
    sessionAffinity = o.sessionAffinity;
  }
  const type = o.type || undefined;
  const spec: Record<string, unknown> = {
    ports: ports.length ? ports : undefined,
    selector: sorted(selector.value),
    clusterIP: o.clusterIP || undefined,
    type,
    externalIPs: o.externalIP ? [o.externalIP] : undefined,
    sessionAffinity,
    loadBalancerIP: type === 'LoadBalancer' && o.loadBalancerIP ? o.loadBalancerIP : undefined,
  };
  return {
    ok: true,
    value: { kind: 'Service', apiVersion: 'v1', metadata: { name, labels: sorted(labels) }, spec, status: { loadBalancer: {} } },
  };
}

function fail(o: Output, msg: string): number {
  o.err(`error: ${msg}\n`);
  return 1;
}

/** Without undefined fields (what encoding/json's omitempty leaves out). */
function clean<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function* expose(env: KubectlEnv, p: Parsed, o: Output): Job {
  const store = env.cluster.store;
  const nsFlag = str(p, 'namespace');
  const namespace = nsFlag ?? env.namespace;
  const dry = str(p, 'dry-run') ?? 'none';
  if (!['none', 'client', 'server'].includes(dry)) return fail(o, `Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
  const output = str(p, 'output');
  if (output !== undefined && !['yaml', 'json', 'name'].includes(output) && !output.startsWith('jsonpath=')) {
    return fail(o, `unable to match a printer suitable for the output format "${output}", allowed formats are: ${PRINT_FORMATS}`);
  }

  // The objects: from -f (as written in the file), else fetched from the server.
  let objects: Exposable[];
  const files = strings(p, 'filename');
  if (files.length > 0) {
    const read = readManifests(env, files);
    if (!read.ok) {
      o.err(read.error + '\n');
      return 1;
    }
    objects = read.docs.map((d) => d.object as Exposable);
  } else {
    if (p.args.length === 0) {
      return fail(o, "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const r = resolveObjects(store, p.args, { namespace });
    if (typeof r === 'string') {
      o.err(r + '\n');
      return 1;
    }
    if (r.notFound.length > 0) {
      o.err(r.notFound[0] + '\n');
      return 1;
    }
    objects = r.objects as Exposable[];
  }

  const opts: Options = {
    name: str(p, 'name') ?? '',
    selector: str(p, 'selector') ?? '',
    port: str(p, 'port') ?? '',
    ports: '',
    protocol: str(p, 'protocol') ?? '',
    protocols: new Map(),
    labels: str(p, 'labels') ?? '',
    targetPort: str(p, 'target-port') ?? '',
    externalIP: str(p, 'external-ip') ?? '',
    loadBalancerIP: str(p, 'load-balancer-ip') ?? '',
    type: str(p, 'type') ?? '',
    sessionAffinity: str(p, 'session-affinity') ?? '',
    clusterIP: str(p, 'cluster-ip') ?? '',
  };

  for (const obj of objects) {
    const info = store.info(obj.kind);
    const groupKind = info.group ? `${obj.kind}.${info.group}` : obj.kind;
    if (!EXPOSABLE.has(groupKind)) return fail(o, `cannot expose a ${groupKind}`);
    const defaultName = (obj.metadata.name ?? '').slice(0, MAX_NAME);

    if (!opts.selector) {
      const s = selectorFor(obj);
      if (!s.ok) return fail(o, `couldn't retrieve selectors via --selector flag or introspection: ${s.error}`);
      opts.selector = s.value;
    }
    if (!opts.port) {
      const ports = portsFor(obj);
      if (ports.length === 0) {
        if (opts.clusterIP !== 'None') return fail(o, "couldn't find port via --port flag or introspection");
      } else if (ports.length === 1) opts.port = ports[0]!;
      else opts.ports = ports.join(',');
    }
    const protocols = protocolsFor(obj);
    if (protocols.size > 0) opts.protocols = protocols;
    if (!opts.labels) opts.labels = makeLabels(obj.metadata.labels);

    const built = createService(opts, defaultName);
    if (!built.ok) return fail(o, built.error);
    const svc = built.value as Record<string, unknown> & { metadata: Record<string, unknown> };

    if (dry === 'client') {
      // Printed as kubectl builds it: metadata in ObjectMeta's field order, namespace only when -n was given.
      const m = svc.metadata;
      const shown = clean({ ...svc, metadata: { name: m['name'], namespace: nsFlag, creationTimestamp: null, labels: m['labels'] } });
      print(env, o, output, shown, 'exposed (dry run)', true);
      continue;
    }
    const payload = clean({ ...svc, status: undefined }) as Record<string, unknown>;
    delete payload['status'];
    if (dry === 'server') {
      // The API server would admit and then drop it; without a dry-run API here, report the
      // conflicts a create would meet.
      if (store.get('Service', namespace, String(svc.metadata['name']))) {
        o.err(`Error from server (AlreadyExists): services "${String(svc.metadata['name'])}" already exists\n`);
        return 1;
      }
      print(env, o, output, { ...payload, metadata: { ...(payload['metadata'] as object), namespace } }, 'exposed (server dry run)', false);
      continue;
    }
    const lastApplied = p.flags.get('save-config') === true ? JSON.stringify(payload) + '\n' : undefined;
    const res = env.cluster.api.create(payload, { namespace, ...(lastApplied !== undefined ? { lastApplied } : {}) });
    if (!res.ok) {
      o.err(apiErrorText(res.error) + '\n');
      return 1;
    }
    env.cluster.clock.settle();
    print(env, o, output, res.object, 'exposed', false);
  }
  return 0;
}

/** PrintFlags("exposed"): `service/NAME exposed`, or the object in the asked-for format. */
function print(env: KubectlEnv, o: Output, output: string | undefined, obj: unknown, verb: string, typed: boolean): void {
  const k = obj as KubeObject;
  const name = nameOf(env.cluster.store, k);
  if (output === 'yaml') o.out(toYaml(obj));
  // A typed object is encoded in struct field order, a server reply (unstructured) with keys sorted.
  else if (output === 'json') o.out(typed ? JSON.stringify(obj, null, 4) + '\n' : toJson(obj));
  else if (output === 'name') o.out(name + '\n');
  else if (output?.startsWith('jsonpath=')) o.out(jsonpath(obj, output.slice('jsonpath='.length)));
  else o.out(`${name} ${verb}\n`);
}

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'field-manager', type: 'string' },
  ],
  run: expose,
};
