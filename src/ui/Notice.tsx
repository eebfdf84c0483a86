import { useEffect, useState } from 'react';
import { useLab } from '../state/labStore.ts';
import { discardUnreadable, UNREADABLE_PREFIX, unreadableSaves } from '../state/persist.ts';
import { appStrings } from './strings.ts';

/** A problem the student must know about (their work is not being saved). */
export function Notice() {
  const notice = useLab((s) => s.notice);
  const dismiss = useLab((s) => s.dismissNotice);
  const t = appStrings();
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{t(notice)}</span>
      <button type="button" onClick={dismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}

/** Saves this version could not read: kept aside by persist.ts and offered for download. */
export function UnreadableSaves() {
  const [saves, setSaves] = useState(unreadableSaves);
  // A lesson's lab is read when the lesson opens: look again then.
  const context = useLab((s) => s.context);
  useEffect(() => setSaves(unreadableSaves()), [context]);
  const t = appStrings();
  if (saves.length === 0) return null;
  const [key, text] = saves[0]!;
  const name = key.slice(UNREADABLE_PREFIX.length);
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `kubelab-${name.replace(/[^\w.-]+/g, '-')}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="notice" role="alert">
      <span>{t('unreadable', { name })}</span>
      <button type="button" onClick={download}>
        {t('downloadSave')}
      </button>
      <button
        type="button"
        onClick={() => {
          discardUnreadable(key);
          setSaves(unreadableSaves());
        }}
      >
        {t('discardSave')}
      </button>
    </div>
  );
}
