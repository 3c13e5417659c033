// The instruction counter behind "cells per WASM instruction": counts worked out by hand from
// the spec's execution of each program, and the instrumented module computes what the original does.
import { describe, expect, it } from 'vitest';
import { countInstructions, instrumentInstructionCount } from '../../src/wasm/count.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { listModules, readModule, runInV8 } from '../real/corpus.mjs';

const count = async (wat: string): Promise<number> => countInstructions(await watToWasm(wat, 't.wat'), 't.wat', 'main', {});

describe('countInstructions', async () => {
  it('counts a loop: 3 before it, 5 per iteration (the loop itself once)', async () => {
    const wat = `(module (func (export "main") (local i32)
      i32.const 10 local.set 0
      (loop $l local.get 0 i32.const 1 i32.sub local.tee 0 br_if $l)))`;
    expect(await count(wat)).toBe(3 + 10 * 5);
  });

  it('counts only the arm of an if that runs, and calls into the callee', async () => {
    const wat = (c: number) => `(module
      (func $f (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
      (func (export "main") (result i32)
        i32.const ${c}
        if (result i32) i32.const 7 call $f i32.const 1 i32.add else i32.const 5 end
        drop i32.const 0 return))`;
    // main: const, if, [then: const, call, const, add | else: const], drop, const, return; $f: 3
    expect(await count(wat(1))).toBe(2 + 4 + 3 + 3);
    expect(await count(wat(0))).toBe(2 + 1 + 3);
  });

  it('counts the taken and the fallen-through exits of br_table and br_if', async () => {
    const wat = (k: number) => `(module (func (export "main")
      (block $a (block $b (block $c
        i32.const ${k} br_table $c $b $a)
        nop nop br $a)
        nop)))`;
    // block×3, const, br_table; then $c's continuation: nop nop br (3) ; $b's: nop (1)
    expect(await count(wat(0))).toBe(5 + 3);
    expect(await count(wat(1))).toBe(5 + 1);
    expect(await count(wat(2))).toBe(5);
  });

  it('leaves what the program computes unchanged, with globals, memory and a start function', async () => {
    const wat = `(module
      (global $g (mut i64) (i64.const 5))
      (memory 1) (data (i32.const 8) "\\2a")
      (func $s (global.set $g (i64.add (global.get $g) (i64.const 1))))
      (start $s)
      (func (export "main") (result i64)
        (i64.add (global.get $g) (i64.load8_u (i32.const 8)))))`;
    const bytes = await watToWasm(wat, 't.wat');
    const plain = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.main as () => bigint;
    const counted = new WebAssembly.Instance(new WebAssembly.Module(instrumentInstructionCount(bytes, 't.wat'))).exports.main as () => bigint;
    expect(counted()).toBe(plain());
    expect(plain()).toBe(48n);
    // start: get, const, add, set (4); main: get, const, load, add (4)
    expect(await count(wat)).toBe(8);
  });

  it('runs a main that is the start function once, as our compiler does', async () => {
    const wat = `(module (global $g (mut i32) (i32.const 0))
      (func $m (export "main") (global.set $g (i32.add (global.get $g) (i32.const 1))))
      (start $m))`;
    expect(await count(wat)).toBe(4);
  });

  it('rethrows a trap', async () => {
    await expect(count('(module (func (export "main") unreachable))')).rejects.toThrow(WebAssembly.RuntimeError);
  });
});

describe('instrumentInstructionCount on real toolchains\' output', () => {
  // one module per language of test/real, on every tape: V8 gives the same outcome with the counter
  for (const file of ['rust/hashmap.O2.wasm', 'c/fconv.O0.wasm', 'as/vm.Oz.wasm']) {
    it(`${file} computes the same and counts`, async () => {
      const m = listModules().find((x) => x.file === file)!;
      const bytes = readModule(file);
      for (const t of m.tapes) {
        const plain = await runInV8(bytes, t.tape);
        const { instructions, ...counted } = await runInV8(instrumentInstructionCount(bytes, file), t.tape);
        expect(counted, t.text).toEqual(plain);
        if (plain.status !== 'fail') expect(instructions, t.text).toBeGreaterThan(100);
      }
    });
  }
});
