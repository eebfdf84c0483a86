// Public surface of the Deployment controller arithmetic; see README.md.
export * from './types.ts';
export * from './intstr.ts';
export * from './spec.ts';
export * from './util.ts';
export * from './hash.ts';
export * from './events.ts';
export * from './rollout.ts';
