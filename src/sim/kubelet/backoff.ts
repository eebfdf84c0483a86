// client-go's flowcontrol.Backoff as the kubelet configures it (no jitter): 10 s doubling to
// 300 s, and an entry older than twice the maximum (10 minutes) starts over.

export class Backoff {
  private entries = new Map<string, { backoff: number; lastUpdate: number }>();

  constructor(
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.maxMs;
  }

  /** IsInBackOffSince: is `now` still inside the back-off window that began at eventTime? */
  isInBackOffSince(id: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    if (this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** Next: record a restart; grows the delay, or starts over after a long quiet spell. */
  next(id: string, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(now, e.lastUpdate)) {
      this.entries.set(id, { backoff: this.initialMs, lastUpdate: now });
    } else {
      e.backoff = Math.min(e.backoff * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  clear(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
