// Demo mode: the lesson's own solutions, stepped through one keypress at a time for a class.
// The bar says what the next keypress does; N (outside the editor, terminal and text fields)
// or the Next button performs it where the class can see it: a file is put into the editor and
// applied as the editor's Apply does, a line is typed into the terminal, a wait moves the clock.
// Everything goes through the store's usual commands, so it is recorded, replayable, and the
// same seed gives the same cluster.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLab } from '../../state/labStore.ts';
import { useProgress } from '../../state/progress.ts';
import { demoPlan, demoPosition, demoText, type DemoItem } from '../../lessons/demo.ts';
import type { Lesson } from '../../lessons/types.ts';
import { routeHref } from '../useRoute.ts';
import { typing } from '../useShortcuts.ts';
import { openLessonStep } from './openStep.ts';
import { lessonStrings } from './strings.ts';

export function DemoBar({ lesson, progressKey }: { lesson: Lesson; progressKey: string }) {
  const t = lessonStrings();
  const lang = useLab((s) => s.lang);
  const busy = useLab((s) => s.busy);
  const paused = useLab((s) => s.paused);
  const stepIndex = useProgress((s) => s.get(progressKey).step);
  const stepDone = useProgress((s) => s.get(progressKey).done.includes(lesson.steps[s.get(progressKey).step]?.id ?? ''));
  const plan = useMemo(() => demoPlan(lesson), [lesson]);
  // How many of the current step's items have run; a step opened some other way starts at 0.
  const [cursor, setCursor] = useState({ step: stepIndex, done: 0 });
  const done = cursor.step === stepIndex ? cursor.done : 0;
  const pos = demoPosition(plan, stepIndex, done);
  const [last, setLast] = useState('');

  const describe = (item: DemoItem): string => {
    if (item.kind === 'apply') return t('demoApply', { file: item.file });
    if (item.kind === 'wait') return t('demoWait', { time: demoText(item) });
    if (item.kind === 'next') return t('demoNextStep', { n: item.to + 1, title: lesson.steps[item.to]!.text[lang].title });
    return demoText(item);
  };

  const perform = (item: DemoItem): void => {
    const s = useLab.getState();
    if (item.kind === 'apply') {
      s.importFiles([{ name: item.file, text: item.text }]);
      s.applyFile(item.file);
    } else if (item.kind === 'run') s.submit(item.line);
    else if (item.kind === 'wait') s.seekTo(s.now + item.ms);
    if (item.kind === 'next') {
      openLessonStep(lesson, progressKey, item.to);
      setCursor({ step: item.to, done: 0 });
      setLast(t('demoOpened', { n: item.to + 1, title: lesson.steps[item.to]!.text[lang].title }));
    } else {
      setCursor({ step: stepIndex, done: done + 1 });
      setLast(t('demoDid', { what: describe(item) }));
    }
  };

  const next = (): void => {
    // A line still running (a `kubectl wait`) holds the next one back, as it would a student.
    if (!pos.item || useLab.getState().busy) return;
    perform(pos.item);
  };
  const nextRef = useRef(next);
  nextRef.current = next;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target) || e.code !== 'KeyN') return;
      e.preventDefault();
      nextRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const waiting = busy && pos.item !== undefined;
  return (
    <section className="demo-bar" aria-label={t('demo')}>
      <span className="demo-badge">{t('demo')}</span>
      <span className="demo-where" data-testid="demo-position">
        {t('stepOf', { n: pos.step, total: pos.steps })}
        {pos.commands > 0 && ` · ${t('commandOf', { n: pos.command, total: pos.commands })}`}
      </span>
      <span className="demo-next">
        {pos.item ? (
          <>
            <span className="demo-label">{t('demoUpNext')}</span>{' '}
            {pos.item.kind === 'run' || pos.item.kind === 'apply' ? <code data-testid="demo-command">{describe(pos.item)}</code> : <span data-testid="demo-command">{describe(pos.item)}</span>}
            {pos.item.kind === 'next' && stepDone && <span className="demo-ok"> ✓ {t('allPassedShort')}</span>}
          </>
        ) : (
          <span>{t('demoFinished')}</span>
        )}
      </span>
      <span className="visually-hidden" role="status">
        {waiting ? (paused ? t('demoPaused') : t('demoBusy')) : last}
      </span>
      {waiting && (
        <span className="demo-wait" aria-hidden="true">
          {paused ? t('demoPaused') : t('demoBusy')}
        </span>
      )}
      <button type="button" className="text-btn primary" aria-disabled={!pos.item || waiting} title={t('demoKey')} aria-keyshortcuts="N" onClick={next}>
        {t('demoNext')}
      </button>
      <a className="text-btn" href={routeHref({ page: 'lesson', id: lesson.id, step: undefined, mode: 'own' })}>
        {t('demoExit')}
      </a>
    </section>
  );
}
