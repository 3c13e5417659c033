// The committed polynomials of a program's PIL: run the executor in prover shape (N rows, the
// trace wrapping to row 0) recording registers and free inputs, then derive every other column
// the way the PIL defines it — the ROM copy, op, the range bytes, the jump helpers — and lay out
// the secondary machines' rows from the operations Main performed.

import type { Rom } from '../zkasm/rom.js';
import { execute, type ExecOptions, type ExecResult } from '../machine/exec.js';
import { binaryOp, FIELD_P, type BinaryResult } from '../machine/isa.js';
import type { Columns } from './columns.js';
import { ARITH_ROWS_PER_OP, type PilModel, type RomField } from './model.js';
import { MAIN_REGISTERS } from './generate.js';
import { binaryChunk, BINARY_CHUNK_BITS, BINARY_CHUNKS_PER_ROW, BINARY_ROWS_PER_OP, type ChunkResult } from './binary-table.js';
import type { FieldPair } from '../machine/free-input.js';

export interface Witness {
  cm: Columns;
  /** the prover-shape run (status pass, or fail with the reason) */
  run: ExecResult;
  /** values of the PIL's publics, in declaration order */
  publics: bigint[];
  /** the Main row of each binary / arith operation, in machine order (to name failures) */
  binSteps: number[];
  arithSteps: number[];
}

const TWO32 = 2 ** 32;
/** register file index of each Main register column (see machine/decode.ts R) */
const REG_INDEX = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14];

export function buildWitness(rom: Rom, m: PilModel, opts: Pick<ExecOptions, 'inputs' | 'tamper' | 'unchecked' | 'flipJumps'> = {}): Witness {
  const rec = recorder(m.N, 0);
  const run = execute(rom, { ...opts, stepsN: m.N, onRow: rec.onRow, onFree: rec.onFree });
  if (run.status !== 'pass') return { cm: rec.cm, run, publics: [], binSteps: [], arithSteps: [] };
  return deriveColumns(rom, m, { ...rec, run });
}

/** Main's recorded columns, and the executor callbacks that fill row `step − firstStep`. */
export function recorder(N: number, firstStep: number): Omit<RecordedRun, 'run'> & Required<Pick<ExecOptions, 'onRow' | 'onFree'>> {
  const cm: Columns = new Map();
  const col = (name: string) => { const a = new Float64Array(N); cm.set(`Main.${name}`, a); return a; };
  const zkPC = col('zkPC');
  const regs = MAIN_REGISTERS.map((r) => col(r));
  const FREE0 = col('FREE0'), FREE1 = col('FREE1');
  return {
    cm, col, zkPC, regs, FREE0, FREE1,
    onRow: (pc, step, r) => {
      const i = step - firstStep;
      zkPC[i] = pc;
      for (let k = 0; k < regs.length; k++) regs[k]![i] = r[REG_INDEX[k]!]!;
    },
    onFree: (step, f0, f1) => { FREE0[step - firstStep] = f0; FREE1[step - firstStep] = f1; },
  };
}

/** What a run recorded, row by row, for deriveColumns (a segment's run adds its paused rows). */
export interface RecordedRun {
  cm: Columns;
  col: (name: string) => Float64Array;
  zkPC: Float64Array;
  regs: Float64Array[];
  FREE0: Float64Array;
  FREE1: Float64Array;
  run: ExecResult;
  /** segment mode: 1 on paused rows, and each accessed address's value before the segment */
  paused?: Uint8Array;
  before?: Map<number, FieldPair>;
}

/** Every other column, derived from the recorded rows the way the PIL defines it. */
export function deriveColumns(rom: Rom, m: PilModel, rec: RecordedRun): Witness {
  const { cm, col, zkPC, regs, FREE0, FREE1, run, paused } = rec;
  const N = m.N;
  // a paused row is the pause line's: every field 0
  const lineOf = paused === undefined ? (i: number) => zkPC[i]! : (i: number) => (paused[i] ? m.segment!.pauseLine : zkPC[i]!);
  if (paused !== undefined) { const p = col('paused'); for (let i = 0; i < N; i++) p[i] = paused[i]!; }
  const op0c = col('op0'), op1c = col('op1');
  const isNeg = col('isNeg'), inv0 = col('op0Inv0'), inv1 = col('op0Inv1');
  const RB = [col('RB0'), col('RB1'), col('RB2'), col('RB3')];
  const carryC = m.machines.bin ? col('carry') : new Float64Array(N);
  const field = new Map<RomField, Float64Array>();
  for (const f of m.usedFields) field.set(f, col(f));
  // every field has its column in m.rom (0 on every line when unused)
  const rv = (f: RomField): Float64Array => m.rom.get(f)!;
  const R = {
    CONST0: rv('CONST0'), CONST1: rv('CONST1'), inA: rv('inA'), inB: rv('inB'), inC: rv('inC'), inD: rv('inD'),
    inE: rv('inE'), inSP: rv('inSP'), inRR: rv('inRR'), inROTL_C: rv('inROTL_C'), inFREE: rv('inFREE'),
    mOp: rv('mOp'), mWR: rv('mWR'), offset: rv('offset'), ind: rv('ind'), indRR: rv('indRR'),
    isStack: rv('isStack'), isMem: rv('isMem'), JMPN: rv('JMPN'), JMPZ: rv('JMPZ'), JMPC: rv('JMPC'), bin: rv('bin'),
    binOpcode: rv('binOpcode'), arith: rv('arith'), jmpAddr: rv('jmpAddr'), elseAddr: rv('elseAddr'), compJmp: rv('compJmp'),
  };
  const inverse = inverseParts();
  const [A0, A1, B0, B1, C0, C1, D0, D1, E0, E1, SP, RR] = regs as [Float64Array, ...Float64Array[]];

  const memWr = new Uint8Array(N);
  const memKeys: number[] = [];
  const binOps: number[] = []; // step of each binary operation
  const arithOps: number[] = [];
  const bin: BinaryResult = { r0: 0, r1: 0, carry: 0 };
  const ADDR_SHIFT = 2 ** 27; // memory sort key: addr·2^27 + step (addr < 2^26, N ≤ 2^27)

  // ROM fields column by column: one array pair in the inner loop
  for (const [f, c] of field) {
    const romColumn = m.rom.get(f)!;
    for (let i = 0; i < N; i++) c[i] = romColumn[lineOf(i)]!;
  }
  for (let i = 0; i < N; i++) {
    const l = lineOf(i);
    const o0 = R.CONST0[l]! + R.inA[l]! * A0![i]! + R.inB[l]! * B0![i]! + R.inC[l]! * C0![i]! + R.inD[l]! * D0![i]!
      + R.inE[l]! * E0![i]! + R.inSP[l]! * SP![i]! + R.inRR[l]! * RR![i]! + R.inROTL_C[l]! * C1![i]! + R.inFREE[l]! * FREE0[i]!;
    const o1 = R.CONST1[l]! + R.inA[l]! * A1![i]! + R.inB[l]! * B1![i]! + R.inC[l]! * C1![i]! + R.inD[l]! * D1![i]!
      + R.inE[l]! * E1![i]! + R.inROTL_C[l]! * C0![i]! + R.inFREE[l]! * FREE1[i]!;
    op0c[i] = o0; op1c[i] = o1;
    const rel = R.offset[l]! + R.ind[l]! * E0![i]! + R.indRR[l]! * RR![i]! + R.isStack[l]! * SP![i]!;
    // a conditional jump's decision is read off the trace (the next row), so the columns of a
    // forged run that went the other way are the ones its prover would have to supply
    const target = R.compJmp[l] ? rel : R.jmpAddr[l]!;
    const next = zkPC[(i + 1) % N]!;
    const decided = (honest: boolean): boolean => (target === R.elseAddr[l] ? honest : next !== R.elseAddr[l]);
    let rc = 0;
    if (R.JMPN[l]) {
      const neg = decided(o0 < 0) ? 1 : 0;
      isNeg[i] = neg;
      rc = o0 + neg * (TWO32 - 1);
      if (neg && o0 !== 0) inverse(o0, inv0, inv1, i);
    }
    if (R.mOp[l]) {
      rc = rel;
      const addr = R.isStack[l]! * 65536 + R.isMem[l]! * 131072 + rel;
      memKeys.push(addr * ADDR_SHIFT + i);
      memWr[i] = R.mWR[l]!;
    }
    if (rc > 0 && rc < TWO32) {
      RB[0]![i] = rc & 255; RB[1]![i] = (rc >>> 8) & 255; RB[2]![i] = (rc >>> 16) & 255; RB[3]![i] = rc >>> 24;
    }
    // JMPZ taken: no inverse (op0IsZero = 1); not taken: 1/op0
    if (R.JMPZ[l] && o0 !== 0 && !decided(false)) inverse(o0, inv0, inv1, i);
    if (R.bin[l]) {
      binaryOp(R.binOpcode[l]!, A0![i]!, A1![i]!, B0![i]!, B1![i]!, bin);
      carryC[i] = R.JMPC[l] ? (decided(bin.carry === 1) ? 1 : 0) : bin.carry;
      binOps.push(i);
    }
    if (R.arith[l]) arithOps.push(i);
  }

  // a run whose machine rows do not fit N has no trace at this N (a forged run can be longer
  // than the honest one the PIL was sized by)
  const overflow = [
    [m.machines.mem, 'memory machine', memKeys.length, memKeys.length],
    [m.machines.bin, 'binary machine', binOps.length, binOps.length * BINARY_ROWS_PER_OP],
    [m.machines.arith, 'arith machine', arithOps.length, arithOps.length * ARITH_ROWS_PER_OP],
  ].find(([on, , , rows]) => on && (rows as number) > N);
  if (overflow) {
    const [, machine, ops] = overflow;
    const what = `${machine}: ${ops} operations do not fit ${N} rows`;
    const failure = { message: `${rom.fileName}: ${what}`, what, row: 0, step: run.steps, line: 0 };
    return { cm, run: { ...run, status: 'fail', failure }, publics: [], binSteps: [], arithSteps: [] };
  }

  if (m.machines.mem) memoryRows(cm, N, memKeys, ADDR_SHIFT, memWr, op0c, op1c, rec.before);
  if (m.machines.bin) binaryRows(cm, N, binOps, R.binOpcode, zkPC, A0!, A1!, B0!, B1!);
  if (m.machines.arith) arithRows(cm, N, arithOps, [A0!, A1!, B0!, B1!, C0!, C1!, D0!, D1!, op0c, op1c], m.arithBytes);

  // in declaration order: a segment's state publics come first in main.pil.hbs
  const publics = [...(m.segment?.statePublics ?? []), ...m.publics].map((p) => BigInt(cm.get(`Main.${p.column}`)![p.row]!));
  return { cm, run, publics, binSteps: binOps, arithSteps: arithOps };
}

/** Sorted by (address, step); padding rows repeat the last address as reads one step apart. */
function memoryRows(cm: Columns, N: number, keys: number[], shift: number, wr: Uint8Array, v0s: Float64Array, v1s: Float64Array,
  before?: Map<number, FieldPair>): void {
  const sorted = Float64Array.from(keys).sort();
  const names = ['addr', 'step', 'wr', 'v0', 'v1', 'sel', 'lastAccess', 'D0', 'D1', 'D2', 'D3'];
  const [addr, step, w, v0, v1, sel, last, D0, D1, D2, D3] = names.map((n) => {
    const a = new Float64Array(N); cm.set(`Mem.${n}`, a); return a;
  }) as [Float64Array, ...Float64Array[]];
  const n = sorted.length;
  if (n > N) throw new Error(`memory machine: ${n} accesses do not fit ${N} rows`);
  for (let i = 0; i < n; i++) {
    const k = sorted[i]!;
    const a = Math.floor(k / shift);
    const s = k - a * shift;
    addr[i] = a; step[i] = s; w![i] = wr[s]!; v0![i] = v0s[s]!; v1![i] = v1s[s]!; sel![i] = 1;
  }
  for (let i = n; i < N; i++) {
    addr[i] = addr[i - 1]!; step[i] = step[i - 1]! + 1; v0![i] = v0![i - 1]!; v1![i] = v1![i - 1]!;
  }
  if (before !== undefined) {
    // a segment: each address's value before the segment, on every row of the address
    const b0 = new Float64Array(N), b1 = new Float64Array(N);
    cm.set('Mem.b0', b0); cm.set('Mem.b1', b1);
    for (let i = 0; i < N; i++) {
      const b = before.get(addr[i]!);
      if (b === undefined) throw new Error(`memory machine: address ${addr[i]} has no value before the segment`);
      b0[i] = b[0]; b1[i] = b[1];
    }
  }
  for (let i = 0; i < N; i++) {
    const isLast = i === N - 1 || addr[i + 1] !== addr[i];
    last![i] = isLast ? 1 : 0;
    if (i === N - 1) continue;
    const inc = isLast ? addr[i + 1]! - addr[i]! - 1 : step![i + 1]! - step![i]! - 1;
    D0![i] = inc & 255; D1![i] = (inc >>> 8) & 255; D2![i] = (inc >>> 16) & 255; D3![i] = inc >>> 24;
  }
}

function binaryRows(cm: Columns, N: number, ops: number[], opcodes: Float64Array, zkPC: Float64Array,
  A0: Float64Array, A1: Float64Array, B0: Float64Array, B1: Float64Array): void {
  const J = BINARY_CHUNKS_PER_ROW;
  const column = (n: string) => { const arr = new Float64Array(N); cm.set(`Binary.${n}`, arr); return arr; };
  const chunkColumns = (x: string) => Array.from({ length: J }, (_, j) => column(`${x}[${j}]`));
  const opc = column('opcode');
  const [a, b, c] = [chunkColumns('a'), chunkColumns('b'), chunkColumns('c')];
  // the carry into chunk j of a row: cIn, k1 … k(J-1); out of the last: cOut
  const carries = [column('cIn'), ...Array.from({ length: J - 1 }, (_, j) => column(`k${j + 1}`)), column('cOut')];
  const useCarry = column('useCarry');
  const [xA0, xA1, xB0, xB1, xC0, xC1] = ['A0', 'A1', 'B0', 'B1', 'C0', 'C1'].map(column) as [Float64Array, ...Float64Array[]];
  const K = BINARY_ROWS_PER_OP;
  const rowBits = BINARY_CHUNK_BITS * J;
  if (ops.length * K > N) throw new Error(`binary machine: ${ops.length} operations do not fit ${N} rows`);
  const r: ChunkResult = { c: 0, cOut: 0, useCarry: 0 };
  // padding operations are ADD 0 + 0: every column 0 except what the table implies (all 0)
  ops.forEach((step, op) => {
    const code = opcodes[zkPC[step]!]!;
    let carry = 0;
    const acc = [0, 0, 0, 0, 0, 0];
    for (let k = 0; k < K; k++) {
      const i = op * K + k;
      const hi = k >= K / 2 ? 1 : 0;
      const shift = rowBits * (k - hi * (K / 2));
      const aRow = Math.floor((hi ? A1[step]! : A0[step]!) / 2 ** shift) % 2 ** rowBits;
      const bRow = Math.floor((hi ? B1[step]! : B0[step]!) / 2 ** shift) % 2 ** rowBits;
      let cRow = 0;
      opc[i] = code;
      for (let j = 0; j < J; j++) {
        const av = (aRow >>> (BINARY_CHUNK_BITS * j)) & 15;
        const bv = (bRow >>> (BINARY_CHUNK_BITS * j)) & 15;
        binaryChunk(code, av, bv, carry, k === K - 1 && j === J - 1 ? 1 : 0, r);
        a[j]![i] = av; b[j]![i] = bv; c[j]![i] = r.c; carries[j]![i] = carry;
        cRow += r.c * 2 ** (BINARY_CHUNK_BITS * j);
        carry = r.cOut;
      }
      carries[J]![i] = carry;
      useCarry[i] = r.useCarry;
      const f = 2 ** shift;
      if (hi) { acc[1]! += aRow * f; acc[3]! += bRow * f; acc[5]! += cRow * f; } else { acc[0]! += aRow * f; acc[2]! += bRow * f; acc[4]! += cRow * f; }
      xA0![i] = acc[0]!; xA1![i] = acc[1]!; xB0![i] = acc[2]!; xB1![i] = acc[3]!; xC0![i] = acc[4]!; xC1![i] = acc[5]!;
    }
  });
}

/** A·B + C = D·2^64 + E in 16-bit chunks, 8 rows per operation (see arith.pil.hbs). */
function arithRows(cm: Columns, N: number, ops: number[], src: Float64Array[], byteChecks: boolean): void {
  const K = ARITH_ROWS_PER_OP;
  if (ops.length * K > N) throw new Error(`arith machine: ${ops.length} operations do not fit ${N} rows`);
  const chunkCols: Float64Array[][] = ['a', 'b', 'c', 'd', 'e'].map((x) => [0, 1, 2, 3].map((k) => {
    const arr = new Float64Array(N); cm.set(`Arith.${x}[${k}]`, arr); return arr;
  }));
  const bs = [0, 1, 2, 3].map((k) => { const arr = new Float64Array(N); cm.set(`Arith.bs[${k}]`, arr); return arr; });
  const carryLo = new Float64Array(N); cm.set('Arith.carryLo', carryLo);
  const carryHi = new Float64Array(N); cm.set('Arith.carryHi', carryHi);
  // N < 2^16: the byte pairs of the six 16-bit values each row range-checks (arith.pil.hbs)
  const rb = byteChecks ? Array.from({ length: 12 }, (_, j) => { const arr = new Float64Array(N); cm.set(`Arith.rb[${j}]`, arr); return arr; }) : undefined;
  // source limbs: A0 A1 B0 B1 C0 C1 D0 D1 E0 E1 → chunks of a b c d e
  ops.forEach((step, op) => {
    const ch = [0, 1, 2, 3, 4].map((v) => {
      const lo = src[2 * v]![step]!, hi = src[2 * v + 1]![step]!;
      return [lo % 65536, Math.floor(lo / 65536), hi % 65536, Math.floor(hi / 65536)];
    });
    const [a, b, c, d, e] = ch as [number[], number[], number[], number[], number[]];
    let carry = 0;
    for (let k = 0; k < K; k++) {
      const i = op * K + k;
      for (let v = 0; v < 5; v++) for (let j = 0; j < 4; j++) chunkCols[v]![j]![i] = ch[v]![j]!;
      let conv = 0;
      for (let j = 0; j < 4; j++) {
        const bj = k - j >= 0 && k - j < 4 ? b[k - j]! : 0;
        bs[j]![i] = bj;
        conv += a[j]! * bj;
      }
      const cin = k < 4 ? c[k]! : 0;
      const out = k < 4 ? e[k]! : d[k - 4]!;
      const total = conv + cin + carry - out;
      carry = Math.floor(total / 65536); // exact for an honest operation
      if (carry < 0) carry = 0; // a forged operation: its equation fails in the PIL
      carryLo[i] = carry % 65536; carryHi[i] = Math.floor(carry / 65536);
      if (rb) {
        const checked = [out, cin, carryLo[i]!, carryHi[i]!, k < 4 ? a[k]! : 0, k < 4 ? b[k]! : 0];
        checked.forEach((v, j) => { rb[2 * j]![i] = v & 255; rb[2 * j + 1]![i] = Math.floor(v / 256) & 255; });
      }
    }
  });
}

/**
 * Writes 1/x as two 32-bit parts (so each cell is an exact double), memoised: the padding loop
 * repeats one JMPN operand on most rows of a short program.
 */
function inverseParts(): (x: number, lo: Float64Array, hi: Float64Array, row: number) => void {
  const memo = new Map<number, [number, number]>();
  return (x, lo, hi, row) => {
    let parts = memo.get(x);
    if (parts === undefined) {
      const inv = fieldInverse(x);
      parts = [Number(inv & 0xffffffffn), Number(inv >> 32n)];
      memo.set(x, parts);
    }
    lo[row] = parts[0]; hi[row] = parts[1];
  };
}

/** 1/x in the Goldilocks field, x a non-zero signed integer. */
export function fieldInverse(x: number): bigint {
  let a = BigInt(x) % FIELD_P;
  if (a < 0n) a += FIELD_P;
  let result = 1n;
  let e = FIELD_P - 2n;
  while (e > 0n) {
    if (e & 1n) result = (result * a) % FIELD_P;
    a = (a * a) % FIELD_P;
    e >>= 1n;
  }
  return result;
}
