// Functions with more than five results: results 0–4 come back in A–E, the others in the
// variables `__w2z_res<k>` (frame.ts). They were an internal error at `return` (W2Z2301: the
// sixth result had no register) and a refusal at `call` / `call_indirect` (W2Z2001), found by
// binaryen's translate-to-fuzz. Checked against V8: as invocations (an entry whose results are
// read back), through call and call_indirect, from inside if/else and blocks of 7 results,
// across recursion and other calls, and as programs with outputs (debug and prover shape).
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { funcType } from '../../src/wasm/names.js';
import { compileWasm, runRom, runZkasm } from '../../src/compile.js';
import { invocationLabel, type Invocation } from '../../src/backend/program.js';
import { ABI_VARS, readVar } from '../../src/abi.js';
import { PagedMemory } from '../../src/machine/memory.js';
import { compileWat, runEverywhere } from '../io/harness.js';

const I32x6 = 'i32 i64 i32 i64 i32 i32';
const I32x7 = 'i32 i32 i32 i32 i32 i32 i32';
const I64x10 = 'i64 i64 i64 i64 i64 i64 i64 i64 i64 i64';

/** Locals that take results off the stack (r0 … r(n-1)) and the fold (h). */
const foldLocals = (wide: boolean[]): string => `${wide.map((w, k) => `(local $r${k} ${w ? 'i64' : 'i32'})`).join(' ')} (local $h i32)`;
/** The results on the stack folded in order into one i32 (h = h * 31 + r), so a caller sees order and values. */
const fold = (wide: boolean[]): string => {
  const n = wide.length;
  const take = wide.map((_, k) => `(local.set $r${n - 1 - k})`).join(' ');
  const word = (w: boolean, k: number) => (w ? `(i32.wrap_i64 (i64.xor (local.get $r${k}) (i64.shr_u (local.get $r${k}) (i64.const 32))))` : `(local.get $r${k})`);
  const mix = wide.map((w, k) => `(local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) ${word(w, k)}))`).join(' ');
  return `${take} (local.set $h (i32.const 0)) ${mix} (local.get $h)`;
};
const WIDE6 = I32x6.split(' ').map((t) => t === 'i64');
const WIDE7 = I32x7.split(' ').map(() => false);
const WIDE10 = I64x10.split(' ').map(() => true);

const MODULE = `(module
  (type $t7 (func (param i32) (result ${I32x7})))
  (table 3 funcref)
  (elem (i32.const 0) $seven $seven_b)
  (global $g (mut i32) (i32.const 0))
  ;; 6 results: parameters, constants, values computed last (in registers) and a global
  (func $six (export "six") (param $a i32) (param $b i64) (result ${I32x6})
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (local.get $a) (i64.mul (local.get $b) (i64.const 3)) (i32.const 77)
    (local.get $b) (i32.xor (local.get $a) (i32.const 0x55)) (global.get $g))
  ;; 7 results from either arm of an if/else, and an early return from inside a block
  (func $seven (export "seven") (param $x i32) (result ${I32x7})
    (if (i32.eq (local.get $x) (i32.const 99)) (then (return (i32.const 9) (i32.const 8) (i32.const 7) (i32.const 6) (i32.const 5) (i32.const 4) (i32.const 3))))
    (if (result ${I32x7}) (i32.and (local.get $x) (i32.const 1))
      (then (local.get $x) (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4) (i32.add (local.get $x) (i32.const 5)) (i32.const 6))
      (else (i32.const 10) (local.get $x) (i32.const 12) (i32.mul (local.get $x) (local.get $x)) (i32.const 14) (i32.const 15) (i32.sub (i32.const 0) (local.get $x)))))
  (func $seven_b (param $x i32) (result ${I32x7})
    (local.get $x) (local.get $x) (local.get $x) (local.get $x) (local.get $x) (local.get $x) (i32.const -1))
  ;; 10 results through a block of 7 results, left by br from inside a loop and an if
  (func $ten (export "ten") (param $n i64) (result ${I64x10}) (local $i i64)
    (block $out (result ${I32x7})
      (loop $l
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (if (i64.ge_u (local.get $i) (local.get $n))
          (then (br $out (i32.const 1) (i32.wrap_i64 (local.get $i)) (i32.const 3) (i32.const 4) (i32.const 5) (i32.const 6) (i32.wrap_i64 (local.get $n)))))
        (br_if $l (i64.lt_u (local.get $i) (i64.const 1000))))
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $widen7)
    (local.get $n) (i64.const -1) (i64.const 0x123456789))
  (func $widen7 (param i32 i32 i32 i32 i32 i32 i32) (result i64 i64 i64 i64 i64 i64 i64)
    (i64.extend_i32_u (local.get 0)) (i64.extend_i32_u (local.get 1)) (i64.extend_i32_s (local.get 2)) (i64.extend_i32_u (local.get 3))
    (i64.extend_i32_u (local.get 4)) (i64.extend_i32_u (local.get 5)) (i64.extend_i32_u (local.get 6)))
  ;; callers: a call, a call_indirect, a call forwarding all 10 results
  (func (export "call_six") (param i32 i64) (result i32) ${foldLocals(WIDE6)} (call $six (local.get 0) (local.get 1)) ${fold(WIDE6)})
  (func (export "call_seven") (param i32) (result i32) ${foldLocals(WIDE7)} (call $seven (local.get 0)) ${fold(WIDE7)})
  (func (export "call_ten") (param i64) (result i32) ${foldLocals(WIDE10)} (call $ten (local.get 0)) ${fold(WIDE10)})
  (func (export "fwd_ten") (param i64) (result ${I64x10}) (call $ten (local.get 0)))
  (func (export "indirect") (param $x i32) (param $k i32) (result i32) ${foldLocals(WIDE7)}
    (call_indirect (type $t7) (local.get $x) (local.get $k)) ${fold(WIDE7)})
  (func (export "indirect_fwd") (param $x i32) (param $k i32) (result ${I32x7})
    (call_indirect (type $t7) (local.get $x) (local.get $k)))
  ;; results of one call still needed after another call
  (func (export "across") (param $a i32) (result i32 i32 i32 i32 i32 i32 i32 i32)
    (local $x5 i32) (local $y5 i32) (local $x6 i32)
    (call $seven (local.get $a)) (local.set $x6) (local.set $x5)
    (call $seven (i32.add (local.get $a) (i32.const 1))) (local.set $y5) (drop) (drop) (drop) (drop) (drop) (drop)
    (local.get $x5) (local.get $x6) (local.get $y5))
  ;; recursion: each level's 6 results feed the next
  (func $rec (export "rec") (param $n i32) (result ${I32x6})
    (local $a i32) (local $b i64) (local $c i32) (local $d i64) (local $e i32) (local $f i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 1) (i64.const 2) (i32.const 3) (i64.const 4) (i32.const 5) (i32.const 6))))
    (call $rec (i32.sub (local.get $n) (i32.const 1)))
    (local.set $f) (local.set $e) (local.set $d) (local.set $c) (local.set $b) (local.set $a)
    (local.get $f) (i64.add (local.get $b) (i64.extend_i32_u (local.get $n))) (local.get $a)
    (i64.mul (local.get $d) (i64.const 3)) (i32.add (local.get $c) (local.get $e)) (i32.add (local.get $e) (local.get $n))))`;

type Val = number | bigint;
const CALLS: [string, Val[]][] = [
  ['six', [5, 7n]], ['six', [-1, -2n]],
  ...[0, 1, 2, 3, 99].map((x) => ['seven', [x]] as [string, Val[]]),
  ['ten', [3n]], ['ten', [1n]], ['ten', [5000n]],
  ['call_six', [5, 7n]], ['call_six', [0x7fffffff, 1n << 40n]],
  ...[0, 1, 99].map((x) => ['call_seven', [x]] as [string, Val[]]),
  ['call_ten', [3n]], ['fwd_ten', [4n]], ['fwd_ten', [0n]],
  ['indirect', [3, 0]], ['indirect', [4, 0]], ['indirect', [6, 1]], ['indirect', [6, 2]], ['indirect', [6, 3]],
  ['indirect_fwd', [99, 0]], ['indirect_fwd', [8, 1]],
  ['across', [1]], ['across', [98]],
  ['rec', [0]], ['rec', [1]], ['rec', [9]],
];

/** A call's outcome as both sides report it: the results (unsigned words) or the trap. */
type Outcome = { results: bigint[] } | { trap: true };

async function v8Results(bytes: Uint8Array, calls: [string, Val[]][]): Promise<Outcome[]> {
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>);
  return calls.map(([name, args]) => {
    try {
      const r = (instance.exports[name] as (...a: Val[]) => Val | Val[] | undefined)(...args);
      const list = r === undefined ? [] : Array.isArray(r) ? r : [r];
      return { results: list.map((v) => (typeof v === 'bigint' ? BigInt.asUintN(64, v) : BigInt(v >>> 0))) };
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) return { trap: true };
      throw e;
    }
  });
}

/** Our side: one program with an entry per call, run on one memory, results from `__w2z_res<k>`. */
async function ourResults(bytes: Uint8Array, calls: [string, Val[]][]): Promise<Outcome[]> {
  const loaded = await loadWasmBytes(bytes, 'results.wasm');
  const index = (name: string) => loaded.module.exports.find((e) => e.name === name && e.kind === 'func')!.index;
  const invocations: Invocation[] = calls.map(([name, args]) => ({ func: index(name), args: args.map((a) => BigInt.asUintN(64, BigInt(a))) }));
  const { rom } = compileWasm(loaded, { invocations });
  const memory = new PagedMemory();
  expect(runRom(rom, { memory }).status).toBe('pass'); // instantiation
  return calls.map(([name], k) => {
    const r = runRom(rom, { memory, startLabel: invocationLabel(k) });
    expect(r.result.failure?.message).toBeUndefined();
    if (r.status === 'trap') return { trap: true };
    const types = funcType(loaded.module, index(name)).results;
    return { results: types.map((t, i) => { const w = readVar(rom, memory, ABI_VARS.result(i)) ?? 0n; return t === 'i32' ? w & 0xffffffffn : w; }) };
  });
}

describe('functions with more than five results, against V8', () => {
  it('called as entries (results read back), through call and call_indirect, from if/else, blocks, recursion', async () => {
    const bytes = await watToWasm(MODULE, 'results.wat');
    const want = await v8Results(bytes, CALLS);
    const got = await ourResults(bytes, CALLS);
    CALLS.forEach(([name, args], k) => expect(got[k], `${name}(${args.join(', ')})`).toEqual(want[k]));
    expect(want.filter((w) => 'trap' in w)).toHaveLength(2); // indirect(6, 2): a null entry; (6, 3): out of the table
  });

  it('a program: inputs → calls of 6, 7 and 10 results → outputs, in debug and prover shape', async () => {
    const wat = MODULE.replace('(module', `(module
      (import "env" "input_i32" (func $in (result i32)))
      (import "env" "input_i64" (func $in64 (result i64)))
      (import "env" "output_i32" (func $out (param i32)))
      (import "env" "output_i64" (func $out64 (param i64)))`).replace(/\)$/, `
      (func (export "main") (local $x i32) ${foldLocals(WIDE7)}
        (local.set $x (call $in))
        (call $six (local.get $x) (call $in64))
        (call $out) (call $out) (call $out64) (call $out) (call $out64) (call $out)
        (call $out (call_indirect (type $t7) (local.get $x) (call $in)) ${fold(WIDE7)})
        (call $ten (call $in64)) (call $out64) (drop) (drop) (drop) (drop) (drop) (drop) (drop) (drop) (call $out64)))`);
    const p = await compileWat(wat, 'program.wat', 16);
    for (const tape of [[5n, 7n, 0n, 3n], [2n, 1n << 40n, 1n, 0n], [1n, 2n, 3n, 4n]]) {
      const r = await runEverywhere(p, tape);
      expect(r.status, `tape ${tape.join(', ')}`).not.toBe('fail');
    }
  });

  it.each(['six', 'ten'])('the program\'s entry (--entry %s): its results are dropped, as a host would', async (entry) => {
    // test/ttf/bugs/B1-six-results.wat (V8 returns 1 … 6), and 10 results with outputs on the way
    const wat = `(module (import "env" "output_i64" (func $out (param i64)))
      (func (export "six") (result ${I32x6}) (i32.const 1) (i64.const 2) (i32.const 3) (i64.const 4) (i32.const 5) (i32.const 6))
      (func (export "ten") (result ${I64x10}) (local $k i64)
        (loop $l (call $out (local.get $k)) (local.set $k (i64.add (local.get $k) (i64.const 1)))
          (br_if $l (i64.lt_u (local.get $k) (i64.const 3))))
        (local.get $k) (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5) (i64.const 6) (i64.const 7) (i64.const 8) (local.get $k)))`;
    const bytes = await watToWasm(wat, 'entry.wat');
    const compiled = compileWasm(await loadWasmBytes(bytes, 'entry.wat'), { entry });
    const r = runZkasm(compiled.zkasm, 'entry.zkasm');
    expect(r.result.failure?.message).toBeUndefined();
    expect(r.status).toBe('pass');
    const outputs: bigint[] = [];
    const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env: { output_i64: (x: bigint) => outputs.push(x) } });
    (instance.exports[entry] as () => unknown)();
    expect(r.outputs).toEqual(outputs);
  });
});
