// Every lesson, completed in the browser as a student does it: read the step, type the YAML
// into the editor and Apply, type the commands into the terminal, and wait for each step's
// checks to pass before going on. Lessons alternate between English and Korean.
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { LabPage } from './pages/lab.ts';
import { doStep, LESSONS } from './pages/lessons.ts';

test.describe.configure({ timeout: 240_000 });

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
    for (let i = 0; i < lesson.steps.length; i++) {
      await doStep(page, lab, lesson, i, lang);
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
