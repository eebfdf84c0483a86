// What df shows inside a pod: each volume backed by what backs it in the lab, in the order
// containerd mounts them, and attached disks named per node in the order they arrive.
import { describe, expect, it } from 'vitest';
import { lab } from '../../../tests/lab.ts';

const VOLUMES = `apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-a}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  gcePersistentDisk: {pdName: disk-a}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: share}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  storageClassName: ""
  nfs: {server: 10.0.0.5, path: /exports/share}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: disk-a}
spec: {volumeName: disk-a, storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: share}
spec: {volumeName: share, storageClassName: "", accessModes: [ReadWriteMany], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: conf}
data: {a.conf: "x=1"}
---
apiVersion: v1
kind: Pod
metadata: {name: all}
spec:
  nodeName: node01
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, "3600"]
    volumeMounts:
    - {name: scratch, mountPath: /scratch}
    - {name: ram, mountPath: /cache/ram}
    - {name: conf, mountPath: /etc/app}
    - {name: host, mountPath: /host}
    - {name: disk, mountPath: /var/lib/data}
    - {name: share, mountPath: /share}
  volumes:
  - {name: scratch, emptyDir: {}}
  - {name: ram, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
  - {name: conf, configMap: {name: conf}}
  - {name: host, hostPath: {path: /srv}}
  - {name: disk, persistentVolumeClaim: {claimName: disk-a}}
  - {name: share, persistentVolumeClaim: {claimName: share}}
`;

describe('df in a pod', () => {
  it('shows each volume backed by the node disk, tmpfs, an attached disk or the NFS export, mounted parents first', () => {
    const l = lab().apply(VOLUMES).advance('20s');
    const out = l.kubectl('exec all -- df');
    const lines = out.trim().split('\n');
    const where = (target: string) => lines.find((x) => x.endsWith(` ${target}`))?.split(/\s+/)[0];
    expect(where('/')).toBe('overlay');
    expect(where('/scratch')).toBe('/dev/vda1');
    expect(where('/host')).toBe('/dev/vda1');
    expect(where('/etc/app')).toBe('/dev/vda1');
    expect(where('/cache/ram')).toBe('tmpfs');
    expect(lines.find((x) => x.endsWith(' /cache/ram'))).toMatch(/^tmpfs\s+65536\s+0\s+65536\s+0% \/cache\/ram$/);
    expect(where('/var/lib/data')).toBe('/dev/sdb');
    expect(lines).toContain('10.0.0.5:/exports/share');
    expect(where('/var/run/secrets/kubernetes.io/serviceaccount')).toBe('tmpfs');
    // Depth first (containerd sorts its mounts), the order of volumeMounts within a depth.
    const targets = lines.slice(1).filter((x) => x.includes('%')).map((x) => x.split(' ').at(-1)!).filter((t) => !t.startsWith('/proc') && !t.startsWith('/sys'));
    expect(targets).toEqual(['/', '/dev', '/scratch', '/host', '/share', '/cache/ram', '/etc/app', '/etc/hosts', '/dev/termination-log', '/etc/hostname', '/etc/resolv.conf', '/dev/shm', '/var/lib/data', '/var/run/secrets/kubernetes.io/serviceaccount']);
  });

  it('counts what is written: a file on the attached disk, and on a memory emptyDir', () => {
    const l = lab().apply(VOLUMES).advance('20s');
    const used = (target: string) => Number(l.kubectl(`exec all -- df ${target}`).trim().split('\n')[1]!.trim().split(/\s+/)[2]);
    const disk = used('/var/lib/data');
    l.kubectl(`exec all -- sh -c 'seq 1 3000 > /var/lib/data/n.txt; seq 1 3000 > /cache/ram/n.txt'`);
    // 13,893 bytes: four 4 KiB blocks each.
    expect(used('/var/lib/data')).toBe(disk + 16);
    expect(used('/cache/ram')).toBe(16);
  });

  it('names a second disk on the node /dev/sdc, and the same disk in another pod keeps its name', () => {
    const l = lab()
      .apply(VOLUMES)
      .apply(
        `apiVersion: v1
kind: PersistentVolume
metadata: {name: disk-b}
spec: {capacity: {storage: 5Gi}, accessModes: [ReadWriteOnce], storageClassName: "", gcePersistentDisk: {pdName: disk-b}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: disk-b}
spec: {volumeName: disk-b, storageClassName: "", accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: second}
spec:
  nodeName: node01
  containers:
  - {name: c, image: busybox:1.36, command: [sleep, "3600"], volumeMounts: [{name: b, mountPath: /b}, {name: a, mountPath: /a}]}
  volumes:
  - {name: b, persistentVolumeClaim: {claimName: disk-b}}
  - {name: a, persistentVolumeClaim: {claimName: disk-a}}
`,
      )
      .advance('30s');
    expect(l.kubectl('exec all -- df /var/lib/data')).toContain('/dev/sdb');
    expect(l.kubectl('exec second -- df /a')).toContain('/dev/sdb');
    expect(l.kubectl('exec second -- df /b')).toMatch(/\/dev\/sdc\s+5127\d{3}\s/);
  });
});
