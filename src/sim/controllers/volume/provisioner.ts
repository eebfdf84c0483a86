// Rancher's local-path provisioner (rancher/local-path-provisioner on top of
// sig-storage-lib-external-provisioner), the dynamic provisioner of kind, k3s and the
// CKA-style labs this cluster imitates. It provisions a claim once the PV controller has
// marked it for `rancher.io/local-path` (and, under WaitForFirstConsumer, once the scheduler
// has picked a node): a directory /opt/local-path-provisioner/pvc-<uid>_<ns>_<name> on that
// node and a hostPath PV pinned to the node. When such a volume is released under the Delete
// policy it removes the directory and the PV.
//
// The real provisioner does the directory work in short-lived helper pods; here the directory
// is made directly on the node after the time those pods take.

import type { Pod } from '../../api.ts';
import type { ApiServer } from '../../apiserver.ts';
import type { NodeMachine, SimContext } from '../../context.ts';
import { NAME_SUFFIX_ALPHABET } from '../../random.ts';
import { Vfs } from '../../runtime/vfs.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_DEFAULT_CLASS,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  claimReference,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './helpers.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** The provisioner's default nodePathMap (DEFAULT_PATH_FOR_NON_LISTED_NODES). */
export const LOCAL_PATH_BASE = '/opt/local-path-provisioner';
export const ANN_LOCAL_PATH_SELECTED_NODE = 'local.path.provisioner/selected-node';
/** The helper pod that makes the directory is created, runs and is deleted. */
const PROVISION_MS = 3_000;
const DELETE_MS = 3_000;
/** The library's retry after a failed attempt (its rate limiter starts at 15 s). */
const RETRY_MS = 15_000;

/**
 * The `local-path` class of kind/k3s-style labs, marked as the cluster default. Not created
 * at bootstrap: whoever builds the lab decides.
 */
export function defaultStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local-path', annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

export class LocalPathProvisioner {
  private inFlight = new Set<string>();
  private deleting = new Set<string>();
  private retries = new Set<string>();
  private identity: string | undefined;

  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
    private readonly machines: ReadonlyMap<string, NodeMachine>,
  ) {
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      if (ev.type === 'DELETED') return;
      const ns = ev.object.metadata.namespace ?? 'default';
      const name = ev.object.metadata.name ?? '';
      sim.clock.schedule(0, () => this.syncClaim(ns, name));
    });
    sim.store.watch('PersistentVolume', (ev) => {
      if (ev.type === 'DELETED') return;
      const name = ev.object.metadata.name ?? '';
      sim.clock.schedule(0, () => this.syncVolume(name));
    });
  }

  /**
   * The library's event source: "<provisioner>_<hostname>_<uuid>", the hostname being the
   * provisioner's pod. Without such a pod in the lab a pod-like name is made up, once.
   */
  private component(): string {
    if (!this.identity) {
      const pod = this.sim.store
        .list<Pod>('Pod', 'local-path-storage')
        .find((p) => p.metadata.labels?.['app'] === 'local-path-provisioner' && !p.metadata.deletionTimestamp);
      const host = pod?.metadata.name ?? `local-path-provisioner-${this.sim.random.string(NAME_SUFFIX_ALPHABET, 10)}-${this.sim.random.string(NAME_SUFFIX_ALPHABET, 5)}`;
      this.identity = `${host}_${this.sim.random.uuid()}`;
    }
    return `${LOCAL_PATH_PROVISIONER}_${this.identity}`;
  }

  private event(obj: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.sim.events.record(obj, type, reason, message, { component: this.component() });
  }

  private syncClaim(ns: string, name: string): void {
    const claim = this.sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim || claim.metadata.deletionTimestamp || claim.spec?.volumeName) return;
    const ann = claim.metadata.annotations ?? {};
    if ((ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) !== LOCAL_PATH_PROVISIONER) return;
    const className = claimClass(claim);
    const cls = this.sim.store.get<StorageClass>('StorageClass', undefined, className);
    if (!cls || cls.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const uid = claim.metadata.uid ?? '';
    const pvName = `pvc-${uid}`;
    if (this.sim.store.get('PersistentVolume', undefined, pvName)) return;
    const node = ann[ANN_SELECTED_NODE];
    // Under WaitForFirstConsumer the library waits for the scheduler's choice.
    if (cls.volumeBindingMode === 'WaitForFirstConsumer' && node === undefined) return;
    if (this.inFlight.has(uid) || this.retries.has(uid)) return;
    this.inFlight.add(uid);
    this.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`);
    const error = this.provisionError(claim, node);
    if (error) {
      this.inFlight.delete(uid);
      this.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${error}`);
      this.retries.add(uid);
      this.sim.clock.schedule(RETRY_MS, () => {
        this.retries.delete(uid);
        this.syncClaim(ns, name);
      });
      return;
    }
    this.sim.clock.schedule(PROVISION_MS, () => {
      this.inFlight.delete(uid);
      const cur = this.sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
      if (!cur || cur.metadata.uid !== uid || cur.spec?.volumeName) return;
      this.provision(cur, cls, node!, pvName);
    });
  }

  /** What LocalPathProvisioner.Provision refuses, in its words. */
  private provisionError(claim: PersistentVolumeClaim, node: string | undefined): string | undefined {
    if (claim.spec?.selector) return 'claim.Spec.Selector is not supported';
    for (const mode of claim.spec?.accessModes ?? []) {
      if (mode !== 'ReadWriteOnce' && mode !== 'ReadWriteOncePod') return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
    }
    if (node === undefined) return 'configuration error, no node was specified';
    return undefined;
  }

  private provision(claim: PersistentVolumeClaim, cls: StorageClass, node: string, pvName: string): void {
    const ns = claim.metadata.namespace ?? 'default';
    const path = `${LOCAL_PATH_BASE}/${pvName}_${ns}_${claim.metadata.name}`;
    const machine = this.machines.get(node);
    if (machine) new Vfs(machine.root, () => this.sim.clock.wallTime).mkdir(path, true);
    const nodeObj = this.sim.store.get('Node', undefined, node);
    const hostname = nodeObj?.metadata.labels?.['kubernetes.io/hostname'] ?? node;
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_LOCAL_PATH_SELECTED_NODE]: node, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER } },
      spec: {
        accessModes: [...(claim.spec?.accessModes ?? [])],
        capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '0' },
        claimRef: claimReference(claim),
        hostPath: { path, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [hostname] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name ?? '',
        volumeMode: 'Filesystem',
      },
    };
    const res = this.api.create(pv);
    if (res.ok) this.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  private syncVolume(name: string): void {
    const pv = this.sim.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv || pv.status?.phase !== 'Released') return;
    if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== LOCAL_PATH_PROVISIONER) return;
    if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || this.deleting.has(name)) return;
    this.deleting.add(name);
    this.sim.clock.schedule(DELETE_MS, () => {
      this.deleting.delete(name);
      const cur = this.sim.store.get<PersistentVolume>('PersistentVolume', undefined, name);
      if (!cur || cur.metadata.uid !== pv.metadata.uid) return;
      const node = cur.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.find((e) => e.key === 'kubernetes.io/hostname')?.values?.[0];
      const machine = node ? this.machines.get(node) : undefined;
      const path = cur.spec?.hostPath?.path;
      if (machine && path) {
        const fs = new Vfs(machine.root, () => this.sim.clock.wallTime);
        if (fs.exists(path)) fs.remove(path, true);
      }
      this.api.delete('PersistentVolume', undefined, name);
    });
  }
}
