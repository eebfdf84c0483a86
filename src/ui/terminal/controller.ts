// Binds an xterm.js screen to the lab store: a readline-like editor for the line being typed,
// the prompt shown whenever the terminal lane is idle, and output streamed from the store.
//
// The input region (prompt + typed text, possibly wrapped over several rows) is always drawn
// at column 0 and redrawn whole after every edit; the controller tracks which row of it the
// cursor is on so it can move back to the region's start, erase it and draw it again. Output
// that arrives while the student is typing (an Apply from the editor, a rewind notice) is
// written in place of the region, and the region is drawn again below it.

/* eslint-disable no-control-regex -- terminal data is escape sequences and control keys */
import type { Terminal } from '@xterm/xterm';
import { currentDriver, useLab } from '../../state/labStore.ts';
import { commonPrefix, complete } from '../../sim/runner/complete.ts';
import { splitScript } from '../../sim/runner/script.ts';
import { columns, isIncomplete, layoutInput, LineBuffer } from './lineEditor.ts';

const CONTINUATION = '> ';
const PASTE = /^\x1b\[200~([\s\S]*?)\x1b\[201~/;
const CSI = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O[A-Za-z]|.)?/;
const ANSI = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|.)/g;
const ENABLE_BRACKETED_PASTE = '\x1b[?2004h';

export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function visible(text: string): string {
  const plain = text.replace(ANSI, '');
  return plain.slice(plain.lastIndexOf('\r') + 1);
}

export class TerminalController {
  private readonly line = new LineBuffer();
  /** Lines already entered while a quote or heredoc is open. */
  private pending: string[] = [];
  /** Is the prompt and input on screen (the terminal lane is idle)? */
  private drawn = false;
  /** The row of the input region the cursor is on. */
  private cursorRow = 0;
  /** Output written since the last newline, to know whether the prompt needs a fresh line. */
  private tail = '';
  /** A command of ours is running; its end (store busy -> false) brings the prompt back. */
  private running = false;
  /** Inside our own store.submit call, whose synchronous state changes are not news. */
  private submitting = false;
  /** Commands of a pasted script still to run, one after another like a shell reading them. */
  private queue: string[] = [];
  private historyIndex: number | undefined;
  private draft = '';
  private lastWasTab = false;
  /** The last output piece announced, to tell it from an echo the store adds unannounced. */
  private announced = '';
  /** A line submitted elsewhere (the inspector's shell button) is running its synchronous part. */
  private external = false;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly term: Terminal) {
    const s = useLab.getState();
    term.write(ENABLE_BRACKETED_PASTE);
    if (s.scrollback) this.writeOutput(s.scrollback);
    if (s.busy) this.running = true;
    else this.draw();

    this.disposers.push(s.subscribeTerminal((text) => this.onOutput(text)));
    this.disposers.push(
      useLab.subscribe((now, prev) => {
        if (now.scrollback !== prev.scrollback) this.onScrollback(now.scrollback, prev.scrollback);
        this.onStore(now.busy, prev.busy, now.prompt, prev.prompt);
      }),
    );
    const data = term.onData((d) => this.onData(d));
    const resize = term.onResize(() => this.onResize());
    this.disposers.push(() => data.dispose(), () => resize.dispose());
  }

  dispose(): void {
    for (const d of this.disposers) d();
    this.disposers.length = 0;
  }

  // ---------------------------------------------------------------- output

  private writeOutput(text: string): void {
    const t = toTerminal(text);
    this.term.write(t);
    const nl = t.lastIndexOf('\n');
    this.tail = nl >= 0 ? t.slice(nl + 1) : this.tail + t;
  }

  private onOutput(text: string): void {
    this.announced = text;
    if (text === '\x1bc') {
      // A reset also drops bracketed paste mode; ask for it again.
      this.term.reset();
      this.term.write(ENABLE_BRACKETED_PASTE);
      this.tail = '';
      if (this.drawn) {
        this.drawn = false;
        this.draw();
      }
      return;
    }
    if (!this.drawn) {
      this.writeOutput(text);
      return;
    }
    this.erase();
    this.writeOutput(text);
    this.draw();
  }

  /**
   * The store writes a submitted line's echo into the scrollback without telling listeners
   * (the terminal typed it). A line submitted from elsewhere shows up only that way: show it
   * as a command, and take the prompt back once the store is done with it.
   */
  private onScrollback(now: string, prev: string): void {
    const announced = this.announced;
    this.announced = '';
    if (this.submitting || this.external || now.length <= prev.length || !now.startsWith(prev)) return;
    const added = now.slice(prev.length);
    if (added === announced) return;
    if (this.drawn) this.erase();
    else if (this.running) return;
    this.term.write('\x1b[0m' + this.freshLine() + toTerminal(added));
    this.external = true;
    queueMicrotask(() => {
      this.external = false;
      if (useLab.getState().busy) this.running = true;
      else this.finished();
    });
  }

  private onStore(busy: boolean, wasBusy: boolean, prompt: string, oldPrompt: string): void {
    if (this.submitting || this.external) return;
    if (this.running) {
      if (!busy && (wasBusy || prompt !== oldPrompt)) this.finished();
      return;
    }
    if (busy && !wasBusy) {
      // Busy without a command of ours: a rewind landed in the middle of one.
      if (this.drawn) this.erase();
      this.running = true;
      return;
    }
    if (this.drawn && prompt !== oldPrompt) {
      this.erase();
      this.draw();
    }
  }

  private onResize(): void {
    if (this.drawn) this.cursorRow = this.layout()[this.line.cursor]!.row;
  }

  // ---------------------------------------------------------------- the input region

  private prompt(): string {
    return this.pending.length ? CONTINUATION : useLab.getState().prompt;
  }

  private layout() {
    return layoutInput(this.prompt(), this.line.text, this.term.cols, CONTINUATION);
  }

  /** What to write so the next thing starts at column 0 of a line of its own. */
  private freshLine(): string {
    const tail = visible(this.tail);
    this.tail = '';
    if (tail === '') return '\r';
    // The store ends an editor Apply's echo with the prompt; draw ours over it.
    if (tail === useLab.getState().prompt) return '\r\x1b[K';
    return '\r\n';
  }

  private draw(): void {
    if (this.drawn) return;
    const prompt = this.prompt();
    const cells = this.layout();
    const end = cells[cells.length - 1]!;
    let out = '\x1b[0m' + this.freshLine() + prompt + this.line.text.replace(/\n/g, '\r\n' + CONTINUATION);
    // At the right edge the cursor waits to wrap; a space and CR put it where the layout says.
    if (end.col === 0 && end.row > 0 && !this.line.text.endsWith('\n')) out += ' \r';
    out += '\x1b[J';
    const at = cells[this.line.cursor]!;
    if (end.row > at.row) out += `\x1b[${end.row - at.row}A`;
    out += '\r';
    if (at.col > 0) out += `\x1b[${at.col}C`;
    this.term.write(out);
    this.cursorRow = at.row;
    this.drawn = true;
  }

  private erase(): void {
    if (!this.drawn) return;
    this.term.write((this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '') + '\r\x1b[J');
    this.cursorRow = 0;
    this.drawn = false;
  }

  private redraw(): void {
    this.erase();
    this.draw();
  }

  /** Leave the region as it is on screen and go to the line below it. */
  private commit(suffix = ''): void {
    if (!this.drawn) return;
    const cells = this.layout();
    const end = cells[cells.length - 1]!;
    const down = end.row - this.cursorRow;
    this.term.write((down > 0 ? `\x1b[${down}B` : '') + '\r' + (end.col > 0 ? `\x1b[${end.col}C` : '') + suffix + '\r\n');
    this.tail = '';
    this.drawn = false;
    this.cursorRow = 0;
  }

  // ---------------------------------------------------------------- running commands

  private submit(text: string): void {
    this.submitting = true;
    try {
      useLab.getState().submit(text);
    } finally {
      this.submitting = false;
    }
    if (useLab.getState().busy) this.running = true;
    else this.finished();
  }

  private finished(): void {
    this.running = false;
    if (this.queue.length) this.runQueued();
    else this.draw();
  }

  private runQueued(): void {
    const cmd = this.queue.shift();
    if (cmd === undefined) return;
    const echo = useLab.getState().prompt + cmd.replace(/\n/g, '\n' + CONTINUATION) + '\n';
    this.term.write('\x1b[0m' + this.freshLine() + toTerminal(echo));
    this.submit(cmd);
  }

  private enter(): void {
    this.commit();
    const text = [...this.pending, this.line.text].join('\n');
    this.line.set('');
    this.historyIndex = undefined;
    if (isIncomplete(text)) {
      this.pending = text.split('\n');
      this.draw();
      return;
    }
    this.pending = [];
    if (!text.trim()) {
      this.draw();
      return;
    }
    this.submit(text);
  }

  /** Run pasted text as a shell reads a script: each command echoed, then run. */
  private paste(raw: string): void {
    const text = raw.replace(/\r\n?/g, '\n');
    if (!text.includes('\n')) {
      this.line.insert(text);
      this.redraw();
      return;
    }
    const whole = [...this.pending, this.line.text + text].join('\n');
    if (!text.endsWith('\n') || isIncomplete(whole.slice(0, -1))) {
      // Not a finished script: keep it in the editor for the student to finish or run.
      this.line.insert(text.endsWith('\n') ? text.slice(0, -1) : text);
      this.redraw();
      return;
    }
    this.erase();
    this.pending = [];
    this.line.set('');
    this.queue = splitScript(whole).map((c) => c.raw.join('\n'));
    this.finished();
  }

  interrupt(): void {
    this.queue = [];
    if (useLab.getState().busy) {
      useLab.getState().interrupt();
      return;
    }
    if (!this.drawn) return;
    this.commit('^C');
    this.pending = [];
    this.line.set('');
    this.historyIndex = undefined;
    this.draw();
  }

  // ---------------------------------------------------------------- keys

  private onData(data: string): void {
    let rest = data;
    while (rest.length) {
      const paste = PASTE.exec(rest);
      if (paste) {
        this.lastWasTab = false;
        if (!this.running && this.drawn) this.paste(paste[1]!);
        rest = rest.slice(paste[0].length);
        continue;
      }
      if (rest[0] === '\x1b') {
        const seq = CSI.exec(rest)![0];
        this.key(seq);
        rest = rest.slice(seq.length);
        continue;
      }
      // A run of printable text (typing, IME, or a paste without brackets).
            const m = /^[^\x00-\x1f\x7f\x1b]+/.exec(rest);
      if (m) {
        this.text(m[0]);
        rest = rest.slice(m[0].length);
        continue;
      }
      const ch = rest[0]!;
      rest = rest.slice(1);
      // Without bracketed paste (turned off by a program), a CR inside data is Enter.
      this.key(ch);
    }
  }

  private text(s: string): void {
    this.lastWasTab = false;
    if (this.running || !this.drawn) return;
    this.line.insert(s);
    this.redraw();
  }

  private key(k: string): void {
    const wasTab = this.lastWasTab;
    this.lastWasTab = false;
    if (k === '\x03') {
      this.interrupt();
      return;
    }
    // A foreground command has the terminal; only Ctrl+C reaches it.
    if (this.running || !this.drawn) return;
    const l = this.line;
    switch (k) {
      case '\r':
        this.enter();
        return;
      case '\t':
        this.lastWasTab = true;
        this.complete(wasTab);
        return;
      case '\x7f':
      case '\b':
        l.backspace();
        break;
      case '\x1b[3~':
        l.del();
        break;
      case '\x04':
        if (l.text === '' && this.pending.length === 0) {
          // Ctrl+D on an empty line leaves a container or node shell, as in a real one.
          if (useLab.getState().prompt !== '$ ') {
            this.line.set('exit');
            this.redraw();
            this.enter();
          }
          return;
        }
        l.del();
        break;
      case '\x1b[D':
      case '\x02':
        l.left();
        break;
      case '\x1b[C':
      case '\x06':
        l.right();
        break;
      case '\x1b[1;5D':
      case '\x1b[1;3D':
      case '\x1bb':
        l.wordLeft();
        break;
      case '\x1b[1;5C':
      case '\x1b[1;3C':
      case '\x1bf':
        l.wordRight();
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        l.home();
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        l.end();
        break;
      case '\x15':
        l.killToStart();
        break;
      case '\x0b':
        l.killToEnd();
        break;
      case '\x17':
      case '\x1b\x7f':
        l.killWordBack();
        break;
      case '\x1b[A':
      case '\x10':
        this.history(-1);
        return;
      case '\x1b[B':
      case '\x0e':
        this.history(1);
        return;
      case '\x0c':
        useLab.getState().clearTerminal();
        return;
      default:
        return;
    }
    this.redraw();
  }

  private history(dir: -1 | 1): void {
    const history = useLab.getState().history;
    let i = this.historyIndex ?? history.length;
    if (this.historyIndex === undefined) this.draft = this.line.text;
    i = Math.max(0, Math.min(history.length, i + dir));
    if (i === (this.historyIndex ?? history.length)) return;
    this.historyIndex = i === history.length ? undefined : i;
    this.line.set(i === history.length ? this.draft : history[i]!);
    this.redraw();
  }

  private complete(again: boolean): void {
    const driver = currentDriver();
    const { start, candidates } = complete(this.line.text, this.line.cursor, driver.cluster, driver.session().namespace);
    const typed = this.line.text.slice(start, this.line.cursor);
    if (candidates.length === 0) return;
    if (candidates.length === 1) {
      const word = candidates[0]!;
      const next = this.line.text[this.line.cursor];
      const space = /[/=]$/.test(word) || next === ' ' ? '' : ' ';
      this.line.replaceBack(start, word + space);
      this.lastWasTab = false;
      this.redraw();
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > typed.length) {
      this.line.replaceBack(start, prefix);
      this.redraw();
      return;
    }
    if (!again) return;
    // The second Tab lists the choices below the line, then the line comes back.
    this.commit();
    this.term.write(columns(candidates, this.term.cols).join('\r\n') + '\r\n');
    this.draw();
  }
}
