// ONE description of the target machine, zkASM-64 (Polygon zkevm-proverjs feature/64bits).
// The assembler, the executor, the backend and the PIL generator all read these tables.
//
// Naming rule: names are the zkASM spellings (`ADD`, `MLOAD`); the PIL flag of an operation is
// `flag` (the rom.json / main.pil field name), and PIL columns of a register are `<REG><limb>`.

import type { RegName, SimpleOpName } from '../zkasm/ast.js';

/** Goldilocks prime 2^64 - 2^32 + 1 */
export const FIELD_P = 0xffffffff00000001n;
export const TWO32 = 0x1_0000_0000;

export interface RegisterInfo {
  name: RegName;
  /** 2 for A–E (two 32-bit limbs), 1 for field-element registers */
  limbs: 1 | 2;
  /** can be a destination (`=> X`) */
  settable: boolean;
}

export const REGISTERS: readonly RegisterInfo[] = [
  { name: 'A', limbs: 2, settable: true },
  { name: 'B', limbs: 2, settable: true },
  { name: 'C', limbs: 2, settable: true },
  { name: 'D', limbs: 2, settable: true },
  { name: 'E', limbs: 2, settable: true },
  { name: 'CTX', limbs: 1, settable: true },
  { name: 'SP', limbs: 1, settable: true },
  { name: 'PC', limbs: 1, settable: true },
  { name: 'GAS', limbs: 1, settable: true },
  { name: 'RR', limbs: 1, settable: true },
  { name: 'RCX', limbs: 1, settable: true },
  { name: 'HASHPOS', limbs: 1, settable: true },
  { name: 'zkPC', limbs: 1, settable: false },
  { name: 'STEP', limbs: 1, settable: false },
  { name: 'ROTL_C', limbs: 2, settable: false },
];

export const REGISTER_BY_NAME: ReadonlyMap<RegName, RegisterInfo> = new Map(REGISTERS.map((r) => [r.name, r]));

/** The 64-bit binary operations: opcode = Polygon's binOpcode. */
export const BINARY_OPCODES = { ADD: 0, SUB: 1, LT: 2, SLT: 3, EQ: 4, AND: 5, OR: 6, XOR: 7 } as const;
export type BinaryOpName = keyof typeof BINARY_OPCODES;

export interface BinaryResult {
  r0: number;
  r1: number;
  carry: number;
}

/**
 * Semantics of each binary op on 32-bit limbs (all inputs canonical, 0 ≤ limb < 2^32).
 * Plain numbers only: this runs in the executor's hot loop.
 */
export function binaryOp(opcode: number, a0: number, a1: number, b0: number, b1: number, out: BinaryResult): void {
  switch (opcode) {
    case 0: { // ADD
      let lo = a0 + b0;
      let c = 0;
      if (lo >= TWO32) { lo -= TWO32; c = 1; }
      let hi = a1 + b1 + c;
      let carry = 0;
      if (hi >= TWO32) { hi -= TWO32; carry = 1; }
      out.r0 = lo; out.r1 = hi; out.carry = carry;
      return;
    }
    case 1: { // SUB
      let lo = a0 - b0;
      let bw = 0;
      if (lo < 0) { lo += TWO32; bw = 1; }
      let hi = a1 - b1 - bw;
      let carry = 0;
      if (hi < 0) { hi += TWO32; carry = 1; }
      out.r0 = lo; out.r1 = hi; out.carry = carry;
      return;
    }
    case 2: { // LT (unsigned)
      const lt = a1 < b1 || (a1 === b1 && a0 < b0) ? 1 : 0;
      out.r0 = lt; out.r1 = 0; out.carry = lt;
      return;
    }
    case 3: { // SLT (two's complement int64)
      const sa = a1 | 0;
      const sb = b1 | 0;
      const lt = sa < sb || (sa === sb && a0 < b0) ? 1 : 0;
      out.r0 = lt; out.r1 = 0; out.carry = lt;
      return;
    }
    case 4: { // EQ
      const eq = a0 === b0 && a1 === b1 ? 1 : 0;
      out.r0 = eq; out.r1 = 0; out.carry = eq;
      return;
    }
    case 5: { // AND
      out.r0 = (a0 & b0) >>> 0; out.r1 = (a1 & b1) >>> 0;
      out.carry = out.r0 !== 0 || out.r1 !== 0 ? 1 : 0;
      return;
    }
    case 6: // OR
      out.r0 = (a0 | b0) >>> 0; out.r1 = (a1 | b1) >>> 0; out.carry = 0;
      return;
    case 7: // XOR
      out.r0 = (a0 ^ b0) >>> 0; out.r1 = (a1 ^ b1) >>> 0; out.carry = 0;
      return;
    default:
      throw new RangeError(`binary opcode ${opcode}`);
  }
}

/** What each simple operation does to a ROM row, and which secondary machine it charges. */
export interface SimpleOpInfo {
  name: SimpleOpName;
  /** ROM field set to 1 (PIL: the instruction column of that name) */
  flag: 'assert' | 'arith' | 'bin' | 'memAlignRD' | 'memAlignWR' | 'memAlignWR8' | 'return';
  binOpcode?: number;
  /** the operation produces the value of a bare `$` free input */
  producesFree: boolean;
  /** secondary machine charged one operation per execution */
  counter?: 'binary' | 'arith' | 'memAlign';
}

const bin = (name: BinaryOpName): SimpleOpInfo => ({
  name, flag: 'bin', binOpcode: BINARY_OPCODES[name], producesFree: true, counter: 'binary',
});

export const SIMPLE_OPS: Readonly<Record<SimpleOpName, SimpleOpInfo>> = {
  ASSERT: { name: 'ASSERT', flag: 'assert', producesFree: false },
  ARITH: { name: 'ARITH', flag: 'arith', producesFree: false, counter: 'arith' },
  ADD: bin('ADD'),
  SUB: bin('SUB'),
  LT: bin('LT'),
  SLT: bin('SLT'),
  EQ: bin('EQ'),
  AND: bin('AND'),
  OR: bin('OR'),
  XOR: bin('XOR'),
  MEM_ALIGN_RD: { name: 'MEM_ALIGN_RD', flag: 'memAlignRD', producesFree: true, counter: 'memAlign' },
  MEM_ALIGN_WR: { name: 'MEM_ALIGN_WR', flag: 'memAlignWR', producesFree: false, counter: 'memAlign' },
  MEM_ALIGN_WR8: { name: 'MEM_ALIGN_WR8', flag: 'memAlignWR8', producesFree: false, counter: 'memAlign' },
  RETURN: { name: 'RETURN', flag: 'return', producesFree: false },
};

/** Memory address layout (main.pil `addr`): region bases inside a context of 2^18 words. */
export const MEM_LAYOUT = {
  ctxShift: 2 ** 18,
  stackBase: 2 ** 16,
  memBase: 2 ** 17,
  /** addrRel bound for MEM: (1 MiB of 8-byte words) and for everything else */
  memLimit: 0x20000,
  otherLimit: 0x10000,
} as const;

/** Computed jump targets (JMP(RR), JMP(@t + E)) reach only rows below this (reference §9.5). */
export const COMPUTED_JUMP_LIMIT = 0x10000;
