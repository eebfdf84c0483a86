// The two article walkthroughs with the keyboard alone: no clicks anywhere.
import { expect, test } from '@playwright/test';
import { LabPage, seedFile } from './pages/lab.ts';

test.describe.configure({ timeout: 120_000 });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

async function newFileByKeyboard(lab: LabPage, name: string, text: string): Promise<void> {
  const { keyboard } = lab.page;
  // Alt+1 lands on the editor's file tabs; the file actions follow them.
  await keyboard.press('Alt+1');
  await expect(lab.editorRegion.getByRole('tab', { selected: true })).toBeFocused();
  await lab.tabTo(/^New file$/);
  await keyboard.press('Enter');
  // The new file's tab takes focus (after a frame); F2 renames it.
  await expect(lab.editorRegion.getByRole('tab', { name: /untitled/ })).toBeFocused();
  await keyboard.press('F2');
  await expect(lab.editorRegion.getByRole('textbox', { name: /^New name for/ })).toBeFocused();
  await keyboard.press('ControlOrMeta+A');
  await keyboard.type(name);
  await keyboard.press('Enter');
  await expect(lab.editorRegion.getByRole('tab', { name: new RegExp(name.replace('.', '\\.')) })).toHaveAttribute('aria-selected', 'true');
  await lab.tabTo(/^YAML of /);
  await expect(lab.editorRegion.locator('.monaco-editor textarea')).toBeFocused();
  await lab.pasteWithKeyboard(text);
  await keyboard.press('ControlOrMeta+Enter');
}

async function typeInTerminal(lab: LabPage, line: string): Promise<void> {
  await lab.page.keyboard.press('Alt+4');
  await expect(lab.terminal.getByRole('textbox', { name: 'Terminal input' })).toBeFocused();
  await lab.page.keyboard.type(line);
  await lab.page.keyboard.press('Enter');
}

test('init-container article with the keyboard alone', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await newFileByKeyboard(lab, 'myapp.yaml', seedFile('init-containers/myapp.yaml'));
  await expect(lab.editorRegion.getByRole('status').filter({ hasText: 'pod/myapp-pod created' })).toBeVisible();
  await lab.expectPod('myapp-pod', /Init:0\/2/, 30_000);
  await typeInTerminal(lab, 'kubectl get pods');
  await lab.expectTerminal(/myapp-pod\s+0\/1\s+Init:0\/2/);

  // The cluster view: Alt+2 lands on the pod; Enter selects it for the inspector.
  await page.keyboard.press('Alt+2');
  await expect.poll(() => lab.focusedName()).toMatch(/Pod myapp-pod, Init:0\/2/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+3');
  await expect(lab.inspector.getByRole('tab', { name: 'Describe' })).toBeFocused();
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('init-myservice');

  await newFileByKeyboard(lab, 'services.yaml', seedFile('init-containers/services.yaml'));
  await lab.expectPod('myapp-pod', /Running, ready 1\/1/, 60_000);
  await typeInTerminal(lab, 'kubectl logs myapp-pod');
  await lab.expectTerminal(/The app is running!/);
  expect(lab.errors).toEqual([]);
});

test('sidecar article with the keyboard alone', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await newFileByKeyboard(lab, 'nginx-sidecar.yaml', seedFile('sidecar-nginx/nginx-sidecar.yaml'));
  await lab.expectPod('nginx-sidecar', /Running, ready 3\/3/, 60_000);
  await typeInTerminal(lab, 'kubectl exec nginx-sidecar -c sidecar-access -- wget -qO- localhost/missing.html');
  await lab.expectTerminal(/404 Not Found/);

  // Select the pod with the keyboard and read the sidecar's log in the inspector.
  await page.keyboard.press('Alt+2');
  await expect.poll(() => lab.focusedName()).toMatch(/Pod nginx-sidecar, Running/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+3');
  await expect(lab.inspector.getByRole('tab', { name: 'Describe' })).toBeFocused();
  await page.keyboard.press('End'); // the last tab: Charts; Logs is before it
  await page.keyboard.press('ArrowLeft');
  await expect(lab.inspector.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab');
  await expect(lab.inspector.getByRole('combobox', { name: 'Container' })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // sidecar-access, after nginx
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('"GET /missing.html HTTP/1.1" 404', { timeout: 10_000 });

  await typeInTerminal(lab, 'kubectl logs nginx-sidecar -c sidecar-access');
  await lab.expectTerminal(/"GET \/missing\.html HTTP\/1\.1" 404/);
  expect(lab.errors).toEqual([]);
});
