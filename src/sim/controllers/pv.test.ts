// The PV controller, the protection controllers, the local-path provisioner and the
// scheduler's volume binding, driven through a whole (small) cluster on the virtual clock.

import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster.ts';
import type { KEvent, Pod } from '../api.ts';
import type { KubeObject } from '../store/types.ts';
import { Vfs } from '../runtime/vfs.ts';
import { defaultStorageClass, volumeData, type PersistentVolume, type PersistentVolumeClaim } from './pv.ts';

function newCluster(): Cluster {
  return createCluster({ warmupMs: 0, systemPods: false });
}

function apply(c: Cluster, text: string): void {
  for (const doc of parseAllDocuments(text)) {
    const res = c.api.apply(doc.toJS(), { namespace: 'default' });
    if (!res.ok) throw new Error(res.error.message);
  }
  c.clock.settle();
}

const pv = (c: Cluster, name: string): PersistentVolume | undefined => c.store.get<PersistentVolume>('PersistentVolume', undefined, name);
const pvc = (c: Cluster, name: string): PersistentVolumeClaim | undefined => c.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name);
const pod = (c: Cluster, name: string): Pod | undefined => c.store.get<Pod>('Pod', 'default', name);
const events = (c: Cluster, o: KubeObject | undefined): string[] =>
  o ? c.events.eventsFor(o).map((e: KEvent) => `${e.type} ${e.reason} ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`) : [];

const hostPathPV = (name: string, path: string, policy = 'Retain', size = '1Gi', extra = ''): string => `
apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: ${policy}
  hostPath: {path: ${path}}
${extra}
`;

const claim = (name: string, extra = '', size = '1Gi'): string => `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: ${size}}}
${extra}
`;

const podUsing = (name: string, claimName: string, extra = ''): string => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${extra}
  containers:
  - {name: app, image: busybox:1.36, command: [sleep, '3600'], volumeMounts: [{name: data, mountPath: /data}]}
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: ${claimName}}}
`;

const SC = (name: string, provisioner: string, mode = 'Immediate', extra = ''): string => `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: ${name}${extra}}
provisioner: ${provisioner}
volumeBindingMode: ${mode}
`;

const localPathClass = (): string => JSON.stringify(defaultStorageClass());

describe('admission', () => {
  it('PV and PVC get their protection finalizers and defaults; a class gets Delete/Immediate', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('x', '  storageClassName: ""') + '---' + SC('s', 'example.com/x'));
    expect(pv(c, 'v')?.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pv(c, 'v')?.spec?.volumeMode).toBe('Filesystem');
    expect(pv(c, 'v')?.spec?.hostPath?.type).toBe('');
    expect(pvc(c, 'x')?.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const sc = c.store.get('StorageClass', undefined, 's') as unknown as { reclaimPolicy: string; volumeBindingMode: string };
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
  });

  it('`storageClassName:` with no value is not stored (null means unset)', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v', 'Retain', '1Gi', '  storageClassName:'));
    expect(pv(c, 'v')?.spec && 'storageClassName' in pv(c, 'v')!.spec!).toBe(false);
  });
});

describe('binding', () => {
  it('a new PV becomes Available; a claim binds to it with both sides written', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v'));
    expect(pv(c, 'v')?.status?.phase).toBe('Available');
    apply(c, claim('x'));
    const v = pv(c, 'v')!;
    const x = pvc(c, 'x')!;
    expect(v.status?.phase).toBe('Bound');
    expect(v.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'x', uid: x.metadata.uid, apiVersion: 'v1' });
    expect(v.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(x.spec?.volumeName).toBe('v');
    expect(x.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(x.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
  });

  it('a claim naming its volume binds without bound-by-controller on the claim', () => {
    const c = newCluster();
    apply(c, hostPathPV('big', '/mnt/big', 'Retain', '5Gi') + '---' + hostPathPV('small', '/mnt/s') + '---' + claim('x', '  volumeName: big'));
    expect(pvc(c, 'x')?.spec?.volumeName).toBe('big');
    expect(pvc(c, 'x')?.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': expect.any(String), 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(pvc(c, 'x')?.status?.capacity).toEqual({ storage: '5Gi' });
  });

  it('a claim naming a volume that does not fit gets VolumeMismatch and waits', () => {
    const c = newCluster();
    apply(c, hostPathPV('small', '/mnt/s') + '---' + claim('x', '  volumeName: small', '2Gi'));
    expect(pvc(c, 'x')?.status?.phase).toBe('Pending');
    expect(events(c, pvc(c, 'x'))).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "small": requested PV is too small']);
  });

  it('a claim naming a volume bound elsewhere gets FailedBinding', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('first'));
    apply(c, claim('second', '  volumeName: v'));
    expect(events(c, pvc(c, 'second'))).toEqual(['Warning FailedBinding volume "v" already bound to a different claim.']);
  });

  it('a PV reserved by claimRef is left for that claim', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v', 'Retain', '1Gi', '  claimRef: {namespace: default, name: wanted}') + '---' + claim('other'));
    expect(pv(c, 'v')?.status?.phase).toBe('Available');
    expect(pvc(c, 'other')?.status?.phase).toBe('Pending');
    apply(c, claim('wanted'));
    expect(pvc(c, 'wanted')?.spec?.volumeName).toBe('v');
    // A user's pre-binding is not the controller's.
    expect(pv(c, 'v')?.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });

  it('an unmatched claim stays Pending, says so every 15 s, and binds once a volume appears', () => {
    const c = newCluster();
    apply(c, claim('x', '', '100Gi'));
    c.advance(31_000);
    expect(events(c, pvc(c, 'x'))).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set (x3)']);
    apply(c, hostPathPV('v50', '/mnt/v', 'Retain', '50Gi'));
    c.advance(15_000);
    expect(pvc(c, 'x')?.status?.phase).toBe('Pending');
    apply(c, hostPathPV('v200', '/mnt/w', 'Retain', '200Gi'));
    c.advance(15_000);
    expect(pvc(c, 'x')?.spec?.volumeName).toBe('v200');
  });
});

describe('reclaim policies', () => {
  it('Retain: the volume is Released and not bound again until its claimRef is cleared', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.clock.settle();
    expect(pvc(c, 'x')).toBeUndefined();
    expect(pv(c, 'v')?.status?.phase).toBe('Released');
    apply(c, claim('y'));
    c.advance(20_000);
    expect(pvc(c, 'y')?.status?.phase).toBe('Pending');
    const released = structuredClone(pv(c, 'v')!);
    delete released.spec!.claimRef;
    c.store.update(released);
    c.advance(15_000);
    expect(pvc(c, 'y')?.spec?.volumeName).toBe('v');
  });

  it('Delete of a hostPath under /tmp deletes the PV (the node keeps its files)', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/tmp/data', 'Delete') + '---' + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(1000);
    expect(pv(c, 'v')).toBeUndefined();
  });

  it.each([
    ['/mnt/data', 'host_path deleter only supports /tmp/.+ but received provided /mnt/data'],
  ])('Delete of a hostPath at %s fails: %s', (path, message) => {
    const c = newCluster();
    apply(c, hostPathPV('v', path, 'Delete') + '---' + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(1000);
    expect(pv(c, 'v')?.status).toMatchObject({ phase: 'Failed', message });
    expect(events(c, pv(c, 'v'))).toEqual([`Warning VolumeFailedDelete ${message}`]);
  });

  it('Delete of a static network volume fails: v1.31 has no in-tree deleter for it', () => {
    const c = newCluster();
    apply(c, `
apiVersion: v1
kind: PersistentVolume
metadata: {name: gce}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  gcePersistentDisk: {pdName: disk-1}
---` + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(1000);
    expect(pv(c, 'gce')?.status).toMatchObject({ phase: 'Failed', message: 'error getting deleter volume plugin for volume "gce": no deletable volume plugin matched' });
  });

  it('Recycle of a hostPath wipes it and makes the volume Available again', () => {
    const c = newCluster();
    const fs = new Vfs(c.machines.get('node01')!.root, () => 0);
    fs.mkdir('/srv/pv', true);
    fs.writeFile('/srv/pv/old.txt', 'secret');
    apply(c, hostPathPV('v', '/srv/pv', 'Recycle') + '---' + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(10_000);
    expect(pv(c, 'v')?.status?.phase).toBe('Available');
    expect(pv(c, 'v')?.spec?.claimRef).toBeUndefined();
    expect(fs.list('/srv/pv')).toEqual([]);
    expect(events(c, pv(c, 'v'))).toEqual(['Normal VolumeRecycled Volume recycled']);
  });

  it('Recycle of a source without a recycler fails', () => {
    const c = newCluster();
    apply(c, `
apiVersion: v1
kind: PersistentVolume
metadata: {name: gce}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Recycle
  gcePersistentDisk: {pdName: disk-1}
---` + claim('x'));
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(10_000);
    expect(pv(c, 'gce')?.status?.phase).toBe('Failed');
    expect(events(c, pv(c, 'gce'))).toEqual(['Warning VolumeFailedRecycle No recycler plugin found for the volume!']);
  });

  it('a network volume keeps its data in the cluster, keyed by the disk', () => {
    const c = newCluster();
    apply(c, `
apiVersion: v1
kind: PersistentVolume
metadata: {name: gce}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  gcePersistentDisk: {pdName: disk-1}
`);
    const data = volumeData(c, 'gce')!;
    new Vfs(data, () => 0).writeFile('/f', 'x');
    c.api.delete('PersistentVolume', undefined, 'gce');
    c.clock.settle();
    expect(pv(c, 'gce')).toBeUndefined();
    apply(c, `
apiVersion: v1
kind: PersistentVolume
metadata: {name: again}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  gcePersistentDisk: {pdName: disk-1, fsType: ext4}
`);
    expect(new Vfs(volumeData(c, 'again')!, () => 0).readFile('/f')).toBe('x');
    expect(volumeData(c, 'missing')).toBeUndefined();
  });
});

describe('protection finalizers', () => {
  it('a claim used by a scheduled pod stays Terminating until the pod is gone', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('x') + '---' + podUsing('p', 'x'));
    c.advance(5_000);
    expect(pod(c, 'p')?.status?.phase).toBe('Running');
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(5_000);
    expect(pvc(c, 'x')?.metadata.deletionTimestamp).toBeDefined();
    expect(pvc(c, 'x')?.status?.phase).toBe('Bound');
    c.api.delete('Pod', 'default', 'p');
    c.advance(40_000);
    expect(pod(c, 'p')).toBeUndefined();
    expect(pvc(c, 'x')).toBeUndefined();
    expect(pv(c, 'v')?.status?.phase).toBe('Released');
  });

  it('a Bound volume stays Terminating until its claim lets go', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('x'));
    c.api.delete('PersistentVolume', undefined, 'v');
    c.advance(1000);
    expect(pv(c, 'v')?.metadata.deletionTimestamp).toBeDefined();
    expect(pvc(c, 'x')?.status?.phase).toBe('Bound');
    c.api.delete('PersistentVolumeClaim', 'default', 'x');
    c.advance(1000);
    expect(pv(c, 'v')).toBeUndefined();
  });

  it('a bound claim whose volume vanished is Lost', () => {
    const c = newCluster();
    apply(c, hostPathPV('v', '/mnt/v') + '---' + claim('x'));
    const v = pv(c, 'v')!;
    c.store.update({ ...v, metadata: { ...v.metadata, finalizers: [] } });
    c.api.delete('PersistentVolume', undefined, 'v');
    c.clock.settle();
    expect(pvc(c, 'x')?.status).toEqual({ phase: 'Lost' });
    expect(events(c, pvc(c, 'x'))).toEqual(['Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });
});

describe('storage classes and dynamic provisioning', () => {
  it('a claim without a class gets the default class; "" is never changed', () => {
    const c = newCluster();
    apply(c, localPathClass());
    apply(c, claim('plain') + '---' + claim('none', '  storageClassName: ""'));
    expect(pvc(c, 'plain')?.spec?.storageClassName).toBe('local-path');
    expect(pvc(c, 'none')?.spec?.storageClassName).toBe('');
  });

  it('a claim created before any default gets it retroactively at the next sync', () => {
    const c = newCluster();
    apply(c, claim('x'));
    apply(c, localPathClass());
    expect(pvc(c, 'x')?.spec?.storageClassName).toBeUndefined();
    c.advance(15_000);
    expect(pvc(c, 'x')?.spec?.storageClassName).toBe('local-path');
  });

  it('WaitForFirstConsumer: waits for a pod, provisions on its node, then the pod runs there', () => {
    const c = newCluster();
    apply(c, localPathClass() + '\n---\n' + claim('data', '', '2Gi'));
    expect(events(c, pvc(c, 'data'))).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    apply(c, podUsing('p', 'data'));
    c.advance(10_000);
    const x = pvc(c, 'data')!;
    const uid = x.metadata.uid!;
    const p = pod(c, 'p')!;
    const node = p.spec?.nodeName;
    expect(node).toMatch(/^node0[12]$/);
    expect(x.status?.phase).toBe('Bound');
    expect(x.spec?.volumeName).toBe(`pvc-${uid}`);
    expect(x.metadata.annotations).toMatchObject({
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    });
    const v = pv(c, `pvc-${uid}`)!;
    expect(v.spec).toMatchObject({
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'local-path',
      capacity: { storage: '2Gi' },
      hostPath: { path: `/opt/local-path-provisioner/pvc-${uid}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    });
    expect(v.metadata.annotations).toEqual({ 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(new Vfs(c.machines.get(node!)!.root, () => 0).isDir(`/opt/local-path-provisioner/pvc-${uid}_default_data`)).toBe(true);
    expect(p.status?.phase).toBe('Running');
    const reasons = c.events.eventsFor(x).map((e) => `${e.reason} ${e.source?.component?.replace(/_.*/, '_…')}`);
    expect(reasons).toEqual([
      'WaitForFirstConsumer persistentvolume-controller',
      'ExternalProvisioning persistentvolume-controller',
      'Provisioning rancher.io/local-path_…',
      'ProvisioningSucceeded rancher.io/local-path_…',
    ]);
    // Deleting the claim deletes the volume and its directory.
    c.api.delete('Pod', 'default', 'p');
    c.advance(40_000);
    c.api.delete('PersistentVolumeClaim', 'default', 'data');
    c.advance(5_000);
    expect(pv(c, `pvc-${uid}`)).toBeUndefined();
    expect(new Vfs(c.machines.get(node!)!.root, () => 0).exists(`/opt/local-path-provisioner/pvc-${uid}_default_data`)).toBe(false);
  });

  it('a class with reclaimPolicy Retain leaves the provisioned volume Released', () => {
    const c = newCluster();
    const sc = { ...defaultStorageClass(), reclaimPolicy: 'Retain' };
    apply(c, JSON.stringify(sc) + '\n---\n' + claim('data') + '---' + podUsing('p', 'data'));
    c.advance(10_000);
    const name = pvc(c, 'data')!.spec!.volumeName!;
    expect(pv(c, name)?.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    c.api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
    c.api.delete('PersistentVolumeClaim', 'default', 'data');
    c.advance(10_000);
    expect(pv(c, name)?.status?.phase).toBe('Released');
  });

  it('local-path under Immediate binding cannot provision: no node was chosen', () => {
    const c = newCluster();
    apply(c, SC('lp', 'rancher.io/local-path') + '---' + claim('x', '  storageClassName: lp'));
    c.advance(1000);
    expect(pvc(c, 'x')?.status?.phase).toBe('Pending');
    expect(events(c, pvc(c, 'x')).filter((e) => e.startsWith('Warning'))).toEqual(['Warning ProvisioningFailed failed to provision volume with StorageClass "lp": configuration error, no node was specified']);
  });

  it.each([
    // The annotation the first event comes with is an update, which syncs the claim again: x2, as on a real cluster.
    ['example.com/nfs', "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'example.com/nfs' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered. (x2)"],
    ['kubernetes.io/gce-pd', "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'pd.csi.storage.gke.io' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered. (x2)"],
    ['kubernetes.io/no-provisioner', 'Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/no-provisioner'],
  ])('an Immediate class with provisioner %s', (provisioner, event) => {
    const c = newCluster();
    apply(c, SC('s', provisioner) + '---' + claim('x', '  storageClassName: s'));
    expect(pvc(c, 'x')?.status?.phase).toBe('Pending');
    expect(events(c, pvc(c, 'x'))[0]).toBe(event);
  });

  it('a claim of a class that does not exist', () => {
    const c = newCluster();
    apply(c, claim('x', '  storageClassName: gold'));
    expect(events(c, pvc(c, 'x'))).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "gold" not found']);
  });
});

describe('scheduling and mounting', () => {
  const lastFailure = (c: Cluster, name: string): string | undefined =>
    c.events
      .eventsFor(pod(c, name)!)
      .filter((e) => e.reason === 'FailedScheduling')
      .pop()?.message;

  it('a pod whose Immediate claim is unbound is not scheduled', () => {
    const c = newCluster();
    apply(c, claim('x') + '---' + podUsing('p', 'x'));
    c.advance(2_000);
    expect(pod(c, 'p')?.spec?.nodeName).toBeUndefined();
    expect(lastFailure(c, 'p')).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  it("a bound volume's node affinity decides the node", () => {
    const c = newCluster();
    const affinity = `  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node02]}]`;
    apply(c, hostPathPV('v', '/mnt/v', 'Retain', '1Gi', affinity) + '---' + claim('x') + '---' + podUsing('p', 'x'));
    c.advance(2_000);
    expect(pod(c, 'p')?.spec?.nodeName).toBe('node02');
    apply(c, podUsing('q', 'x', '  nodeSelector: {kubernetes.io/hostname: node01}'));
    c.advance(2_000);
    // node01 passes the selector but not the volume's affinity (the other nodes fail earlier filters).
    expect(lastFailure(c, 'q')).toMatch(/^0\/3 nodes are available: .*1 node\(s\) had volume node affinity conflict/);
  });

  it('WaitForFirstConsumer without a provisioner or a free volume: no node fits', () => {
    const c = newCluster();
    apply(c, SC('local', 'kubernetes.io/no-provisioner', 'WaitForFirstConsumer') + '---' + claim('x', '  storageClassName: local') + '---' + podUsing('p', 'x'));
    c.advance(2_000);
    expect(lastFailure(c, 'p')).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    expect(events(c, pvc(c, 'x'))).toContain('Normal WaitForPodScheduled waiting for pod p to be scheduled');
  });

  it('WaitForFirstConsumer with a static local volume: the scheduler binds it', () => {
    const c = newCluster();
    new Vfs(c.machines.get('node01')!.root, () => 0).mkdir('/mnt/disk', true);
    apply(
      c,
      SC('local', 'kubernetes.io/no-provisioner', 'WaitForFirstConsumer') +
        `---
apiVersion: v1
kind: PersistentVolume
metadata: {name: local-pv}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local: {path: /mnt/disk}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node01]}]
---` +
        claim('x', '  storageClassName: local') +
        '---' +
        podUsing('p', 'x'),
    );
    c.advance(5_000);
    expect(pvc(c, 'x')?.spec?.volumeName).toBe('local-pv');
    expect(pod(c, 'p')?.spec?.nodeName).toBe('node01');
    expect(pod(c, 'p')?.status?.phase).toBe('Running');
  });

  it.each([
    ['an unbound claim', claim('x'), 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/x: PVC is not bound'],
    [
      'a local volume whose path is missing',
      `apiVersion: v1
kind: PersistentVolume
metadata: {name: lv}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  local: {path: /mnt/nothing}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node01]}]
---` + claim('x'),
      'MountVolume.NewMounter initialization failed for volume "lv" : path "/mnt/nothing" does not exist',
    ],
  ])('the kubelet reports FailedMount for %s', (_name, objects, message) => {
    const c = newCluster();
    apply(c, objects + '---' + podUsing('p', 'x', '  nodeName: node01'));
    c.advance(5_000);
    expect(pod(c, 'p')?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(events(c, pod(c, 'p'))).toContain(`Warning FailedMount ${message}`);
  });
});
