// The PIL of real programs: pilcom compiles it, our checker and pilcom's verifyPil accept the
// honest trace, and every entry of the forgery catalogue is rejected by both (sha256, whose
// catalogue takes verifyPil two minutes at 2^16, is in programs.slow.test.ts).

import { describe, expect, it } from 'vitest';
import { romOfFile } from '../../src/compile.js';
import { checkProgram, describeFailures, traceOf } from '../../src/pil/run.js';
import { forgeries } from '../../src/pil/forgery.js';
import { checkTrace } from '../../src/pil/check/index.js';
import type { Rom } from '../../src/zkasm/rom.js';
import { describePrograms, NEAR } from './programs-cases.js';

const romOf = async (file: string): Promise<Rom> => (await romOfFile(file)).rom;

describePrograms([
  { file: 'golden/m1/add.wat', verifyPil: true, machines: { bin: false, arith: false }, N: 256 },
  { file: 'golden/m2/counter.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 8192 },
  { file: 'golden/m3/fib.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 8192 },
  { file: 'golden/m3/calls.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 8192 },
  // quotients, remainders, byte offsets: free inputs of the runtime helpers
  { file: 'test/pil/programs/divmem.wat', verifyPil: true, machines: { bin: true, arith: true }, N: 8192 },
  // 2^17 rows (its 120,017 steps): verifyPil takes seconds a trace there, so only our checker runs the catalogue
  { file: `${NEAR}/fibonacci_handwritten_wat.wat`, verifyPil: false, machines: { bin: true, arith: false }, N: 131072 },
]);

describe('check failures point at the program', () => {
  it('a wrong binary result names the PIL line, the zkASM line and the WASM function', async () => {
    const rom = await romOf('golden/m3/fib.wat');
    const checked = await checkProgram(rom);
    const f = [...forgeries({ rom, model: checked.pil.model, cm: checked.witness.cm, publics: checked.witness.publics, inputs: [] })]
      .find((x) => x.name === 'register-B-changed-without-set')!;
    const res = checkTrace(checked.pilJson, traceOf(checked.pilJson, checked.pil, f), { publics: f.publics });
    expect(res.ok).toBe(false);
    const first = res.failures.find((x) => x.kind === 'identity')!;
    const text = checked.pil.source.split('\n')[first.line - 1]!;
    expect(text).toContain("B0' = B0");
  }, 120_000);

  it('a failure in the binary machine names the Main row, the zkASM line and the WASM origin', async () => {
    const rom = await romOf('golden/m3/fib.wat');
    const checked = await checkProgram(rom);
    const f = [...forgeries({ rom, model: checked.pil.model, cm: checked.witness.cm, publics: checked.witness.publics, inputs: [] })]
      .find((x) => x.name === 'binary-chunk')!;
    const res = checkTrace(checked.pilJson, traceOf(checked.pilJson, checked.pil, f), { publics: f.publics });
    const lines = describeFailures(rom, checked.pil, checked.witness, res.failures);
    const step = checked.witness.binSteps[0]!;
    const romLine = rom.rows[checked.witness.cm.get('Main.zkPC')![step]!]!;
    // the Main row's lookup fails too; the table lookup of the chunk names the same Main row
    const inBinary = lines.find((l) => l.includes('fails at Binary row'))!;
    expect(inBinary).toContain(`fails at Binary row 0 (Main row ${step}) — ${rom.fileName}:${romLine.line}: ${romLine.lineStr.trim()}`);
    expect(inBinary).toMatch(/\(func \$\w+ @0x[0-9a-f]+ /);
  }, 120_000);
});
