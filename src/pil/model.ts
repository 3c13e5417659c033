// What the PIL of one program needs: which ROM fields are columns, which secondary machines
// exist, how many rows each takes and so N, and where the publics are. Plain data, computed
// from the assembled ROM and the counters of a debug run.

import type { Rom, RomRow } from '../zkasm/rom.js';
import type { Counters } from '../machine/exec.js';
import { LABELS } from '../backend/labels.js';
import { BINARY_ROWS_PER_OP, BINARY_TABLE_ROWS } from './binary-table.js';
import { pilUnsupported, tooFewRows } from '../diagnostics.js';
import { ROWS_PER_PERM, type PoseidonLayout } from './poseidon/layout.js';

/** ROM fields the PIL knows, in column order. `jmpAddr` is 0 where unused; the rest are derived. */
export const ROM_FIELDS = [
  'CONST0', 'CONST1',
  'inA', 'inB', 'inC', 'inD', 'inE', 'inSP', 'inRR', 'inROTL_C', 'inFREE',
  'setA', 'setB', 'setC', 'setD', 'setE', 'setSP', 'setRR',
  'mOp', 'mWR', 'offset', 'ind', 'indRR', 'isStack', 'isMem', 'incStack',
  'JMP', 'JMPN', 'JMPC', 'JMPZ', 'call', 'return', 'jmpAddr', 'elseAddr', 'compJmp', 'restart',
  'assert', 'arith', 'bin', 'binOpcode',
] as const;
export type RomField = (typeof ROM_FIELDS)[number];

/**
 * Fields of zkasmcom's ROM this PIL has no columns for: a program using them is refused.
 * (`useCTX` is accepted: CTX is never set, so it stays 0 and adds nothing to an address.)
 */
const UNSUPPORTED: (keyof RomRow)[] = [
  'inCTX', 'inPC', 'inGAS', 'inRCX', 'inHASHPOS', 'inSTEP',
  'inCntArith', 'inCntBinary', 'inCntKeccakF', 'inCntMemAlign',
  'setCTX', 'setPC', 'setGAS', 'setRCX', 'setHASHPOS', 'repeat',
  'memAlignRD', 'memAlignWR', 'memAlignWR8',
];

export const ARITH_ROWS_PER_OP = 8;
/** The publics `mem_0` … `mem_3` of a segment: the Poseidon digest of its memory list. */
export const MEMORY_DIGEST = 'mem';
/** Main's registers a segment boundary carries (src/segments/run.ts BOUNDARY_REGISTERS) */
const SEGMENT_REGISTERS = ['A0', 'A1', 'B0', 'B1', 'C0', 'C1', 'D0', 'D1', 'E0', 'E1', 'SP', 'RR'] as const;

export interface PublicInfo {
  name: string;
  /** Main column and row the value is read from */
  column: 'A0' | 'A1';
  row: number;
  /** epilogue row index (the two limbs of one output share it) */
  slot: number;
}

export interface PilModel {
  N: number;
  nBits: number;
  /** what set N */
  nReason: string;
  /** the ROM as columns: field → value per ROM line */
  rom: Map<RomField, Float64Array>;
  romLines: number;
  /** fields that are not 0 on every line: the columns of Rom and Main */
  usedFields: RomField[];
  machines: { mem: boolean; bin: boolean; arith: boolean };
  /** the arith machine range-checks its 16-bit values as byte pairs: N < 2^16, no 16-bit table */
  arithBytes: boolean;
  rows: { main: number; mem: number; binary: number; arith: number };
  restartLine: number;
  publics: PublicInfo[];
  /**
   * segment mode (docs/segments.md): the PIL of one segment of a run, whose start and end state
   * are publics. The ROM gets a virtual pause line (`pauseLine`, every field 0) that paused rows
   * look up; the final segment's restart row is row N − 2 and row N − 1 is paused.
   */
  segment?: { pauseLine: number; statePublics: SegmentPublic[]; memoryDigest?: PoseidonLayout };
}

/** A public of segment mode: a Main column at row 0 (start) or row N − 1 (end), or the final flag. */
export interface SegmentPublic {
  name: string;
  column: string;
  row: number;
  /** the constant selecting the row in the binding constraint */
  selector: 'Global.L1' | 'Global.LLAST' | 'Global.LPEN';
}

/** The value of every PIL ROM field on each ROM line. */
export function romColumns(rom: Rom, restartLine: number): Map<RomField, Float64Array> {
  const n = rom.rows.length;
  const cols = new Map<RomField, Float64Array>(ROM_FIELDS.map((f) => [f, new Float64Array(n)]));
  const set = (f: RomField, i: number, v: number) => { cols.get(f)![i] = v; };
  rom.rows.forEach((row, i) => {
    for (const f of UNSUPPORTED) {
      if (row[f]) throw pilUnsupported(`${row.fileName}:${row.line}`, String(f), row.lineStr.trim());
    }
    for (const f of ROM_FIELDS) {
      if (f === 'jmpAddr' || f === 'elseAddr' || f === 'compJmp' || f === 'restart') continue;
      set(f, i, Number(row[f]));
    }
    const jumps = row.JMP || row.JMPN || row.JMPC || row.JMPZ || row.call;
    set('jmpAddr', i, row.useJmpAddr ? row.jmpAddr : 0);
    set('elseAddr', i, row.useElseAddr ? row.elseAddr : i + 1);
    set('compJmp', i, jumps && !row.useJmpAddr ? 1 : 0);
    set('restart', i, i === restartLine ? 1 : 0);
    if ((row.JMPN && row.mOp) || (row.JMPN && row.return)) {
      throw pilUnsupported(`${row.fileName}:${row.line}`, 'JMPN on a row with a memory operation or RETURN', row.lineStr.trim());
    }
  });
  return cols;
}

const nextPow2 = (x: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, x)));

/**
 * The PIL's shape for a program whose debug run (stopping at finalizeExecution) took
 * `counters`. The padded trace adds the padding loop, the publics epilogue and the restart row.
 */
export function pilModel(rom: Rom, counters: Counters, forceN?: number, segmented = false): PilModel {
  const endLine = rom.labels.get(LABELS.end);
  if (endLine === undefined) throw new Error(`the program has no ${LABELS.end} label`);
  const publicsLine = rom.labels.get(LABELS.publics);
  // the restart row: `0 => A, B, C, D, E, RR :JMP(start)`, the first line jumping to line 0 after the end
  let restartLine = -1;
  for (let i = endLine; i < rom.rows.length; i++) {
    const r = rom.rows[i]!;
    if (r.JMP && r.useJmpAddr && r.jmpAddr === 0) { restartLine = i; break; }
  }
  if (restartLine < 0) throw new Error('the program has no restart row after its end');
  const rom2 = romColumns(rom, restartLine);
  if (segmented) {
    // the pause line: one more ROM row, every field 0
    for (const [f, c] of rom2) { const ext = new Float64Array(c.length + 1); ext.set(c); rom2.set(f, ext); }
  }
  const usedFields = ROM_FIELDS.filter((f) => rom2.get(f)!.some((v) => v !== 0));

  let epilogueMem = 0;
  for (let i = endLine; i <= restartLine; i++) if (rom.rows[i]!.mOp) epilogueMem++;
  const tail = restartLine - endLine + 1;
  const uses = (f: RomField) => usedFields.includes(f);
  const machines = { mem: uses('mOp'), bin: uses('bin'), arith: uses('arith') };
  const rows = {
    main: counters.steps + tail,
    mem: counters.mem + epilogueMem,
    binary: machines.bin ? counters.binary * BINARY_ROWS_PER_OP : 0,
    arith: machines.arith ? counters.arith * ARITH_ROWS_PER_OP : 0,
  };
  const terms: [string, number][] = [
    ['steps', rows.main], ['ROM lines', rom.rows.length + (segmented ? 1 : 0)], ['byte table', 256],
    ['memory accesses', rows.mem],
    ['binary table', machines.bin ? BINARY_TABLE_ROWS : 0], ['binary rows', rows.binary],
    ['arith rows', rows.arith],
  ];
  let N = 0;
  let nReason = '';
  for (const [why, r] of terms) {
    const n = nextPow2(r);
    if (n > N) { N = n; nReason = `${why}: ${r}`; }
  }
  if (forceN !== undefined) {
    if (forceN < N) throw tooFewRows(rom.fileName, forceN, N, nReason);
    N = forceN;
    nReason = 'given';
  }
  // below 2^16 rows the arith machine checks byte pairs (12 more columns) instead of a 16-bit
  // table that would set N to 2^16 by itself
  const arithBytes = machines.arith && N < 65536;
  const publics: PublicInfo[] = [];
  if (publicsLine !== undefined) {
    // the epilogue loads one public into A per row; the restart row is row N-1 (a segment's: N-2)
    const first = N - 1 - (segmented ? 1 : 0) - (restartLine - publicsLine);
    const names: string[] = [];
    for (let i = publicsLine; i < restartLine; i++) {
      const k = i - publicsLine;
      names.push(k === 0 ? 'status' : k === 1 ? 'outCount' : `out${k - 2}`);
    }
    names.forEach((name, k) => {
      const row = first + k + 1;
      if (k < 2) publics.push({ name, column: 'A0', row, slot: k });
      else publics.push({ name: `${name}_lo`, column: 'A0', row, slot: k }, { name: `${name}_hi`, column: 'A1', row, slot: k });
    });
  }
  let segment: PilModel['segment'];
  if (segmented) {
    const statePublics: SegmentPublic[] = [];
    for (const [when, row, selector] of [['start', 0, 'Global.L1'], ['end', N - 1, 'Global.LLAST']] as const) {
      for (const column of ['zkPC', ...SEGMENT_REGISTERS]) statePublics.push({ name: `${when}_${column}`, column, row, selector });
    }
    statePublics.push({ name: 'final', column: 'restart', row: N - 2, selector: 'Global.LPEN' });
    // the memory list's digest: one Poseidon hash ending in the last slot (docs/segments.md)
    const memoryDigest: PoseidonLayout | undefined = machines.mem
      ? { N, digests: [{ name: MEMORY_DIGEST, slot: N / ROWS_PER_PERM - 1 }], singleHash: true } : undefined;
    segment = { pauseLine: rom.rows.length, statePublics, ...(memoryDigest ? { memoryDigest } : {}) };
  }
  return {
    N, nBits: Math.log2(N), nReason, rom: rom2, romLines: rom.rows.length, usedFields, machines, arithBytes, rows,
    restartLine, publics, ...(segment ? { segment } : {}),
  };
}
