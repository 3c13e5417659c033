// Decode ROM rows once into flat typed arrays (one array per field, small-int codes), so the
// executor's hot loop never touches strings or objects. A test pins this layout.

import type { Rom } from '../zkasm/rom.js';
import { compileFreeExpr, type CompiledFree } from './free-input.js';
import { zkasmAssemble } from '../diagnostics.js';

/** Input sources: 0–4 = A–E (two limbs), 5–11 = SP CTX PC GAS RR RCX HASHPOS, 12 STEP, 13 ROTL_C, 14–17 counters. */
export const SRC = { A: 0, SP: 5, STEP: 12, ROTL_C: 13, CNT0: 14 } as const;
/** Register file layout: limbs of A–E at 0–9, then SP CTX PC GAS RR RCX HASHPOS at 10–16. */
export const R = { A0: 0, A1: 1, B0: 2, B1: 3, C0: 4, C1: 5, D0: 6, D1: 7, E0: 8, E1: 9,
  SP: 10, CTX: 11, PC: 12, GAS: 13, RR: 14, RCX: 15, HASHPOS: 16, SIZE: 17 } as const;
/** Counter slots: arith, binary, keccakF, memAlign (inCnt* order), then mem operations. */
export const CNT = { ARITH: 0, BINARY: 1, KECCAK_F: 2, MEM_ALIGN: 3, MEM: 4, SIZE: 5 } as const;

export const FLAG = {
  ASSERT: 1, BIN: 2, MLOAD: 4, MSTORE: 8, ARITH: 16,
  MALIGN_RD: 32, MALIGN_WR: 64, MALIGN_WR8: 128, REPEAT: 256,
} as const;
export const ADDR = { IND: 1, IND_RR: 2, IS_STACK: 4, IS_MEM: 8, USE_CTX: 16 } as const;
export const JUMP = { NONE: 0, JMP: 1, JMPN: 2, JMPC: 3, JMPZ: 4, CALL: 5, RETURN: 6 } as const;
/** jmpAddr value meaning "computed from the address fields" */
export const COMPUTED = -1;

export interface DecodedRom {
  n: number;
  const0: Float64Array;
  const1: Float64Array;
  inStart: Int32Array;
  inSrc: Uint8Array;
  inCoef: Float64Array;
  /** 0 none, 1 bare `$`, 2 `${…}` */
  freeKind: Uint8Array;
  inFree: Float64Array;
  freeFn: (CompiledFree | undefined)[];
  flags: Uint16Array;
  binOp: Uint8Array;
  /** bit k = set register k of the register file order A B C D E SP CTX PC GAS RR RCX HASHPOS */
  setMask: Uint16Array;
  addrFlags: Uint8Array;
  offset: Float64Array;
  incStack: Int8Array;
  jump: Uint8Array;
  jmpAddr: Float64Array;
  elseAddr: Float64Array;
}

const IN_FIELDS = [
  'inA', 'inB', 'inC', 'inD', 'inE', 'inSP', 'inCTX', 'inPC', 'inGAS', 'inRR', 'inRCX', 'inHASHPOS',
  'inSTEP', 'inROTL_C', 'inCntArith', 'inCntBinary', 'inCntKeccakF', 'inCntMemAlign',
] as const;
const SET_FIELDS = [
  'setA', 'setB', 'setC', 'setD', 'setE', 'setSP', 'setCTX', 'setPC', 'setGAS', 'setRR', 'setRCX', 'setHASHPOS',
] as const;

export function decodeRom(rom: Rom): DecodedRom {
  const rows = rom.rows;
  const n = rows.length;
  const d: DecodedRom = {
    n,
    const0: new Float64Array(n), const1: new Float64Array(n),
    inStart: new Int32Array(n + 1), inSrc: new Uint8Array(0), inCoef: new Float64Array(0),
    freeKind: new Uint8Array(n), inFree: new Float64Array(n), freeFn: new Array(n).fill(undefined),
    flags: new Uint16Array(n), binOp: new Uint8Array(n), setMask: new Uint16Array(n),
    addrFlags: new Uint8Array(n), offset: new Float64Array(n), incStack: new Int8Array(n),
    jump: new Uint8Array(n), jmpAddr: new Float64Array(n), elseAddr: new Float64Array(n),
  };
  const src: number[] = [];
  const coef: number[] = [];
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    d.inStart[r] = src.length;
    for (let k = 0; k < IN_FIELDS.length; k++) {
      const c = row[IN_FIELDS[k]!];
      if (c !== 0) { src.push(k); coef.push(c); }
    }
    d.const0[r] = row.CONST0;
    d.const1[r] = row.CONST1;
    if (row.freeInTag !== undefined) {
      d.inFree[r] = row.inFREE;
      if (row.freeInTag === null) {
        d.freeKind[r] = 1;
      } else {
        d.freeKind[r] = 2;
        try {
          d.freeFn[r] = compileFreeExpr(row.freeInTag);
        } catch (e) {
          throw zkasmAssemble(`${row.fileName}:${row.line}`, `bad free input: ${(e as Error).message}`);
        }
      }
    }
    d.flags[r] = (row.assert ? FLAG.ASSERT : 0) | (row.bin ? FLAG.BIN : 0)
      | (row.mOp && !row.mWR ? FLAG.MLOAD : 0) | (row.mOp && row.mWR ? FLAG.MSTORE : 0)
      | (row.arith ? FLAG.ARITH : 0) | (row.memAlignRD ? FLAG.MALIGN_RD : 0)
      | (row.memAlignWR ? FLAG.MALIGN_WR : 0) | (row.memAlignWR8 ? FLAG.MALIGN_WR8 : 0)
      | (row.repeat ? FLAG.REPEAT : 0);
    d.binOp[r] = row.binOpcode;
    let set = 0;
    for (let k = 0; k < SET_FIELDS.length; k++) if (row[SET_FIELDS[k]!]) set |= 1 << k;
    d.setMask[r] = set;
    d.addrFlags[r] = (row.ind ? ADDR.IND : 0) | (row.indRR ? ADDR.IND_RR : 0) | (row.isStack ? ADDR.IS_STACK : 0)
      | (row.isMem ? ADDR.IS_MEM : 0) | (row.useCTX ? ADDR.USE_CTX : 0);
    d.offset[r] = row.offset;
    d.incStack[r] = row.incStack;
    d.jump[r] = row.JMP ? JUMP.JMP : row.JMPN ? JUMP.JMPN : row.JMPC ? JUMP.JMPC : row.JMPZ ? JUMP.JMPZ
      : row.call ? JUMP.CALL : row.return ? JUMP.RETURN : JUMP.NONE;
    d.jmpAddr[r] = row.useJmpAddr ? row.jmpAddr : COMPUTED;
    d.elseAddr[r] = row.useElseAddr ? row.elseAddr : r + 1;
  }
  d.inStart[n] = src.length;
  d.inSrc = Uint8Array.from(src);
  d.inCoef = Float64Array.from(coef);
  return d;
}
