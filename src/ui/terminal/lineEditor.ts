// The terminal's line editor as plain data: the text being typed, the cursor, readline-style
// edits, and when Enter should ask for another line instead of running. Kept apart from
// xterm so it can be tested without a DOM.

/** A readline-ish edit buffer. The cursor is a UTF-16 index that never splits a surrogate pair. */
export class LineBuffer {
  text = '';
  cursor = 0;

  set(text: string): void {
    this.text = text;
    this.cursor = text.length;
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  /** Replace text[from, cursor) with s (completion). */
  replaceBack(from: number, s: string): void {
    this.text = this.text.slice(0, from) + s + this.text.slice(this.cursor);
    this.cursor = from + s.length;
  }

  private prevIndex(i: number): number {
    if (i <= 0) return 0;
    return i >= 2 && isLowSurrogate(this.text.charCodeAt(i - 1)) && isHighSurrogate(this.text.charCodeAt(i - 2)) ? i - 2 : i - 1;
  }

  private nextIndex(i: number): number {
    if (i >= this.text.length) return this.text.length;
    return isHighSurrogate(this.text.charCodeAt(i)) && isLowSurrogate(this.text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  }

  left(): void {
    this.cursor = this.prevIndex(this.cursor);
  }

  right(): void {
    this.cursor = this.nextIndex(this.cursor);
  }

  home(): void {
    this.cursor = 0;
  }

  end(): void {
    this.cursor = this.text.length;
  }

  backspace(): void {
    const p = this.prevIndex(this.cursor);
    this.text = this.text.slice(0, p) + this.text.slice(this.cursor);
    this.cursor = p;
  }

  del(): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(this.nextIndex(this.cursor));
  }

  /** Ctrl+U: bash kills from the start of the line to the cursor. */
  killToStart(): void {
    this.text = this.text.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl+K */
  killToEnd(): void {
    this.text = this.text.slice(0, this.cursor);
  }

  /** Ctrl+W: unix-word-rubout, which stops at whitespace only (so `deploy/web` goes whole). */
  killWordBack(): void {
    let i = this.cursor;
    while (i > 0 && /\s/.test(this.text[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(this.text[i - 1]!)) i--;
    this.text = this.text.slice(0, i) + this.text.slice(this.cursor);
    this.cursor = i;
  }

  /** Alt+B / Ctrl+Left: words are runs of letters and digits, as in readline. */
  wordLeft(): void {
    let i = this.cursor;
    while (i > 0 && !isWordChar(this.text[i - 1]!)) i--;
    while (i > 0 && isWordChar(this.text[i - 1]!)) i--;
    this.cursor = i;
  }

  wordRight(): void {
    let i = this.cursor;
    while (i < this.text.length && !isWordChar(this.text[i]!)) i++;
    while (i < this.text.length && isWordChar(this.text[i]!)) i++;
    this.cursor = i;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/** Same delimiter syntax as the script splitter (src/sim/runner/script.ts). */
const HEREDOC = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;

/**
 * Would a shell wait for more input after this text? True inside an open quote, after a
 * trailing backslash, and while a heredoc has not seen its terminator line.
 */
export function isIncomplete(text: string): boolean {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let quote: string | undefined;
  const heredocs: { delim: string; strip: boolean }[] = [];
  let continued = false;
  for (const line of lines) {
    continued = false;
    if (heredocs.length && quote === undefined) {
      const h = heredocs[0]!;
      if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delim) heredocs.shift();
      continue;
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === quote) quote = undefined;
        else if (quote === '"' && ch === '\\') i++;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\') {
        if (i === line.length - 1) continued = true;
        i++;
      } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
      else if (ch === '<' && line[i + 1] === '<') {
        const m = HEREDOC.exec(line.slice(i));
        if (m) {
          heredocs.push({ delim: m[3]!, strip: m[1] === '-' });
          i += m[0].length - 1;
        }
      }
    }
  }
  return quote !== undefined || heredocs.length > 0 || continued;
}

/** Terminal cells a character takes: 2 for East Asian wide and emoji, 0 for combining marks. */
export function cellWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += cellWidth(ch.codePointAt(0)!);
  return w;
}

export interface Cell {
  row: number;
  col: number;
}

/**
 * Where each position of an input lands on screen when the prompt is written at column 0 of
 * a terminal `cols` wide: newlines in the input start a `> ` line, long lines wrap. Returns
 * the cell for each UTF-16 index 0..input.length (the cursor may sit at any of them).
 */
export function layoutInput(prompt: string, input: string, cols: number, continuation = '> '): Cell[] {
  let row = 0;
  let col = 0;
  const put = (w: number): void => {
    if (col + w > cols) {
      row++;
      col = 0;
    }
    col += w;
    // A line filled to the edge moves the cursor to the next row (after the ` \r` the
    // renderer writes there, see TerminalController.draw).
    if (col >= cols) {
      row++;
      col = 0;
    }
  };
  for (const ch of prompt) put(cellWidth(ch.codePointAt(0)!));
  const cells: Cell[] = [];
  for (let i = 0; i < input.length; ) {
    cells.push({ row, col });
    const cp = input.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (len === 2) cells.push({ row, col });
    if (cp === 10) {
      row++;
      col = 0;
      for (const ch of continuation) put(cellWidth(ch.codePointAt(0)!));
    } else put(cellWidth(cp));
    i += len;
  }
  cells.push({ row, col });
  return cells;
}

/** Lay out completion candidates in columns, like bash's listing. */
export function columns(items: readonly string[], cols: number): string[] {
  if (items.length === 0) return [];
  const width = Math.max(...items.map(textWidth)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      line += item + ' '.repeat(Math.max(0, width - textWidth(item)));
    }
    out.push(line.trimEnd());
  }
  return out;
}
