// Pod helpers the kubelet and kubectl share: the container environment as the kubelet builds
// it (env, envFrom, service links, downward API) and the pod's QoS class.

import type { Container, Pod, Service } from '../api.ts';
import type { ObjectStore } from '../store/store.ts';
import type { KubeObject } from '../store/types.ts';

export type EnvResult = { ok: true; env: Map<string, string> } | { ok: false; error: string };

type DataObject = KubeObject & { data?: Record<string, string> };

function b64decode(s: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)));
  } catch {
    return s;
  }
}

/** Service environment variables for services visible to the pod (enableServiceLinks). */
function serviceEnv(store: ObjectStore, ns: string): [string, string][] {
  const out: [string, string][] = [];
  const services = [...store.list<Service>('Service', ns), ...(ns === 'default' ? [] : store.list<Service>('Service', 'default').filter((s) => s.metadata.name === 'kubernetes'))];
  for (const s of services) {
    const ip = s.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = (s.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
    const first = s.spec?.ports?.[0];
    if (!first) continue;
    out.push([`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(first.port)]);
    for (const p of s.spec?.ports ?? []) {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const base = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
      out.push([base, `${proto}://${ip}:${p.port}`], [`${base}_PROTO`, proto], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
    out.push([`${name}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
  }
  return out;
}

export function resolveEnv(store: ObjectStore, pod: Pod, c: Container, imageEnv: Record<string, string>, hostIp: string): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  env.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  env.set('HOSTNAME', pod.spec?.hostname ?? pod.metadata.name ?? '');
  for (const [k, v] of Object.entries(imageEnv)) env.set(k, v);
  if (pod.spec?.enableServiceLinks !== false) for (const [k, v] of serviceEnv(store, ns)) env.set(k, v);
  else for (const [k, v] of serviceEnv(store, ns).filter(([k]) => k.startsWith('KUBERNETES_'))) env.set(k, v);
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = store.get<DataObject>('ConfigMap', ns, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    }
    if (from.secretRef) {
      const s = store.get<DataObject>('Secret', ns, from.secretRef.name ?? '');
      if (!s) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) env.set(prefix + k, b64decode(v));
    }
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) {
      env.set(e.name, e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => env.get(n) ?? m));
      continue;
    }
    const vf = e.valueFrom;
    if (!vf) {
      env.set(e.name, '');
      continue;
    }
    if (vf.fieldRef) {
      const path = vf.fieldRef.fieldPath;
      const v =
        path === 'metadata.name' ? pod.metadata.name :
        path === 'metadata.namespace' ? ns :
        path === 'metadata.uid' ? pod.metadata.uid :
        path === 'spec.nodeName' ? pod.spec?.nodeName :
        path === 'spec.serviceAccountName' ? pod.spec?.serviceAccountName :
        path === 'status.podIP' ? pod.status?.podIP :
        path === 'status.hostIP' ? hostIp :
        path.startsWith('metadata.labels[') ? pod.metadata.labels?.[path.slice(17, -2)] :
        path.startsWith('metadata.annotations[') ? pod.metadata.annotations?.[path.slice(22, -2)] : undefined;
      env.set(e.name, v ?? '');
    } else if (vf.configMapKeyRef) {
      const cm = store.get<DataObject>('ConfigMap', ns, vf.configMapKeyRef.name ?? '');
      if (!cm) {
        if (vf.configMapKeyRef.optional) continue;
        return { ok: false, error: `configmap "${vf.configMapKeyRef.name}" not found` };
      }
      const v = cm.data?.[vf.configMapKeyRef.key];
      if (v === undefined) {
        if (vf.configMapKeyRef.optional) continue;
        return { ok: false, error: `couldn't find key ${vf.configMapKeyRef.key} in ConfigMap ${ns}/${vf.configMapKeyRef.name}` };
      }
      env.set(e.name, v);
    } else if (vf.secretKeyRef) {
      const s = store.get<DataObject>('Secret', ns, vf.secretKeyRef.name ?? '');
      if (!s) {
        if (vf.secretKeyRef.optional) continue;
        return { ok: false, error: `secret "${vf.secretKeyRef.name}" not found` };
      }
      const v = s.data?.[vf.secretKeyRef.key];
      if (v === undefined) {
        if (vf.secretKeyRef.optional) continue;
        return { ok: false, error: `couldn't find key ${vf.secretKeyRef.key} in Secret ${ns}/${vf.secretKeyRef.name}` };
      }
      env.set(e.name, b64decode(v));
    } else if (vf.resourceFieldRef) {
      const r = vf.resourceFieldRef.resource;
      const [kind, res] = r.split('.') as [string, string];
      const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[res];
      env.set(e.name, q === undefined ? '' : String(q));
    }
  }
  if (!env.has('HOME')) env.set('HOME', '/root');
  return { ok: true, env };
}

export { computeQOSClass as podQosClass } from '../podresources.ts';
