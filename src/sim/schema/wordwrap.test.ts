import { describe, expect, it } from 'vitest';
import { base64ErrorOffset } from './base64.ts';
import { indent, wrapString } from './wordwrap.ts';

describe('wrapString (go-wordwrap)', () => {
  it.each<[string, number, string]>([
    ['', 4, ''],
    ['foo', 0, 'foo'],
    ['foobarbaz', 4, 'foobarbaz'],
    ['foo bar baz', 4, 'foo\nbar\nbaz'],
    ['foo bar baz', 3, 'foo\nbar\nbaz'],
    ['foo bar baz', 7, 'foo bar\nbaz'],
    ['foo bar baz', 11, 'foo bar baz'],
    ['foo\nbar baz', 7, 'foo\nbar baz'],
    ['foo\n\nbar', 3, 'foo\n\nbar'],
    ['a b\n', 76, 'a b\n'],
    // Runes, not bytes.
    ['äää ööö', 3, 'äää\nööö'],
    // A word longer than the limit stays whole.
    ['see https://example.com/a/very/long/url here', 10, 'see\nhttps://example.com/a/very/long/url\nhere'],
  ])('wraps %j at %i', (input, limit, expected) => {
    expect(wrapString(input, limit)).toBe(expected);
  });

  it('indents every line, including an empty last one', () => {
    expect(indent(4, 'a\nb\n')).toBe('    a\n    b\n    ');
  });
});

describe('base64ErrorOffset (Go base64.StdEncoding)', () => {
  it.each<[string, number | undefined]>([
    ['cGFzc3dvcmQ=', undefined],
    ['YWRtaW4=\n', undefined],
    ['', undefined],
    ['hello', 4],
    ['mypassword', 8],
    ['cGFzc3dvcmQ', 8],
    ['pass word', 4],
    ['a=bc', 1],
    ['abc=d', 4],
    ['ab=', 3],
  ])('%j → %s', (input, offset) => {
    expect(base64ErrorOffset(input)).toBe(offset);
  });
});
