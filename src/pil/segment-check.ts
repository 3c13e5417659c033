// `check --segment-rows N`: a run checked segment by segment (docs/segments.md). One PIL (and
// one set of constants) serves every segment; each segment's witness is built, checked and
// dropped before the next one runs, so memory depends on N, not on the run's length. Then the
// verifier's view of each segment — its publics and its memory list — must link into one run.

import type { Rom } from '../zkasm/rom.js';
import type { SegmentLimits } from '../machine/exec.js';
import { PagedMemory } from '../machine/memory.js';
import { LABELS } from '../backend/labels.js';
import { pilModel, type PilModel } from './model.js';
import { generatePil } from './generate.js';
import { constantColumns } from './constants.js';
import { compilePil } from './pilcom.js';
import { checkTrace, type PilJson } from './check/index.js';
import { CHECK_BYTES_PER_CELL, defaultMemoryBytes, describeFailures, traceOf, verifyPilOn } from './run.js';
import { segmentWitness, type SegmentWitness } from './segment-witness.js';
import { memoryDigest } from '../segments/memory-digest.js';
import { poseidonConstantColumns } from './poseidon/constants.js';
import { ROWS_PER_PERM } from './poseidon/layout.js';
import type { AnyColumns } from './columns.js';
import type { Trace } from './check/index.js';
import { runSegments, segmentLimits, SegmentRunFailure, type Segment } from '../segments/run.js';
import { checkLinks, type SegmentLink } from '../segments/links.js';
import type { ProgramPil } from './index.js';
import { execFailure, traceTooLarge } from '../diagnostics.js';

const ZERO_COUNTERS = { steps: 0, binary: 0, arith: 0, memAlign: 0, keccakF: 0, mem: 0 };

export interface SegmentReport {
  index: number;
  steps: number;
  binary: number;
  arith: number;
  mem: number;
  addresses: number;
  final: boolean;
  ok: boolean;
  /** constraint failures (with zkASM and WASM origin), or a disagreement with the plan */
  failures: string[];
  ms: { witness: number; check: number };
}

export interface SegmentedCheck {
  model: PilModel;
  pilJson: PilJson;
  segments: SegmentReport[];
  /** the first broken link between segments, if any */
  links?: string;
  ok: boolean;
  /** the final segment's publics (status, outputs), by the PIL's names */
  publics: bigint[];
}

export interface SegmentCheckOptions {
  maxSteps?: number;
  /** also run pilcom's verifyPil on each segment (slow); a disagreement with our checker throws */
  pilcom?: boolean;
  /** bytes one segment's check may use (default: 80% of this machine's memory) */
  memoryBytes?: number;
  /** called after each segment is checked */
  onSegment?: (r: SegmentReport) => void;
}

/**
 * `--segment-rows` without a size: 2^16 rows, or the fewest rows the program's constant tables
 * need (its ROM lines, the binary table) when that is more. Measured: a 2^16-row segment proves
 * in ~165 s with 2.5–5 GB per process, so two at once fit a 2-core machine; smaller segments
 * pay the setup and the Poseidon machine's fixed share more often.
 */
export const DEFAULT_SEGMENT_ROWS = 65536;
export function defaultSegmentRows(rom: Rom): number {
  return Math.max(DEFAULT_SEGMENT_ROWS, pilModel(rom, ZERO_COUNTERS, undefined, true).N);
}

/** The PIL every segment of `rom` shares, at N rows (with the Poseidon machine's constants). */
export async function segmentPil(rom: Rom, N: number): Promise<{ pil: ProgramPil; constants: AnyColumns; pilJson: PilJson }> {
  const model = pilModel(rom, ZERO_COUNTERS, N, true);
  const source = generatePil(model);
  const ours = constantColumns(model);
  const layout = model.segment!.memoryDigest;
  const constants: AnyColumns = layout ? new Map<string, Float64Array | BigUint64Array>([...ours, ...poseidonConstantColumns(layout)]) : ours;
  return { pil: { model, source, constants: ours }, constants, pilJson: await compilePil(source) };
}

/** A segment's trace: its witness with the Poseidon machine's columns. */
export function segmentTrace(pilJson: PilJson, model: PilModel, constants: AnyColumns, w: SegmentWitness): Trace {
  const cm = w.poseidon.size === 0 ? w.cm : new Map<string, Float64Array | BigUint64Array>([...w.cm, ...w.poseidon]);
  return traceOf(pilJson, { model, constants }, { cm });
}

/** Rows the final segment needs after the run's last step: padding, epilogue, restart, the paused last row. */
function tailRows(rom: Rom, m: PilModel): number {
  const end = rom.labels.get(LABELS.end)!;
  return m.restartLine - end + 2;
}

/** What one segment of the segment PIL `m` may execute. */
export function limitsOf(rom: Rom, m: PilModel): SegmentLimits {
  // with no counters the model's memory rows are the epilogue's; each address is one block of the
  // memory digest, whose padding takes one more
  const digest = m.segment!.memoryDigest !== undefined;
  const limits = segmentLimits({ N: m.N, tailRows: tailRows(rom, m), tailMem: m.rows.mem, rowsPerTouched: digest ? ROWS_PER_PERM : 1 });
  if (digest) limits.touched -= 1;
  return limits;
}

export async function checkInSegments(rom: Rom, inputs: bigint[], N: number, o: SegmentCheckOptions = {}): Promise<SegmentedCheck> {
  const { pil, constants, pilJson } = await segmentPil(rom, N);
  const m = pil.model;
  const columns = pilJson.nCommitments + pilJson.nConstants;
  const need = N * columns * CHECK_BYTES_PER_CELL;
  const budget = o.memoryBytes ?? defaultMemoryBytes();
  if (need > budget) {
    throw traceTooLarge(rom.fileName, `a segment of ${N} rows × ${columns} columns needs about ${(need / 2 ** 30).toFixed(1)} GiB to check, `
      + `more than the ${(budget / 2 ** 30).toFixed(1)} GiB allowed (--max-memory): take fewer --segment-rows`);
  }
  const limits = limitsOf(rom, m);
  const memory = new PagedMemory();
  const reports: SegmentReport[] = [];
  const links: SegmentLink[] = [];
  let publics: bigint[] = [];
  try {
    for (const seg of runSegments(rom, inputs, limits, o.maxSteps, memory)) {
      // back to the segment's start: every address it changed gets its value before it
      for (const e of seg.memory) memory.set(e.addr, e.before[0], e.before[1]);
      const t0 = performance.now();
      const w = segmentWitness(rom, m, seg, memory, { inputs });
      if (w.run.status !== 'pass') throw execFailure(`${rom.fileName}:${w.run.failure!.line}`, `segment ${seg.index}: ${w.run.failure!.what}`, `step ${w.run.failure!.step}`);
      const t1 = performance.now();
      const trace = segmentTrace(pilJson, m, constants, w);
      const result = checkTrace(pilJson, trace, { publics: w.publics });
      const t2 = performance.now();
      const failures = describeFailures(rom, pil, w, result.failures);
      if (o.pilcom) {
        const errors = await verifyPilOn(pilJson, trace, w.publics);
        if ((errors.length === 0) !== result.ok) throw new Error(`our checker and pilcom disagree on segment ${seg.index}`);
      }
      // the list a prover would publish: the witness run's (the final one adds the epilogue's reads),
      // which for every other segment must be the plan's
      if (!seg.final && JSON.stringify(w.memory) !== JSON.stringify(seg.memory)) {
        failures.push(`segment ${seg.index}: the witness run accessed other memory than the segment's run`);
      }
      const link = linkOf(m, seg, w);
      // what a verifier does with the list it is given: hash it, compare with the proof's digest
      if (m.segment!.memoryDigest) {
        const digest = memoryDigest(w.memory);
        const proven = w.publics.slice(-digest.length);
        if (digest.some((x, k) => x !== proven[k])) failures.push(`segment ${seg.index}: the memory list's hash is not the digest the trace states`);
      }
      links.push(link);
      if (seg.final) publics = w.publics.slice(m.segment!.statePublics.length, m.segment!.statePublics.length + m.publics.length);
      const r: SegmentReport = {
        index: seg.index, steps: seg.steps, binary: seg.binary, arith: seg.arith, mem: seg.mem, addresses: seg.memory.length,
        final: seg.final, ok: result.ok && failures.length === 0, failures, ms: { witness: t1 - t0, check: t2 - t1 },
      };
      reports.push(r);
      o.onSegment?.(r);
    }
  } catch (e) {
    if (e instanceof SegmentRunFailure) throw execFailure(`${rom.fileName}:${e.failure.line}`, e.failure.what, `step ${e.failure.step}, segment ${e.segment}`);
    throw e;
  }
  const broken = checkLinks(links);
  return {
    model: m, pilJson, segments: reports, ok: broken === undefined && reports.every((r) => r.ok), publics,
    ...(broken === undefined ? {} : { links: broken }),
  };
}

/** What a verifier learns of a segment from its proof: the state publics (and its memory list). */
function linkOf(m: PilModel, seg: Segment, w: SegmentWitness): SegmentLink {
  const values = new Map(m.segment!.statePublics.map((p, k) => [p.name, Number(w.publics[k]!)]));
  const state = (when: 'start' | 'end') => ({
    zkPC: values.get(`${when}_zkPC`)!,
    regs: seg.start.regs.map((_, k) => values.get(`${when}_${['A0', 'A1', 'B0', 'B1', 'C0', 'C1', 'D0', 'D1', 'E0', 'E1', 'SP', 'RR'][k]}`)!),
  });
  return { index: seg.index, start: state('start'), end: state('end'), final: values.get('final') === 1, memory: w.memory };
}
