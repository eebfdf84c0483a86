// The cloud side of type: LoadBalancer (a MetalLB-style pool in this lab): a Service of that
// type gets an external IP a few seconds after it is created; until then kubectl shows
// <pending>. Changing the type away releases it.

import type { Service } from '../api.ts';
import type { SimContext } from '../context.ts';

const ASSIGN_DELAY_MS = 4000;
const POOL_BASE = '192.168.1.';
const POOL_FIRST = 240;

export class LoadBalancerController {
  private pending = new Set<string>();

  constructor(private readonly sim: SimContext) {
    sim.store.watch('Service', (ev) => {
      if (ev.type === 'DELETED') return;
      const svc = ev.object as Service;
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      const hasIp = (svc.status?.loadBalancer?.ingress ?? []).length > 0;
      if (svc.spec?.type === 'LoadBalancer' && !hasIp && !this.pending.has(key)) {
        this.pending.add(key);
        sim.clock.schedule(ASSIGN_DELAY_MS, () => this.assign(svc.metadata.namespace ?? 'default', svc.metadata.name ?? ''));
      } else if (svc.spec?.type !== 'LoadBalancer' && hasIp) {
        sim.store.update({ ...svc, status: { ...svc.status, loadBalancer: {} } }, { status: true });
      }
    });
  }

  private assign(ns: string, name: string): void {
    this.pending.delete(`${ns}/${name}`);
    const svc = this.sim.store.get<Service>('Service', ns, name);
    if (!svc || svc.spec?.type !== 'LoadBalancer') return;
    const used = new Set(this.sim.store.list<Service>('Service').flatMap((s) => (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip)));
    let ip = '';
    for (let n = POOL_FIRST; n < 255; n++) {
      if (!used.has(POOL_BASE + n)) {
        ip = POOL_BASE + n;
        break;
      }
    }
    if (!ip) {
      this.sim.events.record(svc, 'Warning', 'AllocationFailed', 'Failed to allocate IP for "' + ns + '/' + name + '": no available IPs', { component: 'metallb-controller' });
      return;
    }
    this.sim.store.update({ ...svc, status: { ...svc.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, { status: true });
    this.sim.events.record(svc, 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`, { component: 'metallb-controller' });
  }
}
