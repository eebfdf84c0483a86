// kubectl rollout (status, history, undo, pause, resume, restart), kubectl set image|env and
// kubectl create deployment. The texts come from ../../controllers/deployment/rollout.ts;
// status, restart, history and undo work on DaemonSets and StatefulSets too: status with
// kubectl's own status viewers, history and undo from their ControllerRevisions.

import type { KubeObject } from '../../store/types.ts';
import { apiErrorText } from '../../store/types.ts';
import { parseDuration } from '../../clock.ts';
import { historyTable, pickRollbackRevision, rollbackAnnotations, rollbackResultMessage, rolloutStatusMessage } from '../../controllers/deployment/index.ts';
import type { Workload } from '../../controllers/replicaset.ts';
import { ownedRevisions, revisionPatch, revisionTemplate, type StatefulSet } from '../../controllers/statefulset.ts';
import { stableStringify } from '../../controllers/deployment/hash.ts';
import { int, str, strings, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { dryRunView, nameOf, toJson, toYaml } from '../output.ts';
import { parseTargets } from '../select.ts';

type Deployment = Workload & { spec?: Workload['spec'] & { paused?: boolean }; status?: Record<string, unknown> };

const REVISION = 'deployment.kubernetes.io/revision';

type RolloutKind = 'Deployment' | 'DaemonSet' | 'StatefulSet';

function findDeployment(env: KubectlEnv, p: Parsed, args: string[], o: Output): Deployment | undefined {
  return findTarget(env, p, args, o, ['Deployment']) as Deployment | undefined;
}

/** The object a rollout subcommand works on, if its kind is one the subcommand supports. */
function findTarget(env: KubectlEnv, p: Parsed, args: string[], o: Output, kinds: readonly RolloutKind[]): Workload | undefined {
  const parsed = parseTargets(args);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return undefined;
  }
  const t = parsed.targets[0];
  const name = t?.names[0];
  if (!t || !name) {
    o.err('error: required resource not specified\n');
    return undefined;
  }
  if (!(kinds as readonly string[]).includes(t.resource.kind)) {
    o.err(`error: no rollout support for ${t.resource.resource}.${t.resource.group || 'core'}\n`.replace('.core', ''));
    return undefined;
  }
  const ns = str(p, 'namespace') ?? env.namespace;
  const obj = env.cluster.store.get<Workload>(t.resource.kind, ns, name);
  if (!obj) {
    o.err(`Error from server (NotFound): ${t.resource.resource}${t.resource.group ? `.${t.resource.group}` : ''} "${name}" not found\n`);
    return undefined;
  }
  return obj;
}

interface StatusVerdict {
  message: string;
  done: boolean;
  error?: string;
}

type SetStatus = Record<string, number | string | undefined>;

/** kubectl's DaemonSetStatusViewer (polymorphichelpers/rollout_status.go). */
function daemonSetStatus(ds: Workload): StatusVerdict {
  const spec = ds.spec as { updateStrategy?: { type?: string } } | undefined;
  if ((spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = (ds.status ?? {}) as SetStatus;
  const n = (k: string): number => Number(st[k] ?? 0);
  const name = ds.metadata.name ?? '';
  if ((ds.metadata.generation ?? 0) > n('observedGeneration')) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  if (n('updatedNumberScheduled') < n('desiredNumberScheduled')) return { message: `Waiting for daemon set "${name}" rollout to finish: ${n('updatedNumberScheduled')} out of ${n('desiredNumberScheduled')} new pods have been updated...`, done: false };
  if (n('numberAvailable') < n('desiredNumberScheduled')) return { message: `Waiting for daemon set "${name}" rollout to finish: ${n('numberAvailable')} of ${n('desiredNumberScheduled')} updated pods are available...`, done: false };
  return { message: `daemon set "${name}" successfully rolled out`, done: true };
}

/** kubectl's StatefulSetStatusViewer (polymorphichelpers/rollout_status.go). */
function statefulSetStatus(sts: Workload): StatusVerdict {
  const spec = sts.spec as { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } } | undefined;
  const strategy = spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = (sts.status ?? {}) as SetStatus;
  const n = (k: string): number => Number(st[k] ?? 0);
  const replicas = spec?.replicas ?? 1;
  if (n('observedGeneration') === 0 || (sts.metadata.generation ?? 0) > n('observedGeneration')) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  if (n('readyReplicas') < replicas) return { message: `Waiting for ${replicas - n('readyReplicas')} pods to be ready...`, done: false };
  if (strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (partition !== undefined && n('updatedReplicas') < replicas - partition) return { message: `Waiting for partitioned roll out to finish: ${n('updatedReplicas')} out of ${replicas - partition} new pods have been updated...`, done: false };
    return { message: `partitioned roll out complete: ${n('updatedReplicas')} new pods have been updated...`, done: true };
  }
  if (st['updateRevision'] !== st['currentRevision']) return { message: `waiting for statefulset rolling update to complete ${n('updatedReplicas')} pods at revision ${String(st['updateRevision'] ?? '')}...`, done: false };
  return { message: `statefulset rolling update complete ${n('currentReplicas')} pods at revision ${String(st['currentRevision'] ?? '')}...`, done: true };
}

function deploymentStatus(d: Deployment): StatusVerdict {
  const st = (d.status ?? {}) as { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; conditions?: { type: string; reason?: string }[] };
  const input: Parameters<typeof rolloutStatusMessage>[1] = {
    generation: d.metadata.generation ?? 0,
    observedGeneration: st.observedGeneration ?? 0,
    specReplicas: d.spec?.replicas ?? 1,
    status: { replicas: st.replicas ?? 0, updatedReplicas: st.updatedReplicas ?? 0, availableReplicas: st.availableReplicas ?? 0 },
  };
  const reason = (st.conditions ?? []).find((c) => c.type === 'Progressing')?.reason;
  if (reason) input.progressingReason = reason;
  return rolloutStatusMessage(d.metadata.name ?? '', input);
}

const STATUS_VIEWERS: Record<RolloutKind, (obj: Workload) => StatusVerdict> = {
  Deployment: (d) => deploymentStatus(d as Deployment),
  DaemonSet: daemonSetStatus,
  StatefulSet: statefulSetStatus,
};

function ownedRSs(env: KubectlEnv, d: KubeObject): Workload[] {
  return env.cluster.store.list<Workload>('ReplicaSet', d.metadata.namespace).filter((r) => (r.metadata.ownerReferences ?? []).some((x) => x.controller && x.uid === d.metadata.uid));
}

function* status(env: KubectlEnv, p: Parsed, o: Output): Job {
  const first = findTarget(env, p, p.args.slice(1), o, ['Deployment', 'DaemonSet', 'StatefulSet']);
  if (!first) return 1;
  const kind = first.kind as RolloutKind;
  const ns = first.metadata.namespace;
  const name = first.metadata.name ?? '';
  const timeout = parseDuration(str(p, 'timeout') ?? '0') || Infinity;
  let last = '';
  for (let waited = 0; ; waited += 100) {
    const obj = env.cluster.store.get<Workload>(kind, ns, name);
    if (!obj) {
      o.err('error: object has been deleted\n');
      return 1;
    }
    const r = STATUS_VIEWERS[kind](obj);
    if (r.error) {
      o.err(`error: ${r.error}\n`);
      return 1;
    }
    if (r.message !== last) {
      o.out(r.message.endsWith('\n') ? r.message : r.message + '\n');
      last = r.message;
    }
    if (r.done) return 0;
    if (waited >= timeout) {
      o.err('error: timed out waiting for the condition\n');
      return 1;
    }
    yield { type: 'sleep', ms: 100 };
  }
}

interface HistoryRow {
  revision: number;
  changeCause: string | undefined;
  template: unknown;
}

/** kubectl's printHistory: the table, or with --revision=N that revision's pod template. */
function printHistory(p: Parsed, o: Output, resource: string, name: string, rows: HistoryRow[]): number {
  const want = int(p, 'revision');
  if (want !== undefined && want > 0) {
    const hit = rows.find((r) => r.revision === want);
    if (!hit) {
      o.err('error: unable to find the specified revision\n');
      return 1;
    }
    o.out(`${resource}/${name} with revision #${want}\n${toYaml({ podTemplate: hit.template }).replace(/^podTemplate:\n/, 'Pod Template:\n')}\n`);
    return 0;
  }
  o.out(historyTable(name, rows.map((r) => (r.changeCause === undefined ? { revision: r.revision } : { revision: r.revision, changeCause: r.changeCause })), resource));
  return 0;
}

/** kubectl's StatefulSetRollbacker and DaemonSetRollbacker: back to --to-revision, or the one before the newest. */
function revisionUndo(env: KubectlEnv, p: Parsed, o: Output, set: StatefulSet): number {
  const name = set.metadata.name ?? '';
  const resource = `${set.kind.toLowerCase()}.apps`;
  const to = int(p, 'to-revision') ?? 0;
  if (to < 0) {
    o.err(`error: unable to find specified revision ${to} in history\n`);
    return 1;
  }
  const revisions = ownedRevisions(env.cluster.store, set);
  if (to === 0 && revisions.length <= 1) {
    o.err('error: no last revision to roll back to\n');
    return 1;
  }
  const target = to === 0 ? revisions[revisions.length - 2] : revisions.find((r) => r.revision === to);
  if (!target) {
    o.err(`error: unable to find specified revision ${to} in history\n`);
    return 1;
  }
  // kubectl compares the patches and names the revision it was asked for (0 when none was).
  if (stableStringify(revisionPatch(set)) === stableStringify(target.data)) {
    o.out(`${resource}/${name} skipped rollback (current template already matches revision ${to})\n`);
    return 0;
  }
  const next = { ...set, spec: { ...set.spec, template: revisionTemplate(target) } } as StatefulSet;
  const res = env.cluster.api.update(next, set);
  if (!res.ok) {
    o.err(apiErrorText(res.error) + '\n');
    return 1;
  }
  o.out(`${resource}/${name} rolled back\n`);
  env.cluster.clock.settle();
  return 0;
}

function history(env: KubectlEnv, p: Parsed, o: Output): number {
  const target = findTarget(env, p, p.args.slice(1), o, ['Deployment', 'DaemonSet', 'StatefulSet']);
  if (!target) return 1;
  const name = target.metadata.name ?? '';
  if (target.kind !== 'Deployment') {
    // A StatefulSet's or DaemonSet's history is its ControllerRevisions.
    const rows = ownedRevisions(env.cluster.store, target).map((r) => ({ revision: r.revision, changeCause: r.metadata.annotations?.['kubernetes.io/change-cause'], template: revisionTemplate(r) }));
    return printHistory(p, o, `${target.kind.toLowerCase()}.apps`, name, rows);
  }
  // A Deployment's is its ReplicaSets, numbered by their revision annotation.
  const rows = ownedRSs(env, target)
    .map((r) => ({ revision: Number(r.metadata.annotations?.[REVISION] ?? 0), changeCause: r.metadata.annotations?.['kubernetes.io/change-cause'], template: r.spec?.template }))
    .filter((x) => x.revision > 0)
    .sort((a, b) => a.revision - b.revision);
  return printHistory(p, o, 'deployment.apps', name, rows);
}

function undo(env: KubectlEnv, p: Parsed, o: Output): number {
  const target = findTarget(env, p, p.args.slice(1), o, ['Deployment', 'DaemonSet', 'StatefulSet']);
  if (!target) return 1;
  if (target.kind !== 'Deployment') return revisionUndo(env, p, o, target as StatefulSet);
  const d = target as Deployment;
  const rss = ownedRSs(env, d).map((rs) => ({ revision: Number(rs.metadata.annotations?.[REVISION] ?? 0), rs }));
  const to = int(p, 'to-revision') ?? 0;
  const pick = pickRollbackRevision(rss, to, { deploymentName: d.metadata.name ?? '', paused: d.spec?.paused === true });
  if (!pick.ok) {
    o.err(`error: ${pick.error}\n`);
    return 1;
  }
  const template = structuredClone(pick.target.rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (JSON.stringify(template) === JSON.stringify(d.spec?.template ?? {})) {
    o.out(rollbackResultMessage(d.metadata.name ?? '', true, to));
    return 0;
  }
  const next = {
    ...d,
    metadata: { ...d.metadata, annotations: rollbackAnnotations(d.metadata.annotations ?? {}, pick.target.rs.metadata.annotations ?? {}) },
    spec: { ...d.spec, template },
  } as Deployment;
  const res = env.cluster.api.update(next, d);
  if (!res.ok) {
    o.err(apiErrorText(res.error) + '\n');
    return 1;
  }
  o.out(rollbackResultMessage(d.metadata.name ?? '', false, to));
  env.cluster.clock.settle();
  return 0;
}

function setPaused(env: KubectlEnv, p: Parsed, o: Output, paused: boolean): number {
  const d = findDeployment(env, p, p.args.slice(1), o);
  if (!d) return 1;
  if ((d.spec?.paused === true) === paused) {
    o.err(`error: deployments.apps "${d.metadata.name}" is ${paused ? 'already paused' : 'not paused'}\n`);
    return 1;
  }
  const next = { ...d, spec: { ...d.spec } } as Deployment;
  if (paused) next.spec!.paused = true;
  else delete next.spec!.paused;
  const res = env.cluster.api.update(next, d);
  if (!res.ok) {
    o.err(apiErrorText(res.error) + '\n');
    return 1;
  }
  o.out(`deployment.apps/${d.metadata.name} ${paused ? 'paused' : 'resumed'}\n`);
  env.cluster.clock.settle();
  return 0;
}

function restart(env: KubectlEnv, p: Parsed, o: Output): number {
  const obj = findTarget(env, p, p.args.slice(1), o, ['Deployment', 'DaemonSet', 'StatefulSet']);
  if (!obj) return 1;
  const template = structuredClone(obj.spec?.template ?? {});
  template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, 'kubectl.kubernetes.io/restartedAt': new Date(env.cluster.clock.wallTime).toISOString().replace(/\.\d+Z$/, 'Z') } };
  const res = env.cluster.api.update({ ...obj, spec: { ...obj.spec, template } } as Workload, obj);
  if (!res.ok) {
    o.err(apiErrorText(res.error) + '\n');
    return 1;
  }
  o.out(`${obj.kind.toLowerCase()}.apps/${obj.metadata.name} restarted\n`);
  env.cluster.clock.settle();
  return 0;
}

function* rollout(env: KubectlEnv, p: Parsed, o: Output): Job {
  const sub = p.args[0];
  switch (sub) {
    case 'status':
      return yield* status(env, p, o);
    case 'history':
      return history(env, p, o);
    case 'undo':
      return undo(env, p, o);
    case 'pause':
      return setPaused(env, p, o, true);
    case 'resume':
      return setPaused(env, p, o, false);
    case 'restart':
      return restart(env, p, o);
    default:
      o.err(`error: unknown command "${sub ?? ''}" for "kubectl rollout"\n`);
      return 1;
  }
}

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  flags: [
    { name: 'revision', type: 'int' },
    { name: 'to-revision', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool', default: true },
  ],
  run: rollout,
};

// ------------------------------------------------------------------ set image

function* set(env: KubectlEnv, p: Parsed, o: Output): Job {
  if (p.args[0] === 'image') return yield* setImage(env, p, o);
  if (p.args[0] === 'env') return yield* setEnv(env, p, o);
  o.err(`error: unknown command "${p.args[0] ?? ''}" for "kubectl set"\n`);
  return 1;
}

type EnvVar = { name: string; value?: string; valueFrom?: unknown };
type PodSpecLike = { containers?: { name: string; image?: string; env?: EnvVar[] }[]; initContainers?: { name: string; image?: string; env?: EnvVar[] }[] };

function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
  const o = obj as unknown as { spec?: Record<string, unknown> & { template?: { spec?: PodSpecLike } } };
  return (obj.kind === 'Pod' ? o.spec : o.spec?.template?.spec) as PodSpecLike | undefined;
}

/** kubectl set env: NAME=value adds or replaces, NAME- removes, --list prints. */
function* setEnv(env: KubectlEnv, p: Parsed, o: Output): Job {
  const rest = p.args.slice(1);
  const pairs = rest.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_.-]*-$/.test(a));
  const targets = rest.filter((a) => !pairs.includes(a));
  const store = env.cluster.store;
  const parsed = parseTargets(targets);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return 1;
  }
  const list = p.flags.get('list') === true;
  if (!list && pairs.length === 0) {
    o.err('error: at least one environment variable must be provided\n');
    return 1;
  }
  const only = str(p, 'container');
  const ns = str(p, 'namespace') ?? env.namespace;
  for (const t of parsed.targets) {
    for (const n of t.names) {
      const obj = store.get(t.resource.kind, ns, n);
      if (!obj) {
        o.err(`Error from server (NotFound): ${store.qualifiedPlural(t.resource.kind)} "${n}" not found\n`);
        return 1;
      }
      const next = structuredClone(obj);
      const spec = podSpecOf(next);
      if (!spec) {
        o.err(`error: ${nameOf(store, obj)} does not have a pod template\n`);
        return 1;
      }
      const containers = (spec.containers ?? []).filter((c) => !only || only === '*' || c.name === only);
      if (containers.length === 0) {
        o.err(`error: unable to find container named ${only ?? ''}\n`);
        return 1;
      }
      if (list) {
        for (const c of containers) {
          o.out(`# ${obj.kind} ${n}, container ${c.name}\n`);
          for (const e of c.env ?? []) o.out(e.value !== undefined || !e.valueFrom ? `${e.name}=${e.value ?? ''}\n` : `# ${e.name} from a reference\n`);
        }
        continue;
      }
      for (const c of containers) {
        for (const pair of pairs) {
          if (pair.endsWith('-') && !pair.includes('=')) {
            const name = pair.slice(0, -1);
            c.env = (c.env ?? []).filter((e) => e.name !== name);
            if (c.env.length === 0) delete c.env;
            continue;
          }
          const name = pair.slice(0, pair.indexOf('='));
          const value = pair.slice(pair.indexOf('=') + 1);
          const vars = c.env ?? [];
          const at = vars.findIndex((e) => e.name === name);
          if (at >= 0) vars[at] = { name, value };
          else vars.push({ name, value });
          c.env = vars;
        }
      }
      if (JSON.stringify(next) === JSON.stringify(obj)) continue;
      const res = env.cluster.api.update(next, obj);
      if (!res.ok) {
        o.err(apiErrorText(res.error) + '\n');
        return 1;
      }
      o.out(`${nameOf(store, res.object)} env updated\n`);
    }
  }
  env.cluster.clock.settle();
  return 0;
}

function* setImage(env: KubectlEnv, p: Parsed, o: Output): Job {
  const rest = p.args.slice(1);
  const pairs = rest.filter((a) => a.includes('='));
  const targets = rest.filter((a) => !a.includes('='));
  const store = env.cluster.store;
  const parsed = parseTargets(targets);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return 1;
  }
  const ns = str(p, 'namespace') ?? env.namespace;
  for (const t of parsed.targets) {
    for (const n of t.names) {
      const obj = store.get<Deployment>(t.resource.kind, ns, n);
      if (!obj) {
        o.err(`Error from server (NotFound): ${store.qualifiedPlural(t.resource.kind)} "${n}" not found\n`);
        return 1;
      }
      const next = structuredClone(obj);
      const podSpec = podSpecOf(next);
      for (const pair of pairs) {
        const [cname, image] = pair.split('=') as [string, string];
        const all = [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])];
        const hits = cname === '*' ? all : all.filter((c) => c.name === cname);
        if (hits.length === 0) {
          o.err(`error: unable to find container named "${cname}"\n`);
          return 1;
        }
        for (const c of hits) c.image = image;
      }
      const res = env.cluster.api.update(next, obj);
      if (!res.ok) {
        o.err(apiErrorText(res.error) + '\n');
        return 1;
      }
      o.out(`${nameOf(store, res.object)} image updated\n`);
    }
  }
  env.cluster.clock.settle();
  return 0;
}

export const setCommand: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [
    { name: 'record', type: 'bool' },
    { name: 'list', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
  ],
  run: set,
};

// ------------------------------------------------------------------ create deployment

export function* createDeployment(env: KubectlEnv, p: Parsed, o: Output): Job {
  const name = p.args[1];
  const images = strings(p, 'image');
  if (!name) {
    o.err('error: exactly one NAME is required, got 0\n');
    return 1;
  }
  if (images.length === 0) {
    o.err('error: required flag(s) "image" not set\n');
    return 1;
  }
  const labels = { app: name };
  const port = int(p, 'port');
  const containers = images.map((image, i) => {
    const base = (image.split('/').pop() ?? image).split(/[:@]/)[0] ?? 'app';
    const c: Record<string, unknown> = { image, name: images.length > 1 ? `${base}${i === 0 ? '' : `-${i}`}` : base, resources: {} };
    if (port !== undefined) c['ports'] = [{ containerPort: port }];
    return c;
  });
  const dep = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name },
    spec: {
      replicas: int(p, 'replicas') ?? 1,
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { labels }, spec: { containers } },
    },
  } as KubeObject;
  if (str(p, 'dry-run') === 'client') {
    const out = str(p, 'output');
    if (out === 'yaml') o.out(toYaml(dryRunView(dep)));
    else if (out === 'json') o.out(toJson(dryRunView(dep)));
    else o.out(`deployment.apps/${name} created (dry run)\n`);
    return 0;
  }
  const res = env.cluster.api.create(dep, { namespace: str(p, 'namespace') ?? env.namespace });
  if (!res.ok) {
    o.err(apiErrorText(res.error) + '\n');
    return 1;
  }
  o.out(`deployment.apps/${name} created\n`);
  env.cluster.clock.settle();
  return 0;
}
