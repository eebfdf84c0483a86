// Saving the lab in the browser. The cluster is saved as its seed and the actions that made
// it (replayed on load); the workspace, terminal history and scrollback as they are. Storage
// that is full or switched off is reported, never ignored: the student must know their work
// is not being kept.

import type { Action } from '../sim/runner/driver.ts';
import type { WorkspaceFile } from './workspace.ts';

export const STORAGE_KEY = 'kubelab.lab';
export const SAVE_VERSION = 1;

export interface SavedLab {
  seed: number;
  startedAt: number;
  now: number;
  actions: Action[];
  files: WorkspaceFile[];
  activeFile: string;
  history: string[];
  scrollback: string;
  lang: 'en' | 'ko';
  theme: 'light' | 'dark';
  collapsed: Partial<Record<'editor' | 'view' | 'inspector' | 'terminal', boolean>>;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validAction(a: unknown): a is Action {
  if (!isObject(a) || typeof a['at'] !== 'number' || !Number.isFinite(a['at'])) return false;
  if (a['kind'] === 'interrupt') return true;
  return a['kind'] === 'line' && typeof a['text'] === 'string' && (a['channel'] === 'terminal' || a['channel'] === 'background');
}

/**
 * Read a stored lab, checking every field: a damaged or foreign value yields undefined for
 * that part rather than an exception (the page then starts fresh for it).
 */
export function parseSaved(raw: string | null | undefined): SavedLab | undefined {
  if (!raw) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(v) || v['version'] !== SAVE_VERSION) return undefined;
  const files = Array.isArray(v['files']) ? v['files'].filter((f): f is WorkspaceFile => isObject(f) && typeof f['name'] === 'string' && typeof f['text'] === 'string') : [];
  const actions = Array.isArray(v['actions']) && v['actions'].every(validAction) ? (v['actions'] as Action[]) : [];
  const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) ? x : d);
  return {
    seed: num(v['seed'], 1),
    startedAt: num(v['startedAt'], 0),
    now: num(v['now'], 0),
    actions,
    files: files.length ? files : [{ name: 'untitled.yaml', text: '' }],
    activeFile: typeof v['activeFile'] === 'string' ? v['activeFile'] : (files[0]?.name ?? 'untitled.yaml'),
    history: Array.isArray(v['history']) ? v['history'].filter((h): h is string => typeof h === 'string') : [],
    scrollback: typeof v['scrollback'] === 'string' ? v['scrollback'] : '',
    lang: v['lang'] === 'ko' ? 'ko' : 'en',
    theme: v['theme'] === 'dark' ? 'dark' : 'light',
    collapsed: isObject(v['collapsed']) ? (v['collapsed'] as SavedLab['collapsed']) : {},
  };
}

/** Where a lab is kept: the free lab, or one lab per lesson (`lesson:05-init-containers`). */
export function storageKey(context: string): string {
  return context === 'lab' ? STORAGE_KEY : `kubelab.${context}`;
}

/**
 * Saves this version of Kubelab cannot read, keyed by the lab they belonged to. Migrations from
 * older versions go in MIGRATIONS; a save that no migration can read (damaged, or written by a
 * newer Kubelab after a rollback) is moved here before the lab starts afresh, so the next save
 * cannot overwrite it, and the page offers it for download. Never dropped.
 */
export const UNREADABLE_PREFIX = 'kubelab.unreadable.';

/** version -> a function that turns a save of that version into one of the next version. */
export const MIGRATIONS: Record<number, (v: Record<string, unknown>) => Record<string, unknown>> = {};

/** Bring an older save up to SAVE_VERSION, if every step between has a migration. */
export function migrate(raw: string): string {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return raw;
  }
  if (!isObject(v) || typeof v['version'] !== 'number') return raw;
  let cur = v;
  for (let ver = v['version'] as number; ver < SAVE_VERSION; ver++) {
    const step = MIGRATIONS[ver];
    if (!step) return raw;
    cur = { ...step(cur), version: ver + 1 };
  }
  return JSON.stringify(cur);
}

export type LoadResult = { lab?: SavedLab; keptUnreadable?: string };

/** Read a lab's save from the given storage; an unreadable one is kept aside, never lost. */
export function loadFrom(store: Storage | undefined, context: string): LoadResult {
  const key = storageKey(context);
  const raw = store?.getItem(key);
  if (!raw) return {};
  const lab = parseSaved(migrate(raw));
  if (lab) return { lab };
  const aside = `${UNREADABLE_PREFIX}${context}`;
  try {
    // An older unreadable save of the same lab is not replaced: the first one is the one to keep.
    if (!store?.getItem(aside)) store?.setItem(aside, raw);
    store?.removeItem(key);
  } catch {
    // Storage full: the unreadable save stays where it is, and the lab does not save over it
    // (saving fails the same way), so it is still there to download.
  }
  return { keptUnreadable: aside };
}

export function loadSaved(context = 'lab'): SavedLab | undefined {
  try {
    return loadFrom(storage(), context).lab;
  } catch {
    return undefined;
  }
}

/** Saves kept aside because they could not be read: [storage key, text], for download. */
export function unreadableSaves(): [string, string][] {
  const store = storage();
  if (!store) return [];
  const out: [string, string][] = [];
  try {
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i);
      if (k?.startsWith(UNREADABLE_PREFIX)) out.push([k, store.getItem(k) ?? '']);
    }
  } catch {
    return out;
  }
  return out.sort(([a], [b]) => (a < b ? -1 : 1));
}

/** The student has downloaded a kept save and wants it gone. */
export function discardUnreadable(key: string): void {
  try {
    if (key.startsWith(UNREADABLE_PREFIX)) storage()?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** Forget a saved lab (a demo starts from the lesson's own start every time). */
export function clearSaved(context: string): void {
  try {
    storage()?.removeItem(storageKey(context));
  } catch {
    // Nothing to forget.
  }
}

/**
 * UI preferences, kept apart from any one lab so they hold on every page: a lab's save is only
 * read when that lab opens, so a theme chosen on a lesson page would otherwise be lost on reload.
 */
export const PREFS_KEY = 'kubelab.prefs';

type PaneFlags = SavedLab['collapsed'];

export interface Prefs {
  lang: 'en' | 'ko';
  theme: 'light' | 'dark';
  /** Presentation mode (projector): large type, high contrast, the cluster view large. */
  presentation: boolean;
  /** Which panes are collapsed in presentation mode (the lesson text, at first). */
  presentationCollapsed: PaneFlags;
}

const PANES = ['editor', 'view', 'inspector', 'terminal'] as const;

function paneFlags(v: unknown): PaneFlags | undefined {
  if (!isObject(v)) return undefined;
  const out: PaneFlags = {};
  for (const p of PANES) if (typeof v[p] === 'boolean') out[p] = v[p];
  return out;
}

/** Each field checked on its own: a damaged one is left out (its default holds), never thrown. */
export function parsePrefs(raw: string | null | undefined): Partial<Prefs> {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!isObject(v)) return {};
  const out: Partial<Prefs> = {};
  if (v['lang'] === 'en' || v['lang'] === 'ko') out.lang = v['lang'];
  if (v['theme'] === 'light' || v['theme'] === 'dark') out.theme = v['theme'];
  if (typeof v['presentation'] === 'boolean') out.presentation = v['presentation'];
  const pc = paneFlags(v['presentationCollapsed']);
  if (pc) out.presentationCollapsed = pc;
  return out;
}

export function loadPrefs(): Partial<Prefs> {
  try {
    return parsePrefs(storage()?.getItem(PREFS_KEY));
  } catch {
    return {};
  }
}

export function savePrefs(prefs: Prefs): void {
  try {
    storage()?.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // saveLab reports a full or missing storage; preferences are not worth a second notice.
  }
}

export type SaveProblem = 'storageUnavailable' | 'storageFull';

/** Save; says why when the browser would not keep it (the page tells the student). */
export function saveLab(lab: SavedLab, context = 'lab'): SaveProblem | undefined {
  const s = storage();
  if (!s) return 'storageUnavailable';
  try {
    s.setItem(storageKey(context), JSON.stringify({ version: SAVE_VERSION, ...lab }));
    return undefined;
  } catch {
    return 'storageFull';
  }
}
