// Which code a program runs: as WebAssembly instantiation, the start function first, then, as a
// host would, the entry (--entry NAME, else the exported main, else _start). Checked against V8
// doing the same: instantiate, then call the export.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';

const OUT = '(import "env" "output_i32" (func $out (param i32)))';

async function ours(wat: string, entry?: string): Promise<bigint[]> {
  const compiled = compileWasm(await loadWasmBytes(await watToWasm(wat, 'e.wat'), 'e.wat'), entry === undefined ? {} : { entry });
  const r = runZkasm(compiled.zkasm, 'e.zkasm');
  expect(r.result.failure?.message).toBeUndefined();
  expect(r.status).toBe('pass');
  return r.outputs;
}

async function v8(wat: string, entry: string | undefined): Promise<bigint[]> {
  const outputs: bigint[] = [];
  const { instance } = await WebAssembly.instantiate(await watToWasm(wat, 'e.wat') as Uint8Array<ArrayBuffer>,
    { env: { output_i32: (x: number) => { outputs.push(BigInt(x >>> 0)); } } });
  if (entry !== undefined) (instance.exports[entry] as () => void)();
  return outputs;
}

describe('start function and entry', () => {
  it('a start function and an exported main: both run, start first', async () => {
    const wat = `(module ${OUT} (func $s (call $out (i32.const 1))) (func (export "main") (call $out (i32.const 2))) (start $s))`;
    expect(await ours(wat)).toEqual([1n, 2n]);
    expect(await v8(wat, 'main')).toEqual([1n, 2n]);
  });

  it('--entry NAME still runs the start function first', async () => {
    const wat = `(module ${OUT} (func $s (call $out (i32.const 1))) (func (export "main") (call $out (i32.const 2)))
      (func (export "other") (call $out (i32.const 3))) (start $s))`;
    expect(await ours(wat, 'other')).toEqual([1n, 3n]);
    expect(await v8(wat, 'other')).toEqual([1n, 3n]);
  });

  it('a start function and no exported entry: the start function is the program', async () => {
    const wat = `(module ${OUT} (func $s (call $out (i32.const 1))) (start $s))`;
    expect(await ours(wat)).toEqual([1n]);
    expect(await v8(wat, undefined)).toEqual([1n]);
  });

  it('the start function exported as main is the program: it runs once, as instantiation runs it', async () => {
    const wat = `(module ${OUT} (func $m (export "main") (call $out (i32.const 5))) (start $m))`;
    expect(await ours(wat)).toEqual([5n]);
    expect(await v8(wat, undefined)).toEqual([5n]);
  });

  it('--entry naming the start function calls it again, as a host calling it would', async () => {
    const wat = `(module ${OUT} (func $m (export "main") (call $out (i32.const 5))) (start $m))`;
    expect(await ours(wat, 'main')).toEqual([5n, 5n]);
    expect(await v8(wat, 'main')).toEqual([5n, 5n]);
  });

  it('clang\'s main(argc, argv) is called with (0, 0)', async () => {
    const wat = `(module ${OUT} (func (export "main") (param i32 i32) (result i32)
      (call $out (local.get 0)) (call $out (local.get 1)) (i32.const 0)))`;
    expect(await ours(wat)).toEqual([0n, 0n]);
    expect(await v8(wat, 'main')).toEqual([0n, 0n]);
  });
});
