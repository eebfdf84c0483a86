// One lesson, the sidecar pattern, completed with the keyboard alone: from the catalogue by
// Tab and Enter, each step read, the sidecar copied from the lesson text with its Copy button
// and pasted into shop.yaml, commands typed into the terminal, every check passed, and the
// lesson counted as done in the catalogue. No clicks and no fill() anywhere.
import { expect, test, type Locator } from '@playwright/test';
import { LabPage } from './pages/lab.ts';
import { LESSONS } from './pages/lessons.ts';

test.describe.configure({ timeout: 240_000 });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const lesson = LESSONS.find((l) => l.id === '02-sidecar')!;
const title = (i: number) => lesson.steps[i]!.text.en.title;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the sidecar lesson completed with the keyboard alone', async ({ page }, testInfo) => {
  const lab = new LabPage(page);
  const { keyboard } = page;
  await lab.open();
  await page.goto('./#/lessons');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();

  // The catalogue: Tab to the lesson's link and follow it.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: lesson.text.en.title, exact: true }) });
  await expect(card).toContainText(`0/${lesson.steps.length} steps done`);
  await lab.tabTo(new RegExp(`^${escape(lesson.text.en.title)}$`));
  await keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/lessons/${lesson.id}`));
  const side = page.locator('.lesson-side');
  const stepTitle = side.getByRole('heading', { level: 2 });
  await expect(stepTitle).toHaveText(title(0));

  // Time at 16x with `]` (outside text fields), so waits take seconds.
  for (let i = 0; i < 4; i++) await keyboard.press(']');
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('16');

  // The lesson pane's tabs: Alt+3 lands on them, the arrow keys switch.
  await keyboard.press('Alt+3');
  const lessonTab = side.getByRole('tab', { name: 'Lesson' });
  await expect(lessonTab).toBeFocused();
  await keyboard.press('ArrowRight');
  await expect(side.getByRole('tab', { name: 'Inspector' })).toBeFocused();
  await expect(side.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('ArrowLeft');
  await expect(lessonTab).toHaveAttribute('aria-selected', 'true');
  await expect(stepTitle).toHaveText(title(0));

  /** Every check of step `i` shown passed, and the step done. */
  const expectStepPassed = async (i: number) => {
    const checks = side.getByRole('region', { name: 'Checks' });
    await expect(checks.getByRole('listitem').filter({ hasText: /Done: Done$/ })).toHaveCount(lesson.steps[i]!.checks.length, { timeout: 90_000 });
    await expect(side.getByRole('status').filter({ hasText: 'Step done. Well done!' })).toBeVisible();
  };
  /** Alt+3, Tab to the control, Enter. */
  const inLesson = async (name: RegExp) => {
    await keyboard.press('Alt+3');
    await expect(lessonTab).toBeFocused();
    await lab.tabTo(name);
    await keyboard.press('Enter');
  };
  /** Alt+1 lands on the selected file tab; the arrow keys pick a file, Tab goes on to its text. */
  const editFile = async (name: string) => {
    await keyboard.press('Alt+1');
    const tabs = lab.editorRegion.getByRole('tablist').getByRole('tab');
    await expect(tabs.and(page.locator('[aria-selected="true"]'))).toBeFocused();
    const tab = tabs.filter({ hasText: name });
    for (let i = 0; i < 10 && (await tab.getAttribute('aria-selected')) !== 'true'; i++) await keyboard.press('ArrowRight');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await lab.tabTo(new RegExp(`^YAML of ${escape(name)}`));
    await expect(lab.editorRegion.locator('.monaco-editor textarea')).toBeFocused();
  };
  const applyStatus = lab.editorRegion.getByRole('status');
  const focusRing = async (el: Locator) => expect.poll(() => el.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');

  // Step 1: apply shop.yaml as it is, read the (empty) log and the file.
  await editFile('shop.yaml');
  await keyboard.press('ControlOrMeta+Enter');
  await expect(applyStatus).toContainText('pod/shop created');
  await lab.typeLine('kubectl wait --for=condition=Ready pod/shop');
  await lab.expectTerminal(/pod\/shop condition met/);
  await lab.typeLine('kubectl logs shop');
  await lab.typeLine('kubectl exec shop -- tail -n 3 /var/log/shop/orders.log');
  await lab.expectTerminal(/order #\d+ placed/);
  await expectStepPassed(0);
  await inLesson(/^Next step$/);
  // Focus goes to the new step's title; the text follows it.
  await expect(stepTitle).toHaveText(title(1));
  await expect(stepTitle).toBeFocused();

  // Step 2: the lesson's sidecar snippet (its Copy button is the first control after the
  // title), pasted in shop.yaml at the line `volumes:` is on, so it joins `containers:`.
  await keyboard.press('Tab');
  await expect.poll(() => lab.focusedName()).toBe('Copy');
  const copy = side.getByRole('button', { name: 'Copy' }).first();
  await expect(copy).toBeFocused();
  await focusRing(copy);
  await page.screenshot({ path: testInfo.outputPath('keyboard-lesson-copy-focused.png') });
  await keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^ {2}- name: log-streamer\n/);
  await editFile('shop.yaml');
  const shop = lesson.files['files/shop.yaml']!;
  await lab.goToLine(shop.split('\n').indexOf('  volumes:') + 1);
  await keyboard.press('ControlOrMeta+V');
  await expect(lab.editorRegion.locator('.monaco-editor .view-lines')).toContainText('log-streamer');
  await keyboard.press('ControlOrMeta+Enter');
  // A running pod cannot gain a container: the API server refuses, as the lesson says.
  await expect(applyStatus).toContainText('may not add or remove containers');
  await lab.typeLine('kubectl delete pod shop');
  await lab.typeLine('kubectl apply -f shop.yaml');
  await lab.expectTerminal(/pod\/shop created/);
  await lab.typeLine('kubectl wait --for=condition=Ready pod/shop');
  await expectStepPassed(1);
  await inLesson(/^Next step$/);
  await expect(stepTitle).toHaveText(title(2));
  await expect(stepTitle).toBeFocused();

  // Step 3: two containers, one log.
  await lab.typeLine('kubectl get pods');
  await lab.expectTerminal(/shop\s+2\/2\s+Running/);
  await lab.typeLine('kubectl logs shop -c log-streamer');
  await lab.expectTerminal(/order #\d+ placed\s*\$\s*$/);
  await expectStepPassed(2);
  await inLesson(/^Next step$/);
  await expect(stepTitle).toHaveText(title(3));
  await expect(stepTitle).toBeFocused();

  // Step 4 has no checks: read it, try the native sidecar, and finish.
  await expect(side.getByText('Read this step, then go on.')).toBeVisible();
  await editFile('shop-native.yaml');
  await keyboard.press('ControlOrMeta+Enter');
  await expect(applyStatus).toContainText('pod/shop-native created');
  await lab.typeLine('kubectl wait --for=condition=Ready pod/shop-native');
  await lab.typeLine('kubectl get pods');
  await lab.expectTerminal(/shop-native\s+2\/2\s+Running/);
  await inLesson(/^Back to the lessons$/);

  // The catalogue counts every step, the reading-only one included, as done.
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await expect(card).toContainText(`${lesson.steps.length}/${lesson.steps.length} steps done`);
  await expect(card.getByRole('progressbar')).toHaveAttribute('value', String(lesson.steps.length));
  expect(lab.errors).toEqual([]);
});
