import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['test/ttf/scratch*.run.ts'], testTimeout: 24 * 3600_000, pool: 'forks' } });
