// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here the comparisons against boundary constants. verifyPil judges every trace.
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, FULL_PLAN } from './sweep.js';

it('no forged run of cmpconst is accepted', async () => {
  await expectNoForgery('cmpconst', corpus('small').filter((p) => p.name === 'cmpconst'), FULL_PLAN, 1, 3000);
}, 3_600_000);
