// kubectl config over the workstation's kubeconfig: what kubeadm's admin.conf holds, and the
// context changes a student makes, with the namespace of the current context as the default.

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';

describe('kubectl config', () => {
  it('shows the kubeconfig kubeadm made, with the certificates left out', () => {
    const l = lab();
    const view = l.run('kubectl config view').last;
    expect(view.replace(/server: https:\/\/[\d.]+:6443/, 'server: SERVER')).toBe(
      'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: SERVER\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\nkind: Config\npreferences: {}\nusers:\n- name: kubernetes-admin\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n',
    );
    // The server is the one cluster-info names.
    const server = /server: (\S+)/.exec(view)![1]!;
    expect(l.run('kubectl cluster-info').last).toContain(`Kubernetes control plane is running at ${server}`);
    expect(l.run('kubectl config current-context').last).toBe('kubernetes-admin@kubernetes\n');
    expect(l.run('kubectl config get-contexts').last).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n');
    expect(l.run('kubectl config view -o json').last).toMatch(/^\{\n {4}"kind": "Config",\n {4}"apiVersion": "v1",\n {4}"preferences": \{\},\n {4}"clusters": \[/);
    expect(l.run('kubectl config view --raw').last).toContain('client-key-data: LS0t');
    expect(l.run('kubectl config view -o jsonpath={.contexts[*].name}').last).toBe('kubernetes-admin@kubernetes');
  });

  it('set-context --current --namespace makes that namespace the default for every command', () => {
    const l = lab().run('kubectl create namespace dev');
    expect(l.run('kubectl config set-context --current --namespace=dev').last).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(l.run("kubectl config view --minify -o jsonpath='{..namespace}'").last).toBe('dev');
    expect(l.run('kubectl config get-contexts').last).toContain('kubernetes-admin   dev\n');
    expect(l.run('kubectl run web --image=nginx').last).toBe('pod/web created\n');
    expect(l.run('kubectl get pods -o name').last).toBe('pod/web\n');
    expect(l.run('kubectl get pods').last).not.toContain('No resources');
    expect(l.run('kubectl get pods -n default').last).toBe('No resources found in default namespace.\n');
    expect(l.run('kubectl get pod web -n dev -o jsonpath={.metadata.namespace}').last).toBe('dev');
    // An empty namespace goes back to default.
    l.run('kubectl config set-context --current --namespace=');
    expect(l.run('kubectl get pods').last).toBe('No resources found in default namespace.\n');
  });

  it('makes, switches, renames and deletes contexts with kubectl\'s messages', () => {
    const l = lab();
    expect(l.run('kubectl config use-context nope').last).toBe('error: no context exists with the name: "nope"\n');
    expect(l.run('kubectl config set-context sandbox --cluster=kubernetes --user=kubernetes-admin --namespace=kube-system').last).toBe('Context "sandbox" created.\n');
    expect(l.run('kubectl config use-context sandbox').last).toBe('Switched to context "sandbox".\n');
    expect(l.run('kubectl get pods -o name').last).toContain('pod/etcd-controlplane');
    expect(l.run('kubectl get pods -o name --context kubernetes-admin@kubernetes').last).toBe('');
    expect(l.run('kubectl get pods --context nope').last).toBe('error: context was not found for specified context: nope\n');
    expect(l.run('kubectl config get-contexts -o name').last).toBe('kubernetes-admin@kubernetes\nsandbox\n');
    expect(l.run('kubectl config rename-context sandbox sys').last).toBe('Context "sandbox" renamed to "sys".\n');
    expect(l.run('kubectl config current-context').last).toBe('sys\n');
    expect(l.run('kubectl config delete-context sys').last).toBe('warning: this removed your active context, use "kubectl config use-context" to select a different one\ndeleted context sys from /root/.kube/config\n');
    // No context: kubectl has no server but the default one, where nothing listens.
    expect(l.run('kubectl get pods').last).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    expect(l.run('kubectl config current-context').last).toBe('error: current-context is not set\n');
    l.run('kubectl config use-context kubernetes-admin@kubernetes');
    expect(l.run('kubectl get nodes -o name').last).toContain('node/controlplane');
  });

  it('says what it does not do, and how a usage error reads', () => {
    const l = lab();
    expect(l.run('kubectl config foo').last).toBe('error: unknown command "foo"\nSee \'kubectl config -h\' for help and examples\n');
    expect(l.run('kubectl config set-cluster other --server=https://1.2.3.4').last).toMatch(/^error: kubectl config set-cluster is not available in this lab/);
    expect(l.run('kubectl config').last).toContain('Available Commands:\n  current-context');
    expect(l.run('kubectl config get-contexts nope').last).toBe('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\nerror: context nope not found\n');
  });
});
