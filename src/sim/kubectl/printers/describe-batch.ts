// kubectl describe for Jobs and DaemonSets (describe.go describeJob and describeDaemonSet),
// as kubectl v1.31 prints them: Job "Pods Statuses" with the Ready count (JobReadyPods is GA),
// and the DaemonSet's node counts written without tabs, so they do not align.

import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describeEvents, formatLabelSelector, printAnnotationsMultiline, printLabelsMultiline } from './describe-common.ts';
import { describePodTemplate } from './describe-workload.ts';
import { formatRFC1123Z, humanDuration, parseTimestamp } from './duration.ts';
import { formatLabels } from './table.ts';
import { LEVEL_0, tabbedString } from './prefix-writer.ts';

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { controller?: boolean; kind: string; name: string }[];
}

export interface JobView {
  metadata: Meta;
  spec?: {
    parallelism?: number;
    completions?: number;
    completionMode?: string;
    suspend?: boolean;
    backoffLimit?: number;
    ttlSecondsAfterFinished?: number;
    activeDeadlineSeconds?: number;
    selector?: unknown;
    template?: unknown;
  };
  status?: { active?: number; succeeded?: number; failed?: number; ready?: number; startTime?: string; completionTime?: string; completedIndexes?: string };
}

export function describeJob(job: JobView, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const spec = job.spec ?? {};
    const st = job.status ?? {};
    w.write(LEVEL_0, `Name:\t${job.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector as LabelSelector | undefined)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const owner = (job.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
    if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(st.completionTime)}\n`);
    const started = parseTimestamp(st.startTime);
    const completed = parseTimestamp(st.completionTime);
    if (started !== undefined && completed !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(completed - started)}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
    describePodTemplate(spec.template as PodTemplateSpec | undefined, w);
    describeEvents(events, w, nowMs);
  });
}

export interface DaemonSetView {
  metadata: Meta;
  spec?: { selector?: unknown; template?: unknown };
  status?: Record<string, unknown>;
}

export function describeDaemonSet(ds: DaemonSetView, pods: Pod[], events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const st = (ds.status ?? {}) as Record<string, number | undefined>;
    const template = ds.spec?.template as PodTemplateSpec | undefined;
    w.write(LEVEL_0, `Name:\t${ds.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(ds.spec?.selector as LabelSelector | undefined)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st['desiredNumberScheduled'] ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st['currentNumberScheduled'] ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st['updatedNumberScheduled'] ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st['numberAvailable'] ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st['numberMisscheduled'] ?? 0}\n`);
    const count = (phase: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
    w.write(LEVEL_0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
    describePodTemplate(template, w);
    describeEvents(events, w, nowMs);
  });
}
