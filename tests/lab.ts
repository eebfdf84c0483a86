// The headless, seeded, chainable test harness:
//   lab().apply(yaml).advance('30s').kubectl('get pods')
// Everything goes through the same Session the terminal and the runner use.

import { createCluster, type Cluster, type ClusterOptions } from '../src/sim/cluster.ts';
import { parseDuration } from '../src/sim/clock.ts';
import { Session } from '../src/sim/runner/session.ts';
import { splitScript } from '../src/sim/runner/script.ts';
import type { KEvent, Pod } from '../src/sim/api.ts';
import { KUBECTL } from '../src/sim/kubectl/tool.ts';

export class Lab {
  readonly cluster: Cluster;
  readonly session: Session;
  /** Output of the last kubectl()/sh() call. */
  last = '';

  constructor(opts: ClusterOptions = {}) {
    this.cluster = createCluster({ seed: 1, ...opts });
    this.session = new Session(this.cluster, { kubectl: KUBECTL });
  }

  run(text: string): this {
    let out = '';
    const o = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
    for (const cmd of splitScript(text)) this.session.drive(this.session.run(cmd, o));
    this.last = out;
    return this;
  }

  kubectl(args: string): string {
    this.run(`kubectl ${args}`);
    return this.last;
  }

  apply(yaml: string): this {
    return this.run(`kubectl apply -f - <<EOF\n${yaml}\nEOF`);
  }

  advance(d: string | number): this {
    this.cluster.advance(typeof d === 'number' ? d : (parseDuration(d) ?? 0));
    return this;
  }

  /** Seconds of simulated time since the cluster was handed over (after warm-up). */
  get t(): number {
    return this.cluster.clock.now / 1000;
  }

  pod(name: string, ns = 'default'): Pod | undefined {
    return this.cluster.store.get<Pod>('Pod', ns, name);
  }

  events(name: string, reason?: string): KEvent[] {
    const pod = this.pod(name);
    if (!pod) return [];
    return this.cluster.events.eventsFor(pod).filter((e) => !reason || e.reason === reason);
  }
}

export function lab(opts: ClusterOptions = {}): Lab {
  return new Lab(opts);
}
