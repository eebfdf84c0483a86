// Opening a lesson step in the page: the progress moves to it (its `ran:` checks start from
// now) and the files it names join the workspace, where missing. The lesson panel's
// Previous/Next and the demo's "next step" both go through here.
import { useLab } from '../../state/labStore.ts';
import { useProgress } from '../../state/progress.ts';
import { stepFiles } from '../../lessons/replay.ts';
import type { Lesson } from '../../lessons/types.ts';

export function openLessonStep(lesson: Lesson, key: string, index: number): void {
  const step = lesson.steps[index];
  if (!step) return;
  useProgress.getState().update(key, { step: index, openedAt: useLab.getState().now, hints: 0 });
  const have = new Set(useLab.getState().files.map((f) => f.name));
  const missing = stepFiles(lesson, step).filter((f) => !have.has(f.name));
  if (missing.length) useLab.getState().importFiles(missing);
}
