import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy, offline } from './scripts/offline.ts';

const monacoVs = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs', import.meta.url));

// base './' keeps the build working from any static host and from a sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), offline()],
  resolve: {
    // monaco-editor 0.56+ hides its deep modules behind an exports map; monaco-yaml's worker
    // (through monaco-worker-manager) and the editor's core-only imports need them.
    alias: [{ find: /^monaco-editor\/esm\/vs\//, replacement: `${monacoVs}/` }],
  },
  optimizeDeps: {
    // Without these the dev server discovers them late and reloads the page once.
    include: ['monaco-yaml', 'monaco-yaml/yaml.worker.js'],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Vite's preload helper would otherwise land in the Monaco chunk, and index.html
          // would then preload all of Monaco on the first paint.
          groups: [{ name: 'preload-helper', test: /vite\/preload-helper|preload-helper\.js/ }],
        },
      },
    },
  },
});
