// Pieces of kubectl describe.go shared by every describer: multi-line label, annotation,
// toleration and taint fields, label selectors, and the Events table.

import type { Event, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { parseTimestamp, translateTimestampSince } from './duration.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer.ts';

/**
 * "Title:\tk=v" then "\tk2=v2" for each further key, sorted; `<none>` when empty. The
 * continuation lines start with an empty cell so they align under the first value.
 */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/** Long or multi-line values go on their own indented lines, each cut at 138 characters. */
export function printAnnotationsMultiline(
  w: PrefixWriter,
  title: string,
  annotations: Record<string, string> | undefined,
): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** `key=value:Effect op=Exists for Ns`, sorted by key. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => cmpString(a.key ?? '', b.key ?? ''));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // An Exists toleration with no key and no effect tolerates everything.
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** Taint.ToString(). */
export function taintToString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** Taints sorted by "effect,key". */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])].sort((a, b) => cmpString(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${taintToString(t)}\n`);
  });
}

/** Byte-wise string order, as Go's sort.Strings uses (not locale order). */
export function cmpString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** metav1.FormatLabelSelector: requirements sorted by key; `<none>` for an empty selector. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(cmpString).join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => cmpString(a.key, b.key));
  const s = reqs.map((r) => r.text).join(',');
  return s || '<none>';
}

function eventInterval(e: Event, nowMs: number): string {
  const first = e.eventTime ? translateTimestampSince(e.eventTime, nowMs) : translateTimestampSince(e.firstTimestamp, nowMs);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
  return first;
}

/**
 * DescribeEvents. The events are sorted by lastTimestamp (unset first; ties keep their
 * order) and laid out as their own table after a flush. With no events the line joins the
 * alignment of the fields above it.
 */
export function describeEvents(events: Event[], w: PrefixWriter, nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const at = (e: Event): number => parseTimestamp(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = [...events].sort((a, b) => at(a) - at(b) || 0);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${eventInterval(e, nowMs)}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
