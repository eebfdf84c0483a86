// A port of Go's text/tabwriter (the elastic-tabstops algorithm) for the subset kubectl
// uses: left alignment, a non-tab pad character and no flags that change layout.
// kubectl's two writers differ only in settings:
//   get      (cli-runtime printers/tabwriter.go):   minwidth 6, tabwidth 4, padding 3
//   describe (kubectl describe.go tabbedString):    minwidth 0, tabwidth 8, padding 2
// Cells are tab-terminated, so the text after the last tab of a line belongs to no column
// and is never padded. A column block is a run of consecutive lines that all have a cell in
// that column; a line with fewer cells ends the block. That is why, in describe output, a
// label such as "Volumes:" with no tab splits the alignment of what comes before and after.

export interface TabwriterSettings {
  minwidth: number;
  padding: number;
  padchar: string;
}

export const GET_TABWRITER: TabwriterSettings = { minwidth: 6, padding: 3, padchar: ' ' };
export const DESCRIBE_TABWRITER: TabwriterSettings = { minwidth: 0, padding: 2, padchar: ' ' };

interface Cell {
  text: string;
  width: number;
}

/** Go measures a cell in runes (utf8.RuneCount), not UTF-16 units. */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function splitLines(text: string): Cell[][] {
  const lines = text.split('\n').map((line) => line.split('\t').map((t) => ({ text: t, width: runeCount(t) })));
  // On Flush Go only keeps the unterminated last cell if it has text, so "a\t" without a
  // newline is one cell, not two.
  const last = lines[lines.length - 1]!;
  if (last.length > 1 && last[last.length - 1]!.text === '') last.pop();
  return lines;
}

/** Formats tab-separated text exactly as a Go tabwriter.Writer would on Flush. */
export function formatTabbed(text: string, settings: TabwriterSettings): string {
  const lines = splitLines(text);
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        const w = widths[j];
        if (j < widths.length && w !== undefined) s += settings.padchar.repeat(Math.max(0, w - c.width));
      });
      // The final element of `lines` is the text after the last newline (usually empty);
      // Go writes it without a newline of its own.
      out.push(i + 1 === lines.length ? s : `${s}\n`);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let th = line0; th < line1; th++) {
      if (column >= lines[th]!.length - 1) continue;
      writeLines(line0, th);
      line0 = th;
      let width = settings.minwidth;
      for (; th < line1; th++) {
        const line = lines[th]!;
        if (column >= line.length - 1) break;
        const w = line[column]!.width + settings.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, th);
      widths.pop();
      line0 = th;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}
