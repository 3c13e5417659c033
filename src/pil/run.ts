// A program's proof pipeline up to the proof: PIL text → pilcom → constants and witness →
// our checker (and, when asked, pilcom's verifyPil on the same trace). `check` and `prove` use it.

import type { Rom } from '../zkasm/rom.js';
import { programPil, type ProgramPil } from './index.js';
import { buildWitness, type Witness } from './witness.js';
import { orderColumns, type AnyColumns } from './columns.js';
import { compilePil, quiet } from './pilcom.js';
import { checkTrace, pilcom, toPilcomPols, type PilcomMirror, type CheckFailure, type CheckResult, type PilJson, type Trace } from './check/index.js';
import { execFailure, traceTooLarge } from '../diagnostics.js';
import { totalmem } from 'node:os';
import { execute, type ExecFailure } from '../machine/exec.js';
import { BINARY_ROWS_PER_OP } from './binary-table.js';
import { ARITH_ROWS_PER_OP } from './model.js';

export interface CheckedProgram {
  pil: ProgramPil;
  pilJson: PilJson;
  witness: Witness;
  trace: Trace;
  result: CheckResult;
  /** failures with the zkASM line and WASM origin of the row when it is a Main row */
  failures: string[];
  ms: { witness: number; pilcom: number; check: number };
}

export interface CheckProgramOptions {
  /** the trace size (at least what the run needs); by default the smallest that fits */
  N?: number;
  /** the sizing run stops (an error) after this many steps (default: what a proof can hold) */
  maxSteps?: number;
  /** bytes the work may use (default: 80% of this machine's memory) */
  memoryBytes?: number;
  /** what the trace is for, and the bytes per cell that takes (default: checking it, ~12) */
  purpose?: { what: string; bytesPerCell: number };
  /** progress, for traces of LONG_WORK_ROWS rows or more (seconds to minutes of work) */
  log?: (msg: string) => void;
}

/** Traces this long take seconds to check and minutes to prove: their progress is worth showing. */
const LONG_WORK_ROWS = 2 ** 18;
/** Steps a proof can hold: pil-stark proves up to 2^23 rows here. */
export const PROVABLE_STEPS = 2 ** 23;
/** Bytes per cell (committed and constant) the witness and the checker hold, measured (~10). */
export const CHECK_BYTES_PER_CELL = 12;

export const defaultMemoryBytes = (): number => Math.floor(totalmem() * 0.8);
// small budgets (tests, tiny machines) keep their significant digits
const gib = (b: number): string => `${Number((b / 2 ** 30).toPrecision(2))} GiB`;

/**
 * Build and check everything for one run of the program; throws if the run itself fails, or
 * runs longer than maxSteps, or its trace would not fit in memory (estimated before building it).
 */
export async function checkProgram(rom: Rom, inputs: bigint[] = [], o: CheckProgramOptions = {}): Promise<CheckedProgram> {
  let log = (_msg: string): void => undefined;
  // the sizing run first: a run that fails (or does not end) has no trace to size
  const debugRun = execute(rom, { inputs, maxSteps: o.maxSteps ?? PROVABLE_STEPS });
  if (debugRun.status === 'fail') throw runFailure(rom, debugRun.failure!, '');
  const pil = programPil(rom, { inputs, debugRun, ...(o.N === undefined ? {} : { N: o.N }) });
  const t0 = performance.now();
  const pilJson = await compilePil(pil.source);
  const t1 = performance.now();
  const cells = pil.model.N * (pilJson.nCommitments + pilJson.nConstants);
  const purpose = o.purpose ?? { what: 'check', bytesPerCell: CHECK_BYTES_PER_CELL };
  const need = cells * purpose.bytesPerCell;
  const budget = o.memoryBytes ?? defaultMemoryBytes();
  if (need > budget) {
    throw traceTooLarge(rom.fileName, `its trace of 2^${pil.model.nBits} rows × ${pilJson.nCommitments + pilJson.nConstants} columns needs about ${gib(need)} to ${purpose.what}, `
      + `more than the ${gib(budget)} allowed (--max-memory); --segment-rows 65536 ${purpose.what === 'check' ? 'checks' : 'proves'} it in segments of 2^16 rows`);
  }
  if (o.log && pil.model.N >= LONG_WORK_ROWS) log = o.log;
  log(`${pil.debugRun.steps} steps: 2^${pil.model.nBits} rows (${pil.model.nReason}), ${cells.toLocaleString('en-US')} cells, about ${gib(need)}`);
  const witness = buildWitness(rom, pil.model, { inputs });
  if (witness.run.status !== 'pass') throw runFailure(rom, witness.run.failure!, 'prover-shape run: ');
  const t2 = performance.now();
  log(`witness ${((t2 - t1) / 1000).toFixed(1)} s`);
  const trace = traceOf(pilJson, pil, witness);
  const result = checkTrace(pilJson, trace, { publics: witness.publics });
  const t3 = performance.now();
  log(`constraints ${((t3 - t2) / 1000).toFixed(1)} s`);
  return {
    pil, pilJson, witness, trace, result, failures: describeFailures(rom, pil, witness, result.failures),
    ms: { pilcom: t1 - t0, witness: t2 - t1, check: t3 - t2 },
  };
}

/** A run that failed has no trace to check: the executor's failure as a user error. */
export function runFailure(rom: Rom, f: ExecFailure, prefix: string) {
  return execFailure(`${rom.fileName}:${f.line}`, `${prefix}${f.what}`, `step ${f.step}`);
}

export function traceOf(pilJson: PilJson, pil: { model: { N: number }; constants: AnyColumns }, witness: { cm: AnyColumns }): Trace {
  const o = orderColumns<Float64Array | BigUint64Array>(pilJson, witness.cm, pil.constants);
  return { N: pil.model.N, cm: o.cm, cst: o.cst };
}

/** pilcom's own verdict on the same trace (slow: BigInt arrays; a mirror saves converting unchanged cells). */
export async function verifyPilOn(pilJson: PilJson, trace: Trace, publics: bigint[], mirror?: PilcomMirror): Promise<string[]> {
  const p = pilcom();
  const { cm, cst } = mirror ? mirror.pols(trace) : toPilcomPols(pilJson, trace);
  return quiet(() => p.verifyPil(p.F, pilJson, cm, cst, { publics }));
}

/** The Main row a row of a machine serves: itself, its memory access, or its operation. */
function mainRowOf(ns: string, row: number, w: Witness): number | undefined {
  switch (ns) {
    case 'Main': return row;
    case 'Mem': return w.cm.get('Mem.sel')?.[row] === 1 ? w.cm.get('Mem.step')![row] : undefined;
    case 'Binary': return w.binSteps[Math.floor(row / BINARY_ROWS_PER_OP)];
    case 'Arith': return w.arithSteps[Math.floor(row / ARITH_ROWS_PER_OP)];
    default: return undefined;
  }
}

/** Which namespace each line of the PIL text is in. */
function namespaceOfLine(source: string): string[] {
  const out: string[] = [''];
  let ns = '';
  for (const line of source.split('\n')) {
    const m = /^\s*namespace\s+(\w+)/.exec(line);
    if (m) ns = m[1]!;
    out.push(ns);
  }
  return out;
}

export function describeFailures(rom: Rom, pil: ProgramPil, witness: Witness, failures: CheckFailure[]): string[] {
  const ns = namespaceOfLine(pil.source);
  const zkPC = witness.cm.get('Main.zkPC')!;
  return failures.map((f) => {
    const text = pil.source.split('\n')[f.line - 1]?.trim() ?? '';
    let where = `program.pil:${f.line}: ${f.kind} \`${text}\` fails at ${ns[f.line] || 'row'} row ${f.row}`;
    const step = mainRowOf(ns[f.line] ?? '', f.row, witness);
    if (step !== undefined && step >= 0 && step < zkPC.length) {
      if (ns[f.line] !== 'Main') where += ` (Main row ${step})`;
      const r = rom.rows[zkPC[step]!];
      if (r) {
        where += ` — ${rom.fileName}:${r.line}: ${r.lineStr.trim()}`;
        if (r.source) where += ` (func ${r.source.funcName} @0x${r.source.offset.toString(16)} ${r.source.text})`.trimEnd();
      }
    }
    return `${where}: ${f.message}`;
  });
}
