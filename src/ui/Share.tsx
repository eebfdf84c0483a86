// Share links: the Share button makes one; opening one loads that lab in a lab of its own
// ("shared"), so the student's own lab is never overwritten.
import { useEffect, useState } from 'react';
import { useLab } from '../state/labStore.ts';
import { decodeShare, encodeShare, MAX_LINK_CHARS } from '../state/share.ts';
import type { SavedLab } from '../state/persist.ts';
import { defineStrings } from './i18n.ts';

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
  },
});

export function ShareButton() {
  const t = useShareStrings();
  const [link, setLink] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const make = async () => {
    const s = useLab.getState();
    const payload = await encodeShare({ seed: s.seed, startedAt: s.startedAt, now: s.now, actions: s.actions, files: s.files, activeFile: s.activeFile });
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
        <div className="share-dialog" role="dialog" aria-label={t('title')}>
          <p>{t('help')}</p>
          {link && <input readOnly value={link} aria-label={t('title')} onFocus={(e) => e.currentTarget.select()} />}
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
  const [problem, setProblem] = useState<'corrupt' | 'newer' | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void decodeShare(payload).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setProblem(r.reason);
        return;
      }
      const s = useLab.getState();
      const saved: SavedLab = { ...r.lab, history: [], scrollback: '', lang: s.lang, theme: s.theme, collapsed: s.collapsed };
      s.enterContext('shared', { seed: r.lab.seed, setup: [], files: [] }, saved);
      // The moment opens paused, as it was sent; Play goes on from there.
      s.setPaused(true);
      location.replace('#/');
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

/** While the shared lab is open: say so, and offer the way back. */
export function SharedBanner() {
  const context = useLab((s) => s.context);
  const enter = useLab((s) => s.enterContext);
  const t = useShareStrings();
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
