import { useSyncExternalStore } from 'react';

export type Route = { page: 'lab' } | { page: 'lessons' } | { page: 'lesson'; id: string; step: string | undefined } | { page: 'share'; payload: string };

/** `#/` the free lab, `#/lessons` the catalogue, `#/lessons/ID[/STEP]` a lesson. */
export function parseRoute(hash: string): Route {
  const m = /^#\/s\/(.+)$/.exec(hash);
  if (m) return { page: 'share', payload: m[1]! };
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts[0] !== 'lessons') return { page: 'lab' };
  if (!parts[1]) return { page: 'lessons' };
  return { page: 'lesson', id: parts[1], step: parts[2] };
}

export function routeHref(r: Route): string {
  if (r.page === 'lab') return '#/';
  if (r.page === 'lessons') return '#/lessons';
  if (r.page === 'share') return `#/s/${r.payload}`;
  return `#/lessons/${encodeURIComponent(r.id)}${r.step ? `/${encodeURIComponent(r.step)}` : ''}`;
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseRoute(hash);
}
