// File descriptors of a simulated process: where fd 1 and 2 write to and what fd 0 reads.
// A redirection makes a new Io; nothing is ever closed, so there is nothing to leak.

import type { FileNode } from '../vfs.ts';

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

/**
 * An open file: every write appends to the node it was opened on, so a `tail -f` elsewhere sees
 * each line as it is written, and (as on Unix) a file removed while open keeps taking writes
 * without reappearing. Appending in place is what Vfs.writeFile does for an existing file.
 */
export class FileSink implements Sink {
  constructor(
    private readonly node: FileNode,
    private readonly clock: { wallTime(): number },
  ) {}
  write(text: string): void {
    if (!text) return;
    const n = this.node;
    n.content += text;
    n.mtime = this.clock.wallTime();
    n.version++;
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

export interface Io {
  stdin: Stdin;
  out: Sink;
  err: Sink;
}
