// The page's zustand store: it owns the simulated cluster and a terminal session, and
// exposes slices (the transcript lines, the clock) to React. React never holds the truth.

import { create } from 'zustand';
import { createCluster, type Cluster } from '../sim/cluster.ts';
import { Session } from '../sim/runner/session.ts';
import { splitScript } from '../sim/runner/script.ts';

export interface TermLine {
  id: number;
  kind: 'input' | 'output';
  text: string;
}

interface LabState {
  cluster: Cluster;
  session: Session;
  lines: TermLine[];
  /** Simulated wall-clock time (ms since 1970), refreshed by tick(). */
  now: number;
  run(line: string): void;
  tick(ms: number): void;
}

let nextId = 1;

export const useLab = create<LabState>((set, get) => {
  const cluster = createCluster({ seed: 1 });
  const session = new Session(cluster);
  return {
    cluster,
    session,
    lines: [],
    now: cluster.clock.wallTime,
    run(line: string) {
      const prompt = session.prompt();
      let out = '';
      const o = { out: (t: string) => (out += t), err: (t: string) => (out += t) };
      for (const cmd of splitScript(line)) session.drive(session.run(cmd, o));
      const lines = [...get().lines, { id: nextId++, kind: 'input' as const, text: prompt + line }];
      if (out) lines.push({ id: nextId++, kind: 'output' as const, text: out.replace(/\n$/, '') });
      set({ lines: lines.slice(-500), now: cluster.clock.wallTime });
    },
    tick(ms: number) {
      cluster.advance(ms);
      set({ now: cluster.clock.wallTime });
    },
  };
});
