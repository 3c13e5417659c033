// The long run's shards: shard `index` of `count` checks seeds FIRST.. FIRST+SEEDS-1 with
// seed ≡ index (mod count), and leaves its tally in TTF_OUT (read by long-summary.ts).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSeed, seedVariant, VARIANTS } from './seed.js';
import { V8Runner } from './v8.js';
import { add, emptyTally, type Tally } from './summary.js';
import { ttfModule } from './binaryen.js';

export const LONG_OUT = process.env['TTF_OUT'] ?? join(process.env['TMPDIR'] ?? '/tmp', 'w2z-ttf-long');

export async function runShard(index: number, count: number): Promise<Tally> {
  const first = Number(process.env['FIRST'] ?? 1);
  const seeds = Number(process.env['SEEDS'] ?? 2000);
  const dump = process.env['TTF_DUMP'];
  const v8 = new V8Runner();
  const t = emptyTally();
  mkdirSync(LONG_OUT, { recursive: true });
  for (let s = first; s < first + seeds; s++) {
    if ((s - first) % count !== index) continue;
    if (dump) {
      mkdirSync(dump, { recursive: true });
      const g = ttfModule(s);
      writeFileSync(join(dump, `ttf${s}-generated.wasm`), g);
      for (const v of VARIANTS) writeFileSync(join(dump, `ttf${s}-${v}.wasm`), seedVariant(s, v, g));
    }
    const r = await checkSeed(s, v8);
    add(t, r);
    if (t.seeds % 100 === 0) writeFileSync(join(LONG_OUT, `shard${index}.json`), JSON.stringify(t));
  }
  await v8.close();
  writeFileSync(join(LONG_OUT, `shard${index}.json`), JSON.stringify(t));
  return t;
}
