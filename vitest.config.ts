import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // The schema's doc comments (explain, hover) load as the headless runner loads them.
    setupFiles: ['src/sim/schema/full.ts'],
  },
});
