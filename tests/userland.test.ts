// The tools beyond busybox's core that come with kubectl (awk, sed, xargs), as a student
// strings them together on the workstation and in a container.
import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

describe('awk, sed and xargs in the lab', () => {
  it('filter kubectl tables on the workstation and feed names back to kubectl', () => {
    const l = lab().run('kubectl create deployment web --image=nginx:1.27 --replicas=3').advance('20s');
    expect(l.kubectl(`get pods --no-headers | awk '$3 == "Running" {n++} END {print n+0}'`)).toBe('3\n');
    const names = l.kubectl(`get pods | awk 'NR>1 {print $1}'`).trim().split('\n');
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(l.kubectl('get pods -o name | xargs kubectl delete --wait=false').trim().split('\n')).toHaveLength(3);
  });

  it('run inside a busybox container, where the real image has them too', () => {
    const l = lab().run('kubectl run box --image=busybox:1.36 -- sleep 3600').advance('10s');
    expect(l.kubectl(`exec box -- sh -c "echo a:b:c | awk -F: '{print \\$2}'"`)).toBe('b\n');
    expect(l.kubectl(`exec box -- sh -c "echo hello | sed s/h/j/"`)).toBe('jello\n');
    expect(l.kubectl(`exec box -- sh -c "echo 1 2 | xargs -n 1 echo n"`)).toBe('n 1\nn 2\n');
  });
});

describe('tools a tutorial uses that the lab does not have', () => {
  it('say so after the shell\'s "not found", with what to do here instead, on the workstation and on a node', () => {
    const l = lab();
    expect(l.run('docker ps').last).toBe('sh: docker: not found\nkubelab: this lab has no Docker. Its nodes run containers with containerd: kubectl run NAME --image=IMAGE starts one, and ssh node01 crictl ps lists them.\n');
    expect(l.run('minikube start').last).toContain('kubelab: you are already on a cluster');
    expect(l.run('ssh node01 docker ps').last).toContain('kubelab: this node runs containers with containerd, not Docker: crictl ps lists them');
    // Anything else missing is just the shell's answer.
    expect(l.run('frobnicate').last).toBe('sh: frobnicate: not found\n');
  });

  // Command names are whatever was typed; these once found JavaScript's own Object members.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('%s is a command like any other that is not there', (name) => {
    const l = lab();
    expect(l.run(name).last).toBe(`sh: ${name}: not found\n`);
    expect(l.run(`ssh node01 ${name}`).last).toBe(`sh: ${name}: not found\n`);
    expect(l.run(`type ${name}`).last).toBe(`${name}: not found\n`);
  });
});

describe('openssl on the workstation', () => {
  it('makes the key, request and self-signed certificate of the seed article, which kubectl create secret tls takes', () => {
    const l = lab()
      .run('mkdir -p ssl_cert')
      .run('openssl genrsa -out ssl_cert/hello-ingress.key 2048')
      .run('openssl req -new -key ssl_cert/hello-ingress.key -out ssl_cert/hello-ingress.csr');
    expect(l.last).toContain('Country Name (2 letter code) [AU]:');
    l.run('openssl x509 -req -days 365 -in ssl_cert/hello-ingress.csr -signkey ssl_cert/hello-ingress.key -out ssl_cert/hello-ingress.crt');
    expect(l.last).toBe('Certificate request self-signature ok\nsubject=C = AU, ST = Some-State, O = Internet Widgits Pty Ltd\n');
    expect(l.run('head -n 1 ssl_cert/hello-ingress.crt ssl_cert/hello-ingress.key').last).toContain('-----BEGIN CERTIFICATE-----');
    expect(l.kubectl('create secret tls hello-ingress-secret --key ./ssl_cert/hello-ingress.key --cert ./ssl_cert/hello-ingress.crt')).toBe('secret/hello-ingress-secret created\n');
    expect(l.kubectl('describe secret hello-ingress-secret')).toMatch(/Type:\s+kubernetes\.io\/tls\n\nData\n====\ntls\.crt:\s+\d+ bytes\ntls\.key:\s+\d+ bytes\n$/);
  });

  it('makes a key and certificate in one go with req -x509 -newkey, and says which key it cannot read', () => {
    const l = lab().run('openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj "/CN=web.example.com"');
    expect(l.last).toBe('');
    expect(l.run('grep -c BEGIN tls.key tls.crt').last).toBe('tls.key:1\ntls.crt:1\n');
    expect(l.run('openssl req -new -key nope.key -out x.csr').last).toBe('Could not open file or uri for loading private key from nope.key\n');
  });
});
