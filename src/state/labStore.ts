// The page's zustand store, in slices: the simulation (a LabDriver and the view model built
// from it), time (paused, speed), the workspace (the YAML files: the store, not Monaco, holds
// them), the terminal (history and scrollback) and the UI (theme, language, selection, panes).
// React components select narrow slices; none of them holds the cluster's truth.
//
// The cluster itself is not persisted: its seed and the recorded actions are, and a reload
// replays them (the simulator is deterministic), so the student returns to the same cluster.
//
// kubectl is loaded apart from the page (kubectl/tool.ts): the first cluster is drawn before it
// arrives. Nothing that runs a command (a line, an Apply, a replay, a lesson's setup) starts
// until it is installed; such work waits for it, in order.

import { create } from 'zustand';
import { LabDriver, type Action, type DriverEvent } from '../sim/runner/driver.ts';
import { buildSnapshot, type ClusterSnapshot, type ObjectKey } from './snapshot.ts';
import { loadPrefs, loadSaved, saveLab, savePrefs, type SavedLab, type SaveProblem } from './persist.ts';
import { STARTER_FILES, type WorkspaceFile } from './workspace.ts';
import type { KubectlTool } from '../sim/kubectl/tool.ts';
import { editFileFor, editNote, editPatchLine } from './edit.ts';

export type Lang = 'en' | 'ko';
export type Theme = 'light' | 'dark';
export type PaneId = 'editor' | 'view' | 'inspector' | 'terminal';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

/**
 * The page's cluster differs from a real one in one place, for teaching, and the Faults
 * panel says so: pods leave an unreachable node after 60 s instead of the 300 s that
 * DefaultTolerationSeconds gives. Saved labs replay with the same options.
 */
export const EVICTION_TIMEOUT_SECONDS = 60;
const LAB_OPTIONS = { evictionTimeoutSeconds: EVICTION_TIMEOUT_SECONDS };

/** Terminal output is kept for the page (scrollback after a reload), bounded. */
const SCROLLBACK_CHARS = 200_000;
const HISTORY_MAX = 500;
/** Least real time between two view-model rebuilds while the clock runs. */
const SNAPSHOT_MS = 150;
/** Real time of simulation per task while rewinding or seeking; then the page gets a turn. */
const SLICE_MS = 24;
/** Simulated time per step inside a slice. */
const STEP_SIM_MS = 500;

interface SimSlice {
  /** Which lab this is: 'lab' (the free lab) or 'lesson:ID'; each is saved on its own. */
  context: string;
  seed: number;
  /** Simulated ms since the cluster started. */
  now: number;
  /** Simulated wall-clock time at t=0 (ms since 1970). */
  epoch: number;
  /** When the cluster was created (end of the warm-up), for the timeline's left edge. */
  startedAt: number;
  snapshot: ClusterSnapshot;
  actions: Action[];
  /** Recorded actions still ahead after a rewind. */
  future: Action[];
}

interface TimeSlice {
  paused: boolean;
  speed: number;
  /**
   * A rewind, a seek forward or a step to the next event in progress. Each runs in slices of
   * at most SLICE_MS of real time, so the page stays responsive (no task passes 50 ms); what
   * the student types meanwhile waits for it.
   */
  working: { kind: 'restore' | 'rewind' | 'forward' | 'step'; progress: number } | undefined;
}

interface WorkspaceSlice {
  files: WorkspaceFile[];
  activeFile: string;
  /** The last apply from the editor: its output, for the editor's status line. */
  lastApply: { file: string; output: string; ok: boolean } | undefined;
}

interface TerminalSlice {
  history: string[];
  scrollback: string;
  prompt: string;
  busy: boolean;
}

interface UiSlice {
  lang: Lang;
  theme: Theme;
  selected: ObjectKey | undefined;
  collapsed: Partial<Record<PaneId, boolean>>;
  /** Presentation mode (an instructor on a projector): large type, high contrast, big cluster view. */
  presentation: boolean;
  /** The panes collapsed in presentation mode, kept apart so leaving it restores the student's layout. */
  presentationCollapsed: Partial<Record<PaneId, boolean>>;
  showSystem: boolean;
  /** In a narrow window the panes become tabs: the one shown. */
  activePane: PaneId;
  /** A problem the page must tell the student about (storage full ...). */
  notice: SaveProblem | undefined;
}

interface Actions {
  // time
  tick(realMs: number): void;
  setPaused(paused: boolean): void;
  setSpeed(speed: number): void;
  stepToNextEvent(): void;
  rewindTo(now: number): void;
  /** Go to a moment: back by replay, forward by running the cluster. */
  seekTo(now: number): void;
  reset(): void;
  /**
   * Switch to another lab (the free lab, or a lesson's): the current one is saved, the other
   * restored from the browser or, the first time, made from `fresh` (seed, setup commands,
   * starting files).
   */
  enterContext(context: string, fresh: { seed: number; setup: string[]; files: WorkspaceFile[] }, replaceWith?: SavedLab): void;
  // terminal
  submit(line: string): void;
  interrupt(): void;
  clearTerminal(): void;
  subscribeTerminal(fn: (text: string) => void): () => void;
  // workspace
  updateFile(name: string, text: string): void;
  setActiveFile(name: string): void;
  newFile(name?: string): string;
  renameFile(from: string, to: string): string | undefined;
  deleteFile(name: string): void;
  applyFile(name: string): void;
  importFiles(files: WorkspaceFile[]): void;
  // ui
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  select(key: ObjectKey | undefined): void;
  /** Collapse or expand a pane (in presentation mode, in presentation mode's own layout). */
  toggleCollapsed(pane: PaneId): void;
  setPresentation(on: boolean): void;
  setShowSystem(show: boolean): void;
  setActivePane(pane: PaneId): void;
  dismissNotice(): void;
}

export type LabState = SimSlice & TimeSlice & WorkspaceSlice & TerminalSlice & UiSlice & Actions;

// The driver is not state React renders; it lives beside the store.
let driver: LabDriver;
let kubectlTool: KubectlTool | undefined;
const kubectlReady: Promise<KubectlTool> = import('../sim/kubectl/tool.ts').then((m) => {
  kubectlTool = m.KUBECTL;
  // The store (and so the driver) exists by now: this runs after the module has.
  driver.install(m.KUBECTL);
  return m.KUBECTL;
});
/** Run fn now if kubectl is installed, else once it is (in the order asked). */
function whenKubectl(fn: () => void): void {
  if (kubectlTool) fn();
  else void kubectlReady.then(fn);
}
/** Resolves once kubectl is installed (lazy lesson and share pages wait for it before entering a lab). */
export function kubectlLoaded(): Promise<void> {
  return kubectlReady.then(() => undefined);
}
/**
 * A lab being rebuilt from its saved actions: until it is there, the driver on screen is not
 * that lab's, and saving it would overwrite the student's work with an empty cluster.
 */
let restoring: string | undefined;
/** The current lab's setup commands (a lesson's), run again by Reset. */
let setupLines: string[] = [];
const terminalListeners = new Set<(text: string) => void>();

function browserLang(): Lang {
  const l = typeof navigator !== 'undefined' ? navigator.language : 'en';
  return l.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

function systemTheme(): Theme {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function uniqueName(files: WorkspaceFile[], base: string): string {
  const taken = new Set(files.map((f) => f.name));
  if (!taken.has(base)) return base;
  const stem = base.replace(/\.ya?ml$/, '');
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}.yaml`)) return `${stem}-${i}.yaml`;
}

/** Is the pane collapsed in the layout in use (presentation mode has its own)? */
export function paneCollapsed(s: Pick<LabState, 'presentation' | 'collapsed' | 'presentationCollapsed'>, pane: PaneId): boolean {
  return !!(s.presentation ? s.presentationCollapsed : s.collapsed)[pane];
}

/** In presentation mode the lesson text (the right-hand pane) starts collapsed to a strip. */
const PRESENTATION_COLLAPSED: Partial<Record<PaneId, boolean>> = { inspector: true };

export const useLab = create<LabState>((set, get) => {
  const saved = loadSaved('lab');
  const prefs = loadPrefs();
  const readFile = (name: string) => get().files.find((f) => f.name === name)?.text;
  // What the workstation's shell writes in its home directory comes back to the workspace:
  // changes to a file the editor has, and new YAML or JSON files (kubectl ... -o yaml > x.yaml).
  const writeFile = (name: string, text: string): void => {
    const files = get().files;
    if (files.some((f) => f.name === name)) set({ files: files.map((f) => (f.name === name ? { ...f, text } : f)) });
    else if (/\.(ya?ml|json)$/.test(name)) set({ files: [...files, { name, text }] });
  };
  const labOptions = (seed: number) => ({ ...LAB_OPTIONS, seed, readFile, writeFile, ...(kubectlTool ? { kubectl: kubectlTool } : {}) });

  function attach(d: LabDriver): void {
    driver = d;
    d.subscribe(onDriverEvent);
  }

  function onDriverEvent(e: DriverEvent): void {
    if (e.kind === 'output') {
      const text = e.text;
      if (e.channel === 'background') {
        const last = get().lastApply;
        if (last) set({ lastApply: { ...last, output: last.output + text, ok: last.ok && !/^(error|Error)/m.test(text) } });
      }
      appendScrollback(text);
      return;
    }
    if (e.channel === 'terminal') set({ prompt: e.prompt, busy: driver.busy('terminal') });
    else if (!driver.busy('terminal')) appendScrollback('');
  }

  function appendScrollback(text: string): void {
    if (!text) return;
    for (const fn of terminalListeners) fn(text);
    const sb = get().scrollback + text;
    set({ scrollback: sb.length > SCROLLBACK_CHARS ? sb.slice(sb.length - SCROLLBACK_CHARS) : sb });
  }

  // The view model is rebuilt at most every SNAPSHOT_MS of real time while time runs (a busy
  // cluster changes its store on almost every frame, and a 300-pod rebuild plus redraw per
  // frame is what made long tasks); anything the student does rebuilds it at once.
  let lastSnapshotAt = -Infinity;
  function syncSim(fromTick = false): void {
    const s = get();
    const t = typeof performance !== 'undefined' ? performance.now() : 0;
    const due = !fromTick || t - lastSnapshotAt >= SNAPSHOT_MS;
    const snapshot = due ? buildSnapshot(driver.cluster, s.snapshot) : s.snapshot;
    if (due) lastSnapshotAt = t;
    const patch: Partial<LabState> = { now: driver.now };
    if (snapshot !== s.snapshot) patch.snapshot = snapshot;
    if (driver.actions.length !== s.actions.length || driver.future !== s.future) {
      patch.actions = [...driver.actions];
      patch.future = driver.future;
    }
    set(patch);
  }

  // Time travel in slices (see TimeSlice.working). `job` numbers the current one: a new
  // rewind, a reset or a switch of lab supersedes it, and it then only tidies up.
  let job = 0;
  let waiting: (() => void)[] = [];
  const clockNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  function sliced(kind: NonNullable<TimeSlice['working']>['kind'], step: () => boolean, progress: () => number, finish: (completed: boolean) => void): void {
    const id = ++job;
    set({ working: { kind, progress: 0 }, busy: true });
    const end = (completed: boolean): void => {
      set({ working: undefined });
      finish(completed);
      set({ busy: driver.busy('terminal') });
      const later = waiting;
      waiting = [];
      for (const fn of later) fn();
    };
    const slice = (): void => {
      if (id !== job) return finish(false);
      const start = clockNow();
      try {
        for (;;) {
          if (step()) return end(true);
          if (clockNow() - start >= SLICE_MS) break;
        }
      } catch (err) {
        // A failing step must not leave the page waiting for ever with the student's input held.
        end(false);
        throw err;
      }
      set({ working: { kind, progress: progress() } });
      setTimeout(slice, 0);
    };
    slice();
  }
  /** Can a command run now: kubectl installed, and no time travel in progress? */
  const ready = (): boolean => kubectlTool !== undefined && !get().working;
  /** Run fn now, or once kubectl is installed and the time travel in progress is over. */
  function whenIdle(fn: () => void): void {
    if (!kubectlTool) whenKubectl(() => whenIdle(fn));
    else if (get().working) waiting.push(fn);
    else fn();
  }
  function cancelWork(): void {
    job++;
    waiting = [];
    if (get().working) set({ working: undefined });
  }

  /**
   * `kubectl edit TYPE NAME` in the page opens the live object in the editor (edit.ts).
   * Returns false when the line is no such edit, so it runs as a command and prints its error.
   */
  function openForEdit(line: string): boolean {
    if (driver.session().mode.kind !== 'host') return false;
    const file = editFileFor(line, (argv) => driver.read(argv));
    if (!file) return false;
    get().importFiles([file]);
    set({ scrollback: get().scrollback + driver.prompt() + line + '\n' });
    appendScrollback(`\x1b[90m${editNote(file, get().lang)}\x1b[0m\n`);
    set({ prompt: driver.prompt(), busy: false });
    return true;
  }

  const seed = saved?.seed ?? 1;
  // A fresh cluster is drawn at once. A saved lab is rebuilt from its actions once kubectl is
  // there, in slices like a rewind (a long session would otherwise hold the page at load);
  // the fresh cluster shows meanwhile, under a progress line, and time waits.
  const initial = new LabDriver(labOptions(seed));
  const startedAt = saved?.startedAt ?? initial.now;
  attach(initial);
  if (saved) {
    restoring = 'lab';
    whenKubectl(() => {
      if (get().context !== 'lab' || restoring !== 'lab') return;
      const replay = LabDriver.replayer(labOptions(seed), saved.actions, saved.now);
      sliced(
        'restore',
        () => replay.step(STEP_SIM_MS),
        () => replay.progress(),
        (completed) => {
          if (!completed) return;
          restoring = undefined;
          attach(replay.driver);
          set({ prompt: driver.prompt(), snapshot: buildSnapshot(driver.cluster) });
          syncSim();
        },
      );
    });
  }

  return {
    context: 'lab',
    seed,
    now: initial.now,
    epoch: initial.cluster.clock.epoch,
    startedAt,
    snapshot: buildSnapshot(initial.cluster),
    actions: [...initial.actions],
    future: initial.future,
    paused: false,
    speed: 1,
    working: saved ? { kind: 'restore', progress: 0 } : undefined,
    files: saved?.files ?? STARTER_FILES,
    activeFile: saved?.activeFile ?? STARTER_FILES[0]!.name,
    lastApply: undefined,
    history: saved?.history ?? [],
    scrollback: saved?.scrollback ?? '',
    prompt: initial.prompt(),
    busy: false,
    lang: prefs.lang ?? saved?.lang ?? browserLang(),
    theme: prefs.theme ?? saved?.theme ?? systemTheme(),
    selected: undefined,
    collapsed: saved?.collapsed ?? {},
    presentation: prefs.presentation ?? false,
    presentationCollapsed: prefs.presentationCollapsed ?? PRESENTATION_COLLAPSED,
    showSystem: false,
    activePane: 'editor',
    notice: undefined,

    tick(realMs) {
      const s = get();
      if (s.paused || s.working) return;
      driver.advance(Math.round(realMs * s.speed));
      syncSim(true);
    },
    setPaused: (paused) => set({ paused }),
    setSpeed: (speed) => set({ speed }),
    stepToNextEvent() {
      // Run until the cluster records a new Event (or five minutes pass), then pause there.
      if (get().working) return;
      const store = driver.cluster.store;
      let seen = false;
      let steps = 0;
      const MAX_STEPS = 600;
      const off = store.watch('Event', () => (seen = true));
      sliced(
        'step',
        () => {
          driver.advance(STEP_SIM_MS);
          syncSim(true);
          return seen || ++steps >= MAX_STEPS;
        },
        () => steps / MAX_STEPS,
        (completed) => {
          off();
          if (!completed) return;
          set({ paused: true });
          syncSim();
        },
      );
    },
    rewindTo(now) {
      if (!kubectlTool) return whenKubectl(() => get().rewindTo(now));
      const all = [...driver.actions, ...driver.future];
      const target = Math.max(get().startedAt, Math.min(now, driver.now + 24 * 3600_000));
      // Replayed from the start in slices; the cluster on screen stays until the replay is there.
      const replay = LabDriver.replayer(labOptions(get().seed), all, target);
      sliced(
        'rewind',
        () => replay.step(STEP_SIM_MS),
        () => replay.progress(),
        (completed) => {
          if (!completed) return;
          attach(replay.driver);
          set({ prompt: driver.prompt(), snapshot: buildSnapshot(driver.cluster) });
          appendScrollback(`\n\x1b[90m— ${get().lang === 'ko' ? '되감기' : 'rewound to'} ${new Date(get().epoch + target).toISOString().slice(11, 19)} —\x1b[0m\n`);
          syncSim();
        },
      );
    },
    seekTo(target) {
      const from = driver.now;
      if (target < from) {
        get().rewindTo(target);
        return;
      }
      if (get().working) return;
      // Forward at most an hour in one go, by running the cluster in slices.
      const end = Math.min(target, from + 3600_000);
      sliced(
        'forward',
        () => {
          driver.advance(Math.min(STEP_SIM_MS, end - driver.now));
          syncSim(true);
          return driver.now >= end;
        },
        () => (end > from ? (driver.now - from) / (end - from) : 1),
        () => syncSim(),
      );
    },
    reset() {
      if (!kubectlTool) return whenKubectl(() => get().reset());
      cancelWork();
      restoring = undefined;
      const d = new LabDriver(labOptions(get().seed));
      attach(d);
      for (const line of setupLines) d.submit(line, 'background');
      set({ startedAt: d.now, scrollback: '', busy: false, prompt: d.prompt(), selected: undefined, snapshot: buildSnapshot(d.cluster), actions: [], future: [] });
      for (const fn of terminalListeners) fn('\x1bc');
      syncSim();
    },
    enterContext(context, fresh, replaceWith) {
      if (context === get().context && !replaceWith) return;
      // The lesson and share pages wait for kubectlLoaded() first; this is the safety net.
      if (!kubectlTool) return whenKubectl(() => get().enterContext(context, fresh, replaceWith));
      cancelWork();
      persistNow();
      restoring = undefined;
      const saved = replaceWith ?? loadSaved(context);
      const seed = saved?.seed ?? fresh.seed;
      setupLines = fresh.setup;
      set({ context, seed, files: saved?.files ?? fresh.files, activeFile: saved?.activeFile ?? fresh.files[0]?.name ?? 'untitled.yaml', history: saved?.history ?? [], scrollback: saved?.scrollback ?? '', selected: undefined, lastApply: undefined, future: [] });
      let d: LabDriver;
      if (saved) d = LabDriver.replay(labOptions(seed), saved.actions, saved.now);
      else {
        d = new LabDriver(labOptions(seed));
        // Setup is recorded like anything else, so a replay rebuilds the lesson's cluster.
        for (const line of fresh.setup) d.submit(line, 'background');
      }
      attach(d);
      set({ startedAt: saved?.startedAt ?? d.now, busy: d.busy('terminal'), prompt: d.prompt(), snapshot: buildSnapshot(d.cluster), actions: [...d.actions], future: d.future });
      const back = get().scrollback;
      for (const fn of terminalListeners) {
        fn('\x1bc');
        if (back) fn(back);
      }
      syncSim();
    },

    submit(line) {
      if (!ready()) return whenIdle(() => get().submit(line));
      const trimmed = line.trim();
      const history = trimmed && get().history.at(-1) !== line ? [...get().history, line].slice(-HISTORY_MAX) : get().history;
      set({ history });
      if (trimmed === 'clear') {
        get().clearTerminal();
        appendScrollback('');
        set({ prompt: driver.prompt() });
        return;
      }
      if (openForEdit(line)) return;
      // The terminal echoed the line as it was typed; the scrollback keeps it for a reload.
      const sb = get().scrollback + driver.prompt() + line.replace(/\n/g, '\n> ') + '\n';
      set({ scrollback: sb.length > SCROLLBACK_CHARS ? sb.slice(sb.length - SCROLLBACK_CHARS) : sb });
      driver.submit(line, 'terminal');
      set({ busy: driver.busy('terminal') });
      syncSim();
    },
    interrupt() {
      if (!ready()) return whenIdle(() => get().interrupt());
      driver.interrupt();
      set({ busy: false });
      syncSim();
    },
    clearTerminal() {
      set({ scrollback: '' });
      for (const fn of terminalListeners) fn('\x1bc');
    },
    subscribeTerminal(fn) {
      terminalListeners.add(fn);
      return () => terminalListeners.delete(fn);
    },

    updateFile(name, text) {
      set({ files: get().files.map((f) => (f.name === name ? { ...f, text } : f)) });
    },
    setActiveFile: (name) => set({ activeFile: name }),
    newFile(name) {
      const n = uniqueName(get().files, name ?? 'untitled.yaml');
      set({ files: [...get().files, { name: n, text: '' }], activeFile: n });
      return n;
    },
    renameFile(from, to) {
      const clean = to.trim();
      if (!/^[\w.-]+$/.test(clean)) return 'Use letters, digits, dots, dashes and underscores only.';
      if (clean !== from && get().files.some((f) => f.name === clean)) return `A file named ${clean} already exists.`;
      set({ files: get().files.map((f) => (f.name === from ? { ...f, name: clean } : f)), activeFile: get().activeFile === from ? clean : get().activeFile });
      return undefined;
    },
    deleteFile(name) {
      const files = get().files.filter((f) => f.name !== name);
      const next = files.length ? files : [{ name: 'untitled.yaml', text: '' }];
      set({ files: next, activeFile: get().activeFile === name ? next[0]!.name : get().activeFile });
    },
    applyFile(name) {
      if (!ready()) return whenIdle(() => get().applyFile(name));
      // The editor's Apply is `kubectl apply -f FILE` (`replace` for an object opened by
      // `kubectl edit`), echoed in the terminal like a command.
      const file = get().files.find((f) => f.name === name);
      const line = file?.editOf ? editPatchLine(name, file.editOf, file.text) : `kubectl apply -f ${name}`;
      appendScrollback(`${get().busy ? '\r\n' : ''}\x1b[90m# ${get().lang === 'ko' ? '편집기에서 적용' : 'applied from the editor'}\x1b[0m\r\n${driver.prompt('background')}${line}\r\n`);
      set({ lastApply: { file: name, output: '', ok: true } });
      driver.submit(line, 'background');
      syncSim();
    },
    importFiles(files) {
      let all = get().files;
      for (const f of files) {
        const existing = all.find((x) => x.name === f.name);
        all = existing ? all.map((x) => (x.name === f.name ? f : x)) : [...all, f];
      }
      set({ files: all, activeFile: files[0]?.name ?? get().activeFile });
    },

    setLang: (lang) => set({ lang }),
    setTheme: (theme) => set({ theme }),
    select: (key) => set({ selected: key }),
    toggleCollapsed(pane) {
      const s = get();
      if (s.presentation) set({ presentationCollapsed: { ...s.presentationCollapsed, [pane]: !s.presentationCollapsed[pane] } });
      else set({ collapsed: { ...s.collapsed, [pane]: !s.collapsed[pane] } });
    },
    setPresentation: (presentation) => set({ presentation }),
    setShowSystem: (showSystem) => set({ showSystem }),
    setActivePane: (activePane) => set({ activePane }),
    dismissNotice: () => set({ notice: undefined }),
  };
});

/** The live driver, for views that read the cluster directly (describe, logs, YAML). */
export function currentDriver(): LabDriver {
  return driver;
}

// Save as things change: at most once a second, and when the page is hidden.
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let lastSavedNow = 0;
function persistNow(): void {
  saveTimer = undefined;
  const s = useLab.getState();
  lastSavedNow = s.now;
  // A demo starts afresh every time; there is nothing of it to keep. A lab being restored
  // is not on screen yet.
  if (s.context.startsWith('demo:') || s.context === restoring) return;
  const data: SavedLab = {
    seed: s.seed,
    startedAt: s.startedAt,
    now: s.now,
    actions: s.actions,
    files: s.files,
    activeFile: s.activeFile,
    history: s.history,
    scrollback: s.scrollback,
    lang: s.lang,
    theme: s.theme,
    collapsed: s.collapsed,
  };
  const err = saveLab(data, s.context);
  if (err && useLab.getState().notice !== err) useLab.setState({ notice: err });
}
useLab.subscribe((s, prev) => {
  if (s.files === prev.files && s.actions === prev.actions && s.history === prev.history && s.lang === prev.lang && s.theme === prev.theme && s.collapsed === prev.collapsed && s.activeFile === prev.activeFile && Math.abs(s.now - lastSavedNow) < 5_000) return;
  saveTimer ??= setTimeout(persistNow, 1000);
});
// Preferences are small: saved the moment they change.
useLab.subscribe((s, prev) => {
  if (s.lang !== prev.lang || s.theme !== prev.theme || s.presentation !== prev.presentation || s.presentationCollapsed !== prev.presentationCollapsed) {
    savePrefs({ lang: s.lang, theme: s.theme, presentation: s.presentation, presentationCollapsed: s.presentationCollapsed });
  }
});
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') persistNow();
  });
}
