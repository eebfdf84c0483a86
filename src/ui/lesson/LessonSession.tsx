// A lesson page's lab: while the route is a lesson, the lab is that lesson's (the student's
// own, a shared step, or a demo), whatever panes are collapsed. It lives beside the panes, not
// in the lesson pane, so collapsing the lesson text (presentation mode) keeps the lesson's cluster.
import { useEffect } from 'react';
import { useLab } from '../../state/labStore.ts';
import { clearSaved } from '../../state/persist.ts';
import { lessonContext, progressKey, useProgress, type LessonMode } from '../../state/progress.ts';
import { stepFiles } from '../../lessons/replay.ts';
import { parseRoute } from '../useRoute.ts';
import { findLesson } from './catalog.ts';
import { DemoBar } from './DemoBar.tsx';

export default function LessonSession({ id, mode }: { id: string; mode: LessonMode }) {
  const lesson = findLesson(id);
  const enter = useLab((s) => s.enterContext);

  useEffect(() => {
    if (!lesson) return;
    const context = lessonContext(lesson.id, mode);
    const key = progressKey(lesson.id, mode);
    const first = lesson.steps[0];
    const fresh = { seed: lesson.seed, setup: lesson.setup, files: first ? stepFiles(lesson, first) : [] };
    if (mode === 'demo' && useLab.getState().context !== context) {
      // A demo always starts from the lesson's start: same seed, same setup, step one.
      clearSaved(context);
      useProgress.getState().reset(key);
    }
    enter(context, fresh);
    // A first visit: the first step opens now, after the setup, so setup lines are not the student's.
    if (!useProgress.getState().lessons[key]) useProgress.getState().update(key, { step: 0, openedAt: useLab.getState().now, hints: 0, done: [] });
    // Lines that wait (`kubectl wait`, `rollout status`) need time to run to return.
    if (mode === 'demo') useLab.getState().setPaused(false);
    return () => {
      // Another lesson page enters its own lab; anything else returns to the free lab.
      if (parseRoute(window.location.hash).page !== 'lesson') enter('lab', { seed: 1, setup: [], files: [] });
    };
  }, [lesson, mode, enter]);

  if (!lesson || mode !== 'demo') return null;
  return <DemoBar lesson={lesson} progressKey={progressKey(lesson.id, mode)} />;
}
