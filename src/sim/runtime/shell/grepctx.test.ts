import { describe, expect, it } from 'vitest';
import { drive, fakeProcess } from './testkit.ts';
import { runShell } from './index.ts';

function grep(cmd: string, file: string): string {
  const t = fakeProcess({ files: { '/f': file } });
  drive(runShell(cmd, t.ctx), t.clock, 1000);
  return t.stdout();
}

describe('grep context lines (-A/-B/-C)', () => {
  it.each([
    ['grep -A1 b /f', 'b\nc\n'],
    ['grep -B1 c /f', 'b\nc\n'],
    ['grep -C1 d /f', 'c\nd\ne\n'],
    ['grep -n -A1 e /f', '5:e\n'],
    ['grep -n -B1 b /f', '1-a\n2:b\n'],
    ['grep -A1 b /f | wc -l', '2\n'],
  ])('%s', (cmd, want) => {
    expect(grep(cmd, 'a\nb\nc\nd\ne\n')).toBe(want);
  });

  it('separates groups that do not touch with --', () => {
    expect(grep('grep -A1 x /f', 'x1\na\nb\nx2\nc\nd\ne\nx3\n')).toBe('x1\na\n--\nx2\nc\n--\nx3\n');
  });
});
