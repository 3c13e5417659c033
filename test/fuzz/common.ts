// Shared vocabulary of the fuzzer: the module model that function bodies are generated against,
// interesting constants, and the opcode tables by feature.

import type { Feature } from './gen.js';
import type { Rng } from './rng.js';

export type ValType = 'i32' | 'i64';
export interface Sig { params: ValType[]; results: ValType[] }
export interface FuncInfo {
  name: string;
  sig: Sig;
  typeName: string;
  /** estimated executed instructions of one call, including callees (set once generated) */
  cost: number;
  /** first param is an i32 recursion depth, masked to 0..7 on entry */
  recursive: boolean;
}
export interface GlobalInfo { name: string; type: ValType; mutable: boolean }
export interface SegmentInfo { name: string; length: number; droppable: boolean }
export interface ModuleCtx {
  rng: Rng;
  has(f: Feature): boolean;
  use(f: Feature): void;
  valTypes: ValType[];
  funcs: FuncInfo[];
  globals: GlobalInfo[];
  memory: boolean;
  passive: SegmentInfo[];
  /** table slot → index into funcs, or null (uninitialized); empty when there is no table */
  table: (number | null)[];
  /**
   * The one kind of trapping construct this module may contain (undefined: none), and the
   * probability that an opportunity for it is taken.
   */
  trapKind: TrapFocus | undefined;
  trapP: number;
  maxStmts: number;
}

/** Families of trapping constructs: a module gets at most one (so each is reached evenly). */
export type TrapFocus = 'unreachable' | 'divide' | 'overflow' | 'memory' | 'bulk' | 'indirect';
export const TRAP_FOCI: readonly TrapFocus[] = ['unreachable', 'divide', 'overflow', 'memory', 'bulk', 'indirect'];

export interface Local { name: string; type: ValType; writable: boolean }
/** A branch target: `types` is what a branch to it carries; loop-expression labels are not branchable. */
export interface Label { name: string; types: ValType[]; branchable: boolean }
export type Choice = readonly [number, () => void];

// ---------------------------------------------------------------- constants

export const I32_SPECIAL = [
  0, 1, 2, 3, -1, -2, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 7, 8, 15, 16, 17, 31, 32, 33,
  63, 64, 65, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, -0x80, -0x81, -0x8000, -0x8001,
  0x55555555, 0xaaaaaaaa, 0x0f0f0f0f, 0x12345678,
];
export const I64_SPECIAL = [
  0n, 1n, 2n, 3n, -1n, -2n, (1n << 63n) - 1n, 1n << 63n, (1n << 63n) + 1n, 1n << 31n, (1n << 31n) - 1n,
  (1n << 32n) - 1n, 1n << 32n, (1n << 32n) + 1n, -(1n << 31n), -(1n << 31n) - 1n, -(1n << 32n), 7n, 8n,
  15n, 16n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, 128n, 255n, 0x7fffn, 0x8000n, 0xffffn, -0x80n, -0x8000n,
  0x5555555555555555n, 0xaaaaaaaaaaaaaaaan, 0x0123456789abcdefn, 0xffffffff00000000n, 0x00000000ffffffffn,
];
/** Shift/rotate counts worth hitting: around the widths, negative, far beyond. */
export const SHIFT_COUNTS = [0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, -1, -32, 0x80000000];

/** An interesting 32-bit value, as an unsigned number. */
export function i32Value(rng: Rng): number {
  return rng.weighted<() => number>([
    [5, () => rng.pick(I32_SPECIAL) >>> 0],
    [3, () => rng.range(-16, 16) >>> 0],
    [2, () => rng.u32()],
    [2, () => ((1 << rng.int(32)) + rng.range(-1, 1)) >>> 0],
  ])();
}

/** An interesting 64-bit value, as an unsigned bigint. */
export function i64Value(rng: Rng): bigint {
  const v = rng.weighted<() => bigint>([
    [5, () => rng.pick(I64_SPECIAL)],
    [3, () => BigInt(rng.range(-16, 16))],
    [2, () => rng.u64()],
    [2, () => (1n << BigInt(rng.int(64))) + BigInt(rng.range(-1, 1))],
    [1, () => BigInt.asIntN(32, BigInt(rng.u32()))], // sign-extended 32-bit values
  ])();
  return BigInt.asUintN(64, v);
}

/** `t.const v` in one of the text spellings: signed decimal, unsigned decimal or hex. */
export function constText(rng: Rng, t: ValType, v: number | bigint): string {
  const bits = t === 'i32' ? 32 : 64;
  const u = BigInt.asUintN(bits, BigInt(v));
  const form = rng.int(3);
  const text = form === 0 ? BigInt.asIntN(bits, u).toString() : form === 1 ? u.toString() : `0x${u.toString(16)}`;
  return `${t}.const ${text}`;
}

export function randomConst(rng: Rng, t: ValType): string {
  return constText(rng, t, t === 'i32' ? i32Value(rng) : i64Value(rng));
}

// ---------------------------------------------------------------- opcode tables

export const UNARY: { feature: Feature; i32: string[]; i64: string[] }[] = [
  { feature: 'bits', i32: ['clz', 'ctz', 'popcnt'], i64: ['clz', 'ctz', 'popcnt'] },
  { feature: 'convert', i32: ['extend8_s', 'extend16_s'], i64: ['extend8_s', 'extend16_s', 'extend32_s'] },
];
export const BINARY: { feature: Feature; ops: string[] }[] = [
  { feature: 'arith', ops: ['add', 'sub', 'mul', 'and', 'or', 'xor'] },
  { feature: 'shifts', ops: ['shl', 'shr_s', 'shr_u'] },
  { feature: 'bits', ops: ['rotl', 'rotr'] },
];
export const RELOPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
export const LOADS: Record<ValType, [string, number][]> = {
  i32: [['load', 4], ['load8_s', 1], ['load8_u', 1], ['load16_s', 2], ['load16_u', 2]],
  i64: [['load', 8], ['load8_s', 1], ['load8_u', 1], ['load16_s', 2], ['load16_u', 2], ['load32_s', 4], ['load32_u', 4]],
};
export const STORES: Record<ValType, [string, number][]> = {
  i32: [['store', 4], ['store8', 1], ['store16', 2]],
  i64: [['store', 8], ['store8', 1], ['store16', 2], ['store32', 4]],
};
export const MIN: Record<ValType, string> = { i32: 'i32.const 0x80000000', i64: 'i64.const 0x8000000000000000' };

/** A table index whose call_indirect with f's type traps: null, another signature, or past the end. */
export function badSlot(m: ModuleCtx, f: FuncInfo): number {
  const { rng, table } = m;
  const nulls = table.flatMap((x, k) => (x === null ? [k] : []));
  const others = table.flatMap((x, k) => (x !== null && m.funcs[x].typeName !== f.typeName ? [k] : []));
  const past = [table.length, table.length + rng.int(8), -1];
  return rng.pick(rng.pick([nulls, others, past].filter((l) => l.length)));
}
