// The interpreter: walks the parsed tree as a generator. A command that has to wait (sleep,
// tail -f, a server binary) yields a Wait up through every enclosing loop to the kubelet, which
// resumes it on the virtual clock; everything else runs synchronously.

import type { Listener, Network, Proc, ProcessContext, ProcessEntry, Wait } from '../process.ts';
import type { FileNode, Vfs } from '../vfs.ts';
import { FsError, fsErrorText, normalizePath } from '../vfs.ts';
import type { Node, Part, Redir, Script, Word } from './ast.ts';
import { ArithError, evalArith, type ArithVars } from './arith.ts';
import { escapeGlob, expandPath, hasWildcard, matchPattern, trimPattern } from './glob.ts';
import { BufferSink, FileSink, nullSink, Stdin, type Io, type Sink } from './io.ts';
import { parseScript } from './parser.ts';
import { appletNamed } from './applets/index.ts';
import type { Applet, AppletEnv, ExtraCommand, ShellOptions } from './types.ts';
import { DEFAULT_BUSYBOX_VERSION, DEFAULT_MAX_STEPS } from './types.ts';

type Gen<T> = Generator<Wait, T, void>;

const TICK: Wait = { type: 'sleep', ms: 1 };
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);
const SHELL_NAMES = new Set(['sh', 'ash']);
const DEFAULT_IFS = ' \t\n';

/** `exit`, or the end of a subshell. */
export class ExitSignal {
  constructor(readonly status: number) {}
}
class LoopSignal {
  constructor(
    public levels: number,
    readonly isContinue: boolean,
  ) {}
}
class ReturnSignal {
  constructor(readonly status: number) {}
}
/** An error ash treats as fatal in a non-interactive shell; the message is already printed. */
class FatalError {
  constructor(readonly status: number) {}
}

interface Job {
  gen: Gen<number>;
  wake: number;
  done: boolean;
}

/** State shared by a shell and all its subshells: one process tree, one clock. */
type Target = { kind: 'applet'; fn: Applet } | { kind: 'extra'; fn: ExtraCommand };

/** One Target per command function, made once (a loop resolves the same commands each pass). */
const TARGETS = new WeakMap<Applet | ExtraCommand, Target>();
function targetOf(kind: 'applet', fn: Applet): Target;
function targetOf(kind: 'extra', fn: ExtraCommand): Target;
function targetOf(kind: 'applet' | 'extra', fn: Applet | ExtraCommand): Target {
  let t = TARGETS.get(fn);
  if (!t || t.kind !== kind) {
    t = { kind, fn } as Target;
    TARGETS.set(fn, t);
  }
  return t;
}

class Runtime {
  readonly budget: number;
  readonly version: string;
  readonly extras: Map<string, ExtraCommand>;
  readonly missing: ReadonlySet<string> | undefined;
  readonly applets: ReadonlyMap<string, Applet> | undefined;
  readonly baseOut: Sink;
  readonly baseErr: Sink;
  jobs: Job[] = [];
  waitingForJobs = false;
  /** Commands run since time last moved (the tight-loop budget). */
  steps = 0;
  private paths = new Map<string, string>();
  /** Open file handles by node, so a loop appending to one file does not allocate per line. */
  readonly sinks = new WeakMap<FileNode, FileSink>();

  /** normalizePath, memoised: loops redirect to the same few paths over and over. */
  absPath(target: string, cwd: string): string {
    const key = target.startsWith('/') ? target : `${cwd}\0${target}`;
    let p = this.paths.get(key);
    if (p === undefined) {
      p = normalizePath(target, cwd);
      if (this.paths.size > 500) this.paths.clear();
      this.paths.set(key, p);
    }
    return p;
  }
  nextPid: number;

  constructor(
    readonly ctx: ProcessContext,
    opts: ShellOptions,
    readonly pid: number,
  ) {
    this.budget = opts.maxStepsBeforeYield ?? DEFAULT_MAX_STEPS;
    this.version = opts.busyboxVersion ?? DEFAULT_BUSYBOX_VERSION;
    this.extras = opts.extraCommands ?? new Map();
    this.missing = opts.missing;
    this.applets = opts.applets;
    this.baseOut = { write: (s) => ctx.stdout(s) };
    this.baseErr = { write: (s) => ctx.stderr(s) };
    this.nextPid = pid + 6;
  }
}

/**
 * Fields being built during expansion. Quoted text must not glob, so when a field turns out to
 * contain an unquoted wildcard its pattern is rebuilt from the pieces, quoted ones escaped.
 */
class Fields {
  out: string[] = [];
  private cur = '';
  /** Start/end offsets in `cur` of quoted text, kept only while globbing is possible. */
  private quotedRanges: number[] | null = null;
  private started = false;
  private wild = false;

  constructor(
    private readonly glob: ((pat: string) => string[]) | null,
    private readonly ifs: string,
  ) {
    if (glob) this.quotedRanges = [];
  }

  quoted(s: string): void {
    if (this.quotedRanges && s) this.quotedRanges.push(this.cur.length, this.cur.length + s.length);
    this.cur += s;
    this.started = true;
  }

  literal(s: string): void {
    if (!s) return;
    this.cur += s;
    if (this.glob && !this.wild && hasWildcard(s)) this.wild = true;
  }

  /** An unquoted expansion: split on IFS. */
  split(s: string): void {
    const ifs = this.ifs;
    if (ifs === '') {
      this.literal(s);
      return;
    }
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (ifs.includes(c)) {
        let hard = !isIfsSpace(c);
        i++;
        while (i < s.length && ifs.includes(s[i]!)) {
          if (!isIfsSpace(s[i]!)) {
            if (hard) break;
            hard = true;
          }
          i++;
        }
        this.end(hard);
      } else {
        let e = i + 1;
        while (e < s.length && !ifs.includes(s[e]!)) e++;
        this.literal(s.slice(i, e));
        i = e;
      }
    }
  }

  /** End the current field ("$@" between parameters, or an IFS delimiter). */
  end(force: boolean): void {
    if (this.cur !== '' || this.started || force) this.push();
    this.cur = '';
    if (this.quotedRanges) this.quotedRanges.length = 0;
    this.started = false;
    this.wild = false;
  }

  private push(): void {
    if (this.glob && this.wild && this.quotedRanges) {
      const r = this.quotedRanges;
      let pat = '';
      let at = 0;
      for (let i = 0; i < r.length; i += 2) {
        pat += this.cur.slice(at, r[i]) + escapeGlob(this.cur.slice(r[i], r[i + 1]));
        at = r[i + 1]!;
      }
      pat += this.cur.slice(at);
      const hits = this.glob(pat);
      if (hits.length) {
        for (const h of hits) this.out.push(h);
        return;
      }
    }
    this.out.push(this.cur);
  }

  finish(): string[] {
    if (this.cur !== '' || this.started) this.push();
    return this.out;
  }
}

function isIfsSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n';
}

export class Shell {
  vars: Map<string, string>;
  exported: Set<string>;
  funcs: Map<string, Node>;
  positional: string[];
  status = 0;
  cwd: string;
  /** $0, and the prefix of every error message. */
  arg0: string;
  /** ash's "commandname": set when running a script file, so messages say "line N". */
  scriptName: string | null;
  line = 0;
  errexit = false;
  xtrace = false;
  private condDepth = 0;
  private loopDepth = 0;
  private lastBg: number | null = null;
  private locals: Map<string, string | undefined>[] = [];
  private exitTrap: string | null = null;
  private substStatus: number | null = null;

  constructor(
    readonly rt: Runtime,
    init: {
      vars: Map<string, string>;
      exported: Set<string>;
      funcs: Map<string, Node>;
      positional: string[];
      cwd: string;
      arg0: string;
      scriptName: string | null;
    },
  ) {
    this.vars = init.vars;
    this.exported = init.exported;
    this.funcs = init.funcs;
    this.positional = init.positional;
    this.cwd = init.cwd;
    this.arg0 = init.arg0;
    this.scriptName = init.scriptName;
  }

  static create(ctx: ProcessContext, opts: ShellOptions, arg0: string, positional: string[], scriptName: string | null): Shell {
    const rt = new Runtime(ctx, opts, opts.pid ?? 1);
    const vars = new Map(ctx.env);
    if (!vars.has('PWD')) vars.set('PWD', ctx.cwd);
    if (!vars.has('IFS')) vars.set('IFS', DEFAULT_IFS);
    const exported = new Set(ctx.env.keys());
    return new Shell(rt, { vars, exported, funcs: new Map(), positional, cwd: ctx.cwd, arg0, scriptName });
  }

  /** A forked copy: changes inside it do not reach this shell. */
  fork(): Shell {
    const s = new Shell(this.rt, {
      vars: new Map(this.vars),
      exported: new Set(this.exported),
      funcs: new Map(this.funcs),
      positional: this.positional.slice(),
      cwd: this.cwd,
      arg0: this.arg0,
      scriptName: this.scriptName,
    });
    s.status = this.status;
    s.errexit = this.errexit;
    s.xtrace = this.xtrace;
    s.lastBg = this.lastBg;
    s.line = this.line;
    return s;
  }

  topIo(): Io {
    return { stdin: new Stdin(''), out: this.rt.baseOut, err: this.rt.baseErr };
  }

  // ---------------------------------------------------------------- messages

  prefix(command: string | null = null): string {
    const name = command ?? this.scriptName;
    let p = `${this.arg0}: `;
    if (name !== null) {
      if (name !== this.arg0) p += `${name}: `;
      p += `line ${this.line}: `;
    }
    return p;
  }

  /** An error from the shell itself, as ash's ash_msg. */
  error(io: Io, text: string, command: string | null = null): void {
    io.err.write(`${this.prefix(command)}${text}\n`);
  }

  // ---------------------------------------------------------------- top level

  /** Run a parsed script to its end, report a trailing syntax error, run the EXIT trap. */
  *runScript(script: Script, io: Io): Gen<number> {
    const main = this.runChunks(script, io);
    return yield* this.schedule(main);
  }

  private *runChunks(script: Script, io: Io): Gen<number> {
    let status = 0;
    try {
      for (const chunk of script.chunks) {
        status = yield* this.exec(chunk, io);
      }
      if (script.error) {
        this.line = script.error.line;
        this.error(io, `syntax error: ${script.error.message}`);
        status = 2;
      }
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof FatalError) status = e.status;
      else if (e instanceof LoopSignal) status = 0;
      else if (e instanceof ReturnSignal) status = e.status;
      else throw e;
    }
    if (this.exitTrap !== null) {
      const trap = this.exitTrap;
      this.exitTrap = null;
      this.status = status;
      const t = parseScript(trap);
      try {
        for (const c of t.chunks) yield* this.exec(c, io);
      } catch (e) {
        if (e instanceof ExitSignal || e instanceof FatalError) status = e.status;
        else if (!(e instanceof LoopSignal || e instanceof ReturnSignal)) throw e;
      }
    }
    return status;
  }

  /** Run a top-level generator with background-job scheduling. */
  *runTop(main: Gen<number>): Gen<number> {
    return yield* this.schedule(main);
  }

  /** Interleave background jobs (`cmd &`) with the main flow on the virtual clock. */
  private *schedule(main: Gen<number>): Gen<number> {
    const rt = this.rt;
    const now = (): number => rt.ctx.wallTime();
    for (;;) {
      const r = main.next();
      if (r.done) return r.value;
      const w = r.value;
      rt.steps = 0;
      if (rt.jobs.length === 0) {
        yield w;
        continue;
      }
      const mainWake = w.type === 'sleep' ? now() + w.ms : Infinity;
      for (;;) {
        rt.jobs = rt.jobs.filter((j) => !j.done);
        if (rt.waitingForJobs && rt.jobs.length === 0) break;
        let next = mainWake;
        for (const j of rt.jobs) if (j.wake < next) next = j.wake;
        if (next === Infinity) {
          yield { type: 'forever' };
          continue;
        }
        const t = now();
        if (next > t) yield { type: 'sleep', ms: next - t };
        const t2 = now();
        for (const j of rt.jobs) {
          if (j.wake <= t2) stepJob(j, t2);
        }
        if (t2 >= mainWake) break;
        if (rt.jobs.length === 0 && mainWake !== Infinity) {
          const left = mainWake - now();
          if (left > 0) yield { type: 'sleep', ms: left };
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- execution

  /**
   * Run a tree. A plain function handing out one small generator per kind of node: a
   * generator's frame holds every local of its function, and one generator with all the
   * cases in it made a frame several times the size for each `a; b` a loop ran.
   */
  exec(n: Node, io: Io): Gen<number> {
    switch (n.k) {
      case 'simple':
        return this.simpleGen(n, io);
      case 'seq':
        return this.seq(n, io);
      case 'and':
      case 'or':
        return this.andOr(n, io);
      case 'pipe':
        return this.pipeline(n.cmds, n.bang, io);
      case 'bg':
        return this.background(n, io);
      case 'subshell':
        return this.subshell(n, io);
      case 'group':
        return this.group(n, io);
      case 'if':
        return this.ifClause(n, io);
      case 'loop':
        return this.loop(n, io);
      case 'for':
        return this.forLoop(n, io);
      case 'case':
        return this.caseClause(n, io);
      case 'func':
        this.funcs.set(n.name, n.body);
        return this.value(this.setStatus(0));
    }
  }

  private *value(v: number): Gen<number> {
    return v;
  }

  private *simpleGen(n: Extract<Node, { k: 'simple' }>, io: Io): Gen<number> {
    const r = this.simpleFast(n, io);
    return typeof r === 'number' ? r : this.finished(yield* r);
  }

  private *seq(n: Extract<Node, { k: 'seq' }>, io: Io): Gen<number> {
    let s = this.status;
    for (const item of n.items) {
      if (item.k === 'simple') {
        const r = this.simpleFast(item, io);
        s = typeof r === 'number' ? r : this.finished(yield* r);
      } else s = yield* this.exec(item, io);
    }
    return s;
  }

  private *andOr(n: Extract<Node, { k: 'and' | 'or' }>, io: Io): Gen<number> {
    this.condDepth++;
    let s: number;
    try {
      s = yield* this.exec(n.left, io);
    } finally {
      this.condDepth--;
    }
    if (n.k === 'and' ? s === 0 : s !== 0) s = yield* this.exec(n.right, io);
    this.status = s;
    return s;
  }

  private *background(n: Extract<Node, { k: 'bg' }>, io: Io): Gen<number> {
    const child = this.fork();
    const job: Job = { gen: child.isolated(n.body, io), wake: 0, done: false };
    this.lastBg = this.rt.nextPid++;
    stepJob(job, this.rt.ctx.wallTime());
    if (!job.done) this.rt.jobs.push(job);
    this.status = 0;
    return 0;
  }

  private *subshell(n: Extract<Node, { k: 'subshell' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    const s = yield* this.fork().isolated(n.body, rio);
    return this.setStatus(s);
  }

  private *group(n: Extract<Node, { k: 'group' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    return yield* this.exec(n.body, rio);
  }

  private *ifClause(n: Extract<Node, { k: 'if' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    for (const c of n.clauses) {
      if ((yield* this.cond(c.cond, rio)) === 0) return yield* this.exec(c.body, rio);
    }
    if (n.otherwise) return yield* this.exec(n.otherwise, rio);
    return this.setStatus(0);
  }

  private *caseClause(n: Extract<Node, { k: 'case' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    const subject = yield* this.expandString(n.subject, rio);
    for (const arm of n.arms) {
      for (const p of arm.patterns) {
        const pat = yield* this.expandPattern(p, rio);
        if (matchPattern(pat, subject)) return arm.body ? yield* this.exec(arm.body, rio) : this.setStatus(0);
      }
    }
    return this.setStatus(0);
  }

  private setStatus(s: number): number {
    this.status = s;
    return s;
  }

  /** Run a tree as a subshell or pipeline stage: exit and errors end only this copy. */
  *isolated(n: Node, io: Io): Gen<number> {
    try {
      return yield* this.exec(n, io);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof FatalError) return e.status;
      if (e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopSignal) return this.status;
      throw e;
    }
  }

  private *cond(n: Node, io: Io): Gen<number> {
    this.condDepth++;
    try {
      return yield* this.exec(n, io);
    } finally {
      this.condDepth--;
    }
  }

  private *loop(n: Extract<Node, { k: 'loop' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    let status = 0;
    this.loopDepth++;
    try {
      const cond = n.cond;
      const body = n.body;
      for (;;) {
        this.condDepth++;
        let c: number;
        try {
          if (cond.k === 'simple') {
            const r = this.simpleFast(cond, rio);
            c = typeof r === 'number' ? r : this.finished(yield* r);
          } else c = yield* this.exec(cond, rio);
        } finally {
          this.condDepth--;
        }
        if (n.until ? c === 0 : c !== 0) break;
        // The body runs here rather than in a generator of its own: one fewer per pass.
        try {
          status = yield* (body.k === 'simple' ? this.simple(body, rio) : this.exec(body, rio));
        } catch (e) {
          status = 0;
          if (this.loopSignal(e)) break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return this.setStatus(status);
  }

  /**
   * What a loop does with an error thrown by its body: `break`/`continue` arrive as a
   * LoopSignal (N levels deep). True when this loop stops; anything else is thrown on.
   */
  private loopSignal(e: unknown): boolean {
    if (!(e instanceof LoopSignal)) throw e;
    if (e.levels > 1) {
      e.levels--;
      throw e;
    }
    return !e.isContinue;
  }

  private *forLoop(n: Extract<Node, { k: 'for' }>, io: Io): Gen<number> {
    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.setStatus(2);
    let items: string[];
    if (n.items === null) items = this.positional.slice();
    else {
      items = [];
      for (const w of n.items) yield* this.expandInto(w, rio, items);
    }
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        this.setVar(n.name, item);
        try {
          status = yield* (n.body.k === 'simple' ? this.simple(n.body, rio) : this.exec(n.body, rio));
        } catch (e) {
          status = 0;
          if (this.loopSignal(e)) break;
        }
      }
    } finally {
      this.loopDepth--;
    }
    return this.setStatus(status);
  }

  /**
   * Pipes are buffered: each stage runs to completion and its output becomes the next stage's
   * input. A left side that never ends (`tail -f x | grep y`) therefore never feeds the right.
   */
  private *pipeline(cmds: Node[], bang: boolean, io: Io): Gen<number> {
    let input = io.stdin;
    let status = 0;
    for (let i = 0; i < cmds.length; i++) {
      const last = i === cmds.length - 1;
      const buf = last ? null : new BufferSink();
      const stageIo: Io = { stdin: input, out: buf ?? io.out, err: io.err };
      status = yield* this.fork().isolated(cmds[i]!, stageIo);
      if (buf) input = new Stdin(buf.text());
    }
    if (bang) status = status === 0 ? 1 : 0;
    this.status = status;
    if (!bang && status !== 0) this.checkErrexit(status);
    return status;
  }

  private checkErrexit(status: number): void {
    if (this.errexit && this.condDepth === 0) throw new ExitSignal(status);
  }

  // ---------------------------------------------------------------- simple commands

  /**
   * A simple command without generators where nothing in it can wait: plain or arithmetic
   * words, redirections to known paths, no assignments in front of a command. Loops spend
   * most of their time here, so this saves a generator frame per command; anything else
   * takes the general path (simple()). A command that has to wait comes back as its own
   * generator, and the caller passes its status to finished() when it ends.
   */
  private simpleFast(n: Extract<Node, { k: 'simple' }>, io: Io): number | Gen<number> {
    const rt = this.rt;
    if (rt.steps + 1 >= rt.budget || this.xtrace || (n.assigns.length && n.words.length)) return this.simple(n, io);
    for (const w of n.words) if (w.sub) return this.simple(n, io);
    for (const a of n.assigns) if (a.value.sub) return this.simple(n, io);
    for (const r of n.redirs) if (r.target.sub) return this.simple(n, io);
    rt.steps++;
    this.line = n.line;
    this.substStatus = null;
    let argv: string[];
    if (n.fixedArgv) argv = n.fixedArgv.slice();
    else {
      argv = [];
      for (const w of n.words) {
        const p = w.plain;
        if (p !== null && !hasWildcard(p) && p.charCodeAt(0) !== 126 /* ~ */) argv.push(p);
        else this.intoSync(w, io, argv);
      }
    }
    let rio: Io | null = io;
    if (n.redirs.length) {
      const targets: string[] = [];
      for (const r of n.redirs) targets.push(this.stringSync(r.target, io, true));
      if (argv.length === 0) for (const a of n.assigns) this.setVar(a.name, this.stringSync(a.value, io, true));
      rio = this.applyRedirs(n.redirs, targets, io);
      if (!rio) return this.finished(2);
    } else if (argv.length === 0) {
      for (const a of n.assigns) this.setVar(a.name, this.stringSync(a.value, io, true));
    }
    if (argv.length === 0) return this.setStatus(this.substStatus ?? 0);
    if (argv.length === 1 && argv[0] === 'exec') {
      io.stdin = rio.stdin;
      io.out = rio.out;
      io.err = rio.err;
      return this.setStatus(0);
    }
    const r = this.run(argv, rio, true);
    if (typeof r === 'number') {
      this.status = r;
      if (r !== 0) this.checkErrexit(r);
      return r;
    }
    return r;
  }

  /** A command run by simpleFast that had to wait has ended: its status is the shell's. */
  private finished(status: number): number {
    this.status = status;
    if (status !== 0) this.checkErrexit(status);
    return status;
  }

  private *simple(n: Extract<Node, { k: 'simple' }>, io: Io): Gen<number> {
    this.line = n.line;
    const rt = this.rt;
    if (++rt.steps >= rt.budget) {
      rt.steps = 0;
      yield TICK;
    }
    this.substStatus = null;
    const argv: string[] = [];
    for (const w of n.words) {
      const p = w.plain;
      if (p !== null && !hasWildcard(p) && p.charCodeAt(0) !== 126 /* ~ */) argv.push(p);
      else if (w.sub) yield* this.expandInto(w, io, argv);
      else this.intoSync(w, io, argv);
    }

    if (argv.length === 0) {
      for (const a of n.assigns) this.setVar(a.name, a.value.sub ? yield* this.expandString(a.value, io, true) : this.stringSync(a.value, io, true));
      if (n.redirs.length) {
        const rio = yield* this.redirect(n.redirs, io);
        if (!rio) return this.finished(2);
      }
      return this.finished(this.substStatus ?? 0);
    }

    const rio = n.redirs.length ? yield* this.redirect(n.redirs, io) : io;
    if (!rio) return this.finished(2);
    if (argv.length === 1 && argv[0] === 'exec') {
      // `exec >file 2>&1` changes the shell's own descriptors for the rest of the script.
      io.stdin = rio.stdin;
      io.out = rio.out;
      io.err = rio.err;
      return this.setStatus(0);
    }

    if (this.xtrace) rio.err.write(`+ ${argv.join(' ')}\n`);

    let saved: Map<string, string | undefined> | null = null;
    if (n.assigns.length) {
      saved = new Map();
      for (const a of n.assigns) {
        const v = yield* this.expandString(a.value, io, true);
        if (!saved.has(a.name)) saved.set(a.name, this.exported.has(a.name) ? this.vars.get(a.name) : undefined);
        this.vars.set(a.name, v);
        this.exported.add(a.name);
      }
    }
    let status: number;
    try {
      const r = this.run(argv, rio, true);
      status = typeof r === 'number' ? r : yield* r;
    } finally {
      if (saved && !SPECIAL_BUILTINS.has(argv[0]!)) {
        for (const [k, v] of saved) {
          if (v === undefined) {
            this.vars.delete(k);
            this.exported.delete(k);
          } else this.vars.set(k, v);
        }
      }
    }
    this.status = status;
    if (status !== 0) this.checkErrexit(status);
    return status;
  }

  private intoSync(w: Word, io: Io, out: string[]): void {
    const q = this.quotedWord(w);
    if (q !== null) {
      out.push(q);
      return;
    }
    const f = this.fields(true);
    f.out = out;
    this.partsSync(w.parts, f, false, io, true);
    f.finish();
  }

  /**
   * Find and run a command: function, builtin, applet, image binary. A command that finishes
   * without waiting returns its status directly, saving a generator per command.
   */
  run(argv: string[], io: Io, functions: boolean): number | Gen<number> {
    const name = argv[0]!;
    if (functions) {
      const fn = this.funcs.get(name);
      if (fn) return this.callFunction(fn, argv, io);
    }
    const builtin = BUILTINS[name];
    if (builtin) return builtin(this, argv, io);
    const target = this.resolve(name);
    if (target === null) {
      const script = this.scriptFile(name);
      if (script !== null) return this.runFile(name, script, argv.slice(1), io);
      this.error(io, `${name}: not found`);
      return 127;
    }
    return target.kind === 'applet' ? target.fn(argv, this.appletEnv(io)) : target.fn(argv, this.extraContext(io));
  }

  *runGen(argv: string[], io: Io, functions: boolean): Gen<number> {
    const r = this.run(argv, io, functions);
    return typeof r === 'number' ? r : yield* r;
  }

  resolve(name: string): Target | null {
    const extra = this.rt.extras.get(name);
    if (extra) return targetOf('extra', extra);
    const slash = name.lastIndexOf('/');
    if (slash < 0) {
      const a = appletNamed(name, this.rt.applets);
      return a && !this.rt.missing?.has(name) ? targetOf('applet', a) : null;
    }
    const base = name.slice(slash + 1);
    const dir = normalizePath(name.slice(0, slash) || '/', this.cwd);
    const byBase = this.rt.extras.get(base);
    if (byBase) return targetOf('extra', byBase);
    if (BIN_DIRS.has(dir)) {
      const a = appletNamed(base, this.rt.applets);
      if (a && !this.rt.missing?.has(base)) return targetOf('applet', a);
    }
    return null;
  }


  /** A shell script on the filesystem, run by path (`./start.sh`, `/entrypoint.sh`). */
  private scriptFile(name: string): string | null {
    if (!name.includes('/')) return null;
    const n = this.rt.ctx.fs.stat(normalizePath(name, this.cwd));
    if (n?.kind !== 'file') return null;
    const first = n.content.split('\n', 1)[0] ?? '';
    if (first.startsWith('#!') && !/\b(ba)?sh\b/.test(first)) return null;
    return n.content;
  }

  *runFile(name: string, content: string, args: string[], io: Io): Gen<number> {
    const child = this.fork();
    child.arg0 = name;
    child.scriptName = name;
    child.positional = args;
    child.funcs = new Map();
    for (const k of [...child.vars.keys()]) if (!child.exported.has(k)) child.vars.delete(k);
    return yield* child.runChunks(parseScript(content), io);
  }

  appletEnv(io: Io): AppletEnv {
    return new ChildEnv(this, io);
  }

  /** A context for an image's binary: plain closures, since such code may pass them around. */
  private extraContext(io: Io): ProcessContext {
    const base = this.rt.ctx;
    const ctx: ProcessContext = {
      fs: base.fs,
      env: this.exportedEnv(),
      cwd: this.cwd,
      stdout: (s) => io.out.write(s),
      stderr: (s) => io.err.write(s),
      // A whole line to the container's own output goes as it is; anywhere else, as text.
      logLine: (stream, line) => {
        const sink = stream === 'stderr' ? io.err : io.out;
        if (base.logLine && sink === (stream === 'stderr' ? this.rt.baseErr : this.rt.baseOut)) base.logLine(stream, line);
        else sink.write(line + '\n');
      },
      hostname: base.hostname,
      wallTime: () => base.wallTime(),
      random: () => base.random(),
      net: base.net,
      listen: (l) => base.listen(l),
    };
    // A binary's resource use is the container's (the kubelet's OOM check and kubectl top).
    if (base.setUsage) ctx.setUsage = (u) => base.setUsage?.(u);
    if (base.ingress) ctx.ingress = (req, o) => base.ingress!(req, o);
    return ctx;
  }

  /** A child shell for `env VAR=x cmd`, `busybox sh ...`: optionally with its own environment. */
  spawnChild(argv: string[], io: Io, vars?: Map<string, string>): Gen<number> {
    const child = this.fork();
    if (vars) {
      child.vars = new Map(vars);
      child.exported = new Set(vars.keys());
    }
    return child.spawn(argv, io);
  }

  /** Run an argv as a child process would (used by `env`, `busybox`, nested `sh`). */
  *spawn(argv: string[], io: Io): Gen<number> {
    const name = argv[0];
    if (name === undefined) return 0;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (SHELL_NAMES.has(base) && this.resolve(name)?.kind !== 'extra') return yield* this.nestedShell(argv, io);
    try {
      return yield* this.runGen(argv, io, false);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof FatalError) return e.status;
      throw e;
    }
  }

  *nestedShell(argv: string[], io: Io): Gen<number> {
    const child = this.fork();
    for (const k of [...child.vars.keys()]) if (!child.exported.has(k)) child.vars.delete(k);
    child.funcs = new Map();
    child.arg0 = argv[0]!;
    child.scriptName = null;
    let i = 1;
    let command: string | null = null;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-c') {
        command = argv[++i] ?? null;
        if (command === null) {
          io.err.write(`${argv[0]}: -c requires an argument\n`);
          return 2;
        }
        i++;
        break;
      }
      if (/^-[exu]+$/.test(a) || /^\+[exu]+$/.test(a)) {
        const on = a[0] === '-';
        if (a.includes('e')) child.errexit = on;
        if (a.includes('x')) child.xtrace = on;
        continue;
      }
      if (/^-[a-z]*c[a-z]*$/.test(a)) {
        if (a.includes('e')) child.errexit = true;
        if (a.includes('x')) child.xtrace = true;
        command = argv[++i] ?? '';
        i++;
        break;
      }
      if (a === '--') {
        i++;
        break;
      }
      break;
    }
    if (command !== null) {
      const rest = argv.slice(i);
      if (rest.length) {
        child.arg0 = rest[0]!;
        child.scriptName = rest[0]!;
        child.positional = rest.slice(1);
      } else child.positional = [];
      return yield* child.runChunks(parseScript(command), io);
    }
    const file = argv[i];
    if (file === undefined) {
      const text = io.stdin.readAll();
      if (!text) return 0;
      child.positional = [];
      return yield* child.runChunks(parseScript(text), io);
    }
    const path = normalizePath(file, this.cwd);
    const node = this.rt.ctx.fs.stat(path);
    if (node?.kind !== 'file') {
      io.err.write(`${argv[0]}: can't open '${file}': No such file or directory\n`);
      return 2;
    }
    child.arg0 = file;
    child.scriptName = file;
    child.positional = argv.slice(i + 1);
    return yield* child.runChunks(parseScript(node.content), io);
  }

  private *callFunction(body: Node, argv: string[], io: Io): Gen<number> {
    const savedPos = this.positional;
    this.positional = argv.slice(1);
    this.locals.push(new Map());
    try {
      return yield* this.exec(body, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.positional = savedPos;
      const frame = this.locals.pop()!;
      for (const [k, v] of frame) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
    }
  }

  // ---------------------------------------------------------------- variables

  exportedEnv(): Map<string, string> {
    const m = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) m.set(k, v);
    }
    return m;
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  declareLocal(name: string): void {
    const frame = this.locals[this.locals.length - 1];
    if (frame && !frame.has(name)) frame.set(name, this.vars.get(name));
  }

  getParam(name: string): string | undefined {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const i = Number(name);
      return i === 0 ? this.arg0 : this.positional[i - 1];
    }
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.rt.pid);
      case '#':
        return String(this.positional.length);
      case '!':
        return this.lastBg === null ? undefined : String(this.lastBg);
      case '@':
      case '*':
        return this.positional.join(' ');
      case '-':
        return (this.errexit ? 'e' : '') + (this.xtrace ? 'x' : '');
      case 'RANDOM':
        return String((this.rt.ctx.random() >>> 0) % 32768);
      case 'LINENO':
        return String(this.line);
      default:
        return this.vars.get(name);
    }
  }

  readonly arithVars: ArithVars = {
    get: (name) => this.getParam(name),
    set: (name, value) => this.setVar(name, value),
  };

  // ---------------------------------------------------------------- expansion
  //
  // Every expansion has a synchronous path; only words containing a command substitution
  // (Word.sub) go through generators, since only running a command can make expansion wait.

  private ifs(): string {
    return this.vars.get('IFS') ?? DEFAULT_IFS;
  }

  private readonly globber = (pat: string): string[] => expandPath(this.rt.ctx.fs, this.cwd, pat);

  private fields(glob: boolean): Fields {
    return glob ? new Fields(this.globber, this.ifs()) : new Fields(null, '');
  }

  /** Expand a word into fields (splitting and globbing), appending them to `out`. */
  *expandInto(w: Word, io: Io, out: string[]): Gen<void> {
    const f = this.fields(true);
    f.out = out;
    if (w.sub) yield* this.parts(w.parts, f, false, io, true);
    else this.partsSync(w.parts, f, false, io, true);
    f.finish();
  }

  /** Expand a word to one string: no splitting, no globbing (assignments, redirections, case). */
  *expandString(w: Word, io: Io, tilde = false): Gen<string> {
    if (!w.sub) return this.stringSync(w, io, tilde);
    const f = this.fields(false);
    yield* this.parts(w.parts, f, true, io, tilde);
    return f.finish().join(' ');
  }

  /**
   * A word all in double quotes with only text and plain variables in it ("tick $i"): one
   * field, its pieces joined, with no splitting or globbing to do. Null for any other word.
   */
  private quotedWord(w: Word): string | null {
    if (w.parts.length === 0) return null;
    for (const p of w.parts) {
      if (!p.q || !(p.k === 'lit' || (p.k === 'param' && p.op === null && p.name !== '@' && p.name !== '*'))) return null;
    }
    let s = '';
    for (const p of w.parts) s += p.k === 'lit' ? p.v : p.k === 'param' ? (this.getParam(p.name) ?? '') : '';
    return s;
  }

  private stringSync(w: Word, io: Io, tilde = false): string {
    if (w.plain !== null && !(tilde && w.plain.startsWith('~'))) return w.plain;
    const q = this.quotedWord(w);
    if (q !== null) return q;
    const ps = w.parts;
    if (ps.length === 1) {
      const only = ps[0]!;
      if (only.k === 'lit' && only.q) return only.v;
      // i=$((i+1)), in nearly every loop: the number is the word.
      if (only.k === 'arith') return String(this.arithValue(this.stringSync(only.expr, io), io));
    }
    const f = this.fields(false);
    this.partsSync(ps, f, true, io, tilde);
    return f.finish().join(' ');
  }

  /** Expand a word to a pattern: quoted characters are escaped, so they match literally. */
  private *expandPattern(w: Word, io: Io): Gen<string> {
    let pat = '';
    for (const p of w.parts) {
      if (p.k === 'lit') pat += p.q ? escapeGlob(p.v) : p.v;
      else {
        const v = yield* this.expandString(withSubFlag([p]), io);
        pat += p.q ? escapeGlob(v) : v;
      }
    }
    return pat;
  }

  private *parts(parts: Part[], f: Fields, quoted: boolean, io: Io, tilde: boolean): Gen<void> {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const q = quoted || p.q;
      if (p.k === 'cmd') {
        const text = yield* this.commandSubst(p.body, io);
        if (q) f.quoted(text);
        else f.split(text);
      } else if (p.k === 'param' && p.arg?.sub) {
        yield* this.paramWithSub(p, f, q, io);
      } else if (p.k === 'arith' && p.expr.sub) {
        this.arith(yield* this.expandString(p.expr, io), f, q, io);
      } else {
        this.part(p, i, f, q, io, tilde);
      }
    }
  }

  private partsSync(parts: Part[], f: Fields, quoted: boolean, io: Io, tilde: boolean): void {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      this.part(p, i, f, quoted || p.q, io, tilde);
    }
  }

  /** One part that cannot wait (no command substitution inside). */
  private part(p: Part, i: number, f: Fields, q: boolean, io: Io, tilde: boolean): void {
    switch (p.k) {
      case 'lit':
        if (q) f.quoted(p.v);
        else if (i === 0 && tilde && p.v.startsWith('~')) f.literal(this.tilde(p.v));
        else f.literal(p.v);
        return;
      case 'param':
        this.param(p, f, q, io);
        return;
      case 'len':
        f.literal(String((this.getParam(p.name) ?? '').length));
        return;
      case 'arith':
        this.arith(this.stringSync(p.expr, io), f, q, io);
        return;
      case 'cmd':
        throw new Error('command substitution on the synchronous path');
    }
  }

  private arith(text: string, f: Fields, q: boolean, io: Io): void {
    const v = this.arithValue(text, io);
    if (q) f.quoted(String(v));
    else f.split(String(v));
  }

  private arithValue(text: string, io: Io): number {
    try {
      return evalArith(text, this.arithVars);
    } catch (e) {
      if (e instanceof ArithError) {
        this.error(io, e.message);
        throw new FatalError(2);
      }
      throw e;
    }
  }

  private tilde(v: string): string {
    const slash = v.indexOf('/');
    const user = slash < 0 ? v.slice(1) : v.slice(1, slash);
    if (user !== '') return v;
    return (this.vars.get('HOME') ?? '/root') + (slash < 0 ? '' : v.slice(slash));
  }

  private emit(v: string, f: Fields, q: boolean): void {
    if (q) f.quoted(v);
    else f.split(v);
  }

  /** ${...} without a command substitution in its argument. */
  private param(p: Extract<Part, { k: 'param' }>, f: Fields, q: boolean, io: Io): void {
    const name = p.name;
    if (p.op === null) {
      if (name === '@' && q) {
        this.positional.forEach((v, i) => {
          if (i > 0) f.end(true);
          f.quoted(v);
        });
        return;
      }
      if (name === '*' && q) f.quoted(this.positional.join(this.ifs().charAt(0)));
      else this.emit(this.getParam(name) ?? '', f, q);
      return;
    }
    const v = this.getParam(name);
    const unset = v === undefined || (p.op.startsWith(':') && v === '');
    const arg = p.arg!;
    switch (p.op) {
      case '-':
      case ':-':
        if (unset) this.partsSync(arg.parts, f, q, io, true);
        else this.emit(v!, f, q);
        return;
      case '=':
      case ':=': {
        let val = v ?? '';
        if (unset) {
          val = this.stringSync(arg, io, true);
          this.setVar(name, val);
        }
        this.emit(val, f, q);
        return;
      }
      case '+':
      case ':+':
        if (!unset) this.partsSync(arg.parts, f, q, io, true);
        return;
      case '?':
      case ':?':
        if (unset) this.paramError(io, name, this.stringSync(arg, io));
        this.emit(v!, f, q);
        return;
      default:
        this.emit(trimPattern(v ?? '', this.patternSync(arg, io), p.op), f, q);
    }
  }

  private patternSync(w: Word, io: Io): string {
    let pat = '';
    for (const p of w.parts) {
      if (p.k === 'lit') pat += p.q ? escapeGlob(p.v) : p.v;
      else {
        const v = this.stringSync(withSubFlag([p]), io);
        pat += p.q ? escapeGlob(v) : v;
      }
    }
    return pat;
  }

  private paramError(io: Io, name: string, msg: string): never {
    this.error(io, `${name}: ${msg || 'parameter not set'}`);
    throw new FatalError(2);
  }

  /** ${x:-$(cmd)} and friends: the argument runs a command. */
  private *paramWithSub(p: Extract<Part, { k: 'param' }>, f: Fields, q: boolean, io: Io): Gen<void> {
    const v = this.getParam(p.name);
    const unset = v === undefined || (p.op !== null && p.op.startsWith(':') && v === '');
    const arg = p.arg!;
    switch (p.op) {
      case '-':
      case ':-':
        if (unset) yield* this.parts(arg.parts, f, q, io, true);
        else this.emit(v!, f, q);
        return;
      case '=':
      case ':=': {
        let val = v ?? '';
        if (unset) {
          val = yield* this.expandString(arg, io, true);
          this.setVar(p.name, val);
        }
        this.emit(val, f, q);
        return;
      }
      case '+':
      case ':+':
        if (!unset) yield* this.parts(arg.parts, f, q, io, true);
        return;
      case '?':
      case ':?':
        if (unset) this.paramError(io, p.name, yield* this.expandString(arg, io));
        this.emit(v!, f, q);
        return;
      default:
        if (p.op === null) return;
        this.emit(trimPattern(v ?? '', yield* this.expandPattern(arg, io), p.op), f, q);
    }
  }

  private *commandSubst(body: Node[], io: Io): Gen<string> {
    const buf = new BufferSink();
    const child = this.fork();
    const sio: Io = { stdin: io.stdin, out: buf, err: io.err };
    let status = 0;
    for (const n of body) {
      status = yield* child.isolated(n, sio);
      if (child.exited) break;
    }
    this.substStatus = status;
    this.status = status;
    return buf.text().replace(/\n+$/, '');
  }

  /** Set by `exit` inside an isolated run, so a multi-chunk substitution stops. */
  exited = false;

  // ---------------------------------------------------------------- redirections

  /** Apply redirections left to right; null (after printing ash's message) if one fails. */
  *redirect(redirs: Redir[], io: Io): Gen<Io | null> {
    const targets: string[] = [];
    for (const r of redirs) targets.push(r.target.sub ? yield* this.expandString(r.target, io, true) : this.stringSync(r.target, io, true));
    return this.applyRedirs(redirs, targets, io);
  }

  private applyRedirs(redirs: Redir[], targets: string[], io: Io): Io | null {
    const out: Io = { stdin: io.stdin, out: io.out, err: io.err };
    for (let i = 0; i < redirs.length; i++) {
      const r = redirs[i]!;
      const target = targets[i]!;
      let sink: Sink | null = null;
      switch (r.op) {
        case '>':
        case '>|':
        case '>>':
          sink = this.openWrite(target, r.op === '>>', out, io);
          if (!sink) return null;
          break;
        case '<':
        case '<>': {
          const input = this.openRead(target, out, io);
          if (!input) return null;
          setFd(out, r.fd, input);
          continue;
        }
        case '<<':
          setFd(out, r.fd, new Stdin(target));
          continue;
        case '>&':
        case '<&': {
          if (target === '-') {
            sink = nullSink;
            break;
          }
          if (/^[0-9]+$/.test(target)) {
            const src = Number(target);
            if (src === 0) setFd(out, r.fd, out.stdin);
            else if (src === 1) sink = out.out;
            else if (src === 2) sink = out.err;
            else sink = nullSink;
            if (sink) break;
            continue;
          }
          sink = this.openWrite(target, false, out, io);
          if (!sink) return null;
          break;
        }
      }
      if (sink) setFd(out, r.fd, sink);
    }
    return out;
  }

  private special(path: string, cur: Io): Sink | null {
    switch (path) {
      case '/dev/null':
        return nullSink;
      case '/dev/stdout':
      case '/dev/fd/1':
      case '/proc/self/fd/1':
        return cur.out;
      case '/dev/stderr':
      case '/dev/fd/2':
      case '/proc/self/fd/2':
        return cur.err;
      case '/proc/1/fd/1':
        return this.rt.baseOut;
      case '/proc/1/fd/2':
        return this.rt.baseErr;
    }
    return null;
  }

  private openWrite(target: string, append: boolean, cur: Io, io: Io): Sink | null {
    const path = this.rt.absPath(target, this.cwd);
    const sp = this.special(path, cur);
    if (sp) return sp;
    const fs = this.rt.ctx.fs;
    const existing = fs.stat(path);
    // Images ship some log files as symlinks to the container's output (FileNode.link).
    if (existing?.kind === 'file' && existing.link) {
      return existing.link === '/dev/stderr' ? this.rt.baseErr : this.rt.baseOut;
    }
    try {
      if (!append || !existing) fs.writeFile(path, '', false);
    } catch (e) {
      if (e instanceof FsError) {
        this.error(io, `can't create ${target}: ${e.code === 'ENOENT' ? 'nonexistent directory' : fsText(e)}`);
        return null;
      }
      throw e;
    }
    const node = existing ?? fs.stat(path);
    if (node?.kind !== 'file') {
      this.error(io, `can't create ${target}: Is a directory`);
      return null;
    }
    let sink = this.rt.sinks.get(node);
    if (!sink) {
      sink = new FileSink(node, this.rt.ctx);
      this.rt.sinks.set(node, sink);
    }
    return sink;
  }

  private openRead(target: string, cur: Io, io: Io): Stdin | null {
    const path = normalizePath(target, this.cwd);
    if (path === '/dev/null') return new Stdin('');
    if (path === '/dev/stdin' || path === '/proc/self/fd/0') return cur.stdin;
    const n = this.rt.ctx.fs.stat(path);
    if (!n) {
      this.error(io, `can't open ${target}: no such file`);
      return null;
    }
    return new Stdin(n.kind === 'file' ? n.content : '');
  }

  // ---------------------------------------------------------------- builtins' helpers

  throwExit(status: number): never {
    this.exited = true;
    throw new ExitSignal(status & 255);
  }

  loopControl(argv: string[], io: Io, isContinue: boolean): number {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      this.error(io, `Illegal number: ${argv[1]}`, argv[0]!);
      throw new FatalError(2);
    }
    if (this.loopDepth === 0) return 0;
    throw new LoopSignal(Math.min(n, this.loopDepth), isContinue);
  }

  doReturn(status: number): never {
    throw new ReturnSignal(status & 255);
  }

  fatal(status: number): never {
    throw new FatalError(status);
  }

  setExitTrap(text: string | null): void {
    this.exitTrap = text;
  }

  startWaiting(): boolean {
    this.rt.jobs = this.rt.jobs.filter((j) => !j.done);
    if (this.rt.jobs.length === 0) return false;
    this.rt.waitingForJobs = true;
    return true;
  }

  stopWaiting(): void {
    this.rt.waitingForJobs = false;
  }

  /** Run source text in this shell (`eval`, `.`). */
  *evalText(text: string, io: Io): Gen<number> {
    const script = parseScript(text);
    let status = 0;
    for (const c of script.chunks) status = yield* this.exec(c, io);
    if (script.error) {
      this.error(io, `syntax error: ${script.error.message}`);
      throw new FatalError(2);
    }
    return status;
  }
}

/**
 * The process context an applet sees. A class rather than an object of closures: applets run
 * in tight loops, and allocating a dozen closures per command showed up in profiles.
 */
class ChildEnv implements AppletEnv, ProcessContext {
  readonly cwd: string;
  readonly stdin: Stdin;
  readonly version: string;
  constructor(
    private readonly sh: Shell,
    private readonly io: Io,
  ) {
    this.cwd = sh.cwd;
    this.stdin = io.stdin;
    this.version = sh.rt.version;
  }
  get ctx(): ProcessContext {
    return this;
  }
  get fs(): Vfs {
    return this.sh.rt.ctx.fs;
  }
  get env(): Map<string, string> {
    return this.sh.exportedEnv();
  }
  get hostname(): string {
    return this.sh.rt.ctx.hostname;
  }
  get net(): Network {
    return this.sh.rt.ctx.net;
  }
  stdout(s: string): void {
    this.io.out.write(s);
  }
  stderr(s: string): void {
    this.io.err.write(s);
  }
  wallTime(): number {
    return this.sh.rt.ctx.wallTime();
  }
  random(): number {
    return this.sh.rt.ctx.random();
  }
  listen(l: Listener): boolean {
    return this.sh.rt.ctx.listen(l);
  }
  // An applet's memory and signals are the process's own: they reach the container's cgroup
  // and PID namespace through the shell's context.
  setUsage(u: { memoryBytes?: number; cpuMilli?: number }): void {
    this.sh.rt.ctx.setUsage?.(u);
  }
  signal(pid: number, sig: number): 'ok' | 'esrch' {
    return this.sh.rt.ctx.signal?.(pid, sig) ?? 'esrch';
  }
  processes(self: string): ProcessEntry[] {
    return this.sh.rt.ctx.processes?.(self) ?? [{ pid: 1, user: 'root', args: self }];
  }
  spawn(argv: string[], vars?: Map<string, string>): Proc {
    return this.sh.spawnChild(argv, this.io, vars);
  }
}

function withSubFlag(parts: Part[]): Word {
  const w: Word = { parts, plain: null };
  if (parts.some((p) => p.k === 'cmd' || (p.k === 'param' && p.arg?.sub) || (p.k === 'arith' && p.expr.sub))) w.sub = true;
  return w;
}

function setFd(io: Io, fd: number, target: Sink | Stdin): void {
  if (target instanceof Stdin) {
    if (fd === 0) io.stdin = target;
    return;
  }
  if (fd === 1) io.out = target;
  else if (fd === 2) io.err = target;
}

function stepJob(j: Job, now: number): void {
  const r = j.gen.next();
  if (r.done) {
    j.done = true;
    return;
  }
  j.wake = r.value.type === 'sleep' ? now + r.value.ms : Infinity;
}

function fsText(e: FsError): string {
  return fsErrorText(e);
}

// ------------------------------------------------------------------ shell builtins

type Builtin = (sh: Shell, argv: string[], io: Io) => number | Proc;

const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseExitCode(sh: Shell, argv: string[], io: Io, fallback: number): number {
  const a = argv[1];
  if (a === undefined) return fallback;
  if (!/^[0-9]+$/.test(a)) {
    sh.error(io, `Illegal number: ${a}`, argv[0]!);
    sh.fatal(2);
  }
  return Number(a);
}

function quoteForSet(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

const BUILTINS: Record<string, Builtin> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  exit: (sh, argv, io) => sh.throwExit(parseExitCode(sh, argv, io, sh.status)),
  return: (sh, argv, io) => sh.doReturn(parseExitCode(sh, argv, io, sh.status)),
  break: (sh, argv, io) => sh.loopControl(argv, io, false),
  continue: (sh, argv, io) => sh.loopControl(argv, io, true),
  cd: (sh, argv, io) => {
    let dest = argv[1] === '--' ? argv[2] : argv[1];
    if (dest === undefined) dest = sh.vars.get('HOME') ?? '/';
    if (dest === '-') dest = sh.vars.get('OLDPWD') ?? sh.cwd;
    const path = normalizePath(dest, sh.cwd);
    const n = sh.rt.ctx.fs.stat(path);
    if (n?.kind !== 'dir') {
      sh.error(io, `can't cd to ${dest}: ${n ? 'Not a directory' : 'No such file or directory'}`, 'cd');
      return 2;
    }
    sh.vars.set('OLDPWD', sh.cwd);
    sh.cwd = path;
    sh.vars.set('PWD', path);
    return 0;
  },
  pwd: (sh, _argv, io) => {
    io.out.write(`${sh.cwd}\n`);
    return 0;
  },
  export: (sh, argv, io) => {
    const args = argv.slice(1).filter((a) => a !== '-p' && a !== '--');
    if (args.length === 0) {
      for (const k of [...sh.exported].sort()) {
        const v = sh.vars.get(k);
        if (v !== undefined) io.out.write(`export ${k}=${quoteForSet(v)}\n`);
      }
      return 0;
    }
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!NAME_RE.test(name)) {
        sh.error(io, `${a}: bad variable name`, 'export');
        return 2;
      }
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      sh.exported.add(name);
    }
    return 0;
  },
  readonly: (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq >= 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  local: (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      sh.declareLocal(name);
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    }
    return 0;
  },
  unset: (sh, argv) => {
    let funcs = false;
    for (const a of argv.slice(1)) {
      if (a === '-f') funcs = true;
      else if (a === '-v') funcs = false;
      else if (funcs) sh.funcs.delete(a);
      else {
        sh.vars.delete(a);
        sh.exported.delete(a);
      }
    }
    return 0;
  },
  set: (sh, argv, io) => {
    if (argv.length === 1) {
      for (const k of [...sh.vars.keys()].sort()) io.out.write(`${k}=${quoteForSet(sh.vars.get(k)!)}\n`);
      return 0;
    }
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        sh.positional = argv.slice(i + 1);
        return 0;
      }
      if (a === '-o' || a === '+o') {
        i++;
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        const on = a[0] === '-';
        if (a.includes('e')) sh.errexit = on;
        if (a.includes('x')) sh.xtrace = on;
        continue;
      }
      sh.positional = argv.slice(i);
      return 0;
    }
    return 0;
  },
  shift: (sh, argv, io) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 0) {
      sh.error(io, `Illegal number: ${argv[1]}`, 'shift');
      return 2;
    }
    if (n > sh.positional.length) return 1;
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  eval: (sh, argv, io) => sh.evalText(argv.slice(1).join(' '), io),
  '.': (sh, argv, io) => dot(sh, argv, io),
  source: (sh, argv, io) => dot(sh, argv, io),
  exec: (sh, argv, io) => execBuiltin(sh, argv, io),
  read: (sh, argv, io) => readBuiltin(sh, argv, io),
  wait: (sh) => waitBuiltin(sh),
  trap: (sh, argv) => {
    const action = argv[1];
    const sigs = argv.slice(2);
    if (action !== undefined && sigs.some((s) => s === 'EXIT' || s === '0')) {
      sh.setExitTrap(action === '-' || action === '' ? null : action);
    }
    return 0;
  },
  umask: () => 0,
  ulimit: (_sh, argv, io) => {
    if (argv.length === 1) io.out.write('unlimited\n');
    return 0;
  },
  command: (sh, argv, io) => commandBuiltin(sh, argv, io),
  type: (sh, argv, io) => {
    let status = 0;
    for (const name of argv.slice(1)) {
      const d = describe(sh, name);
      if (d === null) {
        io.out.write(`${name}: not found\n`);
        status = 127;
      } else io.out.write(`${name} is ${d}\n`);
    }
    return status;
  },
};
// A command name is whatever was typed: `constructor` or `__proto__` must not find Object's.
Object.setPrototypeOf(BUILTINS, null);

function describe(sh: Shell, name: string): string | null {
  if (sh.funcs.has(name)) return 'a function';
  if (SPECIAL_BUILTINS.has(name)) return 'a special shell builtin';
  if (BUILTINS[name] || name === 'echo' || name === 'printf' || name === 'test' || name === '[') return 'a shell builtin';
  const r = sh.resolve(name);
  if (r === null) return null;
  return name.includes('/') ? name : `/bin/${name}`;
}

function* dot(sh: Shell, argv: string[], io: Io): Gen<number> {
  const file = argv[1];
  if (file === undefined) return 0;
  const n = sh.rt.ctx.fs.stat(normalizePath(file, sh.cwd));
  if (n?.kind !== 'file') {
    sh.error(io, `can't open '${file}'`, argv[0]!);
    return sh.fatal(2);
  }
  return yield* sh.evalText(n.content, io);
}

function* execBuiltin(sh: Shell, argv: string[], io: Io): Gen<number> {
  if (argv.length === 1) {
    // `exec >file 2>&1`: the redirections stay in force for the rest of the script.
    return 0;
  }
  const status = yield* sh.runGen(argv.slice(1), io, false);
  return sh.throwExit(status);
}

function readBuiltin(sh: Shell, argv: string[], io: Io): number {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-r') raw = true;
    else if (a === '-p') {
      io.err.write(argv[++i] ?? '');
    } else if (a.startsWith('-') && names.length === 0) continue;
    else names.push(a);
  }
  if (names.length === 0) names.push('REPLY');
  let line = io.stdin.readLine();
  if (line === null) {
    for (const n of names) sh.setVar(n, '');
    return 1;
  }
  if (!raw) {
    while (line.endsWith('\\')) {
      const next: string | null = io.stdin.readLine();
      line = line.slice(0, -1) + (next ?? '');
      if (next === null) break;
    }
    line = line.replace(/\\(.)/g, '$1');
  }
  const ifs = sh.vars.get('IFS') ?? DEFAULT_IFS;
  let rest = line.replace(/^[ \t\n]+/, '');
  for (let i = 0; i < names.length; i++) {
    if (i === names.length - 1) {
      sh.setVar(names[i]!, rest.replace(/[ \t\n]+$/, ''));
      break;
    }
    let e = 0;
    while (e < rest.length && !ifs.includes(rest[e]!)) e++;
    sh.setVar(names[i]!, rest.slice(0, e));
    rest = rest.slice(e).replace(/^[ \t\n]+/, '');
    if (ifs.includes(rest[0] ?? '') && !isIfsSpace(rest[0]!)) rest = rest.slice(1).replace(/^[ \t\n]+/, '');
  }
  return 0;
}

function* waitBuiltin(sh: Shell): Gen<number> {
  if (!sh.startWaiting()) return 0;
  try {
    yield { type: 'forever' };
  } finally {
    sh.stopWaiting();
  }
  return 0;
}

function* commandBuiltin(sh: Shell, argv: string[], io: Io): Gen<number> {
  let i = 1;
  let describeMode = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v' || a === '-V') describeMode = true;
    else if (a === '-p') continue;
    else break;
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return 0;
  if (describeMode) {
    let status = 0;
    for (const name of rest) {
      const d = describe(sh, name);
      if (d === null) status = 127;
      else io.out.write(d.startsWith('/') || d === name ? `${d}\n` : `${name}\n`);
    }
    return status;
  }
  return yield* sh.runGen(rest, io, false);
}

// ------------------------------------------------------------------ entry points

export function isShellName(name: string): boolean {
  return SHELL_NAMES.has(name.slice(name.lastIndexOf('/') + 1));
}

