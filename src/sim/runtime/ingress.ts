// The ingress data path: which Service an HTTP request for host/path goes to under the
// networking.k8s.io/v1 Ingress rules of one IngressClass (host exact or *.wildcard; paths
// Exact, Prefix by path element, ImplementationSpecific as prefix; longest match wins;
// defaultBackend last), then the request through that Service, as ingress-nginx proxies it.

import type { ObjectStore } from '../store/store.ts';
import type { KubeObject } from '../store/types.ts';
import type { HttpRequest, HttpResponse, Network } from './process.ts';

interface Backend {
  service?: { name: string; port?: { number?: number; name?: string } };
}
interface IngressPath {
  path?: string;
  pathType?: string;
  backend: Backend;
}
export type Ingress = KubeObject & {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Backend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
  };
};

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_308 = '<html>\r\n<head><title>308 Permanent Redirect</title></head>\r\n<body>\r\n<center><h1>308 Permanent Redirect</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_503 = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith('*.')) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
  }
  return ruleHost === host;
}

/** Length of the match, or -1: Exact needs equality, Prefix matches whole path elements. */
function pathMatch(p: IngressPath, path: string): number {
  const want = p.path ?? '/';
  if (p.pathType === 'Exact') return path === want ? want.length : -1;
  if (p.pathType === 'Prefix') {
    const w = want.replace(/\/+$/, '');
    if (w === '') return 0;
    return path === w || path.startsWith(w + '/') ? w.length : -1;
  }
  return path.startsWith(want) ? want.length : -1;
}

export class IngressRouter {
  constructor(private readonly store: ObjectStore) {}

  private ingressesFor(className: string): Ingress[] {
    const classes = this.store.list<KubeObject & { spec?: { controller?: string } }>('IngressClass');
    const isDefault = classes.find((c) => c.metadata.name === className)?.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true';
    return this.store.list<Ingress>('Ingress').filter((i) => (i.spec?.ingressClassName ?? (isDefault ? className : undefined)) === className && !i.metadata.deletionTimestamp);
  }

  /** The backend for a request, with the Ingress's namespace; undefined when nothing matches. */
  match(className: string, host: string, path: string): { ns: string; backend: Backend; ingress: Ingress } | undefined {
    const h = host.split(':')[0]!.toLowerCase();
    let best: { ns: string; backend: Backend; ingress: Ingress; len: number; exact: boolean } | undefined;
    let fallback: { ns: string; backend: Backend; ingress: Ingress } | undefined;
    for (const ing of this.ingressesFor(className)) {
      const ns = ing.metadata.namespace ?? 'default';
      for (const rule of ing.spec?.rules ?? []) {
        if (!hostMatches(rule.host, h)) continue;
        for (const p of rule.http?.paths ?? []) {
          const len = pathMatch(p, path.split('?')[0] ?? '/');
          if (len < 0) continue;
          const exact = p.pathType === 'Exact';
          if (!best || (exact && !best.exact) || (exact === best.exact && len > best.len)) best = { ns, backend: p.backend, ingress: ing, len, exact };
        }
      }
      if (!fallback && ing.spec?.defaultBackend) fallback = { ns, backend: ing.spec.defaultBackend, ingress: ing };
    }
    return best ?? fallback;
  }

  /** Proxy one request as the controller would, through the backend Service's cluster IP. */
  handle(net: Network, className: string, req: HttpRequest, https = false): HttpResponse {
    const m = this.match(className, req.host, req.path);
    // ssl-redirect (on by default): plain HTTP to a host the Ingress has TLS for is sent to HTTPS.
    const host = req.host.split(':')[0]!.toLowerCase();
    if (m && !https && (m.ingress.spec?.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h.toLowerCase(), host)))) {
      return { status: 308, body: NGINX_308, headers: { 'Content-Type': 'text/html', Location: `https://${host}${req.path}` } };
    }
    if (!m?.backend.service) return { status: 404, body: NGINX_404, headers: { 'Content-Type': 'text/html' } };
    const svc = this.store.get<KubeObject & { spec?: { clusterIP?: string; ports?: { name?: string; port: number }[] } }>('Service', m.ns, m.backend.service.name);
    const port = m.backend.service.port?.number ?? svc?.spec?.ports?.find((p) => p.name === m.backend.service?.port?.name)?.port;
    if (!svc?.spec?.clusterIP || port === undefined) return { status: 503, body: NGINX_503, headers: { 'Content-Type': 'text/html' } };
    const r = net.http(svc.spec.clusterIP, port, req.path);
    if (!r.ok) return { status: 503, body: NGINX_503, headers: { 'Content-Type': 'text/html' } };
    return r.response;
  }
}
