// prove --segment-rows and verify of the bundle: a run whose memory is written in one segment
// and read in later ones, proven in segments and verified against the program with its outputs;
// and every splice of a bundle a cheating prover could try — a segment dropped, reordered or
// replayed, a memory list altered, a segment of another run (another input) put in, a proof's
// publics edited — rejected.
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasm, loadWasmBytes } from '../../src/wasm/load.js';
import { proveSegmentsInParallel } from '../../src/segments/parallel.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { parseBundle, proveInSegments, segmentKey, serializeBundle, verifyBundle, type SegmentBundle, type SegmentKey } from '../../src/pil/segment-prove.js';
import type { Rom } from '../../src/zkasm/rom.js';

// fills a table, then sums it back in a second loop: segment 0 writes what the last ones read
const WAT = `(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (func (export "main") (local $n i32) (local $i i32) (local $s i32)
    (local.set $n (call $in))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.add (local.get $i) (i32.const 7)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1)))
    (local.set $i (i32.const 0))
    (block $d2 (loop $l2
      (br_if $d2 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l2)))
    (call $out (local.get $s))))`;

// linear memory needs the arith machine (byte addresses), so its 2^16-row range table
const N = 65536;
// table entries: about 49 steps each, so three segments of 2^16 rows
const SIZE = 3000n;
const log = () => undefined;

describe('prove --segment-rows: a bundle of segment proofs', () => {
  let rom: Rom;
  let honest: SegmentBundle;
  let other: SegmentBundle;
  let key: SegmentKey;
  const copy = (b: SegmentBundle) => parseBundle(serializeBundle(b), 'copy');
  // the key derived once (a setup at 2^16 rows takes seconds); verifyBundle derives it when not given
  const verdict = (b: SegmentBundle) => verifyBundle(b, rom, { allowInsecure: true, key });

  beforeAll(async () => {
    rom = compileWasm(await loadWasmBytes(await watToWasm(WAT, 'table.wat'), 'table.wat')).rom;
    honest = await proveInSegments(rom, [SIZE], N, { security: 'test', log, name: 'table.wat' });
    other = await proveInSegments(rom, [10n], N, { security: 'test', log, name: 'table.wat' });
    key = await segmentKey(rom, Math.log2(N), 'test');
  }, 1_200_000);

  it('verifies, with the outputs of the run', async () => {
    expect(honest.segments.length).toBeGreaterThanOrEqual(3);
    const v = await verifyBundle(copy(honest), rom, { allowInsecure: true });
    expect(v.reason).toBeUndefined();
    expect(v.ok).toBe(true);
    const run = runRom(rom, { inputs: [SIZE] });
    const n = Number(SIZE);
    expect(run.outputs).toEqual([BigInt((n - 1) * n / 2 + 7 * n)]);
    expect(v.publics.outCount).toBe(1n);
    expect(v.publics.out0_lo).toBe(run.outputs[0]);
    expect(v.publics.status).toBe(0n);
  });

  const tampers: [string, (b: SegmentBundle) => void, RegExp][] = [
    ['a segment dropped', (b) => { b.segments.splice(1, 1); }, /does not start where|found/],
    ['two segments swapped', (b) => { [b.segments[0], b.segments[1]] = [b.segments[1]!, b.segments[0]!]; }, /start/],
    ['a segment replayed', (b) => { b.segments.splice(1, 0, copy(honest).segments[1]!); }, /does not start where|found/],
    ['the final segment dropped', (b) => { b.segments.pop(); }, /does not end the run/],
    ['a memory list value changed', (b) => { b.segments[0]!.memory[0]![3] += 1; }, /not the one its proof hashed/],
    ['a memory list entry removed', (b) => { b.segments[1]!.memory.splice(0, 1); }, /not the one its proof hashed/],
    ['the last segment of another run (another input) spliced in', (b) => {
      b.segments[b.segments.length - 1] = copy(other).segments[other.segments.length - 1]!;
    }, /does not start where|found/],
    ['a proof\'s end state edited', (b) => {
      const p = b.segments[0]!.proof;
      p.publics[14] = p.publics[14]! + 1n; // end_zkPC: the 15th public (13 start ones before)
    }, /does not verify/],
  ];
  for (const [what, edit, why] of tampers) {
    it(`rejects ${what}`, async () => {
      const b = copy(honest);
      edit(b);
      const v = await verdict(b);
      expect(v.ok).toBe(false);
      expect(v.reason).toMatch(why);
    });
  }
});

describe('segment proofs as parallel jobs', () => {
  it('two processes prove the same bundle, byte for byte, as one', async () => {
    const path = 'test/segments/fixtures/fib13.wat';
    const rom = compileWasm(await loadWasm(path)).rom;
    const one = await proveInSegments(rom, [], 8192, { security: 'test', log, name: path });
    const logs: string[] = [];
    const two = await proveSegmentsInParallel({ program: path, compile: {}, inputs: [], N: 8192, security: 'test' }, one.segments.length, 2, (m) => logs.push(m));
    expect(one.segments.length).toBe(2);
    expect(serializeBundle(two)).toBe(serializeBundle(one));
    // each segment was proven by its own process
    expect(logs.some((l) => l.startsWith('[segment 0]'))).toBe(true);
    expect(logs.some((l) => l.startsWith('[segment 1]'))).toBe(true);
    expect((await verifyBundle(two, rom, { allowInsecure: true })).ok).toBe(true);
  });
});
