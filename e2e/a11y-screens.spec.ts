// axe on the lab page in both themes, and the screenshots of the main states that are
// committed under e2e/screenshots/ (1280x720 and 1920x1080, light and dark).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { LabPage, seedFile } from './pages/lab.ts';

test.describe.configure({ timeout: 120_000 });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations on the lab page (${theme})`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open({ theme });
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await lab.applyFromEditor();
    await lab.run('kubectl create deployment hello --image=nginx:1.27 --replicas=2');
    await lab.expectPod('web', /Running/, 30_000);
    await lab.pod('web').click();
    await expect(lab.inspector.getByRole('tabpanel')).toContainText('Name:');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** A lab in the middle of the init-container article, a Deployment beside it. */
async function busyLab(lab: LabPage): Promise<void> {
  await lab.speed(4);
  await lab.newFile('myapp.yaml');
  await lab.pasteIntoEditor(seedFile('init-containers/myapp.yaml'));
  await lab.applyFromEditor();
  await lab.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
  await lab.run('kubectl expose deployment web --port=80');
  await lab.expectPod('myapp-pod', /Init:0\/2/, 30_000);
  await lab.run('kubectl get pods');
  await expect.poll(async () => (await lab.view.locator('[aria-label*="Running, ready 1/1"]').count()) >= 3, { timeout: 30_000 }).toBe(true);
  await lab.pod('myapp-pod').click();
  await lab.inspector.getByRole('tab', { name: 'Events' }).click();
  await lab.page.getByRole('button', { name: 'Pause' }).click();
}

for (const theme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`screenshots ${size.width}x${size.height} ${theme}`, async ({ page }) => {
      mkdirSync('e2e/screenshots', { recursive: true });
      await page.setViewportSize(size);
      const lab = new LabPage(page);
      await lab.open({ theme });
      await page.waitForTimeout(1500); // Monaco has loaded and coloured the starter file
      await page.screenshot({ path: `e2e/screenshots/start-${size.width}x${size.height}-${theme}.png` });
      await busyLab(lab);
      await page.screenshot({ path: `e2e/screenshots/init-waiting-${size.width}x${size.height}-${theme}.png` });
      await lab.view.getByRole('button', { name: 'Text view' }).click();
      // The text view loads when first shown: the picture is of the tree, not of its placeholder.
      await expect(lab.view.getByRole('tree')).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/text-view-${size.width}x${size.height}-${theme}.png` });
      expect(lab.errors).toEqual([]);
    });
  }
}

test('a narrow window stacks the panes into tabs', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 900 });
  const lab = new LabPage(page);
  await lab.open();
  const tabs = page.getByRole('tablist', { name: 'Panes' });
  await expect(tabs).toBeVisible();
  await tabs.getByRole('tab', { name: 'Terminal' }).click();
  await expect(lab.terminal.locator('.xterm')).toBeVisible();
  await expect(lab.editorRegion).toBeHidden();
  await lab.run('kubectl get nodes');
  await lab.expectTerminal(/node01\s+Ready/);
  await page.screenshot({ path: 'e2e/screenshots/narrow-700x900-light.png' });
});
