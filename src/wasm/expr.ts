// Decoding of instruction sequences (function bodies and constant expressions) into flat `Instr`s.
// This is the decoder's hot loop: one table lookup per opcode, a switch on the immediate kind,
// numbers everywhere except the `value` of constants (bigint, as the Module contract says).

import type { BlockType, Instr, ValType } from './module.js';
import {
  IMM_BLOCKTYPE, IMM_BR_TABLE, IMM_CALL_INDIRECT, IMM_DATA, IMM_ELEM, IMM_F32, IMM_F64, IMM_FUNC,
  IMM_GLOBAL, IMM_I32, IMM_I64, IMM_LABEL, IMM_LANE, IMM_LOCAL, IMM_MEMARG, IMM_MEMARG_LANE, IMM_MEMORY,
  IMM_MEMORY_COPY, IMM_MEMORY_INIT, IMM_NONE, IMM_REFTYPE, IMM_SELECT_T, IMM_SHUFFLE, IMM_TABLE,
  IMM_TABLE_COPY, IMM_TABLE_INIT, IMM_UNKNOWN, IMM_V128, OPS_1, OPS_FC, OPS_FD, type OpTable,
} from './opcodes.js';
import { hexByte, Reader, SMALL_BIGINTS as SMALL, valTypeOf } from './reader.js';
import { nestingTooDeep } from '../diagnostics.js';

/** What the section decoder needs to know about the instructions seen. */
/**
 * Deepest block / loop / if nesting accepted. Past a few thousand, wabt's validator runs out of
 * stack (10,000 did); real compilers nest a few hundred deep at most (a large match or switch).
 */
export const MAX_NESTING = 4000;

export interface ExprContext {
  /** offset of the first memory.init / data.drop (they require a data count section), -1 if none */
  dataInstrAt: number;
}

const EMPTY_BLOCK: BlockType = Object.freeze({ kind: 'empty' });
const VALUE_BLOCKS = new Map<number, BlockType>();
for (let b = 0x60; b < 0x80; b++) {
  const type = valTypeOf(b);
  if (type) VALUE_BLOCKS.set(b, Object.freeze({ kind: 'value', type }));
}

/**
 * Decode instructions up to the `end` that closes depth 0. For a function body (`body` true) that
 * final `end` is included in `out`; for a constant expression it is not. The caller checks that
 * the body's bytes end right there.
 */
export function decodeExpr(r: Reader, out: Instr[], body: boolean, ctx: ExprContext): void {
  const buf = r.buf;
  let depth = 0;
  for (;;) {
    const offset = r.pos;
    if (offset >= r.end) r.fail(r.endWhat);
    const code = buf[r.pos++];
    let table: OpTable = OPS_1;
    let sub = code;
    if (code === 0x0b) {
      if (depth === 0) {
        if (body) out.push({ op: 'end', offset });
        return;
      }
      depth--;
    } else if (code === 0xfc || code === 0xfd) {
      table = code === 0xfc ? OPS_FC : OPS_FD;
      sub = r.u32();
      if (sub >= table.imms.length) r.fail(`unknown opcode ${hexByte(code)} ${hexByte(sub)}`, offset);
    }
    const op = table.names[sub] as string;
    switch (table.imms[sub]) {
      case IMM_NONE:
        out.push({ op, offset });
        break;
      case IMM_LOCAL:
      case IMM_GLOBAL:
      case IMM_FUNC:
      case IMM_LABEL:
      case IMM_TABLE:
      case IMM_MEMORY:
      case IMM_ELEM:
        out.push({ op, offset, index: r.u32() });
        break;
      case IMM_I32: {
        const v = r.s32();
        out.push({ op, offset, value: v < 1024 ? SMALL[v] : BigInt(v) });
        break;
      }
      case IMM_I64:
        out.push({ op, offset, value: r.s64() });
        break;
      case IMM_MEMARG: {
        const ins: Instr = { op, offset, memarg: { align: 0, offset: 0 } };
        readMemarg(r, ins);
        out.push(ins);
        break;
      }
      case IMM_BLOCKTYPE:
        if (++depth > MAX_NESTING) throw nestingTooDeep(r.file, offset, `blocks nested more than ${MAX_NESTING} deep (this compiler's limit)`);
        out.push({ op, offset, blockType: readBlockType(r) });
        break;
      case IMM_BR_TABLE: {
        const n = r.vecLen();
        const labels = new Array<number>(n);
        for (let i = 0; i < n; i++) labels[i] = r.u32();
        out.push({ op, offset, index: r.u32(), labels });
        break;
      }
      case IMM_CALL_INDIRECT:
      case IMM_TABLE_INIT:
      case IMM_TABLE_COPY:
      case IMM_MEMORY_COPY: {
        const index = r.u32();
        out.push({ op, offset, index, index2: r.u32() });
        break;
      }
      case IMM_MEMORY_INIT: {
        if (ctx.dataInstrAt < 0) ctx.dataInstrAt = offset;
        const index = r.u32();
        out.push({ op, offset, index, index2: r.u32() });
        break;
      }
      case IMM_DATA:
        if (ctx.dataInstrAt < 0) ctx.dataInstrAt = offset;
        out.push({ op, offset, index: r.u32() });
        break;
      case IMM_F32:
        out.push({ op, offset, value: BigInt(r.u32le()) });
        break;
      case IMM_F64: {
        const lo = r.u32le();
        out.push({ op, offset, value: (BigInt(r.u32le()) << 32n) | BigInt(lo) });
        break;
      }
      case IMM_SELECT_T: {
        const n = r.vecLen();
        const types = new Array<ValType>(n);
        for (let i = 0; i < n; i++) types[i] = r.valType();
        out.push({ op, offset, types });
        break;
      }
      case IMM_REFTYPE:
        out.push({ op, offset, refType: r.refType() });
        break;
      case IMM_V128:
      case IMM_SHUFFLE:
        out.push({ op, offset, value: readV128(r) });
        break;
      case IMM_LANE:
        out.push({ op, offset, index: r.u8() });
        break;
      case IMM_MEMARG_LANE: {
        const ins: Instr = { op, offset, memarg: { align: 0, offset: 0 } };
        readMemarg(r, ins);
        ins.index = r.u8();
        out.push(ins);
        break;
      }
      case IMM_UNKNOWN:
      default:
        r.fail(`unknown opcode ${hexByte(code)}${table === OPS_1 ? '' : ` ${hexByte(sub)}`}`, offset);
    }
  }
}

/** Alignment exponent, then (if bit 6 of it is set: multi-memory) a memory index, then the offset. */
function readMemarg(r: Reader, ins: Instr): void {
  const at = r.pos;
  let align = r.u32();
  if (align >= 0x40) {
    if (align >= 0x80) r.fail('malformed memop flags', at);
    align -= 0x40;
    ins.index = r.u32();
  }
  const memarg = ins.memarg as { align: number; offset: number };
  memarg.align = align;
  memarg.offset = r.u32();
}

function readBlockType(r: Reader): BlockType {
  const at = r.pos;
  const byte = r.u8();
  if (byte === 0x40) return EMPTY_BLOCK;
  const value = VALUE_BLOCKS.get(byte);
  if (value) return value;
  r.pos = at;
  const typeIndex = r.s33();
  if (typeIndex < 0) r.fail(`malformed block type ${hexByte(byte)}`, at);
  return { kind: 'func', typeIndex };
}

/** 16 bytes, little-endian, as an unsigned 128-bit value */
function readV128(r: Reader): bigint {
  const w0 = r.u32le(), w1 = r.u32le(), w2 = r.u32le(), w3 = r.u32le();
  return (BigInt(w3) << 96n) | (BigInt(w2) << 64n) | (BigInt(w1) << 32n) | BigInt(w0);
}
