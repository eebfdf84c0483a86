// The controllers' work queue (client-go's workqueue, on the virtual clock): a key added
// several times before it is processed is synced once; addAfter re-syncs later (the
// minReadySeconds and progress-deadline checks), a newer delay replacing an older one.
// With a gate, keys wait while their component (kube-controller-manager) is down.

import type { TimerHandle, VirtualClock } from '../clock.ts';

export class WorkQueue {
  private queued = new Set<string>();
  private delayed = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly work: (key: string) => void,
    private readonly gate?: ComponentGate,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    // While the component is down the key stays queued (later adds fold into it) until it is back.
    this.clock.schedule(0, () =>
      whenUp(this.gate, () => {
        this.queued.delete(key);
        this.work(key);
      }),
    );
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

/**
 * Whether a control-plane component runs (its static pod's container on the control plane
 * node), and the work its controllers put off meanwhile. When it is back, the held work runs,
 * each as the controller that held it: as a restarted kube-controller-manager lists what it
 * watches and syncs everything that changed while it was away.
 */
export class ComponentGate {
  private held: { fn: () => void; actor: string }[] = [];

  constructor(
    private readonly clock: VirtualClock,
    readonly running: () => boolean,
  ) {}

  hold(fn: () => void): void {
    this.held.push({ fn, actor: this.clock.actor });
  }

  /** Run fn now if the component runs, else when it is back. */
  run(fn: () => void): void {
    if (this.running()) fn();
    else this.hold(() => this.run(fn));
  }

  /** Call when the component may have come back (its pod changed): if it has, the held work runs. */
  check(): void {
    if (this.held.length === 0 || !this.running()) return;
    const held = this.held;
    this.held = [];
    for (const h of held) this.clock.as(h.actor, () => this.clock.schedule(0, h.fn));
  }
}

/** fn, now or (with a gate whose component is down) when the component is back. */
export function whenUp(gate: ComponentGate | undefined, fn: () => void): void {
  if (gate) gate.run(fn);
  else fn();
}

/** "namespace/name" keys, split back. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
