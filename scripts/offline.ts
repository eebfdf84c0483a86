// Build-time pieces for offline use and safety (vite.config.ts):
// - offline(): writes dist/sw.js, the service worker (src/sw/sw.js) with the list of every
//   file the build produced and a version derived from that list;
// - contentSecurityPolicy(): puts the Content-Security-Policy into the built index.html. No
//   inline script and no eval anywhere; styles may be inline (Monaco and xterm inject <style>).
//   The dev server needs inline scripts (React refresh), so the policy is for builds only.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'kubelab-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function offline(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kubelab-offline',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const files = filesUnder(outDir)
        .map((p) => relative(outDir, p).split(sep).join('/'))
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
        .sort();
      const version = createHash('sha256').update(files.join('\n')).update(readFileSync(join(outDir, 'index.html'))).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('../src/sw/sw.js', import.meta.url), 'utf8');
      const sw = source.replace("'__VERSION__'", JSON.stringify(version)).replace('const FILES = __FILES__;', () => `const FILES = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};`);
      if (sw.includes('__FILES__;') || sw.includes("'__VERSION__'")) throw new Error('sw.js: a placeholder was not filled in');
      writeFileSync(join(outDir, 'sw.js'), sw);
    },
  };
}
