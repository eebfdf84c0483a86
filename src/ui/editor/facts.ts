// What the editor's checks need to know about the running cluster: pods (for Service
// selectors and ports), PersistentVolumes and StorageClasses (for claims). Pods come from the
// view model; volumes and classes from the store, since the view model does not carry their
// classes, access modes or the default-class annotation.
import type * as core from 'kubernetes-types/core/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import { currentDriver } from '../../state/labStore.ts';
import type { ClusterSnapshot } from '../../state/snapshot.ts';
import type { KubeObject } from '../../sim/store/types.ts';
import type { ClusterFacts, FactVolume } from './checks.ts';

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export function clusterFacts(snapshot: ClusterSnapshot): ClusterFacts {
  const store = currentDriver().cluster.store;
  return {
    pods: snapshot.pods.filter((p) => !p.terminating).map((p) => ({ namespace: p.namespace, labels: p.labels, ports: p.containers.flatMap((c) => c.ports) })),
    persistentVolumes: store.list<core.PersistentVolume & KubeObject>('PersistentVolume').map((pv) => {
      const ref = pv.spec?.claimRef;
      const v: FactVolume = {
        name: pv.metadata.name ?? '',
        storageClassName: pv.spec?.storageClassName ?? '',
        capacity: String(pv.spec?.capacity?.['storage'] ?? ''),
        accessModes: [...(pv.spec?.accessModes ?? [])],
        labels: { ...(pv.metadata.labels ?? {}) },
        phase: pv.status?.phase ?? 'Pending',
      };
      if (pv.spec?.volumeMode) v.volumeMode = pv.spec.volumeMode;
      if (ref?.name) v.claim = `${ref.namespace ?? 'default'}/${ref.name}`;
      return v;
    }),
    storageClasses: store.list<storage.StorageClass & KubeObject>('StorageClass').map((sc) => ({
      name: sc.metadata.name ?? '',
      provisioner: sc.provisioner,
      isDefault: DEFAULT_CLASS.some((a) => sc.metadata.annotations?.[a] === 'true'),
    })),
  };
}
