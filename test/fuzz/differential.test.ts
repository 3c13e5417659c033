// Random modules (test/fuzz/gen.ts) agree with V8: seeds 1..N (FUZZ_SEEDS, default 500, chosen
// to keep npm test under 10 minutes beside binaryen's generator in test/ttf; longer runs with
// FUZZ_SEEDS / FUZZ_FIRST); a failing seed is printed so it can be replayed.
import { describe, expect, it } from 'vitest';
import { checkSeed } from './differential.js';

const N = Number(process.env['FUZZ_SEEDS'] ?? 500);
const FIRST = Number(process.env['FUZZ_FIRST'] ?? 1);
const CHUNK = 50;

describe('random modules against V8', () => {
  for (let start = FIRST; start < FIRST + N; start += CHUNK) {
    const end = Math.min(start + CHUNK, FIRST + N) - 1;
    it(`seeds ${start}..${end}`, async () => {
      const bad: string[] = [];
      for (let s = start; s <= end; s++) {
        try {
          const v = await checkSeed(s);
          if (!v.ok) bad.push(`seed ${s}: ${v.why}`);
        } catch (e) {
          bad.push(`seed ${s}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      expect(bad, `replay with FUZZ_FIRST=<seed> FUZZ_SEEDS=1 npx vitest run test/fuzz/differential.test.ts`).toEqual([]);
    }, 600_000);
  }
});
