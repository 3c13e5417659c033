// The corpus re-optimised by binaryen's wasm-opt (-O1 … -O4, -Oz, our feature flags): new code
// shapes, the same meaning. Each output must still agree with V8 on every tape of the program
// (V8 runs the re-optimised module too, so a wasm-opt that changed the meaning would show as a
// mismatch against the expected statuses of the sources). Levels whose output is byte-identical
// to an earlier one are run once. CI takes the modules of `FAST` (one level per program) at -O2
// and -Oz (a Rust module takes 5–10 s a level); REOPT=all takes every module at every level
// (outside CI: 32 minutes of CPU when measured, two processes of REOPT_PART below 18 minutes).
import { describe, it } from 'vitest';
import { createHash } from 'node:crypto';
import { optimize } from '../ttf/binaryen.js';
import { LEVELS } from '../ttf/reopt.js';
import { checkModule, FAST, MODULES } from './check.js';
import { readModule } from './corpus.mjs';

const all = process.env['REOPT'] === 'all';
// REOPT_PART=k/n takes every n-th module from the k-th: one process per core (vitest runs the
// tests of one file one after another)
const [part, parts] = (process.env['REOPT_PART'] ?? '0/1').split('/').map(Number) as [number, number];
const modules = (all ? MODULES : MODULES.filter((m) => FAST.has(m.file))).filter((_, i) => i % parts === part);
const levels = all ? LEVELS : (['-O2', '-Oz'] as const);

describe.each(modules.map((m) => [m.file, m] as const))('%s', (_, m) => {
  it(`agrees with V8 on every tape after wasm-opt ${levels.join(', ')}`, async () => {
    const seen = new Set<string>();
    for (const level of levels) {
      const opt = optimize(readModule(m.file), level);
      const hash = createHash('sha256').update(opt).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      await checkModule(m, opt, `${m.file} wasm-opt ${level}`);
    }
  }, all ? 3_600_000 : 600_000);
});
