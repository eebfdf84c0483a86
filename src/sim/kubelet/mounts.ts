// A container's mount table as `df` inside it shows it (/proc/mounts under containerd): the
// overlay root and /dev, then the kubelet's and the runtime's mounts sorted by depth (the CRI
// plugin mounts parents before children, keeping the order otherwise), then the paths the
// runtime masks. Each line says what really backs the mount in the lab: the node's disk for
// emptyDir, hostPath, configMap and the files the kubelet writes (/etc/hosts ...), tmpfs for
// secrets, the service account token and memory-backed emptyDirs, an attached disk
// (/dev/sdb, /dev/sdc ... per node, in the order they were first mounted there) for network
// block volumes, and the export for NFS.

import type { Container, Pod, Volume } from '../api.ts';
import type { NodeMachine, SimContext } from '../context.ts';
import { quantityValue, tryParseQuantity } from '../quantity.ts';
import { treeUsageKiB, type DirNode, type MountInfo } from '../runtime/vfs.ts';
import { volumeSource } from '../controllers/volume/data.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../controllers/volume/helpers.ts';
import type { KubeObject } from '../store/types.ts';

/** The nodes' root disk, in KiB: what Node.status.capacity reports as ephemeral-storage. */
export const NODE_DISK_KIB = 20134592;
export const NODE_DISK_DEVICE = '/dev/vda1';
/** What the node's operating system, images and containerd take of its disk before any pod. */
const NODE_DISK_BASE_USED_KIB = 5904736;
/** tmpfs the runtime gives /dev, /dev/shm and the files it masks with /dev/null. */
const SMALL_TMPFS_KIB = 65536;

/** Per node: which device each attached disk got (sdb first; sda is the boot disk on GCE). */
export type DiskLetters = Map<string, string>;

export interface MountContext {
  sim: Pick<SimContext, 'store'>;
  machine: NodeMachine;
  pod: Pod;
  container: Container;
  volumes: ReadonlyMap<string, DirNode>;
  /** The node's memory in KiB: tmpfs sizes follow it. */
  memoryKiB: number;
  disks: DiskLetters;
}

const kib = (q: string | number | undefined): number | undefined => {
  if (q === undefined) return undefined;
  const r = tryParseQuantity(q);
  return r.ok ? Math.floor(quantityValue(r.quantity) / 1024) : undefined;
};

/**
 * A freshly made ext4 on a disk of `sizeKiB` (mkfs.ext4 -m0, as the kubelet formats): the
 * blocks left after the inode tables, and what its metadata takes. Approximations of what
 * df shows on such a disk, enough that a 20G disk reads as 19.6G.
 */
function ext4(sizeKiB: number): { blocks: number; baseUsed: number } {
  const gib = sizeKiB / (1024 * 1024);
  return { blocks: Math.floor(sizeKiB * 0.97806), baseUsed: Math.round(28696 + 819.2 * gib) };
}

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}

export function containerMountTable(m: MountContext): MountInfo[] {
  const nodeUsed = (): number => NODE_DISK_BASE_USED_KIB + treeUsageKiB(m.machine.root);
  const nodeDisk = (target: string): MountInfo => ({ source: NODE_DISK_DEVICE, target, sizeKiB: NODE_DISK_KIB, usedKiB: nodeUsed });
  const tmpfs = (target: string, sizeKiB: number, dir?: DirNode, source = 'tmpfs'): MountInfo => ({ source, target, sizeKiB, usedKiB: () => (dir ? treeUsageKiB(dir) : 0) });

  const cri: MountInfo[] = [];
  for (const vm of m.container.volumeMounts ?? []) {
    const vol = (m.pod.spec?.volumes ?? []).find((v) => v.name === vm.name);
    const dir = m.volumes.get(vm.name);
    if (!vol || !dir) continue;
    cri.push(volumeMount(m, vol, vm.mountPath, dir, nodeDisk, tmpfs));
  }
  cri.push(nodeDisk('/etc/hosts'), nodeDisk(m.container.terminationMessagePath ?? '/dev/termination-log'), nodeDisk('/etc/hostname'), nodeDisk('/etc/resolv.conf'), tmpfs('/dev/shm', SMALL_TMPFS_KIB, undefined, 'shm'));
  // Array.prototype.sort is stable: same-depth mounts keep their order.
  cri.sort((a, b) => depth(a.target) - depth(b.target));

  const half = Math.floor(m.memoryKiB / 2);
  return [
    { source: 'overlay', target: '/', sizeKiB: NODE_DISK_KIB, usedKiB: nodeUsed },
    tmpfs('/dev', SMALL_TMPFS_KIB),
    ...cri,
    tmpfs('/proc/acpi', half),
    tmpfs('/proc/kcore', SMALL_TMPFS_KIB),
    tmpfs('/proc/keys', SMALL_TMPFS_KIB),
    tmpfs('/proc/timer_list', SMALL_TMPFS_KIB),
    tmpfs('/proc/scsi', half),
    tmpfs('/sys/firmware', half),
  ];
}

function volumeMount(m: MountContext, vol: Volume, target: string, dir: DirNode, nodeDisk: (t: string) => MountInfo, tmpfs: (t: string, size: number, dir?: DirNode) => MountInfo): MountInfo {
  if (vol.secret || vol.projected || vol.downwardAPI) return tmpfs(target, m.memoryKiB, dir);
  if (vol.emptyDir?.medium === 'Memory') return tmpfs(target, kib(vol.emptyDir.sizeLimit as string | undefined) ?? m.memoryKiB, dir);
  if (!vol.persistentVolumeClaim) return nodeDisk(target);
  const ns = m.pod.metadata.namespace ?? 'default';
  const pvc = m.sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, vol.persistentVolumeClaim.claimName);
  const pv = pvc?.spec?.volumeName ? m.sim.store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec.volumeName) : undefined;
  const source = pv ? volumeSource(pv) : undefined;
  if (!pv || !source || source[0] === 'hostPath' || source[0] === 'local') return nodeDisk(target);
  const sizeKiB = kib(pv.spec?.capacity?.['storage'] as string | undefined) ?? 0;
  if (source[0] === 'nfs') {
    const s = source[1];
    return { source: `${String(s['server'] ?? '')}:${String(s['path'] ?? '')}`, target, sizeKiB, usedKiB: () => treeUsageKiB(dir) };
  }
  // A network block device: attached to the node, formatted ext4, mounted for the pod.
  const name = pv.metadata.name ?? '';
  let device = m.disks.get(name);
  if (!device) {
    device = `/dev/sd${String.fromCharCode('b'.charCodeAt(0) + Math.min(m.disks.size, 24))}`;
    m.disks.set(name, device);
  }
  const fs = ext4(sizeKiB);
  return { source: device, target, sizeKiB: fs.blocks, usedKiB: () => fs.baseUsed + treeUsageKiB(dir) };
}

/** A node's own mounts (an Ubuntu cloud image under kubeadm), as `df` on the node lists them. */
export function nodeMountTable(machine: NodeMachine, memoryKiB: number): MountInfo[] {
  const run = Math.floor(memoryKiB / 10);
  const fixed = (source: string, target: string, sizeKiB: number, used: number): MountInfo => ({ source, target, sizeKiB, usedKiB: () => used });
  return [
    fixed('tmpfs', '/run', run, 1836),
    { source: NODE_DISK_DEVICE, target: '/', sizeKiB: NODE_DISK_KIB, usedKiB: () => NODE_DISK_BASE_USED_KIB + treeUsageKiB(machine.root) },
    fixed('tmpfs', '/dev/shm', Math.floor(memoryKiB / 2), 0),
    fixed('tmpfs', '/run/lock', 5120, 0),
    fixed('/dev/vda15', '/boot/efi', 106858, 6186),
    fixed('tmpfs', '/run/user/0', run, 4),
  ];
}

/** The node's memory in KiB, from its Node object (tmpfs sizes follow it). */
export function nodeMemoryKiB(sim: Pick<SimContext, 'store'>, node: string): number {
  const memory = sim.store.get<KubeObject & { status?: { capacity?: Record<string, string> } }>('Node', undefined, node)?.status?.capacity?.['memory'];
  return kib(memory) ?? 4015796;
}
