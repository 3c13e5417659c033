// Bridges to pilcom's own formats: its PolsArray objects (so one trace can also go through
// verifyPil, or pil-stark) and its binary polynomial files.

import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mod, P } from './field.js';
import type { Column, PilJson, Trace } from './types.js';

/** pilcom's PolsArray, as far as used here. */
export interface PilcomPols {
  $$array: bigint[][];
  $$nPols: number;
  $$n: number;
  saveToFile(path: string): Promise<void>;
}

/** The parts of pilcom (CommonJS, untyped) this project uses. */
export interface Pilcom {
  compile(F: unknown, src: string, ctx: null, config: Record<string, unknown>): Promise<PilJson>;
  verifyPil(F: unknown, pil: PilJson, cm: PilcomPols, cst: PilcomPols, config?: { publics?: bigint[] }): Promise<string[]>;
  newCommitPolsArray(pil: PilJson): PilcomPols;
  newConstantPolsArray(pil: PilJson): PilcomPols;
  F: unknown;
}

const require = createRequire(import.meta.url);
let loaded: Pilcom | undefined;

/** Loaded on first use: pilcom pulls in yargs, chai and ffjavascript, which checkTrace needs not. */
export function pilcom(): Pilcom {
  return (loaded ??= require('pilcom') as Pilcom);
}

function cellBig(c: Column, i: number): bigint {
  if (c instanceof Float64Array) {
    const x = c[i]!;
    return x >= 0 ? BigInt(x) : P + BigInt(x);
  }
  return mod(c[i]!);
}

function fill(pols: PilcomPols, cols: Column[], N: number, what: string): void {
  if (pols.$$nPols > 0 && pols.$$n !== N) throw new Error(`toPilcomPols: pilJson says ${pols.$$n} rows, the trace has ${N}`);
  for (let j = 0; j < pols.$$nPols; j++) {
    const src = cols[j];
    if (src === undefined || src.length !== N) throw new Error(`toPilcomPols: ${what}[${j}] missing or not ${N} rows`);
    const dst = pols.$$array[j]!;
    for (let i = 0; i < N; i++) dst[i] = cellBig(src, i);
  }
}

/** pilcom's newCommitPolsArray/newConstantPolsArray filled from the trace (BigInt in [0, p)). */
export function toPilcomPols(pil: PilJson, trace: Trace): { cm: PilcomPols; cst: PilcomPols } {
  const pc = pilcom();
  const cm = pc.newCommitPolsArray(pil);
  const cst = pc.newConstantPolsArray(pil);
  if (trace.cm.length > 0) fill(cm, trace.cm, trace.N, 'cm'); // none: only the constants are wanted
  fill(cst, trace.cst, trace.N, 'cst');
  return { cm, cst };
}

/**
 * pilcom's PolsArrays for a sequence of traces of one PIL that differ in few cells (the forged
 * runs of one program): the constants are converted once, and a committed cell only when it
 * changed since the last trace.
 */
export class PilcomMirror {
  private readonly cm: PilcomPols;
  private readonly cst: PilcomPols;
  private readonly last: (Float64Array | undefined)[] = [];
  private readonly constantsOf: (Column | undefined)[] = [];

  constructor(pil: PilJson) {
    this.cm = pilcom().newCommitPolsArray(pil);
    this.cst = pilcom().newConstantPolsArray(pil);
  }

  pols(trace: Trace): { cm: PilcomPols; cst: PilcomPols } {
    // constant columns are the same arrays from trace to trace
    if (trace.cst.length !== this.cst.$$nPols || trace.cst.some((c, j) => c !== this.constantsOf[j])) {
      fill(this.cst, trace.cst, trace.N, 'cst');
      trace.cst.forEach((c, j) => { this.constantsOf[j] = c; });
    }
    for (let j = 0; j < this.cm.$$nPols; j++) {
      const src = trace.cm[j];
      if (src === undefined || src.length !== trace.N) throw new Error(`PilcomMirror: cm[${j}] missing or not ${trace.N} rows`);
      const dst = this.cm.$$array[j]!;
      const seen = this.last[j];
      if (!(src instanceof Float64Array)) {
        for (let i = 0; i < trace.N; i++) dst[i] = cellBig(src, i);
        this.last[j] = undefined;
        continue;
      }
      if (seen === undefined) {
        for (let i = 0; i < trace.N; i++) dst[i] = cellBig(src, i);
        this.last[j] = Float64Array.from(src);
        continue;
      }
      for (let i = 0; i < trace.N; i++) {
        if (seen[i] !== src[i]) { seen[i] = src[i]!; dst[i] = cellBig(src, i); }
      }
    }
    return { cm: this.cm, cst: this.cst };
  }
}

/**
 * Writes columns in pilcom's layout (what PolsArray.saveToFile writes and loadFromFile reads): no
 * header, row-major — row i, pol j at u64 index i·nPols + j — little-endian u64 in [0, p).
 */
export function writePolsFile(path: string, cols: Column[], N: number): void {
  const nPols = cols.length;
  cols.forEach((c, j) => {
    if (c.length !== N) throw new Error(`writePolsFile: column ${j} has ${c.length} rows, expected ${N}`);
  });
  const rowBytes = nPols * 8;
  const rowsPerChunk = Math.max(1, Math.floor((8 << 20) / Math.max(rowBytes, 1)));
  const buf = new ArrayBuffer(Math.min(N, rowsPerChunk) * rowBytes);
  const view = new DataView(buf);
  const bytes = new Uint8Array(buf);
  const fd = openSync(path, 'w');
  try {
    for (let r0 = 0; r0 < N; r0 += rowsPerChunk) {
      const r1 = Math.min(N, r0 + rowsPerChunk);
      for (let j = 0; j < nPols; j++) {
        const c = cols[j]!;
        let off = j * 8;
        if (c instanceof Float64Array) {
          for (let i = r0; i < r1; i++, off += rowBytes) {
            const x = c[i]!;
            let lo: number;
            let hi: number;
            if (x >= 0) {
              lo = x >>> 0;
              hi = Math.floor(x / 4294967296);
            } else {
              // p - |x| with p = 0xFFFFFFFF_00000001, in 32-bit halves.
              const a = -x;
              const alo = a >>> 0;
              const ahi = Math.floor(a / 4294967296);
              if (alo <= 1) {
                lo = 1 - alo;
                hi = 0xffffffff - ahi;
              } else {
                lo = 4294967297 - alo;
                hi = 0xfffffffe - ahi;
              }
            }
            view.setUint32(off, lo, true);
            view.setUint32(off + 4, hi, true);
          }
        } else {
          for (let i = r0; i < r1; i++, off += rowBytes) view.setBigUint64(off, mod(c[i]!), true);
        }
      }
      writeSync(fd, bytes, 0, (r1 - r0) * rowBytes);
    }
  } finally {
    closeSync(fd);
  }
}
