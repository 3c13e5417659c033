// A run cut into segments (issue 11's continuations): the executor pauses whenever the next step
// could overflow one of the segment's machines, and each segment is described by what its proof
// will bind — the state it starts from, the state it ends in, and for every address it accesses
// the value before its first access and the value after its last. Nothing else crosses a
// segment boundary, so the memory a segment needs is its own (docs/segments.md).
//
// Segments are produced one at a time (a generator): a caller that checks or proves each one and
// lets it go holds one segment at a time, whatever the run's length.

import type { Rom } from '../zkasm/rom.js';
import { execute, type ExecFailure, type ResumeState, type SegmentLimits } from '../machine/exec.js';
import { PagedMemory } from '../machine/memory.js';
import { CNT, R } from '../machine/decode.js';
import type { FieldPair } from '../machine/free-input.js';
import { BINARY_ROWS_PER_OP } from '../pil/binary-table.js';
import { ARITH_ROWS_PER_OP } from '../pil/model.js';

/** The registers a segment boundary carries, in this order (limbs as the executor holds them). */
export const BOUNDARY_REGISTERS = ['A0', 'A1', 'B0', 'B1', 'C0', 'C1', 'D0', 'D1', 'E0', 'E1', 'SP', 'RR'] as const;

/** The machine state at a segment boundary: the next row's zkPC and registers. */
export interface BoundaryState {
  zkPC: number;
  /** BOUNDARY_REGISTERS' values */
  regs: number[];
}

/** One address a segment accessed: its value before the segment and after it (two limbs each). */
export interface MemoryEntry {
  addr: number;
  before: FieldPair;
  after: FieldPair;
}

export interface Segment {
  index: number;
  /** run steps before this segment, and in it */
  firstStep: number;
  steps: number;
  start: BoundaryState;
  end: BoundaryState;
  /** the segment's secondary-machine operations */
  binary: number;
  arith: number;
  mem: number;
  /** every address the segment accessed, by increasing address */
  memory: MemoryEntry[];
  /** the run ends in this segment (at the end label; the proof adds the padding and epilogue) */
  final: boolean;
  /** where the executor resumes to run this segment again (undefined: the run's start) */
  resume?: ResumeState;
}

/** Rows a segment's PIL has for what a step can add, besides Main's; see docs/segments.md. */
export interface SegmentShape {
  /** rows of every namespace */
  N: number;
  /** Main rows the final segment needs after the run's last step (padding loop to restart) */
  tailRows: number;
  /** Mem rows the final segment's epilogue adds */
  tailMem: number;
  /** rows of the memory commitment per accessed address */
  rowsPerTouched: number;
}

/** How much a segment of this shape may execute. */
export function segmentLimits(s: SegmentShape): SegmentLimits {
  return {
    steps: s.N - s.tailRows,
    binary: Math.floor(s.N / BINARY_ROWS_PER_OP),
    arith: Math.floor(s.N / ARITH_ROWS_PER_OP),
    mem: s.N - s.tailMem,
    touched: Math.floor(s.N / s.rowsPerTouched),
  };
}

export class SegmentRunFailure extends Error {
  constructor(readonly failure: ExecFailure, readonly segment: number) {
    super(failure.message);
  }
}

/**
 * The memory list of a segment from what its run accessed (values before the segment) and the
 * memory after it, by increasing address. A segment that accessed no memory lists address 0:
 * its memory machine's padding rows read it.
 */
export function memoryList(touched: Map<number, FieldPair>, memory: PagedMemory): MemoryEntry[] {
  const entries = [...touched].sort((a, b) => a[0] - b[0])
    .map(([addr, was]): MemoryEntry => ({ addr, before: was, after: [memory.get0(addr), memory.get1(addr)] }));
  if (entries.length === 0) {
    const v: FieldPair = [memory.get0(0), memory.get1(0)];
    entries.push({ addr: 0, before: v, after: [...v] });
  }
  return entries;
}

const boundary = (zkPC: number, regs: Float64Array): BoundaryState => ({
  zkPC, regs: BOUNDARY_REGISTERS.map((r) => regs[R[r]]!),
});

/**
 * The segments of one run of `rom` on `inputs`, each as soon as it is executed. A run that
 * fails throws SegmentRunFailure (the segments before it were already given out).
 */
export function* runSegments(rom: Rom, inputs: bigint[], limits: SegmentLimits, maxSteps?: number,
  memory = new PagedMemory()): Generator<Segment> {
  if (Object.values(limits).some((v) => !(v >= 1))) throw new Error(`a segment must hold at least one step of each kind (${JSON.stringify(limits)})`);
  let state: ResumeState | undefined;
  for (let index = 0; ; index++) {
    const before = state;
    const r = execute(rom, {
      inputs, memory, segment: limits,
      ...(before ? { resume: before } : {}), ...(maxSteps === undefined ? {} : { maxSteps }),
    });
    if (r.status === 'fail') throw new SegmentRunFailure(r.failure!, index);
    const start = before ? boundary(before.zkPC, before.regs) : boundary(0, new Float64Array(R.SIZE));
    const firstStep = before?.step ?? 0;
    const counted = (k: 'binary' | 'arith' | 'mem', slot: number) => r.counters[k] - (before?.counters[slot] ?? 0);
    const memoryEntries = memoryList(r.touched!, memory);
    const final = r.status === 'pass';
    yield {
      index, firstStep, steps: r.steps - firstStep,
      start,
      // the final segment's end is the restart row's: line 0, every register 0 (checked by its proof)
      end: final ? boundary(0, new Float64Array(R.SIZE)) : boundary(r.resume!.zkPC, r.resume!.regs),
      binary: counted('binary', CNT.BINARY), arith: counted('arith', CNT.ARITH), mem: counted('mem', CNT.MEM),
      memory: memoryEntries, final,
      ...(before ? { resume: before } : {}),
    };
    if (final) return;
    state = r.resume;
  }
}
