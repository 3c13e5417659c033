// The cheating prover on what NEAR programs add to a compiled program (src/near/link.ts): the
// guarded call (a trap below it unwinds to the driver: the trap handler's guard test, the caught
// path that restores SP and clears the status), the stores' dirty-block marks and the instance
// reset (the dirty test, the scan of the flags, the zeroing of a flagged block, the contract's
// data). The linker's test fixtures (test/near/fixtures: a WAT host and contract) linked and
// compiled; each tape makes the host call methods that return, trap in the contract, trap in a
// host function, and run twice (so the reset zeroes). Every conditional jump
// flipped and every free input replaced must be rejected, by our checker and verifyPil.
import { it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWasm } from '../../src/wasm/load.js';
import { compileNear } from '../../src/near/compile.js';
import { expectNoForgery, SWEEP_TIMEOUT, FULL_PLAN } from './sweep.js';

const FIX = join(import.meta.dirname, '..', 'near', 'fixtures');
const END = (1n << 64n) - 1n;

it('no forged run of a guarded, reset NEAR program is accepted', async () => {
  const contract = await loadWasm(join(FIX, 'mini-contract.wat'));
  const host = await loadWasm(join(FIX, 'mini-host.wat'));
  const compiled = compileNear([contract], { host: { module: host.module, name: 'mini-host.wat' }, maxOutputs: 24 });
  const file = join(mkdtempSync(join(tmpdir(), 'w2z-near-cheat-')), 'near-mini.zkasm');
  writeFileSync(file, compiled.zkasm);
  // methods: 0 ok, 1 boom (unreachable), 2 div0, 3 hostfail (a host function traps), 5 count,
  // 7 dirty (its stores flag blocks, the second call's reset zeroes them)
  const tapes = [[0n, END], [1n, END], [2n, END], [3n, END], [5n, 5n, END], [7n, 7n, END]];
  await expectNoForgery('NEAR guard and reset', [{ file, name: 'near-mini', tapes }], FULL_PLAN, {
    full: { pilcomEvery: 1, cheatEvery: 1, minJudged: 300 },
    ci: { pilcomEvery: 10, cheatEvery: 1, minJudged: 300 },
  });
}, SWEEP_TIMEOUT);
