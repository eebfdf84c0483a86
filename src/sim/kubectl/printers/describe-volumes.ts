// The "Volumes:" section of kubectl describe (describeVolumes and the print*VolumeSource
// helpers). Texts are kubectl's, including its two-space-indented continuation lines.
// The projected-source lines follow kubectl up to v1.31, which printed the Optional pointers
// raw ("ConfigMapOptional: <nil>"); newer kubectl prints "Optional: false" instead.

import type { ProjectedVolumeSource, Volume } from 'kubernetes-types/core/v1';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefix-writer.ts';
import { canonicalQuantity, parseQuantity } from './quantity.ts';

/** Go's %v of a *bool. */
const goBoolPtr = (b: boolean | undefined): string => (b === undefined ? '<nil>' : String(b));

function printProjected(p: ProjectedVolumeSource, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of p.sources ?? []) {
    if (source.secret) {
      w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n    SecretOptionalName:\t${goBoolPtr(source.secret.optional)}\n`);
    } else if (source.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n    ConfigMapOptional:\t${goBoolPtr(source.configMap.optional)}\n`);
    } else if (source.serviceAccountToken) {
      // The API server defaults expirationSeconds to 3600.
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  }
}

function printVolumeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    // kubectl prints <none> for a nil type, but the API server defaults it to "", so a
    // stored pod shows an empty HostPathType; an unset type is read as that default.
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? ''}\n`,
    );
  } else if (v.emptyDir) {
    const limit = v.emptyDir.sizeLimit;
    const q = limit === undefined ? undefined : parseQuantity(limit);
    const sizeLimit = q !== undefined && q.nanos > 0n ? canonicalQuantity(limit!) : '<unset>';
    w.write(
      LEVEL_2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
    );
  } else if (v.secret) {
    w.write(
      LEVEL_2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`,
    );
  } else if (v.configMap) {
    w.write(
      LEVEL_2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`,
    );
  } else if (v.nfs) {
    w.write(
      LEVEL_2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`,
    );
  } else if (v.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    );
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    printProjected(v.projected, w);
  } else {
    // Sources this simulator does not model print as kubectl prints ones it does not know.
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space = ''): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    printVolumeSource(v, w);
  }
}
