// The controllers' work queue (client-go's workqueue, on the virtual clock): a key added
// several times before it is processed is synced once; addAfter re-syncs later (the
// minReadySeconds and progress-deadline checks), a newer delay replacing an older one.

import type { TimerHandle, VirtualClock } from '../clock.ts';

export class WorkQueue {
  private queued = new Set<string>();
  private delayed = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly work: (key: string) => void,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.clock.schedule(0, () => {
      this.queued.delete(key);
      this.work(key);
    });
  }

  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    this.clock.cancel(this.delayed.get(key));
    this.delayed.set(
      key,
      this.clock.schedule(ms, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }
}

/** "namespace/name" keys, split back. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
