import { useRef } from 'react';
import { SPEEDS, useLab } from '../state/labStore.ts';
import { appStrings } from './strings.ts';
import { Icon } from './Icon.tsx';
import { ShareButton } from './Share.tsx';
import { routeHref, useRoute } from './useRoute.ts';
import { lessonStrings } from './lesson/strings.ts';
import { clockTime } from './format.ts';
import { exportWorkspace, readImport } from './workspaceFiles.ts';

function SimClock() {
  const now = useLab((s) => Math.floor(s.now / 1000));
  const epoch = useLab((s) => s.epoch);
  const t = appStrings();
  return (
    <time className="sim-clock" aria-label={t('simTime')} dateTime={new Date(epoch + now * 1000).toISOString()}>
      {clockTime(epoch, now * 1000)}
    </time>
  );
}

function TimeControls() {
  const paused = useLab((s) => s.paused);
  const speed = useLab((s) => s.speed);
  const setPaused = useLab((s) => s.setPaused);
  const setSpeed = useLab((s) => s.setSpeed);
  const step = useLab((s) => s.stepToNextEvent);
  const rewindTo = useLab((s) => s.rewindTo);
  const t = appStrings();
  return (
    <div className="time-controls" role="group" aria-label={t('timeline')}>
      <button type="button" className="icon-btn" aria-label={t('rewind')} title={`${t('rewind')} (,)`} onClick={() => rewindTo(useLab.getState().now - 30_000)}>
        <Icon name="rewind" />
      </button>
      <button type="button" className="icon-btn primary" aria-label={paused ? t('play') : t('pause')} aria-pressed={!paused} title={`${paused ? t('play') : t('pause')} (Space)`} onClick={() => setPaused(!paused)}>
        <Icon name={paused ? 'play' : 'pause'} />
      </button>
      <button type="button" className="icon-btn" aria-label={t('step')} title={`${t('step')} (.)`} onClick={step}>
        <Icon name="step" />
      </button>
      <label className="speed">
        <span className="visually-hidden">{t('speed')}</span>
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} title={`${t('speed')} ([ ])`}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <SimClock />
    </div>
  );
}

/** Presentation mode: a toggle, announced as pressed or not (Alt+P does the same). */
function PresentationToggle() {
  const on = useLab((s) => s.presentation);
  const setPresentation = useLab((s) => s.setPresentation);
  const t = appStrings();
  return (
    <button type="button" className="text-btn" aria-pressed={on} aria-keyshortcuts="Alt+P" title={t('presentationHelp')} onClick={() => setPresentation(!on)}>
      <Icon name="present" />
      {t('presentation')}
    </button>
  );
}

/** On a lesson page: run the lesson as a demo, or leave the demo for the lesson. */
function DemoToggle({ id, on }: { id: string; on: boolean }) {
  const lt = lessonStrings();
  return (
    <button type="button" className="text-btn" aria-pressed={on} title={lt('demoHelp')} onClick={() => (window.location.hash = routeHref({ page: 'lesson', id, step: undefined, mode: on ? 'own' : 'demo' }))}>
      {lt('demo')}
    </button>
  );
}

export function TopBar() {
  const theme = useLab((s) => s.theme);
  const lang = useLab((s) => s.lang);
  const setTheme = useLab((s) => s.setTheme);
  const setLang = useLab((s) => s.setLang);
  const reset = useLab((s) => s.reset);
  const importFiles = useLab((s) => s.importFiles);
  const fileInput = useRef<HTMLInputElement>(null);
  const t = appStrings();
  const lt = lessonStrings();
  const route = useRoute();
  return (
    <header className="topbar">
      <a className="brand" href="#/">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>Kubelab</span>
      </a>
      <nav className="topnav" aria-label="Kubelab">
        <a href="#/lessons" aria-current={route.page !== 'lab' ? 'page' : undefined}>
          {lt('lessons')}
        </a>
        <a href="#/" aria-current={route.page === 'lab' ? 'page' : undefined}>
          {lt('freeLab')}
        </a>
      </nav>
      {route.page !== 'lessons' && <TimeControls />}
      <div className="topbar-end">
        {route.page === 'lesson' && <DemoToggle id={route.id} on={route.mode === 'demo'} />}
        {route.page !== 'lessons' && <PresentationToggle />}
        {route.page === 'lab' && <ShareButton />}
        {route.page === 'lesson' && <ShareButton lesson={{ id: route.id, mode: route.mode }} />}
        <button type="button" className="text-btn" onClick={() => exportWorkspace(useLab.getState().files)}>
          {t('export')}
        </button>
        <button type="button" className="text-btn" onClick={() => fileInput.current?.click()}>
          {t('import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,.json,text/yaml"
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={async (e) => {
            const { files, errors } = await readImport(e.target.files);
            if (files.length) importFiles(files);
            for (const err of errors) window.alert(t('importFailed', err));
            e.target.value = '';
          }}
        />
        <button type="button" className="text-btn" onClick={() => window.confirm(t('resetConfirm')) && reset()}>
          {t('reset')}
        </button>
        <label className="select-label">
          <span className="visually-hidden">{t('language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value === 'ko' ? 'ko' : 'en')}>
            <option value="en">English</option>
            <option value="ko">한국어</option>
          </select>
        </label>
        <button type="button" className="icon-btn" aria-label={`${t('theme')}: ${theme === 'dark' ? t('dark') : t('light')}`} title={t('theme')} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
          <Icon name={theme === 'dark' ? 'moon' : 'sun'} />
        </button>
      </div>
    </header>
  );
}
