// The live lab: a cluster plus terminal sessions whose commands run on the virtual clock
// instead of being driven to completion at once. A command that sleeps (`sleep 10`,
// `kubectl logs -f`, `get -w`) is resumed by a clock event, so it streams output while the
// page lets time run, and Ctrl+C stops it.
//
// Everything a person does is recorded as an Action at the simulated instant it happened,
// with the workspace files it read. Because the cluster is deterministic, replaying the
// actions on a fresh cluster of the same seed gives the same cluster byte for byte: that is
// how the page rewinds, and how it restores a lab after a reload. (Processes are generators
// and cannot be cloned, so there are no heap snapshots to restore; replay is the snapshot.)

import { createCluster, type Cluster, type ClusterOptions } from '../cluster.ts';
import type { TimerHandle } from '../clock.ts';
import type { Job, Output } from '../kubectl/types.ts';
import { splitScript, type ScriptCommand } from './script.ts';
import { installTools, Session, type SessionOptions } from './session.ts';
import type { KubectlTool } from '../kubectl/tool.ts';

/** Which terminal a command ran in: the student's, or the page's own (the editor's Apply). */
export type Channel = 'terminal' | 'background';

export type Action =
  | { at: number; kind: 'line'; channel: Channel; text: string; files?: Record<string, string> }
  | { at: number; kind: 'interrupt' };

export type DriverEvent =
  | { kind: 'output'; channel: Channel; text: string }
  /** A command finished; the terminal shows this prompt next. */
  | { kind: 'idle'; channel: Channel; code: number; prompt: string };

type LineAction = Extract<Action, { kind: 'line' }>;

/** A command from a line action; `replayed` when the action is being played again. */
interface Queued {
  cmd: ScriptCommand;
  action: LineAction;
  replayed: boolean;
}

interface Running {
  job: Job;
  /** The action the command came from: files the command reads are recorded with it. */
  action: LineAction;
  replayed: boolean;
  timer?: TimerHandle;
  /** The job waits for Ctrl+C (a server loop); no clock event resumes it. */
  forever: boolean;
}

class Lane {
  readonly queue: Queued[] = [];
  running: Running | undefined;
  constructor(
    readonly channel: Channel,
    readonly session: Session,
  ) {}
}

export interface DriverOptions extends ClusterOptions {
  /** Workspace files, for `kubectl apply -f NAME`. */
  readFile?: (path: string) => string | undefined;
  /** kubectl (`KUBECTL`); the page installs it later, when its chunk has loaded (see install). */
  kubectl?: KubectlTool;
  /** A workspace file the workstation's shell changed or created (not called during replay). */
  writeFile?: (path: string, text: string) => void;
}

export class LabDriver {
  readonly cluster: Cluster;
  readonly actions: Action[] = [];
  /**
   * Actions recorded after the moment a rewind went back to: they happen again as the clock
   * reaches them, like a recording played forward, until the student does something new.
   */
  future: Action[] = [];
  private readonly lanes: Record<Channel, Lane>;
  private listeners = new Set<(e: DriverEvent) => void>();
  /** The command running now, whose file reads are recorded with (or replayed from) its action. */
  private current: Running | undefined;
  /** Inside a replayed action's own turn (not a later clock event of its commands). */
  private performing = false;
  /** True from the start of a replay until it reaches its end (see replayer). */
  private replaying = false;
  /** What both sessions share: one kubectl, installed once. */
  private readonly sessionOpts: SessionOptions;

  constructor(private readonly opts: DriverOptions = {}) {
    this.cluster = createCluster(opts);
    // Every read is recorded with the action whose command made it, also when the command
    // reads after a wait (a pasted script with a sleep), so a replay reads the same text. A
    // replayed action reads what it recorded; a file it did not record did not exist then,
    // except for reads after a wait in saves from before such reads were recorded, which read
    // the workspace as they always did.
    const readFile = (path: string): string | undefined => {
      const name = path.replace(/^\.\//, '');
      const cur = this.current;
      if (cur?.replayed) {
        const recorded = cur.action.files?.[name];
        return recorded !== undefined || this.performing ? recorded : this.opts.readFile?.(name);
      }
      const text = this.opts.readFile?.(name);
      if (text !== undefined && cur) (cur.action.files ??= {})[name] = text;
      return text;
    };
    // A terminal stream runs until Ctrl+C, not for the runner's 30 s.
    // A replay must not write, nor an action played again after a rewind: the workspace
    // already holds what the student has now.
    const writeFile = (path: string, text: string): void => {
      if (!this.replaying && !this.current?.replayed) this.opts.writeFile?.(path, text);
    };
    this.sessionOpts = { readFile, writeFile, streamLimitMs: Number.POSITIVE_INFINITY };
    if (opts.kubectl) this.sessionOpts.kubectl = opts.kubectl;
    this.lanes = {
      terminal: new Lane('terminal', new Session(this.cluster, this.sessionOpts)),
      background: new Lane('background', new Session(this.cluster, this.sessionOpts)),
    };
  }

  /** Install kubectl in a driver made without it (the page does, once the chunk is there). */
  install(tool: KubectlTool): void {
    this.sessionOpts.kubectl = tool;
    installTools(this.cluster, tool);
  }

  get hasKubectl(): boolean {
    return this.sessionOpts.kubectl !== undefined;
  }

  /**
   * kubectl run once, to read (describe, get -o yaml, logs): not an action, nothing recorded.
   * Empty until kubectl is installed.
   */
  read(argv: string[]): { text: string; code: number } {
    return this.sessionOpts.kubectl?.read(this.cluster, argv) ?? { text: '', code: 127 };
  }

  get seed(): number {
    return this.cluster.seed;
  }

  /** Simulated ms since the cluster started. */
  get now(): number {
    return this.cluster.clock.now;
  }

  session(channel: Channel = 'terminal'): Session {
    return this.lanes[channel].session;
  }

  prompt(channel: Channel = 'terminal'): string {
    return this.lanes[channel].session.prompt();
  }

  busy(channel: Channel = 'terminal'): boolean {
    const lane = this.lanes[channel];
    return lane.running !== undefined || lane.queue.length > 0;
  }

  subscribe(fn: (e: DriverEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: DriverEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  /** Run a line (or a pasted script) in a channel, starting now. */
  submit(text: string, channel: Channel = 'terminal'): void {
    this.future = [];
    const action: Action = { at: this.now, kind: 'line', channel, text };
    this.actions.push(action);
    this.perform(action, false);
  }

  /** Ctrl+C in the terminal: stop the running command and drop the queued ones. */
  interrupt(): void {
    this.future = [];
    const action: Action = { at: this.now, kind: 'interrupt' };
    this.actions.push(action);
    this.perform(action, false);
  }

  /** Let simulated time pass; commands waiting on the clock resume as it reaches them. */
  advance(ms: number): void {
    const target = this.now + Math.max(0, ms);
    while (this.future.length && this.future[0]!.at <= target) {
      const a = this.future.shift()!;
      this.cluster.clock.runUntil(a.at);
      this.replayOne(a);
    }
    this.cluster.clock.runUntil(target);
  }

  private replayOne(a: Action): void {
    this.actions.push(a);
    this.performing = true;
    try {
      this.perform(a, true);
    } finally {
      this.performing = false;
    }
  }

  private perform(a: Action, replayed: boolean): void {
    if (a.kind === 'interrupt') {
      const lane = this.lanes.terminal;
      lane.queue.length = 0;
      if (!lane.running) return;
      this.cluster.clock.cancel(lane.running.timer);
      lane.running.job.return(130);
      lane.running = undefined;
      this.emit({ kind: 'output', channel: 'terminal', text: '^C\n' });
      this.emit({ kind: 'idle', channel: 'terminal', code: 130, prompt: lane.session.prompt() });
      return;
    }
    const lane = this.lanes[a.channel];
    for (const cmd of splitScript(a.text)) if (!cmd.line.trim().startsWith('#')) lane.queue.push({ cmd, action: a, replayed });
    if (!lane.running) this.next(lane, 0);
  }

  private next(lane: Lane, lastCode: number): void {
    for (;;) {
      const item = lane.queue.shift();
      if (!item) {
        this.emit({ kind: 'idle', channel: lane.channel, code: lastCode, prompt: lane.session.prompt() });
        return;
      }
      const o: Output = {
        out: (t) => this.emit({ kind: 'output', channel: lane.channel, text: t }),
        err: (t) => this.emit({ kind: 'output', channel: lane.channel, text: t }),
      };
      lane.running = { job: lane.session.start(item.cmd, o), action: item.action, replayed: item.replayed, forever: false };
      const code = this.step(lane);
      if (code === undefined) return;
      lastCode = code;
    }
  }

  /** Run the lane's job until it waits (undefined) or ends (its exit code). */
  private step(lane: Lane): number | undefined {
    const running = lane.running!;
    let r: IteratorResult<unknown, number>;
    const outer = this.current;
    this.current = running;
    try {
      r = running.job.next();
    } catch (e) {
      // A bug in the simulator must not kill the terminal: say so and go on.
      this.emit({ kind: 'output', channel: lane.channel, text: `kubelab: internal error: ${e instanceof Error ? e.message : String(e)}\n` });
      r = { done: true, value: 1 };
    } finally {
      this.current = outer;
    }
    if (r.done) {
      lane.running = undefined;
      return r.value;
    }
    const wait = r.value as { type: 'sleep'; ms: number } | { type: 'forever' };
    if (wait.type === 'forever') {
      running.forever = true;
      return undefined;
    }
    running.timer = this.cluster.clock.schedule(wait.ms, () => {
      if (lane.running !== running) return;
      const code = this.step(lane);
      if (code !== undefined) this.next(lane, code);
    });
    return undefined;
  }

  /**
   * A fresh lab of the same seed with `actions` replayed up to simulated time `until` (ms
   * since start; default: just after the last action). Output during replay goes nowhere;
   * the actions after `until` become the driver's future.
   */
  static replay(opts: DriverOptions, actions: readonly Action[], until?: number): LabDriver {
    const r = LabDriver.replayer(opts, actions, until);
    while (!r.step(Infinity));
    return r.driver;
  }

  /**
   * A replay that runs in steps, so the page can spread a long one over many tasks (each
   * step is a slice of simulated time; the page decides how many fit in a frame). The same
   * seed and actions give the same cluster however the steps fall: running the clock to t1
   * and then to t2 is the same as running it to t2.
   */
  static replayer(opts: DriverOptions, actions: readonly Action[], until?: number): Replayer {
    const d = new LabDriver(opts);
    d.replaying = true;
    const start = d.now;
    const end = Math.max(until ?? actions.reduce((m, a) => Math.max(m, a.at), d.now), d.now);
    d.future = actions.filter((a) => a.at > end);
    const past = actions.filter((a) => a.at <= end);
    let i = 0;
    let done = false;
    return {
      driver: d,
      end,
      progress: () => (end > start ? Math.min(1, (d.now - start) / (end - start)) : 1),
      step(simMs: number): boolean {
        if (done) return true;
        const target = Math.min(end, d.now + Math.max(1, simMs));
        while (i < past.length && past[i]!.at <= target) {
          const a = past[i++]!;
          d.cluster.clock.runUntil(a.at);
          d.replayOne(a);
        }
        d.cluster.clock.runUntil(target);
        done = target >= end && i >= past.length;
        if (done) d.replaying = false;
        return done;
      },
    };
  }
}

/** A replay in progress: see LabDriver.replayer. */
export interface Replayer {
  readonly driver: LabDriver;
  /** The moment the replay stops at. */
  readonly end: number;
  /** How far it has come, 0 to 1. */
  progress(): number;
  /** Run up to `simMs` more simulated ms (and the actions in them); true once at `end`. */
  step(simMs: number): boolean;
}
