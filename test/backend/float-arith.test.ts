// Float arithmetic through the whole compiler (src/wasm/softfloat.ts links the routines) against
// V8 running the same .wasm: every f32/f64 arithmetic, rounding and conversion instruction, on
// special values (zeros, subnormals, boundaries of every integer range, infinities, NaNs) and on
// random operands. Operands come from the input tape, so nothing is folded at compile time.
// Results must be bit-exact, except that where V8 gives a NaN ours is the canonical NaN (sign 0):
// the NaN policy of docs/float.md.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runRom } from '../../src/compile.js';
import { MAX_OUTPUTS_LIMIT } from '../../src/abi.js';
import { isNaNBits, FLOAT_LAYOUT, type FloatType } from '../../src/wasm/float-bits.js';
import { randoms, specials, wide, type Num } from '../float/operands.js';

interface Op { op: string; params: Num[]; result: Num }

const bin = (t: FloatType, ...names: string[]): Op[] => names.map((n) => ({ op: `${t}.${n}`, params: [t, t], result: t }));
const un = (t: FloatType, ...names: string[]): Op[] => names.map((n) => ({ op: `${t}.${n}`, params: [t], result: t }));
const conv = (to: Num, from: Num, ...names: string[]): Op[] => names.map((n) => ({ op: `${to}.${n}`, params: [from], result: to }));

const ARITH: Op[] = [
  ...bin('f32', 'add', 'sub', 'mul', 'div', 'min', 'max'), ...bin('f64', 'add', 'sub', 'mul', 'div', 'min', 'max'),
  ...un('f32', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'), ...un('f64', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'),
  ...conv('f32', 'f64', 'demote_f64'), ...conv('f64', 'f32', 'promote_f32'),
  ...conv('f32', 'i32', 'convert_i32_s', 'convert_i32_u'), ...conv('f32', 'i64', 'convert_i64_s', 'convert_i64_u'),
  ...conv('f64', 'i32', 'convert_i32_s', 'convert_i32_u'), ...conv('f64', 'i64', 'convert_i64_s', 'convert_i64_u'),
  ...conv('i32', 'f32', 'trunc_sat_f32_s', 'trunc_sat_f32_u'), ...conv('i32', 'f64', 'trunc_sat_f64_s', 'trunc_sat_f64_u'),
  ...conv('i64', 'f32', 'trunc_sat_f32_s', 'trunc_sat_f32_u'), ...conv('i64', 'f64', 'trunc_sat_f64_s', 'trunc_sat_f64_u'),
];
const TRAPPING: Op[] = [
  ...conv('i32', 'f32', 'trunc_f32_s', 'trunc_f32_u'), ...conv('i32', 'f64', 'trunc_f64_s', 'trunc_f64_u'),
  ...conv('i64', 'f32', 'trunc_f32_s', 'trunc_f32_u'), ...conv('i64', 'f64', 'trunc_f64_s', 'trunc_f64_u'),
];

/** main: n = input_i32, then n times: read the operands, apply the op, output the result's bits. */
function program(o: Op): string {
  const read = (t: Num): string => {
    const call = wide(t) ? '(call $in64)' : '(call $in32)';
    return t === 'f32' ? `(f32.reinterpret_i32 ${call})` : t === 'f64' ? `(f64.reinterpret_i64 ${call})` : call;
  };
  const value = `(${o.op} ${o.params.map(read).join(' ')})`;
  const out = o.result === 'f32' ? `(call $out32 (i32.reinterpret_f32 ${value}))` : o.result === 'f64' ? `(call $out64 (i64.reinterpret_f64 ${value}))`
    : o.result === 'i32' ? `(call $out32 ${value})` : `(call $out64 ${value})`;
  return `(module
    (import "env" "input_i32" (func $in32 (result i32))) (import "env" "input_i64" (func $in64 (result i64)))
    (import "env" "output_i32" (func $out32 (param i32))) (import "env" "output_i64" (func $out64 (param i64)))
    (func (export "main") (local $n i32)
      (local.set $n (call $in32))
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        ${out}
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))))`;
}

type Outcome = { outputs: bigint[]; trapped: boolean };

async function runV8(bytes: Uint8Array, tape: bigint[]): Promise<Outcome> {
  let k = 0;
  const outputs: bigint[] = [];
  const env = {
    input_i32: () => Number(BigInt.asIntN(32, tape[k++]!)),
    input_i64: () => BigInt.asIntN(64, tape[k++]!),
    output_i32: (x: number) => outputs.push(BigInt(x >>> 0)),
    output_i64: (x: bigint) => outputs.push(BigInt.asUintN(64, x)),
  };
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env });
  try {
    (instance.exports['main'] as () => void)();
    return { outputs, trapped: false };
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    return { outputs, trapped: true };
  }
}

/** Operand tuples: every special value (pairs of them for binary ops) and random ones. */
function operandTuples(o: Op, randomCount: number): bigint[][] {
  const s = specials(o.params[0]!);
  const tuples = o.params.length === 2 ? s.flatMap((a) => s.map((b) => [a, b])) : s.map((a) => [a]);
  const r = randoms(o.params[0]!, randomCount * o.params.length, 0x9e3779b97f4a7c15n ^ BigInt(o.op.length * 7919 + o.op.charCodeAt(5)));
  for (let i = 0; i < randomCount; i++) tuples.push(r.slice(i * o.params.length, (i + 1) * o.params.length));
  return tuples;
}

async function compiled(o: Op) {
  const bytes = await watToWasm(program(o), `${o.op}.wat`);
  const loaded = await loadWasmBytes(bytes, `${o.op}.wat`);
  // the byte offset of the instruction under test, where a trap of it must be reported
  const offset = loaded.module.codes.flatMap((c) => c.body).find((i) => i.op === o.op)?.offset;
  return { bytes, offset, rom: compileWasm(loaded, { maxOutputs: MAX_OUTPUTS_LIMIT }).rom };
}

/** Ours equals V8's output, a V8 NaN being exactly the canonical NaN in ours. */
function expected(o: Op, v8: bigint): bigint {
  const t = o.result;
  if ((t === 'f32' || t === 'f64') && isNaNBits(t, v8)) return FLOAT_LAYOUT[t].exponent | FLOAT_LAYOUT[t].quiet;
  return v8;
}

const hex = (x: bigint): string => `0x${x.toString(16)}`;

describe('float arithmetic agrees with V8 bit for bit', () => {
  it.each(ARITH.map((o) => [o.op, o] as const))('%s', async (_, o) => {
    const { bytes, rom } = await compiled(o);
    const tuples = operandTuples(o, 300);
    const mismatches: string[] = [];
    for (let k = 0; k < tuples.length; k += MAX_OUTPUTS_LIMIT) {
      const chunk = tuples.slice(k, k + MAX_OUTPUTS_LIMIT);
      const tape = [BigInt(chunk.length), ...chunk.flat()];
      const want = await runV8(bytes, tape);
      const ours = runRom(rom, { inputs: tape });
      expect(ours.status).toBe('pass');
      expect(want.trapped).toBe(false);
      expect(ours.outputs.length).toBe(chunk.length);
      chunk.forEach((args, i) => {
        if (ours.outputs[i] !== expected(o, want.outputs[i]!)) mismatches.push(`${o.op}(${args.map(hex).join(', ')}) = ${hex(ours.outputs[i]!)}, V8 ${hex(want.outputs[i]!)}`);
      });
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 60_000);
});

describe('trapping truncations trap where V8 does, with the spec\'s kind, at the instruction', () => {
  it.each(TRAPPING.map((o) => [o.op, o] as const))('%s', async (_, o) => {
    const { bytes, rom, offset } = await compiled(o);
    expect(offset).toBeGreaterThan(0);
    const t = o.params[0] as FloatType;
    const problems: string[] = [];
    for (const [x] of operandTuples(o, 40)) {
      const tape = [1n, x!];
      const want = await runV8(bytes, tape);
      const ours = runRom(rom, { inputs: tape });
      const kind = !want.trapped ? undefined : isNaNBits(t, x!) ? 'invalid conversion to integer' : 'integer overflow';
      const got = ours.status === 'trap' ? ours.trap!.kind : undefined;
      if (got !== kind || (!kind && ours.outputs[0] !== want.outputs[0])) {
        problems.push(`${o.op}(${hex(x!)}): ours ${got ?? hex(ours.outputs[0] ?? -1n)}, V8 ${kind ?? hex(want.outputs[0]!)}`);
      } else if (got && (ours.trap!.site?.funcName !== '$main' || ours.trap!.site.offset !== offset)) {
        problems.push(`${o.op}(${hex(x!)}): trap reported at ${ours.trap!.site?.funcName} @${ours.trap!.site?.offset}, not at $main @${offset}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  }, 60_000);
});
