// The committed polynomials of one segment's PIL (docs/segments.md): the executor re-runs the
// segment from its start state, recording rows 0.. of its steps; the rows after its last step are
// paused (the pause line: zkPC and registers kept); the final segment runs in prover shape, its
// restart row at N − 2. The memory machine's first reads take each address's value before the
// segment. Everything else is derived as for a whole run (witness.ts).

import type { Rom } from '../zkasm/rom.js';
import { execute, type ExecOptions } from '../machine/exec.js';
import type { PagedMemory } from '../machine/memory.js';
import type { FieldPair } from '../machine/free-input.js';
import type { PilModel } from './model.js';
import { deriveColumns, recorder, type Witness } from './witness.js';
import { memoryList, type MemoryEntry, type Segment } from '../segments/run.js';
import { memorySequence } from '../segments/memory-digest.js';
import { blocksOf, ROWS_PER_PERM } from './poseidon/layout.js';
import { poseidonWitness } from './poseidon/witness.js';

const UNLIMITED = 2 ** 52;

/**
 * The witness of segment `seg` of a run. `memory` must hold the memory at the segment's start;
 * it holds the memory at its end afterwards.
 */
export interface SegmentWitness extends Witness {
  /** the segment's memory list (the final segment's includes what its epilogue reads) */
  memory: MemoryEntry[];
  /** the Poseidon machine's columns (full 64-bit field elements), when the PIL has one */
  poseidon: Map<string, Float64Array | BigUint64Array>;
}

export function segmentWitness(rom: Rom, m: PilModel, seg: Segment, memory: PagedMemory,
  opts: Pick<ExecOptions, 'inputs'> = {}): SegmentWitness {
  if (!m.segment) throw new Error('segmentWitness needs a segment-mode PIL model');
  const N = m.N;
  const first = seg.firstStep;
  const { onRow, onFree, ...rec } = recorder(N, first);
  const { cm, col, zkPC, regs, FREE0, FREE1 } = rec;
  const common = { ...opts, memory, onRow, onFree, trackTouched: true, ...(seg.resume ? { resume: seg.resume } : {}) };
  const run = seg.final
    // prover shape: the run's end, its padding loop and epilogue, the restart row at N − 2
    ? execute(rom, { ...common, stepsN: first + N - 1 })
    : execute(rom, { ...common, segment: { steps: seg.steps, binary: UNLIMITED, arith: UNLIMITED, mem: UNLIMITED, touched: UNLIMITED } });
  const executed = seg.final ? N - 1 : seg.steps;
  if (run.status === 'fail' || (!seg.final && (run.status !== 'paused' || run.steps !== first + seg.steps))) {
    const failure = run.failure ?? { message: `${rom.fileName}: segment ${seg.index} did not pause after ${seg.steps} steps`, what: 'segment length', row: 0, step: run.steps, line: 0 };
    return { cm, run: { ...run, status: 'fail', failure }, publics: [], binSteps: [], arithSteps: [], memory: [], poseidon: new Map() };
  }
  // paused rows: the state after the last step (the restart row's for the final segment)
  const paused = new Uint8Array(N);
  const endPc = seg.end.zkPC;
  for (let i = executed; i < N; i++) {
    paused[i] = 1;
    zkPC[i] = endPc;
    for (let k = 0; k < regs.length; k++) regs[k]![i] = seg.end.regs[k]!;
  }
  // the run's own list: the final segment's includes what its epilogue reads
  const list = memoryList(run.touched!, memory);
  const before = new Map<number, FieldPair>(list.map((e) => [e.addr, e.before]));
  const w = deriveColumns(rom, m, { cm, col, zkPC, regs, FREE0, FREE1, run: { ...run, status: 'pass' }, paused, before });
  const layout = m.segment.memoryDigest;
  if (!layout) return { ...w, memory: list, poseidon: new Map() };
  // the list's hash, its last block in the last slot; the digest publics come last in the PIL
  const sequence = memorySequence(list);
  const slots = N / ROWS_PER_PERM;
  const blocks = blocksOf(sequence.length);
  if (blocks > slots) {
    const failure = { message: `${rom.fileName}: segment ${seg.index}: ${list.length} addresses do not fit the memory digest's ${slots - 1}`, what: 'memory digest', row: 0, step: run.steps, line: 0 };
    return { ...w, run: { ...run, status: 'fail', failure }, memory: list, poseidon: new Map() };
  }
  const p = poseidonWitness(N, [{ input: sequence, slot: slots - blocks }]);
  return { ...w, publics: [...w.publics, ...p.digests[0]!], memory: list, poseidon: p.cols };
}
