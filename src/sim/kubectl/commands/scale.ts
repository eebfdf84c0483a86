// kubectl scale: set spec.replicas on a Deployment, ReplicaSet, ReplicationController or
// StatefulSet; the controllers do the rest.

import { int, str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { nameOf } from '../output.ts';
import { resolveObjects } from '../select.ts';
import { apiErrorText } from '../../store/types.ts';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

function* scale(env: KubectlEnv, p: Parsed, o: Output): Job {
  const replicas = int(p, 'replicas');
  if (replicas === undefined || replicas < 0) {
    o.err('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    return 1;
  }
  const store = env.cluster.store;
  const r = resolveObjects(store, p.args, { namespace: str(p, 'namespace') ?? env.namespace, all: p.flags.get('all') === true, selector: str(p, 'selector') });
  if (typeof r === 'string') {
    o.err(r + '\n');
    return 1;
  }
  for (const e of r.notFound) o.err(e + '\n');
  let failed = r.notFound.length > 0;
  const current = int(p, 'current-replicas');
  for (const obj of r.objects) {
    if (!SCALABLE.has(obj.kind)) {
      o.err(`error: no objects passed to scale ${store.qualifiedPlural(obj.kind)} "${obj.metadata.name}" is not scalable\n`);
      failed = true;
      continue;
    }
    const spec = (obj as unknown as { spec?: { replicas?: number } }).spec ?? {};
    if (current !== undefined && (spec.replicas ?? 1) !== current) {
      o.err(`error: Expected replicas to be ${current}, was ${spec.replicas ?? 1}\n`);
      failed = true;
      continue;
    }
    const next = { ...obj, spec: { ...spec, replicas } } as typeof obj;
    const res = env.cluster.api.update(next, obj);
    if (!res.ok) {
      o.err(apiErrorText(res.error) + '\n');
      failed = true;
      continue;
    }
    o.out(`${nameOf(store, res.object)} scaled\n`);
  }
  env.cluster.clock.settle();
  return failed ? 1 : 0;
}

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'timeout', type: 'string' },
  ],
  run: scale,
};
