// Deployable anywhere: the built dist/ served from a sub-path (as GitHub Pages serves a project
// site, https://USER.github.io/REPO/) by a plain static server, with no rewrites and no
// backend. The lab, the editor, a lesson and the service worker all work from there.
import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { LabPage } from './pages/lab.ts';

const DIST = new URL('../dist/', import.meta.url).pathname;
const PREFIX = '/course/kubelab/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.json': 'application/json' };

let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end('outside the sub-path');
      return;
    }
    const rel = normalize(path.slice(PREFIX.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    readFile(join(DIST, rel)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}${PREFIX}`;
});

test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('the build works from a sub-path on a plain static server', async ({ page }) => {
  const notFound: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) notFound.push(`${r.status()} ${r.url()}`);
  });
  const lab = new LabPage(page);
  await page.goto(base);
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeVisible();
  await lab.speed(8);
  await lab.applyFromEditor();
  await lab.expectPod('web', /Running/, 30_000);
  await page.goto(`${base}#/lessons/01-pods`);
  await expect(page.locator('.lesson-step h2')).toBeVisible();
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(base);
  expect(notFound).toEqual([]);
  expect(lab.errors).toEqual([]);
});
