import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the suites too slow for every run of `npm test` (see vitest.config.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    // those that need the machine to themselves: vitest.alone.config.ts
    exclude: ['test/**/*.alone.slow.test.ts', '**/node_modules/**'],
    testTimeout: 600_000,
    pool: 'forks',
    // vitest's default leaves a core idle; the suites are CPU-bound and independent
    maxWorkers: 2,
  },
});
