// Hostile input is shown as text, never run: manifests whose annotations, ConfigMap data, log
// lines and error messages carry script and HTML payloads go through the editor, the terminal,
// the cluster view and every inspector tab; then a crafted share link carrying payloads in its
// files, file names and recorded commands is opened in a fresh browser. Nothing runs, and
// nothing outside the lab is fetched.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { decodeShare, encodeShare } from '../src/state/share.ts';
import { LabPage } from './pages/lab.ts';

test.describe.configure({ timeout: 150_000 });

const ORIGIN = 'http://127.0.0.1:4173';
const IMG = (n: string) => `<img src="http://evil.invalid/${n}.png" onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=1</script>`;

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: hostile
  labels:
    app: hostile
  annotations:
    note: '${IMG('annotation')}${SCRIPT}'
spec:
  containers:
  - name: talker
    image: busybox:1.36
    command: ['sh', '-c', 'echo "${SCRIPT}<b>bold</b>"; echo "<img src=http://evil.invalid/log.png onerror=window.__pwned=1>"; sleep 3600']
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: hostile-config
data:
  page.html: '${IMG('configmap')}'
`;

/** Every request that leaves the lab's own origin. */
function watchRequests(context: BrowserContext): string[] {
  const outside: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(ORIGIN) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  return outside;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

test('payloads in manifests, logs and errors are shown as text everywhere', async ({ page, context }) => {
  const outside = watchRequests(context);
  const lab = new LabPage(page);
  await lab.open();
  await lab.speed(8);
  await lab.newFile('hostile.yaml');
  await lab.pasteIntoEditor(MANIFEST);
  await lab.applyFromEditor();
  await lab.expectPod('hostile', /Running/, 30_000);
  await lab.runAndWait('kubectl logs hostile');
  await lab.expectTerminal(/<b>bold<\/b>/);
  await lab.runAndWait('kubectl get configmap hostile-config -o yaml');
  await lab.runAndWait(`kubectl get pod '${IMG('argument')}'`);
  await lab.expectTerminal(/Error from server \(NotFound\)|error:/);
  await lab.runAndWait(`echo '${SCRIPT}${IMG('echo')}'`);
  await lab.pod('hostile').click();
  for (const tab of ['Describe', 'YAML', 'Events', 'Logs']) {
    const t = lab.inspector.getByRole('tab', { name: tab });
    if (await t.count()) await t.click();
  }
  await lab.inspector.getByRole('tab', { name: 'Describe' }).click();
  // The annotation is on screen as the characters it is made of.
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('onerror=');
  await lab.inspector.getByRole('tab', { name: 'Logs' }).click();
  await expect(lab.inspector.getByRole('tabpanel')).toContainText('<b>bold</b>');
  await page.waitForTimeout(500);
  expect(await pwned(page)).toBeUndefined();
  expect(await page.locator('img[src*="evil.invalid"], b:text("bold"), script:not([src])').count()).toBe(0);
  expect(outside).toEqual([]);
});

test('a crafted share link with payloads opens as text, and runs nothing', async ({ page, browser }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.runAndWait(`echo '${SCRIPT}'`);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('dialog', { name: 'Share this lab' }).getByRole('textbox').inputValue();
  const payload = link.slice(link.indexOf('#/s/') + 4);
  const decoded = await decodeShare(payload);
  expect(decoded.ok).toBe(true);
  if (!decoded.ok) return;
  const crafted = {
    ...decoded.lab,
    files: [...decoded.lab.files, { name: `${IMG('filename')}.yaml`, text: `# ${SCRIPT}\n${MANIFEST}` }],
    activeFile: `${IMG('filename')}.yaml`,
    actions: [...decoded.lab.actions, { at: decoded.lab.now + 2000, kind: 'line' as const, channel: 'terminal' as const, text: `kubectl get pod '${IMG('action')}'` }],
  };
  const craftedLink = `${link.slice(0, link.indexOf('#/s/') + 4)}${await encodeShare(crafted)}`;

  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const outside = watchRequests(other);
  const fresh = await other.newPage();
  const second = new LabPage(fresh);
  await fresh.goto(craftedLink);
  await expect(fresh.getByText('You are looking at a shared lab. Your own lab is kept.')).toBeVisible();
  await expect(second.editorRegion.getByRole('tab', { name: /evil\.invalid/ })).toBeVisible();
  await fresh.getByRole('button', { name: 'Play' }).click();
  await second.expectTerminal(/error: there is no need to specify a resource type/, 20_000);
  await fresh.waitForTimeout(500);
  expect(await pwned(fresh)).toBeUndefined();
  expect(await fresh.locator('img[src*="evil.invalid"], script:not([src])').count()).toBe(0);
  expect(outside).toEqual([]);
  await other.close();
});
