// Committed cells per executed WASM instruction (issue 11's cost measure), for npm run bench:
// the PIL of one run of each program (N × committed columns: every namespace has N rows) over
// the instructions V8 executes for the same run (src/wasm/count.ts), beside the figure recorded
// before issue 11's changes (bench/cells-baseline.json; `node dist/bench.js --record-cells`
// rewrites it).

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileWasm } from './compile.js';
import { execute } from './machine/exec.js';
import { generatePil } from './pil/generate.js';
import { pilModel } from './pil/model.js';
import { compilePil } from './pil/pilcom.js';
import { countInstructions, instrumentInstructionCount } from './wasm/count.js';
import { loadWasm, loadWasmBytes } from './wasm/load.js';

export const CELLS_BASELINE = 'bench/cells-baseline.json';

/** One run's cost. */
export interface CellsRow {
  program: string;
  wasmInstructions: number;
  steps: number;
  nBits: number;
  committedColumns: number;
  /** N × committed columns over WASM instructions */
  cellsPerInstruction: number;
}

/** The real corpus at one level, each program on its first tape. */
const REAL_LEVEL = 'O2';

/** The bench's own programs: no input, `main` with the assert imports. */
async function benchProgram(path: string): Promise<CellsRow> {
  const { bytes } = await loadWasm(path);
  const ok = (a: unknown, b: unknown) => { if (a !== b) throw new Error(`${path}: assert ${String(a)} != ${String(b)}`); };
  const instructions = countInstructions(bytes, path, undefined, { env: { assert_eq: ok, assert_eq_i32: ok, assert_eq_i64: ok } });
  return cellsOf(basename(path), bytes, [], instructions);
}

interface Corpus {
  listModules(): { file: string; level: string; tapes: { tape: bigint[] }[] }[];
  readModule(file: string): Uint8Array;
  runInV8(bytes: Uint8Array, tape: bigint[]): Promise<{ status: string; instructions?: number }>;
}

/** test/real's modules, run in V8 with the corpus's own host (its input tape and outputs). */
async function realPrograms(): Promise<CellsRow[]> {
  const corpus = await import(pathToFileURL(join('test', 'real', 'corpus.mjs')).href) as Corpus;
  const rows: CellsRow[] = [];
  for (const m of corpus.listModules().filter((x) => x.level === REAL_LEVEL)) {
    const bytes = corpus.readModule(m.file);
    const tape = m.tapes[0]!.tape;
    const v8 = await corpus.runInV8(instrumentInstructionCount(bytes, m.file), tape);
    if (v8.instructions === undefined) throw new Error(`${m.file}: V8 ran it with status ${v8.status} and no count`);
    rows.push(await cellsOf(m.file, bytes, tape, v8.instructions));
  }
  return rows;
}

async function cellsOf(program: string, bytes: Uint8Array, tape: bigint[], wasmInstructions: number): Promise<CellsRow> {
  const compiled = compileWasm(await loadWasmBytes(bytes, program));
  const debugRun = execute(compiled.rom, { inputs: tape });
  // the PIL's shape only: its constants would take gigabytes at 2^24 rows
  const model = pilModel(compiled.rom, debugRun.counters);
  const pilJson = await compilePil(generatePil(model));
  return {
    program, wasmInstructions, steps: debugRun.steps, nBits: model.nBits, committedColumns: pilJson.nCommitments,
    cellsPerInstruction: (model.N * pilJson.nCommitments) / wasmInstructions,
  };
}

export async function cellsTable(benchPrograms: string[]): Promise<CellsRow[]> {
  const rows: CellsRow[] = [];
  for (const p of benchPrograms) rows.push(await benchProgram(p));
  rows.push(...await realPrograms());
  return rows;
}

export function recordBaseline(rows: CellsRow[]): void {
  writeFileSync(CELLS_BASELINE, `${JSON.stringify(rows, null, 1)}\n`);
}

export function readBaseline(): Map<string, CellsRow> {
  let text: string;
  try {
    text = readFileSync(CELLS_BASELINE, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw e;
  }
  const rows = JSON.parse(text) as CellsRow[];
  return new Map(rows.map((r) => [r.program, r]));
}
