// The event recorder: what `kubectl describe` shows under Events and `kubectl get events`
// lists. Repeats of the same (object, reason, message, source) are aggregated into one Event
// with a count, as client-go's EventCorrelator does, and each Event expires an hour after its
// last update, as the API server's default --event-ttl does.

import type { KEvent } from './api.ts';
import type { VirtualClock } from './clock.ts';
import type { ObjectStore } from './store/store.ts';
import type { KubeObject } from './store/types.ts';

export const EVENT_TTL_MS = 60 * 60 * 1000;

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private byKey = new Map<string, string>();
  private seq = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
  ) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const ns = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    const k = [obj.metadata.uid, fieldPath ?? '', reason, message, source.component, source.host ?? ''].join('\u0000');
    const now = this.clock.isoNow();
    const existingName = this.byKey.get(k);
    const existing = existingName ? this.store.get<KEvent>('Event', ns, existingName) : undefined;
    if (existing) {
      const next = { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: now };
      this.store.update(next);
      this.expireLater(ns, existing.metadata.name ?? '', k);
      return;
    }
    const involvedObject: KEvent['involvedObject'] = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name,
      namespace: ns,
      uid: obj.metadata.uid ?? '',
      resourceVersion: obj.metadata.resourceVersion ?? '',
    };
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    // client-go names events "<object>.<unix nanos in hex>".
    const nanos = BigInt(this.clock.wallTime) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const eventName = `${name}.${nanos.toString(16)}`;
    const ev: KEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: eventName, namespace: ns },
      involvedObject,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const res = this.store.create(ev);
    if (res.ok) {
      this.byKey.set(k, eventName);
      this.expireLater(ns, eventName, k);
    }
  }

  /**
   * Every Event lives an hour after its last update, so expiries come due in the order they
   * were asked for: they wait in a queue behind one timer instead of a timer each (a busy
   * cluster keeps hundreds of Events, and a timer each made every other timer slower).
   * Each expiry still runs as the component that recorded the Event.
   */
  private expiries: { at: number; ns: string; name: string; k: string; actor: string }[] = [];
  private nextExpiry = 0;
  private expiryArmed = false;

  private expireLater(ns: string, name: string, k: string): void {
    this.expiries.push({ at: this.clock.now + EVENT_TTL_MS, ns, name, k, actor: this.clock.actor });
    if (!this.expiryArmed) this.armExpiry();
  }

  private armExpiry(): void {
    const head = this.expiries[this.nextExpiry];
    if (!head) {
      this.expiries = [];
      this.nextExpiry = 0;
      this.expiryArmed = false;
      return;
    }
    this.expiryArmed = true;
    this.clock.schedule(head.at - this.clock.now, () => this.expireDue());
  }

  private expireDue(): void {
    const now = this.clock.now;
    for (let e = this.expiries[this.nextExpiry]; e && e.at <= now; e = this.expiries[this.nextExpiry]) {
      this.nextExpiry++;
      const { ns, name, k } = e;
      this.clock.as(e.actor, () => {
        const ev = this.store.get<KEvent>('Event', ns, name);
        if (!ev?.lastTimestamp) return;
        if (Date.parse(ev.lastTimestamp) + EVENT_TTL_MS <= this.clock.wallTime) {
          this.store.delete('Event', ns, name);
          this.byKey.delete(k);
        }
      });
    }
    // Drop what has run once it is most of the queue.
    if (this.nextExpiry > 1024 && this.nextExpiry * 2 > this.expiries.length) {
      this.expiries = this.expiries.slice(this.nextExpiry);
      this.nextExpiry = 0;
    }
    this.armExpiry();
  }


  /** Events about one object, oldest first (as describe lists them). */
  eventsFor(obj: KubeObject): (KEvent)[] {
    return this.store
      .list<KEvent>('Event', obj.metadata.namespace ?? undefined)
      .filter((e) => e.involvedObject.uid === obj.metadata.uid)
      .sort((a, b) => (a.firstTimestamp ?? '').localeCompare(b.firstTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }
}
