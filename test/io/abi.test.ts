// The input/output ABI (docs/abi.md): programs that read the private input tape and append
// public outputs, run in debug mode, in prover shape (the publics epilogue read row by row)
// and in V8 with JS imports implementing the ABI; all must agree.
import { describe, expect, it } from 'vitest';
import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { isW2zError } from '../../src/diagnostics.js';
import { publicLayout, tailRows } from '../../src/backend/program.js';
import { parseInputTape, readOutputs } from '../../src/abi.js';
import { checkProverShape, compileWat, expectedPublics, outcomeOf, runEverywhere, runInV8 } from './harness.js';
import { COUNT, ECHO, I32_SIGNED, PRESSURE, SUM, TRAP_AFTER, WIDE } from './programs.js';

const big = (...xs: (number | string)[]) => xs.map((x) => BigInt(x) & ((1n << 64n) - 1n));

interface Case {
  name: string;
  wat: string;
  tape: (number | string)[];
  maxOutputs?: number;
  status: 'pass' | 'fail' | 'trap';
  outputs?: (number | string)[];
  trap?: string;
  failure?: RegExp;
}

const CASES: Case[] = [
  { name: 'sum of n inputs', wat: SUM, tape: [5, 1, 2, 3, 4, 0xfffffff0], status: 'pass', outputs: [5, 0xfffffffa] },
  { name: 'sum of no inputs', wat: SUM, tape: [0], status: 'pass', outputs: [0, 0] },
  {
    name: 'i64 values with the high bit set', wat: WIDE, tape: ['0x8000000000000001', '0xffffffffffffffff', '0xfedcba9876543210'], status: 'pass',
    outputs: ['0x8000000000000001', '0xffffffffffffffff', '0x7edcba9876543211', '0x0123456789abcdef', 1, '0xfedcba98', '0xfffffffffffffffe'],
  },
  { name: 'i32 with the high bit set', wat: I32_SIGNED, tape: [0x80000000, 0xffffffff], status: 'pass', outputs: [0x80000000, 0xf8000000, '0xffffffff80000000', 0xffffffff] },
  { name: 'i32 input 2^32 fails', wat: I32_SIGNED, tape: ['0x100000000', 1], status: 'fail', failure: /binary operation does not match .*call input_i32/ },
  { name: 'i32 input 2^64-1 fails', wat: I32_SIGNED, tape: [7, '0xffffffffffffffff'], status: 'fail', failure: /binary operation does not match .*call input_i32/ },
  { name: 'exhausted tape fails', wat: SUM, tape: [3, 1, 2], status: 'fail', failure: /free input: the input tape is exhausted .*call input_i32/ },
  { name: 'empty tape fails', wat: WIDE, tape: [], status: 'fail', failure: /the input tape is exhausted .*call input_i64/ },
  { name: 'exactly M outputs', wat: COUNT, tape: [8], status: 'pass', outputs: [0, 1, 2, 3, 4, 5, 6, 7] },
  { name: 'more outputs than M traps', wat: COUNT, tape: [9], status: 'trap', trap: 'too many outputs', outputs: [0, 1, 2, 3, 4, 5, 6, 7] },
  { name: 'M = 3', wat: COUNT, tape: [10], maxOutputs: 3, status: 'trap', trap: 'too many outputs', outputs: [0, 1, 2] },
  { name: 'M = 1', wat: COUNT, tape: [1], maxOutputs: 1, status: 'pass', outputs: [0] },
  { name: 'M = 0, no output', wat: COUNT, tape: [0], maxOutputs: 0, status: 'pass', outputs: [] },
  { name: 'M = 0, one output traps', wat: COUNT, tape: [1], maxOutputs: 0, status: 'trap', trap: 'too many outputs', outputs: [] },
  { name: 'M = 256', wat: COUNT, tape: [256], maxOutputs: 256, status: 'pass', outputs: Array.from({ length: 256 }, (_, k) => k) },
  {
    // drop 99; p = 16; 3·(4 + 77) = 243; emit(10) outputs 10, returns 11; 243 + (11 ^ (20 − 0)) = 274;
    // 0xffffffffffff0000 + 3·0x10000 wraps to 0x20000; 5 << (33 mod 32) = 10
    name: 'register pressure, calls, memory', wat: PRESSURE, tape: [99, 16, 3, 4, 10, 20, '0xffffffffffff0000', 3, '0x10000', 5, 33],
    status: 'pass', outputs: [10, 274, 0x20000, 10],
  },
  { name: 'tape values echoed', wat: ECHO, tape: [0xffffffff, '0xffffffffffffffff', 0, '0x8000000000000000'], status: 'pass', outputs: [0xffffffff, '0xffffffffffffffff'] },
  {
    name: 'env.abort (AssemblyScript) is a trap, the outputs before it public', status: 'trap', trap: 'abort', tape: [], outputs: [1],
    wat: `(module (import "env" "abort" (func $abort (param i32 i32 i32 i32))) (import "env" "output_i32" (func $out (param i32)))
      (func (export "main") (call $out (i32.const 1)) (call $abort (i32.const 0) (i32.const 0) (i32.const 3) (i32.const 4)) (call $out (i32.const 2))))`,
  },
  { name: 'outputs before a trap stay public', wat: TRAP_AFTER, tape: ['0x8000000000000000'], status: 'trap', trap: 'unreachable', outputs: [5, '0x8000000000000000'] },
];

describe('programs reading inputs and writing outputs: debug, prover shape and V8 agree', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const p = await compileWat(c.wat, 'io.wat', c.maxOutputs);
    const tape = big(...c.tape);
    const got = await runEverywhere(p, tape);
    expect(got.status).toBe(c.status);
    if (c.outputs) expect(got.outputs).toEqual(big(...c.outputs));
    if (c.trap) expect(got.trap).toBe(c.trap);
    if (c.failure) expect(got.message).toMatch(c.failure);
  });
});

describe('the publics epilogue', () => {
  it('lays out status, count and one row per slot', () => {
    expect(publicLayout(2)).toEqual([
      { name: 'status', var: '__w2z_status', index: 0, row: 0, fromEnd: 4 },
      { name: 'outCount', var: '__w2z_out_n', index: 0, row: 1, fromEnd: 3 },
      { name: 'out0', var: '__w2z_out', index: 0, row: 2, fromEnd: 2 },
      { name: 'out1', var: '__w2z_out', index: 1, row: 3, fromEnd: 1 },
    ]);
    expect(tailRows(0)).toBe(4);
    expect(tailRows(8)).toBe(12);
  });

  it('is emitted as documented', async () => {
    const p = await compileWat(COUNT, 'io.wat', 2);
    const text = p.compiled.zkasm;
    expect(text).toMatch(/^VAR GLOBAL __w2z_status\nVAR GLOBAL __w2z_out_n\nVAR GLOBAL __w2z_out\[2\]$/m);
    expect(text).toContain([
      'finalizeExecution:',
      '        ${beforeLast(6)}        :JMPN(finalizeExecution)',
      '__w2z_publics:',
      '        $ => A                  :MLOAD(__w2z_status)',
      '        $ => A                  :MLOAD(__w2z_out_n)',
      '        $ => A                  :MLOAD(__w2z_out)',
      '        $ => A                  :MLOAD(__w2z_out + 1)',
      '        0 => A, B, C, D, E, RR  :JMP(start)',
    ].join('\n'));
    const none = await compileWat(COUNT, 'io.wat', 0);
    expect(none.compiled.zkasm).not.toMatch(/VAR GLOBAL __w2z_out\[/);
    expect(none.compiled.zkasm).toMatch(/^VAR GLOBAL __w2z_out_n$/m);
  });

  it('is present in programs without ABI imports (status 0, count 0)', async () => {
    const p = await compileWat('(module (func $main (export "main") (drop (i32.add (i32.const 1) (i32.const 2)))))', 'plain.wat');
    const debug = runRom(p.rom);
    expect(debug.status).toBe('pass');
    expect(checkProverShape(p, [], debug)).toEqual([0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
  });

  it('needs exactly N ≥ steps + tailRows: one row fewer does not wrap', async () => {
    const p = await compileWat(SUM, 'io.wat', 3);
    const tape = big(2, 40, 2);
    const debug = runRom(p.rom, { inputs: tape });
    const n = debug.result.steps + tailRows(3);
    expect(checkProverShape(p, tape, debug, n)).toEqual([0n, 2n, 2n, 42n, 0n]);
    const short = runRom(p.rom, { inputs: tape, stepsN: n - 1 });
    expect(short.status).toBe('fail');
    expect(short.result.failure?.message).toMatch(/does not wrap to row 0/);
  });

  it('reads the trap code for a trapped run', async () => {
    const p = await compileWat(COUNT, 'io.wat', 2);
    const debug = runRom(p.rom, { inputs: [5n] });
    expect(outcomeOf(debug)).toMatchObject({ status: 'trap', trap: 'too many outputs', outputs: [0n, 1n] });
    expect(checkProverShape(p, [5n], debug)).toEqual([10n, 2n, 0n, 1n]);
    expect(expectedPublics(outcomeOf(debug), 2)).toEqual([10n, 2n, 0n, 1n]);
  });
});

describe('outputs and the executor', () => {
  it('readOutputs reads the count and the slots from the VAR memory', async () => {
    const p = await compileWat(WIDE, 'io.wat');
    const r = runRom(p.rom, { inputs: big(1, 2, 3) });
    expect(readOutputs(p.rom, r.result.memory)).toEqual(r.outputs);
    expect(r.outputs).toEqual(big(1, 2, 4, 1, 1, 0, '0xfffffffffffffffe'));
  });
  it('a failed run has no outputs', async () => {
    const p = await compileWat(COUNT, 'io.wat');
    const r = runRom(p.rom, { inputs: [] });
    expect(r.status).toBe('fail');
    expect(r.outputs).toEqual([]);
  });
  it('V8 harness and ABI model agree on a failing tape too', async () => {
    const p = await compileWat(I32_SIGNED, 'io.wat');
    expect((await runInV8(p.bytes, big('0x100000000'), 8)).status).toBe('fail');
  });
});

describe('import signatures', () => {
  const wrong: [string, string, string][] = [
    ['input_i32 returning i64', '(import "env" "input_i32" (func (result i64)))', 'env.input_i32 has the wrong signature (expected () -> (i32))'],
    ['input_i64 with a parameter', '(import "env" "input_i64" (func (param i32) (result i64)))', 'env.input_i64 has the wrong signature (expected () -> (i64))'],
    ['output_i32 taking i64', '(import "env" "output_i32" (func (param i64)))', 'env.output_i32 has the wrong signature (expected (i32) -> ())'],
    ['output_i64 returning a value', '(import "env" "output_i64" (func (param i64) (result i64)))', 'env.output_i64 has the wrong signature (expected (i64) -> ())'],
    ['input_i32 without a result', '(import "env" "input_i32" (func))', 'env.input_i32 has the wrong signature (expected () -> (i32))'],
  ];
  it.each(wrong)('%s is a compile error naming the import', async (_n, imp, message) => {
    const bytes = await watToWasm(`(module ${imp} (func $main (export "main")))`, 'sig.wat');
    const loaded = await loadWasmBytes(bytes, 'sig.wat');
    let err: unknown;
    try { compileWasm(loaded); } catch (e) { err = e; }
    expect(isW2zError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^sig\.wat @0x[0-9a-f]+: import /);
    expect((err as Error).message).toContain(message);
    expect((err as { code: string }).code).toBe('W2Z2003');
  });
  it('an unknown env import lists the ABI functions', async () => {
    const bytes = await watToWasm('(module (import "env" "input_f32" (func (result f32))) (func $main (export "main")))', 'u.wat');
    const loaded = await loadWasmBytes(bytes, 'u.wat');
    expect(() => compileWasm(loaded)).toThrow(/unknown import env\.input_f32 .*env\.input_i32, env\.input_i64, env\.output_i32, env\.output_i64, env\.abort/);
  });
  it('maxOutputs outside 0..256 is a compile error', async () => {
    const bytes = await watToWasm(COUNT, 'c.wat');
    const loaded = await loadWasmBytes(bytes, 'c.wat');
    expect(() => compileWasm(loaded, { maxOutputs: 257 })).toThrow(/--max-outputs: bad value 257/);
    expect(() => compileWasm(loaded, { maxOutputs: -1 })).toThrow(/--max-outputs: bad value -1/);
    expect(() => compileWasm(loaded, { maxOutputs: 1.5 })).toThrow(/--max-outputs: bad value 1.5/);
  });
});

describe('the input tape format', () => {
  const ok: [string, string, bigint[]][] = [
    ['numbers', '[0, 1, 4294967295, 9007199254740991]', [0n, 1n, 4294967295n, 9007199254740991n]],
    ['decimal and hex strings', '["18446744073709551615", "0xFFffFFff", " 42 "]', [(1n << 64n) - 1n, 0xffffffffn, 42n]],
    ['negatives modulo 2^64', '[-1, "-0x1", "-9223372036854775808"]', [(1n << 64n) - 1n, (1n << 64n) - 1n, 1n << 63n]],
    ['empty', '[]', []],
  ];
  it.each(ok)('%s', (_n, text, want) => expect(parseInputTape(text, 'in.json')).toEqual(want));
  const bad: [string, string, RegExp][] = [
    ['not JSON', '[1, 2', /^in\.json: bad input tape: not JSON/],
    ['not an array', '{"a": 1}', /^in\.json: bad input tape: not a JSON array/],
    ['a fraction', '[1, 1.5]', /^in\.json: bad input tape: element \[1\] 1\.5 is not an integer/],
    ['a word', '[1, 2, "abc"]', /^in\.json: bad input tape: element \[2\] "abc" is not an integer/],
    ['a boolean', '[true]', /^in\.json: bad input tape: element \[0\] true is not an integer/],
    ['2^64', '["18446744073709551616"]', /^in\.json: bad input tape: element \[0\] 18446744073709551616 is out of the 64-bit range/],
    ['below -2^63', '["-9223372036854775809"]', /^in\.json: bad input tape: element \[0\] -9223372036854775809 is out of the 64-bit range/],
    ['an imprecise number', '[18446744073709551615]', /^in\.json: bad input tape: element \[0\] 18446744073709552000 is beyond 2\^53 as a JSON number; write it as a string/],
  ];
  it.each(bad)('%s', (_n, text, message) => {
    expect(() => parseInputTape(text, 'in.json')).toThrow(message);
  });
});
