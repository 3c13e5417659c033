// Test scaffolding: compile PIL text with pilcom, build traces by polynomial name, and run
// pilcom's verifyPil (quietly) on the same trace as a second, independent judge.

import { vi } from 'vitest';
import { pilcom, toPilcomPols, type Column, type PilJson, type Trace } from '../../../src/pil/check/index.js';

export const P = 0xffffffff00000001n;

export async function compilePil(src: string, defines: Record<string, number> = {}): Promise<PilJson> {
  const pc = pilcom();
  return pc.compile(pc.F, src, null, { compileFromString: true, defines });
}

/** 1-based line of the first line of `src` containing `needle` (what pilJson's `line` says). */
export function lineOf(src: string, needle: string): number {
  const lines = src.split('\n');
  const k = lines.findIndex((l) => l.includes(needle));
  if (k < 0) throw new Error(`no line containing ${needle}`);
  return k + 1;
}

export class TraceBuilder {
  readonly cm: Column[] = [];
  readonly cst: Column[] = [];

  constructor(readonly pil: PilJson, readonly N: number) {
    for (let i = 0; i < pil.nCommitments; i++) this.cm.push(new Float64Array(N));
    for (let i = 0; i < pil.nConstants; i++) this.cst.push(new Float64Array(N));
  }

  private id(name: string, k: number | undefined, type: 'cmP' | 'constP'): number {
    const r = this.pil.references[name];
    if (!r || r.type !== type) throw new Error(`no ${type} ${name}`);
    if (r.isArray !== (k !== undefined)) throw new Error(`${name}: array index mismatch`);
    return r.id + (k ?? 0);
  }

  /** The Float64Array of a committed polynomial (e.g. 'Main.a', or 'Main.x', 1). */
  c(name: string, k?: number): Float64Array {
    return this.cm[this.id(name, k, 'cmP')] as Float64Array;
  }

  k(name: string, k?: number): Float64Array {
    return this.cst[this.id(name, k, 'constP')] as Float64Array;
  }

  /** Replaces a polynomial by raw field elements. */
  setBig(type: 'cmP' | 'constP', name: string, values: bigint[], k?: number): BigUint64Array {
    const a = BigUint64Array.from(values);
    (type === 'cmP' ? this.cm : this.cst)[this.id(name, k, type)] = a;
    return a;
  }

  get trace(): Trace {
    return { N: this.N, cm: this.cm, cst: this.cst };
  }
}

/** pilcom's verifyPil on the same trace; its console chatter is swallowed. */
export async function verifyPil(pil: PilJson, trace: Trace, publics?: bigint[]): Promise<string[]> {
  const pc = pilcom();
  const { cm, cst } = toPilcomPols(pil, trace);
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    return await pc.verifyPil(pc.F, pil, cm, cst, publics ? { publics } : {});
  } finally {
    spy.mockRestore();
  }
}

/** A deep copy of a trace's columns, to tamper with one cell without touching the honest one. */
export function cloneTrace(t: Trace): Trace {
  const copy = (c: Column): Column => (c instanceof Float64Array ? c.slice() : c.slice());
  return { N: t.N, cm: t.cm.map(copy), cst: t.cst.map(copy) };
}
