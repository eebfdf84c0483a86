import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import './ui/app.css';
import { loadDescriptions } from './sim/schema/document.ts';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The schema's doc comments (kubectl explain, editor hover) are three quarters of its bytes:
// fetch them once the lab is on screen rather than before.
const loadSchemaDocs = () => {
  void import('./sim/schema/k8s-descriptions.json').then((table) => loadDescriptions(table.default));
};
if ('requestIdleCallback' in window) window.requestIdleCallback(loadSchemaDocs, { timeout: 2000 });
else setTimeout(loadSchemaDocs, 500);

// Offline after the first visit (src/sw/sw.js); builds only, the dev server has none.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // No service worker (a private window, file://): the lab still works online.
    });
  });
}
