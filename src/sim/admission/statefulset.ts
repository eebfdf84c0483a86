// StatefulSet (apps/v1) admission: SetDefaults_StatefulSet (pkg/apis/apps/v1/defaults.go) and
// ValidateStatefulSet / ValidateStatefulSetUpdate (pkg/apis/apps/validation/validation.go) as
// they stand in v1.31.
//
// Two v1.31 facts that surprise people and are kept on purpose:
// - the pod template's spec is NOT validated when the StatefulSet is created (only its labels
//   and annotations); a broken template shows up later as FailedCreate events on the set;
// - spec.serviceName is not checked at all (format checks arrived in v1.33), and may be empty.

import { forbidden, goStringMap, invalid, notSupported, required, type FieldError } from './fieldErrors.ts';
import type { Obj } from './loose.ts';
import { deepEqual, ensureObj, getNum, getObj, getStr, isObj, objects, stringMap } from './loose.ts';
import { IS_NEGATIVE, validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { nameIsDNSLabel } from './names.ts';
import { applyPodSpecDefaults, defaultPersistentVolumeClaim } from './defaults.ts';
import { labelSelectorMatches, type LabelSelectorLike } from '../selectors.ts';

type Errs = FieldError[];

const RETENTION_POLICIES = ['Retain', 'Delete'];

export function defaultStatefulSet(obj: Obj): void {
  const spec = ensureObj(obj, 'spec');
  if (!getStr(spec, 'podManagementPolicy')) spec['podManagementPolicy'] = 'OrderedReady';
  const strategy = ensureObj(spec, 'updateStrategy');
  if (!getStr(strategy, 'type')) {
    strategy['type'] = 'RollingUpdate';
    if (!isObj(strategy['rollingUpdate'])) strategy['rollingUpdate'] = {};
  }
  // An explicit `type: RollingUpdate` without a rollingUpdate block stays without one.
  const ru = getObj(strategy, 'rollingUpdate');
  if (strategy['type'] === 'RollingUpdate' && ru && typeof ru['partition'] !== 'number') ru['partition'] = 0;
  // StatefulSetAutoDeletePVC is beta and on in v1.31.
  const retention = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!getStr(retention, 'whenDeleted')) retention['whenDeleted'] = 'Retain';
  if (!getStr(retention, 'whenScaled')) retention['whenScaled'] = 'Retain';
  if (typeof spec['replicas'] !== 'number') spec['replicas'] = 1;
  if (typeof spec['revisionHistoryLimit'] !== 'number') spec['revisionHistoryLimit'] = 10;
  const template = ensureObj(spec, 'template');
  applyPodSpecDefaults(ensureObj(template, 'spec'));
  for (const claim of objects(spec, 'volumeClaimTemplates')) {
    // The embedded claims are full PersistentVolumeClaim objects and are served that way.
    if (!getStr(claim, 'apiVersion')) claim['apiVersion'] = 'v1';
    if (!getStr(claim, 'kind')) claim['kind'] = 'PersistentVolumeClaim';
    defaultPersistentVolumeClaim(claim);
  }
}

/** %#v of an internal metav1.LabelSelector, as the field error prints it. */
function goLabelSelector(selector: Obj): { go: string } {
  const ml = selector['matchLabels'];
  const matchLabels = isObj(ml) ? goStringMap(stringMap(selector, 'matchLabels')).go : 'map[string]string(nil)';
  const exprs = Array.isArray(selector['matchExpressions']) && selector['matchExpressions'].length > 0 ? '[]v1.LabelSelectorRequirement{...}' : '[]v1.LabelSelectorRequirement(nil)';
  return { go: `v1.LabelSelector{MatchLabels:${matchLabels}, MatchExpressions:${exprs}}` };
}

/** labels.Selector.Matches for a LabelSelector that is neither nil nor empty. */
function selectorMatches(selector: Obj, labels: Record<string, string>): boolean {
  return labelSelectorMatches(selector as LabelSelectorLike, labels);
}

function nonNegative(errs: Errs, path: string, v: number | undefined): void {
  if (v !== undefined && v < 0) errs.push(invalid(path, v, IS_NEGATIVE));
}

function validateSpec(spec: Obj): Errs {
  const errs: Errs = [];
  const policy = getStr(spec, 'podManagementPolicy');
  if (!policy) errs.push(required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));

  const strategy = getObj(spec, 'updateStrategy');
  const type = getStr(strategy, 'type');
  const ru = getObj(strategy, 'rollingUpdate');
  if (!type) errs.push(required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (ru) errs.push(invalid('spec.updateStrategy.rollingUpdate', { go: '&apps.RollingUpdateStatefulSetStrategy{...}' }, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (ru) nonNegative(errs, 'spec.updateStrategy.rollingUpdate.partition', getNum(ru, 'partition') ?? 0);
  } else {
    const ruText = ru ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
    errs.push(invalid('spec.updateStrategy', { go: `apps.StatefulSetUpdateStrategy{Type:"${type}", RollingUpdate:${ruText}}` }, "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const retention = getObj(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = getStr(retention, f);
      if (!RETENTION_POLICIES.includes(v)) errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v, RETENTION_POLICIES));
    }
  }

  nonNegative(errs, 'spec.replicas', getNum(spec, 'replicas'));
  nonNegative(errs, 'spec.minReadySeconds', getNum(spec, 'minReadySeconds'));
  const ordinals = getObj(spec, 'ordinals');
  if (ordinals) nonNegative(errs, 'spec.ordinals.start', getNum(ordinals, 'start') ?? 0);

  // A nil selector becomes labels.Nothing(), which matches no template; an empty one becomes
  // labels.Everything(), which is reported once as empty.
  const selector = getObj(spec, 'selector');
  const template = getObj(spec, 'template') ?? {};
  const tmeta = getObj(template, 'metadata');
  const labels = stringMap(tmeta, 'labels');
  if (!selector) {
    errs.push(required('spec.selector'));
    errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  } else {
    const empty = Object.keys(getObj(selector, 'matchLabels') ?? {}).length === 0 && objects(selector, 'matchExpressions').length === 0;
    if (empty) errs.push(invalid('spec.selector', goLabelSelector(selector), 'empty selector is invalid for statefulset'));
    else if (!selectorMatches(selector, labels ?? {})) errs.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  // ValidatePodTemplateSpecForStatefulSet reports these against the template itself.
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(stringMap(tmeta, 'annotations'), 'spec.template.annotations'));

  const tspec = getObj(template, 'spec') ?? {};
  const restartPolicy = getStr(tspec, 'restartPolicy');
  if (restartPolicy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (tspec['activeDeadlineSeconds'] !== undefined && tspec['activeDeadlineSeconds'] !== null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateStatefulSet(obj: Obj): Errs {
  // ValidateStatefulSetName: a DNS label, as pod names and hostnames are built from it.
  const errs = validateObjectMeta(getObj(obj, 'metadata'), true, nameIsDNSLabel);
  errs.push(...validateSpec(getObj(obj, 'spec') ?? {}));
  return errs;
}

/** The spec fields an update may change; everything else is frozen at creation. */
const MUTABLE_SPEC_FIELDS = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(next: Obj, old: Obj): Errs {
  // The name is not revalidated: sets created when subdomain names were allowed must stay deletable.
  const errs = validateObjectMetaUpdate(getObj(next, 'metadata'), getObj(old, 'metadata'));
  const spec = getObj(next, 'spec') ?? {};
  errs.push(...validateSpec(spec));
  const frozen = (s: Obj): Obj => {
    const c: Obj = { ...s };
    for (const f of MUTABLE_SPEC_FIELDS) delete c[f];
    return c;
  };
  if (!deepEqual(frozen(spec), frozen(getObj(old, 'spec') ?? {}))) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
