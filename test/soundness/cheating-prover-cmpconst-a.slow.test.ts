// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here the comparisons against boundary constants, on the first half of its tapes
// (cmpconst-b has the other). Our checker judges every trace; verifyPil
// every trace with SWEEP=full, every 10th in the slow suite (sweep.ts).
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, SWEEP_TIMEOUT, FULL_PLAN } from './sweep.js';

it('no forged run of cmpconst (first half of the tapes) is accepted', async () => {
  const programs = corpus('small').filter((p) => p.name === 'cmpconst').map((p) => ({ ...p, tapes: p.tapes.slice(0, 6) }));
  // 3,354 judged in CI (the free inputs are tried again in each half: coverage is per sweep)
  await expectNoForgery('cmpconst, first half of the tapes', programs, FULL_PLAN, {
    full: { pilcomEvery: 1, cheatEvery: 1, minJudged: 3000 },
    ci: { pilcomEvery: 10, cheatEvery: 1, minJudged: 3000 },
  });
}, SWEEP_TIMEOUT);
