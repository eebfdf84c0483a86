import { describe, expect, it } from 'vitest';
import { parsePrefs } from './persist.ts';

describe('UI preferences', () => {
  it('read back what was saved', () => {
    const prefs = { lang: 'ko', theme: 'dark', presentation: true, presentationCollapsed: { inspector: true, editor: false } };
    expect(parsePrefs(JSON.stringify(prefs))).toEqual(prefs);
  });

  it.each([
    ['nothing', null, {}],
    ['not JSON', '{', {}],
    ['a list', '[]', {}],
    ['foreign values', JSON.stringify({ lang: 'fr', theme: 'blue', presentation: 'yes', presentationCollapsed: { inspector: 'no', x: true } }), { presentationCollapsed: {} }],
    ['one good field among bad ones', JSON.stringify({ lang: 'de', presentation: true }), { presentation: true }],
  ])('keep only what is sound: %s', (_n, raw, want) => {
    expect(parsePrefs(raw)).toEqual(want);
  });
});
