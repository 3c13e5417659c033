// Shard 0 of the long ttf run (see vitest.config.ts in this folder).
import { expect, it } from 'vitest';
import { runShard } from './shard.js';

it('ttf seeds, shard 0 of 2', async () => {
  const t = await runShard(0, 2);
  expect(t.newBugs, 'new bugs (the summary lists them)').toEqual([]);
});
