// Where a persistent volume's bytes live, so they outlive the pods that wrote them.
//
// - hostPath and local volumes are directories on a node: the node's own filesystem (what
//   `ssh node01` shows), so a pod on another node sees another directory, as in a real cluster.
// - Every other source (gcePersistentDisk, nfs, csi ...) is network storage the lab does not
//   have; its contents are kept in a per-cluster registry keyed by the backing asset (the disk
//   name, the export, the volume handle), not by the PV object, so deleting a Retain volume
//   and creating it again over the same disk finds the data still there.
//
// The kubelet calls mountClaim() when it sets up a pod's persistentVolumeClaim volumes.

import type { NodeMachine, SimContext } from '../../context.ts';
import type { ObjectStore } from '../../store/store.ts';
import { newDir, Vfs, type DirNode } from '../../runtime/vfs.ts';
import type { PersistentVolume, PersistentVolumeClaim } from './helpers.ts';

const registries = new WeakMap<ObjectStore, Map<string, DirNode>>();

function registry(store: ObjectStore): Map<string, DirNode> {
  let r = registries.get(store);
  if (!r) registries.set(store, (r = new Map()));
  return r;
}

type Source = Record<string, unknown>;

/** Spec fields that are not the volume source. */
const NOT_SOURCE = new Set(['accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName', 'volumeMode', 'volumeAttributesClassName']);

/** The source field of a PV spec: ['gcePersistentDisk', {...}]. */
export function volumeSource(pv: PersistentVolume): [string, Source] | undefined {
  for (const [k, v] of Object.entries(pv.spec ?? {})) {
    if (NOT_SOURCE.has(k) || typeof v !== 'object' || v === null) continue;
    return [k, v as Source];
  }
  return undefined;
}

const str = (s: Source, k: string): string => (typeof s[k] === 'string' || typeof s[k] === 'number' ? String(s[k]) : '');

/**
 * The backing asset of a network volume, or undefined for node-local ones (hostPath, local).
 * Flags that do not change which disk it is (readOnly, fsType) are left out.
 */
export function backingKey(pv: PersistentVolume): string | undefined {
  const src = volumeSource(pv);
  if (!src) return undefined;
  const [kind, s] = src;
  switch (kind) {
    case 'hostPath':
    case 'local':
      return undefined;
    case 'gcePersistentDisk':
      return `gcePersistentDisk:${str(s, 'pdName')}`;
    case 'awsElasticBlockStore':
      return `awsElasticBlockStore:${str(s, 'volumeID')}`;
    case 'nfs':
      return `nfs:${str(s, 'server')}:${str(s, 'path')}`;
    case 'csi':
      return `csi:${str(s, 'driver')}:${str(s, 'volumeHandle')}`;
    case 'azureDisk':
      return `azureDisk:${str(s, 'diskURI')}`;
    case 'azureFile':
      return `azureFile:${str(s, 'shareName')}`;
    case 'iscsi':
      return `iscsi:${str(s, 'targetPortal')}:${str(s, 'iqn')}:${str(s, 'lun')}`;
    default: {
      const { readOnly: _r, fsType: _f, ...rest } = s;
      return `${kind}:${JSON.stringify(rest, Object.keys(rest).sort())}`;
    }
  }
}

/**
 * The directory tree holding a network volume's data, created empty the first time. Undefined
 * for a volume that does not exist or lives on a node (hostPath, local).
 */
export function volumeData(sim: Pick<SimContext, 'store'>, pvName: string): DirNode | undefined {
  const pv = sim.store.get<PersistentVolume>('PersistentVolume', undefined, pvName);
  return pv ? backingData(sim.store, pv) : undefined;
}

export function backingData(store: ObjectStore, pv: PersistentVolume): DirNode | undefined {
  const key = backingKey(pv);
  if (key === undefined) return undefined;
  const r = registry(store);
  let dir = r.get(key);
  if (!dir) r.set(key, (dir = newDir()));
  return dir;
}

/** The recycler's `rm -rf /scrub/*`: the volume stays, its contents go. */
export function wipeBackingData(store: ObjectStore, pv: PersistentVolume, mtime: number): void {
  const dir = backingData(store, pv);
  if (!dir) return;
  dir.children.clear();
  dir.mtime = mtime;
}

/** The asset itself is gone (deleted by its provisioner): a new volume over the same name starts empty. */
export function dropBackingData(store: ObjectStore, pv: PersistentVolume): void {
  const key = backingKey(pv);
  if (key !== undefined) registry(store).delete(key);
}

export type ClaimMount = { ok: true; dir: DirNode } | { ok: false; message: string };

/** The volume manager's "Unable to attach or mount volumes" for a claim it cannot resolve. */
function unprocessable(volumeName: string, ns: string, claimName: string, why: string): ClaimMount {
  return {
    ok: false,
    message: `Unable to attach or mount volumes: unmounted volumes=[${volumeName}], unattached volumes=[], failed to process volumes=[${volumeName}]: error processing PVC ${ns}/${claimName}: ${why}`,
  };
}

const HOST_PATH_CHECKED = new Set(['Directory', 'File', 'Socket', 'CharDevice', 'BlockDevice']);

/** A node directory, checked and created as the hostPath plugin does for its `type`. */
function hostPathDir(machine: NodeMachine, now: () => number, pvName: string, path: string, type: string): ClaimMount {
  const fs = new Vfs(machine.root, now);
  if (!fs.stat(path)) {
    if (HOST_PATH_CHECKED.has(type)) {
      return { ok: false, message: `MountVolume.SetUp failed for volume "${pvName}" : hostPath type check failed: ${path} is not a ${type === 'Directory' ? 'directory' : type.toLowerCase()}` };
    }
    if (type === 'FileOrCreate') fs.writeFile(path, '');
    else fs.mkdir(path, true);
  }
  const target = fs.stat(path);
  return { ok: true, dir: target?.kind === 'dir' ? target : newDir(now()) };
}

/**
 * Resolve a pod's persistentVolumeClaim volume to the directory to mount, with the kubelet's
 * own error texts when it cannot (the claim is missing, being deleted or not bound; a local
 * volume's path does not exist on this node).
 */
export function mountClaim(sim: SimContext, machine: NodeMachine, ns: string, volumeName: string, claimName: string): ClaimMount {
  const now = (): number => sim.clock.wallTime;
  const pvc = sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, claimName);
  if (!pvc) return unprocessable(volumeName, ns, claimName, `failed to fetch PVC from API server: persistentvolumeclaims "${claimName}" not found`);
  if (pvc.metadata.deletionTimestamp) return unprocessable(volumeName, ns, claimName, `can't start pod because PVC ${ns}/${claimName} is being deleted`);
  if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) return unprocessable(volumeName, ns, claimName, 'PVC is not bound');
  const pvName = pvc.spec.volumeName;
  const pv = sim.store.get<PersistentVolume>('PersistentVolume', undefined, pvName);
  if (!pv) return unprocessable(volumeName, ns, claimName, `failed to fetch PV ${pvName} from API server: persistentvolumes "${pvName}" not found`);
  if (pv.spec?.hostPath) return hostPathDir(machine, now, pvName, pv.spec.hostPath.path, pv.spec.hostPath.type ?? '');
  if (pv.spec?.local) {
    const node = new Vfs(machine.root, now).stat(pv.spec.local.path);
    if (!node) return { ok: false, message: `MountVolume.NewMounter initialization failed for volume "${pvName}" : path "${pv.spec.local.path}" does not exist` };
    return { ok: true, dir: node.kind === 'dir' ? node : newDir(now()) };
  }
  return { ok: true, dir: backingData(sim.store, pv) ?? newDir(now()) };
}
