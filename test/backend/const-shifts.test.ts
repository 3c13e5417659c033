// Shifts and rotations by a constant count are lowered inline (src/backend/lower/binary.ts:
// constShift, and constShrS64 for i64.shr_s), not through the runtime helpers: every count
// 0..width (and one past it, taken modulo the width) of every shift and rotation, on operands at
// the sign and limb boundaries and random ones, against V8 running the same .wasm.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runRom } from '../../src/compile.js';
import { MAX_OUTPUTS_LIMIT } from '../../src/abi.js';
import { Rng } from '../fuzz/rng.js';

const OPS = ['shl', 'shr_u', 'shr_s', 'rotl', 'rotr'] as const;
const OPERANDS_PER_RUN = 3;

function operands(bits: 32 | 64): bigint[] {
  const mask = (1n << BigInt(bits)) - 1n;
  const edges = [0n, 1n, mask, 1n << BigInt(bits - 1), (1n << BigInt(bits - 1)) - 1n, (1n << BigInt(bits - 1)) + 1n, 0xffffffffn & mask, 0x100000000n & mask];
  const r = new Rng(bits);
  const random = Array.from({ length: 6 }, () => r.u64() & mask);
  return [...new Set([...edges, ...random])];
}

/** main: n = input, then n times: x = input; output x OP k for every constant k. */
function program(t: 'i32' | 'i64', op: string): string {
  const bits = t === 'i32' ? 32 : 64;
  const counts = Array.from({ length: bits + 2 }, (_, k) => k);
  const outs = counts.map((k) => t === 'i32'
    ? `(call $out (i64.extend_i32_u (${t}.${op} (local.get $x32) (i32.const ${k}))))`
    : `(call $out (${t}.${op} (local.get $x) (i64.const ${k})))`).join('\n        ');
  return `(module
    (import "env" "input_i64" (func $in (result i64)))
    (import "env" "output_i64" (func $out (param i64)))
    (func (export "main") (local $n i64) (local $x i64) (local $x32 i32)
      (local.set $n (call $in))
      (block $done (loop $next
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $x (call $in))
        (local.set $x32 (i32.wrap_i64 (local.get $x)))
        ${outs}
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $next)))))`;
}

async function v8Outputs(bytes: Uint8Array, tape: bigint[]): Promise<bigint[]> {
  let k = 0;
  const out: bigint[] = [];
  const env = { input_i64: () => BigInt.asIntN(64, tape[k++]!), output_i64: (x: bigint) => out.push(BigInt.asUintN(64, x)) };
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env });
  (instance.exports['main'] as () => void)();
  return out;
}

describe('shifts and rotations by every constant count agree with V8', () => {
  it.each((['i32', 'i64'] as const).flatMap((t) => OPS.map((op) => [`${t}.${op}`, t, op] as const)))('%s', async (name, t, op) => {
    const bytes = await watToWasm(program(t, op), `${name}.wat`);
    const rom = compileWasm(await loadWasmBytes(bytes, `${name}.wat`), { maxOutputs: MAX_OUTPUTS_LIMIT }).rom;
    const xs = operands(t === 'i32' ? 32 : 64);
    let compared = 0;
    for (let k = 0; k < xs.length; k += OPERANDS_PER_RUN) {
      const chunk = xs.slice(k, k + OPERANDS_PER_RUN);
      const tape = [BigInt(chunk.length), ...chunk];
      const ours = runRom(rom, { inputs: tape });
      expect(ours.status).toBe('pass');
      expect(ours.outputs).toEqual(await v8Outputs(bytes, tape));
      compared += ours.outputs.length;
    }
    expect(compared).toBe(xs.length * ((t === 'i32' ? 32 : 64) + 2));
  }, 60_000);
});
