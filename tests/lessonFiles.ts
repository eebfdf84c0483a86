// The lessons on disk, read as the app's parser reads them: one helper for the unit tests,
// the demo tests and the e2e specs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseLesson } from '../src/lessons/parse.ts';
import type { Lesson } from '../src/lessons/types.ts';

export const LESSONS_DIR = resolve(import.meta.dirname, '..', 'lessons');

/** Every file under dir, by its path relative to dir, in name order. */
export function readFolder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, readFolder(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return out;
}

/** The lesson folders (`01-pods`, …), in order. */
export const LESSON_FOLDERS = readdirSync(LESSONS_DIR)
  .filter((n) => /^\d{2}-/.test(n) && statSync(join(LESSONS_DIR, n)).isDirectory())
  .sort();

/** A lesson parsed; throws with every parse error if it does not parse. */
export function loadLesson(id: string): Lesson {
  const r = parseLesson(id, readFolder(join(LESSONS_DIR, id)));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  return r.lesson;
}
