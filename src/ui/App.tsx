import { lazy, Suspense, useEffect } from 'react';
import { kubectlLoaded, useLab } from '../state/labStore.ts';
import { EditorPane } from './editor/EditorPane.tsx';
import { ClusterViewPane } from './view/ClusterViewPane.tsx';
import { TopBar } from './TopBar.tsx';
import { Inspector } from './Inspector.tsx';
import { Timeline } from './Timeline.tsx';
import { Pane, PaneTabs } from './Pane.tsx';
import { useTimeLoop } from './useTimeLoop.ts';
import { useShortcuts } from './useShortcuts.ts';
import { appStrings } from './strings.ts';
import { Narrator } from './Narrator.tsx';
import { Notice, UnreadableSaves } from './Notice.tsx';
import { useRoute } from './useRoute.ts';
import { lessonStrings } from './lesson/strings.ts';
import { ShareOpener, SharedBanner } from './Share.tsx';

// xterm is a fifth of the page's JavaScript: it loads just after first paint, with the editor.
const TerminalPane = lazy(() => import('./terminal/TerminalPane.tsx').then((m) => ({ default: m.TerminalPane })));
// The lessons (their text and the course's files) load only when a lesson page opens.
const Catalogue = lazy(() => import('./lesson/Catalogue.tsx'));
const LessonPanel = lazy(() => import('./lesson/LessonPanel.tsx'));
// A lesson's lab runs its setup as it is entered, so its page waits for kubectl too.
const LessonSession = lazy(() => Promise.all([import('./lesson/LessonSession.tsx'), kubectlLoaded()]).then(([m]) => m));

export function App() {
  const theme = useLab((s) => s.theme);
  const lang = useLab((s) => s.lang);
  const presentation = useLab((s) => s.presentation);
  const t = appStrings();
  useTimeLoop();
  useShortcuts();
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.documentElement.lang = lang;
    // Presentation mode is a look (app.css): large type, high contrast, the cluster view large.
    if (presentation) document.documentElement.dataset['presentation'] = '';
    else delete document.documentElement.dataset['presentation'];
  }, [theme, lang, presentation]);
  const route = useRoute();
  const lt = lessonStrings();
  if (route.page === 'share') {
    return (
      <div className="lab">
        <TopBar />
        <ShareOpener key={route.payload} payload={route.payload} />
      </div>
    );
  }
  if (route.page === 'lessons') {
    return (
      <div className="lab">
        <TopBar />
        <Suspense fallback={<p className="pane-body muted">…</p>}>
          <Catalogue />
        </Suspense>
      </div>
    );
  }
  const lesson = route.page === 'lesson' ? route : undefined;
  const lessonId = lesson?.id;
  return (
    <div className="lab">
      <TopBar />
      <Notice />
      <UnreadableSaves />
      <SharedBanner />
      {lesson && (
        <Suspense fallback={null}>
          <LessonSession key={`${lesson.mode}:${lesson.id}`} id={lesson.id} mode={lesson.mode} />
        </Suspense>
      )}
      <PaneTabs />
      <main className={`lab-main${lessonId ? ' with-lesson' : ''}`}>
        <Pane id="editor" title={t('editor')}>
          <EditorPane />
        </Pane>
        <Pane id="view" title={t('cluster')}>
          <ClusterViewPane />
        </Pane>
        <Pane id="inspector" title={lessonId ? lt('lesson') : t('inspector')}>
          {lessonId ? (
            <Suspense fallback={<p className="pane-body muted">…</p>}>
              <LessonPanel key={`${lesson!.mode}:${lessonId}`} id={lessonId} mode={lesson!.mode} />
            </Suspense>
          ) : (
            <Inspector />
          )}
        </Pane>
        <Pane id="terminal" title={t('terminal')}>
          <Suspense fallback={<p className="pane-body muted">…</p>}>
            <TerminalPane />
          </Suspense>
        </Pane>
      </main>
      <Timeline />
      <Narrator />
    </div>
  );
}
