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
}));

useProgress.subscribe((s) => {
  try {
    localStorage.setItem(KEY, JSON.stringify(s.lessons));
  } catch {
    // The lab's own notice already tells the student when storage fails.
  }
});
