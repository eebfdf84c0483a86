// A student's progress through the lessons, saved in the browser: for each lesson the step
// they are on, when (in simulated time) it opened, the hints they have seen, and the steps done.
import { create } from 'zustand';

export interface LessonProgress {
  step: number;
  /** Simulated ms when the current step opened: `ran:` checks look at lines after it. */
  openedAt: number;
  hints: number;
  done: string[];
}

const KEY = 'kubelab.progress';

/**
 * A lesson is open as the student's own (`own`), as a step someone shared (`shared`), or as
 * an instructor's demo (`demo`). Each has its own lab and progress, so a shared link or a demo
 * never moves the student's own place in the lesson.
 */
export type LessonMode = 'own' | 'shared' | 'demo';

/** The lab context (labStore) a lesson opens in. */
export function lessonContext(id: string, mode: LessonMode): string {
  return mode === 'own' ? `lesson:${id}` : `${mode}:${id}`;
}

/** The key its progress is kept under; the student's own progress is under the lesson's id. */
export function progressKey(id: string, mode: LessonMode): string {
  return mode === 'own' ? id : `${mode}:${id}`;
}

function load(): Record<string, LessonProgress> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, p] of Object.entries(v as Record<string, unknown>)) {
      const o = p as Partial<LessonProgress> | null;
      if (!o || typeof o.step !== 'number' || !Array.isArray(o.done)) continue;
      out[id] = { step: o.step, openedAt: typeof o.openedAt === 'number' ? o.openedAt : 0, hints: typeof o.hints === 'number' ? o.hints : 0, done: o.done.filter((d): d is string => typeof d === 'string') };
    }
    return out;
  } catch {
    return {};
  }
}

interface ProgressState {
  lessons: Record<string, LessonProgress>;
  get(id: string): LessonProgress;
  update(id: string, patch: Partial<LessonProgress>): void;
  markDone(id: string, step: string): void;
  /** Forget a lesson's progress (a demo starts from the first step every time). */
  reset(id: string): void;
}

const EMPTY: LessonProgress = { step: 0, openedAt: 0, hints: 0, done: [] };

export const useProgress = create<ProgressState>((set, get) => ({
  lessons: typeof localStorage !== 'undefined' ? load() : {},
  get: (id) => get().lessons[id] ?? EMPTY,
  update(id, patch) {
    set({ lessons: { ...get().lessons, [id]: { ...get().get(id), ...patch } } });
  },
  markDone(id, step) {
    const p = get().get(id);
    if (!p.done.includes(step)) get().update(id, { done: [...p.done, step] });
  },
  reset(id) {
    const { [id]: _gone, ...rest } = get().lessons;
    set({ lessons: rest });
  },
}));

useProgress.subscribe((s) => {
  try {
    // A demo starts afresh every time: nothing of it is kept.
    const kept = Object.fromEntries(Object.entries(s.lessons).filter(([k]) => !k.startsWith('demo:')));
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // The lab's own notice already tells the student when storage fails.
  }
});
