import { defineConfig } from 'vitest/config';

// The long translate-to-fuzz run, outside CI (see test/ttf/README.md):
//   SEEDS=2000 npx vitest run --config test/ttf/vitest.config.ts
// Two shard files (one per core) each take every other seed; the global teardown prints the
// combined summary.
export default defineConfig({
  test: {
    include: ['test/ttf/long-*.run.ts'],
    globalSetup: ['test/ttf/long-summary.ts'],
    testTimeout: 24 * 3600_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
