// kubectl describe statefulset (describe.go StatefulSetDescriber + describeVolumeClaimTemplates)
// and the `get statefulsets` row (printers.go printStatefulSet: NAME READY AGE, wide CONTAINERS
// IMAGES).

import type { Event, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describeEvents, formatLabelSelector, printAnnotationsMultiline, printLabelsMultiline } from './describe-common.ts';
import { describePodTemplate } from './describe-workload.ts';
import { formatRFC1123Z, translateTimestampSince } from './duration.ts';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer.ts';

export interface StatefulSetView {
  metadata: { name?: string; namespace?: string; creationTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    selector?: unknown;
    template?: unknown;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: ClaimTemplateView[];
  };
  status?: { replicas?: number; readyReplicas?: number };
}

interface ClaimTemplateView {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } };
}

export const STATEFULSET_HEADERS = ['NAME', 'READY', 'AGE'];
export const STATEFULSET_WIDE_HEADERS = [...STATEFULSET_HEADERS, 'CONTAINERS', 'IMAGES'];

export function statefulSetRow(s: StatefulSetView, nowMs: number, wide: boolean): string[] {
  const row = [s.metadata.name ?? '', `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 1}`, translateTimestampSince(s.metadata.creationTimestamp, nowMs)];
  if (wide) {
    const containers = ((s.spec?.template as PodTemplateSpec | undefined)?.spec?.containers ?? []) as { name: string; image?: string }[];
    row.push(containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','));
  }
  return row;
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function claimClass(c: ClaimTemplateView): string {
  return c.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? c.spec?.storageClassName ?? '';
}

function describeVolumeClaimTemplates(templates: ClaimTemplateView[] | undefined, w: PrefixWriter): void {
  if (!templates?.length) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const c of templates) {
    w.write(LEVEL_1, `Name:\t${c.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${claimClass(c)}\n`);
    // printLabelsMultilineWithIndent prints annotations as key=value too.
    printLabelsMultiline(w, 'Labels', c.metadata?.labels, '  ');
    printLabelsMultiline(w, 'Annotations', c.metadata?.annotations, '  ');
    w.write(LEVEL_1, `Capacity:\t${c.spec?.resources?.requests?.['storage'] ?? '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(c.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

/** `kubectl describe statefulset NAME`; `pods` are the pods it controls. */
export function describeStatefulSet(s: StatefulSetView, pods: Pod[], events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const spec = s.spec ?? {};
    w.write(LEVEL_0, `Name:\t${s.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(s.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector as LabelSelector | undefined)}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
    }
    const count = (phase: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
    w.write(LEVEL_0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
    describePodTemplate(spec.template as PodTemplateSpec | undefined, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    describeEvents(events, w, nowMs);
  });
}
