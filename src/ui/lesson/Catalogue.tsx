import { useLab } from '../../state/labStore.ts';
import { useProgress } from '../../state/progress.ts';
import { routeHref } from '../useRoute.ts';
import { COURSE } from './catalog.ts';
import { lessonStrings } from './strings.ts';
import './lesson.css';

/** The lessons, in order, with time and progress. */
export default function Catalogue() {
  const lang = useLab((s) => s.lang);
  const progress = useProgress((s) => s.lessons);
  const t = lessonStrings();
  return (
    <main className="catalogue" aria-labelledby="catalogue-title">
      <h1 id="catalogue-title">{t('lessons')}</h1>
      <p className="catalogue-intro">{t('catalogueIntro')}</p>
      {COURSE.errors.length > 0 && (
        <div className="notice" role="alert">
          <span>{t('lessonErrors')}</span>
          <ul>
            {COURSE.errors.map((e, i) => (
              <li key={i}>
                {e.file}:{e.line} {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ol className="lesson-cards">
        {COURSE.lessons.map((l) => {
          const p = progress[l.id];
          const done = p?.done.length ?? 0;
          const text = l.text[lang];
          return (
            <li key={l.id} className="lesson-card">
              <span className="lesson-num" aria-hidden="true">
                {String(l.order).padStart(2, '0')}
              </span>
              <div className="lesson-card-body">
                <h2>
                  <a href={routeHref({ page: 'lesson', id: l.id, step: undefined, mode: 'own' })}>{text.title}</a>
                </h2>
                <p>{text.summary}</p>
                <p className="lesson-meta">
                  <span>{t('minutes', { n: text.minutes })}</span>
                  <span>{t('steps', { done, total: l.steps.length })}</span>
                  {text.prerequisites.length > 0 && <span>{t('prerequisites', { list: text.prerequisites.map((id) => COURSE.lessons.find((x) => x.id === id)?.text[lang].title ?? id).join(', ') })}</span>}
                </p>
                <progress max={l.steps.length} value={done} aria-label={t('steps', { done, total: l.steps.length })} />
              </div>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
