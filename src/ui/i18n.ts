// UI strings in English and Korean. Each part of the UI defines its own table with
// defineStrings (so parts never edit one shared file), and TypeScript checks that both
// languages have every key.

import { useLab, type Lang } from '../state/labStore.ts';

export type Strings<K extends string> = Record<Lang, Record<K, string>>;

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

function fill(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

/** A translator for one language, for code outside React (tests, the d3 view). */
export function translator<K extends string>(table: Strings<K>, lang: Lang): Translate<K> {
  return (key, vars) => fill(table[lang][key], vars);
}

/** Define a table; returns a hook that gives a translator for the page's current language. */
export function defineStrings<K extends string>(table: Strings<K>): () => Translate<K> {
  return function useStrings() {
    const lang = useLab((s) => s.lang);
    return translator(table, lang);
  };
}
