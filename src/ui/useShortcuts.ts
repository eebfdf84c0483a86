import { useEffect } from 'react';
import { paneCollapsed, SPEEDS, useLab, type PaneId } from '../state/labStore.ts';

const PANE_KEYS: Record<string, PaneId> = { '1': 'editor', '2': 'view', '3': 'inspector', '4': 'terminal' };
// Where focus lands in each pane: the thing a person works in there.
const PANE_TARGET: Record<PaneId, string> = {
  // The file tabs first: from there Tab reaches the file actions and then the text.
  editor: '[role="tab"][aria-selected="true"], .monaco-editor textarea, textarea',
  view: 'g.cv-pod[tabindex="0"], [role="tree"] [tabindex="0"], [tabindex="0"]',
  inspector: '[role="tab"][aria-selected="true"], [tabindex="0"], button',
  terminal: '.xterm-helper-textarea, textarea',
};

/** Move focus into a pane (Alt+1..4), expanding it and, in a narrow window, showing it. */
export function focusPane(pane: PaneId): void {
  const s = useLab.getState();
  if (paneCollapsed(s, pane)) s.toggleCollapsed(pane);
  s.setActivePane(pane);
  requestAnimationFrame(() => {
    const root = document.querySelector<HTMLElement>(`[data-pane="${pane}"] .pane-content`);
    // The selectors are in order of preference (querySelector would take document order).
    const candidates = [...PANE_TARGET[pane].split(', '), 'button, [tabindex="0"], textarea, input, select'];
    const target = candidates.map((sel) => root?.querySelector<HTMLElement>(sel)).find((el) => el);
    target?.focus();
  });
}

/** Is the key going to a text field, the editor or the terminal (which keep their keys)? */
export function typing(target: EventTarget | null): boolean {
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
 * Alt+1..4 focus the editor, cluster view, inspector and terminal from anywhere (the editor
 * and the terminal keep Tab for themselves); Alt+P turns presentation mode on and off (by the
 * key's position, so it works whatever the keyboard layout or IME). Time keys, outside text fields: Space
 * play/pause, `.` step to the next event, `[` / `]` slower / faster, `,` rewind 30 s.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onPaneKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyP') {
        e.preventDefault();
        e.stopPropagation();
        const s = useLab.getState();
        s.setPresentation(!s.presentation);
        return;
      }
      const pane = e.altKey && !e.ctrlKey && !e.metaKey ? PANE_KEYS[e.code.replace('Digit', '')] : undefined;
      if (!pane) return;
      e.preventDefault();
      e.stopPropagation();
      focusPane(pane);
    };
    // Capture: the editor and the terminal would otherwise take the key first.
    window.addEventListener('keydown', onPaneKey, true);
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
    return () => {
      window.removeEventListener('keydown', onPaneKey, true);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
