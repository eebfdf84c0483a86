// kubectl config: the workstation's kubeconfig (kubeconfig.ts). Reading it (view,
// current-context, get-contexts, get-clusters, get-users) and the context changes a student
// makes (set-context --current --namespace=dev, use-context, delete-context, rename-context),
// with kubectl's messages. The lab has one cluster and one user, so the subcommands that add
// clusters or credentials say so instead of pretending.

import { bool, str, type Parsed } from '../flags.ts';
import { KUBECONFIG_PATH, KubeConfig } from '../kubeconfig.ts';
import { jsonpath, toYaml } from '../output.ts';
import { formatTabbed, GET_TABWRITER } from '../printers/tabwriter.ts';
import { apiServerUrl } from './misc.ts';
import { done, usageError, type Command, type KubectlEnv, type Output } from '../types.ts';

const SUBCOMMANDS: [string, string][] = [
  ['current-context', 'Display the current-context'],
  ['delete-cluster', 'Delete the specified cluster from the kubeconfig'],
  ['delete-context', 'Delete the specified context from the kubeconfig'],
  ['delete-user', 'Delete the specified user from the kubeconfig'],
  ['get-clusters', 'Display clusters defined in the kubeconfig'],
  ['get-contexts', 'Describe one or many contexts'],
  ['get-users', 'Display users defined in the kubeconfig'],
  ['rename-context', 'Rename a context from the kubeconfig file'],
  ['set', 'Set an individual value in a kubeconfig file'],
  ['set-cluster', 'Set a cluster entry in kubeconfig'],
  ['set-context', 'Set a context entry in kubeconfig'],
  ['set-credentials', 'Set a user entry in kubeconfig'],
  ['unset', 'Unset an individual value in a kubeconfig file'],
  ['use-context', 'Set the current-context in a kubeconfig file'],
  ['view', 'Display merged kubeconfig settings or a specified kubeconfig file'],
];

const HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context"

Available Commands:
${SUBCOMMANDS.map(([n, s]) => `  ${n.padEnd(17)}${s}`).join('\n')}

Usage:
  kubectl config SUBCOMMAND [options]
`;

function view(env: KubectlEnv, kc: KubeConfig, p: Parsed, o: Output): number {
  const minify = bool(p, 'minify');
  if (minify && !kc.contexts.has(kc.current)) {
    o.err(kc.current ? `error: cannot locate context ${kc.current}\n` : 'error: current-context must exist in order to minify\n');
    return 1;
  }
  const data = kc.view(apiServerUrl(env), minify, bool(p, 'raw') || bool(p, 'flatten'));
  const format = str(p, 'output') ?? 'yaml';
  if (format === 'yaml') o.out(toYaml(data));
  else if (format === 'json') o.out(JSON.stringify(data, null, 4) + '\n');
  else if (format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=')) {
    try {
      o.out(jsonpath(data, format.slice(format.indexOf('=') + 1)));
    } catch (e) {
      o.err(`error: error parsing jsonpath ${format.slice(format.indexOf('=') + 1)}, ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    o.err(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml\n`);
    return 1;
  }
  return 0;
}

function getContexts(kc: KubeConfig, p: Parsed, o: Output): number {
  const output = str(p, 'output') ?? '';
  if (output !== '' && output !== 'name') {
    o.err(`error: output must be one of '' or 'name': ${output}\n`);
    return 1;
  }
  const names = p.args.slice(1);
  const missing = names.filter((n) => !kc.contexts.has(n));
  const shown = (names.length ? names.filter((n) => kc.contexts.has(n)) : [...kc.contexts.keys()]).sort();
  if (output === 'name') o.out(shown.map((n) => `${n}\n`).join(''));
  else {
    const head = bool(p, 'no-headers') ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
    const rows = shown.map((n) => {
      const c = kc.contexts.get(n)!;
      return `${n === kc.current ? '*' : ' '}\t${n}\t${c.cluster}\t${c.user}\t${c.namespace ?? ''}\n`;
    });
    o.out(formatTabbed(head + rows.join(''), GET_TABWRITER));
  }
  if (missing.length === 1) o.err(`error: context ${missing[0]} not found\n`);
  else if (missing.length > 1) o.err(`error: [${missing.map((n) => `context ${n} not found`).join(', ')}]\n`);
  return missing.length ? 1 : 0;
}

function setContext(kc: KubeConfig, p: Parsed, o: Output): number {
  const current = bool(p, 'current');
  const args = p.args.slice(1);
  if (current && args.length) return usageError(o, 'config set-context', 'you cannot specify both a context name and --current');
  if (!current && args.length !== 1) return usageError(o, 'config set-context', `Unexpected args: [${args.join(' ')}]`);
  const name = current ? kc.current : args[0]!;
  if (current && !name) {
    o.err('error: no current context is set\n');
    return 1;
  }
  const existing = kc.contexts.get(name);
  const next = { ...(existing ?? { cluster: '', user: '' }) };
  const cluster = str(p, 'cluster');
  const user = str(p, 'user');
  const namespace = str(p, 'namespace');
  if (cluster !== undefined) next.cluster = cluster;
  if (user !== undefined) next.user = user;
  if (namespace !== undefined) {
    if (namespace) next.namespace = namespace;
    else delete next.namespace;
  }
  kc.contexts.set(name, next);
  o.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
  return 0;
}

function config(env: KubectlEnv, p: Parsed, o: Output): number {
  // Without a kubeconfig of the caller's (a read-only run), changes would go nowhere: work on a copy.
  const kc = env.kubeconfig ?? new KubeConfig();
  const sub = p.args[0];
  const args = p.args.slice(1);
  switch (sub) {
    case undefined:
      o.err(HELP);
      return 1;
    case 'view':
      return view(env, kc, p, o);
    case 'current-context':
      if (!kc.current) {
        o.err('error: current-context is not set\n');
        return 1;
      }
      o.out(`${kc.current}\n`);
      return 0;
    case 'get-contexts':
      return getContexts(kc, p, o);
    case 'get-clusters':
      o.out(`NAME\n${[...kc.clusters].sort().join('\n')}\n`);
      return 0;
    case 'get-users':
      o.out(`NAME\n${[...kc.users].sort().join('\n')}\n`);
      return 0;
    case 'use-context':
    case 'use': {
      if (args.length !== 1) return usageError(o, 'config use-context', `Unexpected args: [${args.join(' ')}]`);
      const name = args[0]!;
      if (!kc.contexts.has(name)) {
        o.err(`error: no context exists with the name: "${name}"\n`);
        return 1;
      }
      kc.current = name;
      o.out(`Switched to context "${name}".\n`);
      return 0;
    }
    case 'set-context':
      return setContext(kc, p, o);
    case 'delete-context': {
      if (args.length !== 1) return usageError(o, 'config delete-context', `Unexpected args: [${args.join(' ')}]`);
      const name = args[0]!;
      if (!kc.contexts.has(name)) {
        o.err(`error: cannot delete context ${name}, not in ${KUBECONFIG_PATH}\n`);
        return 1;
      }
      if (kc.current === name) {
        o.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
        kc.current = '';
      }
      kc.contexts.delete(name);
      o.out(`deleted context ${name} from ${KUBECONFIG_PATH}\n`);
      return 0;
    }
    case 'rename-context': {
      if (args.length !== 2) return usageError(o, 'config rename-context', `Unexpected args: [${args.join(' ')}]`);
      const [from, to] = args as [string, string];
      if (!kc.contexts.has(from)) {
        o.err(`error: cannot rename the context "${from}", it's not in ${KUBECONFIG_PATH}\n`);
        return 1;
      }
      if (kc.contexts.has(to)) {
        o.err(`error: cannot rename the context "${from}", the context "${to}" already exists in ${KUBECONFIG_PATH}\n`);
        return 1;
      }
      const c = kc.contexts.get(from)!;
      kc.contexts.delete(from);
      kc.contexts.set(to, c);
      if (kc.current === from) kc.current = to;
      o.out(`Context "${from}" renamed to "${to}".\n`);
      return 0;
    }
    case 'set-cluster':
    case 'set-credentials':
    case 'set':
    case 'unset':
    case 'delete-cluster':
    case 'delete-user':
      o.err(`error: kubectl config ${sub} is not available in this lab: its kubeconfig (${KUBECONFIG_PATH}) holds the one cluster and admin user kubeadm made. Contexts can be changed: kubectl config set-context --current --namespace=NAME\n`);
      return 1;
    default:
      return usageError(o, 'config', `unknown command "${p.args.join(' ')}"`);
  }
}

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  flags: [
    { name: 'minify', type: 'bool' },
    { name: 'raw', type: 'bool' },
    { name: 'flatten', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'current', type: 'bool' },
    { name: 'cluster', type: 'string' },
    { name: 'user', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    // set-cluster and set-credentials take these; the lab answers them with why it cannot.
    { name: 'server', type: 'string' },
    { name: 'certificate-authority', type: 'string' },
    { name: 'embed-certs', type: 'bool' },
    { name: 'insecure-skip-tls-verify', type: 'bool' },
    { name: 'client-certificate', type: 'string' },
    { name: 'client-key', type: 'string' },
    { name: 'token', type: 'string' },
  ],
  run: (env, p, o) => done(config(env, p, o)),
};
