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

export function loadSaved(context = 'lab'): SavedLab | undefined {
  try {
    return parseSaved(storage()?.getItem(storageKey(context)));
  } catch {
    return undefined;
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
