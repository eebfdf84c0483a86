// `kubectl get pv|pvc|storageclass` (printPersistentVolume, printPersistentVolumeClaim,
// printStorageClass in pkg/printers/internalversion/printers.go) and `kubectl describe
// pv|pvc|storageclass` (describePersistentVolume, describePersistentVolumeClaim,
// StorageClassDescriber in kubectl's describe.go).
//
// The VOLUMEATTRIBUTESCLASS columns are printed by v1.29+ servers (VolumeAttributesClass
// alpha), `<unset>` unless the object names a class.

import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { printAnnotationsMultiline, printLabelsMultiline, describeEvents } from './describe-common.ts';
import { translateTimestampSince } from './duration.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString, type PrefixWriter } from './prefix-writer.ts';
import { canonicalQuantity } from './quantity.ts';

export const PV_HEADERS = ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'];
export const PV_WIDE_HEADERS = [...PV_HEADERS, 'VOLUMEMODE'];
export const PVC_HEADERS = ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'];
export const PVC_WIDE_HEADERS = [...PVC_HEADERS, 'VOLUMEMODE'];
export const STORAGECLASS_HEADERS = ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'];

const ACCESS_MODES: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** storageutil.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODES.filter(([long]) => set.has(long))
    .map(([, short]) => short)
    .join(',');
}

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins. */
export function storageClassOf(obj: PersistentVolume | PersistentVolumeClaim): string {
  return obj.metadata?.annotations?.[BETA_CLASS] ?? obj.spec?.storageClassName ?? '';
}

/** Quantity.String() of spec.capacity.storage; a missing quantity is Go's zero value, "0". */
function storageString(q: string | number | undefined): string {
  if (q === undefined) return '0';
  return canonicalQuantity(String(q));
}

export function isDefaultStorageClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export function pvRow(pv: PersistentVolume, nowMs: number, wide = false): string[] {
  const ref = pv.spec?.claimRef;
  const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
  const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
  const cells = [
    pv.metadata?.name ?? '',
    storageString(pv.spec?.capacity?.['storage']),
    accessModesString(pv.spec?.accessModes),
    pv.spec?.persistentVolumeReclaimPolicy ?? '',
    phase,
    claim,
    storageClassOf(pv),
    pv.spec?.volumeAttributesClassName ?? '<unset>',
    pv.status?.reason ?? '',
    translateTimestampSince(pv.metadata?.creationTimestamp, nowMs),
  ];
  if (wide) cells.push(pv.spec?.volumeMode ?? '<unset>');
  return cells;
}

/** CAPACITY and ACCESS MODES come from status, and only once spec.volumeName is set. */
export function pvcRow(pvc: PersistentVolumeClaim, nowMs: number, wide = false): string[] {
  const bound = !!pvc.spec?.volumeName;
  const cells = [
    pvc.metadata?.name ?? '',
    pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
    pvc.spec?.volumeName ?? '',
    bound ? storageString(pvc.status?.capacity?.['storage']) : '',
    bound ? accessModesString(pvc.status?.accessModes) : '',
    storageClassOf(pvc),
    pvc.spec?.volumeAttributesClassName ?? '<unset>',
    translateTimestampSince(pvc.metadata?.creationTimestamp, nowMs),
  ];
  if (wide) cells.push(pvc.spec?.volumeMode ?? '<unset>');
  return cells;
}

/** Unset fields print as the API defaults them: Delete, Immediate, false. */
export function storageClassRow(sc: StorageClass, nowMs: number): string[] {
  const name = sc.metadata?.name ?? '';
  return [
    isDefaultStorageClass(sc) ? `${name} (default)` : name,
    sc.provisioner,
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    String(sc.allowVolumeExpansion ?? false),
    translateTimestampSince(sc.metadata?.creationTimestamp, nowMs),
  ];
}

/** Go's %v of a []string. */
const goStrings = (list: readonly string[] | undefined): string => `[${(list ?? []).join(' ')}]`;

function printVolumeNodeAffinity(w: PrefixWriter, pv: PersistentVolume): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  if (required.nodeSelectorTerms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  required.nodeSelectorTerms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${r.key} ${r.operator.toLowerCase()}`;
      if (r.values?.length) expr += ` [${r.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

function printPersistentVolumeSource(w: PrefixWriter, pv: PersistentVolume): void {
  const s = pv.spec ?? {};
  if (s.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type ?? '<none>'}\n`);
  } else if (s.gcePersistentDisk) {
    const g = s.gcePersistentDisk;
    w.write(LEVEL_2, `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${g.pdName}\n    FSType:\t${g.fsType ?? ''}\n    Partition:\t${g.partition ?? 0}\n    ReadOnly:\t${g.readOnly === true}\n`);
  } else if (s.awsElasticBlockStore) {
    const a = s.awsElasticBlockStore;
    w.write(LEVEL_2, `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${a.volumeID}\n    FSType:\t${a.fsType ?? ''}\n    Partition:\t${a.partition ?? 0}\n    ReadOnly:\t${a.readOnly === true}\n`);
  } else if (s.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${s.nfs.readOnly === true}\n`);
  } else if (s.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`);
  } else if (s.csi) {
    const c = s.csi;
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${c.driver}\n    FSType:\t${c.fsType ?? ''}\n    VolumeHandle:\t${c.volumeHandle}\n    ReadOnly:\t${c.readOnly === true}\n`);
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    const keys = Object.keys(c.volumeAttributes ?? {}).sort();
    if (keys.length === 0) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, '\t');
      const line = `${k}=${c.volumeAttributes![k]}`;
      w.write(LEVEL_2, `${line.length > 140 ? line.slice(0, 140) + '...' : line}\n`);
    });
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describePersistentVolume(pv: PersistentVolume, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata?.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStrings(pv.metadata?.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (pv.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pv.metadata.deletionTimestamp, nowMs)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    const ref = pv.spec?.claimRef;
    w.write(LEVEL_0, `Claim:\t${ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${pv.spec?.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(pv.spec?.accessModes)}\n`);
    if (pv.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pv.spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${storageString(pv.spec?.capacity?.['storage'])}\n`);
    printVolumeNodeAffinity(w, pv);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    printPersistentVolumeSource(w, pv);
    describeEvents(events, w, nowMs);
  });
}

/** printPodsMultiline: pod names sorted, one per line. */
function printPodsMultiline(w: PrefixWriter, title: string, pods: readonly Pod[]): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (pods.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const names = pods.map((p) => p.metadata?.name ?? '').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  names.forEach((n, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${n}\n`);
  });
}

/**
 * `pods` are the pods of the claim's namespace that mount it (getPodsForPVC), in any phase;
 * a pod that mounts it twice is listed twice, as kubectl does.
 */
export function describePersistentVolumeClaim(pvc: PersistentVolumeClaim, events: Event[], pods: readonly Pod[], nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
    if (pvc.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, nowMs)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStrings(pvc.metadata?.finalizers)}\n`);
    const bound = !!pvc.spec?.volumeName;
    w.write(LEVEL_0, `Capacity:\t${bound ? storageString(pvc.status?.capacity?.['storage']) : ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
    if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
    const ds = pvc.spec?.dataSource;
    if (ds) {
      w.write(LEVEL_0, 'DataSource:\n');
      if (ds.apiGroup) w.write(LEVEL_1, `APIGroup:\t${ds.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${ds.kind}\n`);
      w.write(LEVEL_1, `Name:\t${ds.name}\n`);
    }
    printPodsMultiline(w, 'Used By', pods);
    describeEvents(events, w, nowMs);
  });
}

/** labels.FormatLabels: sorted k=v joined by commas, values verbatim (a trailing newline too). */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

/**
 * StorageClassDescriber. Annotations print through FormatLabels, so an applied class shows its
 * last-applied-configuration, whose trailing newline puts the next annotation on a line
 * starting with a comma, as kubectl does.
 */
export function describeStorageClass(sc: StorageClass, events: Event[], nowMs: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    const expand = sc.allowVolumeExpansion;
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${expand === undefined ? '<unset>' : expand ? 'True' : 'False'}\n`);
    if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (sc.allowedTopologies.length === 0) w.writeLine('<none>');
      else {
        w.writeLine('');
        sc.allowedTopologies.forEach((term, i) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const exprs = term.matchLabelExpressions ?? [];
          if (exprs.length === 0) w.writeLine('<none>');
          exprs.forEach((e, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            w.write(LEVEL_0, `${e.key} in [${e.values.join(', ')}]\n`);
          });
        });
      }
    }
    describeEvents(events, w, nowMs);
  });
}
