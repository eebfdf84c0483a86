// The page's figures, in headless Chromium (Debian's) against a production build served by
// `vite preview`: first paint and time to a Running pod with a cold cache at 1x, the gzip
// size of the JS loaded before the editor and of the lazy editor chunk, and frame times
// while 300 pods animate.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { get } from 'node:http';
import { chromium } from '@playwright/test';

const PORT = 4190;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function waitForServer(url, ms = 90_000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    // node:http rather than fetch: with @playwright/test loaded, fetch to the preview fails.
    const ok = await new Promise((resolve) => {
      get(url, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }).on('error', (e) => {
        last = e;
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start on ${url}: ${last?.message ?? 'no answer'}`);
}

/** gzip sizes: the entry chunk plus what index.html preloads, and every lazy editor chunk. */
function bundleSizes(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f) => gzipSync(readFileSync(join(outDir, f))).length;
  const initialBytes = initial.reduce((n, f) => n + gz(f), 0);
  const assets = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  const editor = assets.filter((f) => /monaco|editor/i.test(f) && !/worker/i.test(f)).reduce((n, f) => n + gz(`assets/${f}`), 0);
  const workers = assets.filter((f) => /worker/i.test(f)).reduce((n, f) => n + gz(`assets/${f}`), 0);
  const total = assets.reduce((n, f) => n + statSync(join(outDir, 'assets', f)).size, 0);
  return { initialBytes, initialFiles: initial.length, editor, workers, total };
}

export async function benchUi() {
  const outDir = mkdtempSync(join(tmpdir(), 'kubelab-ui-bench-'));
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const url = `http://127.0.0.1:${PORT}/`;
  const rows = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    await waitForServer(url);
    const sizes = bundleSizes(outDir);
    rows.push({ figure: 'JS loaded before the editor (gzip)', value: kb(sizes.initialBytes), target: '<= 300 KB' });
    rows.push({ figure: 'lazy editor chunk(s) (gzip)', value: kb(sizes.editor), target: '' });
    rows.push({ figure: 'editor workers (gzip)', value: kb(sizes.workers), target: '' });

    const paints = [];
    const running = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } }); // a cold cache each time
      const page = await context.newPage();
      await page.goto(url);
      const fcp = await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
      }));
      paints.push(fcp);
      // The starter file is a pod named web: apply it and wait for the view to show it Running.
      const apply = page.getByRole('button', { name: /^Apply/ }).first();
      await apply.waitFor();
      const t0 = Date.now();
      await apply.click();
      await page.locator('[aria-label*="web"][aria-label*="Running"]').first().waitFor({ timeout: 60_000 });
      running.push(Date.now() - t0);
      await context.close();
    }
    rows.push({ figure: 'first contentful paint, cold cache (median of 3)', value: `${median(paints).toFixed(0)} ms`, target: '' });
    rows.push({ figure: 'apply from the editor until the pod shows Running, 1x (median of 3)', value: `${(median(running) / 1000).toFixed(1)} s`, target: '' });

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.xterm, [aria-label="Command"]').first().click();
    await page.keyboard.type('kubectl create deployment big --image=nginx:1.27 --replicas=300\n');
    await page.getByRole('combobox', { name: /Speed/ }).selectOption('4');
    await page.waitForTimeout(2000);
    const frames = await page.evaluate(() => new Promise((resolve) => {
      const deltas = [];
      const long = [];
      const obs = new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration)));
      obs.observe({ type: 'longtask' });
      let last = performance.now();
      const end = last + 8000;
      const frame = (t) => {
        deltas.push(t - last);
        last = t;
        if (t < end) requestAnimationFrame(frame);
        else {
          obs.disconnect();
          resolve({ deltas, long });
        }
      };
      requestAnimationFrame(frame);
    }));
    const pods = await page.locator('[data-kind="pod"], .pod').count();
    rows.push({ figure: `frame time with ${pods} pods animating at 4x (median)`, value: `${median(frames.deltas).toFixed(1)} ms`, target: '<= 16.7 ms' });
    rows.push({ figure: 'the same: 95th percentile / long tasks over 50 ms', value: `${[...frames.deltas].sort((a, b) => a - b)[Math.floor(frames.deltas.length * 0.95)].toFixed(1)} ms / ${frames.long.filter((d) => d > 50).length}`, target: '0 long tasks' });
    await context.close();
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid);
    } catch {
      server.kill();
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  return rows;
}
