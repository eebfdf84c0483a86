import { useEffect } from 'react';
import { SPEEDS, useLab } from '../state/labStore.ts';

/** Is the key going to a text field, the editor or the terminal (which keep their keys)? */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || !!el.closest('.monaco-editor, .xterm');
}

export function shiftSpeed(speed: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= speed);
  const next = Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? SPEEDS.length - 1 : i) + dir));
  return SPEEDS[next]!;
}

/**
 * Time keys, outside text fields: Space play/pause, `.` step to the next event, `[` / `]`
 * slower / faster, `,` rewind 30 s.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = useLab.getState();
      if (e.key === ' ' && (e.target as HTMLElement | null)?.tagName !== 'BUTTON') s.setPaused(!s.paused);
      else if (e.key === '.') s.stepToNextEvent();
      else if (e.key === ']') s.setSpeed(shiftSpeed(s.speed, 1));
      else if (e.key === '[') s.setSpeed(shiftSpeed(s.speed, -1));
      else if (e.key === ',') s.rewindTo(s.now - 30_000);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
