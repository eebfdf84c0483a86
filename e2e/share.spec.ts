// A share link round-trips: opened in a fresh browser, it gives the same cluster, files and
// moment; a damaged link opens nothing and says so.
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 120_000 });

test('a share link opens the same lab in a fresh browser, beside the student’s own lab', async ({ page, browser }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(8);
  await lab.applyFromEditor();
  await lab.runAndWait('kubectl create deployment hello --image=nginx:1.27 --replicas=2');
  await lab.expectPod('web', /Running, ready 1\/1/, 30_000);
  await expect(lab.view.locator('[aria-label^="Pod hello-"][aria-label*="Running, ready 1/1"]')).toHaveCount(2, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await lab.runAndWait('kubectl get pods -o wide');
  const before = (await lab.terminalText()).replace(/\n/g, '').match(/hello-\S+\s+\S+\s+\S+\s+\d+\s+\S+\s+(\S+\s+node0\d)/)?.[1];
  expect(before).toMatch(/^10\.244\.\d+\.\d+\s+node0\d$/);
  const clock = await page.locator('time.sim-clock').textContent();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('dialog', { name: 'Share this lab' }).getByRole('textbox').inputValue();
  expect(link).toMatch(/#\/s\/1\./);

  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await other.newPage();
  const second = new LabPage(fresh);
  await fresh.goto(link);
  await expect(fresh.getByText('You are looking at a shared lab. Your own lab is kept.')).toBeVisible();
  // A shared moment opens paused, so it is seen as it was sent.
  await expect(fresh.getByRole('button', { name: 'Play' })).toBeVisible();
  await second.expectPod('web', /Running, ready 1\/1/, 15_000);
  await expect(second.editorRegion.getByRole('tab', { name: /pod\.yaml/ })).toBeVisible();
  await second.expectTerminal(/\$\s*$/); // the terminal is up and showing its prompt
  await second.runAndWait('kubectl get pods -o wide');
  expect((await second.terminalText()).replace(/\n/g, '').match(/hello-\S+\s+\S+\s+\S+\s+\d+\s+\S+\s+(\S+\s+node0\d)/)?.[1]).toBe(before);
  // The same moment: the link carries the time the lab was paused at.
  await expect(fresh.locator('time.sim-clock')).toHaveText(clock!);
  expect(second.errors).toEqual([]);
  await other.close();
});

test('a damaged share link opens nothing and says so', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.goto('./#/s/1.AAAAthis-is-not-a-lab');
  // Monaco keeps live regions of its own (role=alert) once it has loaded: look for ours.
  await expect(page.getByRole('alert').filter({ hasText: 'This share link is damaged, so nothing was opened.' })).toBeVisible();
  await page.goto('./#/s/9.abc');
  await expect(page.getByRole('alert').filter({ hasText: 'newer version of Kubelab' })).toBeVisible();
});
