// The first thing anyone sees: the page loads with no console errors, kubectl answers in the
// terminal, and the theme follows the operating system's colour scheme.
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test('the lab page loads in Chromium with no console errors and runs kubectl in the page', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByRole('link', { name: 'Kubelab' })).toBeVisible();
  await lab.run('kubectl get nodes');
  await lab.expectTerminal(/controlplane\s+Ready\s+control-plane/);
  await lab.expectTerminal(/node02\s+Ready\s+<none>/);
  await lab.run('kubectl run web --image=nginx');
  await lab.expectTerminal(/pod\/web created/);
  await lab.expectPod('web', /Running, ready 1\/1/, 30_000);
  await page.screenshot({ path: 'test-results/smoke-1280x720.png' });
  expect(lab.errors).toEqual([]);
});

test('the page follows the dark colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(11, 14, 19)');
});
