// Data on a persistent volume outlives the pod that wrote it: redis writes to /data, the pod
// goes, a busybox pod mounting the same claim reads the file back. Once over a statically
// provisioned network disk, once over a local-path volume the cluster provisions itself.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';
import { defaultStorageClass } from '../src/sim/controllers/pv.ts';

const redis = (claim: string): string => `
apiVersion: v1
kind: Pod
metadata: {name: redis}
spec:
  containers:
  - name: redis
    image: redis
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: ${claim}}
`;

const reader = (claim: string): string => `
apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  containers:
  - name: reader
    image: busybox:1.36
    command: [sh, -c, 'cat /data/greeting; sleep 3600']
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: ${claim}}
`;

describe('persistent volume data outlives pods', () => {
  it('over a static gcePersistentDisk volume bound by name', () => {
    const l = lab({ warmupMs: 0 }).apply(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-demo}
spec:
  storageClassName:
  capacity: {storage: 20G}
  accessModes: [ReadWriteOnce]
  gcePersistentDisk: {pdName: pv-demo-disk, fsType: ext4}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pv-claim-demo}
spec:
  storageClassName: ""
  volumeName: pv-demo
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 20G}}
`);
    expect(l.kubectl('get pvc pv-claim-demo')).toBe(
      'NAME            STATUS   VOLUME    CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
        'pv-claim-demo   Bound    pv-demo   20G        RWO                           <unset>                 0s\n',
    );
    l.apply(redis('pv-claim-demo')).advance('20s');
    expect(l.pod('redis')?.status?.phase).toBe('Running');
    l.kubectl(`exec redis -- sh -c 'echo hello from redis > /data/greeting'`);
    l.kubectl('delete pod redis');
    expect(l.pod('redis')).toBeUndefined();
    l.apply(reader('pv-claim-demo')).advance('20s');
    expect(l.kubectl('logs reader')).toBe('hello from redis\n');
  });

  it('over a local-path volume: the new pod follows the volume to its node', () => {
    const l = lab({ warmupMs: 0 }).apply(JSON.stringify(defaultStorageClass())).apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: mydisk}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 30Gi}}
`);
    expect(l.kubectl('get pvc mydisk')).toMatch(/^mydisk +Pending +local-path +<unset> +0s$/m);
    l.apply(redis('mydisk')).advance('30s');
    const node = l.pod('redis')?.spec?.nodeName;
    expect(l.kubectl('get pvc mydisk')).toMatch(/^mydisk +Bound +pvc-[0-9a-f-]+ +30Gi +RWO +local-path +<unset> +\d+s$/m);
    l.kubectl(`exec redis -- sh -c 'echo kept on ${node} > /data/greeting'`);
    l.kubectl('delete pod redis');
    l.apply(reader('mydisk')).advance('20s');
    expect(l.pod('reader')?.spec?.nodeName).toBe(node);
    expect(l.kubectl('logs reader')).toBe(`kept on ${node}\n`);
    // The file is on that node's disk, under the provisioner's directory.
    const volume = l.cluster.store.get('PersistentVolumeClaim', 'default', 'mydisk') as { spec?: { volumeName?: string } } | undefined;
    expect(l.run(`ssh ${node}\ncat /opt/local-path-provisioner/${volume?.spec?.volumeName}_default_mydisk/greeting\nexit`).last).toContain(`kept on ${node}\n`);
  });
});

it('the golden transcript creates exactly the exported default class', () => {
  const manifest: unknown = parse(readFileSync(resolve(import.meta.dirname, 'transcripts/persistent-volumes/local-path-storageclass.yaml'), 'utf8'));
  expect(manifest).toEqual(defaultStorageClass());
});
