// kubectl api-versions and auth for the lab's one user (the kubeadm admin), and what the lab
// says for kubectl's own commands it does not have.

import { describe, expect, it } from 'vitest';
import { lab } from './lab.ts';
import { NOT_IN_LAB } from '../src/sim/kubectl/commands/access.ts';

describe('kubectl api-versions and auth', () => {
  it('lists the group versions the cluster serves, sorted as Go sorts them', () => {
    const versions = lab().run('kubectl api-versions').last.trim().split('\n');
    expect(versions).toContain('apps/v1');
    expect(versions).toContain('networking.k8s.io/v1');
    expect(versions.at(-1)).toBe('v1');
    expect([...versions].sort()).toEqual(versions);
    // Every kind api-resources lists is in a version listed here.
    const resources = lab().run('kubectl api-resources --no-headers').last;
    expect(resources).not.toMatch(/^NAME/);
    const used = new Set([...resources.matchAll(/\s(\S+\/v\d\S*|v1)\s+(true|false)\s/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(3);
    for (const v of used) expect(versions).toContain(v);
  });

  it('the admin may do anything; whoami says who that is', () => {
    const l = lab();
    expect(l.run('kubectl auth can-i delete nodes').last).toBe('yes\n');
    expect(l.run('kubectl auth can-i create deployments.apps -n kube-system').last).toBe('yes\n');
    expect(l.run('kubectl auth can-i get gizmos').last).toBe("Warning: the server doesn't have a resource type 'gizmos'\nyes\n");
    expect(l.run('kubectl auth can-i get pods -q').last).toBe('');
    expect(l.run('kubectl auth can-i get pods --as=jane').last).toMatch(/^error: impersonation \(--as\) is not available in this lab/);
    expect(l.run('kubectl auth can-i').last).toMatch(/^error: you must specify two arguments/);
    expect(l.run('kubectl auth whoami').last).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n');
  });
});

describe("kubectl's commands the lab does not have", () => {
  it.each(Object.keys(NOT_IN_LAB))('kubectl %s says so, and what to do instead', (verb) => {
    const out = lab().run(`kubectl ${verb} something`).last;
    expect(out).toBe(`error: "kubectl ${verb}" is not available in this lab: ${NOT_IN_LAB[verb]}\n`);
  });

  it('a command kubectl has never had is still an unknown command', () => {
    expect(lab().run('kubectl frobnicate').last).toBe('error: unknown command "frobnicate" for "kubectl"\n');
  });
});

describe('the API server\'s own endpoints', () => {
  it('the kubernetes Service has an EndpointSlice beside its Endpoints, as the endpoint reconciler writes them', () => {
    const l = lab();
    expect(l.run('kubectl get endpointslices').last).toMatch(/^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nkubernetes +IPv4 +6443 +192\.168\.1\.2 +\d+m\n$/);
    expect(l.run('kubectl get endpoints kubernetes -o jsonpath={.subsets[0].addresses[0].ip}').last).toBe('192.168.1.2');
  });
});
