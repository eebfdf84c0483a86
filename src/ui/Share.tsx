// Share links: the Share button makes one; opening one loads that lab in a lab of its own
// ("shared"), so the student's own lab is never overwritten. From a lesson page the link also
// names the lesson and its step; it opens in that lesson's "shared" lab and progress, so the
// recipient's own place in the lesson is kept too.
import { useEffect, useState } from 'react';
import { kubectlLoaded, useLab } from '../state/labStore.ts';
import { decodeShare, encodeShare, MAX_LINK_CHARS, type SharedLab } from '../state/share.ts';
import type { SavedLab } from '../state/persist.ts';
import { lessonContext, progressKey, useProgress, type LessonMode } from '../state/progress.ts';
import { defineStrings } from './i18n.ts';
import { routeHref } from './useRoute.ts';

const useShareStrings = defineStrings({
  en: {
    share: 'Share',
    title: 'Share this lab',
    help: 'Anyone who opens this link gets this cluster, its history and your files, at this moment.',
    copied: 'Copied to the clipboard.',
    close: 'Close',
    tooLong: 'This lab has too much history to fit in a link. Export the workspace instead.',
    opening: 'Opening the shared lab…',
    corrupt: 'This share link is damaged, so nothing was opened. Ask for the link again.',
    newer: 'This share link comes from a newer version of Kubelab, so nothing was opened. Reload the page to update.',
    back: 'Back to my lab',
    viewing: 'You are looking at a shared lab. Your own lab is kept.',
    titleLesson: 'Share this lesson step',
    helpLesson: 'Anyone who opens this link gets this lesson at this step, with this cluster, its history and your files, at this moment.',
    noLesson: 'This share link opens a lesson or step this Kubelab does not have, so nothing was opened.',
    viewingLesson: 'You are looking at a lesson step someone shared. Your own progress in this lesson is kept.',
    backLesson: 'Back to my own lesson',
  },
  ko: {
    share: '공유',
    title: '이 실습 공유하기',
    help: '이 링크를 여는 사람은 지금 시점의 클러스터와 실행 기록, 파일을 그대로 받습니다.',
    copied: '클립보드에 복사했습니다.',
    close: '닫기',
    tooLong: '실행 기록이 너무 많아 링크에 담을 수 없습니다. 대신 작업 공간을 내보내세요.',
    opening: '공유된 실습을 여는 중…',
    corrupt: '공유 링크가 손상되어 아무것도 열지 않았습니다. 링크를 다시 받아 주세요.',
    newer: '더 새로운 버전의 Kubelab에서 만든 공유 링크라서 열지 않았습니다. 페이지를 새로 고쳐 업데이트하세요.',
    back: '내 실습으로 돌아가기',
    viewing: '공유된 실습을 보고 있습니다. 내 실습은 그대로 있습니다.',
    titleLesson: '이 레슨 단계 공유하기',
    helpLesson: '이 링크를 여는 사람은 이 레슨의 지금 단계를, 지금 시점의 클러스터와 실행 기록, 파일과 함께 그대로 받습니다.',
    noLesson: '이 Kubelab에 없는 레슨이나 단계를 여는 공유 링크라서 아무것도 열지 않았습니다.',
    viewingLesson: '다른 사람이 공유한 레슨 단계를 보고 있습니다. 이 레슨의 내 진행 상황은 그대로 있습니다.',
    backLesson: '내 레슨으로 돌아가기',
  },
});

/** The lesson and step to put in a link made on a lesson page (the lessons load lazily). */
async function lessonPart(lesson: { id: string; mode: LessonMode }): Promise<SharedLab['lesson']> {
  const { findLesson } = await import('./lesson/catalog.ts');
  const p = useProgress.getState().get(progressKey(lesson.id, lesson.mode));
  const step = findLesson(lesson.id)?.steps[p.step];
  return step ? { id: lesson.id, step: step.id, openedAt: p.openedAt } : undefined;
}

export function ShareButton({ lesson }: { lesson?: { id: string; mode: LessonMode } }) {
  const t = useShareStrings();
  const [link, setLink] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const make = async () => {
    const s = useLab.getState();
    const lab: SharedLab = { seed: s.seed, startedAt: s.startedAt, now: s.now, actions: s.actions, files: s.files, activeFile: s.activeFile };
    const part = lesson ? await lessonPart(lesson) : undefined;
    if (part) lab.lesson = part;
    const payload = await encodeShare(lab);
    const url = `${location.origin}${location.pathname}${location.search}#/s/${payload}`;
    if (url.length > MAX_LINK_CHARS) {
      setLink('');
      setNote(t('tooLong'));
      return;
    }
    setLink(url);
    setNote('');
    try {
      await navigator.clipboard.writeText(url);
      setNote(t('copied'));
    } catch {
      // No clipboard permission: the link is selectable in the dialog.
    }
  };
  return (
    <>
      <button type="button" className="text-btn" onClick={() => void make()}>
        {t('share')}
      </button>
      {link !== undefined && (
        <div className="share-dialog" role="dialog" aria-label={t(lesson ? 'titleLesson' : 'title')}>
          <p>{t(lesson ? 'helpLesson' : 'help')}</p>
          {link && <input readOnly value={link} aria-label={t(lesson ? 'titleLesson' : 'title')} onFocus={(e) => e.currentTarget.select()} />}
          {note && <p role="status">{note}</p>}
          <button type="button" className="text-btn" onClick={() => setLink(undefined)}>
            {t('close')}
          </button>
        </div>
      )}
    </>
  );
}

/** `#/s/PAYLOAD`: decode, then open it as the "shared" lab, or say why not. */
export function ShareOpener({ payload }: { payload: string }) {
  const t = useShareStrings();
  const [problem, setProblem] = useState<'corrupt' | 'newer' | 'noLesson' | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void decodeShare(payload).then(async (r) => {
      if (!live) return;
      if (!r.ok) {
        setProblem(r.reason);
        return;
      }
      // Entering the lab replays the shared actions, which takes kubectl.
      await kubectlLoaded();
      if (!live) return;
      const { lesson: shared, ...rest } = r.lab;
      const s = useLab.getState();
      const saved: SavedLab = { ...rest, history: [], scrollback: '', lang: s.lang, theme: s.theme, collapsed: s.collapsed };
      if (!shared) {
        s.enterContext('shared', { seed: r.lab.seed, setup: [], files: [] }, saved);
        // The moment opens paused, as it was sent; Play goes on from there.
        s.setPaused(true);
        location.replace('#/');
        return;
      }
      const { findLesson } = await import('./lesson/catalog.ts');
      const lesson = findLesson(shared.id);
      const index = lesson?.steps.findIndex((x) => x.id === shared.step) ?? -1;
      if (!live) return;
      if (!lesson || index < 0) {
        setProblem('noLesson');
        return;
      }
      // The step opens in the lesson's shared lab and progress; the recipient's own stay as they are.
      useProgress.getState().update(progressKey(lesson.id, 'shared'), { step: index, openedAt: shared.openedAt, hints: 0, done: [] });
      s.enterContext(lessonContext(lesson.id, 'shared'), { seed: lesson.seed, setup: lesson.setup, files: [] }, saved);
      s.setPaused(true);
      location.replace(routeHref({ page: 'lesson', id: lesson.id, step: undefined, mode: 'shared' }));
    });
    return () => {
      live = false;
    };
  }, [payload]);
  return (
    <main className="catalogue">
      <p role={problem ? 'alert' : 'status'}>{problem ? t(problem) : t('opening')}</p>
      {problem && <a href="#/">{t('back')}</a>}
    </main>
  );
}

/** While the shared lab (or a shared lesson step) is open: say so, and offer the way back. */
export function SharedBanner() {
  const context = useLab((s) => s.context);
  const enter = useLab((s) => s.enterContext);
  const t = useShareStrings();
  if (context.startsWith('shared:')) {
    const id = context.slice('shared:'.length);
    return (
      <div className="notice shared-banner" role="status">
        <span>{t('viewingLesson')}</span>
        <a href={routeHref({ page: 'lesson', id, step: undefined, mode: 'own' })}>{t('backLesson')}</a>
      </div>
    );
  }
  if (context !== 'shared') return null;
  return (
    <div className="notice shared-banner" role="status">
      <span>{t('viewing')}</span>
      <button type="button" onClick={() => enter('lab', { seed: 1, setup: [], files: [] })}>
        {t('back')}
      </button>
    </div>
  );
}
