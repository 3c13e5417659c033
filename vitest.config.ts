import { defineConfig } from 'vitest/config';

// `npm test`: everything but the slow suites (*.slow.test.ts: STARK proofs, large traces,
// the full cheating-prover sweep), which `npm run test:slow` runs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
    // some suites build a program or a toy proof once, before their tests
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default leaves a core idle; the suites are CPU-bound and independent
    maxWorkers: 2,
  },
});
