// The control plane walk in a real browser: a kubectl command is followed from kubectl through
// the API server, etcd, the controllers, the scheduler and a kubelet; the scheduler shows as
// stopped when its static pod's manifest is moved away. Screenshots in both themes, and axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 150_000 });

for (const theme of ['light', 'dark'] as const) {
  test(`the control plane walk follows kubectl create deployment (${theme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const lab = new LabPage(page);
    await lab.open({ theme });
    await page.getByRole('button', { name: 'Control plane' }).click();
    const walk = page.getByRole('list', { name: 'Requests, in order' });
    await expect(page.getByText(/Nothing to follow yet/)).toBeVisible();
    await lab.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await expect(page.getByText('Following kubectl’s last command: Deployment web')).toBeVisible();
    await expect(walk).toContainText('kubectl → kube-apiserver: create Deployment web');
    await expect(walk).toContainText('→ etcd: put /registry/deployments/default/web');
    await expect(walk).toContainText('kube-controller-manager/deployment → kube-apiserver: create ReplicaSet web-');
    await expect(walk).toContainText('kube-controller-manager/replicaset → kube-apiserver: create Pod web-');
    await expect(walk).toContainText(/kube-scheduler → kube-apiserver: bind Pod web-\S+ to node0[12]/, { timeout: 20_000 });
    await expect(walk).toContainText(/kubelet\/node0[12] → kube-apiserver: record Event: Started/, { timeout: 30_000 });
    // The dot travels: some box is receiving a request.
    await expect(page.locator('.cp-box.receiving')).toHaveCount(1);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: `e2e/screenshots/control-plane-1280-${theme}.png` });
    expect(lab.errors).toEqual([]);
  });
}

test('a stopped scheduler is drawn stopped, and the walk shows the pod waiting', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(8);
  await page.getByRole('button', { name: 'Control plane' }).click();
  await lab.runAndWait('ssh controlplane mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/');
  await lab.runAndWait('sleep 25');
  await expect(page.locator('.cp-box.down')).toContainText('stopped');
  await lab.run('kubectl run waiting --image=nginx:1.27');
  const walk = page.getByRole('list', { name: 'Requests, in order' });
  await expect(walk).toContainText('kubectl → kube-apiserver: create Pod waiting');
  await lab.runAndWait('sleep 10');
  await expect(walk).not.toContainText('bind Pod waiting');
  await lab.runAndWait('ssh controlplane mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/');
  await expect(walk).toContainText(/kube-scheduler → kube-apiserver: bind Pod waiting to node0[12]/, { timeout: 60_000 });
  await expect(page.locator('.cp-box.down')).toHaveCount(0);
  expect(lab.errors).toEqual([]);
});
