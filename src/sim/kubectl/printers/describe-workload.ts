// kubectl describe for ReplicaSet and ReplicationController (describe.go's
// ReplicationControllerDescriber / ReplicaSetDescriber and DescribePodTemplate).

import type { Container, Event, Pod, PodTemplateSpec, Toleration, Volume } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { describeEvents, formatLabelSelector, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './describe-common.ts';
import { describeContainers } from './describe-containers.ts';
import { describeVolumes } from './describe-volumes.ts';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefix-writer.ts';
import { formatRFC1123Z } from './duration.ts';

export interface WorkloadView {
  kind: string;
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { replicas?: number; selector?: unknown; template?: unknown };
  status?: { replicas?: number };
}

export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  if (template.spec?.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${template.spec.serviceAccountName}\n`);
  if ((template.spec?.initContainers ?? []).length) describeContainers('Init Containers', template.spec?.initContainers as Container[], undefined, undefined, w, '  ');
  describeContainers('Containers', (template.spec?.containers ?? []) as Container[], undefined, undefined, w, '  ');
  describeVolumes(template.spec?.volumes as Volume[] | undefined, w, '  ');
  if (template.spec?.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', template.spec?.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', template.spec?.tolerations as Toleration[] | undefined);
}

/** `describe rc NAME` / `describe rs NAME`; `pods` are the pods the workload controls. */
export function describeWorkload(o: WorkloadView, pods: Pod[], events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const selector = o.kind === 'ReplicaSet'
      ? formatLabelSelector(o.spec?.selector as LabelSelector | undefined)
      : Object.entries((o.spec?.selector ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
    w.write(LEVEL_0, `Name:\t${o.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${selector}\n`);
    printLabelsMultiline(w, 'Labels', o.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${o.status?.replicas ?? 0} current / ${o.spec?.replicas ?? 1} desired\n`);
    const count = (phase: string): number => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
    w.write(LEVEL_0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
    describePodTemplate(o.spec?.template as PodTemplateSpec | undefined, w);
    describeEvents(events, w, nowMs);
  });
}

export interface DeploymentView {
  metadata: { name?: string; namespace?: string; creationTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    replicas?: number;
    selector?: unknown;
    template?: unknown;
    minReadySeconds?: number;
    paused?: boolean;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  };
  status?: {
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: { type: string; status: string; reason?: string }[];
  };
}

export interface RSSummary {
  name: string;
  replicas: number;
  desired: number;
}

/** `kubectl describe deployment` (describe.go DeploymentDescriber). */
export function describeDeployment(d: DeploymentView, newRS: RSSummary | undefined, oldRSs: RSSummary[], events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    const st = d.status ?? {};
    const spec = d.spec ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector as LabelSelector | undefined)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable)} max unavailable, ${String(ru.maxSurge)} max surge\n`);
    describePodTemplate(spec.template as PodTemplateSpec | undefined, w);
    const conds = st.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conds) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    const fmt = (r: RSSummary): string => `${r.name} (${r.replicas}/${r.desired} replicas created)`;
    w.write(LEVEL_0, `OldReplicaSets:\t${oldRSs.length ? oldRSs.map(fmt).join(', ') : '<none>'}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${newRS ? fmt(newRS) : '<none>'}\n`);
    describeEvents(events, w, nowMs);
  });
}
