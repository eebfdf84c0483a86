// The storage helpers the PV controller and the scheduler's volume binding share, as
// component-helpers/storage/volume (pv_helpers.go) shares them in Kubernetes: which volume
// matches a claim, which class a claim asks for, how a binding is written. Pure functions of
// API objects; no store, no clock.

import type * as core from 'kubernetes-types/core/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import type { DeepMutable, ObjectMeta } from '../../api.ts';
import { tryParseQuantity } from '../../quantity.ts';
import { labelSelectorMatches as matchesLabelSelector, nodeSelectorTermMatches } from '../../selectors.ts';
import { cloneData } from '../../clone.ts';

interface Typed {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export type PersistentVolume = DeepMutable<core.PersistentVolume> & Typed;
export type PersistentVolumeClaim = DeepMutable<core.PersistentVolumeClaim> & Typed;
export type StorageClass = DeepMutable<storage.StorageClass> & Typed;

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

const ACCESS_MODE_SHORT: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODE_SHORT.filter(([long]) => set.has(long))
    .map(([, short]) => short)
    .join(',');
}

/** GetAccessModesFromString, the inverse (the index keys of the PV controller). */
export function accessModesFromString(s: string): string[] {
  const parts = new Set(s.split(','));
  return ACCESS_MODE_SHORT.filter(([, short]) => parts.has(short)).map(([long]) => long);
}

/** GetPersistentVolumeClass: the beta annotation wins over the field. */
export function volumeClass(pv: PersistentVolume): string {
  return pv.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? pv.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClaimClass: "" for both "no class" and "class not set". */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] ?? pvc.spec?.storageClassName ?? '';
}

/** PersistentVolumeClaimHasClass: did the user say anything about the class ("" included)? */
export function claimHasClass(pvc: PersistentVolumeClaim): boolean {
  if (pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return true;
  return typeof pvc.spec?.storageClassName === 'string';
}

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[ANN_DEFAULT_CLASS] === 'true' || a[ANN_BETA_DEFAULT_CLASS] === 'true';
}

/**
 * GetDefaultClass: since v1.26 several defaults are allowed and the newest one wins (ties by
 * name), where older servers refused to pick.
 */
export function defaultClassOf(classes: readonly StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
    const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
    if (ta !== tb) return tb - ta;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  });
  return defaults[0];
}

/** Bytes of a storage quantity; a malformed or missing one counts as 0, as Go's zero Quantity does. */
export function storageNanos(q: string | number | undefined): bigint {
  if (q === undefined) return 0n;
  const r = tryParseQuantity(q);
  return r.ok ? r.quantity.nanos : 0n;
}

export function requestedStorage(pvc: PersistentVolumeClaim): bigint {
  return storageNanos(pvc.spec?.resources?.requests?.['storage']);
}

export function volumeCapacity(pv: PersistentVolume): bigint {
  return storageNanos(pv.spec?.capacity?.['storage']);
}

/** CheckVolumeModeMismatches: a missing mode means Filesystem on both sides. */
export function volumeModeMismatch(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (pvc.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem');
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function accessModesSatisfied(pvc: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = new Set(pv.spec?.accessModes ?? []);
  return (pvc.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** IsVolumeBoundToClaim: name and namespace match, and the UID too when the claimRef has one. */
export function isVolumeBoundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

type Selector = DeepMutable<core.PersistentVolumeClaimSpec>['selector'];

/** metav1.LabelSelectorAsSelector(...).Matches: an empty (or absent) selector selects everything. */
export function labelSelectorMatches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  return !selector || matchesLabelSelector(selector, labels);
}

/** CheckNodeAffinity: the node satisfies one of the volume's required terms (or there are none). */
export function volumeNodeAffinityMatches(pv: PersistentVolume, nodeLabels: Record<string, string> | undefined, nodeName = nodeLabels?.['kubernetes.io/hostname'] ?? ''): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  const fields = { 'metadata.name': nodeName };
  return terms.some((t) => nodeSelectorTermMatches(t, nodeLabels ?? {}, fields));
}

export interface MatchOptions {
  /** The scheduler's path: check node affinity and access modes against this node. */
  nodeLabels?: Record<string, string>;
  /** That node's name, for matchFields on metadata.name (defaults to its hostname label). */
  nodeName?: string | undefined;
  /** Volumes another claim of the same pod already took. */
  excluded?: ReadonlySet<string>;
  /** The PV controller under WaitForFirstConsumer: only pre-bound volumes, the scheduler does the rest. */
  delayBinding?: boolean;
}

/**
 * FindMatchingVolume: a volume pre-bound to this claim wins outright; otherwise the smallest
 * Available volume of the claim's class whose labels match the selector and which is big
 * enough, of the right mode, and not being deleted.
 */
export function findMatchingVolume(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], opts: MatchOptions = {}): PersistentVolume | undefined {
  const requested = requestedStorage(pvc);
  const wantClass = claimClass(pvc);
  const onNode = opts.nodeLabels !== undefined;
  let smallest: PersistentVolume | undefined;
  let smallestQty = 0n;
  for (const pv of volumes) {
    if (opts.excluded?.has(pv.metadata.name ?? '')) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    const qty = volumeCapacity(pv);
    if (qty < requested) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = !onNode || volumeNodeAffinityMatches(pv, opts.nodeLabels, opts.nodeName);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (!onNode && opts.delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (!labelSelectorMatches(pvc.spec?.selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== wantClass) continue;
    if (!affinityOk) continue;
    if (onNode && !accessModesSatisfied(pvc, pv)) continue;
    if (!smallest || qty < smallestQty) {
      smallest = pv;
      smallestQty = qty;
    }
  }
  return smallest;
}

/**
 * The PV controller's findBestMatchForClaim (index.go): volumes are grouped by their exact
 * set of access modes; only groups offering every requested mode are searched, the groups with
 * the fewest modes first, and the first group with a match decides.
 */
export function findBestMatchForClaim(pvc: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    const k = accessModesAsString(pv.spec?.accessModes);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(pv);
  }
  const requested = pvc.spec?.accessModes ?? [];
  const keys = [...groups.keys()].filter((k) => {
    const offered = new Set(accessModesFromString(k));
    return requested.every((m) => offered.has(m));
  });
  // Go's sort.Sort is not stable and the index keys come from a map; ties go by key here so
  // the simulation stays deterministic.
  keys.sort((a, b) => accessModesFromString(a).length - accessModesFromString(b).length || (a < b ? -1 : a > b ? 1 : 0));
  for (const k of keys) {
    const best = findMatchingVolume(pvc, groups.get(k)!, { delayBinding });
    if (best) return best;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim: why a volume a claim names by spec.volumeName will not do. */
export function checkVolumeSatisfyClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): string | undefined {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (volumeCapacity(pv) < requestedStorage(pvc)) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if (volumeModeMismatch(pvc, pv)) return 'incompatible volumeMode';
  if (!accessModesSatisfied(pvc, pv)) return 'incompatible accessMode';
  return undefined;
}

/** reference.GetReference for a claim: what a bound volume's spec.claimRef holds. */
export function claimReference(pvc: PersistentVolumeClaim): NonNullable<NonNullable<PersistentVolume['spec']>['claimRef']> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata.namespace ?? 'default',
    name: pvc.metadata.name ?? '',
    uid: pvc.metadata.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: pvc.metadata.resourceVersion ?? '',
  };
}

/**
 * GetBindVolumeToClaim: the volume with its claimRef pointing at the claim, marked
 * bound-by-controller unless the user had pre-bound it. Undefined when nothing changes.
 */
export function bindVolumeToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): PersistentVolume | undefined {
  const setByController = !isVolumeBoundToClaim(pv, pvc);
  const next = cloneData(pv);
  let dirty = false;
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace || ref.uid !== pvc.metadata.uid) {
    next.spec = { ...next.spec, claimRef: claimReference(pvc) };
    dirty = true;
  }
  if (setByController && next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined) {
    next.metadata.annotations = { ...next.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    dirty = true;
  }
  return dirty ? next : undefined;
}

/** IsPVCFullyBound as the scheduler checks it: named volume and the bind-completed mark. */
export function isClaimFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** Pods that mount the claim through a persistentVolumeClaim volume. */
export function podUsesClaim(pod: { spec?: { volumes?: { persistentVolumeClaim?: { claimName: string } }[] } }, claimName: string): boolean {
  return (pod.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claimName);
}
