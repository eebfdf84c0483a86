// Nothing lost: a saved lab this version cannot read (here, one written by a newer Kubelab) is
// kept aside and offered for download; the lab starts afresh without overwriting it.
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test('an unreadable saved lab is kept and offered for download, never dropped', async ({ page }) => {
  const lab = new LabPage(page);
  const future = JSON.stringify({ version: 99, seed: 5, files: [{ name: 'precious.yaml', text: 'kind: Pod # my work' }] });
  // The save is there before the page's scripts run, as it would be after an update.
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('kubelab.lab', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, future);
  await page.goto('./');
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read by this version of Kubelab' });
  await expect(alert).toBeVisible();
  // The fresh lab saves as it runs; the kept copy is untouched.
  await lab.run('kubectl get pods');
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => localStorage.getItem('kubelab.unreadable.lab'))).toBe(future);
  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download it' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kubelab-lab.json');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile((await file.path())!, 'utf8')).toBe(future);
  await alert.getByRole('button', { name: 'Discard it' }).click();
  await expect(alert).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('kubelab.unreadable.lab'))).toBeNull();
  expect(lab.errors).toEqual([]);
});
