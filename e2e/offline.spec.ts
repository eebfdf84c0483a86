// Offline after the first visit: the service worker precaches the build, so with the network
// off a reload still brings up the lab, the editor, the schema and the lessons, and a lesson
// step can be completed. And the page runs under its Content-Security-Policy with nothing refused.
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';
import { doStep, LESSONS } from './pages/lessons.ts';

test.describe.configure({ timeout: 180_000 });

test('after one visit, the lab works offline: reload, open a lesson in Korean, complete a step', async ({ page, context }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  const lab = new LabPage(page);
  await lab.open();
  // Installed (every file of the build cached) and in control of the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  lab.lang = 'ko';
  const lesson = LESSONS.find((l) => l.id === '05-init-containers')!;
  await page.goto(`./#/lessons/${lesson.id}`);
  await lab.speed(16);
  await doStep(page, lab, lesson, 0, 'ko');
  // The editor (Monaco, its YAML worker and the schema) came from the cache too.
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  expect(lab.errors.filter((e) => !/net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  expect(refused).toEqual([]);
  await context.setOffline(false);
});

test('the built page carries a Content-Security-Policy with no inline script and no eval', async ({ page }) => {
  const response = await page.goto('./');
  const html = (await response?.text()) ?? '';
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  // A script smuggled into the page as markup does not run.
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__smuggled = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __smuggled?: boolean }).__smuggled === true;
  });
  expect(ran).toBe(false);
});
