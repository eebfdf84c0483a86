// The garbage collector: when an owner is deleted, its dependents (objects whose
// ownerReferences name it) follow — background propagation, kubectl's default. Orphaning
// (`--cascade=orphan`) is done by the API server before the owner goes.

import type { SimContext } from '../context.ts';
import type { ApiServer } from '../apiserver.ts';
import { whenUp } from './workqueue.ts';

const GC_DELAY_MS = 200;

export class GarbageCollector {
  constructor(
    private readonly sim: SimContext,
    private readonly api: ApiServer,
  ) {
    sim.store.watch('*', (ev) => {
      if (ev.type !== 'DELETED') return;
      const uid = ev.object.metadata.uid;
      const ns = ev.object.metadata.namespace;
      if (!uid || ev.object.kind === 'Event') return;
      sim.clock.schedule(GC_DELAY_MS, () => whenUp(sim.controllerManager, () => this.collect(uid, ns)));
    });
  }

  private collect(ownerUid: string, ns: string | undefined): void {
    for (const o of this.sim.store.all()) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === ownerUid)) continue;
      if (ns !== undefined && o.metadata.namespace !== ns) continue;
      if (o.metadata.deletionTimestamp) continue;
      // Only when no other owner is still alive.
      const alive = refs.some((r) => r.uid !== ownerUid && this.sim.store.all().some((x) => x.metadata.uid === r.uid));
      if (alive) continue;
      this.api.delete(o.kind, o.metadata.namespace, o.metadata.name ?? '');
    }
  }
}
