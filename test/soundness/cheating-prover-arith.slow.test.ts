// The cheating-prover sweep (see cheating-prover.test.ts) over the 2^16-row programs: memory,
// bulk memory, multiplication, division, shifts, bit counts, narrow and unaligned access. Our
// checker judges every trace (every 5th forged run in the slow suite, all with SWEEP=full);
// verifyPil (4–5 s a trace at 2^16) every 20th.
import { it } from 'vitest';
import { join } from 'node:path';
import { corpus } from './corpus/index.js';
import { expectNoForgery, SWEEP_TIMEOUT, type Program } from './sweep.js';

const CHEAT = join(import.meta.dirname, 'cheat');
const SCENARIOS: Program[] = [
  { file: join(CHEAT, 'oob.wat'), name: 'oob', tapes: [[65533n], [65532n]] },
  { file: join(CHEAT, 'byte.wat'), name: 'byte', tapes: [[4n], [3n], [7n]] },
];
const MEMORY = new Set(['memory', 'bulk']);

it('no forged run of the 2^16-row programs is accepted', async () => {
  const programs = [...corpus('small').filter((p) => MEMORY.has(p.name)), ...corpus('arith'), ...SCENARIOS];
  // one occurrence of each jump line and one value per free input: a trace of 2^16 rows costs
  // ten times one of 2^13 (1,911 judged with SWEEP=full when measured)
  await expectNoForgery('2^16-row programs', programs, { jumpsPerLine: 1, valuesPerFree: 1, dodgeValues: 0, dodgeJumps: 0 }, {
    full: { pilcomEvery: 20, cheatEvery: 1, minJudged: 1800 },
    ci: { pilcomEvery: 20, cheatEvery: 5, minJudged: 300 },
  });
}, SWEEP_TIMEOUT);
