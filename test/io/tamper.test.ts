// Soundness of the ABI: every free input of a run is pinned except the values read from the
// private input tape. Changing any other free input must make the run FAIL; a tape value may be
// any other canonical value of its type (that is what a private input is) but never a
// non-canonical one: an i32 read with a high limb, or a limb outside 0 ≤ limb < 2^32.
import { describe, expect, it } from 'vitest';
import { runRom } from '../../src/compile.js';
import type { FieldPair } from '../../src/machine/free-input.js';
import type { FreeExpr } from '../../src/zkasm/ast.js';
import { compileWat } from './harness.js';
import { COUNT, ECHO, I32_SIGNED, PRESSURE, SUM, WIDE } from './programs.js';

const CHEATS: [string, (v: FieldPair) => FieldPair][] = [
  ['low limb + 1', ([l0, l1]) => [l0 + 1, l1]],
  ['high limb flipped', ([l0, l1]) => [l0, l1 === 0 ? 1 : 0]],
];

/** Ways to make a tape value non-canonical for its type (each must FAIL). */
const NON_CANONICAL: Record<'i32' | 'i64', [string, (v: FieldPair) => FieldPair][]> = {
  i32: [
    ['high limb 1', ([l0]) => [l0, 1]],
    ['low limb + 2^32', ([l0, l1]) => [l0 + 2 ** 32, l1]],
    ['low limb − 2^32 (field)', ([l0, l1]) => [l0 - 2 ** 32, l1]],
  ],
  i64: [
    ['low limb + 2^32', ([l0, l1]) => [l0 + 2 ** 32, l1]],
    ['high limb + 2^32', ([l0, l1]) => [l0, l1 + 2 ** 32]],
    ['low limb −1 (field)', ([, l1]) => [-1, l1]],
  ],
};

const isInput = (tag: FreeExpr | null | undefined) => tag?.kind === 'call' && tag.name === 'input';

const PROGRAMS: [string, string, bigint[], number][] = [
  ['echo', ECHO, [0xffffffffn, 0xffffffffffffffffn, 0n, 1n], 8],
  ['sum', SUM, [3n, 7n, 0xffffffffn, 0n], 8],
  ['wide', WIDE, [0x8000000000000001n, 5n, 0xfedcba9876543210n], 8],
  ['i32 signed', I32_SIGNED, [0x80000000n, 12n], 8],
  ['count (trap)', COUNT, [4n], 2],
  ['pressure', PRESSURE, [99n, 16n, 3n, 4n, 10n, 20n, 0xffffffffffff0000n, 3n, 0x10000n, 5n, 33n], 8],
];

describe.each(PROGRAMS)('%s', (_name, wat, tape, maxOutputs) => {
  it('fails whenever a pinned free input or a tape value\'s canonical form is changed', async () => {
    const p = await compileWat(wat, 'io.wat', maxOutputs);
    // which free inputs are tape reads: the row executing when the tamper hook is asked
    let pc = -1;
    const onRow = (zkPC: number) => { pc = zkPC; };
    const kinds: ('pinned' | 'i32' | 'i64')[] = [];
    const honest = runRom(p.rom, { inputs: tape });
    expect(honest.status).not.toBe('fail');
    for (let index = 0; index < honest.result.freeInputs; index++) {
      runRom(p.rom, {
        inputs: tape, onRow,
        tamper: {
          index,
          replace: (v) => {
            const row = p.rom.rows[pc]!;
            kinds.push(!isInput(row.freeInTag) ? 'pinned' : row.source?.text === 'call input_i32' ? 'i32' : 'i64');
            return v;
          },
        },
      });
    }
    expect(kinds).toHaveLength(honest.result.freeInputs);
    expect(kinds.filter((k) => k !== 'pinned')).toHaveLength(tape.length);
    expect(kinds.filter((k) => k === 'pinned').length).toBeGreaterThan(1);
    const escaped: string[] = [];
    kinds.forEach((kind, index) => {
      const cheats = kind === 'pinned' ? CHEATS : NON_CANONICAL[kind];
      for (const [name, replace] of cheats) {
        const r = runRom(p.rom, { inputs: tape, tamper: { index, replace } });
        if (r.status !== 'fail') escaped.push(`free input #${index} (${kind}, ${name}): ${r.status}`);
      }
    });
    expect(escaped).toEqual([]);
  });
});

it('a different canonical tape value is just another private input (the run passes)', async () => {
  const p = await compileWat(SUM, 'io.wat');
  const r = runRom(p.rom, { inputs: [2n, 1n, 1n], tamper: { index: 0, replace: () => [1, 0] } });
  expect(r.status).toBe('pass');
  expect(r.outputs).toEqual([1n, 1n]);
});
