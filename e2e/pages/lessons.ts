// The lessons as the e2e tests read them (lessons/ parsed by the app's own parser), and one
// step done as a student does it: files typed into the editor and applied, commands typed into
// the terminal, then wait for the step's checks to pass.
import { expect, type Page } from '@playwright/test';
import type { Lesson } from '../../src/lessons/types.ts';
import { LESSON_FOLDERS, loadLesson } from '../../tests/lessonFiles.ts';
import type { LabPage } from './lab.ts';

export const LESSONS: Lesson[] = LESSON_FOLDERS.map(loadLesson);

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Do one step of a lesson page as a student, in the page's language, and wait until it passes. */
export async function doStep(page: Page, lab: LabPage, lesson: Lesson, index: number, lang: 'en' | 'ko'): Promise<void> {
  const step = lesson.steps[index]!;
  const side = page.locator('.lesson-side');
  await expect(side.getByRole('heading', { level: 2, name: step.text[lang].title })).toBeVisible();
  // The step's starting files arrive in the workspace as it opens; wait for them, or a file of
  // the same name would be created a second time beside them.
  for (const f of step.files) await expect(page.locator('.editor-tabs [role="tab"]', { hasText: base(f) })).toBeVisible();
  const sol = step.solution;
  if (sol) {
    for (const path of sol.apply) {
      const name = base(path);
      const tab = page.locator('.editor-tabs [role="tab"]', { hasText: name });
      if (await tab.count()) await tab.click();
      else await lab.newFile(name);
      await lab.pasteIntoEditor(lesson.files[path]!);
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(page.locator('[data-testid="apply-status"]')).toContainText(name);
    }
    await lab.speed(16);
    for (const line of sol.run) await lab.runAndWait(line);
  }
  if (step.checks.length) {
    await lab.speed(16);
    await expect(side.locator('.lesson-done')).toBeVisible({ timeout: 90_000 });
  }
}
