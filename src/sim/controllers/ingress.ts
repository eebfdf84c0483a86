// The ingress-nginx side of Ingress objects: publish the controller's address in
// status.loadBalancer (what kubectl shows under ADDRESS) and emit its Sync events.
// The data path is in runtime/ingress.ts; the controller runs as a pod in ingress-nginx.

import type { Pod } from '../api.ts';
import type { SimContext } from '../context.ts';
import type { Ingress } from '../runtime/ingress.ts';

const SYNC_DELAY_MS = 1000;
const CONTROLLER_LABEL = 'app.kubernetes.io/component';

export class IngressStatusController {
  private queued = new Set<string>();

  constructor(private readonly sim: SimContext) {
    sim.store.watch('Ingress', (ev) => {
      if (ev.type === 'DELETED') return;
      const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
      if (this.queued.has(key)) return;
      this.queued.add(key);
      sim.clock.schedule(SYNC_DELAY_MS, () => {
        this.queued.delete(key);
        this.sync(ev.object.metadata.namespace ?? 'default', ev.object.metadata.name ?? '', ev.type === 'ADDED' || (ev.old && JSON.stringify((ev.old as Ingress).spec) !== JSON.stringify((ev.object as Ingress).spec)) === true);
      });
    });
  }

  private sync(ns: string, name: string, changed: boolean): void {
    const ing = this.sim.store.get<Ingress>('Ingress', ns, name);
    if (!ing) return;
    const controllers = this.sim.store.list<Pod>('Pod', 'ingress-nginx').filter((p) => p.metadata.labels?.[CONTROLLER_LABEL] === 'controller' && p.status?.phase === 'Running');
    const className = ing.spec?.ingressClassName ?? 'nginx';
    if (className !== 'nginx' || controllers.length === 0) return;
    if (changed) this.sim.events.record(ing, 'Normal', 'Sync', 'Scheduled for sync', { component: 'nginx-ingress-controller' });
    const ips = [...new Set(controllers.map((p) => p.status?.hostIP ?? '').filter(Boolean))].sort().map((ip) => ({ ip }));
    const status = { loadBalancer: { ingress: ips } };
    if (JSON.stringify((ing as { status?: unknown }).status ?? {}) !== JSON.stringify(status)) this.sim.store.update({ ...ing, status } as Ingress, { status: true });
  }
}
