// kubectl describe writes through a PrefixWriter (two spaces per level) into a tabwriter
// (minwidth 0, padding 2). Flush lays out everything written so far on its own, which
// DescribeEvents relies on: the Events table is aligned independently of what precedes it.

import { DESCRIBE_TABWRITER, formatTabbed } from './tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  private flushed = '';
  private pending = '';

  /** The indent is added once, before `text`; lines inside `text` carry their own spaces. */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** fmt.Sprintln of one value. */
  writeLine(text: string): void {
    this.pending += `${text}\n`;
  }

  flush(): void {
    this.flushed += formatTabbed(this.pending, DESCRIBE_TABWRITER);
    this.pending = '';
  }

  toString(): string {
    return this.flushed + formatTabbed(this.pending, DESCRIBE_TABWRITER);
  }
}

/** tabbedString: runs a describer against a fresh writer and returns the laid-out text. */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.toString();
}
