// The assembled program: one RomRow per step, the same fields as zkasmcom's rom.json (so the PIL
// ROM columns and Polygon's executor agree with ours). Plain data; numbers default to 0.

import type { FreeExpr } from './ast.js';

export interface SourceLoc {
  funcName: string;
  offset: number;
  text: string;
}

export interface RomRow {
  // input coefficients (op = Σ in_X · X + CONST + inFREE · FREE)
  inA: number; inB: number; inC: number; inD: number; inE: number;
  inSP: number; inCTX: number; inPC: number; inGAS: number; inRR: number; inRCX: number;
  inHASHPOS: number; inSTEP: number; inROTL_C: number;
  inCntArith: number; inCntBinary: number; inCntKeccakF: number; inCntMemAlign: number;
  inFREE: number;
  /** `${…}` expression; null for a bare `$`; undefined when the row has no free input */
  freeInTag: FreeExpr | null | undefined;
  /** short constant: CONST0 = value (a signed field element), CONST1 = 0; long: 32-bit limbs */
  CONST0: number;
  CONST1: number;
  constLong: boolean;
  // destinations
  setA: number; setB: number; setC: number; setD: number; setE: number;
  setSP: number; setCTX: number; setPC: number; setGAS: number; setRR: number; setRCX: number; setHASHPOS: number;
  // memory and address
  mOp: number; mWR: number;
  offset: number; ind: number; indRR: number; isStack: number; isMem: number; useCTX: number; incStack: number;
  // control flow
  JMP: number; JMPN: number; JMPC: number; JMPZ: number; call: number; return: number;
  useJmpAddr: number; jmpAddr: number; useElseAddr: number; elseAddr: number;
  repeat: number;
  // checks and secondary machines
  assert: number; arith: number; bin: number; binOpcode: number;
  memAlignRD: number; memAlignWR: number; memAlignWR8: number;
  // where it came from
  fileName: string;
  line: number;
  lineStr: string;
  source?: SourceLoc;
}

export interface Rom {
  rows: RomRow[];
  labels: Map<string, number>;
  /** VAR GLOBAL / VAR CTX offsets */
  vars: Map<string, { scope: 'GLOBAL' | 'CTX'; offset: number; size: number }>;
  constants: Map<string, { value: bigint; long: boolean }>;
  fileName: string;
}

export function emptyRow(fileName: string, line: number, lineStr: string): RomRow {
  return {
    inA: 0, inB: 0, inC: 0, inD: 0, inE: 0,
    inSP: 0, inCTX: 0, inPC: 0, inGAS: 0, inRR: 0, inRCX: 0,
    inHASHPOS: 0, inSTEP: 0, inROTL_C: 0,
    inCntArith: 0, inCntBinary: 0, inCntKeccakF: 0, inCntMemAlign: 0,
    inFREE: 0, freeInTag: undefined,
    CONST0: 0, CONST1: 0, constLong: false,
    setA: 0, setB: 0, setC: 0, setD: 0, setE: 0,
    setSP: 0, setCTX: 0, setPC: 0, setGAS: 0, setRR: 0, setRCX: 0, setHASHPOS: 0,
    mOp: 0, mWR: 0,
    offset: 0, ind: 0, indRR: 0, isStack: 0, isMem: 0, useCTX: 0, incStack: 0,
    JMP: 0, JMPN: 0, JMPC: 0, JMPZ: 0, call: 0, return: 0,
    useJmpAddr: 0, jmpAddr: 0, useElseAddr: 0, elseAddr: 0,
    repeat: 0,
    assert: 0, arith: 0, bin: 0, binOpcode: 0,
    memAlignRD: 0, memAlignWR: 0, memAlignWR8: 0,
    fileName, line, lineStr,
  };
}
