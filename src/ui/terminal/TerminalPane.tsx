// The terminal pane: xterm.js fitted to the pane, driven by TerminalController, with a small
// bar below it for the screen reader toggle, a Stop button while a command runs, and the
// keyboard hint (Tab is completion, so leaving the terminal takes Escape first).

import { useEffect, useRef, useState } from 'react';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useLab } from '../../state/labStore.ts';
import { TerminalController } from './controller.ts';
import { terminalStrings } from './strings.ts';
import { MONO_FONT, terminalTheme } from './theme.ts';
import { attachKeys } from './keys.ts';

const SR_KEY = 'kubelab.terminal.screenReader';

/** Presentation mode (a projector) gets large type. */
const fontSize = (presentation: boolean): number => (presentation ? 18 : 13);

/**
 * There is no media query for screen readers; people who ask the OS for reduced motion or
 * forced colours are the likeliest to use one, so they start with it on. The toggle wins.
 */
function initialScreenReader(): boolean {
  try {
    const saved = localStorage.getItem(SR_KEY);
    if (saved !== null) return saved === '1';
  } catch {
    // Storage may be blocked; fall back to the OS hints.
  }
  if (typeof matchMedia === 'undefined') return false;
  return matchMedia('(prefers-reduced-motion: reduce)').matches || matchMedia('(forced-colors: active)').matches;
}

export function TerminalPane() {
  const t = terminalStrings();
  const theme = useLab((s) => s.theme);
  const presentation = useLab((s) => s.presentation);
  const busy = useLab((s) => s.busy);
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const ctlRef = useRef<TerminalController | null>(null);
  const refitRef = useRef<() => void>(() => undefined);
  const [screenReader, setScreenReader] = useState(initialScreenReader);
  const inputLabel = t('inputLabel');

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      fontFamily: MONO_FONT,
      fontSize: fontSize(useLab.getState().presentation),
      lineHeight: 1.15,
      scrollback: 5000,
      cursorBlink: true,
      cursorStyle: 'bar',
      theme: terminalTheme(useLab.getState().theme, useLab.getState().presentation),
      screenReaderMode: screenReader,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    termRef.current = term;
    const refit = () => {
      // A hidden pane (narrow layout, another tab) measures 0: fitting then would reflow
      // the whole scrollback to two columns.
      if (host.clientWidth < 20 || host.clientHeight < 10) return;
      fit.fit();
    };
    refit();
    refitRef.current = refit;
    const ctl = new TerminalController(term);
    ctlRef.current = ctl;
    const detachKeys = attachKeys(term);

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(refit);
    });
    observer.observe(host);
    void document.fonts?.ready.then(() => {
      if (termRef.current === term) refit();
    });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      detachKeys();
      ctl.dispose();
      term.dispose();
      termRef.current = null;
      ctlRef.current = null;
    };
    // The terminal lives as long as the pane; theme and options follow in their own effects.
  }, []);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = terminalTheme(theme, presentation);
  }, [theme, presentation]);

  useEffect(() => {
    const term = termRef.current;
    if (!term || term.options.fontSize === fontSize(presentation)) return;
    term.options.fontSize = fontSize(presentation);
    // The pane keeps its size, so no resize tells the fit addon: the rows and columns change.
    refitRef.current();
  }, [presentation]);

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = screenReader;
  }, [screenReader]);

  useEffect(() => {
    const textarea = termRef.current?.textarea;
    textarea?.setAttribute('aria-label', inputLabel);
    textarea?.setAttribute('aria-describedby', 'term-hint');
  }, [inputLabel]);

  const toggleScreenReader = () => {
    const next = !screenReader;
    setScreenReader(next);
    try {
      // Remembered only once chosen, so the OS hints keep deciding until then.
      localStorage.setItem(SR_KEY, next ? '1' : '0');
    } catch {
      // Not remembered; the toggle still works for this page.
    }
  };

  return (
    <div className="term">
      <div className="term-screen" ref={hostRef} />
      <div className="term-bar" role="toolbar" aria-label={t('toolbar')}>
        <p className="term-hint" id="term-hint">
          {t('hint')}
        </p>
        {busy && (
          <button type="button" className="text-btn term-stop" title={t('stopHelp')} onClick={() => ctlRef.current?.interrupt()}>
            {t('stop')}
          </button>
        )}
        <button type="button" className="text-btn" aria-pressed={screenReader} title={t('screenReaderHelp')} onClick={toggleScreenReader}>
          {t('screenReader')}
        </button>
      </div>
    </div>
  );
}
