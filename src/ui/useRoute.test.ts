import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './useRoute.ts';

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { page: 'lab' }],
    ['#/', { page: 'lab' }],
    ['#/lessons', { page: 'lessons' }],
    ['#/lessons/05-init-containers', { page: 'lesson', id: '05-init-containers', step: undefined, mode: 'own' }],
    ['#/lessons/05-init-containers/first-service', { page: 'lesson', id: '05-init-containers', step: 'first-service', mode: 'own' }],
    ['#/shared/05-init-containers', { page: 'lesson', id: '05-init-containers', step: undefined, mode: 'shared' }],
    ['#/demo/02-sidecar', { page: 'lesson', id: '02-sidecar', step: undefined, mode: 'demo' }],
    ['#/s/1.abc', { page: 'share', payload: '1.abc' }],
    ['#/demo', { page: 'lab' }],
    ['#/elsewhere/x', { page: 'lab' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    if (hash.length > 2 && hash !== '#/demo' && !hash.startsWith('#/elsewhere')) expect(routeHref(route)).toBe(hash);
  });
});
