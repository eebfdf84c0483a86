// Every lesson, completed in the browser as a student does it: read the step, type the YAML
// into the editor and Apply, type the commands into the terminal, and wait for each step's
// checks to pass before going on. Lessons alternate between English and Korean.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseLesson } from '../src/lessons/parse.ts';
import type { Lesson } from '../src/lessons/types.ts';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 240_000 });

const ROOT = new URL('../lessons/', import.meta.url).pathname;

function readFolder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) Object.assign(out, readFolder(p, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(p, 'utf8');
  }
  return out;
}

const LESSONS: Lesson[] = readdirSync(ROOT)
  .filter((d) => /^\d\d-/.test(d) && statSync(join(ROOT, d)).isDirectory())
  .sort()
  .map((d) => {
    const r = parseLesson(d, readFolder(join(ROOT, d)));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
    return r.lesson;
  });

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

LESSONS.forEach((lesson, n) => {
  const lang = n % 2 === 0 ? 'en' : 'ko';
  test(`lesson ${lesson.id} completed in ${lang === 'en' ? 'English' : 'Korean'}`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    if (lang === 'ko') {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
      lab.lang = 'ko';
    }
    await page.goto(`./#/lessons/${lesson.id}`);
    const side = page.locator('.lesson-side');
    await lab.speed(16);
    for (const [i, step] of lesson.steps.entries()) {
      await expect(side.getByRole('heading', { level: 2, name: step.text[lang].title })).toBeVisible();
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
      if (i + 1 < lesson.steps.length) await side.locator('.lesson-nav button').last().click();
    }
    await expect(side.locator('.lesson-nav a.primary')).toBeVisible();
    expect(lab.errors).toEqual([]);
  });
});

test('the catalogue lists every lesson, and axe finds nothing serious on it or a lesson page', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.goto('./#/lessons');
  for (const l of LESSONS) await expect(page.getByRole('link', { name: l.text.en.title, exact: true })).toBeVisible();
  const serious = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/catalogue-1280x720-light.png' });
  if (LESSONS[0]) {
    await page.getByRole('link', { name: LESSONS[0].text.en.title, exact: true }).click();
    await expect(page.locator('.lesson-step h2')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(await serious()).toEqual([]);
    await page.screenshot({ path: 'e2e/screenshots/lesson-1280x720-light.png' });
  }
});
