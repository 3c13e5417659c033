// The cheating-prover sweep (see cheating-prover.test.ts) over the float programs (corpus/float):
// every float instruction, most of them calls of the soft-float routines the compiler links in
// (src/wasm/softfloat.ts), integer code compiled by the same backend; their traces have 2^16
// rows. The plan of the 2^16-row sweep (cheating-prover-arith.slow.test.ts): one occurrence of
// each jump line a tape reaches, one value per free-input line.
//
// A trace of 2^16 rows costs our checker about 0.3 s and verifyPil 4–8 s, and verifyPil judges at
// least the first forged trace of each tape (68 tapes here), so the slow suite splits the two:
// our checker on every 7th forged run, then verifyPil (and our checker) on every 151st.
// SWEEP=full: our checker on every forged run, verifyPil on the first of each tape and every
// 20th after it.
//
// Measured on a 2-core machine shared with other test runs (load 5–7), so the times are loose:
// - slow suite: 587 s in all. Our checker: 1,003 forged runs tried, 927 judged (JMPN 136, JMPZ
//   156, JMPC 252, free input 383), all rejected, 420 s; the verifyPil sample: 47 tried, 41
//   judged by both checkers, all rejected, 167 s.
// - SWEEP=full: 7,017 forged runs (JMPN 885, JMPZ 1,124, JMPC 1,799, free input 3,209). Our
//   checker alone on all of them: 6,538 judged (JMPN 885, JMPZ 1,124, JMPC 1,795, free input
//   2,734; 100 without a trace, 379 the honest run), all rejected, about 0.3 s of CPU each;
//   verifyPil adds about 390 traces at 4 s: about 75 minutes on one core (an estimate from these
//   measurements).
import { it } from 'vitest';
import { corpus } from './corpus/index.js';
import { expectNoForgery, FULL_SWEEP, SWEEP_TIMEOUT } from './sweep.js';
import type { CheatPlan } from '../../src/pil/cheat.js';

const PLAN: CheatPlan = { jumpsPerLine: 1, valuesPerFree: 1, dodgeValues: 0, dodgeJumps: 0 };

it('no forged run of the float programs is accepted', async () => {
  await expectNoForgery('float programs', corpus('float'), PLAN, {
    full: { pilcomEvery: 20, cheatEvery: 1, minJudged: 5000 },
    ci: { pilcomEvery: 0, cheatEvery: 7, minJudged: 700 },
  });
}, SWEEP_TIMEOUT);

it.skipIf(FULL_SWEEP)('verifyPil rejects a sample of them too', async () => {
  await expectNoForgery('float programs, verifyPil sample', corpus('float'), PLAN, {
    full: { pilcomEvery: 1, cheatEvery: 151, minJudged: 25 },
    ci: { pilcomEvery: 1, cheatEvery: 151, minJudged: 25 },
  });
}, SWEEP_TIMEOUT);
