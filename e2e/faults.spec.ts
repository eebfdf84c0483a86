// The Faults panel: each button types its command into the terminal, and the view shows the
// consequence as a real cluster would.
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 120_000 });

test('kill a container and stop a node’s kubelet from the Faults panel', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(16);
  await lab.applyFromEditor();
  await lab.expectPod('web', /Running, ready 1\/1, restarts 0/, 30_000);

  await lab.pod('web').click();
  const faults = lab.inspector.getByRole('group', { name: 'Faults' });
  await faults.getByRole('button', { name: 'Kill container' }).click();
  await lab.expectTerminal(/\$ ssh node0\d crictl stop [0-9a-f]{13}\s+[0-9a-f]{13}/);
  await lab.expectPod('web', /Running, ready 1\/1, restarts 1/, 30_000);

  // The pod's node goes NotReady 40 s after its kubelet stops; the panel says eviction is shortened.
  const node = (await lab.pod('web').locator('title').first().textContent())?.match(/node0\d/)?.[0];
  expect(node).toBeDefined();
  await lab.view.locator(`[aria-label^="Node ${node},"]`).click();
  await expect(lab.inspector.getByText(/pods leave an unreachable node after 60 s/)).toBeVisible();
  await lab.inspector.getByRole('group', { name: 'Faults' }).getByRole('button', { name: 'Stop kubelet' }).click();
  await lab.expectTerminal(new RegExp(`ssh ${node} systemctl stop kubelet`));
  await expect(lab.view.locator(`[aria-label^="Node ${node},"]`)).toHaveAttribute('aria-label', /NotReady/, { timeout: 30_000 });
  await lab.run('kubectl get nodes');
  await lab.expectTerminal(new RegExp(`${node}\\s+NotReady`));
  expect(lab.errors).toEqual([]);
});
