import { useLab } from '../state/labStore.ts';
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
