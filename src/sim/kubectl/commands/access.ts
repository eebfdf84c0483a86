// kubectl api-versions and auth (can-i, whoami) for the lab's one user, the kubeadm admin,
// who may do anything; and what the lab says for the kubectl commands it does not have.

import { SERVED_RESOURCES, resolveResourceType } from '../../admission/apiVersions.ts';
import { str, type Parsed } from '../flags.ts';
import { formatTabbed, GET_TABWRITER } from '../printers/tabwriter.ts';
import { done, usageError, type Command, type Output } from '../types.ts';

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  flags: [],
  run: (_env, _p, o) => {
    // Go sorts the strings byte by byte: "v1" (core) comes last.
    const versions = [...new Set(SERVED_RESOURCES.map((r) => r.apiVersion))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    o.out(versions.map((v) => `${v}\n`).join(''));
    return done(0);
  },
};

function auth(p: Parsed, o: Output): number {
  const [sub, ...args] = p.args;
  if (sub === 'whoami') {
    o.out(formatTabbed('ATTRIBUTE\tVALUE\nUsername\tkubernetes-admin\nGroups\t[kubeadm:cluster-admins system:authenticated]\n', GET_TABWRITER));
    return 0;
  }
  if (sub === 'can-i') {
    if (str(p, 'as') !== undefined) {
      o.err('error: impersonation (--as) is not available in this lab: it has one user, the cluster admin kubeadm made, and no RBAC roles to check\n');
      return 1;
    }
    if (p.flags.get('list') === true) {
      o.out(formatTabbed('Resources\tNon-Resource URLs\tResource Names\tVerbs\n*.*\t[]\t[]\t[*]\n\t[*]\t[]\t[*]\n', GET_TABWRITER));
      return 0;
    }
    if (args.length < 1 || args.length > 2) {
      return usageError(o, 'auth can-i', 'you must specify two arguments: verb resource or verb resource/resourceName.');
    }
    const resource = args[1] ?? '';
    const type = resource.split('/')[0] ?? '';
    if (type && !type.startsWith('/') && !resolveResourceType(type).ok) o.err(`Warning: the server doesn't have a resource type '${type}'\n`);
    // The kubeadm admin is bound to cluster-admin: every verb on every resource.
    o.out('yes\n');
    return 0;
  }
  if (sub === undefined) {
    o.err('Inspect authorization\n\nAvailable Commands:\n  can-i         Check whether an action is allowed\n  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n  whoami        Experimental: Check self subject attributes\n\nUsage:\n  kubectl auth [flags] [options]\n');
    return 1;
  }
  return usageError(o, 'auth', `unknown command "${p.args.join(' ')}"`);
}

export const authCommand: Command = {
  name: 'auth',
  short: 'Inspect authorization',
  flags: [
    { name: 'as', type: 'string' },
    { name: 'list', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
  ],
  run: (_env, p, o) => {
    if (p.flags.get('quiet') === true && p.args[0] === 'can-i') {
      // -q: the answer is the exit code alone.
      return done(auth(p, { out: () => undefined, err: (t) => o.err(t) }));
    }
    return done(auth(p, o));
  },
};

/**
 * kubectl's own commands that the lab does not have, and what to do here instead: a person
 * following a tutorial gets told so, not "unknown command" as if kubectl had no such thing.
 */
export const NOT_IN_LAB: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  'port-forward': 'nothing outside the simulated cluster can connect to it. Reach a pod from inside: kubectl exec POD -- wget -qO- localhost:PORT, or from a throwaway pod: kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- SERVICE:PORT. A NodePort answers curl http://NODE-IP:PORT from this terminal.',
  proxy: 'nothing outside the simulated cluster can connect to it. Reach a Service from a pod instead: kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- SERVICE.',
  attach: 'follow a container\'s output with kubectl logs -f POD, or open a shell in it with kubectl exec -it POD -- sh.',
  debug: 'open a shell in the container with kubectl exec -it POD -- sh, or start a busybox pod beside it: kubectl run debug --rm -it --image=busybox --restart=Never -- sh.',
  cp: 'read a file with kubectl exec POD -- cat PATH, and write one with kubectl exec POD -- sh -c "echo TEXT > PATH".',
  autoscale: 'the lab has no metrics pipeline for a HorizontalPodAutoscaler to act on. Change the number of replicas with kubectl scale deployment NAME --replicas=N.',
  diff: 'see what would change with kubectl apply -f FILE --dry-run=server -o yaml, or compare kubectl get KIND NAME -o yaml with your file.',
  certificate: 'the lab has no CertificateSigningRequests to approve.',
  kustomize: 'apply plain manifests with kubectl apply -f FILE.',
  completion: 'this terminal completes commands with Tab already.',
  plugin: 'the lab has no kubectl plugins.',
  alpha: 'the lab has no alpha commands.',
  options: 'kubectl --help lists the commands the lab has.',
});
