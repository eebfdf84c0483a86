// The workstation's kubeconfig (/root/.kube/config), as kubeadm writes it for the admin: one
// cluster, one user, one context. `kubectl config` reads and changes it; the namespace of the
// current context is the one every other command uses when it is given no -n.

export interface KubeContext {
  cluster: string;
  user: string;
  namespace?: string;
}

export const KUBECONFIG_PATH = '/root/.kube/config';
const CLUSTER = 'kubernetes';
const USER = 'kubernetes-admin';
const CONTEXT = `${USER}@${CLUSTER}`;
// What --raw shows: base64 of a PEM header, standing for the certificates kubeadm made.
const PEM_CERT = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==';
const PEM_KEY = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=';

export class KubeConfig {
  /** Name → context, in the order they were made (printed sorted, as kubectl does). */
  readonly contexts = new Map<string, KubeContext>([[CONTEXT, { cluster: CLUSTER, user: USER }]]);
  readonly clusters = [CLUSTER];
  readonly users = [USER];
  /** Empty when no context is current (after deleting it). */
  current = CONTEXT;

  /** Whether a context names the cluster and user there are (else nothing answers kubectl). */
  isReachable(context: string): boolean {
    const c = this.contexts.get(context);
    return c !== undefined && this.clusters.includes(c.cluster) && this.users.includes(c.user);
  }

  /** The namespace commands use when they are given none, in a context. */
  namespaceOf(context: string): string {
    return this.contexts.get(context)?.namespace || 'default';
  }

  get namespace(): string {
    return this.namespaceOf(this.current);
  }

  /**
   * The file's content as `kubectl config view` shows it, in the order of client-go's v1
   * Config struct (what -o json prints; YAML sorts the keys). Certificates and keys are
   * DATA+OMITTED unless `raw`.
   */
  view(server: string, minify: boolean, raw: boolean): Record<string, unknown> {
    const data = (v: string): string => (raw ? v : 'DATA+OMITTED');
    const contexts = [...this.contexts].filter(([name]) => !minify || name === this.current);
    const used = (list: readonly string[], key: 'cluster' | 'user'): string[] => (minify ? list.filter((n) => contexts.some(([, c]) => c[key] === n)) : [...list]);
    return {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      clusters: used(this.clusters, 'cluster').map((name) => ({ name, cluster: { server, 'certificate-authority-data': data(PEM_CERT) } })),
      users: used(this.users, 'user').map((name) => ({ name, user: { 'client-certificate-data': data(PEM_CERT), 'client-key-data': data(PEM_KEY) } })),
      contexts: contexts.map(([name, c]) => ({ name, context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
      'current-context': this.current,
    };
  }

}
