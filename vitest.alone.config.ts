import { defineConfig } from 'vitest/config';

// `npm run test:slow:alone`: slow suites that need most of the machine (a 2^18-row NEAR proof
// holds 13 GB), run one file at a time after the other slow suites.
export default defineConfig({
  test: {
    include: ['test/**/*.alone.slow.test.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
