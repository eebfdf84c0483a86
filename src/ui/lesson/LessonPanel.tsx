import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { currentDriver, useLab } from '../../state/labStore.ts';
import { progressKey, useProgress, type LessonMode } from '../../state/progress.ts';
import { checkStep } from '../../lessons/replay.ts';
import type { Lesson, StepResult } from '../../lessons/types.ts';
import { routeHref } from '../useRoute.ts';
import { findLesson } from './catalog.ts';
import { Markdown, type CodeActions } from './markdown.tsx';
import { lessonStrings } from './strings.ts';
import { Inspector } from '../Inspector.tsx';
import { openLessonStep } from './openStep.ts';
import './lesson.css';

const CHECK_EVERY_MS = 500;

/** The lines the student ran since `openedAt`: terminal lines and the editor's applies. */
function ranSince(openedAt: number): string[] {
  const out: string[] = [];
  for (const a of useLab.getState().actions) {
    if (a.kind !== 'line' || a.at < openedAt) continue;
    out.push(...a.text.split('\n').filter((l) => l.trim()));
  }
  return out;
}

function useCodeActions(): CodeActions {
  const importFiles = useLab((s) => s.importFiles);
  const submit = useLab((s) => s.submit);
  return useMemo(
    () => ({
      openInEditor: (file, code) => importFiles([{ name: file, text: code }]),
      runInTerminal: (code) => submit(code.replace(/\n+$/, '')),
      copy: (code) => void navigator.clipboard?.writeText(code).catch(() => undefined),
    }),
    [importFiles, submit],
  );
}

function StepView({ lesson, index, pkey }: { lesson: Lesson; index: number; pkey: string }) {
  const lang = useLab((s) => s.lang);
  const progress = useProgress((s) => s.get(pkey));
  const update = useProgress((s) => s.update);
  const markDone = useProgress((s) => s.markDone);
  const actions = useCodeActions();
  const t = lessonStrings();
  const [result, setResult] = useState<StepResult | undefined>(undefined);
  const [showSolution, setShowSolution] = useState(false);
  const step = lesson.steps[index]!;
  const text = step.text[lang];
  const labels = { copy: t('copy'), open: t('open'), run: t('run') };

  const heading = useRef<HTMLHeadingElement>(null);
  const focusTitle = useRef(false);
  useEffect(() => {
    setShowSolution(false);
    setResult(undefined);
    // After Previous/Next, focus goes to the new step's title: a screen reader reads it, Tab
    // continues from its text, and on the last step the Next button it was on is gone.
    if (focusTitle.current) heading.current?.focus();
    focusTitle.current = false;
  }, [index]);

  useEffect(() => {
    if (!step.checks.length) return;
    const check = () => {
      const r = checkStep(currentDriver(), step, ranSince(useProgress.getState().get(pkey).openedAt));
      setResult(r);
      if (r.passed) markDone(pkey, step.id);
    };
    check();
    const id = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(id);
  }, [pkey, step, markDone]);

  const done = progress.done.includes(step.id);
  // A step without checks is done when the student moves on from it (FORMAT.md).
  const leave = () => {
    if (!step.checks.length) markDone(pkey, step.id);
  };
  const go = (i: number) => {
    if (i > index) leave();
    focusTitle.current = true;
    openLessonStep(lesson, pkey, i);
  };

  return (
    <article className="lesson-step" aria-labelledby="lesson-step-title">
      <p className="lesson-stepof">{t('stepOf', { n: index + 1, total: lesson.steps.length })}</p>
      <h2 id="lesson-step-title" ref={heading} tabIndex={-1}>
        {text.title}
      </h2>
      <div className="lesson-text">
        <Markdown text={text.body} actions={actions} labels={labels} />
      </div>
      {text.predict && (
        <section className="lesson-predict" aria-label={t('predict')}>
          <h3>{t('predict')}</h3>
          <Markdown text={text.predict} actions={actions} labels={labels} />
          {done && text.answer && (
            <div className="lesson-answer" role="status">
              <h3>{t('answer')}</h3>
              <Markdown text={text.answer} actions={actions} labels={labels} />
            </div>
          )}
        </section>
      )}
      {step.checks.length > 0 ? (
        <section className="lesson-checks" aria-label={t('checks')}>
          <h3>{t('checks')}</h3>
          <ul>
            {step.checks.map((c) => {
              const r = result?.results.find((x) => x.id === c.id);
              const ok = done || r?.passed === true;
              return (
                <li key={c.id} className={ok ? 'ok' : 'todo'}>
                  <span className="check-mark" aria-hidden="true">
                    {ok ? '✓' : '○'}
                  </span>
                  <span className="visually-hidden">{ok ? t('passed') : t('notYet')}: </span>
                  <span>{ok ? t('passed') : (r?.message[lang] ?? c.message[lang])}</span>
                </li>
              );
            })}
          </ul>
          {done && (
            <p className="lesson-done" role="status">
              {t('allPassed')}
            </p>
          )}
        </section>
      ) : (
        <p className="muted">{t('readingOnly')}</p>
      )}
      {text.hints.length > 0 && (
        <section className="lesson-hints">
          {text.hints.slice(0, progress.hints).map((h, i) => (
            <div key={i} className="lesson-hint">
              <Markdown text={h} actions={actions} labels={labels} />
            </div>
          ))}
          <button type="button" className="text-btn" disabled={progress.hints >= text.hints.length} onClick={() => update(pkey, { hints: progress.hints + 1 })}>
            {progress.hints >= text.hints.length ? t('noMoreHints') : progress.hints ? t('moreHint') : t('hint')}
          </button>
        </section>
      )}
      {step.solution && (
        <section className="lesson-solution">
          <button type="button" className="text-btn" aria-expanded={showSolution} onClick={() => setShowSolution(!showSolution)}>
            {showSolution ? t('hideSolution') : t('solution')}
          </button>
          {showSolution && (
            <Markdown
              text={[
                ...step.solution.apply.map((p) => `\`\`\`yaml file=${p.slice(p.lastIndexOf('/') + 1)}\n${lesson.files[p] ?? ''}\`\`\``),
                ...step.solution.apply.map((p) => `\`\`\`sh run\nkubectl apply -f ${p.slice(p.lastIndexOf('/') + 1)}\n\`\`\``),
                ...(step.solution.run.length ? [`\`\`\`sh run\n${step.solution.run.join('\n')}\n\`\`\``] : []),
              ].join('\n\n')}
              actions={actions}
              labels={labels}
            />
          )}
        </section>
      )}
      <nav className="lesson-nav" aria-label={t('lesson')}>
        <button type="button" className="text-btn" disabled={index === 0} onClick={() => go(index - 1)}>
          {t('previous')}
        </button>
        {index + 1 < lesson.steps.length ? (
          <button type="button" className={`text-btn${done || !step.checks.length ? ' primary' : ''}`} onClick={() => go(index + 1)}>
            {t('next')}
          </button>
        ) : (
          <a className="text-btn primary" href={routeHref({ page: 'lessons' })} onClick={leave}>
            {t('finish')}
          </a>
        )}
      </nav>
    </article>
  );
}

/**
 * The lesson beside the lab: its text, checks, hints, and the inspector one tab away. The
 * lesson's lab itself is LessonSession's (it stays while this pane is collapsed).
 */
export default function LessonPanel({ id, mode }: { id: string; mode: LessonMode }) {
  const lesson = findLesson(id);
  const lang = useLab((s) => s.lang);
  const pkey = progressKey(id, mode);
  const stepIndex = useProgress((s) => s.get(pkey).step);
  const [tab, setTab] = useState<'lesson' | 'inspector'>('lesson');
  const t = lessonStrings();
  // The tabs are one Tab stop (the other has tabIndex -1): the arrow keys move between them.
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const next = e.key === 'Home' ? 'lesson' : e.key === 'End' ? 'inspector' : tab === 'lesson' ? 'inspector' : 'lesson';
    setTab(next);
    document.getElementById(`lesson-tab-${next}`)?.focus();
  };

  if (!lesson) {
    return (
      <p className="pane-body">
        <a href={routeHref({ page: 'lessons' })}>{t('lessons')}</a>
      </p>
    );
  }
  const index = Math.min(stepIndex, lesson.steps.length - 1);
  return (
    <div className="lesson-side">
      <div className="lesson-side-head">
        <a href={routeHref({ page: 'lessons' })} className="lesson-back">
          ← {t('lessons')}
        </a>
        <span className="lesson-title">{lesson.text[lang].title}</span>
      </div>
      <div role="tablist" className="inspector-tabs" aria-label={t('lesson')}>
        <button type="button" role="tab" id="lesson-tab-lesson" aria-selected={tab === 'lesson'} tabIndex={tab === 'lesson' ? 0 : -1} onClick={() => setTab('lesson')} onKeyDown={onTabKey}>
          {t('lesson')}
        </button>
        <button type="button" role="tab" id="lesson-tab-inspector" aria-selected={tab === 'inspector'} tabIndex={tab === 'inspector' ? 0 : -1} onClick={() => setTab('inspector')} onKeyDown={onTabKey}>
          {t('inspector')}
        </button>
      </div>
      <div className="lesson-side-body" role="tabpanel" aria-label={tab === 'lesson' ? t('lesson') : t('inspector')}>
        {tab === 'lesson' ? <StepView lesson={lesson} index={index} pkey={pkey} /> : <Inspector />}
      </div>
    </div>
  );
}
