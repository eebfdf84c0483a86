// For instructors: presentation mode on a lesson page (large type, high contrast, the lesson
// text collapsed, kept across a reload, axe-clean in both themes), a lesson run as a demo by
// keypresses alone, and a lesson step shared by link into a fresh browser.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { encodeShare } from '../src/state/share.ts';
import { loadLesson } from '../tests/lessonFiles.ts';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 180_000 });

const lesson = loadLesson;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
}

const px = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('presentation mode: large type, the lesson text folded away, kept across a reload, axe-clean in both themes', async ({ page }) => {
  mkdirSync('e2e/screenshots', { recursive: true });
  const init = lesson('05-init-containers');
  const lab = new LabPage(page);
  await lab.open();
  await page.goto(`./#/lessons/${init.id}`);
  const lessonPane = page.getByRole('region', { name: 'Lesson' });
  await expect(lessonPane.getByRole('heading', { level: 2, name: init.steps[0]!.text.en.title })).toBeVisible();
  await expect(lab.editorRegion.locator('.monaco-editor .view-lines')).toBeVisible();
  await expect(lab.terminal.locator('.xterm-rows')).toBeVisible();
  const before = {
    text: await px(page, '.lesson-text p'),
    editor: await px(page, '.monaco-editor .view-lines'),
    terminal: await px(page, '.xterm-rows'),
  };
  const toggle = page.getByRole('button', { name: 'Presentation' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  // Alt+P, from anywhere (here: the terminal, which would otherwise take the key).
  await lab.focusTerminal();
  await page.keyboard.press('Alt+P');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // The lesson text is folded to a strip that reopens it; the cluster view takes the top.
  await expect(lessonPane.locator('.lesson-step')).toHaveCount(0);
  await expect(lessonPane.getByRole('button', { name: 'Expand Lesson' })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => px(page, '.monaco-editor .view-lines')).toBeGreaterThanOrEqual(before.editor * 1.3);
  await expect.poll(() => px(page, '.xterm-rows')).toBeGreaterThanOrEqual(before.terminal * 1.3);
  const view = await lab.view.boundingBox();
  expect(view!.width * view!.height).toBeGreaterThan(0.4 * 1280 * 720);
  // The lab is still the lesson's: folding the lesson pane does not leave its cluster.
  await lab.speed(8);
  await lab.applyFromEditor();
  await lab.expectPod('checkout', /Init:0\/2/);
  await lab.runAndWait('kubectl get pods');
  await lab.expectTerminal(/checkout\s+0\/1\s+Init:0\/2/);

  // The strip reopens the text, larger too.
  await lessonPane.getByRole('button', { name: 'Expand Lesson' }).click();
  await expect(lessonPane.locator('.lesson-text p').first()).toBeVisible();
  expect(await px(page, '.lesson-text p')).toBeGreaterThanOrEqual(before.text * 1.2);
  await lessonPane.getByRole('button', { name: 'Collapse Lesson' }).click();

  // A preference: it survives a reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Presentation' })).toHaveAttribute('aria-pressed', 'true');
  await expect(lessonPane.locator('.lesson-step')).toHaveCount(0);
  await expect(lab.editorRegion.locator('.monaco-editor .view-lines')).toBeVisible();

  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: /^Theme/ }).click();
    await page.waitForTimeout(1200); // Monaco and xterm have repainted
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/presentation-1280x720-${theme}.png` });
  }
  // The lesson text open beside the large view, in dark.
  await lessonPane.getByRole('button', { name: 'Expand Lesson' }).click();
  await expect(lessonPane.locator('.lesson-text p').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/presentation-lesson-open-1280x720-dark.png' });

  // Off again: the student's own layout is back, with the lesson text open.
  await page.getByRole('button', { name: 'Presentation' }).click();
  await expect(page.getByRole('button', { name: 'Presentation' })).toHaveAttribute('aria-pressed', 'false');
  await expect(lessonPane.locator('.lesson-step')).toBeVisible();
  await expect.poll(() => px(page, '.monaco-editor .view-lines')).toBe(before.editor);
  expect(lab.errors).toEqual([]);
});

test('a lesson run as a demo, one keypress per command, passes every step', async ({ page }) => {
  const sidecar = lesson('02-sidecar');
  const lab = new LabPage(page);
  await lab.open();
  await page.goto(`./#/lessons/${sidecar.id}`);
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { level: 2, name: sidecar.steps[0]!.text.en.title })).toBeVisible();
  await lab.speed(16);
  const demoToggle = page.getByRole('button', { name: 'Demo', exact: true });
  await demoToggle.click();
  const bar = page.getByRole('region', { name: 'Demo' });
  await expect(bar).toBeVisible();
  await expect(page.getByRole('button', { name: 'Demo', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const next = bar.getByRole('button', { name: 'Next' });
  const position = bar.getByTestId('demo-position');
  // Keys go to the page, not to a text field.
  await page.locator('body').click({ position: { x: 5, y: 5 } });

  let presses = 0;
  for (const [i, step] of sidecar.steps.entries()) {
    const commands = [...(step.solution?.apply ?? []), ...(step.solution?.run ?? []), ...(step.solution?.waitMs ? ['wait'] : [])];
    for (let c = 0; c < commands.length; c++) {
      await expect(position).toHaveText(`Step ${i + 1} of ${sidecar.steps.length} · command ${c + 1} of ${commands.length}`);
      const shown = (await bar.getByTestId('demo-command').textContent())!;
      // A line still running holds the next one back, as it would a student.
      await expect(next).toHaveAttribute('aria-disabled', 'false', { timeout: 60_000 });
      await page.keyboard.press('n');
      presses++;
      // Typed into the terminal where the class sees it (a short answer keeps the line on screen).
      if (/^kubectl (wait|get)\b/.test(shown)) await lab.expectTerminal(new RegExp(`\\$ ${shown.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s*')}`));
    }
    if (step.checks.length) await expect(page.locator('.lesson-done')).toBeVisible({ timeout: 60_000 });
    if (i + 1 < sidecar.steps.length) {
      await expect(bar.getByTestId('demo-command')).toHaveText(`open step ${i + 2}: ${sidecar.steps[i + 1]!.text.en.title}`);
      if (step.checks.length) await expect(bar).toContainText('step done');
      await page.keyboard.press('n');
      presses++;
      await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { level: 2, name: sidecar.steps[i + 1]!.text.en.title })).toBeVisible();
      if (i === 0) await page.screenshot({ path: 'e2e/screenshots/demo-1280x720-light.png' });
    }
  }
  await expect(bar).toContainText('Every command of the lesson has run.');
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  expect(presses).toBeGreaterThan(10);
  // The sidecar is there and streams, as in the lesson's own solution.
  await lab.expectPod('shop', /Running, ready 2\/2/);

  // Leaving the demo returns to the student's own lesson, at its own first step.
  await bar.getByRole('link', { name: 'Exit demo' }).click();
  await expect(bar).toBeHidden();
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { level: 2, name: sidecar.steps[0]!.text.en.title })).toBeVisible();
  await expect(lab.view.locator('[aria-label^="Pod shop,"]')).toHaveCount(0);
  expect(lab.errors).toEqual([]);
});

test('a lesson step shared by link opens at that step, with the same pods, beside the recipient’s own progress', async ({ page, browser }) => {
  const init = lesson('05-init-containers');
  const lab = new LabPage(page);
  await lab.open();
  await page.goto(`./#/lessons/${init.id}`);
  const pane = page.getByRole('region', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { level: 2, name: init.steps[0]!.text.en.title })).toBeVisible();
  await lab.speed(8);
  await lab.applyFromEditor();
  await lab.runAndWait('kubectl get pods');
  await lab.expectPod('checkout', /Init:0\/2/);
  await pane.getByRole('button', { name: 'Next step' }).click();
  await expect(pane.getByRole('heading', { level: 2, name: init.steps[1]!.text.en.title })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  const pods = await lab.view.locator('[aria-label^="Pod "]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).sort());
  expect(pods.length).toBeGreaterThan(0);
  const clock = await page.locator('time.sim-clock').textContent();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('dialog', { name: 'Share this lesson step' }).getByRole('textbox').inputValue();
  expect(link).toMatch(/#\/s\/1\./);

  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await other.newPage();
  const second = new LabPage(fresh);
  await fresh.goto(link);
  await expect(fresh.getByText('You are looking at a lesson step someone shared. Your own progress in this lesson is kept.')).toBeVisible();
  await expect(fresh).toHaveURL(new RegExp(`#/shared/${init.id}$`));
  const sharedPane = fresh.getByRole('region', { name: 'Lesson' });
  await expect(sharedPane.getByRole('heading', { level: 2, name: init.steps[1]!.text.en.title })).toBeVisible();
  await expect(fresh.getByRole('button', { name: 'Play' })).toBeVisible();
  await second.expectPod('checkout', /Init:0\/2/);
  await expect.poll(() => second.view.locator('[aria-label^="Pod "]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).sort())).toEqual(pods);
  await expect(fresh.locator('time.sim-clock')).toHaveText(clock!);
  await expect(second.editorRegion.getByRole('tab', { name: /payments\.yaml/ })).toBeVisible();

  // The way back: the recipient's own lesson, untouched (a first visit starts at step 1).
  await fresh.getByRole('link', { name: 'Back to my own lesson' }).click();
  await expect(sharedPane.getByRole('heading', { level: 2, name: init.steps[0]!.text.en.title })).toBeVisible();
  await expect(second.view.locator('[aria-label^="Pod checkout,"]')).toHaveCount(0);
  expect(second.errors).toEqual([]);
  await other.close();

  // A link to a lesson (or step) this Kubelab does not have opens nothing and says so.
  const base = { seed: 5, startedAt: 0, now: 1000, actions: [], files: [{ name: 'a.yaml', text: '' }], activeFile: 'a.yaml' };
  for (const lessonPart of [{ id: '99-not-a-lesson', step: 'start', openedAt: 0 }, { id: init.id, step: 'not-a-step', openedAt: 0 }]) {
    await page.goto(`./#/s/${await encodeShare({ ...base, lesson: lessonPart })}`);
    await expect(page.getByRole('alert').filter({ hasText: 'opens a lesson or step this Kubelab does not have, so nothing was opened' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to my lab' })).toBeVisible();
  }
  expect(lab.errors).toEqual([]);
});
