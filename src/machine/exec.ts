// The executor: runs assembled zkASM-64 ROM rows with Polygon's semantics (reference §4, §9),
// checking every operation, counting steps and secondary-machine operations. It is also the
// witness generator of the proof, so any violated check ends the run with a FAIL naming the
// zkASM line and the WASM function / byte offset the row came from.
//
// Field elements are held as plain numbers: a limb is an integer n with n ≡ value (mod p) and
// |n| < 2^53 (negative n stands for p − |n|). Canonical limbs are 0 ≤ n < 2^32.

import type { Rom, SourceLoc } from '../zkasm/rom.js';
import { binaryOp, type BinaryResult, MEM_LAYOUT, COMPUTED_JUMP_LIMIT, TWO32 } from './isa.js';
import { ADDR, CNT, COMPUTED, decodeRom, FLAG, JUMP, R, type DecodedRom } from './decode.js';
import { FreeInputError, scalarToLimbs, type FieldPair, type FreeEnv } from './free-input.js';
import { arithHolds, memAlignRead, memAlignWrite, memAlignWrite8 } from './arith.js';
import { PagedMemory } from './memory.js';
import { missingLabel } from '../diagnostics.js';

export interface Counters {
  steps: number;
  binary: number;
  arith: number;
  memAlign: number;
  keccakF: number;
  /** memory operations (rows of the Mem machine) */
  mem: number;
}

export interface ExecFailure {
  /** `file.zkasm:LINE: what (context)` */
  message: string;
  what: string;
  row: number;
  step: number;
  line: number;
  source?: SourceLoc;
}

export interface ExecResult {
  /** 'paused': a segment limit was reached (ExecOptions.segment); `resume` continues the run */
  status: 'pass' | 'fail' | 'paused';
  steps: number;
  counters: Counters;
  failure?: ExecFailure;
  /** free-input values taken (bare `$` and `${…}`), for tamper tests */
  freeInputs: number;
  /** the memory at the end of the run */
  memory: PagedMemory;
  /** a paused run: the state to give ExecOptions.resume (with the same memory) to go on */
  resume?: ResumeState;
  /**
   * segments: each address this segment accessed, with its value before the segment's first
   * access (in the order of first access)
   */
  touched?: Map<number, FieldPair>;
}

/** Where a paused run stands: everything the executor needs to go on besides its memory. */
export interface ResumeState {
  zkPC: number;
  /** steps executed before this point (the run's step count, not the segment's) */
  step: number;
  /** the register file (R order) */
  regs: Float64Array;
  /** the input tape position and free inputs taken so far */
  inputPos: number;
  freeInputs: number;
  /** the secondary-machine counters so far (CNT order) */
  counters: Float64Array;
}

/**
 * How much one segment may hold: a run with ExecOptions.segment pauses before the step that
 * could take one of these beyond its limit (each step adds at most one to each).
 */
export interface SegmentLimits {
  steps: number;
  binary: number;
  arith: number;
  /** memory operations */
  mem: number;
  /** distinct addresses accessed */
  touched: number;
}

export interface Tamper {
  /** 0-based index of the free-input value to replace */
  index: number;
  replace(limbs: FieldPair): FieldPair;
}

export interface ExecOptions {
  /** stop with FAIL after this many steps (default 2^28) */
  maxSteps?: number;
  /** prover shape: run the padding to exactly N rows and check the final state; debug mode if absent */
  stepsN?: number;
  /** label where the program ends (default `finalizeExecution`) */
  endLabel?: string;
  /** initial SP / CTX / GAS (default 0) */
  initial?: { SP?: number; CTX?: number; GAS?: number };
  /** private input tape for `${input()}` */
  inputs?: bigint[];
  /** test-only: replace one free-input value */
  tamper?: Tamper;
  /**
   * test-only (the forgery catalogue): do not check ASSERT, binary, arithmetic and memory reads, so
   * a tampered free input yields the trace a cheating prover would submit, for the PIL to reject
   */
  unchecked?: boolean;
  /**
   * test-only (the cheating-prover harness): at these steps the row's conditional jump (JMPN,
   * JMPZ, JMPC) goes the other way; with `unchecked`, the run then goes on as a prover would
   */
  flipJumps?: ReadonlySet<number>;
  /** begin at this label instead of ROM row 0 */
  startLabel?: string;
  /** memory to run on (kept between runs of the same program); fresh if absent */
  memory?: PagedMemory;
  /** words addressable in the MEM: region (default: this machine's; Polygon's executor has 0x20000) */
  memWords?: number;
  /** debugging: called before every row with the row index and the register file */
  onRow?: (zkPC: number, step: number, regs: Float64Array) => void;
  /** witness generation: called with the free-input value a row takes (after any tamper) */
  onFree?: (step: number, free0: number, free1: number) => void;
  /** segments: go on from a paused run's state (its `memory` must be given too) */
  resume?: ResumeState;
  /** segments: pause when the next step could exceed one of these (debug mode only) */
  segment?: SegmentLimits;
  /** segments: record the addresses accessed (ExecResult.touched) without limits */
  trackTouched?: boolean;
}

class Fail extends Error {
  constructor(readonly what: string) { super(what); }
}

const MAX_EXACT = 2 ** 52;
/** Words of the MEM: region on this machine (Polygon's executor stops at 0x20000). */
export const MACHINE_MEM_WORDS = 2 ** 24;
const DEFAULT_MAX_STEPS = 2 ** 28;

/** Decoded once per ROM: spec runs execute one program many times. */
const decoded = new WeakMap<Rom, DecodedRom>();

export function execute(rom: Rom, opts: ExecOptions = {}): ExecResult {
  let d = decoded.get(rom);
  if (!d) { d = decodeRom(rom); decoded.set(rom, d); }
  const endLabel = opts.endLabel ?? 'finalizeExecution';
  const endPc = rom.labels.get(endLabel);
  if (endPc === undefined) throw missingLabel(rom.fileName, endLabel, 'where the run ends');
  let startPc = 0;
  if (opts.startLabel !== undefined) {
    const pc = rom.labels.get(opts.startLabel);
    if (pc === undefined) throw missingLabel(rom.fileName, opts.startLabel, 'where the run starts');
    startPc = pc;
  }
  return run(rom, d, endPc, startPc, opts);
}

function run(rom: Rom, d: DecodedRom, endPc: number, startPc: number, opts: ExecOptions): ExecResult {
  const maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
  const stepsN = opts.stepsN ?? -1;
  const regs = new Float64Array(R.SIZE);
  regs[R.SP] = opts.initial?.SP ?? 0;
  regs[R.CTX] = opts.initial?.CTX ?? 0;
  regs[R.GAS] = opts.initial?.GAS ?? 0;
  const initial = Float64Array.from(regs);
  const cnt = new Float64Array(CNT.SIZE);
  const resume = opts.resume;
  if (resume !== undefined) {
    if (opts.memory === undefined) throw new Error('a resumed run needs the memory of the run it continues');
    regs.set(resume.regs);
    cnt.set(resume.counters);
  }
  const mem = opts.memory ?? new PagedMemory();
  const memLimit = opts.memWords ?? MACHINE_MEM_WORDS;
  const bin: BinaryResult = { r0: 0, r1: 0, carry: 0 };
  const free: FieldPair = [0, 0];
  const tamper = opts.tamper;
  const onRow = opts.onRow;
  const onFree = opts.onFree;
  const unchecked = opts.unchecked === true;
  const flips = opts.flipJumps;
  const inputs = opts.inputs ?? [];
  let inputPos = resume?.inputPos ?? 0;
  let freeCount = resume?.freeInputs ?? 0;
  const limits = opts.segment;
  if (limits !== undefined && stepsN >= 0) throw new Error('segments are run in debug mode (no stepsN)');
  const touched = limits === undefined && !opts.trackTouched ? undefined : new Map<number, FieldPair>();

  const { n, const0, const1, inStart, inSrc, inCoef, freeKind, inFree, freeFn, flags, binOp, setMask,
    addrFlags, offset, incStack, jump, jmpAddr, elseAddr } = d;

  let zkPC = resume?.zkPC ?? startPc;
  let step = resume?.step ?? 0;
  let endStep = -1;
  // segments: the counters where this segment began, and the next step at which to look at them
  const segStep = step, segBinary = cnt[CNT.BINARY]!, segArith = cnt[CNT.ARITH]!, segMem = cnt[CNT.MEM]!;
  const room = (): number => Math.min(limits!.steps - (step - segStep), limits!.binary - (cnt[CNT.BINARY]! - segBinary),
    limits!.arith - (cnt[CNT.ARITH]! - segArith), limits!.mem - (cnt[CNT.MEM]! - segMem), limits!.touched - touched!.size);
  let nextLook = limits === undefined ? -1 : step;
  let paused = false;

  const env: FreeEnv = {
    reg64: (r) => {
      const k = 2 * 'ABCDE'.indexOf(r);
      return BigInt(canonical(regs[k]!, r)) | (BigInt(canonical(regs[k + 1]!, r)) << 32n);
    },
    reg1: (r) => (r === 'STEP' ? step : r === 'zkPC' ? zkPC : regs[R[r as 'SP']]!),
    get step() { return step; },
    stepsN,
    input: () => {
      if (inputPos >= inputs.length) {
        if (unchecked) return 0n; // a forged run: its prover may extend the private tape at will
        throw new FreeInputError('the input tape is exhausted');
      }
      return inputs[inputPos++]!;
    },
  };

  try {
    for (;;) {
      if (zkPC === endPc && endStep < 0) {
        endStep = step;
        if (stepsN < 0) break;
      }
      if (stepsN >= 0 && step === stepsN) {
        if (zkPC !== 0) throw new Fail(`the trace does not wrap to row 0 after ${stepsN} steps (zkPC = ${zkPC})`);
        if (!unchecked) checkFinalState(regs, initial); // a forged run: the PIL judges the end state
        break;
      }
      if (step === nextLook) {
        const r = room();
        if (r <= 0) { paused = true; break; }
        nextLook = step + r;
      }
      if (step >= maxSteps) throw new Fail(`step limit ${maxSteps} reached`);
      if (onRow !== undefined) onRow(zkPC, step, regs);
      if (zkPC < 0 || zkPC >= n) throw new Fail(`zkPC ${zkPC} is outside the ROM (${n} rows)`);
      const r = zkPC;

      // ---- op = Σ in_X·X + CONST
      let op0 = const0[r]!;
      let op1 = const1[r]!;
      for (let k = inStart[r]!, e = inStart[r + 1]!; k < e; k++) {
        const s = inSrc[k]!;
        const c = inCoef[k]!;
        if (s < 5) { op0 += c * regs[2 * s]!; op1 += c * regs[2 * s + 1]!; }
        else if (s < 12) op0 += c * regs[s + 5]!;
        else if (s === 12) op0 += c * step;
        else if (s === 13) { op0 += c * regs[R.C1]!; op1 += c * regs[R.C0]!; }
        else op0 += c * cnt[s - 14]!;
      }

      const fl = flags[r]!;
      let carry = 0;
      // binary ops are computed first: they may be the producer of a bare `$`
      if (fl & FLAG.BIN) {
        const a0 = canonical(regs[R.A0]!, 'A'), a1 = canonical(regs[R.A1]!, 'A');
        const b0 = canonical(regs[R.B0]!, 'B'), b1 = canonical(regs[R.B1]!, 'B');
        binaryOp(binOp[r]!, a0, a1, b0, b1, bin);
        carry = bin.carry;
      }

      // ---- address (memory ops and computed jumps)
      let addr = 0;
      const af = addrFlags[r]!;
      let addrRel = offset[r]!;
      if (af & ADDR.IND) {
        // this machine pins the index register whole: E1 must be 0 (Polygon's ignores E1)
        if (regs[R.E1] !== 0) throw new Fail(`index register E has a non-zero high limb (${regs[R.E1]})`);
        addrRel += fe2n(regs[R.E0]!, 'E0');
      }
      if (af & ADDR.IND_RR) addrRel += regs[R.RR]!;
      if (fl & (FLAG.MLOAD | FLAG.MSTORE)) {
        if (af & ADDR.IS_STACK) addrRel += regs[R.SP]!;
        if (addrRel < 0) throw new Fail(`address can not be negative (${addrRel})`);
        if (addrRel >= ((af & ADDR.IS_MEM) ? memLimit : MEM_LAYOUT.otherLimit)) {
          throw new Fail(`address too big (${addrRel})`);
        }
        addr = ((af & ADDR.USE_CTX) ? regs[R.CTX]! * MEM_LAYOUT.ctxShift : 0)
          + ((af & ADDR.IS_STACK) ? MEM_LAYOUT.stackBase : 0) + ((af & ADDR.IS_MEM) ? MEM_LAYOUT.memBase : 0)
          + addrRel;
        cnt[CNT.MEM]!++;
        if (touched !== undefined && !touched.has(addr)) touched.set(addr, [mem.get0(addr), mem.get1(addr)]);
      }

      // ---- free input
      const fk = freeKind[r]!;
      if (fk !== 0) {
        if (fk === 1) {
          if (fl & FLAG.MLOAD) { free[0] = mem.get0(addr); free[1] = mem.get1(addr); }
          else if (fl & FLAG.BIN) { free[0] = bin.r0; free[1] = bin.r1; }
          else if (fl & FLAG.MALIGN_RD) scalarToLimbs(memAlignRead(regs), free);
          else throw new Fail('empty free input without a producing operation');
        } else {
          let v;
          try {
            v = freeFn[r]!(env);
          } catch (e) {
            if (e instanceof FreeInputError) throw new Fail(`free input: ${e.message}`);
            throw e;
          }
          if (typeof v === 'bigint') scalarToLimbs(v, free);
          else { free[0] = v[0]; free[1] = v[1]; }
        }
        if (tamper !== undefined && freeCount === tamper.index) {
          const t = tamper.replace([free[0], free[1]]);
          free[0] = t[0]; free[1] = t[1];
        }
        freeCount++;
        if (onFree !== undefined) onFree(step, free[0], free[1]);
        const c = inFree[r]!;
        op0 += c * free[0];
        op1 += c * free[1];
      }
      if (op0 > MAX_EXACT || op0 < -MAX_EXACT || op1 > MAX_EXACT || op1 < -MAX_EXACT) {
        throw new Fail('field value beyond the exact range of this executor');
      }

      // ---- checks and effects
      if (fl !== 0 && unchecked) {
        if (fl & FLAG.BIN) cnt[CNT.BINARY]!++;
        if (fl & FLAG.ARITH) cnt[CNT.ARITH]!++;
        if (fl & FLAG.MSTORE) mem.set(addr, op0, op1);
      } else if (fl !== 0) {
        if (fl & FLAG.BIN) {
          cnt[CNT.BINARY]!++;
          if (op0 !== bin.r0 || op1 !== bin.r1) {
            throw new Fail(`binary operation does not match (op = ${limbsHex(op0, op1)}, expected ${limbsHex(bin.r0, bin.r1)})`);
          }
        }
        if (fl & FLAG.ASSERT) {
          if (regs[R.A0] !== op0 || regs[R.A1] !== op1) {
            throw new Fail(`assert does not match (A = ${limbsHex(regs[R.A0]!, regs[R.A1]!)}, op = ${limbsHex(op0, op1)})`);
          }
        }
        if (fl & FLAG.MLOAD) {
          if (mem.get0(addr) !== op0 || mem.get1(addr) !== op1) {
            throw new Fail(`memory read does not match (mem[${addr}] = ${limbsHex(mem.get0(addr), mem.get1(addr))}, op = ${limbsHex(op0, op1)})`);
          }
        }
        if (fl & FLAG.MSTORE) mem.set(addr, op0, op1);
        if (fl & FLAG.ARITH) {
          cnt[CNT.ARITH]!++;
          for (let k = 0; k < 8; k++) canonical(regs[k]!, 'ABCD'[k >> 1]!);
          if (!arithHolds(regs, canonical(op0, 'op'), canonical(op1, 'op'))) throw new Fail('arithmetic does not match');
        }
        if (fl & (FLAG.MALIGN_RD | FLAG.MALIGN_WR | FLAG.MALIGN_WR8)) {
          cnt[CNT.MEM_ALIGN]!++;
          memAlignCheck(fl, regs, op0, op1);
        }
      }

      // ---- next zkPC (reads the current RR, so before the register writes)
      let next = zkPC + 1;
      if ((fl & FLAG.REPEAT) && regs[R.RCX] !== 0) next = zkPC;
      const jk = jump[r]!;
      if (jk !== JUMP.NONE) {
        let taken: boolean;
        switch (jk) {
          case JUMP.JMP: case JUMP.CALL: case JUMP.RETURN: taken = true; break;
          case JUMP.JMPZ: taken = op0 === 0; break;
          case JUMP.JMPC: taken = carry === 1; break;
          default: { // JMPN
            if (op0 >= 0 && op0 < TWO32) taken = false;
            else if (op0 < 0 && op0 > -TWO32) taken = true;
            else throw new Fail(`on JMPN value ${op0} not a valid 32bit value`);
          }
        }
        if (flips !== undefined && jk !== JUMP.JMP && jk !== JUMP.CALL && jk !== JUMP.RETURN && flips.has(step)) taken = !taken;
        if (taken) {
          const t = jmpAddr[r]!;
          if (jk === JUMP.RETURN) next = regs[R.RR]!;
          else if (t !== COMPUTED) next = t;
          else {
            if (addrRel < 0) throw new Fail(`address can not be negative (${addrRel})`);
            if (addrRel >= COMPUTED_JUMP_LIMIT) throw new Fail(`address too big (${addrRel})`);
            next = addrRel;
          }
        } else {
          next = elseAddr[r]!;
        }
      }

      // ---- register writes (land on the next row)
      const sm = setMask[r]!;
      if (sm !== 0) {
        if (sm & 1) { regs[R.A0] = op0; regs[R.A1] = op1; }
        if (sm & 2) { regs[R.B0] = op0; regs[R.B1] = op1; }
        if (sm & 4) { regs[R.C0] = op0; regs[R.C1] = op1; }
        if (sm & 8) { regs[R.D0] = op0; regs[R.D1] = op1; }
        if (sm & 16) { regs[R.E0] = op0; regs[R.E1] = op1; }
        if (sm & 0xfe0) {
          const v = fe2n(op0, 'op0');
          for (let k = 5; k < 12; k++) if (sm & (1 << k)) regs[R.SP + k - 5] = v;
        }
      }
      if (!(sm & 32)) regs[R.SP]! += incStack[r]!;
      if (jk === JUMP.CALL) regs[R.RR] = zkPC + 1;
      if (next === zkPC && (fl & FLAG.REPEAT)) regs[R.RCX]!--;
      zkPC = next;
      step++;
    }
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    return {
      status: 'fail',
      steps: step,
      counters: counters(step, cnt),
      failure: failure(rom, zkPC, step, e.what),
      freeInputs: freeCount,
      memory: mem,
      ...(touched === undefined ? {} : { touched }),
    };
  }
  const segment = touched === undefined ? {} : { touched };
  if (paused) {
    const state: ResumeState = { zkPC, step, regs: Float64Array.from(regs), inputPos, freeInputs: freeCount, counters: Float64Array.from(cnt) };
    return { status: 'paused', steps: step, counters: counters(step, cnt), freeInputs: freeCount, memory: mem, resume: state, ...segment };
  }
  return { status: 'pass', steps: endStep, counters: counters(endStep, cnt), freeInputs: freeCount, memory: mem, ...segment };
}

function counters(steps: number, cnt: Float64Array): Counters {
  return {
    steps,
    binary: cnt[CNT.BINARY]!,
    arith: cnt[CNT.ARITH]!,
    memAlign: cnt[CNT.MEM_ALIGN]!,
    keccakF: cnt[CNT.KECCAK_F]!,
    mem: cnt[CNT.MEM]!,
  };
}

/** A limb that an operation reads as part of a 64-bit number must be canonical. */
function canonical(v: number, what: string): number {
  if (v >= 0 && v < TWO32) return v;
  throw new Fail(`invalid value ${v < 0 ? `p${v}` : v} to convert to scalar (${what})`);
}

/** Polygon's fe2n: a field element read as a signed 32-bit number. */
function fe2n(v: number, what: string): number {
  if (v > 0x7fffffff || v < -0x7fffffff) throw new Fail(`accessing a no 32bit value (${what} = ${v})`);
  return v;
}

function limbsHex(l0: number, l1: number): string {
  if (l0 >= 0 && l0 < TWO32 && l1 >= 0 && l1 < TWO32) {
    return `0x${(BigInt(l1) * 2n ** 32n + BigInt(l0)).toString(16)}`;
  }
  return `[${l0}, ${l1}]`;
}

function memAlignCheck(fl: number, regs: Float64Array, op0: number, op1: number): void {
  for (let k = 0; k < 10; k++) canonical(regs[k]!, 'ABCDE'[k >> 1]!);
  const c = regs[R.C0]!;
  if (regs[R.C1] !== 0 || c > 6) throw new Fail(`memAlign out of range (${c})`);
  const opv = BigInt(canonical(op0, 'op')) | (BigInt(canonical(op1, 'op')) << 32n);
  if (fl & FLAG.MALIGN_RD) {
    if (memAlignRead(regs) !== opv) throw new Fail('memAlign read does not match');
  } else if (fl & FLAG.MALIGN_WR8) {
    if (!memAlignWrite8(regs, opv)) throw new Fail('memAlign write8 does not match');
  } else if (!memAlignWrite(regs, opv)) {
    throw new Fail('memAlign write does not match');
  }
}

function checkFinalState(regs: Float64Array, initial: Float64Array): void {
  const names = ['A0', 'A1', 'B0', 'B1', 'C0', 'C1', 'D0', 'D1', 'E0', 'E1', 'SP', 'CTX', 'PC', 'GAS', 'RR', 'RCX', 'HASHPOS'];
  for (let k = 0; k < R.SIZE; k++) {
    if (regs[k] !== initial[k]) throw new Fail(`final state: ${names[k]} = ${regs[k]} instead of ${initial[k]}`);
  }
}

function failure(rom: Rom, row: number, step: number, what: string): ExecFailure {
  const r = rom.rows[row];
  const line = r?.line ?? 0;
  const where = `${rom.fileName}:${line}`;
  const ctx = [`step ${step}`];
  if (r?.source) ctx.push(`func ${r.source.funcName} @0x${r.source.offset.toString(16)} ${r.source.text}`.trimEnd());
  return {
    message: `${where}: ${what} (${ctx.join(', ')})`,
    what, row, step, line, ...(r?.source ? { source: r.source } : {}),
  };
}
