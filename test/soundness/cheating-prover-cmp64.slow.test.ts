// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here every i64 comparison on boundary pairs. Our checker judges every trace; verifyPil
// every trace with SWEEP=full, every 10th in the slow suite (sweep.ts).
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, SWEEP_TIMEOUT, FULL_PLAN } from './sweep.js';

it('no forged run of cmp64 is accepted', async () => {
  // 1,800 judged when the plan was set
  await expectNoForgery('cmp64', corpus('small').filter((p) => p.name === 'cmp64'), FULL_PLAN, {
    full: { pilcomEvery: 1, cheatEvery: 1, minJudged: 1700 },
    ci: { pilcomEvery: 10, cheatEvery: 1, minJudged: 1700 },
  });
}, SWEEP_TIMEOUT);
