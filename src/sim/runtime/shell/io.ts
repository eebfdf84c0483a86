// File descriptors of a simulated process: where fd 1 and 2 write to and what fd 0 reads.
// A redirection makes a new Io; nothing is ever closed, so there is nothing to leak.

import type { Vfs } from '../vfs.ts';

export interface Sink {
  write(text: string): void;
}

export const nullSink: Sink = { write() {} };

export class BufferSink implements Sink {
  private chunks: string[] = [];
  write(text: string): void {
    this.chunks.push(text);
  }
  text(): string {
    return this.chunks.join('');
  }
}

/** Appends every write to a file, so a `tail -f` elsewhere sees each line as it is written. */
export class FileSink implements Sink {
  constructor(
    private readonly fs: Vfs,
    private readonly path: string,
  ) {}
  write(text: string): void {
    if (text) this.fs.writeFile(this.path, text, true);
  }
}

/** What a command reads on fd 0: all of it is known up front (files, heredocs, buffered pipes). */
export class Stdin {
  pos = 0;
  constructor(readonly data: string) {}
  readAll(): string {
    const rest = this.data.slice(this.pos);
    this.pos = this.data.length;
    return rest;
  }
  /** One line without its newline, or null at end of input. */
  readLine(): string | null {
    if (this.pos >= this.data.length) return null;
    const nl = this.data.indexOf('\n', this.pos);
    const end = nl < 0 ? this.data.length : nl;
    const line = this.data.slice(this.pos, end);
    this.pos = nl < 0 ? this.data.length : nl + 1;
    return line;
  }
  get eof(): boolean {
    return this.pos >= this.data.length;
  }
}

export const emptyStdin = (): Stdin => new Stdin('');

export interface Io {
  stdin: Stdin;
  out: Sink;
  err: Sink;
}
