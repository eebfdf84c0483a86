// xterm colours for the page's two themes. The light theme gets a light terminal so the pane
// sits in the page like the others; ANSI colours are darkened there to stay readable on white.

import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../../state/labStore.ts';

const LIGHT_ANSI = {
  black: '#24292f',
  red: '#c2261d',
  green: '#1a7f37',
  yellow: '#8a5d00',
  blue: '#2459c7',
  magenta: '#8250df',
  cyan: '#0b7285',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#116329',
  brightYellow: '#704700',
  brightBlue: '#1a44a0',
  brightMagenta: '#6639ba',
  brightCyan: '#095c6b',
  brightWhite: '#8c959f',
};

const DARK_ANSI = {
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#6d9bff',
  magenta: '#d2a8ff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#a5c3ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

// The colours mirror app.css's variables rather than reading them: this pane's effects run
// before App's effect moves html[data-theme], so computed styles would still be the old theme.

/** `highContrast`: presentation mode, with app.css's presentation colours. */
export function terminalTheme(theme: Theme, highContrast = false): ITheme {
  if (theme === 'light') {
    return {
      ...LIGHT_ANSI,
      background: '#ffffff',
      foreground: highContrast ? '#000000' : '#1b1f24',
      cursor: '#2459c7',
      cursorAccent: '#ffffff',
      selectionBackground: '#2459c740',
      selectionInactiveBackground: '#2459c726',
      scrollbarSliderBackground: '#57606a33',
      scrollbarSliderHoverBackground: '#57606a55',
      scrollbarSliderActiveBackground: '#57606a77',
    };
  }
  return {
    ...DARK_ANSI,
    background: highContrast ? '#000000' : '#0b0e13',
    foreground: highContrast ? '#ffffff' : '#d6dde6',
    cursor: '#6d9bff',
    cursorAccent: '#0b0e13',
    selectionBackground: '#6d9bff4d',
    selectionInactiveBackground: '#6d9bff2e',
    scrollbarSliderBackground: '#9aa5b433',
    scrollbarSliderHoverBackground: '#9aa5b455',
    scrollbarSliderActiveBackground: '#9aa5b477',
  };
}

export const MONO_FONT = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace";
