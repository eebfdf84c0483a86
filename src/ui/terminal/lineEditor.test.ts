import { describe, expect, it } from 'vitest';
import { columns, isIncomplete, layoutInput, LineBuffer } from './lineEditor.ts';

describe('isIncomplete', () => {
  const cases: [string, boolean][] = [
    ['kubectl get pods', false],
    ["kubectl patch deploy web -p '{", true],
    ["kubectl patch deploy web -p '{\n\"spec\": {}}'", false],
    ['echo "it\'s', true],
    ["echo it's # a comment", true],
    ['echo hi # it\'s fine', false],
    ['kubectl apply -f - <<EOF', true],
    ['kubectl apply -f - <<EOF\nkind: Pod\n', true],
    ['kubectl apply -f - <<EOF\nkind: Pod\nEOF', false],
    ["cat <<'END' > x\nhello\nEND", false],
    ['cat <<-EOF\n\thello\n\tEOF', false],
    ['echo "<<EOF"', false],
    ['kubectl get \\', true],
    ['kubectl get \\\npods', false],
  ];
  it.each(cases)('%j -> %s', (text, expected) => {
    expect(isIncomplete(text)).toBe(expected);
  });
});

describe('LineBuffer', () => {
  it('edits like readline', () => {
    const b = new LineBuffer();
    b.insert('kubectl get pods');
    b.wordLeft();
    expect(b.cursor).toBe(12);
    b.killToEnd();
    expect(b.text).toBe('kubectl get ');
    b.killWordBack();
    expect(b.text).toBe('kubectl ');
    b.home();
    b.insert('x');
    b.killToStart();
    expect(b.text).toBe('kubectl ');
    expect(b.cursor).toBe(0);
    b.del();
    expect(b.text).toBe('ubectl ');
    b.end();
    b.backspace();
    expect(b.text).toBe('ubectl');
  });

  it('never splits a surrogate pair', () => {
    const b = new LineBuffer();
    b.insert('a😀');
    b.left();
    expect(b.cursor).toBe(1);
    b.right();
    b.backspace();
    expect(b.text).toBe('a');
  });
});

describe('layoutInput', () => {
  it('wraps at the edge and moves to the next row at exactly the width', () => {
    const cells = layoutInput('$ ', 'abcdefgh', 10);
    expect(cells[0]).toEqual({ row: 0, col: 2 });
    expect(cells[8]).toEqual({ row: 1, col: 0 });
    expect(layoutInput('$ ', 'abcdefghij', 10)[10]).toEqual({ row: 1, col: 2 });
  });

  it('starts a continuation prompt after a newline and counts wide characters twice', () => {
    const cells = layoutInput('$ ', 'ab\ncd', 40);
    expect(cells[3]).toEqual({ row: 1, col: 2 });
    expect(layoutInput('$ ', '한글', 40)[2]).toEqual({ row: 0, col: 6 });
    // A wide character that does not fit in the last cell goes to the next row whole.
    expect(layoutInput('$ ', 'abcdefg한', 10)[8]).toEqual({ row: 1, col: 2 });
  });
});

describe('columns', () => {
  it('fills columns top to bottom like bash', () => {
    expect(columns(['a', 'b', 'c', 'd', 'e'], 9)).toEqual(['a  c  e', 'b  d']);
  });
});
