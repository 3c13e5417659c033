// Lowering table for unary IR ops (`null`: not lowered yet — a clear compile error).

import type { Inst, UnaryOpName } from '../../ir/ir.js';
import { freeIn, konst, reg, simple } from '../emit.js';
import type { FunctionLowering } from '../function.js';

type UnaryInst = Extract<Inst, { kind: 'unary' }>;
export type UnaryRow = (L: FunctionLowering, i: UnaryInst) => void;

/** x == 0 on all 64 bits (i32 values are zero-extended, so this is eqz for both widths) */
const eqz: UnaryRow = (L, i) => {
  L.load(i.arg, 'A');
  L.evict('B', ['A']);
  L.em.step([konst(0n)], ['B'], []);
  L.produce(i.result, [freeIn()], [simple('EQ')]);
};

/** the same bits under another type */
const retype: UnaryRow = (L, i) => {
  const r = L.inReg(i.arg);
  L.produce(i.result, [reg(r)], []);
};

const wrap: UnaryRow = (L, i) => {
  L.load(i.arg, 'A');
  L.evict('B', ['A']);
  L.em.step([konst(0xffffffffn, true)], ['B'], []);
  L.produce(i.result, [freeIn()], [simple('AND')]);
};

export const UNARY_LOWERING: Readonly<Record<UnaryOpName, UnaryRow | null>> = {
  'i32.eqz': eqz,
  'i64.eqz': eqz,
  'i32.clz': null,
  'i64.clz': null,
  'i32.ctz': null,
  'i64.ctz': null,
  'i32.popcnt': null,
  'i64.popcnt': null,
  'i32.extend8_s': null,
  'i64.extend8_s': null,
  'i32.extend16_s': null,
  'i64.extend16_s': null,
  'i64.extend32_s': null,
  'i32.wrap_i64': wrap,
  'i64.extend_i32_s': null,
  'i64.extend_i32_u': retype,
};
