// `kubectl get events`: printEvent from printers.go. Rows come out in the order given;
// kubectl get does not sort events itself, so ordering (e.g. --sort-by) is the caller's.

import type { Event } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from './duration.ts';
import { renderTable, type TableOptions } from './table.ts';

export const EVENT_HEADERS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
export const EVENT_WIDE_HEADERS = [
  'LAST SEEN',
  'TYPE',
  'REASON',
  'OBJECT',
  'SUBOBJECT',
  'SOURCE',
  'MESSAGE',
  'FIRST SEEN',
  'COUNT',
  'NAME',
];

/** `kind/name` with the kind lower-cased, or just the kind when the object has no name. */
export function eventObject(event: Event): string {
  const kind = (event.involvedObject.kind ?? '').toLowerCase();
  const name = event.involvedObject.name ?? '';
  return name.length > 0 ? `${kind}/${name}` : kind;
}

/** formatEventSource: component (or reportingController) and host (or reportingInstance). */
export function formatEventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance.length === 0 ? component : `${component}, ${instance}`;
}

export interface EventTimes {
  firstSeen: string;
  lastSeen: string;
  count: number;
}

/**
 * FIRST SEEN falls back from firstTimestamp to eventTime; LAST SEEN from lastTimestamp to
 * FIRST SEEN; a series overrides LAST SEEN and the count. Events from the events.k8s.io API
 * carry no count, which prints as 1.
 */
export function eventTimes(event: Event, nowMs: number): EventTimes {
  const firstSeen = event.firstTimestamp
    ? translateTimestampSince(event.firstTimestamp, nowMs)
    : translateTimestampSince(event.eventTime, nowMs);
  let lastSeen = event.lastTimestamp ? translateTimestampSince(event.lastTimestamp, nowMs) : firstSeen;
  let count = event.count ?? 0;
  if (event.series) {
    lastSeen = translateTimestampSince(event.series.lastObservedTime, nowMs);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  return { firstSeen, lastSeen, count };
}

export function eventRow(event: Event, nowMs: number, wide = false): string[] {
  const t = eventTimes(event, nowMs);
  const message = (event.message ?? '').trim();
  const type = event.type ?? '';
  const reason = event.reason ?? '';
  if (!wide) return [t.lastSeen, type, reason, eventObject(event), message];
  return [
    t.lastSeen,
    type,
    reason,
    eventObject(event),
    event.involvedObject.fieldPath ?? '',
    formatEventSource(event),
    message,
    t.firstSeen,
    String(t.count),
    event.metadata?.name ?? '',
  ];
}

export function getEventsTable(events: Event[], nowMs: number, options: TableOptions = {}): string {
  const rows = events.map((e) => ({
    cells: eventRow(e, nowMs, options.wide === true),
    namespace: e.metadata?.namespace,
    labels: e.metadata?.labels,
  }));
  return renderTable(options.wide ? EVENT_WIDE_HEADERS : EVENT_HEADERS, rows, options);
}
