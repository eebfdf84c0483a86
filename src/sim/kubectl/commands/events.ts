// kubectl events (k8s.io/kubectl pkg/cmd/events, v1.31): the events of a namespace (or all,
// -A) oldest first, optionally only those --for one object and of some --types, with the
// interval column "5m (x3 over 10m)" for repeated events; -w keeps printing new ones.

import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../store/types.ts';
import { resolveResourceType } from '../../admission/apiVersions.ts';
import { bool, str, strings, type Parsed } from '../flags.ts';
import { eventTimes } from '../printers/event.ts';
import { formatTabbed, GET_TABWRITER } from '../printers/tabwriter.ts';
import { listOf, toJson, toYaml } from '../output.ts';
import type { Command, Job, KubectlEnv, Output } from '../types.ts';

type EventObject = Event & KubeObject;

/** SortableEvents: by the last time each was seen. */
function lastSeen(e: EventObject): number {
  return Date.parse(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '') || 0;
}

/** getInterval: "5m", or "30s (x4 over 2m)" for an event seen more than once. */
function interval(e: EventObject, now: number): string {
  const t = eventTimes(e, now);
  return t.count > 1 ? `${t.lastSeen} (x${t.count} over ${t.firstSeen})` : t.firstSeen;
}

function row(e: EventObject, now: number, allNamespaces: boolean): string {
  const ns = allNamespaces ? `${e.metadata.namespace ?? ''}\t` : '';
  return `${ns}${interval(e, now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}\t${(e.message ?? '').trim()}\n`;
}

function* events(env: KubectlEnv, p: Parsed, o: Output): Job {
  const all = bool(p, 'all-namespaces');
  const namespace = str(p, 'namespace') ?? env.namespace;
  const types = strings(p, 'types').flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') {
      o.err('error: valid --types are Normal or Warning\n');
      return 1;
    }
  }
  let forKind: string | undefined;
  let forName: string | undefined;
  const target = str(p, 'for');
  if (target) {
    const slash = target.indexOf('/');
    if (slash < 0) {
      o.err(`error: --for must be in resource/name form\n`);
      return 1;
    }
    const res = resolveResourceType(target.slice(0, slash));
    if (!res.ok) {
      o.err(`error: ${res.message}\n`);
      return 1;
    }
    forKind = res.resource.kind;
    forName = target.slice(slash + 1);
  }
  const output = str(p, 'output');
  if (output !== undefined && output !== 'json' && output !== 'yaml') {
    o.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml\n`);
    return 1;
  }
  const wanted = (e: EventObject): boolean =>
    (types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())) && (forKind === undefined || (e.involvedObject.kind === forKind && e.involvedObject.name === forName));
  const store = env.cluster.store;
  const list = (): EventObject[] => store.list<EventObject>('Event', all ? undefined : namespace).filter(wanted);
  const now = (): number => env.cluster.clock.wallTime;
  const items = list().sort((a, b) => lastSeen(a) - lastSeen(b));
  if (output === 'json' || output === 'yaml') {
    const doc = listOf(items);
    o.out(output === 'json' ? toJson(doc) : toYaml(doc));
    return 0;
  }
  const noHeaders = bool(p, 'no-headers');
  const head = noHeaders ? '' : `${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  const watch = bool(p, 'watch');
  if (items.length === 0 && !watch) {
    o.err(all ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return 0;
  }
  o.out(formatTabbed(head + items.map((e) => row(e, now(), all)).join(''), GET_TABWRITER));
  if (!watch) return 0;
  // -w: what changes from here on, a line each, as the watch delivers it.
  const seen = new Map(items.map((e) => [e.metadata.uid, e.metadata.resourceVersion]));
  const limit = env.streamLimitMs ?? 60_000;
  for (let waited = 0; waited < limit; waited += 1000) {
    yield { type: 'sleep', ms: 1000 };
    const fresh = list()
      .filter((e) => seen.get(e.metadata.uid) !== e.metadata.resourceVersion)
      .sort((a, b) => lastSeen(a) - lastSeen(b));
    for (const e of fresh) {
      seen.set(e.metadata.uid, e.metadata.resourceVersion);
      o.out(formatTabbed(row(e, now(), all), GET_TABWRITER));
    }
  }
  return 0;
}

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run: events,
};
