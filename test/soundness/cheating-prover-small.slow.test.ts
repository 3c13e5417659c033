// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here the other 2^13-row programs of the corpus and the six forgeries' programs.
// Our checker judges every trace; verifyPil
// every trace with SWEEP=full, every 10th in the slow suite (sweep.ts).
import { it } from 'vitest';
import { join } from 'node:path';
import { corpus } from './corpus/index.js';
import { expectNoForgery, SWEEP_TIMEOUT, FULL_PLAN, type Program } from './sweep.js';

const CHEAT = join(import.meta.dirname, 'cheat');
const SCENARIOS: Program[] = [
  { file: join(CHEAT, 'compare.wat'), name: 'compare', tapes: [[5n], [4n], [6n], [0n], [0xffffffffn]] },
  { file: join(CHEAT, 'outputs.wat'), name: 'outputs8', tapes: [[]] },
  { file: join(CHEAT, 'br_table.wat'), name: 'br_table3', tapes: [[3n], [2n], [0n]] },
  { file: join(CHEAT, 'assert.wat'), name: 'assert', tapes: [[5n], [4n]] },
];
const OTHERS = new Set(['alu32', 'alu64', 'br_table', 'calls', 'control', 'grow', 'outputs']);

// 2,458 judged when the plan was set
it('no forged run of the other 2^13-row programs is accepted', async () => {
  await expectNoForgery('the other 2^13-row programs', [...corpus('small').filter((p) => OTHERS.has(p.name)), ...SCENARIOS], FULL_PLAN, {
    full: { pilcomEvery: 1, cheatEvery: 1, minJudged: 2400 },
    ci: { pilcomEvery: 10, cheatEvery: 1, minJudged: 2400 },
  });
}, SWEEP_TIMEOUT);
