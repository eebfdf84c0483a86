// Container faults a student can cause: signals to PID 1 from inside the container, the
// runtime's stop (`crictl stop` on the node), and a memory hog (`tail /dev/zero`) against the
// container's limit. Kernel rule worth knowing (pid_namespaces(7)): a container's PID 1 only
// receives signals it has a handler for, and never SIGKILL from inside its own namespace.

import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../src/sim/api.ts';
import { lab, type Lab } from './lab.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node01
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  nodeName: node01
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'while true; do sleep 5; done']
    resources:
      limits:
        memory: 64Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: free
spec:
  nodeName: node02
  containers:
  - name: app
    image: busybox:1.36
    command: ['sleep', '3600']
`;

function status(l: Lab, pod: string): ContainerStatus {
  return l.pod(pod)!.status!.containerStatuses![0]!;
}

function started(): Lab {
  return lab().apply(PODS).advance('20s');
}

describe('kill inside a container', () => {
  it('kill 1 stops nginx (it handles TERM): exit 0, Completed, restarted with back-off', () => {
    const l = started();
    expect(l.kubectl('exec web -- kill 1')).toBe('');
    l.advance('2s');
    let st = status(l, 'web');
    expect(st.restartCount).toBe(1);
    expect(st.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(l.kubectl('get pod web')).toMatch(/web\s+1\/1\s+Running\s+1 \(\d+s ago\)/);
    expect(l.kubectl('describe pod web')).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Completed\n\s+Exit Code:\s+0/);
    // A second exit within the back-off window waits it out: CrashLoopBackOff, 10 s.
    l.kubectl('exec web -- kill 1');
    l.advance('2s');
    st = status(l, 'web');
    expect(st.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(st.state?.waiting?.message).toMatch(/^back-off 10s restarting failed container=nginx/);
    l.advance('10s');
    expect(status(l, 'web').restartCount).toBe(2);
    expect(status(l, 'web').state?.running).toBeDefined();
  });

  it('kill 1 and kill -9 1 do nothing to a shell or sleep without handlers (container init is protected)', () => {
    const l = started();
    expect(l.kubectl('exec box -- kill 1')).toBe('');
    expect(l.kubectl('exec box -- kill -9 1')).toBe('');
    expect(l.kubectl('exec box -- kill -s KILL 1')).toBe('');
    expect(l.kubectl('exec free -- kill -KILL 1')).toBe('');
    l.advance('5s');
    expect(status(l, 'box').restartCount).toBe(0);
    expect(status(l, 'free').restartCount).toBe(0);
  });

  it('other PIDs do not exist; -l lists and translates signals', () => {
    const l = started();
    expect(l.kubectl('exec box -- kill 42')).toBe("kill: can't kill pid 42: No such process\ncommand terminated with exit code 1\n");
    expect(l.kubectl('exec box -- kill -l 137')).toBe('KILL\n');
    expect(l.kubectl('exec box -- kill -l TERM')).toBe('15\n');
    expect(l.kubectl('exec box -- kill -l')).toMatch(/^ 1\) HUP\n 2\) INT\n[\s\S]* 9\) KILL\n[\s\S]*15\) TERM\n/);
    expect(l.kubectl('exec box -- kill -FOO 1')).toBe("kill: bad signal name 'FOO'\ncommand terminated with exit code 1\n");
  });
});

describe('crictl on the node', () => {
  it('ps lists running containers with 13-character IDs; stop kills at once (137) and the kubelet restarts it', () => {
    const l = started();
    const id = status(l, 'box').containerID!.replace('containerd://', '').slice(0, 13);
    const ps = l.run('ssh node01 crictl ps').last;
    expect(ps.split('\n')[0]).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD');
    expect(ps).toMatch(new RegExp(`^${id}\\s+[0-9a-f]{13}\\s+\\d+ seconds ago\\s+Running\\s+app\\s+0\\s+[0-9a-f]{13}\\s+box$`, 'm'));
    expect(l.session.prompt()).toBe('$ ');
    expect(l.run(`ssh node01 crictl stop ${id}`).last).toBe(`${id}\n`);
    l.advance('2s');
    const st = status(l, 'box');
    expect(st.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(st.restartCount).toBe(1);
    const all = l.run('ssh node01 crictl ps -a --name app').last;
    expect(all).toMatch(new RegExp(`^${id}\\s+\\S+\\s+.+ ago\\s+Exited\\s+app\\s+0\\s`, 'm'));
    expect(all).toMatch(/Running\s+app\s+1\s/);
    expect(l.run(`ssh node01 crictl rm ${id}`).last).toBe(`${id}\n`);
    expect(l.run('ssh node01 crictl ps -a --name app').last).not.toContain(id);
  });

  it('stop -t lets nginx shut down gracefully (exit 0); rm refuses a running container; unknown IDs are NotFound', () => {
    const l = started();
    const id = status(l, 'web').containerID!.replace('containerd://', '').slice(0, 13);
    expect(l.run(`ssh node01 crictl rm ${id}`).last).toBe(`FATA[0000] container "${id}" is running, please stop it first\n`);
    l.run(`ssh node01 crictl stop -t 10 ${id}`);
    l.advance('2s');
    expect(status(l, 'web').lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(l.run('ssh node01 crictl stop abc').last).toBe('FATA[0000] stopping the container "abc": rpc error: code = NotFound desc = an error occurred when try to find container "abc": not found\n');
  });

  it('pods, images and logs', () => {
    const l = started();
    expect(l.run('ssh node01 crictl pods').last).toMatch(/^POD ID\s+CREATED\s+STATE\s+NAME\s+NAMESPACE\s+ATTEMPT\s+RUNTIME\n[\s\S]*Ready\s+box\s+default\s+0\s+\(default\)$/m);
    expect(l.run('ssh node01 crictl images').last).toMatch(/^docker\.io\/library\/nginx\s+1\.27\s+[0-9a-f]{13}\s+\d/m);
    const id = status(l, 'web').containerID!.replace('containerd://', '');
    l.run('kubectl exec web -- curl -s localhost >/dev/null');
    expect(l.run(`ssh node01 crictl logs ${id.slice(0, 6)}`).last).toBe(l.kubectl('logs web'));
  });
});

describe('ssh NODE COMMAND', () => {
  it('runs one command on the node and stays on the workstation', () => {
    const l = started();
    expect(l.run('ssh node01 systemctl stop kubelet').last).toBe('');
    expect(l.session.prompt()).toBe('$ ');
    expect(l.cluster.kubelets.get('node01')!.isRunning).toBe(false);
    expect(l.run("ssh root@node01 'systemctl is-active kubelet'").last).toBe('inactive\n');
    expect(l.run('ssh -o StrictHostKeyChecking=no node01 systemctl start kubelet').last).toBe('');
    expect(l.cluster.kubelets.get('node01')!.isRunning).toBe(true);
    expect(l.run('ssh node01 hostname').last).toBe('node01\n');
    expect(l.run('ssh nodeX hostname').last).toBe('ssh: Could not resolve hostname nodeX: Name or service not known\n');
    // Without a command: a login shell for the next lines, as before.
    l.run('ssh node01');
    expect(l.session.prompt()).toBe('root@node01:~# ');
  });

  it('works inside a host pipeline', () => {
    const l = started();
    expect(l.run('ssh node01 crictl ps | grep -c box').last).toBe('1\n');
  });
});

describe('tail /dev/zero', () => {
  it('grows until the 64Mi limit: the container is OOMKilled (137) and restarted; the exec dies with it', () => {
    const l = started();
    expect(l.kubectl('exec box -- tail /dev/zero')).toBe('command terminated with exit code 137\n');
    const st = status(l, 'box');
    expect(st.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    l.advance('2s');
    expect(status(l, 'box').restartCount).toBe(1);
    expect(l.kubectl('get pod box')).toMatch(/box\s+1\/1\s+Running\s+1 \(\d+s ago\)/);
    expect(l.kubectl('describe pod box')).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
  });

  it('in an interactive exec shell: the OOM kill ends the session', () => {
    const l = started();
    const t = l.session.runScript('kubectl exec -it box -- sh\ntail /dev/zero\nkubectl get pod box\n');
    expect(t).toMatch(/^\$ kubectl exec -it box -- sh\n\/ # tail \/dev\/zero\ncommand terminated with exit code 137\n\$ kubectl get pod box\nNAME/);
    expect(l.session.prompt()).toBe('$ ');
  });

  it('without a limit it grows to the cap and stays; the memory is the container\'s until the command ends', () => {
    const l = started();
    const kubelet = l.cluster.kubelets.get('node02')!;
    const c = kubelet.find(l.pod('free')!)!.containers[0]!;
    const base = c.usage.memoryBytes;
    const job = l.session.run({ line: 'kubectl exec free -- tail /dev/zero', raw: [], lineNo: 0 }, { out: () => undefined, err: () => undefined });
    for (let i = 0; i < 10; i++) l.advance(job.next().done ? 0 : 100);
    expect(c.usage.memoryBytes).toBeGreaterThan(base + 150 * 1024 * 1024);
    job.return(130);
    expect(c.usage.memoryBytes).toBe(base);
    expect(status(l, 'free').restartCount).toBe(0);
  });

  it('tail -c keeps only the last bytes: no growth', () => {
    const l = started();
    expect(l.run('timeout 3s kubectl exec box -- tail -c 10 /dev/zero').last).toBe('command terminated with exit code 130\n');
    expect(status(l, 'box').restartCount).toBe(0);
  });
});
