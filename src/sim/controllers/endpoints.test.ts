import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api.ts';
import { computeSubsets } from './endpoints.ts';

const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } } as unknown as Service;

function pod(name: string, ip: string, ready: boolean, uid = name): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid, labels: { app: 'web' } },
    spec: { nodeName: 'node01', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  } as unknown as Pod;
}

describe('computeSubsets', () => {
  it('sorts addresses as LessEndpointAddress does: IP as a byte string, then UID', () => {
    const subsets = computeSubsets(svc, [pod('a', '10.244.1.2', true), pod('b', '10.244.1.10', true), pod('c', '10.244.2.3', true)]);
    expect(subsets[0]?.addresses?.map((a) => a.ip)).toEqual(['10.244.1.10', '10.244.1.2', '10.244.2.3']);
  });

  it('puts not-ready pods in notReadyAddresses and keeps the service port mapping', () => {
    const [s] = computeSubsets(svc, [pod('a', '10.244.1.2', true), pod('b', '10.244.1.3', false)]);
    expect(s?.addresses?.map((a) => a.targetRef?.name)).toEqual(['a']);
    expect(s?.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual(['b']);
    expect(s?.ports?.[0]?.port).toBe(8080);
  });
});
