// The full cheating-prover sweep (see cheating-prover.test.ts), split over files so they run in
// parallel: here the comparisons against boundary constants, on the first half of its tapes
// (cmpconst-b has the other). verifyPil judges every trace.
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, FULL_PLAN } from './sweep.js';

it('no forged run of cmpconst (first half of the tapes) is accepted', async () => {
  const programs = corpus('small').filter((p) => p.name === 'cmpconst').map((p) => ({ ...p, tapes: p.tapes.slice(0, 6) }));
  // 3,977 judged over all 12 tapes when the plan was set
  await expectNoForgery('cmpconst, first half of the tapes', programs, FULL_PLAN, 1, 1500);
}, 3_600_000);
