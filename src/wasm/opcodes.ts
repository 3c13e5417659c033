// Every WebAssembly opcode we decode: its binary code, text-format name and immediate kind.
// Covers the MVP, sign extension (0xC0–0xC4), non-trapping float-to-int (0xFC 0–7), bulk memory
// (0xFC 8–17), reference types (ref.*, table.get/set, typed select), multi-value block types and
// the final fixed-width SIMD proposal (0xFD 0–255, reserved holes excluded).
// Not included (wabt's validation has them disabled): threads (0xFE), exceptions (0x06–0x0A, 0x18,
// 0x19), tail calls (0x12, 0x13), relaxed SIMD (0xFD 0x100+), GC.
//
// Naming rule: the name is the text-format spelling of the spec's instruction index; the decoder
// stores it in `Instr.op`. Prefixed opcodes (0xFC, 0xFD) carry their sub-opcode, a u32 LEB128.

/**
 * The immediates that follow an opcode, and which `Instr` fields they fill:
 *  none · blocktype → blockType · label → index (br, br_if) · br_table → labels + index (default) ·
 *  local / global / func / table / memory / data / elem → index ·
 *  call_indirect (type, table) → index, index2 · memarg → memarg (+ index = memory when the
 *  multi-memory flag bit 6 of the alignment is set) · i32 / i64 / f32 / f64 → value (bit pattern) ·
 *  select_t → types · reftype → refType · memory.init (data, memory) → index, index2 ·
 *  memory.copy (dst, src memory) → index, index2 · table.init (elem, table) → index, index2 ·
 *  table.copy (dst, src table) → index, index2 · v128 (16 bytes) → value (little-endian, 128 bits) ·
 *  shuffle (16 lane bytes) → value (same encoding as v128) · lane (one byte) → index ·
 *  memarg_lane (memarg, then a lane byte) → memarg + index (the lane)
 */
export const IMM_KINDS = [
  'none', 'blocktype', 'label', 'br_table', 'local', 'global', 'func', 'call_indirect', 'table',
  'memory', 'data', 'elem', 'memarg', 'i32', 'i64', 'f32', 'f64', 'select_t', 'reftype',
  'memory.init', 'memory.copy', 'table.init', 'table.copy', 'v128', 'shuffle', 'lane', 'memarg_lane',
] as const;
export type ImmKind = (typeof IMM_KINDS)[number];

/** Numeric ids of the immediate kinds (the decoder's switch uses these). */
export const IMM_NONE = 0, IMM_BLOCKTYPE = 1, IMM_LABEL = 2, IMM_BR_TABLE = 3, IMM_LOCAL = 4,
  IMM_GLOBAL = 5, IMM_FUNC = 6, IMM_CALL_INDIRECT = 7, IMM_TABLE = 8, IMM_MEMORY = 9, IMM_DATA = 10,
  IMM_ELEM = 11, IMM_MEMARG = 12, IMM_I32 = 13, IMM_I64 = 14, IMM_F32 = 15, IMM_F64 = 16,
  IMM_SELECT_T = 17, IMM_REFTYPE = 18, IMM_MEMORY_INIT = 19, IMM_MEMORY_COPY = 20, IMM_TABLE_INIT = 21,
  IMM_TABLE_COPY = 22, IMM_V128 = 23, IMM_SHUFFLE = 24, IMM_LANE = 25, IMM_MEMARG_LANE = 26;
/** Marks an unassigned code in the lookup tables. */
export const IMM_UNKNOWN = 255;

export interface OpInfo {
  /** 0 for single-byte opcodes, else the prefix byte (0xFC, 0xFD) */
  prefix: 0 | 0xfc | 0xfd;
  /** the opcode byte, or the prefixed sub-opcode */
  code: number;
  name: string;
  imm: ImmKind;
}

// ---- the table ----------------------------------------------------------------------------------
// Written as (first code, kind, names…) runs: consecutive codes share the kind; '' skips a code.

type Run = [first: number, imm: ImmKind, names: string];

const MVP: Run[] = [
  [0x00, 'none', 'unreachable nop'],
  [0x02, 'blocktype', 'block loop if'],
  [0x05, 'none', 'else'],
  [0x0b, 'none', 'end'],
  [0x0c, 'label', 'br br_if'],
  [0x0e, 'br_table', 'br_table'],
  [0x0f, 'none', 'return'],
  [0x10, 'func', 'call'],
  [0x11, 'call_indirect', 'call_indirect'],
  [0x1a, 'none', 'drop select'],
  [0x1c, 'select_t', 'select'],
  [0x20, 'local', 'local.get local.set local.tee'],
  [0x23, 'global', 'global.get global.set'],
  [0x25, 'table', 'table.get table.set'],
  [0x28, 'memarg',
    'i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u ' +
    'i64.load8_s i64.load8_u i64.load16_s i64.load16_u i64.load32_s i64.load32_u ' +
    'i32.store i64.store f32.store f64.store i32.store8 i32.store16 i64.store8 i64.store16 i64.store32'],
  [0x3f, 'memory', 'memory.size memory.grow'],
  [0x41, 'i32', 'i32.const'],
  [0x42, 'i64', 'i64.const'],
  [0x43, 'f32', 'f32.const'],
  [0x44, 'f64', 'f64.const'],
  [0x45, 'none',
    'i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u ' +
    'i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u ' +
    'f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge ' +
    'i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u ' +
    'i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr ' +
    'i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u ' +
    'i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr ' +
    'f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt ' +
    'f32.add f32.sub f32.mul f32.div f32.min f32.max f32.copysign ' +
    'f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt ' +
    'f64.add f64.sub f64.mul f64.div f64.min f64.max f64.copysign ' +
    'i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u ' +
    'i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u ' +
    'f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 ' +
    'f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 ' +
    'i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64 ' +
    // sign extension
    'i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s'],
  // reference types
  [0xd0, 'reftype', 'ref.null'],
  [0xd1, 'none', 'ref.is_null'],
  [0xd2, 'func', 'ref.func'],
];

const PREFIX_FC: Run[] = [
  [0, 'none',
    'i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u ' +
    'i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u'],
  [8, 'memory.init', 'memory.init'],
  [9, 'data', 'data.drop'],
  [10, 'memory.copy', 'memory.copy'],
  [11, 'memory', 'memory.fill'],
  [12, 'table.init', 'table.init'],
  [13, 'elem', 'elem.drop'],
  [14, 'table.copy', 'table.copy'],
  [15, 'table', 'table.grow table.size table.fill'],
];

const PREFIX_FD: Run[] = [
  [0x00, 'memarg',
    'v128.load v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s ' +
    'v128.load32x2_u v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.store'],
  [0x0c, 'v128', 'v128.const'],
  [0x0d, 'shuffle', 'i8x16.shuffle'],
  [0x0e, 'none', 'i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat'],
  [0x15, 'lane',
    'i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s ' +
    'i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane ' +
    'i64x2.extract_lane i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane ' +
    'f64x2.extract_lane f64x2.replace_lane'],
  [0x23, 'none',
    'i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u ' +
    'i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u ' +
    'i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u ' +
    'f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le f64x2.ge ' +
    'v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true'],
  [0x54, 'memarg_lane',
    'v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane ' +
    'v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane'],
  [0x5c, 'memarg', 'v128.load32_zero v128.load64_zero'],
  [0x5e, 'none',
    'f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 ' +
    'i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u ' +
    'f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest i8x16.shl i8x16.shr_s i8x16.shr_u ' +
    'i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u ' +
    'f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc i8x16.avgr_u ' +
    'i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u ' +
    'i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u ' +
    // 0x80
    'i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask ' +
    'i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s ' +
    'i16x8.extend_low_i8x16_u i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u ' +
    'i16x8.add i16x8.add_sat_s i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u ' +
    'f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s i16x8.max_u _ i16x8.avgr_u ' +
    'i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u ' +
    // 0xa0
    'i32x4.abs i32x4.neg _ i32x4.all_true i32x4.bitmask _ _ ' +
    'i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u ' +
    'i32x4.shl i32x4.shr_s i32x4.shr_u i32x4.add _ _ i32x4.sub _ _ _ i32x4.mul ' +
    'i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s _ ' +
    'i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u ' +
    // 0xc0
    'i64x2.abs i64x2.neg _ i64x2.all_true i64x2.bitmask _ _ ' +
    'i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u ' +
    'i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add _ _ i64x2.sub _ _ _ i64x2.mul ' +
    'i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s ' +
    'i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u ' +
    // 0xe0
    'f32x4.abs f32x4.neg _ f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div ' +
    'f32x4.min f32x4.max f32x4.pmin f32x4.pmax ' +
    'f64x2.abs f64x2.neg _ f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div ' +
    'f64x2.min f64x2.max f64x2.pmin f64x2.pmax ' +
    'i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u ' +
    'i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero ' +
    'f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u'],
];

function expand(prefix: OpInfo['prefix'], runs: Run[]): OpInfo[] {
  const out: OpInfo[] = [];
  for (const [first, imm, names] of runs) {
    names.split(' ').forEach((name, i) => {
      if (name !== '_') out.push({ prefix, code: first + i, name, imm });
    });
  }
  return out;
}

/** All opcodes, single-byte first, then 0xFC, then 0xFD, each in code order. */
export const OPCODES: readonly OpInfo[] = [
  ...expand(0, MVP), ...expand(0xfc, PREFIX_FC), ...expand(0xfd, PREFIX_FD),
];

// ---- lookup tables for the decoder ----------------------------------------------------------------

/** Per code: the name (undefined = unassigned) and the numeric immediate kind (IMM_UNKNOWN = unassigned). */
export interface OpTable {
  names: (string | undefined)[];
  imms: Uint8Array;
}

function table(prefix: OpInfo['prefix'], size: number): OpTable {
  const names: (string | undefined)[] = new Array<string | undefined>(size).fill(undefined);
  const imms = new Uint8Array(size).fill(IMM_UNKNOWN);
  for (const op of OPCODES) {
    if (op.prefix !== prefix) continue;
    names[op.code] = op.name;
    imms[op.code] = IMM_KINDS.indexOf(op.imm);
  }
  return { names, imms };
}

export const OPS_1: OpTable = table(0, 256);
export const OPS_FC: OpTable = table(0xfc, 18);
export const OPS_FD: OpTable = table(0xfd, 256);

/** The opcode spelled `name` (for tests and tools; `select` is the untyped 0x1B); undefined if none. */
export function opcodeByName(name: string): OpInfo | undefined {
  if (!byName) {
    byName = new Map();
    for (const o of OPCODES) if (!byName.has(o.name)) byName.set(o.name, o);
  }
  return byName.get(name);
}
let byName: Map<string, OpInfo> | undefined;
