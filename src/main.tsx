import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import './ui/app.css';

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
const loadDescriptions = () => {
  void Promise.all([import('./sim/schema/k8s-descriptions.json'), import('./sim/schema/document.ts')]).then(([table, doc]) => doc.loadDescriptions(table.default));
};
if ('requestIdleCallback' in window) window.requestIdleCallback(loadDescriptions, { timeout: 2000 });
else setTimeout(loadDescriptions, 500);
