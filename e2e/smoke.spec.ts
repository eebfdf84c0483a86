import { test, expect } from '@playwright/test';

test('the lab page loads in Chromium with no console errors and runs kubectl in the page', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Kubelab' })).toBeVisible();

  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('kubectl get nodes');
  await command.press('Enter');
  const log = page.getByRole('log');
  await expect(log).toContainText('controlplane   Ready    control-plane');
  await expect(log).toContainText('node02         Ready    <none>');

  await page.getByRole('button', { name: 'kubectl run web --image=nginx' }).click();
  await expect(log).toContainText('pod/web created');
  await command.fill('sleep 10');
  await command.press('Enter');
  await command.fill('kubectl get pods');
  await command.press('Enter');
  await expect(log).toContainText(/web\s+1\/1\s+Running/);

  await page.screenshot({ path: 'test-results/smoke-1280x720.png' });
  expect(errors).toEqual([]);
});

test('the page follows the dark colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(15, 18, 23)');
  await page.screenshot({ path: 'test-results/smoke-dark-1280x720.png' });
});
