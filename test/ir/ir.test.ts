// The IR builder (WASM → SSA), the clean-ups it runs, the verifier (each rule has a failing
// case), the printer, and the semantic functions of the op table.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { buildModule } from '../../src/ir/module.js';
import { verifyFunction, verifyModule } from '../../src/ir/verify.js';
import { printFunction } from '../../src/ir/print.js';
import { BINARY_OPS, UNARY_OPS } from '../../src/ir/ops.js';
import { binaryInst, constInst, jumpTerm, returnTerm, type IrFunction } from '../../src/ir/ir.js';
import { runPipeline } from '../../src/passes/index.js';

async function build(wat: string, entry?: string) {
  const m = await loadWasmBytes(await watToWasm(wat, 't.wat'), 't.wat');
  return buildModule(m.module, 't.wat', entry ? { entry } : {});
}
const H = '(import "env" "assert_eq" (func $assert_eq (param i32 i32)))';

describe('builder', () => {
  it('turns locals and the stack into SSA values (M1)', async () => {
    const m = await build(`(module ${H} (func $main i32.const 2 i32.const 3 i32.add i32.const 5 call $assert_eq) (start $main))`);
    verifyModule(m);
    expect(printFunction(m.funcs[0]!)).toBe(
      'func $main() -> () {\nblock0:\n    v0 = i32.const 2\n    v1 = i32.const 3\n    v2 = i32.add v0, v1\n' +
      '    v3 = i32.const 5\n    host assert_eq(v2, v3)\n    jump block1\nblock1:\n    return\n}\n');
  });

  it('gives a loop header one parameter per local that changes in the loop (M2)', async () => {
    const m = await build(`(module ${H} (func $main (local $c i32) (local $k i32)
      (local.set $k (i32.const 7))
      (block (loop (local.set $c (i32.add (local.get $c) (local.get $k)))
        (br_if 1 (i32.eq (local.get $c) (i32.const 70))) (br 0)))
      (call $assert_eq (local.get $c) (i32.const 70))) (start $main))`);
    verifyModule(m);
    const f = m.funcs[0]!;
    const header = f.blocks.find((b) => b.params.length > 0 && b.id !== 0)!;
    // $k is loop-invariant: only $c remains a parameter after pruning
    expect(header.params).toHaveLength(1);
  });

  it('merges the arms of if/else with results', async () => {
    const m = await build(`(module (func $f (param i32) (result i32)
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
      (func $main (export "main") (drop (call $f (i32.const 3)))))`);
    expect(() => verifyModule(m)).not.toThrow();
    runPipeline(m, undefined, { verifyEach: true });
    const text = printFunction(m.funcs[0]!);
    expect(text).toMatch(/^func \$f\(i32\) -> \(i32\)/);
    expect(text).toMatch(/block\d+\(v\d+: i32\):\n {4}return v\d+/);
    expect(text).toMatch(/branch v0, block\d+, block\d+/);
  });

  it('skips code after br / return', async () => {
    const m = await build(`(module (func $main (export "main") (block (br 0) (drop (i32.const 9)))
      (return) (drop (i64.const 3))))`);
    verifyModule(m);
    expect(printFunction(m.funcs[0]!)).not.toMatch(/const 9|const 3/);
  });

  it('builds only the functions the entry reaches', async () => {
    const m = await build(`(module (func $unused (drop (f32.const 1))) (func $g) (func $main (export "main") (call $g)))`);
    expect(m.funcs.map((f) => f.name)).toEqual(['$g', '$main']);
  });

  it('picks the entry: --entry, else main, else _start; the start function apart', async () => {
    const w = `(module (func $a) (func $b (export "main")) (func $c (export "_start")) (func $d (export "d")))`;
    const m = await build(w);
    expect(m.funcs[m.entry]!.name).toBe('$b');
    expect(m.start).toBe(-1);
    const s = await build(`(module (func $a) (func $b (export "main")) (start $a))`);
    expect([s.funcs[s.start]!.name, s.funcs[s.entry]!.name]).toEqual(['$a', '$b']);
    const only = await build('(module (func $a) (start $a))');
    expect([only.funcs[only.start]!.name, only.entry]).toEqual(['$a', -1]);
    const c = await build('(module (func $c (export "_start")))');
    expect(c.funcs[c.entry]!.name).toBe('$c');
    const m2 = await build(w, 'd');
    expect(m2.funcs[m2.entry]!.name).toBe('$d');
    const m3 = await build(w, '$a');
    expect(m3.funcs[m3.entry]!.name).toBe('$a');
    await expect(build(w, 'zz')).rejects.toThrow(/no entry function \(no defined function named zz\)/);
  });

  it('rejects an entry with parameters, but for clang\'s main(argc, argv)', async () => {
    await expect(build('(module (func $main (export "main") (param i32)))')).rejects.toThrow(/entry function \$main must take no parameters/);
    await expect(build('(module (func $f (export "f") (param i32 i32)))', 'f')).rejects.toThrow(/entry function \$f must take no parameters/);
    expect((await build('(module (func $main (export "main") (param i32 i32) (result i32) (i32.const 0)))')).entryArgs).toBe(2);
  });

  it('rejects imports it cannot bind, and wrong host signatures', async () => {
    await expect(build('(module (import "env" "nope" (func)) (func (export "main")))')).rejects.toThrow(/unknown import env\.nope/);
    await expect(build('(module (import "env" "assert_eq_i64" (func (param i32 i32))) (func (export "main")))'))
      .rejects.toThrow(/import env\.assert_eq_i64 has the wrong signature \(expected \(i64, i64\) -> \(\)\)/);
  });
});

describe('simplify-cfg', () => {
  it('merges a block into its only predecessor and orders blocks in reverse post-order', async () => {
    const m = await build(`(module ${H} (func $main (block (call $assert_eq (i32.const 1) (i32.const 1)))
      (call $assert_eq (i32.const 2) (i32.const 2))) (start $main))`);
    runPipeline(m, undefined, { verifyEach: true });
    // block → end block → exit: one straight line
    expect(m.funcs[0]!.blocks).toHaveLength(1);
  });
});

describe('const-fold', () => {
  it('folds arithmetic on constants and branches on constant conditions', async () => {
    const m = await build(`(module ${H} (func $main
      (if (i32.eq (i32.add (i32.const 2) (i32.const 3)) (i32.const 5))
        (then (call $assert_eq (i32.const 1) (i32.const 1)))
        (else (call $assert_eq (i32.const 0) (i32.const 1))))) (start $main))`);
    runPipeline(m, undefined, { verifyEach: true });
    const text = printFunction(m.funcs[0]!);
    expect(text).not.toMatch(/i32\.add|i32\.eq|branch/);
    expect(text).toMatch(/host assert_eq\((v\d+), \1\)|i32\.const 1/);
    expect(m.funcs[0]!.blocks).toHaveLength(1);
  });
  it('leaves trapping operations alone', async () => {
    const m = await build(`(module (func $main (export "main") (drop (i32.div_u (i32.const 1) (i32.const 0)))))`);
    runPipeline(m, undefined, { verifyEach: true });
    expect(printFunction(m.funcs[0]!)).toMatch(/i32\.div_u/);
  });
});

describe('dce', () => {
  it('removes unused pure values and parameters', async () => {
    const m = await build(`(module (func $main (export "main") (local i32) (local.set 0 (i32.add (i32.const 1) (i32.const 2)))))`);
    runPipeline(m, undefined, { verifyEach: true });
    expect(printFunction(m.funcs[0]!)).not.toMatch(/i32\.add/);
  });
});

describe('verifier', () => {
  const fn = (): IrFunction => ({
    name: '$t', index: 0, params: ['i32'], results: ['i32'], types: ['i32', 'i32', 'i64', 'i32'],
    blocks: [{ id: 0, params: [0], insts: [constInst(1, 'i32', 4n), binaryInst('i32.add', 3, 0, 1)], term: returnTerm([3]) }],
  });
  it('accepts a well-formed function', () => {
    expect(() => verifyFunction(fn())).not.toThrow();
  });
  const broken: [string, (f: IrFunction) => void, RegExp][] = [
    ['double definition', (f) => { f.blocks[0]!.insts.push(constInst(1, 'i32', 0n)); }, /value v1 is defined twice/],
    ['use before definition', (f) => { f.blocks[0]!.insts.reverse(); }, /v1 is used where its definition does not dominate/],
    ['undefined value', (f) => { f.blocks[0]!.term = returnTerm([9]); }, /v9 is used but never defined/],
    ['type mismatch', (f) => { f.blocks[0]!.insts[1] = binaryInst('i64.add', 3, 0, 1); }, /i64\.add: v0 is i32, expected i64/],
    ['bad return', (f) => { f.blocks[0]!.term = returnTerm([]); }, /return passes 0 values, expected 1/],
    ['edge arity', (f) => {
      f.blocks[0]!.term = jumpTerm({ block: 1, args: [] });
      f.blocks.push({ id: 1, params: [2], insts: [], term: returnTerm([0]) });
    }, /edge to block1 passes 0 values, expected 1/],
    ['const out of range', (f) => { f.blocks[0]!.insts[0] = constInst(1, 'i32', 1n << 32n); }, /const v1 out of range/],
  ];
  it.each(broken)('rejects %s', (_n, mutate, msg) => {
    const f = fn();
    mutate(f);
    expect(() => verifyFunction(f)).toThrow(msg);
  });
  it('names the function and block', () => {
    const f = fn();
    f.blocks[0]!.term = returnTerm([9]);
    expect(() => verifyFunction(f)).toThrow(/^func \$t block0: ir verifier: v9 is used but never defined$/);
  });
});

describe('op semantics', () => {
  const sem = (op: string, ...a: bigint[]) => (BINARY_OPS as Record<string, { sem: (...x: bigint[]) => unknown }>)[op]?.sem(...a)
    ?? (UNARY_OPS as Record<string, { sem: (...x: bigint[]) => unknown }>)[op]!.sem(...a);
  it.each([
    ['i32.add', [0xffffffffn, 1n], 0n],
    ['i32.sub', [0n, 1n], 0xffffffffn],
    ['i32.mul', [0x10000n, 0x10000n], 0n],
    ['i32.div_s', [0xfffffff9n, 2n], 0xfffffffdn],
    ['i32.div_s', [0x80000000n, 0xffffffffn], { trap: 'integer overflow' }],
    ['i32.div_u', [7n, 0n], { trap: 'integer divide by zero' }],
    ['i32.rem_s', [0x80000000n, 0xffffffffn], 0n],
    ['i32.rem_s', [0xfffffff9n, 2n], 0xffffffffn],
    ['i32.shl', [1n, 33n], 2n],
    ['i32.shr_s', [0x80000000n, 31n], 0xffffffffn],
    ['i32.rotl', [0x80000001n, 1n], 3n],
    ['i32.rotr', [3n, 1n], 0x80000001n],
    ['i32.lt_s', [0xffffffffn, 0n], 1n],
    ['i32.lt_u', [0xffffffffn, 0n], 0n],
    ['i64.rotl', [0x8000000000000000n, 65n], 1n],
    ['i32.clz', [1n], 31n],
    ['i32.clz', [0n], 32n],
    ['i64.ctz', [0n], 64n],
    ['i32.popcnt', [0xf0f0n], 8n],
    ['i32.extend8_s', [0x80n], 0xffffff80n],
    ['i64.extend32_s', [0x80000000n], 0xffffffff80000000n],
    ['i64.extend_i32_s', [0xffffffffn], 0xffffffffffffffffn],
    ['i32.wrap_i64', [0x123456789n], 0x23456789n],
  ].map(([op, args, want]) => [`${op} ${String(args)}`, op, args, want]) as [string, string, bigint[], unknown][])('%s', (_t, op, args, want) => {
    expect(sem(op, ...args)).toEqual(want);
  });
});
