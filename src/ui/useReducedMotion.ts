// Whether the operating system asks for less motion; animations become state changes.

import { useSyncExternalStore } from 'react';

export const MOTION_QUERY = '(prefers-reduced-motion: reduce)';

function subscribeMotion(fn: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  const mq = matchMedia(MOTION_QUERY);
  mq.addEventListener('change', fn);
  return () => mq.removeEventListener('change', fn);
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeMotion,
    () => typeof matchMedia !== 'undefined' && matchMedia(MOTION_QUERY).matches,
    () => false,
  );
}
