// The lessons shipped with the page: every file under lessons/NN-slug/ as text, parsed once.
// This module is only imported by the lazy lesson pages, so the lab's first load stays small.
import { parseLesson, validateCourse } from '../../lessons/parse.ts';
import type { Lesson, LessonError } from '../../lessons/types.ts';

const raw = import.meta.glob<string>('../../../lessons/*/**/*', { query: '?raw', import: 'default', eager: true });

function load(): { lessons: Lesson[]; errors: LessonError[] } {
  const byFolder = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(raw)) {
    const m = /lessons\/([^/]+)\/(.+)$/.exec(path);
    if (!m) continue;
    const files = byFolder.get(m[1]!) ?? {};
    files[m[2]!] = text;
    byFolder.set(m[1]!, files);
  }
  const lessons: Lesson[] = [];
  const errors: LessonError[] = [];
  for (const [folder, files] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    const r = parseLesson(folder, files);
    if (r.ok) lessons.push(r.lesson);
    else errors.push(...r.errors);
  }
  errors.push(...validateCourse(lessons));
  return { lessons, errors };
}

export const COURSE = load();

export function findLesson(id: string): Lesson | undefined {
  return COURSE.lessons.find((l) => l.id === id);
}
