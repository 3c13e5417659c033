// Global setup of the long ttf run: clears the shards' tallies first, prints the combined
// summary at the end.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LONG_OUT } from './shard.js';
import { emptyTally, format, knownBadLiteral, merge, type Tally } from './summary.js';
import { findWasmOpt } from './binaryen.js';

export function setup(): void {
  rmSync(LONG_OUT, { recursive: true, force: true });
}

export function teardown(): void {
  let t = emptyTally();
  for (const i of [0, 1]) {
    const f = join(LONG_OUT, `shard${i}.json`);
    if (existsSync(f)) t = merge(t, JSON.parse(readFileSync(f, 'utf8')) as Tally);
  }
  const first = Number(process.env['FIRST'] ?? 1);
  const w = findWasmOpt();
  if (process.env['TTF_RECORD']) console.log(`\nKNOWN_BAD_SEEDS for test/ttf/known-bugs.ts:\n${knownBadLiteral(t)}`);
  console.log(`\n${format(t, `ttf long run: seeds ${first}..${first + Number(process.env['SEEDS'] ?? 2000) - 1}, binaryen ${w.version}`)}\n`);
}
