// kubectl wait: block (on the virtual clock) until objects meet a condition, are deleted, or
// a jsonpath has a value; the runner's transcripts then show exactly how long that took.

import { parseDuration } from '../../clock.ts';
import type { KubeObject } from '../../store/types.ts';
import { bool, str, type Parsed } from '../flags.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';
import { evalPath, nameOf } from '../output.ts';
import { matchesLabels, parseLabelSelector, parseTargets } from '../select.ts';

type Check = (o: KubeObject | undefined) => boolean;

function condition(forArg: string): Check | string {
  if (forArg === 'delete') return (o) => o === undefined;
  const cond = /^condition=([^=]+)(?:=(.*))?$/i.exec(forArg);
  if (cond) {
    const type = cond[1]!.toLowerCase();
    const want = (cond[2] ?? 'True').toLowerCase();
    return (o) => {
      const conditions = ((o as { status?: { conditions?: { type: string; status: string }[] } } | undefined)?.status?.conditions ?? []);
      return conditions.some((c) => c.type.toLowerCase() === type && c.status.toLowerCase() === want);
    };
  }
  const jp = /^jsonpath=(?:'|")?\{([^}]*)\}(?:'|")?(?:=(.*))?$/.exec(forArg);
  if (jp) {
    const path = jp[1]!;
    const want = jp[2]?.replace(/^['"]|['"]$/g, '');
    return (o) => {
      if (!o) return false;
      const vals = evalPath(o, path);
      if (vals.length === 0) return false;
      return want === undefined ? true : vals.some((v) => String(v) === want);
    };
  }
  return `error: unrecognized condition: "${forArg}"`;
}

function* wait(env: KubectlEnv, p: Parsed, o: Output): Job {
  const forArg = str(p, 'for');
  if (!forArg) {
    o.err('error: --for must be specified\n');
    return 1;
  }
  const check = condition(forArg);
  if (typeof check === 'string') {
    o.err(check + '\n');
    return 1;
  }
  const timeout = parseDuration(str(p, 'timeout') ?? '30s') ?? 30_000;
  const ns = str(p, 'namespace') ?? env.namespace;
  const parsed = parseTargets(p.args);
  if (!parsed.ok) {
    o.err(parsed.error + '\n');
    return 1;
  }
  if (parsed.targets.length === 0) {
    o.err("error: resource(s) were provided, but no name was specified\n");
    return 1;
  }
  const store = env.cluster.store;
  const sel = str(p, 'selector');
  const reqs = sel ? parseLabelSelector(sel) : [];
  if (typeof reqs === 'string') {
    o.err(`error: ${reqs}\n`);
    return 1;
  }
  const items: { kind: string; ns: string | undefined; name: string; uid: string | undefined; shown: string }[] = [];
  for (const t of parsed.targets) {
    const scope = t.resource.namespaced ? ns : undefined;
    if (t.names.length === 0) {
      if (!bool(p, 'all') && !sel) {
        o.err('error: resource(s) were provided, but no name was specified\n');
        return 1;
      }
      for (const x of store.list(t.resource.kind, scope).filter((x) => matchesLabels(x.metadata.labels, reqs))) {
        items.push({ kind: x.kind, ns: scope, name: x.metadata.name ?? '', uid: x.metadata.uid, shown: nameOf(store, x) });
      }
      continue;
    }
    for (const n of t.names) {
      const cur = store.get(t.resource.kind, scope, n);
      if (!cur && forArg !== 'delete') {
        o.err(`Error from server (NotFound): ${store.qualifiedPlural(t.resource.kind)} "${n}" not found\n`);
        return 1;
      }
      const shown = `${t.resource.group ? `${t.resource.singular}.${t.resource.group}` : t.resource.singular}/${n}`;
      items.push({ kind: t.resource.kind, ns: scope, name: n, uid: cur?.metadata.uid, shown });
    }
  }
  if (items.length === 0) {
    o.err('error: no matching resources found\n');
    return 1;
  }
  let failed = false;
  let waited = 0;
  for (const it of items) {
    for (;;) {
      const cur = store.get(it.kind, it.ns, it.name);
      const same = cur && (it.uid === undefined || cur.metadata.uid === it.uid) ? cur : undefined;
      if (check(same)) {
        o.out(`${it.shown} condition met\n`);
        break;
      }
      if (waited >= timeout) {
        o.err(`error: timed out waiting for the condition on ${store.qualifiedPlural(it.kind)}/${it.name}\n`);
        failed = true;
        break;
      }
      yield { type: 'sleep', ms: 100 };
      waited += 100;
    }
  }
  return failed ? 1 : 0;
}

export const waitCommand: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
  ],
  run: wait,
};
