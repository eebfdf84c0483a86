// Defaulting and validation for Job (batch/v1) and DaemonSet (apps/v1), worded as a v1.31
// API server words them (pkg/apis/batch/v1/defaults.go, pkg/apis/batch/validation,
// pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet, pkg/apis/apps/validation).
//
// The Job's generated selector needs the Job's uid, which the store assigns after admission,
// so the job controller writes it on its first sync (see controllers/job.ts).

import { goStringMap, invalid, notSupported, required, type FieldError, type FieldValue } from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { ensureObj, getNum, getObj, getStr, isObj, stringMap } from './loose.ts';
import { validateObjectMeta } from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { applyPodSpecDefaults } from './defaults.ts';
import { validatePodSpec } from './pod.ts';
import { labelSelectorEmpty, labelSelectorMatches, type LabelSelectorLike } from '../selectors.ts';

type Errs = FieldError[];

const NONNEGATIVE = 'must be greater than or equal to 0';
/** The labels the job controller puts on every Job's template (batch.kubernetes.io/ and the legacy pair). */
export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/** SetDefaults_Job (with JobPodReplacementPolicy on, as it is by default since v1.29). */
export function defaultJob(obj: Obj): void {
  const spec = ensureObj(obj, 'spec');
  // Both unset: a non-parallel Job. Only parallelism set: a work queue, completions stays nil.
  if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
    spec['completions'] = 1;
    spec['parallelism'] = 1;
  }
  if (spec['parallelism'] === undefined) spec['parallelism'] = 1;
  if (spec['backoffLimit'] === undefined) spec['backoffLimit'] = spec['backoffLimitPerIndex'] !== undefined ? 2147483647 : 6;
  if (!getStr(spec, 'completionMode')) spec['completionMode'] = 'NonIndexed';
  if (typeof spec['suspend'] !== 'boolean') spec['suspend'] = false;
  if (!getStr(spec, 'podReplacementPolicy')) spec['podReplacementPolicy'] = isObj(spec['podFailurePolicy']) ? 'Failed' : 'TerminatingOrFailed';
  if (typeof spec['manualSelector'] !== 'boolean') spec['manualSelector'] = false;
  // The template's restartPolicy defaults to Always like any pod spec's, which validation then
  // rejects: that is how a Job without restartPolicy earns its Required error.
  applyPodSpecDefaults(ensureObj(ensureObj(spec, 'template'), 'spec'));
}

/** The selector and template labels the job controller generates for a Job with this uid. */
export function generatedJobLabels(name: string, uid: string): { selector: Record<string, string>; templateLabels: Record<string, string> } {
  return {
    selector: { [JOB_CONTROLLER_UID_LABEL]: uid },
    templateLabels: { [JOB_CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name },
  };
}

function nonNegative(spec: Obj, field: string, path: string, errs: Errs): void {
  const v = getNum(spec, field);
  if (v !== undefined && v < 0) errs.push(invalid(path, v, NONNEGATIVE));
}

/** %#v of a metav1.LabelSelector with matchLabels only (what students write). */
function goLabelSelector(selector: Obj): FieldValue {
  const ml = stringMap(selector, 'matchLabels') ?? {};
  const exprs = Array.isArray(selector['matchExpressions']) && selector['matchExpressions'].length > 0;
  return { go: `v1.LabelSelector{MatchLabels:${goStringMap(ml).go}, MatchExpressions:${exprs ? '[]v1.LabelSelectorRequirement{...}' : '[]v1.LabelSelectorRequirement(nil)'}}` };
}

function selectorMatches(selector: Obj, labels: Record<string, string>): boolean {
  return labelSelectorMatches(selector as LabelSelectorLike, labels);
}

function selectorEmpty(selector: unknown): boolean {
  return !isObj(selector) || labelSelectorEmpty(selector as LabelSelectorLike);
}

/** ValidateJob for a create, before the controller has generated the selector. */
export function validateJob(obj: Obj): Errs {
  const errs = validateObjectMeta(getObj(obj, 'metadata'), true, nameIsDNSSubdomain);
  const spec = getObj(obj, 'spec') ?? {};
  const manual = spec['manualSelector'] === true;
  const selector = spec['selector'];
  if (!manual && isObj(selector)) errs.push(invalid('spec.selector', goLabelSelector(selector), '`selector` will be auto-generated'));
  nonNegative(spec, 'parallelism', 'spec.parallelism', errs);
  nonNegative(spec, 'completions', 'spec.completions', errs);
  const deadline = getNum(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && deadline <= 0) errs.push(invalid('spec.activeDeadlineSeconds', deadline, 'must be greater than 0'));
  nonNegative(spec, 'backoffLimit', 'spec.backoffLimit', errs);
  nonNegative(spec, 'ttlSecondsAfterFinished', 'spec.ttlSecondsAfterFinished', errs);
  const mode = getStr(spec, 'completionMode');
  if (mode && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported('spec.completionMode', mode, ['NonIndexed', 'Indexed']));
  const template = getObj(spec, 'template');
  const labels = stringMap(getObj(template, 'metadata'), 'labels') ?? {};
  if (manual) {
    if (selectorEmpty(selector)) errs.push(required('spec.selector'));
    else if (!selectorMatches(selector as Obj, labels)) errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  const tspec = getObj(template, 'spec') ?? {};
  errs.push(...validatePodSpec(tspec, 'spec.template.spec'));
  const policy = getStr(tspec, 'restartPolicy');
  if (policy !== 'OnFailure' && policy !== 'Never') errs.push(required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  return errs;
}

/** SetDefaults_DaemonSet plus the template's pod spec defaults. */
export function defaultDaemonSet(obj: Obj): void {
  const spec = ensureObj(obj, 'spec');
  const strategy = ensureObj(spec, 'updateStrategy');
  if (!getStr(strategy, 'type')) strategy['type'] = 'RollingUpdate';
  if (strategy['type'] === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    if (ru['maxUnavailable'] === undefined) ru['maxUnavailable'] = 1;
    if (ru['maxSurge'] === undefined) ru['maxSurge'] = 0;
  }
  if (typeof spec['revisionHistoryLimit'] !== 'number') spec['revisionHistoryLimit'] = 10;
  const template = getObj(spec, 'template');
  if (template) applyPodSpecDefaults(ensureObj(template, 'spec'));
}

function intOrPercentZero(v: unknown): boolean {
  return v === 0 || v === '0' || v === '0%';
}

/** ValidateDaemonSet (create). */
export function validateDaemonSet(obj: Obj): Errs {
  const errs = validateObjectMeta(getObj(obj, 'metadata'), true, nameIsDNSSubdomain);
  const spec = getObj(obj, 'spec') ?? {};
  const selector = spec['selector'];
  const template = getObj(spec, 'template');
  const labels = stringMap(getObj(template, 'metadata'), 'labels') ?? {};
  if (selectorEmpty(selector)) {
    errs.push(required('spec.selector'));
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  } else if (template && !selectorMatches(selector as Obj, labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (!template) {
    errs.push(required('spec.template'));
  } else {
    const tspec = getObj(template, 'spec') ?? {};
    errs.push(...validatePodSpec(tspec, 'spec.template.spec'));
    const policy = getStr(tspec, 'restartPolicy');
    if (policy && policy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', policy, ['Always']));
  }
  nonNegative(spec, 'minReadySeconds', 'spec.minReadySeconds', errs);
  const strategy = getObj(spec, 'updateStrategy');
  const type = getStr(strategy, 'type');
  if (type && type !== 'RollingUpdate' && type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
  const ru = getObj(strategy, 'rollingUpdate');
  if (type === 'RollingUpdate' && ru && intOrPercentZero(ru['maxUnavailable']) && intOrPercentZero(ru['maxSurge'])) {
    const v = ru['maxUnavailable'];
    errs.push(invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', typeof v === 'number' ? v : String(v), 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}
