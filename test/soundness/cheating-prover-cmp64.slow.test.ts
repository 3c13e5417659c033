// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here every i64 comparison on boundary pairs. verifyPil judges every trace.
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, FULL_PLAN } from './sweep.js';

it('no forged run of cmp64 is accepted', async () => {
  // 1,800 judged when the plan was set
  await expectNoForgery('cmp64', corpus('small').filter((p) => p.name === 'cmp64'), FULL_PLAN, 1, 1700);
}, 3_600_000);
