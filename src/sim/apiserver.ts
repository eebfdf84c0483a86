// The API server's write path: decode (strict), default, admit, validate, allocate, store.
// kubectl's apply/create/replace/delete and the kubelet's static pods all come through here,
// so a manifest is accepted or rejected the same way whoever sends it.

import { parse as parseYaml } from 'yaml';
import { KUBE_YAML } from './yaml.ts';
import type { Pod, Service } from './api.ts';
import type { SimContext } from './context.ts';
import type { ApiError, KubeObject } from './store/types.ts';
import { applyDefaults } from './admission/defaults.ts';
import { validateCreate, validateUpdate } from './admission/validate.ts';
import { formatInvalid } from './admission/fieldErrors.ts';
import { NAME_SUFFIX_ALPHABET } from './random.ts';
import { podQosClass } from './kubelet/podutil.ts';
import { generatedJobLabels } from './admission/batch.ts';
import { decode as schemaDecode } from './schema/index.ts';
import { cloneData } from './clone.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type WriteResult =
  | { ok: true; object: KubeObject; action: 'created' | 'configured' | 'unchanged' | 'replaced'; warnings: string[] }
  | { ok: false; error: ApiError };

const SERVICE_CIDR_BASE = [10, 96, 0, 0];
const SERVICE_CIDR_SIZE = 1 << 20;

export interface ApiServerOptions {
  /** The DefaultTolerationSeconds admission plugin's toleration for not-ready/unreachable nodes. */
  defaultTolerationSeconds?: number;
}

export class ApiServer {
  constructor(
    private readonly sim: SimContext,
    private readonly opts: ApiServerOptions = {},
  ) {}

  private get store() {
    return this.sim.store;
  }

  bootstrapServices(): void {
    const now = this.sim.clock.isoNow();
    void now;
    this.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        clusterIPs: ['10.96.0.1'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    } as Service);
    // The API server maintains its own endpoints for the `kubernetes` Service.
    this.store.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: '192.168.1.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    } as KubeObject);
    // ... and the EndpointSlice beside them (the endpoint reconciler writes both). Its uid is
    // given, not drawn, so the seeded stream every later name comes from stays as it was.
    this.store.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', uid: '5e2b8c1d-7f4a-4d3e-9b6c-0a1f2e3d4c5b', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['192.168.1.2'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    } as KubeObject);
    this.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    } as Service);
  }

  /** Decode + default + validate an object without storing it. */
  admit(input: unknown, namespace: string | undefined): { ok: true; object: KubeObject } | { ok: false; error: ApiError } {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return { ok: false, error: { reason: 'BadRequest', message: 'the object is not a mapping' } };
    }
    const raw = input as KubeObject;
    const decoded = schemaDecode(raw.apiVersion, raw.kind, raw);
    if (!decoded.ok) return { ok: false, error: { reason: 'BadRequest', message: decoded.message } };
    const metaNs = raw.metadata?.namespace;
    if (namespace && metaNs && metaNs !== namespace && this.store.info(raw.kind).namespaced) {
      return {
        ok: false,
        error: { reason: 'BadRequest', message: `the namespace from the provided object "${metaNs}" does not match the namespace "${namespace}". You must pass '--namespace=${metaNs}' to perform this operation.` },
      };
    }
    const defaultingOpts = {
      randomSuffix: () => this.sim.random.string(NAME_SUFFIX_ALPHABET, 5),
      namespace: namespace ?? 'default',
      ...(this.opts.defaultTolerationSeconds === undefined ? {} : { defaultTolerationSeconds: this.opts.defaultTolerationSeconds }),
    };
    const obj = applyDefaults(raw, defaultingOpts) as KubeObject;
    if (!this.store.info(obj.kind).namespaced) delete obj.metadata.namespace;
    return { ok: true, object: obj };
  }

  private invalid(obj: KubeObject, errs: ReturnType<typeof validateCreate>): ApiError {
    // kubectl's own line ending is added by whoever prints it.
    return { reason: 'Invalid', message: formatInvalid(obj.kind, obj.metadata?.name ?? obj.metadata?.generateName ?? '', errs).replace(/\n$/, '') };
  }

  create(input: unknown, opts: { namespace?: string; lastApplied?: string } = {}): WriteResult {
    const admitted = this.admit(input, opts.namespace);
    if (!admitted.ok) return admitted;
    const obj = admitted.object;
    // A client cannot choose the uid.
    delete obj.metadata.uid;
    // generateName becomes a name before validation, as the registry's BeforeCreate does.
    if (!obj.metadata.name && obj.metadata.generateName) {
      const base = obj.metadata.generateName.slice(0, 58);
      let name = '';
      for (let i = 0; i < 8 && (!name || this.store.get(obj.kind, obj.metadata.namespace, name)); i++) name = base + this.sim.random.string(NAME_SUFFIX_ALPHABET, 5);
      obj.metadata.name = name;
    }
    if (opts.lastApplied !== undefined) {
      obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: opts.lastApplied };
    }
    const errs = validateCreate(obj);
    if (errs.length) return { ok: false, error: this.invalid(obj, errs) };
    const alloc = this.allocate(obj, undefined);
    if (alloc) return { ok: false, error: alloc };
    // The job registry's PrepareForCreate: the uid is known now, so the selector and the
    // template's controller-uid/job-name labels are generated before validation.
    if (obj.kind === 'Job') generateJobSelector(obj, this.sim.random.uuid());
    // The pod registry's PrepareForCreate: a new pod is Pending with its QoS class.
    if (obj.kind === 'Pod') (obj as Pod).status = { phase: 'Pending', qosClass: podQosClass(obj as Pod) };
    const res = this.store.create(obj);
    if (!res.ok) return res;
    return { ok: true, object: res.object, action: 'created', warnings: [] };
  }

  /** kubectl apply: create, or update what the manifest says and keep what the server set. */
  apply(input: unknown, opts: { namespace?: string } = {}): WriteResult {
    const raw = input as KubeObject;
    const lastApplied = JSON.stringify(raw) + '\n';
    const admitted = this.admit(input, opts.namespace);
    if (!admitted.ok) return admitted;
    const desired = admitted.object;
    const cur = this.store.get(desired.kind, desired.metadata.namespace, desired.metadata.name ?? '');
    if (!cur) return this.create(input, { ...opts, lastApplied });
    const warnings: string[] = [];
    if (!cur.metadata.annotations?.[LAST_APPLIED]) {
      warnings.push(
        `Warning: resource ${this.store.qualifiedPlural(cur.kind)}/${cur.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
      );
    }
    const merged = this.carryServerFields(desired, cur);
    merged.metadata.annotations = { ...merged.metadata.annotations, [LAST_APPLIED]: lastApplied };
    if (sameContent(merged, cur)) return { ok: true, object: cur, action: 'unchanged', warnings };
    return this.update(merged, cur, 'configured', warnings);
  }

  /** kubectl replace / edit: the whole object. */
  replace(input: unknown, opts: { namespace?: string } = {}): WriteResult {
    const admitted = this.admit(input, opts.namespace);
    if (!admitted.ok) return admitted;
    const desired = admitted.object;
    const cur = this.store.get(desired.kind, desired.metadata.namespace, desired.metadata.name ?? '');
    if (!cur) {
      return { ok: false, error: { reason: 'NotFound', message: `${this.store.qualifiedPlural(desired.kind)} "${desired.metadata.name}" not found` } };
    }
    return this.update(this.carryServerFields(desired, cur), cur, 'replaced', []);
  }

  /** Write an edited copy of a stored object (label, annotate, patch, set image). */
  update(next: KubeObject, cur: KubeObject, action: 'configured' | 'replaced' = 'configured', warnings: string[] = []): WriteResult {
    const errs = validateUpdate(next, cur);
    if (errs.length) return { ok: false, error: this.invalid(next, errs) };
    const alloc = this.allocate(next, cur);
    if (alloc) return { ok: false, error: alloc };
    const res = this.store.update(next);
    if (!res.ok) return res;
    return { ok: true, object: res.object, action, warnings };
  }

  /** Fields the server or its controllers own survive an apply that does not mention them. */
  private carryServerFields(desired: KubeObject, cur: KubeObject): KubeObject {
    const out = cloneData(desired);
    out.metadata.labels = desired.metadata.labels ?? {};
    if (!desired.metadata.labels) delete out.metadata.labels;
    const d = out as unknown as { spec?: Record<string, unknown> };
    const c = cur as unknown as { spec?: Record<string, unknown> };
    if (desired.kind === 'Pod' && d.spec && c.spec) {
      for (const f of ['nodeName', 'volumes', 'tolerations', 'serviceAccount', 'serviceAccountName']) {
        if (c.spec[f] !== undefined) d.spec[f] = mergeServerOwned(f, d.spec[f], c.spec[f]);
      }
      const curContainers = (c.spec['containers'] as NonNullable<Pod['spec']>['containers']) ?? [];
      const newContainers = (d.spec['containers'] as typeof curContainers) ?? [];
      for (const nc of newContainers) {
        const oc = curContainers.find((x) => x.name === nc.name);
        const saMount = oc?.volumeMounts?.find((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount');
        if (saMount) nc.volumeMounts = [...(nc.volumeMounts ?? []).filter((m) => m.mountPath !== saMount.mountPath), saMount];
      }
      const curInit = (c.spec['initContainers'] as typeof curContainers) ?? [];
      for (const nc of (d.spec['initContainers'] as typeof curContainers) ?? []) {
        const oc = curInit.find((x) => x.name === nc.name);
        const saMount = oc?.volumeMounts?.find((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount');
        if (saMount) nc.volumeMounts = [...(nc.volumeMounts ?? []).filter((m) => m.mountPath !== saMount.mountPath), saMount];
      }
      // A container the update adds got a mount of the token volume the defaulting made up;
      // point it at the pod's own token volume (the update is refused anyway, for the right reason).
      const token = ((c.spec['volumes'] as { name?: string }[] | undefined) ?? []).find((v) => v.name?.startsWith('kube-api-access-'))?.name;
      if (token) {
        for (const nc of [...newContainers, ...((d.spec['initContainers'] as typeof curContainers) ?? [])]) {
          for (const m of nc.volumeMounts ?? []) if (m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount' && m.name.startsWith('kube-api-access-')) m.name = token;
        }
      }
    }
    if (desired.kind === 'Job' && d.spec && c.spec && d.spec['manualSelector'] !== true && d.spec['selector'] === undefined) {
      // The generated selector and labels belong to the server, not to the manifest.
      d.spec['selector'] = c.spec['selector'];
      const ct = c.spec['template'] as { metadata?: { labels?: Record<string, string> } } | undefined;
      const dt = (d.spec['template'] ?? {}) as { metadata?: { labels?: Record<string, string> } };
      d.spec['template'] = { ...dt, metadata: { ...dt.metadata, labels: { ...dt.metadata?.labels, ...ct?.metadata?.labels } } };
      if (!desired.metadata.labels) out.metadata.labels = cur.metadata.labels ?? {};
    }
    if (desired.kind === 'Service' && d.spec && c.spec) {
      for (const f of ['clusterIP', 'clusterIPs']) if (d.spec[f] === undefined && c.spec[f] !== undefined) d.spec[f] = c.spec[f];
      const curPorts = (c.spec['ports'] as { port: number; nodePort?: number; protocol?: string }[]) ?? [];
      for (const p of (d.spec['ports'] as { port: number; nodePort?: number; protocol?: string }[]) ?? []) {
        if (p.nodePort === undefined) {
          const old = curPorts.find((x) => x.port === p.port && (x.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
          if (old?.nodePort && (d.spec['type'] === 'NodePort' || d.spec['type'] === 'LoadBalancer')) p.nodePort = old.nodePort;
        }
      }
    }
    return out;
  }

  /** ClusterIP and NodePort allocation for Services, as the registry allocators do. */
  private allocate(obj: KubeObject, cur: KubeObject | undefined): ApiError | undefined {
    if (obj.kind !== 'Service') return undefined;
    const svc = obj as Service;
    const spec = svc.spec ?? (svc.spec = {});
    const type = spec.type ?? 'ClusterIP';
    const all = this.store.list<Service>('Service').filter((s) => !cur || s.metadata.uid !== cur.metadata.uid);
    if (type !== 'ExternalName' && spec.clusterIP !== 'None') {
      if (!spec.clusterIP) {
        const used = new Set(all.map((s) => s.spec?.clusterIP));
        let ip = '';
        for (let i = 0; i < 64 && (!ip || used.has(ip)); i++) ip = serviceIp(11 + this.sim.random.int(SERVICE_CIDR_SIZE - 12));
        spec.clusterIP = ip;
      } else if (all.some((s) => s.spec?.clusterIP === spec.clusterIP)) {
        return { reason: 'Invalid', message: formatInvalid('Service', svc.metadata.name ?? '', [{ type: 'Invalid', field: 'spec.clusterIPs', value: [spec.clusterIP].toString() as never, detail: `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` } as never]) };
      }
      spec.clusterIPs = [spec.clusterIP];
    } else if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const used = new Set(all.flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort)));
      for (const p of spec.ports ?? []) {
        if (p.nodePort) {
          if (used.has(p.nodePort)) {
            return { reason: 'Invalid', message: `Service "${svc.metadata.name}" is invalid: spec.ports[${(spec.ports ?? []).indexOf(p)}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated` };
          }
          used.add(p.nodePort);
          continue;
        }
        // Since 1.29 dynamic allocation prefers the upper band of the range.
        let port = 0;
        for (let i = 0; i < 100 && (!port || used.has(port)); i++) port = 30086 + this.sim.random.int(32767 - 30086 + 1);
        p.nodePort = port;
        used.add(port);
      }
    }
    return undefined;
  }

  /**
   * Delete as the API server does: a pod on a node is only marked (the kubelet finishes it
   * after its grace period); a pod nobody runs goes at once; a namespace takes everything in
   * it with it.
   */
  delete(kind: string, namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number; propagation?: 'Background' | 'Foreground' | 'Orphan' } = {}): WriteResult {
    const cur = this.store.get(kind, namespace, name);
    if (!cur) {
      return { ok: false, error: { reason: 'NotFound', message: `${this.store.qualifiedPlural(kind)} "${name}" not found` } };
    }
    if (opts.propagation === 'Orphan') {
      // Orphaning: dependents lose the owner reference and stay.
      for (const d of this.store.all()) {
        const refs = d.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === cur.metadata.uid)) continue;
        const kept = refs.filter((r) => r.uid !== cur.metadata.uid);
        const meta = { ...d.metadata };
        if (kept.length) meta.ownerReferences = kept;
        else delete meta.ownerReferences;
        this.store.update({ ...d, metadata: meta });
      }
    }
    let grace = 0;
    if (kind === 'Pod') {
      const pod = cur as Pod;
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      grace = pod.spec?.nodeName && !terminal ? (opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) : 0;
      // A grace period of 0 asked for explicitly is a force delete: the object goes now, the
      // kubelet notices later.
    }
    if (kind === 'Namespace') {
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
        return { ok: false, error: { reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` } };
      }
      const marked = this.store.delete(kind, undefined, name, { gracePeriodSeconds: 1 });
      if (!marked.ok) return marked;
      const ns = this.store.get(kind, undefined, name);
      if (ns) this.store.update({ ...ns, status: { phase: 'Terminating' } } as KubeObject, { status: true });
      this.finishNamespace(name);
      return { ok: true, object: marked.object, action: 'configured', warnings: [] };
    }
    const res = this.store.delete(kind, namespace, name, { gracePeriodSeconds: grace });
    if (!res.ok) return res;
    return { ok: true, object: res.object, action: 'configured', warnings: [] };
  }

  /** The namespace controller: delete every object in the namespace, then the namespace. */
  private finishNamespace(name: string): void {
    this.sim.clock.schedule(500, () => {
      let remaining = 0;
      for (const o of this.store.all()) {
        if (o.metadata.namespace !== name || o.kind === 'Event') continue;
        remaining++;
        if (!o.metadata.deletionTimestamp) this.delete(o.kind, name, o.metadata.name ?? '');
      }
      if (remaining > 0) {
        this.finishNamespace(name);
        return;
      }
      for (const e of this.store.list('Event', name)) this.store.delete('Event', name, e.metadata.name ?? '');
      const ns = this.store.get('Namespace', undefined, name);
      if (ns) this.store.update({ ...ns, metadata: { ...ns.metadata, deletionGracePeriodSeconds: 0, finalizers: [] } });
      const still = this.store.get('Namespace', undefined, name);
      if (still) this.store.delete('Namespace', undefined, name, { gracePeriodSeconds: 0 });
    });
  }

  /** Static pod manifests from a node's /etc/kubernetes/manifests (parsed as the kubelet does). */
  decodeStaticPod(text: string, _file: string): Pod | undefined {
    let doc: unknown;
    try {
      doc = parseYaml(text, { ...KUBE_YAML, logLevel: 'error' });
    } catch {
      return undefined;
    }
    if (typeof doc !== 'object' || doc === null) return undefined;
    const raw = doc as KubeObject;
    if (raw.kind !== 'Pod') return undefined;
    const admitted = this.admit(raw, raw.metadata?.namespace ?? 'default');
    if (!admitted.ok) return undefined;
    const pod = admitted.object as Pod;
    if (validateCreate(pod).length) return undefined;
    return pod;
  }
}

function generateJobSelector(job: KubeObject, uid: string): void {
  const j = job as KubeObject & { spec?: { manualSelector?: boolean; selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } } };
  if (!j.spec || j.spec.manualSelector === true || j.spec.selector) return;
  job.metadata.uid = uid;
  const { selector, templateLabels } = generatedJobLabels(job.metadata.name ?? '', uid);
  const template = j.spec.template ?? {};
  const userLabels = template.metadata?.labels ?? {};
  const labels = { ...userLabels, ...templateLabels };
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) job.metadata.labels = labels;
  j.spec.selector = { matchLabels: selector };
  j.spec.template = { ...template, metadata: { ...template.metadata, labels } };
}

function serviceIp(offset: number): string {
  const n = SERVICE_CIDR_BASE[0]! * 2 ** 24 + SERVICE_CIDR_BASE[1]! * 2 ** 16 + SERVICE_CIDR_BASE[2]! * 2 ** 8 + SERVICE_CIDR_BASE[3]! + offset;
  return [Math.floor(n / 2 ** 24) % 256, Math.floor(n / 2 ** 16) % 256, Math.floor(n / 2 ** 8) % 256, n % 256].join('.');
}

function mergeServerOwned(field: string, desired: unknown, current: unknown): unknown {
  if (field === 'volumes' || field === 'tolerations') {
    const d = (desired as { name?: string; key?: string }[] | undefined) ?? [];
    const c = (current as { name?: string; key?: string; projected?: unknown }[] | undefined) ?? [];
    if (field === 'volumes') {
      // The ServiceAccount admission plugin mutates pods on CREATE only: the token volume the
      // defaulting just made up for this update is dropped, and the pod's own one is kept.
      const isToken = (v: { name?: string }) => v.name?.startsWith('kube-api-access-') === true;
      if (!c.some(isToken)) return d;
      const kept = d.filter((v) => !isToken(v) || c.some((x) => x.name === v.name));
      return [...kept, ...c.filter((v) => isToken(v) && !kept.some((x) => x.name === v.name))];
    }
    return d.length ? desired : current;
  }
  return desired ?? current;
}

function sameContent(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): string => {
    const { metadata, ...rest } = o as KubeObject & { status?: unknown };
    const r = rest as Record<string, unknown>;
    delete r['status'];
    return JSON.stringify([metadata.labels ?? {}, metadata.annotations ?? {}, r]);
  };
  return strip(a) === strip(b);
}
