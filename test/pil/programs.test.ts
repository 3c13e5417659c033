// The PIL of real programs: pilcom compiles it, our checker and pilcom's verifyPil accept the
// honest trace, and every entry of the forgery catalogue is rejected by both.

import { describe, expect, it } from 'vitest';
import { romOfFile } from '../../src/compile.js';
import { checkProgram, describeFailures, traceOf, verifyPilOn, type CheckedProgram } from '../../src/pil/run.js';
import { forgeries } from '../../src/pil/forgery.js';
import { checkTrace } from '../../src/pil/check/index.js';
import type { Rom } from '../../src/zkasm/rom.js';

const NEAR = '../shared/bench/near';
const romOf = async (file: string): Promise<Rom> => (await romOfFile(file)).rom;

interface Case { file: string; verifyPil: boolean; machines: { bin: boolean; arith: boolean }; N: number }
const CASES: Case[] = [
  { file: 'golden/m1/add.wat', verifyPil: true, machines: { bin: false, arith: false }, N: 256 },
  { file: 'golden/m2/counter.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 8192 },
  { file: 'golden/m3/fib.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 16384 },
  { file: 'golden/m3/calls.wat', verifyPil: true, machines: { bin: true, arith: false }, N: 8192 },
  { file: `${NEAR}/sha256_from_rust.wat`, verifyPil: true, machines: { bin: true, arith: true }, N: 65536 },
  // quotients, remainders, byte offsets: free inputs of the runtime helpers
  { file: 'test/pil/programs/divmem.wat', verifyPil: false, machines: { bin: true, arith: true }, N: 65536 },
  // 2^19 rows: verifyPil takes ~10 s a trace there, so only our checker runs the catalogue in CI
  { file: `${NEAR}/fibonacci_handwritten_wat.wat`, verifyPil: false, machines: { bin: true, arith: false }, N: 524288 },
];

describe.each(CASES)('PIL of $file', (c) => {
  let checked: CheckedProgram;
  let rom: Rom;

  it('compiles with pilcom and our checker accepts the honest trace', async () => {
    rom = await romOf(c.file);
    checked = await checkProgram(rom);
    expect(checked.failures).toEqual([]);
    expect(checked.result.ok).toBe(true);
    expect(checked.pil.model.N).toBe(c.N);
    expect(checked.pil.model.machines.bin).toBe(c.machines.bin);
    expect(checked.pil.model.machines.arith).toBe(c.machines.arith);
    // specialization: a machine the program does not use is not in the PIL at all
    expect(checked.pil.source.includes('namespace Binary(')).toBe(c.machines.bin);
    expect(checked.pil.source.includes('namespace Arith(')).toBe(c.machines.arith);
  }, 120_000);

  if (c.verifyPil) {
    it('pilcom verifyPil accepts the same trace', async () => {
      expect(await verifyPilOn(checked.pilJson, checked.trace, checked.witness.publics)).toEqual([]);
    }, 120_000);
  }

  it('every forgery is rejected', async () => {
    const acceptedByUs: string[] = [];
    const acceptedByPilcom: string[] = [];
    let count = 0;
    for (const f of forgeries({ rom, model: checked.pil.model, cm: checked.witness.cm, publics: checked.witness.publics, inputs: [] })) {
      count++;
      const trace = traceOf(checked.pilJson, checked.pil, f);
      if (checkTrace(checked.pilJson, trace, { publics: f.publics, maxFailures: 1 }).ok) acceptedByUs.push(f.name);
      if (c.verifyPil && (await verifyPilOn(checked.pilJson, trace, f.publics)).length === 0) acceptedByPilcom.push(f.name);
    }
    expect(count).toBeGreaterThanOrEqual(9);
    expect(acceptedByUs).toEqual([]);
    expect(acceptedByPilcom).toEqual([]);
  }, 600_000);
});

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
    expect(inBinary).toContain(`fails at Binary row 2 (Main row ${step}) — ${rom.fileName}:${romLine.line}: ${romLine.lineStr.trim()}`);
    expect(inBinary).toMatch(/\(func \$\w+ @0x[0-9a-f]+ /);
  }, 120_000);
});
