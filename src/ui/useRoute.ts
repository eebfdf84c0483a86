import { useSyncExternalStore } from 'react';
import type { LessonMode } from '../state/progress.ts';

export type Route =
  | { page: 'lab' }
  | { page: 'lessons' }
  | { page: 'lesson'; id: string; step: string | undefined; mode: LessonMode }
  | { page: 'share'; payload: string };

const MODE_PREFIX: Record<LessonMode, string> = { own: 'lessons', shared: 'shared', demo: 'demo' };

/**
 * `#/` the free lab, `#/lessons` the catalogue, `#/lessons/ID[/STEP]` a lesson, `#/shared/ID`
 * a lesson step opened from a share link, `#/demo/ID` a lesson run as a demo.
 */
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
  if (parts[0] === 'lessons' && !parts[1]) return { page: 'lessons' };
  const mode = (Object.keys(MODE_PREFIX) as LessonMode[]).find((m) => MODE_PREFIX[m] === parts[0]);
  if (!mode || !parts[1]) return { page: 'lab' };
  return { page: 'lesson', id: parts[1], step: mode === 'own' ? parts[2] : undefined, mode };
}

export function routeHref(r: Route): string {
  if (r.page === 'lab') return '#/';
  if (r.page === 'lessons') return '#/lessons';
  if (r.page === 'share') return `#/s/${r.payload}`;
  return `#/${MODE_PREFIX[r.mode]}/${encodeURIComponent(r.id)}${r.step && r.mode === 'own' ? `/${encodeURIComponent(r.step)}` : ''}`;
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseRoute(hash);
}
