// Lowering table for binary IR ops. One row per op: the machine's binary operation on A and B,
// with operand swaps, a 32-bit mask where the 64-bit operation can carry into the high half
// (i32 values are kept zero-extended), and boolean inversion for the negated comparisons.
// `null`: not lowered yet; compiling it is a clear "unsupported instruction" error.

import type { BinaryOpName, Inst } from '../../ir/ir.js';
import type { BinaryOpName as MachineBinary } from '../../machine/isa.js';
import { freeIn, konst, simple } from '../emit.js';
import type { FunctionLowering } from '../function.js';

export interface BinaryRow {
  /** the machine operation */
  op: MachineBinary;
  /** compute op(rhs, lhs) */
  swap?: boolean;
  /** the result may exceed 32 bits: AND it with 0xffffffff */
  mask32?: boolean;
  /** the result is a boolean to invert (XOR 1) */
  invert?: boolean;
}

const both = (row: BinaryRow, row64: BinaryRow = row) => ({ i32: row, i64: row64 });

const FAMILY = {
  add: both({ op: 'ADD', mask32: true }, { op: 'ADD' }),
  sub: both({ op: 'SUB', mask32: true }, { op: 'SUB' }),
  and: both({ op: 'AND' }),
  or: both({ op: 'OR' }),
  xor: both({ op: 'XOR' }),
  eq: both({ op: 'EQ' }),
  ne: both({ op: 'EQ', invert: true }),
  lt_u: both({ op: 'LT' }),
  gt_u: both({ op: 'LT', swap: true }),
  le_u: both({ op: 'LT', swap: true, invert: true }),
  ge_u: both({ op: 'LT', invert: true }),
  // i64 only for now: the i32 forms need sign extension first
  lt_s: { i32: null, i64: { op: 'SLT' } },
  gt_s: { i32: null, i64: { op: 'SLT', swap: true } },
  le_s: { i32: null, i64: { op: 'SLT', swap: true, invert: true } },
  ge_s: { i32: null, i64: { op: 'SLT', invert: true } },
} satisfies Record<string, { i32: BinaryRow | null; i64: BinaryRow | null }>;

type Stem<T = BinaryOpName> = T extends `i32.${infer S}` ? S : never;

function table(): Record<BinaryOpName, BinaryRow | null> {
  const t = {} as Record<BinaryOpName, BinaryRow | null>;
  const stems: Stem[] = [
    'add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u',
    'rotl', 'rotr', 'eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u',
  ];
  for (const s of stems) {
    const f = (FAMILY as Record<string, { i32: BinaryRow | null; i64: BinaryRow | null }>)[s];
    t[`i32.${s}`] = f?.i32 ?? null;
    t[`i64.${s}`] = f?.i64 ?? null;
  }
  return t;
}

export const BINARY_LOWERING: Readonly<Record<BinaryOpName, BinaryRow | null>> = table();

const COMMUTATIVE = new Set<MachineBinary>(['ADD', 'AND', 'OR', 'XOR', 'EQ']);

export function lowerBinary(L: FunctionLowering, i: Extract<Inst, { kind: 'binary' }>, row: BinaryRow): void {
  let [a, b] = row.swap ? [i.rhs, i.lhs] : [i.lhs, i.rhs];
  // commutative: take the operands where they already are
  if (COMMUTATIVE.has(row.op) && (L.regOf(a) === 'B' || L.regOf(b) === 'A')) [a, b] = [b, a];
  L.load(a, 'A');
  L.load(b, 'B', ['A']);
  const post = row.mask32 ? 0xffffffffn : row.invert ? 1n : null;
  if (post === null) {
    L.produce(i.result, [freeIn()], [simple(row.op)]);
    return;
  }
  // the intermediate result goes to A and the mask to B: keep their old values if still needed
  L.evict('A', ['B'], L.pos + 1);
  L.em.step([freeIn()], ['A'], [simple(row.op)]);
  L.evict('B', ['A'], L.pos + 1);
  L.em.step([konst(post, row.mask32)], ['B'], []);
  L.produce(i.result, [freeIn()], [simple(row.mask32 ? 'AND' : 'XOR')]);
}
