// Steps per float instruction, for `npm run bench` and docs/float.md: each instruction runs in a
// loop of ITERATIONS on operands from an xorshift generator inside the program, and its cost is
// the loop's steps minus the steps of the same loop without the instruction (the operands still
// made and folded into the checksum, the first one instead of the result), divided by ITERATIONS.
// The call of the routine, its argument moves and its return are part of the cost.
//
// Two operand distributions: `random` is uniformly random bits (a quarter of f64 pairs are far
// apart in exponent, one in 2048 is a NaN or an infinity …), `typical` is finite numbers of
// magnitude 2^-10 … 2^5 with random signs and mantissas — values a program computes with.

import { compileWasm, runRom } from './compile.js';
import { loadWasmBytes } from './wasm/load.js';
import { watToWasm } from './wasm/wat.js';

type ValType = 'i32' | 'i64' | 'f32' | 'f64';
export type Distribution = 'random' | 'typical';

export interface FloatOp {
  /** the instruction, e.g. `f64.add` */
  name: string;
  params: ValType[];
  result: ValType;
  /** operands must be in range (a trapping truncation): only `typical`, non-negative for `_u` */
  inRangeOnly?: boolean;
}

const ITERATIONS = 200;

const binary = (t: ValType, ops: string[]): FloatOp[] => ops.map((o) => ({ name: `${t}.${o}`, params: [t, t], result: t }));
const unary = (t: ValType, ops: string[]): FloatOp[] => ops.map((o) => ({ name: `${t}.${o}`, params: [t], result: t }));
const compare = (t: ValType): FloatOp[] => ['eq', 'ne', 'lt', 'gt', 'le', 'ge'].map((o) => ({ name: `${t}.${o}`, params: [t, t], result: 'i32' }));

/** Every f32/f64 instruction that computes (loads, stores, consts and reinterprets move bits). */
export const FLOAT_OPS: FloatOp[] = [
  ...(['f32', 'f64'] as const).flatMap((t) => [
    ...binary(t, ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']),
    ...unary(t, ['sqrt', 'ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg']),
    ...compare(t),
  ]),
  { name: 'f32.demote_f64', params: ['f64'], result: 'f32' },
  { name: 'f64.promote_f32', params: ['f32'], result: 'f64' },
  ...(['f32', 'f64'] as const).flatMap((t) => (['i32', 'i64'] as const).flatMap((i) => ['s', 'u'].map((s): FloatOp => ({ name: `${t}.convert_${i}_${s}`, params: [i], result: t })))),
  ...(['i32', 'i64'] as const).flatMap((i) => (['f32', 'f64'] as const).flatMap((t) => ['s', 'u'].flatMap((s): FloatOp[] => [
    { name: `${i}.trunc_${t}_${s}`, params: [t], result: i, inRangeOnly: true },
    { name: `${i}.trunc_sat_${t}_${s}`, params: [t], result: i },
  ]))),
];

/** WAT: the next xorshift64 state in $x. */
const NEXT = `(local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
    (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
    (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))`;

/** WAT: an operand of type t from the state $x. */
function operand(t: ValType, d: Distribution, nonNegative: boolean): string {
  const x = '(local.get $x)';
  const signMask64 = nonNegative ? '0x000fffffffffffff' : '0x800fffffffffffff';
  const signMask32 = nonNegative ? '0x007fffff' : '0x807fffff';
  switch (t) {
    case 'i64': return x;
    case 'i32': return `(i32.wrap_i64 ${x})`;
    case 'f64': return d === 'random' ? `(f64.reinterpret_i64 ${x})`
      // sign and mantissa from x, exponent 1013 + 0..15 (2^-10 … 2^5)
      : `(f64.reinterpret_i64 (i64.or (i64.and ${x} (i64.const ${signMask64})) (i64.shl (i64.add (i64.const 1013) (i64.and (i64.shr_u ${x} (i64.const 52)) (i64.const 15))) (i64.const 52))))`;
    case 'f32': return d === 'random' ? `(f32.reinterpret_i32 (i32.wrap_i64 ${x}))`
      : `(f32.reinterpret_i32 (i32.or (i32.and (i32.wrap_i64 ${x}) (i32.const ${signMask32})) (i32.shl (i32.add (i32.const 117) (i32.and (i32.wrap_i64 (i64.shr_u ${x} (i64.const 23))) (i32.const 15))) (i32.const 23))))`;
  }
}

/** WAT: a value of type t as an i64 for the checksum. */
function toI64(t: ValType, e: string): string {
  switch (t) {
    case 'i64': return e;
    case 'i32': return `(i64.extend_i32_u ${e})`;
    case 'f64': return `(i64.reinterpret_f64 ${e})`;
    case 'f32': return `(i64.extend_i32_u (i32.reinterpret_f32 ${e}))`;
  }
}

/** The measuring program: the loop with the instruction, or (baseline) without it. */
export function loopProgram(op: FloatOp, d: Distribution, baseline: boolean): string {
  const nonNegative = op.inRangeOnly === true && op.name.endsWith('_u');
  const locals = op.params.map((t, k) => `(local $p${k} ${t})`).join(' ');
  const sets = op.params.map((t, k) => `${NEXT}\n    (local.set $p${k} ${operand(t, d, nonNegative)})`).join('\n    ');
  const args = op.params.map((_, k) => `(local.get $p${k})`).join(' ');
  // both fold as many values into the checksum, so that no operand is dead code in either
  const first = baseline ? toI64(op.params[0]!, '(local.get $p0)') : toI64(op.result, `(${op.name} ${args})`);
  const value = op.params.slice(1).reduce((acc, t, k) => `(i64.xor ${acc} ${toI64(t, `(local.get $p${k + 1})`)})`, first);
  return `(module
  (import "env" "output_i64" (func $out (param i64)))
  (func (export "main") (local $x i64) (local $i i32) (local $acc i64) ${locals}
    (local.set $x (i64.const 0x9e3779b97f4a7c15))
    (loop $l
    ${sets}
    (local.set $acc (i64.xor (local.get $acc) ${value}))
    (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const ${ITERATIONS}))))
    (call $out (local.get $acc))))`;
}

async function runSteps(wat: string, name: string): Promise<number> {
  const loaded = await loadWasmBytes(await watToWasm(wat, name), name);
  const r = runRom(compileWasm(loaded).rom);
  if (r.status !== 'pass') throw new Error(`${name}: the measuring loop ended with ${r.status}${r.trap ? ` (${r.trap.kind})` : ''}`);
  return r.result.steps;
}

/** Mean steps of one execution of `op` over ITERATIONS operands of distribution `d`. */
export async function stepsPerOp(op: FloatOp, d: Distribution): Promise<number> {
  const name = `${op.name}-${d}.wat`;
  const [withOp, without] = [await runSteps(loopProgram(op, d, false), name), await runSteps(loopProgram(op, d, true), name)];
  return (withOp - without) / ITERATIONS;
}

/** One row per instruction: its mean steps on random and on typical operands (undefined: not measured). */
export async function floatStepTable(): Promise<{ op: FloatOp; random: number | undefined; typical: number }[]> {
  const rows = [];
  for (const op of FLOAT_OPS) {
    rows.push({ op, random: op.inRangeOnly ? undefined : await stepsPerOp(op, 'random'), typical: await stepsPerOp(op, 'typical') });
  }
  return rows;
}
