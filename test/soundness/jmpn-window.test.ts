// The six forgeries of the adversarial review, each a complete run of a cheating prover that
// takes the other side of a JMPN whose operand is exactly 0 (the wrong byte also replaces the
// word index the narrow-load helper takes as a free input). Each states something false about
// its program. With the JMPN window as it was (`op0 + isNeg·(2^32 − 1)` in [0, 2^32), which
// admits op0 = 0 on both sides) our checker and pilcom's verifyPil both accepted it; the PIL now
// requires op0 ≠ 0 when isNeg, and both reject it.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { romOfFile } from '../../src/compile.js';
import { cheatTarget, forgeRun, jumpsAfter, targetSites, type Cheat, type CheatTarget, type Site } from '../../src/pil/cheat.js';
import { checkTrace } from '../../src/pil/check/index.js';
import { traceOf, verifyPilOn } from '../../src/pil/run.js';
import type { Witness } from '../../src/pil/witness.js';
import { TRAP_CODES } from '../../src/ir/ops.js';
import type { Rom } from '../../src/zkasm/rom.js';
import { restoreOldJmpnWindow } from './old-window.js';

const DIR = join(import.meta.dirname, 'cheat');

/** status and outputs of a trace, from its publics (status, outCount, out_k lo/hi) */
function statement(w: Witness, t: CheatTarget): { status: number; outputs: bigint[] } {
  const byName = new Map(t.pil.model.publics.map((p, k) => [p.name, w.publics[k]!]));
  const count = Number(byName.get('outCount') ?? 0n);
  const outputs = Array.from({ length: count }, (_, k) => byName.get(`out${k}_lo`)! + (byName.get(`out${k}_hi`)! << 32n));
  return { status: Number(byName.get('status')), outputs };
}

async function verdicts(t: CheatTarget, w: Witness): Promise<{ ours: boolean; pilcom: boolean }> {
  const trace = traceOf(t.pilJson, t.pil, w);
  return {
    ours: checkTrace(t.pilJson, trace, { publics: w.publics, maxFailures: 1 }).ok,
    pilcom: (await verifyPilOn(t.pilJson, trace, w.publics)).length === 0,
  };
}

interface Scenario {
  name: string;
  file: string;
  inputs: bigint[];
  /** what the honest run states (undefined: no honest run exists) */
  honest: { status: number; outputs: bigint[] } | undefined;
  /** the cheat, from the run's choice points */
  cheat: (sites: Site[], t: CheatTarget) => Pick<Cheat, 'flips' | 'tamper'>;
  /** the false statement the forged trace makes */
  forged: { status: number; outputs: bigint[] };
}

const atZero = (origin: string) => (sites: Site[]) => {
  const s = sites.find((x) => x.kind === 'JMPN' && x.op0 === 0 && x.origin === origin);
  if (!s) throw new Error(`test setup: no JMPN at operand 0 from ${origin}`);
  return { flips: [s.step] };
};

const TRAP_OOB = TRAP_CODES['out of bounds memory access'];
const TRAP_OUTPUTS = TRAP_CODES['too many outputs'];

const SCENARIOS: Scenario[] = [
  {
    name: 'x < 5 with x = 5 (a compare fused into a branch)', file: 'compare.wat', inputs: [5n],
    honest: { status: 0, outputs: [5n, 0n] }, cheat: atZero('br_if'), forged: { status: 0, outputs: [5n, 1n] },
  },
  {
    name: 'an out-of-bounds load hidden (bounds check at the last byte)', file: 'oob.wat', inputs: [65533n],
    honest: { status: TRAP_OOB, outputs: [] }, cheat: atZero('i32.load'), forged: { status: 0, outputs: [0n] },
  },
  {
    name: 'a trap invented on the 8th of 8 outputs (output slots check)', file: 'outputs.wat', inputs: [],
    honest: { status: 0, outputs: [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n] }, cheat: atZero('call output_i32'),
    forged: { status: TRAP_OUTPUTS, outputs: [0n, 1n, 2n, 3n, 4n, 5n, 6n] },
  },
  {
    name: 'a br_table index equal to the table size jumps one line past the table', file: 'br_table.wat', inputs: [3n],
    // the line past the table is the shared "too many outputs" trap handler: the run ends with that trap
    honest: { status: 0, outputs: [99n] }, cheat: atZero('br_table'), forged: { status: TRAP_OUTPUTS, outputs: [] },
  },
  {
    name: 'a failing assert_eq skipped (no honest run exists)', file: 'assert.wat', inputs: [5n],
    honest: undefined, cheat: atZero('br_if'), forged: { status: 0, outputs: [] },
  },
  {
    name: 'i32.load8_u(4) returns the byte at address 2 (word index changed, byte-offset check flipped)', file: 'byte.wat', inputs: [4n],
    honest: { status: 0, outputs: [0x55n] },
    cheat: (sites, t) => {
      // the helper's word index ${A >> 2}: 0 instead of 1, so the offset C = A − 4·E is 4; the
      // check C − 4 < 0 then has operand 0
      const s = sites.find((x) => x.kind === 'free' && x.origin === 'runtime __w2z_ld' && t.rom.rows[x.line]!.lineStr.includes('A >> 2'))!;
      const tamper = { index: s.freeIndex!, value: [0, 0] as [number, number] };
      const tampered = forgeRun(t.rom, t.pil.model, t.inputs, { flips: [], tamper });
      const zkPC = tampered.cm.get('Main.zkPC')!;
      const check = jumpsAfter(t.rom, tampered, s.step, 3).find((j) => t.rom.rows[zkPC[j]!]!.lineStr.includes('C - 4'))!;
      return { tamper, flips: [check] };
    },
    forged: { status: 0, outputs: [0x33n] },
  },
];

const romOf = async (file: string): Promise<Rom> => (await romOfFile(join(DIR, file))).rom;

describe.each(SCENARIOS)('$name', (s) => {
  it('is rejected by our checker and verifyPil; with the old window both accepted it', async () => {
    const rom = await romOf(s.file);
    const t = await cheatTarget(rom, s.inputs);
    expect(t.honest === undefined ? undefined : statement(t.honest, t)).toEqual(s.honest);
    const forged = forgeRun(rom, t.pil.model, s.inputs, s.cheat(targetSites(t), t));
    expect(forged.run.status).toBe('pass');
    expect(statement(forged, t)).toEqual(s.forged);
    expect(await verdicts(t, forged)).toEqual({ ours: false, pilcom: false });

    const old = await cheatTarget(rom, s.inputs, { source: restoreOldJmpnWindow });
    expect(await verdicts(old, forged)).toEqual({ ours: true, pilcom: true });
  }, 120_000);
});
