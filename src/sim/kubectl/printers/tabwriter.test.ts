import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, formatTabbed, GET_TABWRITER, type TabwriterSettings } from './tabwriter.ts';

const dots = (minwidth: number, padding: number): TabwriterSettings => ({ minwidth, padding, padchar: '.' });

describe('formatTabbed (Go text/tabwriter semantics)', () => {
  // Cases from Go's tabwriter_test.go, left-aligned without flags.
  it.each([
    ['empty lines', dots(8, 1), '\n\n\n', '\n\n\n'],
    ['lone tab without newline prints nothing', dots(8, 1), '\t', ''],
    ['two cells, no newline', dots(8, 1), '*\t*', '*.......*'],
    ['empty cell is padded', dots(8, 1), '\t\n', '........\n'],
    [
      'runes, not bytes, and per-block widths',
      dots(8, 1),
      '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
      '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
    ],
  ])('%s', (_name, settings, input, want) => {
    expect(formatTabbed(input, settings)).toBe(want);
  });

  it('aligns each column block separately (the package example, left-aligned)', () => {
    // "b" and "dddd" sit in the second cell but in different column blocks, because the
    // "aaa\t" line in between has no second column.
    const input = 'a\tb\tc\naa\tbb\tcc\naaa\t\naaaa\tdddd\teeee\n';
    expect(formatTabbed(input, dots(0, 1))).toBe('a....b..c\naa...bb.cc\naaa..\naaaa.dddd.eeee\n');
  });

  it('never pads the last cell of a line', () => {
    expect(formatTabbed('x\ty\nlonger\tz\n', GET_TABWRITER)).toBe('x        y\nlonger   z\n');
  });

  it('a line without tabs ends the alignment block (describe layout)', () => {
    const input = 'Name:\tweb\nVolumes:\n  a-very-long-key:\tv\nQoS Class:\tBestEffort\n';
    expect(formatTabbed(input, DESCRIBE_TABWRITER)).toBe(
      'Name:  web\nVolumes:\n  a-very-long-key:  v\nQoS Class:          BestEffort\n',
    );
  });
});
