// Lowering table for unary IR ops.

import type { Inst, UnaryOpName } from '../../ir/ir.js';
import { call, freeIn, konst, reg, simple } from '../emit.js';
import type { HelperName } from '../context.js';
import type { FunctionLowering } from '../function.js';

type UnaryInst = Extract<Inst, { kind: 'unary' }>;
export type UnaryRow = (L: FunctionLowering, i: UnaryInst) => void;

/** x == 0 on all 64 bits (i32 values are zero-extended, so this is eqz for both widths) */
const eqz: UnaryRow = (L, i) => {
  L.load(i.arg, 'A');
  L.evict('B', ['A']);
  L.em.step([konst(0n)], ['B'], []);
  L.clobber('B');
  L.produce(i.result, [freeIn()], [simple('EQ')]);
};

/** the same bits under another type */
const retype: UnaryRow = (L, i) => {
  const r = L.inReg(i.arg);
  L.produce(i.result, [reg(r)], []);
};

/** x & mask */
const maskTo = (mask: bigint): UnaryRow => (L, i) => {
  L.load(i.arg, 'A');
  L.evict('B', ['A']);
  L.em.step([konst(mask, true)], ['B'], []);
  L.clobber('B');
  L.produce(i.result, [freeIn()], [simple('AND')]);
};

/**
 * Sign extension of the low `bits` bits: ((x & m) ^ s) - s with s = 2^(bits-1) gives the 64-bit
 * value; i32 results keep its low 32 bits. `clean`: x has no bits above `bits` (no AND needed).
 */
const signExtend = (bits: number, to: 32 | 64, clean = false): UnaryRow => (L, i) => {
  L.load(i.arg, 'A');
  L.evict('B', ['A', 'B']);
  L.evict('A', ['A', 'B'], L.pos + 1);
  if (!clean) {
    L.em.step([konst((1n << BigInt(bits)) - 1n, true)], ['B'], []);
    L.em.step([freeIn()], ['A'], [simple('AND')]);
  }
  L.em.step([konst(1n << BigInt(bits - 1))], ['B'], []);
  L.em.step([freeIn()], ['A'], [simple('XOR')]);
  L.clobber('A');
  L.clobber('B');
  if (to === 64) {
    L.produce(i.result, [freeIn()], [simple('SUB')]);
    return;
  }
  L.em.step([freeIn()], ['A'], [simple('SUB')]);
  L.em.step([konst(0xffffffffn, true)], ['B'], []);
  L.produce(i.result, [freeIn()], [simple('AND')]);
};

/** Through a runtime helper (A = x → A). */
const helper = (name: HelperName): UnaryRow => (L, i) => L.callHelper(name, [i.arg], [i.result]);

/** clz of an i32: the zero-extended value has 32 more leading zeros. */
const clz32: UnaryRow = (L, i) => {
  L.callHelper('clz64', [i.arg], [null]);
  L.produce(i.result, [reg('A'), konst(-32n)], []);
};

/** ctz of an i32 = ctz64(x | 2^32): 32 for x = 0. */
const ctz32: UnaryRow = (L, i) => {
  L.saveLiveAcross(L.pos + 1);
  L.load(i.arg, 'A');
  L.evict('B', ['A']);
  L.em.step([konst(1n << 32n)], ['B'], []);
  L.em.step([freeIn()], ['A'], [simple('OR'), call(L.ctx.helper('ctz64'))]);
  L.clobberAll();
  L.arrive(i.result, 'A');
};

export const UNARY_LOWERING: Readonly<Record<UnaryOpName, UnaryRow>> = {
  'i32.eqz': eqz,
  'i64.eqz': eqz,
  'i32.clz': clz32,
  'i64.clz': helper('clz64'),
  'i32.ctz': ctz32,
  'i64.ctz': helper('ctz64'),
  'i32.popcnt': helper('popcnt64'),
  'i64.popcnt': helper('popcnt64'),
  'i32.extend8_s': signExtend(8, 32),
  'i64.extend8_s': signExtend(8, 64),
  'i32.extend16_s': signExtend(16, 32),
  'i64.extend16_s': signExtend(16, 64),
  'i64.extend32_s': signExtend(32, 64),
  'i32.wrap_i64': maskTo(0xffffffffn),
  'i64.extend_i32_s': signExtend(32, 64, true),
  'i64.extend_i32_u': retype,
};

export const HELPER_UNARY: ReadonlySet<string> = new Set(['i32.clz', 'i64.clz', 'i32.ctz', 'i64.ctz', 'i32.popcnt', 'i64.popcnt']);
