// Lowering table for binary IR ops. One row per op: the machine's binary operation on A and B,
// with operand swaps, a 32-bit mask where the 64-bit operation can carry into the high half
// (i32 values are kept zero-extended), and boolean inversion for the negated comparisons.

import type { BinaryOpName, Inst } from '../../ir/ir.js';
import type { BinaryOpName as MachineBinary } from '../../machine/isa.js';
import { arithHigh, arithLow, condJump, freeExpr, freeIn, fx, jmp, konst, reg, simple, type Reg } from '../emit.js';
import type { Term } from '../../zkasm/ast.js';
import type { HelperName } from '../context.js';
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

export type BinaryInst = Extract<Inst, { kind: 'binary' }>;
/** A row of the table: a machine binary operation, or a custom lowering. */
export type BinaryLowering = BinaryRow | ((L: FunctionLowering, i: BinaryInst) => void);

const both = (row: BinaryLowering, row64: BinaryLowering = row) => ({ i32: row, i64: row64 });
const SIGN32 = 0x80000000n;

const FAMILY: Record<string, { i32: BinaryLowering; i64: BinaryLowering }> = {
  add: both({ op: 'ADD', mask32: true }, { op: 'ADD' }),
  sub: both({ op: 'SUB', mask32: true }, { op: 'SUB' }),
  mul: both(mul(true), mul(false)),
  and: both({ op: 'AND' }),
  or: both({ op: 'OR' }),
  xor: both({ op: 'XOR' }),
  eq: both({ op: 'EQ' }),
  ne: both({ op: 'EQ', invert: true }),
  lt_u: both({ op: 'LT' }),
  gt_u: both({ op: 'LT', swap: true }),
  le_u: both({ op: 'LT', swap: true, invert: true }),
  ge_u: both({ op: 'LT', invert: true }),
  // i32 signed order = unsigned order of x ^ 2^31
  lt_s: both(signed32({ op: 'LT' }), { op: 'SLT' }),
  gt_s: both(signed32({ op: 'LT', swap: true }), { op: 'SLT', swap: true }),
  le_s: both(signed32({ op: 'LT', swap: true, invert: true }), { op: 'SLT', swap: true, invert: true }),
  ge_s: both(signed32({ op: 'LT', invert: true }), { op: 'SLT', invert: true }),
  div_u: both(divide('u', 32, 'q'), divide('u', 64, 'q')),
  rem_u: both(divide('u', 32, 'r'), divide('u', 64, 'r')),
  div_s: both(divide('s', 32, 'q'), divide('s', 64, 'q')),
  rem_s: both(divide('s', 32, 'r'), divide('s', 64, 'r')),
  shl: both(shift('shl32'), shift('shl64')),
  shr_u: both(shift('shr_u32'), shift('shr_u64')),
  shr_s: both(shift('shr_s32'), shift('shr_s64')),
  rotl: both(shift('rotl32'), shift('rotl64')),
  rotr: both(shift('rotr32'), shift('rotr64')),
};

function table(): Record<BinaryOpName, BinaryLowering> {
  const t = {} as Record<BinaryOpName, BinaryLowering>;
  for (const [stem, f] of Object.entries(FAMILY)) {
    t[`i32.${stem}` as BinaryOpName] = f.i32;
    t[`i64.${stem}` as BinaryOpName] = f.i64;
  }
  return t;
}

export const BINARY_LOWERING: Readonly<Record<BinaryOpName, BinaryLowering>> = table();

/** Binary ops whose lowering calls a runtime helper (all registers clobbered). */
export const HELPER_BINARY: ReadonlySet<string> = new Set(
  Object.keys(FAMILY).filter((s) => /^(div|rem|sh|rot)/.test(s)).flatMap((s) => [`i32.${s}`, `i64.${s}`]),
);

/** x·y: ARITH with C = 0; the high half D is a free input that ARITH pins; i32 keeps the low 32 bits. */
function mul(is32: boolean) {
  return (L: FunctionLowering, i: BinaryInst): void => {
    L.load(i.lhs, 'A');
    L.load(i.rhs, 'B', ['A']);
    // C and D are inputs of the ARITH row: nothing may be parked there
    L.evict('C', ['A', 'B', 'C', 'D'], L.pos);
    L.evict('D', ['A', 'B', 'C', 'D'], L.pos);
    if (is32) {
      // a product of two 32-bit values has no high half
      L.em.step([konst(0n)], ['C', 'D'], []);
      L.clobber('C');
      L.clobber('D');
      L.evict('A', ['A', 'B', 'C', 'D'], L.pos + 1);
      L.em.step([arithLow(false)], ['A'], [simple('ARITH')]);
      L.evict('B', ['A', 'B'], L.pos + 1);
      L.em.step([konst(0xffffffffn, true)], ['B'], []);
      L.produce(i.result, [freeIn()], [simple('AND')]);
      return;
    }
    L.em.step([konst(0n)], ['C'], []);
    L.clobber('C');
    L.em.step([arithHigh(false)], ['D'], []);
    L.clobber('D');
    L.produce(i.result, [arithLow(false)], [simple('ARITH')]);
  };
}

/** Signed i32 comparison: flip both sign bits (XOR 2^31), then compare unsigned. */
function signed32(row: BinaryRow) {
  return (L: FunctionLowering, i: BinaryInst): void => {
    L.load(i.rhs, 'A');
    L.evict('B', ['A'], L.pos);
    L.em.step([konst(SIGN32)], ['B'], []);
    L.clobber('B');
    const t = L.chooseDest(['A', 'B'], L.pos);
    L.evict(t, ['A', 'B'], L.pos);
    L.em.step([freeIn()], [t], [simple('XOR')]);
    L.load(i.lhs, 'A', ['B', t]);
    L.evict('A', ['B', t], L.pos + 1);
    L.em.step([freeIn()], ['A'], [simple('XOR')]);
    L.clobber('A');
    const [a, b]: Reg[] = row.swap ? [t, 'A'] : ['A', t];
    // operands of the unsigned comparison into A, B
    if (a === 'A') L.em.step([reg(b)], ['B'], []);
    else { L.em.step([reg('A')], ['B'], []); L.em.step([reg(a)], ['A'], []); }
    L.clobber(t);
    L.clobber('B');
    if (!row.invert) { L.produce(i.result, [freeIn()], [simple(row.op)]); return; }
    L.em.step([freeIn()], ['A'], [simple(row.op)]);
    L.em.step([konst(1n)], ['B'], []);
    L.produce(i.result, [freeIn()], [simple('XOR')]);
  };
}

/**
 * Division and remainder through __w2z_divu64 / __w2z_divs64 / __w2z_divs32. The traps are
 * checked here, at the site: divisor 0, and MIN / -1 for signed division.
 */
function divide(sign: 'u' | 's', bits: 32 | 64, want: 'q' | 'r') {
  return (L: FunctionLowering, i: BinaryInst): void => {
    const d = L.consts.get(i.rhs);
    if (d === undefined) {
      const zero = L.trapStub('integer divide by zero');
      if (bits === 32) {
        const o = L.operand(i.rhs);
        L.em.step([o.term], [], [...o.ops, condJump('JMPZ', zero)]);
      } else {
        // both limbs zero: the low one directly, the high one through ROTL_C
        L.load(i.rhs, 'C');
        const nz = L.freshLabel('nz');
        L.em.step([reg('C')], [], [condJump('JMPNZ', nz)]);
        L.em.step([reg('ROTL_C')], [], [condJump('JMPZ', zero)]);
        L.em.label(nz);
      }
    } else if (d === 0n) {
      L.em.step([], [], [jmp(L.trapStub('integer divide by zero'))]);
      L.consts.set(i.result, 0n);
      return;
    }
    if (sign === 's' && want === 'q' && (d === undefined || d === (bits === 32 ? 0xffffffffn : 0xffffffffffffffffn))) {
      overflowCheck(L, i, bits);
    }
    const helper = sign === 'u' ? 'divu64' : bits === 32 ? 'divs32' : 'divs64';
    L.callHelper(helper, [i.lhs, i.rhs], want === 'q' ? [i.result] : [null, i.result]);
  };
}

/** MIN / -1 traps (integer overflow). */
function overflowCheck(L: FunctionLowering, i: BinaryInst, bits: 32 | 64): void {
  const trap = L.trapStub('integer overflow');
  const ok = L.freshLabel('noovf');
  // n == MIN and d == -1, limb by limb: any difference skips to `ok`
  if (bits === 32) {
    // both operands in registers before the first branch, so every path agrees on the state
    const rn = L.inReg(i.lhs);
    const rd = L.inReg(i.rhs, [rn]);
    L.em.step([konst(SIGN32), reg(rn, -1n)], [], [condJump('JMPNZ', ok)]);
    L.em.step([konst(0xffffffffn), reg(rd, -1n)], [], [condJump('JMPZ', trap)]);
  } else {
    L.load(i.lhs, 'C');
    L.em.step([reg('C')], [], [condJump('JMPNZ', ok)]);
    L.em.step([konst(SIGN32), reg('ROTL_C', -1n)], [], [condJump('JMPNZ', ok)]);
    L.load(i.rhs, 'C');
    L.em.step([konst(0xffffffffn), reg('C', -1n)], [], [condJump('JMPNZ', ok)]);
    L.em.step([konst(0xffffffffn), reg('ROTL_C', -1n)], [], [condJump('JMPZ', trap)]);
    // C holds n or d depending on the path that reached `ok`
    L.clobber('C');
  }
  L.em.label(ok);
}

type ShiftHelper = Extract<HelperName, `sh${string}` | `rot${string}`>;

/** Shifts and rotations: constant counts inline (one ARITH), others through the runtime helpers. */
function shift(helper: ShiftHelper) {
  const bits = helper.endsWith('32') ? 32 : 64;
  return (L: FunctionLowering, i: BinaryInst): void => {
    const c = L.consts.get(i.rhs);
    if (c !== undefined && !helper.startsWith('shr_s')) {
      constShift(L, i, helper, Number(c % BigInt(bits)), bits);
      return;
    }
    if (c !== undefined && c % BigInt(bits) !== 0n) { // shr_s by a constant
      constShrS(L, i, Number(c % BigInt(bits)), bits);
      return;
    }
    if (c === undefined && (helper === 'shl64' || helper === 'shr_u64')) {
      varShift64(L, i, helper === 'shl64' ? 'shl' : 'shr_u');
      return;
    }
    L.callHelper(helper, [i.lhs, i.rhs], [i.result]);
  };
}

function constShift(L: FunctionLowering, i: BinaryInst, helper: ShiftHelper, k: number, bits: 32 | 64): void {
  if (k === 0) { // identity
    const o = L.operand(i.lhs);
    L.produce(i.result, [o.term], o.ops);
    return;
  }
  const kind = helper.slice(0, -2);
  const rotl = kind === 'rotr' ? bits - k : k;
  // multiplier: shl by k (64) / k+32 (32, result in the high limb); rotations likewise;
  // logical right shift by k = high half of x·2^(64-k)
  const e = kind === 'shr_u' ? 64 - k : (kind === 'shl' ? k : rotl) + (bits === 32 ? 32 : 0);
  L.load(i.lhs, 'A');
  for (const x of ['B', 'C', 'D'] as const) L.evict(x, ['A', 'B', 'C', 'D'], L.pos);
  L.em.step([konst(1n << BigInt(e))], ['B'], []);
  L.em.step([konst(0n)], ['C'], []);
  L.em.step([arithHigh(false)], ['D'], []);
  for (const x of ['B', 'C', 'D'] as const) L.clobber(x);
  if (kind === 'shr_u') {
    L.em.step([arithLow(false)], [], [simple('ARITH')]);
    L.define(i.result, 'D');
    return;
  }
  if (kind === 'shl' && bits === 64) {
    L.produce(i.result, [arithLow(false)], [simple('ARITH')], ['D']);
    return;
  }
  L.evict('A', ['A', 'B', 'C', 'D'], L.pos + 1);
  L.em.step([arithLow(false)], ['C'], [simple('ARITH')]);
  L.clobber('C');
  // shl32: ROTL_C; rotl64: C + D; rotl32: ROTL_C + D (the two parts have disjoint bits)
  const inputs: Term[] = kind === 'shl' ? [reg('ROTL_C')] : bits === 64 ? [reg('C'), reg('D')] : [reg('ROTL_C'), reg('D')];
  L.produce(i.result, inputs, [], kind === 'shl' ? [] : ['C', 'D']);
}

/**
 * shr_s by a constant k (1..width−1): the logical shift (one ARITH row, as constShift), then for
 * a negative x the k high bits set by adding 2^w − 2^(w−k) (no carry: the shifted value is below
 * 2^(w−k)). The sign is a checked comparison whose carry picks the path — i64: x <s 0 (SLT);
 * i32, zero-extended: 2^31 − 1 <u x (LT) — and the negative path is out of line.
 */
function constShrS(L: FunctionLowering, i: BinaryInst, k: number, bits: 32 | 64): void {
  L.load(i.lhs, 'A');
  for (const x of ['B', 'C', 'D'] as const) L.evict(x, ['A', 'B', 'C', 'D'], L.pos);
  L.em.step([konst(1n << BigInt(64 - k))], ['B'], []);
  L.em.step([konst(0n)], ['C'], []);
  L.em.step([arithHigh(false)], ['D'], []);
  L.em.step([arithLow(false)], [], [simple('ARITH')]); // D = x >> k, logical; A = x still
  const negative = L.freshLabel('sar_neg');
  const back = L.freshLabel('sar_done');
  if (bits === 64) {
    L.em.step([konst(0n)], ['B'], []);
    L.em.step([freeIn()], [], [simple('SLT'), condJump('JMPC', negative)]);
  } else {
    L.em.step([reg('A')], ['B'], []);
    L.em.step([konst(SIGN32 - 1n)], ['A'], []);
    L.em.step([freeIn()], [], [simple('LT'), condJump('JMPC', negative)]);
  }
  L.stubs.label(negative);
  L.stubs.step([reg('D')], ['A'], []);
  L.stubs.step([konst((1n << BigInt(bits)) - (1n << BigInt(bits - k)))], ['B'], []);
  L.stubs.step([freeIn()], ['D'], [simple('ADD'), jmp(back)]);
  L.em.label(back);
  for (const x of ['A', 'B', 'C'] as const) L.clobber(x);
  L.define(i.result, 'D');
}

/**
 * i64 shl / shr_u by a run-time count, inline: the rows of the shift helper (shift.zkasm.hbs)
 * without its call, its saves and the spills a helper call forces. k = count & 63 (an AND row)
 * indexes the power table (`CALL(@__w2z_pow2 + E)` sets B = 2^k; only B and RR change, and a
 * function with a shift saves RR: callsOut). shl: the low half of x·2^k (ARITH). shr_u: q and r
 * with r < 2^k (LT) and q·2^k + r = x (ARITH).
 */
function varShift64(L: FunctionLowering, i: BinaryInst, kind: 'shl' | 'shr_u'): void {
  L.load(i.rhs, 'A');
  L.evict('B', ['A'], L.pos);
  L.em.step([konst(63n)], ['B'], []);
  L.clobber('B');
  L.evict('E', ['A', 'B'], L.pos);
  L.em.step([freeIn()], ['E'], [simple('AND')]);
  L.clobber('E');
  L.em.step([], [], [{ kind: 'call', target: { kind: 'labelPlus', name: L.ctx.helper('pow2'), reg: 'E' } }]);
  if (kind === 'shl') {
    L.load(i.lhs, 'A', ['B']);
    for (const x of ['C', 'D'] as const) L.evict(x, ['A', 'B', 'C', 'D'], L.pos);
    L.em.step([konst(0n)], ['C'], []);
    L.em.step([arithHigh(false)], ['D'], []);
    L.clobber('C');
    L.clobber('D');
    L.produce(i.result, [arithLow(false)], [simple('ARITH')], ['A', 'B', 'C', 'D']);
    return;
  }
  L.load(i.lhs, 'E', ['B']);
  for (const x of ['A', 'C', 'D'] as const) L.evict(x, ['A', 'B', 'C', 'D', 'E'], L.pos);
  L.em.step([freeExpr(fx.bin('%', fx.reg('E'), fx.reg('B')))], ['A', 'C'], []);
  L.em.step([konst(1n)], [], [simple('LT')]);
  L.em.step([freeExpr(fx.bin('/', fx.reg('E'), fx.reg('B')))], ['A'], []);
  L.em.step([konst(0n)], ['D'], []);
  L.em.step([reg('E')], [], [simple('ARITH')]);
  for (const x of ['C', 'D'] as const) L.clobber(x);
  L.clobber('A');
  L.define(i.result, 'A');
}

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
