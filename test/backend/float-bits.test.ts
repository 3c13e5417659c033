// Float values without float arithmetic (the first step of issue 10): f32/f64 locals, params,
// results, globals, block values, select, const, load/store, reinterpret, abs, neg and copysign
// are bit patterns in the IR (f32 an i32, f64 an i64). Each program below prints the bits it
// ends with; V8 runs the same .wasm. NaN payloads, -0, infinities and subnormals must come out
// bit-exact (abs/neg/copysign only touch the sign; loads and stores keep every bit).
// (Float arithmetic: float-arith.test.ts.)
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';

const F32 = ['0x0', '0x80000000', '0x3fc00000', '0xbf800000', '0x7f800000', '0xff800000', '0x7fc00000', '0xffc00000',
  '0x7fa00001', '0xff812345', '0x00000001', '0x807fffff', '0x7f7fffff'];
const F64 = ['0x0', '0x8000000000000000', '0x3ff8000000000000', '0xbff0000000000000', '0x7ff0000000000000',
  '0xfff0000000000000', '0x7ff8000000000000', '0xfff8000000000000', '0x7ff4000000000001', '0xfff0000000abcdef',
  '0x0000000000000001', '0x800fffffffffffff', '0x7fefffffffffffff'];

/** For each pair (x, y) of bit patterns: x through memory, a global, a call and a block, then abs, neg, copysign(x, y), select. */
function program(t: 'f32' | 'f64', values: string[]): string {
  const i = t === 'f32' ? 'i32' : 'i64';
  const w = t === 'f32' ? 4 : 8;
  const out = `(call $out_${i} (${i}.reinterpret_${t}))`;
  const body = values.flatMap((x, k) => {
    const y = values[(k * 5 + 3) % values.length]!;
    const fx = `(${t}.reinterpret_${i} (${i}.const ${x}))`;
    const fy = `(${t}.reinterpret_${i} (${i}.const ${y}))`;
    return [
      `(${t}.store offset=${w} (i32.const 8) ${fx}) (${t}.load offset=${w} (i32.const 8)) ${out}`,
      `(global.set $g ${fx}) (global.get $g) ${out}`,
      `(call $id ${fx}) ${out}`,
      `(block (result ${t}) ${fx}) ${out}`,
      `(${t}.abs ${fx}) ${out}`,
      `(${t}.neg ${fx}) ${out}`,
      `(${t}.copysign ${fx} ${fy}) ${out}`,
      `(select ${fx} ${fy} (i32.const ${k & 1})) ${out}`,
      `(local.set $l ${fy}) (local.get $l) ${out}`,
    ];
  });
  return `(module
    (import "env" "output_i32" (func $out_i32 (param i32)))
    (import "env" "output_i64" (func $out_i64 (param i64)))
    (memory 1)
    (global $g (mut ${t}) (${t}.const -0x1.8p-3))
    (func $id (param ${t}) (result ${t}) (local.get 0))
    (func (export "main") (local $l ${t})
      (global.get $g) ${out}
      (${t}.const nan:0x${t === 'f32' ? '200001' : '4000000000001'}) ${out}
      (${t}.const -0x1p-149) ${out}
      ${body.join('\n      ')}))`;
}

async function ours(wat: string): Promise<bigint[]> {
  const bytes = await watToWasm(wat, 'bits.wat');
  const r = runZkasm(compileWasm(await loadWasmBytes(bytes, 'bits.wat'), { maxOutputs: 256 }).zkasm, 'bits.zkasm');
  expect(r.status).toBe('pass');
  return r.outputs;
}

async function v8(wat: string): Promise<bigint[]> {
  const bytes = await watToWasm(wat, 'bits.wat');
  const outputs: bigint[] = [];
  const env = { output_i32: (x: number) => outputs.push(BigInt(x >>> 0)), output_i64: (x: bigint) => outputs.push(BigInt.asUintN(64, x)) };
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env });
  (instance.exports['main'] as () => void)();
  return outputs;
}

describe('float bits move as in V8', () => {
  it.each([['f32', F32], ['f64', F64]] as const)('%s', async (t, values) => {
    const wat = program(t, values);
    const want = await v8(wat);
    expect(want.length).toBe(3 + 9 * values.length);
    expect(await ours(wat)).toEqual(want);
  });
});
