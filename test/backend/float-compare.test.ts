// f32/f64 eq, ne, lt, gt, le, ge on bit patterns (src/ir/build.ts floatCompare) against V8, on
// every pair of special values (±0, ±1, ±inf, NaNs with and without payload and sign, the
// smallest and largest subnormals and normals, neighbours) and on random bit patterns.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';
import { MAX_OUTPUTS_LIMIT } from '../../src/abi.js';

const SPECIAL: Record<'f32' | 'f64', bigint[]> = {
  f32: [0x0n, 0x80000000n, 0x3f800000n, 0xbf800000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00000n, 0x7f800001n,
    0xffa00000n, 0x1n, 0x80000001n, 0x7fffffn, 0x807fffffn, 0x800000n, 0x7f7fffffn, 0xff7fffffn, 0x3f800001n, 0x3f7fffffn],
  f64: [0x0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
    0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff0000000000001n, 0xfff4000000000000n, 0x1n, 0x8000000000000001n,
    0xfffffffffffffn, 0x800fffffffffffffn, 0x10000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
    0x3ff0000000000001n, 0x3fefffffffffffffn, 0x4000000000000000n, 0xc000000000000000n],
};
const OPS = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'] as const;

/** A deterministic stream of bit patterns (xorshift), biased to equal and sign-flipped neighbours. */
function randomPairs(t: 'f32' | 'f64', n: number): [bigint, bigint][] {
  let s = 0x2545f4914f6cdd1dn;
  const next = (): bigint => { s ^= (s << 13n) & 0xffffffffffffffffn; s ^= s >> 7n; s ^= (s << 17n) & 0xffffffffffffffffn; return s; };
  const mask = t === 'f32' ? 0xffffffffn : 0xffffffffffffffffn;
  const sign = t === 'f32' ? 1n << 31n : 1n << 63n;
  return Array.from({ length: n }, (_, i) => {
    const a = next() & mask;
    const b = i % 4 === 0 ? a : i % 4 === 1 ? a ^ sign : next() & mask;
    return [a, b];
  });
}

/** One program: for each pair, the six comparisons packed into one output word (bit k = OPS[k]). */
function program(t: 'f32' | 'f64', pairs: [bigint, bigint][]): string {
  const i = t === 'f32' ? 'i32' : 'i64';
  const f = (x: bigint) => `(${t}.reinterpret_${i} (${i}.const 0x${x.toString(16)}))`;
  const body = pairs.map(([a, b]) => `(call $out ${OPS.map((op, k) => `(i32.shl (${t}.${op} ${f(a)} ${f(b)}) (i32.const ${k}))`)
    .reduce((acc, x) => `(i32.or ${acc} ${x})`)})`);
  return `(module (import "env" "output_i32" (func $out (param i32))) (func (export "main") ${body.join(' ')}))`;
}

async function compare(t: 'f32' | 'f64', pairs: [bigint, bigint][]): Promise<void> {
  for (let k = 0; k < pairs.length; k += MAX_OUTPUTS_LIMIT) {
    const wat = program(t, pairs.slice(k, k + MAX_OUTPUTS_LIMIT));
    const bytes = await watToWasm(wat, 'cmp.wat');
    const want: bigint[] = [];
    const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env: { output_i32: (x: number) => want.push(BigInt(x >>> 0)) } });
    (instance.exports['main'] as () => void)();
    const r = runZkasm(compileWasm(await loadWasmBytes(bytes, 'cmp.wat'), { maxOutputs: MAX_OUTPUTS_LIMIT }).zkasm, 'cmp.zkasm');
    expect(r.status).toBe('pass');
    expect(r.outputs).toEqual(want);
  }
}

describe('float comparisons agree with V8', () => {
  it.each(['f32', 'f64'] as const)('%s: every pair of special values', async (t) => {
    const s = SPECIAL[t];
    await compare(t, s.flatMap((a) => s.map((b) => [a, b] as [bigint, bigint])));
  });
  it.each(['f32', 'f64'] as const)('%s: 512 random pairs', async (t) => {
    await compare(t, randomPairs(t, 512));
  });
});
