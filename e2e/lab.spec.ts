// What a student does with the seed articles, in real Chromium: type a manifest, apply it,
// watch the cluster view, use the terminal and the inspector.
import { expect, test } from '@playwright/test';
import { LabPage, seedFile } from './pages/lab.ts';

test.describe.configure({ timeout: 120_000 });

test('sidecar article: nginx with two log-streaming sidecars, requests, and the access log', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.newFile('nginx-sidecar.yaml');
  const manifest = seedFile('sidecar-nginx/nginx-sidecar.yaml');
  await lab.pasteIntoEditor(manifest);
  await lab.applyFromEditor();
  await expect(lab.editorRegion.getByRole('status').filter({ hasText: 'pod/nginx-sidecar created' })).toBeVisible();
  await lab.expectTerminal(/kubectl apply -f nginx-sidecar\.yaml\s+pod\/nginx-sidecar created/);

  // The pod starts at 1x speed: images pull, three containers start, 3/3 Running.
  await lab.expectPod('nginx-sidecar', /Pending|ContainerCreating/, 10_000);
  await lab.expectPod('nginx-sidecar', /Running, ready 3\/3/, 60_000);

  await lab.run('kubectl exec nginx-sidecar -c sidecar-access -- wget -qO- localhost');
  // The page is longer than the terminal pane; its last line is on screen.
  await lab.expectTerminal(/Thank you for using nginx\./);
  await lab.run('kubectl exec nginx-sidecar -c sidecar-access -- wget -qO- localhost/missing.html');
  await lab.expectTerminal(/404 Not Found/);

  // The access log, read through the sidecar: in the inspector ...
  await lab.pod('nginx-sidecar').click();
  await lab.inspector.getByRole('tab', { name: 'Logs' }).click();
  await lab.inspector.getByRole('combobox', { name: 'Container' }).selectOption('sidecar-access');
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('"GET / HTTP/1.1" 200', { timeout: 10_000 });
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('"GET /missing.html HTTP/1.1" 404');
  // ... and in the terminal.
  await lab.run('kubectl logs nginx-sidecar -c sidecar-access');
  await lab.expectTerminal(/"GET \/missing\.html HTTP\/1\.1" 404/);
  await lab.run('kubectl get pods');
  await lab.expectTerminal(/nginx-sidecar\s+3\/3\s+Running/);
  expect(lab.errors).toEqual([]);
});

test('init-container article: Init:0/2 until both Services exist, then Running', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.newFile('myapp.yaml');
  await lab.pasteIntoEditor(seedFile('init-containers/myapp.yaml'));
  await lab.applyFromEditor();
  await lab.expectPod('myapp-pod', /Init:0\/2/, 60_000);
  await lab.run('kubectl get pods');
  await lab.expectTerminal(/myapp-pod\s+0\/1\s+Init:0\/2/);
  // As the article does: give the first init container a moment to start and retry.
  await lab.run('sleep 5');
  await lab.expectTerminal(/\$ sleep 5\s+\$\s*$/, 20_000);
  await lab.run('kubectl logs myapp-pod -c init-myservice --tail 2');
  await lab.expectTerminal(/waiting for myservice/);

  await lab.newFile('services.yaml');
  await lab.pasteIntoEditor(seedFile('init-containers/services.yaml'));
  await lab.applyFromEditor();
  await lab.expectTerminal(/service\/myservice created\s+service\/mydb created/);
  await lab.expectPod('myapp-pod', /Running, ready 1\/1/, 60_000);
  await lab.run('kubectl logs myapp-pod');
  await lab.expectTerminal(/The app is running!/);
  expect(lab.errors).toEqual([]);
});

test('rewinding to before an apply and playing forward gives the same cluster', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(4);
  await page.waitForTimeout(1000);
  await lab.applyFromEditor();
  await lab.expectPod('web', /Running, ready 1\/1/, 30_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const podIp = async () => {
    await lab.run('kubectl get pod web -o jsonpath={.status.podIP}{.metadata.uid}');
    await page.waitForTimeout(300);
    return (await lab.terminalText()).trim().split('\n').at(-2);
  };
  const before = await podIp();
  const now = await page.getByRole('slider', { name: 'Timeline' }).getAttribute('aria-valuenow');

  // Back to the start (before the apply): the pod is gone.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('Home');
  await expect(lab.pod('web')).toHaveCount(0);
  await expect(page.getByText(/recorded steps ahead/)).toBeVisible();
  // Play forward to the same moment: the apply happens again and gives the same pod.
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  for (let i = 0; i < 60 && Number(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('aria-valuenow')) < Number(now); i++) {
    await page.keyboard.press('ArrowRight');
  }
  await lab.expectPod('web', /Running, ready 1\/1/, 10_000);
  expect(await podIp()).toBe(before);
});

test('kubectl edit opens the live object in the editor, and Apply saves the change as a patch', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.runAndWait('kubectl create deployment web --image=nginx:1.27');
  await lab.runAndWait('kubectl edit deployment web');
  await lab.expectTerminal(/deployment\/web is open in the editor as edit-deployment-web\.yaml/);
  await expect(lab.editorRegion.getByRole('tab', { name: /edit-deployment-web\.yaml/ })).toHaveAttribute('aria-selected', 'true');
  // Change replicas with the editor's own find-and-replace, as a person would.
  await lab.editorRegion.locator('.monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+H');
  await page.keyboard.type('replicas: 1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('replicas: 3');
  await page.keyboard.press('ControlOrMeta+Alt+Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Enter');
  // Find-and-replace also changed the status's counts; kubectl edit sends those too, and the
  // API server ignores status on the main resource.
  await lab.expectTerminal(/kubectl patch deployment\/web --type merge -p '\{"spec":\{"replicas":3\}.*deployment\.apps\/web patched/);
  await lab.runAndWait('kubectl get deployment web -o jsonpath={.spec.replicas}');
  await lab.expectTerminal(/jsonpath=\{\.spec\.replicas\}\s*3/);
});

test('the workstation shell sees the editor files, and what it writes comes back to the editor', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  // The starter file is pod.yaml; the shell reads what the editor holds.
  await lab.runAndWait('grep image pod.yaml');
  await lab.expectTerminal(/grep image pod\.yaml\s+image: nginx:1\.27/);
  // A generator's YAML redirected to a file opens as a new tab.
  await lab.runAndWait('kubectl create deployment api --image=nginx:1.27 --dry-run=client -o yaml > api.yaml');
  await expect(lab.editorRegion.getByRole('tab', { name: /api\.yaml/ })).toBeVisible();
  // sed -i changes the file in the editor too.
  await lab.runAndWait("sed -i 's/replicas: 1/replicas: 3/' api.yaml");
  await lab.editorRegion.getByRole('tab', { name: /api\.yaml/ }).click();
  await expect(lab.editorRegion.locator('.monaco-editor .view-lines')).toContainText('replicas:\u00a03');
  await lab.runAndWait('kubectl apply -f api.yaml');
  await lab.expectTerminal(/deployment\.apps\/api created/);
  expect(lab.errors).toEqual([]);
});
