// Soundness: every free input a run takes is pinned by a check. For each program below, run
// it once, then once per free input with that one value replaced: every tampered run must FAIL
// (no valid trace) — never pass and never end in a different outcome such as a trap.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { parseZkasm } from '../../src/zkasm/parse.js';
import { assemble } from '../../src/zkasm/assemble.js';
import type { FieldPair } from '../../src/machine/free-input.js';

const DIR = import.meta.dirname;
// float.wat: soft-float routines (integer code linked in by the compiler, src/wasm/softfloat.ts)
const PROGRAMS: [string, 'pass' | 'trap'][] = [['ops.wat', 'pass'], ['calls.wat', 'pass'], ['trap.wat', 'trap'], ['float.wat', 'trap']];

/** Different values a cheating prover might supply instead of the honest one. */
const CHEATS: [string, (v: FieldPair) => FieldPair][] = [
  ['low limb + 1', ([l0, l1]) => [l0 + 1, l1]],
  ['high limb flipped', ([l0, l1]) => [l0, l1 === 0 ? 1 : 0]],
];

let tampered = 0;
let accepted = 0;

describe.each(PROGRAMS)('%s', (file, outcome) => {
  it('fails whenever one free input is changed', async () => {
    const bytes = await watToWasm(readFileSync(join(DIR, file), 'utf8'), file);
    const zkasm = compileWasm(await loadWasmBytes(bytes, file)).zkasm;
    const rom = assemble(parseZkasm(zkasm, file), file);
    const honest = runRom(rom);
    expect(honest.status).toBe(outcome);
    expect(honest.result.freeInputs).toBeGreaterThan(5);
    const escaped: string[] = [];
    for (let index = 0; index < honest.result.freeInputs; index++) {
      for (const [name, replace] of CHEATS) {
        const r = runRom(rom, { tamper: { index, replace } });
        tampered++;
        if (r.status !== 'fail') {
          accepted++;
          escaped.push(`free input #${index} (${name}): ${r.status}`);
        }
      }
    }
    expect(escaped).toEqual([]);
  });
});

describe('tamper totals', () => {
  it('accepted 0 tampered runs', () => {
    console.log(`tamper test: ${tampered} tampered runs, ${accepted} accepted`);
    expect(tampered).toBeGreaterThan(0);
    expect(accepted).toBe(0);
  });
});
