// The cheating-prover harness over the boundary corpus, in the size `npm test` affords: every
// conditional jump flipped at its first occurrences and boundary operands, every free-input line
// replaced once (and once more with the next jump flipped to dodge the check). Our checker judges
// every forged trace, verifyPil a sample; the whole sweep, verifyPil on every trace, is in
// cheating-prover-*.slow.test.ts. And the harness can fail: with the JMPN window of before
// issue 8 it finds forgeries in the same corpus.
import { describe, expect, it } from 'vitest';
import { corpus } from './corpus/index.js';
import { FAST_PLAN, formatTallies, sweep, totals } from './sweep.js';
import { restoreOldJmpnWindow } from './old-window.js';

// 2^13-row programs with few lines (the others are in the slow sweep)
const FAST = new Set(['alu32', 'br_table', 'calls', 'grow', 'outputs']);
const programs = corpus('small').filter((p) => FAST.has(p.name));

describe('cheating prover', () => {
  it('every forged run of the corpus is rejected', async () => {
    const r = await sweep(programs, { plan: FAST_PLAN, pilcomEvery: 40 });
    console.log(`cheating prover (npm test sample):\n${formatTallies(r.byGroup)}`);
    const all = totals(r.byGroup).get('total')!;
    expect(r.accepted).toEqual([]);
    expect(all.judged).toBeGreaterThan(500);
    expect(all.rejectedByUs).toBe(all.judged);
    expect(all.pilcom).toBeGreaterThan(10);
    expect(all.rejectedByPilcom).toBe(all.pilcom);
    // every kind of choice point was tried
    for (const kind of ['JMPN', 'JMPZ', 'JMPC', 'free']) expect(totals(r.byGroup).get(kind)?.judged ?? 0, kind).toBeGreaterThan(0);
  }, 300_000);

  it('finds the forgeries of the old JMPN window, accepted by both checkers', async () => {
    const r = await sweep(programs, {
      plan: { jumpsPerLine: 6, valuesPerFree: 0, dodgeValues: 0, dodgeJumps: 0 }, pilcomEvery: 1,
      source: restoreOldJmpnWindow, stopAfter: 3,
    });
    expect(r.accepted).toHaveLength(3);
    for (const a of r.accepted) expect(a).toMatch(/JMPN at step \d+ \(line \d+, operand 0\) goes the other way — accepted by our checker and verifyPil$/);
  }, 300_000);
});
