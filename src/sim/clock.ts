// The virtual clock: every thing that happens in the simulated cluster is an event on this
// queue. Nothing in src/sim reads wall time; "later" means "at a later virtual millisecond".

export type Millis = number;

/** An opaque handle for cancel(). */
export interface TimerHandle {
  readonly at: Millis;
}

interface Entry extends TimerHandle {
  at: Millis;
  seq: number;
  fn: () => void;
  /** The component that scheduled this work (see VirtualClock.actor). */
  actor: string;
  cancelled: boolean;
  done: boolean;
}

/** A binary min-heap on (at, seq): equal times run in the order they were scheduled. */
class Heap {
  private items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Entry | undefined {
    return this.items[0];
  }
  push(e: Entry): void {
    // Sift up by moving parents down into the hole: no swaps, no temporary arrays (the heap
    // takes every event of the simulation, so this is the hottest loop there is).
    const a = this.items;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (!less(e, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = e;
  }
  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    const n = a.length;
    if (n > 0 && last) {
      // Sift the last entry down from the root, moving the smaller child up into the hole.
      let i = 0;
      for (;;) {
        let m = 2 * i + 1;
        if (m >= n) break;
        const r = m + 1;
        if (r < n && less(a[r]!, a[m]!)) m = r;
        if (!less(a[m]!, last)) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

function less(x: Entry, y: Entry): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

export class VirtualClock {
  private heap = new Heap();
  private seq = 0;
  private live = 0;
  private current: Millis;
  /** Count of events run since creation; the bench reports it. */
  eventsRun = 0;
  /**
   * The component whose work is running now ('kubectl', 'kube-scheduler', 'kubelet/node01',
   * 'kube-controller-manager/replicaset'…), carried across the clock as async context: work
   * scheduled by a component runs as that component. Only the control plane trace reads it;
   * nothing the cluster does depends on it.
   */
  actor = '';

  /** @param epoch virtual wall-clock time (ms since 1970) at simulated time zero. */
  constructor(readonly epoch: Millis = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.current = 0;
  }

  /** Milliseconds of simulated time since the cluster started. */
  get now(): Millis {
    return this.current;
  }

  /** Simulated wall-clock time in ms since 1970 (what `date` and timestamps show). */
  get wallTime(): Millis {
    return this.epoch + this.current;
  }

  isoNow(): string {
    return isoSeconds(this.wallTime);
  }

  schedule(delay: Millis, fn: () => void): TimerHandle {
    const at = this.current + (delay > 0 ? delay : 0);
    const e: Entry = { at, seq: this.seq++, fn, actor: this.actor, cancelled: false, done: false };
    this.heap.push(e);
    this.live++;
    return e;
  }

  /**
   * schedule(), reusing the handle of an event that has already run when there is one: a
   * periodic timer (a probe, a sleeping shell) re-arms itself without a new allocation per
   * period. Only the owner of the handle may do this, as the old handle becomes the new one.
   */
  rearm(handle: TimerHandle | undefined, delay: Millis, fn: () => void): TimerHandle {
    const e = handle as Entry | undefined;
    if (!e || !e.done) return this.schedule(delay, fn);
    e.at = this.current + (delay > 0 ? delay : 0);
    e.seq = this.seq++;
    e.fn = fn;
    e.actor = this.actor;
    e.done = false;
    this.heap.push(e);
    this.live++;
    return e;
  }

  cancel(handle: TimerHandle | undefined): void {
    const e = handle as Entry | undefined;
    if (!e || e.cancelled || e.done) return;
    e.cancelled = true;
    this.live--;
  }

  /** Run every event due up to now + ms, then set the clock to exactly now + ms. */
  advance(ms: Millis): void {
    this.runUntil(this.current + Math.max(0, ms));
  }

  /** Run fn as the given component (see actor). */
  as<T>(actor: string, fn: () => T): T {
    const prev = this.actor;
    this.actor = actor;
    try {
      return fn();
    } finally {
      this.actor = prev;
    }
  }

  runUntil(target: Millis): void {
    const outer = this.actor;
    const heap = this.heap;
    // One try for the whole run: an event that throws ends the run, and the actor is restored.
    try {
      for (let top = heap.peek(); top && top.at <= target; top = heap.peek()) {
        heap.pop();
        if (top.cancelled) continue;
        top.done = true;
        this.live--;
        this.current = top.at;
        this.eventsRun++;
        this.actor = top.actor;
        top.fn();
      }
    } finally {
      this.actor = outer;
    }
    if (target > this.current) this.current = target;
  }

  /** Run the events due at the current instant (zero-delay work), without moving time. */
  settle(): void {
    this.runUntil(this.current);
  }

  /** Time of the next pending event, if any. */
  nextAt(): Millis | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (!top) return undefined;
      if (!top.cancelled) return top.at;
      this.heap.pop();
    }
  }

  get pending(): number {
    return this.live;
  }
}

let lastSecond = NaN;
let lastIso = '';

/**
 * RFC 3339 with second precision, as Kubernetes serialises metav1.Time. Everything written in
 * one simulated second carries the same text, so the last one is kept.
 */
export function isoSeconds(wallMs: Millis): string {
  const second = Math.floor(wallMs / 1000);
  if (second !== lastSecond) {
    lastIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastIso;
}

/** Parse "30", "30s", "2m", "1h30m", "500ms" into milliseconds; undefined if malformed. */
export function parseDuration(text: string): Millis | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3_600_000 : unit === 'm' ? n * 60_000 : unit === 's' ? n * 1000 : n;
    matched = re.lastIndex;
  }
  if (matched === 0 || matched !== t.length) return undefined;
  return Math.round(total);
}
