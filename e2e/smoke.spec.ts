import { test, expect } from '@playwright/test';

test('the lab page loads in Chromium with no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'Kubelab' })).toBeVisible();
  expect(errors).toEqual([]);
});
