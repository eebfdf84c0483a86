// Keys the page handles before xterm sees them: copy and paste shortcuts, and Escape then
// Tab to leave the terminal (Tab alone is completion, so it cannot be the way out).

import type { Terminal } from '@xterm/xterm';

function copySelection(term: Terminal): void {
  const text = term.getSelection();
  if (!text) return;
  const viaCommand = () => {
    // The textarea's copy event is what xterm answers with the selection.
    document.execCommand('copy');
  };
  if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).catch(viaCommand);
  else viaCommand();
}

export function attachKeys(term: Terminal): () => void {
  let leaving = false;
  term.attachCustomKeyEventHandler((e) => {
    const down = e.type === 'keydown';
    if (e.key === 'Escape') {
      if (down) leaving = true;
      return false;
    }
    if (e.key === 'Tab' && leaving && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // Returning false without preventDefault lets the browser move focus on; the keyup
      // lands on whatever has focus next, so forget the Escape now.
      if (down) leaving = false;
      return false;
    }
    if (down && !['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) leaving = false;

    const key = e.key.toLowerCase();
    if (e.ctrlKey && !e.altKey && key === 'c' && (e.shiftKey || term.hasSelection())) {
      // Ctrl+Shift+C always copies; Ctrl+C copies only with a selection, else it interrupts.
      if (down) {
        copySelection(term);
        term.clearSelection();
      }
      e.preventDefault();
      return false;
    }
    if (e.ctrlKey && !e.altKey && key === 'v') {
      // Let the browser paste: xterm turns its paste event into bracketed input.
      return false;
    }
    return true;
  });
  return () => term.attachCustomKeyEventHandler(() => true);
}
