// get pv/pvc/sc cells (printers_test.go TestPrintPersistentVolume & co., with the v1.29+
// VOLUMEATTRIBUTESCLASS cells) and describe pv/pvc against output captured from real clusters.

import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { accessModesString, describePersistentVolume, describePersistentVolumeClaim, describeStorageClass, pvcRow, pvRow, storageClassRow } from './storage.ts';

const NOW = Date.parse('2026-01-05T10:00:00Z');

describe('get pv', () => {
  const claimRef = { name: 'claim', namespace: 'default' };
  it.each<[string, PersistentVolume, boolean, string[]]>([
    [
      'bound',
      { metadata: { name: 'test1' }, spec: { claimRef, accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } }, status: { phase: 'Bound' } },
      true,
      ['test1', '4Gi', 'ROX', '', 'Bound', 'default/claim', '', '<unset>', '', '<unknown>', '<unset>'],
    ],
    [
      'failed, with reason and mode',
      { metadata: { name: 'test2' }, spec: { claimRef, accessModes: ['ReadOnlyMany'], volumeMode: 'Filesystem', capacity: { storage: '4Gi' } }, status: { phase: 'Failed', reason: 'failed' } },
      true,
      ['test2', '4Gi', 'ROX', '', 'Failed', 'default/claim', '', '<unset>', 'failed', '<unknown>', 'Filesystem'],
    ],
    [
      'available, class, policy, age',
      { metadata: { name: 'pv0001', creationTimestamp: '2026-01-05T09:57:00Z' }, spec: { accessModes: ['ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '5Gi' }, storageClassName: 'slow', persistentVolumeReclaimPolicy: 'Recycle' }, status: { phase: 'Available' } },
      false,
      ['pv0001', '5Gi', 'RWO,RWX', 'Recycle', 'Available', '', 'slow', '<unset>', '', '3m'],
    ],
    [
      'being deleted, with a volume attributes class',
      { metadata: { name: 't', deletionTimestamp: '2026-01-05T09:59:00Z' }, spec: { capacity: { storage: '10G' }, volumeAttributesClassName: 'gold' }, status: { phase: 'Bound' } },
      false,
      ['t', '10G', '', '', 'Terminating', '', '', 'gold', '', '<unknown>'],
    ],
    ['no capacity prints Go\'s zero quantity', { metadata: { name: 'z' }, spec: {}, status: { phase: 'Pending' } }, false, ['z', '0', '', '', 'Pending', '', '', '<unset>', '', '<unknown>']],
  ])('%s', (_name, pv, wide, cells) => {
    expect(pvRow(pv, NOW, wide)).toEqual(cells);
  });
});

describe('get pvc', () => {
  it.each<[string, PersistentVolumeClaim, boolean, string[]]>([
    [
      'bound',
      { metadata: { name: 'test1' }, spec: { volumeName: 'my-volume', volumeMode: 'Filesystem' }, status: { phase: 'Bound', accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } } },
      true,
      ['test1', 'Bound', 'my-volume', '4Gi', 'ROX', '', '<unset>', '<unknown>', 'Filesystem'],
    ],
    [
      'pending: no capacity or access modes until volumeName is set',
      { metadata: { name: 'test2' }, spec: { storageClassName: 'local-path' }, status: { phase: 'Pending', accessModes: ['ReadOnlyMany'], capacity: { storage: '4Gi' } } },
      true,
      ['test2', 'Pending', '', '', '', 'local-path', '<unset>', '<unknown>', '<unset>'],
    ],
    [
      'lost: volumeName set, status emptied',
      { metadata: { name: 'test3' }, spec: { volumeName: 'gone' }, status: { phase: 'Lost' } },
      false,
      ['test3', 'Lost', 'gone', '0', '', '', '<unset>', '<unknown>'],
    ],
    [
      'terminating',
      { metadata: { name: 'test4', deletionTimestamp: '2026-01-05T09:59:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'beta' } }, spec: { storageClassName: 'ga' }, status: { phase: 'Bound' } },
      false,
      ['test4', 'Terminating', '', '', '', 'beta', '<unset>', '<unknown>'],
    ],
  ])('%s', (_name, pvc, wide, cells) => {
    expect(pvcRow(pvc, NOW, wide)).toEqual(cells);
  });

  it.each<[string[], string]>([
    [['ReadWriteOncePod', 'ReadWriteOnce'], 'RWO,RWOP'],
    [['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteMany'], 'ROX,RWX'],
  ])('access modes %j print as %s', (modes, want) => {
    expect(accessModesString(modes)).toBe(want);
  });
});

describe('get storageclass', () => {
  it.each<[string, StorageClass, string[]]>([
    ['unset fields print their defaults', { metadata: { name: 'sc1' }, provisioner: 'kubernetes.io/glusterfs' }, ['sc1', 'kubernetes.io/glusterfs', 'Delete', 'Immediate', 'false', '<unknown>']],
    [
      'the default class',
      { metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, creationTimestamp: '2026-01-05T09:00:00Z' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
      ['local-path (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false', '60m'],
    ],
    [
      'the beta default annotation counts too; "false" does not',
      { metadata: { name: 'b', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true', 'storageclass.kubernetes.io/is-default-class': 'false' } }, provisioner: 'x', reclaimPolicy: 'Retain', allowVolumeExpansion: true },
      ['b (default)', 'x', 'Retain', 'Immediate', 'true', '<unknown>'],
    ],
    ['not a default', { metadata: { name: 'c', annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }, provisioner: 'x' }, ['c', 'x', 'Delete', 'Immediate', 'false', '<unknown>']],
  ])('%s', (_name, sc, cells) => {
    expect(storageClassRow(sc, NOW)).toEqual(cells);
  });
});

describe('describe pv', () => {
  it('a hostPath volume nobody claimed (as printed by a real cluster)', () => {
    const pv: PersistentVolume = {
      metadata: { name: 'mysql-pv', finalizers: ['kubernetes.io/pv-protection'] },
      spec: { capacity: { storage: '250Mi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', hostPath: { path: '/mnt/data', type: '' } },
      status: { phase: 'Available' },
    };
    expect(describePersistentVolume(pv, [], NOW)).toBe(
      [
        'Name:            mysql-pv',
        'Labels:          <none>',
        'Annotations:     <none>',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    ',
        'Status:          Available',
        'Claim:           ',
        'Reclaim Policy:  Retain',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        250Mi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /mnt/data',
        '    HostPathType:  ',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('a local-path volume (node affinity block)', () => {
    const name = 'pvc-85896fe2-0793-446d-9942-137649eb6954';
    const pv: PersistentVolume = {
      metadata: { name, finalizers: ['kubernetes.io/pv-protection'], annotations: { 'local.path.provisioner/selected-node': 'k8s-node-02', 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } },
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'local-path',
        volumeMode: 'Filesystem',
        claimRef: { namespace: 'default', name: 'local-pvc' },
        hostPath: { path: `/opt/local-path-provisioner/${name}_default_local-pvc`, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['k8s-node-02'] }] }] } },
      },
      status: { phase: 'Bound' },
    };
    expect(describePersistentVolume(pv, [], NOW)).toBe(
      [
        `Name:              ${name}`,
        'Labels:            <none>',
        'Annotations:       local.path.provisioner/selected-node: k8s-node-02',
        '                   pv.kubernetes.io/provisioned-by: rancher.io/local-path',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      local-path',
        'Status:            Bound',
        'Claim:             default/local-pvc',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          5Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        kubernetes.io/hostname in [k8s-node-02]',
        'Message:           ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        `    Path:          /opt/local-path-provisioner/${name}_default_local-pvc`,
        '    HostPathType:  DirectoryOrCreate',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
  });

  it('a failed volume shows its message and event; a GCE disk its source', () => {
    const ev: Event = { metadata: {}, involvedObject: {}, type: 'Warning', reason: 'VolumeFailedDelete', message: 'boom', source: { component: 'persistentvolume-controller' }, firstTimestamp: '2026-01-05T09:59:00Z', lastTimestamp: '2026-01-05T09:59:00Z', count: 1 };
    const pv: PersistentVolume = {
      metadata: { name: 'pv-demo', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' }, deletionTimestamp: '2026-01-05T09:58:00Z' },
      spec: { capacity: { storage: '20G' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', gcePersistentDisk: { pdName: 'pv-demo-disk', fsType: 'ext4' } },
      status: { phase: 'Failed', message: 'boom' },
    };
    const out = describePersistentVolume(pv, [ev], NOW);
    expect(out).toContain('Status:          Terminating (lasts 2m)\n');
    expect(out).toContain('Message:         boom\n');
    expect(out).toContain('    Type:       GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:     pv-demo-disk\n    FSType:     ext4\n    Partition:  0\n    ReadOnly:   false\n');
    expect(out).toContain('  Warning  VolumeFailedDelete  60s   persistentvolume-controller  boom\n');
  });
});

describe('describe pvc', () => {
  it('a pending claim of a WaitForFirstConsumer class', () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: 'my-pvc', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { storageClassName: 'local-path', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Pending' },
    };
    const ev: Event = { metadata: {}, involvedObject: {}, type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', source: { component: 'persistentvolume-controller' }, firstTimestamp: '2026-01-05T09:59:57Z', lastTimestamp: '2026-01-05T09:59:57Z', count: 1 };
    expect(describePersistentVolumeClaim(pvc, [ev], [], NOW)).toBe(
      [
        'Name:          my-pvc',
        'Namespace:     default',
        'StorageClass:  local-path',
        'Status:        Pending',
        'Volume:        ',
        'Labels:        <none>',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      ',
        'Access Modes:  ',
        'VolumeMode:    Filesystem',
        'Used By:       <none>',
        'Events:',
        '  Type    Reason                Age   From                         Message',
        '  ----    ------                ----  ----                         -------',
        '  Normal  WaitForFirstConsumer  3s    persistentvolume-controller  waiting for first consumer to be created before binding',
        '',
      ].join('\n'),
    );
  });

  it('a bound claim lists its pods, sorted, and its capacity from status', () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: 'data', namespace: 'web', annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' }, finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { volumeName: 'pv1', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '5Gi' } },
    };
    const pods: Pod[] = [{ metadata: { name: 'web-1' } }, { metadata: { name: 'api' } }];
    expect(describePersistentVolumeClaim(pvc, [], pods, NOW)).toBe(
      [
        'Name:          data',
        'Namespace:     web',
        'StorageClass:  ',
        'Status:        Bound',
        'Volume:        pv1',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      5Gi',
        'Access Modes:  RWO,ROX',
        'VolumeMode:    Filesystem',
        'Used By:       api',
        '               web-1',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('describe storageclass', () => {
  it('a default class (as printed by a real cluster)', () => {
    const sc: StorageClass = { metadata: { name: 'glusterfs-csi', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'org.gluster.glusterfs', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
    expect(describeStorageClass(sc, [], NOW)).toBe(
      [
        'Name:                  glusterfs-csi',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           org.gluster.glusterfs',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });

  it('parameters and expansion; an applied class shows its last-applied annotation, newline and all', () => {
    const sc: StorageClass = {
      metadata: { name: 'fast', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"StorageClass"}\n', 'storageclass.kubernetes.io/is-default-class': 'false' } },
      provisioner: 'kubernetes.io/cinder',
      parameters: { type: 'TIER2', availability: 'nova' },
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    const out = describeStorageClass(sc, [], NOW);
    expect(out).toContain('IsDefaultClass:  No\nAnnotations:     kubectl.kubernetes.io/last-applied-configuration={"kind":"StorageClass"}\n,storageclass.kubernetes.io/is-default-class=false\n');
    expect(out).toContain('Parameters:            availability=nova,type=TIER2\nAllowVolumeExpansion:  True\n');
  });
});
