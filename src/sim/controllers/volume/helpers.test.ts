// The binding match of reference section 5 ("Binding match"), as tables.

import { describe, expect, it } from 'vitest';
import {
  accessModesAsString,
  bindVolumeToClaim,
  checkVolumeSatisfyClaim,
  claimClass,
  claimHasClass,
  defaultClassOf,
  findBestMatchForClaim,
  findMatchingVolume,
  volumeNodeAffinityMatches,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from './helpers.ts';

interface PvOpts {
  size?: string;
  modes?: string[];
  cls?: string;
  phase?: string;
  volumeMode?: string;
  labels?: Record<string, string>;
  claimRef?: { name: string; namespace: string; uid?: string };
  deleting?: boolean;
  hostname?: string;
}

function pv(name: string, o: PvOpts = {}): PersistentVolume {
  const v: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}), ...(o.deleting ? { deletionTimestamp: '2026-01-05T09:00:00Z' } : {}) },
    spec: { capacity: { storage: o.size ?? '1Gi' }, accessModes: o.modes ?? ['ReadWriteOnce'], volumeMode: o.volumeMode ?? 'Filesystem', hostPath: { path: `/mnt/${name}` } },
    status: { phase: o.phase ?? 'Available' },
  };
  if (o.cls !== undefined) v.spec!.storageClassName = o.cls;
  if (o.claimRef) v.spec!.claimRef = { ...o.claimRef };
  if (o.hostname) v.spec!.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.hostname] }] }] } };
  return v;
}

interface PvcOpts {
  size?: string;
  modes?: string[];
  cls?: string | null;
  volumeMode?: string;
  selector?: NonNullable<PersistentVolumeClaim['spec']>['selector'];
  volumeName?: string;
}

function pvc(o: PvcOpts = {}): PersistentVolumeClaim {
  const c: PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'claim', namespace: 'default', uid: 'uid-1' },
    spec: { accessModes: o.modes ?? ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } }, volumeMode: o.volumeMode ?? 'Filesystem' },
  };
  if (typeof o.cls === 'string') c.spec!.storageClassName = o.cls;
  if (o.selector) c.spec!.selector = o.selector;
  if (o.volumeName) c.spec!.volumeName = o.volumeName;
  return c;
}

const names = (v: PersistentVolume | undefined): string | undefined => v?.metadata.name;

describe('findBestMatchForClaim (PV controller)', () => {
  it.each<[string, PvcOpts, PersistentVolume[], string | undefined]>([
    ['exact size', {}, [pv('a')], 'a'],
    ['a bigger volume is fine', { size: '1Gi' }, [pv('a', { size: '5Gi' })], 'a'],
    ['a smaller one never (50Gi does not satisfy 100Gi)', { size: '100Gi' }, [pv('a', { size: '50Gi' })], undefined],
    ['smallest of the matches wins', { size: '2Gi' }, [pv('big', { size: '10Gi' }), pv('small', { size: '3Gi' }), pv('tiny', { size: '1Gi' })], 'small'],
    ['units compare by value (1000Mi <= 1050M < 1Gi; 1G is too small)', { size: '1000Mi' }, [pv('gi', { size: '1Gi' }), pv('g', { size: '1050M' }), pv('small', { size: '1G' })], 'g'],
    ['volumeMode must match', { volumeMode: 'Block' }, [pv('fs')], undefined],
    ['Block claim finds a Block volume', { volumeMode: 'Block' }, [pv('fs'), pv('blk', { volumeMode: 'Block' })], 'blk'],
    ['class must be equal: claim "" binds only class-less volumes', { cls: '' }, [pv('fast', { cls: 'fast' }), pv('none')], 'none'],
    ['a claim with no class field also means ""', { cls: null }, [pv('fast', { cls: 'fast' })], undefined],
    ['class "fast" does not take class-less volumes', { cls: 'fast' }, [pv('none')], undefined],
    ['class "fast" takes a fast volume', { cls: 'fast' }, [pv('none'), pv('f', { cls: 'fast' })], 'f'],
    ['selector matchLabels', { selector: { matchLabels: { disk: 'ssd' } } }, [pv('hdd', { labels: { disk: 'hdd' } }), pv('ssd', { labels: { disk: 'ssd' }, size: '9Gi' })], 'ssd'],
    ['selector matchExpressions NotIn', { selector: { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }] } }, [pv('hdd', { labels: { disk: 'hdd' } }), pv('nolabel')], 'nolabel'],
    ['an empty selector selects everything', { selector: {} }, [pv('a')], 'a'],
    ['only Available volumes', {}, [pv('rel', { phase: 'Released', claimRef: { name: 'old', namespace: 'default', uid: 'x' } }), pv('pend', { phase: 'Pending' })], undefined],
    ['volumes being deleted are skipped', {}, [pv('gone', { deleting: true })], undefined],
    ['a volume bound to another claim is skipped', {}, [pv('other', { claimRef: { name: 'other', namespace: 'default', uid: 'u2' } })], undefined],
    ['a volume pre-bound to this claim wins over a smaller free one', { size: '1Gi' }, [pv('free', { size: '1Gi' }), pv('mine', { size: '8Gi', phase: 'Available', claimRef: { name: 'claim', namespace: 'default' } })], 'mine'],
    ['pre-binding by claimRef ignores class and selector', { cls: 'fast', selector: { matchLabels: { x: 'y' } } }, [pv('mine', { claimRef: { name: 'claim', namespace: 'default', uid: 'uid-1' } })], 'mine'],
    ['pre-bound but too small is no match', { size: '5Gi' }, [pv('mine', { size: '1Gi', claimRef: { name: 'claim', namespace: 'default' } })], undefined],
    ['RWO claim: RWO,ROX volume is a superset', {}, [pv('both', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] })], 'both'],
    ['RWX claim: an RWO volume offers too few modes', { modes: ['ReadWriteMany'] }, [pv('rwo')], undefined],
    ['RWO,ROX claim needs both modes', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] }, [pv('rwo'), pv('rox', { modes: ['ReadOnlyMany'] }), pv('both', { modes: ['ReadOnlyMany', 'ReadWriteOnce'] })], 'both'],
    // The group with the fewest modes is searched first and decides, even if a larger group has a smaller volume.
    ['fewest-modes group first, then smallest inside it', { size: '1Gi' }, [pv('rwo-big', { size: '10Gi' }), pv('multi-small', { size: '1Gi', modes: ['ReadWriteOnce', 'ReadWriteMany'] })], 'rwo-big'],
    ['a group without a match falls through to the next', { size: '5Gi' }, [pv('rwo-small', { size: '1Gi' }), pv('multi', { size: '5Gi', modes: ['ReadWriteOnce', 'ReadWriteMany'] })], 'multi'],
  ])('%s', (_name, claim, volumes, want) => {
    expect(names(findBestMatchForClaim(pvc(claim), volumes, false))).toBe(want);
  });

  it('under WaitForFirstConsumer only a pre-bound volume is taken; the scheduler binds the rest', () => {
    expect(findBestMatchForClaim(pvc(), [pv('free')], true)).toBeUndefined();
    expect(names(findBestMatchForClaim(pvc(), [pv('free'), pv('mine', { claimRef: { name: 'claim', namespace: 'default', uid: 'uid-1' } })], true))).toBe('mine');
  });
});

describe('findMatchingVolume on a node (scheduler path)', () => {
  it.each<[string, string, PersistentVolume[], string | undefined]>([
    ['node affinity must match', 'node01', [pv('on2', { hostname: 'node02' })], undefined],
    ['a volume without affinity fits any node', 'node01', [pv('any')], 'any'],
    ['the matching node', 'node02', [pv('on1', { hostname: 'node01' }), pv('on2', { hostname: 'node02' })], 'on2'],
    ['access modes are checked too', 'node01', [pv('rox', { modes: ['ReadOnlyMany'] })], undefined],
  ])('%s', (_name, node, volumes, want) => {
    expect(names(findMatchingVolume(pvc(), volumes, { nodeLabels: { 'kubernetes.io/hostname': node } }))).toBe(want);
  });

  it('a volume another claim of the pod took is excluded', () => {
    expect(findMatchingVolume(pvc(), [pv('a')], { nodeLabels: {}, excluded: new Set(['a']) })).toBeUndefined();
  });

  it('checks node affinity expressions', () => {
    expect(volumeNodeAffinityMatches(pv('x', { hostname: 'node01' }), { 'kubernetes.io/hostname': 'node01' })).toBe(true);
    expect(volumeNodeAffinityMatches(pv('x', { hostname: 'node01' }), {})).toBe(false);
  });
});

describe('checkVolumeSatisfyClaim (a claim naming its volume)', () => {
  it.each<[string, PersistentVolume, PvcOpts, string | undefined]>([
    ['fits', pv('v', { size: '20G' }), { size: '20G', cls: '' }, undefined],
    ['too small', pv('v', { size: '1Gi' }), { size: '2Gi' }, 'requested PV is too small'],
    ['class differs', pv('v', { cls: 'fast' }), { cls: '' }, 'storageClassName does not match'],
    ['mode differs', pv('v'), { volumeMode: 'Block' }, 'incompatible volumeMode'],
    ['access modes', pv('v'), { modes: ['ReadWriteMany'] }, 'incompatible accessMode'],
    ['being deleted', pv('v', { deleting: true }), {}, 'the volume is marked for deletion "v"'],
  ])('%s', (_name, volume, claim, want) => {
    expect(checkVolumeSatisfyClaim(volume, pvc(claim))).toBe(want);
  });
});

describe('access modes as kubectl prints them', () => {
  it.each<[string[], string]>([
    [['ReadWriteOnce'], 'RWO'],
    [['ReadWriteMany', 'ReadWriteOnce'], 'RWO,RWX'],
    [['ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteMany'], 'RWO,ROX,RWX,RWOP'],
    [['ReadOnlyMany', 'ReadOnlyMany'], 'ROX'],
    [[], ''],
  ])('%j -> %s', (modes, want) => {
    expect(accessModesAsString(modes)).toBe(want);
  });
});

describe('storage classes', () => {
  const sc = (name: string, created: string, def: boolean): StorageClass => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, creationTimestamp: created, ...(def ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner: 'x',
  });

  it('the newest default wins, then the first name', () => {
    expect(defaultClassOf([sc('old', '2026-01-01T00:00:00Z', true), sc('new', '2026-01-02T00:00:00Z', true), sc('plain', '2026-01-03T00:00:00Z', false)])?.metadata.name).toBe('new');
    expect(defaultClassOf([sc('b', '2026-01-01T00:00:00Z', true), sc('a', '2026-01-01T00:00:00Z', true)])?.metadata.name).toBe('a');
    expect(defaultClassOf([sc('plain', '2026-01-01T00:00:00Z', false)])).toBeUndefined();
  });

  it('"" is a class choice ("no class"), a missing field is not', () => {
    expect([claimHasClass(pvc({ cls: '' })), claimClass(pvc({ cls: '' }))]).toEqual([true, '']);
    expect([claimHasClass(pvc({ cls: null })), claimClass(pvc({ cls: null }))]).toEqual([false, '']);
    const beta = pvc({ cls: null });
    beta.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': 'slow' };
    expect([claimHasClass(beta), claimClass(beta)]).toEqual([true, 'slow']);
  });
});

describe('bindVolumeToClaim (GetBindVolumeToClaim)', () => {
  it('a free volume gets the claimRef and bound-by-controller', () => {
    const claim = pvc();
    claim.metadata.resourceVersion = '42';
    const next = bindVolumeToClaim(pv('a'), claim)!;
    expect(next.spec?.claimRef).toEqual({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'claim', uid: 'uid-1', apiVersion: 'v1', resourceVersion: '42' });
    expect(next.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
  });

  it('a volume the user pre-bound by name gets the uid but no bound-by-controller', () => {
    const next = bindVolumeToClaim(pv('a', { claimRef: { name: 'claim', namespace: 'default' } }), pvc())!;
    expect(next.spec?.claimRef?.uid).toBe('uid-1');
    expect(next.metadata.annotations).toBeUndefined();
  });

  it('nothing to do once bound', () => {
    const bound = bindVolumeToClaim(pv('a'), pvc())!;
    expect(bindVolumeToClaim(bound, pvc())).toBeUndefined();
  });
});
