// The PersistentVolume controller (kube-controller-manager's persistentvolume-binder,
// pkg/controller/volume/persistentvolume/pv_controller.go) and the two protection controllers
// (pvc-protection, pv-protection).
//
// The binder keeps PVs and PVCs pointing at each other: a new PV becomes Available; a claim is
// bound to the best matching volume (helpers.ts: access-mode groups, size, mode, class,
// selector, pre-binding) or waits, with the events a real cluster shows; a claim of a class
// with a provisioner gets one provisioned (by an external provisioner: see provisioner.ts);
// WaitForFirstConsumer claims wait for the scheduler. When a claim goes, its volume is
// Released and reclaimed by its policy: Retain keeps it, Delete deletes it (if a deleter can),
// Recycle wipes it and makes it Available again. Unbound claims are synced again every 15 s
// (--pvclaimbinder-sync-period), which is why their events count up in `kubectl describe`.

import type { Pod } from '../api.ts';
import type { TimerHandle } from '../clock.ts';
import type { NodeMachine, SimContext } from '../context.ts';
import type { KubeObject } from '../store/types.ts';
import { Vfs } from '../runtime/vfs.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  PV_PROTECTION_FINALIZER,
  PVC_PROTECTION_FINALIZER,
  bindVolumeToClaim,
  checkVolumeSatisfyClaim,
  claimClass,
  claimHasClass,
  defaultClassOf,
  findBestMatchForClaim,
  isVolumeBoundToClaim,
  podUsesClaim,
  volumeModeMismatch,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './volume/helpers.ts';
import { volumeSource, wipeBackingData } from './volume/data.ts';
import { cloneData } from '../clone.ts';
import { whenUp } from './workqueue.ts';

export { volumeData, mountClaim } from './volume/data.ts';
export { defaultStorageClass, LocalPathProvisioner, LOCAL_PATH_PROVISIONER } from './volume/provisioner.ts';
export type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './volume/helpers.ts';

const SOURCE = { component: 'persistentvolume-controller' };
/** --pvclaimbinder-sync-period. */
export const RESYNC_MS = 15_000;
/** The recycler pod (busybox `rm -rf /scrub/*`) is scheduled, started and finished. */
const RECYCLE_MS = 5_000;
/** The in-tree deleter runs in the controller manager itself. */
const DELETE_MS = 100;

/**
 * In-tree provisioner names that v1.31 hands to the CSI driver they migrated to (CSI
 * migration is GA for these). The lab has none of those drivers, so such claims wait.
 */
export const MIGRATED_PROVISIONERS: Readonly<Record<string, string>> = {
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
};

/** util.IsPodTerminated, as far as the API shows it. */
function podTerminated(p: Pod): boolean {
  return p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded';
}

export class PersistentVolumeController {
  private queued = new Set<string>();
  private resyncTimers = new Map<string, TimerHandle>();
  private operations = new Set<string>();
  /** Claims already seen once (the first sync stands in for the DefaultStorageClass admission plugin). */
  private admitted = new Set<string>();

  /** `machines` are the nodes' filesystems, for the hostPath recycler (filled in as nodes are created). */
  constructor(
    private readonly sim: SimContext,
    private readonly machines: ReadonlyMap<string, NodeMachine>,
  ) {
    sim.store.watch('PersistentVolume', (ev) => {
      const pv = ev.object as PersistentVolume;
      if (ev.type === 'DELETED') {
        // A bound claim whose volume vanished becomes Lost.
        const ref = pv.spec?.claimRef;
        if (ref?.name) this.enqueue('claim', ref.namespace ?? 'default', ref.name);
        return;
      }
      this.enqueue('volume', '', pv.metadata.name ?? '');
    });
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      const pvc = ev.object as PersistentVolumeClaim;
      const ns = pvc.metadata.namespace ?? 'default';
      if (ev.type === 'DELETED') {
        this.admitted.delete(pvc.metadata.uid ?? '');
        this.sim.clock.cancel(this.resyncTimers.get(`claim/${ns}/${pvc.metadata.name}`));
        // Its volume is released now.
        for (const pv of this.volumes()) {
          if (pv.spec?.claimRef?.uid && pv.spec.claimRef.uid === pvc.metadata.uid) this.enqueue('volume', '', pv.metadata.name ?? '');
        }
        return;
      }
      this.enqueue('claim', ns, pvc.metadata.name ?? '');
    });
  }

  private get store() {
    return this.sim.store;
  }

  private volumes(): PersistentVolume[] {
    return this.store.list<PersistentVolume>('PersistentVolume');
  }

  private enqueue(kind: 'claim' | 'volume', ns: string, name: string): void {
    const key = `${kind}/${ns}/${name}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.sim.clock.schedule(0, () =>
      whenUp(this.sim.controllerManager, () => {
        this.queued.delete(key);
        if (kind === 'claim') this.syncClaim(ns, name);
        else this.syncVolume(name);
      }),
    );
  }

  private resyncLater(ns: string, name: string): void {
    const key = `claim/${ns}/${name}`;
    if (this.resyncTimers.has(key)) return;
    this.resyncTimers.set(
      key,
      this.sim.clock.schedule(RESYNC_MS, () => {
        this.resyncTimers.delete(key);
        this.enqueue('claim', ns, name);
      }),
    );
  }

  private event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.sim.events.record(obj, type, reason, message, SOURCE);
  }

  // ------------------------------------------------------------------ claims

  private syncClaim(ns: string, name: string): void {
    const claim = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim) return;
    const uid = claim.metadata.uid ?? '';
    if (!this.admitted.has(uid)) {
      this.admitted.add(uid);
      // DefaultStorageClass admission runs before a claim is stored; the simulator's API
      // server has no hook for it, so the controller applies it before anything else sees
      // the claim (within the same instant, before kubectl returns).
      // The update queues the claim again; that sync is the first one anybody sees.
      if (!claimHasClass(claim) && this.assignDefaultStorageClass(claim)) return;
    }
    if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined) this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
    const now = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (now && now.status?.phase !== 'Bound') this.resyncLater(ns, name);
  }

  private storageClass(name: string): StorageClass | undefined {
    return name ? this.store.get<StorageClass>('StorageClass', undefined, name) : undefined;
  }

  /** IsDelayBindingMode: the claim's class exists and binds at WaitForFirstConsumer. */
  private delayBinding(claim: PersistentVolumeClaim): boolean {
    return this.storageClass(claimClass(claim))?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  private syncUnboundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delay = this.delayBinding(claim);
      const volume = findBestMatchForClaim(claim, this.volumes(), delay);
      if (volume) {
        this.bind(volume, claim);
        return;
      }
      // Since v1.28 a claim without a class gets the default class retroactively.
      if (this.assignDefaultStorageClass(claim)) return;
      if (delay && claim.metadata.annotations?.[ANN_SELECTED_NODE] === undefined) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (claimClass(claim) !== '') {
        this.provisionClaim(claim);
        return;
      } else {
        this.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      }
      this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    const volume = this.store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!volume) {
      // Asked for a volume that does not exist (yet): wait.
      this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const why = checkVolumeSatisfyClaim(volume, claim);
      if (why) {
        this.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volume.metadata.name}": ${why}`);
        this.updateClaimStatus(claim, 'Pending', undefined);
        return;
      }
      this.bind(volume, claim);
      return;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return;
    }
    this.event(claim, 'Warning', 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`);
    this.updateClaimStatus(claim, 'Pending', undefined);
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const volume = this.store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata.uid) {
      this.bind(volume, claim);
      return;
    }
    this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  /** True when a default class was assigned (the update queues the claim again). */
  private assignDefaultStorageClass(claim: PersistentVolumeClaim): boolean {
    if (claimHasClass(claim)) return false;
    const def = defaultClassOf(this.store.list<StorageClass>('StorageClass'));
    if (!def) return false;
    return this.store.update({ ...claim, spec: { ...claim.spec, storageClassName: def.metadata.name ?? '' } }).ok;
  }

  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const ns = claim.metadata.namespace ?? 'default';
    const waiting = this.store
      .list<Pod>('Pod', ns)
      .filter((p) => !podTerminated(p) && !p.spec?.nodeName && podUsesClaim(p, claim.metadata.name ?? ''))
      .map((p) => p.metadata.name ?? '');
    if (waiting.length === 0) this.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    else if (waiting.length === 1) this.event(claim, 'Normal', 'WaitForPodScheduled', `waiting for pod ${waiting[0]} to be scheduled`);
    else this.event(claim, 'Normal', 'WaitForPodScheduled', `waiting for pods ${waiting.join(',')} to be scheduled`);
  }

  /** provisionClaim + findProvisionablePlugin + provisionClaimOperationExternal. */
  private provisionClaim(claim: PersistentVolumeClaim): void {
    const className = claimClass(claim);
    const cls = this.storageClass(className);
    if (!cls) {
      this.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const provisioner = cls.provisioner;
    const migrated = MIGRATED_PROVISIONERS[provisioner];
    if (!migrated && provisioner.startsWith('kubernetes.io/')) {
      // In-tree names with no plugin left in v1.31 (kubernetes.io/no-provisioner included).
      this.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      return;
    }
    const name = migrated ?? provisioner;
    const uid = claim.metadata.uid ?? '';
    this.runOperation(`provision-${claim.metadata.namespace}/${claim.metadata.name}[${uid}]`, 0, () => {
      const cur = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '');
      if (!cur || cur.metadata.uid !== uid) return;
      const updated = this.setClaimProvisioner(cur, name);
      this.event(
        updated,
        'Normal',
        'ExternalProvisioning',
        `Waiting for a volume to be created either by the external provisioner '${name}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      );
    });
  }

  private setClaimProvisioner(claim: PersistentVolumeClaim, provisioner: string): PersistentVolumeClaim {
    const ann = claim.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] === provisioner && ann[ANN_BETA_STORAGE_PROVISIONER] === provisioner) return claim;
    const res = this.store.update({ ...claim, metadata: { ...claim.metadata, annotations: { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner } } });
    return res.ok ? res.object : claim;
  }

  private updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume: PersistentVolume | undefined): PersistentVolumeClaim {
    const status = { ...claim.status };
    let dirty = false;
    if (status.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (status.accessModes) {
        delete status.accessModes;
        dirty = true;
      }
      if (status.capacity) {
        delete status.capacity;
        dirty = true;
      }
    } else {
      if (JSON.stringify(status.accessModes) !== JSON.stringify(volume.spec?.accessModes)) {
        if (volume.spec?.accessModes) status.accessModes = [...volume.spec.accessModes];
        else delete status.accessModes;
        dirty = true;
      }
      // Capacity is copied when the claim becomes Bound, never overwritten later.
      if (claim.status?.phase !== phase && status.capacity?.['storage'] !== volume.spec?.capacity?.['storage']) {
        status.capacity = { ...volume.spec?.capacity };
        dirty = true;
      }
    }
    if (!dirty) return claim;
    const res = this.store.update({ ...claim, status }, { status: true });
    return res.ok ? res.object : claim;
  }

  private updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    const updated = this.updateClaimStatus(claim, phase, undefined);
    this.event(updated, 'Warning', reason, message);
  }

  // ------------------------------------------------------------------ binding

  /** bind: the volume first (claimRef, then phase), then the claim (volumeName, then status). */
  private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let pv = volume;
    const withRef = bindVolumeToClaim(pv, claim);
    if (withRef) {
      const res = this.store.update(withRef);
      if (!res.ok) return;
      pv = res.object;
    }
    pv = this.updateVolumePhase(pv, 'Bound', '');
    let pvc = claim;
    const ann = { ...pvc.metadata.annotations };
    let dirty = false;
    let spec = pvc.spec;
    if (pvc.spec?.volumeName !== pv.metadata.name) {
      spec = { ...pvc.spec, volumeName: pv.metadata.name ?? '' };
      if (ann[ANN_BOUND_BY_CONTROLLER] === undefined) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
      dirty = true;
    }
    if (ann[ANN_BIND_COMPLETED] === undefined) {
      ann[ANN_BIND_COMPLETED] = 'yes';
      dirty = true;
    }
    if (dirty) {
      const res = this.store.update({ ...pvc, metadata: { ...pvc.metadata, annotations: ann }, spec: spec! });
      if (!res.ok) return;
      pvc = res.object;
    }
    this.updateClaimStatus(pvc, 'Bound', pv);
  }

  // ------------------------------------------------------------------ volumes

  private syncVolume(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (!ref || !ref.uid) {
      // Unused, or reserved for a claim (claimRef without uid) that has not bound yet.
      this.updateVolumePhase(pv, 'Available', '');
      return;
    }
    let claim = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name ?? '');
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!claim) {
      let released = pv;
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') released = this.updateVolumePhase(pv, 'Released', '');
      this.reclaimVolume(released);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, pv)) {
        this.event(pv, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
        this.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${pv.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // Bound on our side only; the claim's sync finishes the job.
      this.enqueue('claim', claim.metadata.namespace ?? 'default', claim.metadata.name ?? '');
      return;
    }
    if (claim.spec.volumeName === pv.metadata.name) {
      this.updateVolumePhase(pv, 'Bound', '');
      return;
    }
    if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== undefined && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let released = pv;
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') released = this.updateVolumePhase(pv, 'Released', '');
      this.reclaimVolume(released);
      return;
    }
    this.unbindVolume(pv);
  }

  /** Phase changes also stamp lastPhaseTransitionTime (GA in v1.31). */
  private updateVolumePhase(pv: PersistentVolume, phase: string, message: string): PersistentVolume {
    if (pv.status?.phase === phase) return pv;
    const status: NonNullable<PersistentVolume['status']> = { ...pv.status, phase, lastPhaseTransitionTime: this.sim.clock.isoNow() };
    if (message) status.message = message;
    else delete status.message;
    const res = this.store.update({ ...pv, status }, { status: true });
    return res.ok ? res.object : pv;
  }

  private updateVolumePhaseWithEvent(pv: PersistentVolume, phase: string, reason: string, message: string): void {
    if (pv.status?.phase === phase) return;
    const updated = this.updateVolumePhase(pv, phase, message);
    this.event(updated, 'Warning', reason, message);
  }

  /** Undo a binding: the controller's own claimRef goes; a user's pre-binding keeps its name. */
  private unbindVolume(pv: PersistentVolume): void {
    const next = cloneData(pv);
    if (next.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined) {
      if (next.spec) delete next.spec.claimRef;
      delete next.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
      if (Object.keys(next.metadata.annotations).length === 0) delete next.metadata.annotations;
    } else if (next.spec?.claimRef) {
      delete next.spec.claimRef.uid;
    }
    const res = this.store.update(next);
    if (res.ok) this.updateVolumePhase(res.object, 'Available', '');
  }

  private runOperation(name: string, delay: number, op: () => void): void {
    if (this.operations.has(name)) return;
    this.operations.add(name);
    this.sim.clock.schedule(delay, () => {
      this.operations.delete(name);
      op();
    });
  }

  private reclaimVolume(pv: PersistentVolume): void {
    const name = pv.metadata.name ?? '';
    switch (pv.spec?.persistentVolumeReclaimPolicy) {
      case 'Retain':
        return;
      case 'Recycle':
        this.runOperation(`recycle-${name}[${pv.metadata.uid}]`, RECYCLE_MS, () => this.recycleVolume(name));
        return;
      case 'Delete':
        this.runOperation(`delete-${name}[${pv.metadata.uid}]`, DELETE_MS, () => this.deleteVolume(name));
        return;
      default:
        this.updateVolumePhaseWithEvent(pv, 'Failed', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
    }
  }

  /** isVolumeReleased: bound to a claim that is gone, or that went to another volume. */
  private isVolumeReleased(pv: PersistentVolume): boolean {
    const ref = pv.spec?.claimRef;
    if (!ref?.uid) return false;
    const claim = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name ?? '');
    if (claim && claim.metadata.uid === ref.uid) return !!claim.spec?.volumeName && claim.spec.volumeName !== pv.metadata.name;
    return true;
  }

  private recycleVolume(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv || !this.isVolumeReleased(pv)) return;
    const ref = pv.spec?.claimRef;
    const users = this.store
      .list<Pod>('Pod', ref?.namespace ?? 'default')
      .filter((p) => !podTerminated(p) && podUsesClaim(p, ref?.name ?? ''))
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    if (users.length && !this.store.get('PersistentVolumeClaim', ref?.namespace ?? 'default', ref?.name ?? '')) {
      this.event(pv, 'Normal', 'VolumeFailedRecycle', `Volume is used by pods: ${users.join(',')}`);
      return;
    }
    const kind = volumeSource(pv)?.[0];
    if (kind !== 'hostPath' && kind !== 'nfs') {
      this.updateVolumePhaseWithEvent(pv, 'Failed', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    }
    const now = this.sim.clock.wallTime;
    if (kind === 'nfs') wipeBackingData(this.store, pv, now);
    else this.wipeHostPath(pv.spec?.hostPath?.path ?? '');
    this.event(pv, 'Normal', 'VolumeRecycled', 'Volume recycled');
    this.unbindVolume(pv);
  }

  /**
   * The recycler pod lands on some node and scrubs the path there; the lab does not run that
   * pod, so every node's copy of the path is scrubbed (a hostPath PV is usually used on one).
   */
  private wipeHostPath(path: string): void {
    if (!path || path === '/') return;
    for (const node of this.store.list('Node')) {
      const machine = this.machines.get(node.metadata.name ?? '');
      if (!machine) continue;
      const fs = new Vfs(machine.root, () => this.sim.clock.wallTime);
      const dir = fs.stat(path);
      if (dir?.kind === 'dir') dir.children.clear();
    }
  }

  private deleteVolume(name: string): void {
    const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv || !this.isVolumeReleased(pv)) return;
    const provisionedBy = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    // External deleters (provisioners, CSI drivers) delete their own volumes.
    if (provisionedBy !== undefined && !provisionedBy.startsWith('kubernetes.io/')) return;
    if (pv.spec?.csi) return;
    const err = this.inTreeDelete(pv);
    if (err) {
      this.updateVolumePhaseWithEvent(pv, 'Failed', 'VolumeFailedDelete', err);
      return;
    }
    this.store.delete('PersistentVolume', undefined, name);
  }

  /**
   * The deleters left in a v1.31 controller manager: hostPath's, which only accepts /tmp/.+
   * and removes the directory inside the controller manager's own container (so the node's
   * copy stays); no other static source has one any more.
   */
  private inTreeDelete(pv: PersistentVolume): string | undefined {
    if (pv.spec?.hostPath) {
      const path = pv.spec.hostPath.path;
      if (!/\/tmp\/.+/.test(path)) return `host_path deleter only supports /tmp/.+ but received provided ${path}`;
      return undefined;
    }
    return `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
  }
}

/**
 * The pvc-protection controller: a claim being deleted keeps its finalizer while a scheduled
 * pod (in any phase) still references it; the pv-protection controller: a volume being
 * deleted keeps its finalizer while it is Bound.
 */
export class StorageProtectionController {
  private queued = new Set<string>();

  constructor(private readonly sim: SimContext) {
    sim.store.watch('PersistentVolumeClaim', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueue('PersistentVolumeClaim', ev.object.metadata.namespace, ev.object.metadata.name ?? '');
    });
    sim.store.watch('PersistentVolume', (ev) => {
      if (ev.type !== 'DELETED' && ev.object.metadata.deletionTimestamp) this.enqueue('PersistentVolume', undefined, ev.object.metadata.name ?? '');
    });
    sim.store.watch('Pod', (ev) => {
      if (ev.type !== 'DELETED' && !ev.object.metadata.deletionTimestamp) return;
      const pod = ev.object as Pod;
      for (const v of pod.spec?.volumes ?? []) {
        if (v.persistentVolumeClaim) this.enqueue('PersistentVolumeClaim', pod.metadata.namespace, v.persistentVolumeClaim.claimName);
      }
    });
  }

  private enqueue(kind: string, ns: string | undefined, name: string): void {
    const key = `${kind}/${ns ?? ''}/${name}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.sim.clock.schedule(0, () =>
      whenUp(this.sim.controllerManager, () => {
        this.queued.delete(key);
        this.sync(kind, ns, name);
      }),
    );
  }

  private sync(kind: string, ns: string | undefined, name: string): void {
    const obj = this.sim.store.get(kind, ns, name);
    if (!obj?.metadata.deletionTimestamp) return;
    const finalizer = kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return;
    const inUse =
      kind === 'PersistentVolume'
        ? (obj as PersistentVolume).status?.phase === 'Bound'
        : this.sim.store.list<Pod>('Pod', ns).some((p) => !!p.spec?.nodeName && podUsesClaim(p, name));
    if (inUse) return;
    const rest = finalizers.filter((f) => f !== finalizer);
    const meta = { ...obj.metadata };
    if (rest.length) meta.finalizers = rest;
    else delete meta.finalizers;
    this.sim.store.update({ ...obj, metadata: meta });
  }
}
