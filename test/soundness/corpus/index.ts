// The boundary corpus: small WebAssembly text programs that read their operands from the input
// tape, each stored with its tapes (`foo.wat`, `foo.tapes.json`: a JSON array of tapes, each an
// array of decimal strings) and the outcome of each tape (`foo.expect.json`: "pass", "fail" or
// "trap <kind>", one per tape; "fail" only where a failing assert_eq is the point).
//
// small/: no mul, div, rem, shifts, rotations, bit counts, conversions, narrow or unaligned
// memory access and no i64.store (it splits its value with an ARITH row): no run executes an
// ARITH row, and each stays under 512 binary operations, so its trace has 2^13 rows — except in
// the programs that access memory (memory, bulk): any load, store, fill, copy or init puts the
// runtime's unaligned-access helpers, which have ARITH rows, in the ROM, and the 16-bit table
// that comes with them makes the trace 2^16 rows. arith/: the rest, 2^16 rows. Every run of
// both takes under 3,000 steps. float/: every float instruction — the soft-float routines the
// compiler links in (src/wasm/softfloat.ts) and the inline comparisons, abs, neg and copysign —
// on operands read from the tape as bit patterns, 2^16 rows, under 4,000 steps a run.
// corpus.test.ts checks every tape against V8, in prover shape.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Group = 'small' | 'arith' | 'float';

/** "pass", "fail" (a failing assert_eq: no honest trace) or "trap <kind>" (a TrapKind). */
export type Expected = 'pass' | 'fail' | `trap ${string}`;

export interface CorpusProgram {
  /** absolute path of the .wat file */
  file: string;
  /** file name without .wat */
  name: string;
  /** the input tapes (unsigned words) */
  tapes: bigint[][];
  /** the outcome of each tape, in the order of `tapes` */
  expected: Expected[];
}

export const CORPUS_DIR = import.meta.dirname;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function tapesOf(path: string): bigint[][] {
  const raw = readJson(path);
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${path}: not a nonempty array of tapes`);
  return raw.map((tape, k) => {
    if (!Array.isArray(tape)) throw new Error(`${path}: tape ${k} is not an array`);
    return tape.map((v) => {
      if (typeof v !== 'string' || !/^(0|[1-9][0-9]*)$/.test(v)) throw new Error(`${path}: tape ${k}: ${JSON.stringify(v)} is not a decimal string`);
      const x = BigInt(v);
      if (x >= 1n << 64n) throw new Error(`${path}: tape ${k}: ${v} is not a 64-bit word`);
      return x;
    });
  });
}

function expectedOf(path: string, count: number): Expected[] {
  const raw = readJson(path);
  if (!Array.isArray(raw) || raw.length !== count) throw new Error(`${path}: not an array of ${count} outcomes`);
  return raw.map((e, k) => {
    if (typeof e !== 'string' || !/^(pass|fail|trap .+)$/.test(e)) throw new Error(`${path}: outcome ${k}: ${JSON.stringify(e)}`);
    return e as Expected;
  });
}

/** The programs of a group with their tapes and outcomes, sorted by name. */
export function corpus(group: Group): CorpusProgram[] {
  const dir = join(CORPUS_DIR, group);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wat'))
    .map((f) => f.slice(0, -'.wat'.length))
    .sort()
    .map((name) => {
      const tapes = tapesOf(join(dir, `${name}.tapes.json`));
      return { file: join(dir, `${name}.wat`), name, tapes, expected: expectedOf(join(dir, `${name}.expect.json`), tapes.length) };
    });
}
