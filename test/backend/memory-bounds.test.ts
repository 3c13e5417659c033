// Bounds checks of memories that grow past their initial size (AssemblyScript declares
// `(memory 0)` and grows it): an access beyond the initial memory is checked against the current
// size, on 64 bits, up to the last byte and at addresses near 2^32. Every tape against V8.
import { describe, expect, it } from 'vitest';
import { compileWat, runEverywhere } from '../io/harness.js';

const PROGRAM = `(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 0 4)
  (func (export "main") (local $a i32)
    (call $out (memory.grow (call $in)))
    (local.set $a (call $in))
    (i32.store offset=100 (local.get $a) (i32.const 7))
    (call $out (i32.load offset=100 (local.get $a)))
    (i32.store8 offset=3 (local.get $a) (i32.const 9))
    (call $out (i32.load8_u offset=3 (local.get $a)))))`;

// [pages to grow, address]: in bounds up to the last byte, one past, near 2^32, no memory at all
const TAPES: [bigint, bigint][] = [
  [1n, 0n], [1n, 65432n], [1n, 65433n], [2n, 131000n], [2n, 131033n], [0n, 0n],
  [1n, 0xffffffffn], [1n, 0xffffff9cn], [1n, 0xfffffff0n], [5n, 0n],
];

describe('a memory grown from 0 pages', () => {
  it.each(TAPES)('grow %i, access at %i: as in V8', async (pages, addr) => {
    const p = await compileWat(PROGRAM, 'grow.wat');
    const r = await runEverywhere(p, [pages, addr]);
    expect(r.status).not.toBe('fail');
  });

  it('the issue\'s case: (memory 0), grow 1, store at 100 passes', async () => {
    const p = await compileWat(`(module (import "env" "assert_eq" (func $eq (param i32 i32))) (memory 0)
      (func (export "main") (call $eq (memory.grow (i32.const 1)) (i32.const 0))
        (i32.store (i32.const 100) (i32.const 7)) (call $eq (i32.load (i32.const 100)) (i32.const 7))))`, 'g.wat');
    expect((await runEverywhere(p, [])).status).toBe('pass');
  });
});
