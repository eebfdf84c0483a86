// axe on every route, in both themes and both languages: the lab, the catalogue, a lesson, a
// lesson demo and a refused share link. And with prefers-reduced-motion, animation becomes
// state changes without motion: no d3 transition and no running animation on the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 180_000 });

async function serious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const ROUTES: { name: string; hash: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'lab', hash: '#/', ready: (p) => expect(p.getByRole('slider', { name: /Timeline|타임라인/ })).toBeVisible() },
  { name: 'catalogue', hash: '#/lessons', ready: (p) => expect(p.locator('a[href*="#/lessons/01-pods"]').first()).toBeVisible() },
  { name: 'lesson', hash: '#/lessons/05-init-containers', ready: (p) => expect(p.locator('.lesson-step h2')).toBeVisible() },
  { name: 'demo', hash: '#/demo/02-sidecar', ready: (p) => expect(p.locator('.demo-bar')).toBeVisible() },
  { name: 'refused share link', hash: '#/s/1.AAAAdamaged', ready: (p) => expect(p.getByRole('main').getByRole('alert')).toBeVisible() },
];

for (const lang of ['en', 'ko'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: every route, ${lang}, ${theme}`, async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open({ theme });
      if (lang === 'ko') await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
      const found: string[] = [];
      for (const r of ROUTES) {
        await page.goto(`./${r.hash}`);
        await r.ready(page);
        for (const v of await serious(page)) found.push(`${r.name}: ${v}`);
      }
      expect(found).toEqual([]);
    });
  }
}

test('with prefers-reduced-motion, changes happen without motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(4);
  await lab.applyFromEditor();
  await lab.run('kubectl create deployment hello --image=nginx:1.27 --replicas=3');
  await lab.run('kubectl expose deployment hello --port 80');
  await lab.run('traffic start svc/hello');
  const moving = async () =>
    page.evaluate(() => ({
      // d3 transitions that take time (a zero-length one applies its end state at once).
      d3: [...document.querySelectorAll('svg *')].filter((n) => Object.values((n as unknown as { __transition?: Record<string, { duration: number }> }).__transition ?? {}).some((t) => t.duration > 0)).length,
      animations: document.getAnimations().filter((a) => a.playState === 'running').length,
    }));
  // Sample while pods are being created, become ready and traffic flows.
  for (let i = 0; i < 12; i++) {
    expect(await moving()).toEqual({ d3: 0, animations: 0 });
    await page.waitForTimeout(250);
  }
  await lab.expectPod('web', /Running/, 30_000);
  await page.getByRole('button', { name: 'Control plane' }).click();
  await lab.run('kubectl scale deployment hello --replicas=4');
  for (let i = 0; i < 6; i++) {
    expect(await moving()).toEqual({ d3: 0, animations: 0 });
    await page.waitForTimeout(250);
  }
  expect(lab.errors).toEqual([]);
});
