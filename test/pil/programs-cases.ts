// The PIL of a real program, checked: pilcom compiles it, our checker (and verifyPil, when the
// case asks) accepts the honest trace, and every entry of the forgery catalogue is rejected by
// both. Shared by programs.test.ts and programs.slow.test.ts.
import { describe, expect, it } from 'vitest';
import { romOfFile } from '../../src/compile.js';
import { checkProgram, traceOf, verifyPilOn, type CheckedProgram } from '../../src/pil/run.js';
import { forgeries } from '../../src/pil/forgery.js';
import { checkTrace } from '../../src/pil/check/index.js';
import type { Rom } from '../../src/zkasm/rom.js';

export const NEAR = '../shared/bench/near';
const romOf = async (file: string): Promise<Rom> => (await romOfFile(file)).rom;

export interface Case { file: string; verifyPil: boolean; machines: { bin: boolean; arith: boolean }; N: number }

export function describePrograms(cases: Case[]): void {
  describe.each(cases)('PIL of $file', (c) => {
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
    }, 300_000);

    if (c.verifyPil) {
      it('pilcom verifyPil accepts the same trace', async () => {
        expect(await verifyPilOn(checked.pilJson, checked.trace, checked.witness.publics)).toEqual([]);
      }, 300_000);
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
}
