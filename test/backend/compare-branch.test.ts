// Comparisons that feed a branch are lowered with the branch (one JMPZ/JMPN row on the low limbs,
// signed ones after flipping the sign bits). Each comparison, on boundary values, with the
// operands as run-time values and as constants on either side, against the op's semantics.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';
import { BINARY_OPS } from '../../src/ir/ops.js';

const CMPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const VALUES = [0n, 1n, 2n, 0x7fffffffn, 0x80000000n, 0x80000001n, 0xfffffffen, 0xffffffffn];

describe.each(CMPS)('i32.%s feeding br_if', (cmp) => {
  it('agrees with the semantics for every operand form', async () => {
    const sem = BINARY_OPS[`i32.${cmp}` as keyof typeof BINARY_OPS].sem;
    const lines: string[] = [];
    for (const a of VALUES) {
      for (const b of VALUES) {
        const want = sem(a, b) as bigint;
        const c = (v: bigint) => `(i32.const ${v})`;
        // run-time/run-time, run-time/constant, constant/run-time (globals defeat folding)
        for (const [x, y] of [['(global.get $a)', '(global.get $b)'], ['(global.get $a)', c(b)], [c(a), '(global.get $b)']]) {
          lines.push(`(global.set $a ${c(a)}) (global.set $b ${c(b)})`,
            `(call $eq (block (result i32) (br_if 0 (i32.const 1) (i32.${cmp} ${x} ${y})) (drop) (i32.const 0)) (i32.const ${want}))`);
        }
      }
    }
    const wat = `(module (import "env" "assert_eq" (func $eq (param i32 i32)))
      (global $a (mut i32) (i32.const 0)) (global $b (mut i32) (i32.const 0))
      (func $main (export "main") ${lines.join('\n')}))`;
    const compiled = compileWasm(await loadWasmBytes(await watToWasm(wat, 'c.wat'), 'c.wat'));
    expect(compiled.zkasm).toMatch(/:JMP(N|Z)\(/);
    const r = runZkasm(compiled.zkasm, 'c.zkasm');
    expect(r.result.failure?.message).toBeUndefined();
    expect(r.status).toBe('pass');
  });
});

// A fused comparison is evaluated at the branch, so its operands must survive until there: in
// `c = (i == n); i = i + 1; br_if c` the new i must not take the old i's frame slot (found in
// rustc -O2 output: hashbrown's rehash loop ran forever).
describe('a fused comparison whose operand is redefined before the branch', () => {
  it('compares the old value (V8: 1 iteration)', async () => {
    const wat = `(module (import "env" "assert_eq" (func $eq (param i32 i32))) (memory 1)
      (func $iters (param $n i32) (result i32) (local $i i32) (local $c i32) (local $k i32)
        block $exit loop $L
          local.get $k i32.const 1 i32.add local.set $k
          local.get $k i32.const 100 i32.gt_u br_if $exit
          local.get $i local.get $n i32.eq local.set $c
          local.get $i i32.const 1 i32.add local.set $i
          local.get $c br_if $exit br $L end end local.get $k)
      (func (export "main") (call $eq (call $iters (i32.const 0)) (i32.const 1))))`;
    const compiled = compileWasm(await loadWasmBytes(await watToWasm(wat, 'r.wat'), 'r.wat'));
    const r = runZkasm(compiled.zkasm, 'r.zkasm');
    expect(r.result.failure?.message).toBeUndefined();
    expect(r.status).toBe('pass');
  });
});
