// State shared by the parts of one checkTrace call: the prepared columns (validated lazily, only
// those some constraint reads), the publics' values, exact evaluators, and the failure list.

import { DoubleBuilder, exactEvaluator, type CodegenEnv, type ExactEval } from './codegen.js';
import { prepareColumn, type Col } from './columns.js';
import { fieldToKey } from './field.js';
import type { CheckFailure, PilExpr, PilJson, PilSource, Trace } from './types.js';

export class Context implements CodegenEnv {
  readonly N: number;
  readonly failures: CheckFailure[] = [];
  private cols = { cm: [] as (Col | undefined)[], const: [] as (Col | undefined)[] };
  private pubExact: bigint[] = [];
  private pubKey: number[] = [];
  private exacts = new Map<number, ExactEval>();
  private names: Record<'cm' | 'const' | 'im', string[]> | undefined;

  constructor(readonly pil: PilJson, readonly trace: Trace, readonly maxFailures: number) {
    this.N = trace.N;
  }

  get expressions(): PilExpr[] {
    return this.pil.expressions;
  }

  col(kind: 'cm' | 'const', id: number): Col {
    const cache = this.cols[kind];
    let c = cache[id];
    if (c === undefined) {
      const limit = kind === 'cm' ? this.pil.nCommitments : this.pil.nConstants;
      if (!(id >= 0 && id < limit)) throw new Error(`pilJson: ${kind} id ${id} out of range (${limit} polynomials)`);
      const src = kind === 'cm' ? this.trace.cm[id] : this.trace.cst[id];
      c = prepareColumn(src, this.N, `${kind === 'cm' ? 'cm' : 'cst'}[${id}] (${this.polName(kind, id)})`);
      cache[id] = c;
    }
    return c;
  }

  setPublics(values: bigint[]): void {
    this.pubExact = values.slice();
    this.pubKey = values.map(fieldToKey);
  }

  publicKey(id: number): number {
    if (!(id in this.pubKey)) throw new Error(`pilJson: public ${id} is not defined (or is used before it is known)`);
    return this.pubKey[id]!;
  }

  publicExact(id: number): bigint {
    if (!(id in this.pubExact)) throw new Error(`pilJson: public ${id} is not defined (or is used before it is known)`);
    return this.pubExact[id]!;
  }

  /** Exact evaluator of an expression, compiled once per call. */
  exact(exprId: number): ExactEval {
    let f = this.exacts.get(exprId);
    if (f === undefined) {
      f = exactEvaluator(this, exprId, this.N);
      this.exacts.set(exprId, f);
    }
    return f;
  }

  get full(): boolean {
    return this.failures.length >= this.maxFailures;
  }

  /** Records a failure unless the cap is reached; returns whether the cap is now reached. */
  report(kind: CheckFailure['kind'], index: number, row: number, src: PilSource, what: string): boolean {
    if (!this.full) {
      this.failures.push({
        kind, index, row, fileName: src.fileName, line: src.line,
        message: src.fileName ? `${src.fileName}:${src.line}: ${what}` : what,
      });
    }
    return this.full;
  }

  /**
   * Operand columns (keys) of the given expressions. A bare column reference is the trace's own
   * column; anything else is computed in one fused row loop, and its NaN cells (inexact in
   * doubles, or elements without a key) are settled exactly afterwards.
   */
  evalColumns(ids: number[]): Col[] {
    const res: Col[] = [];
    const b = new DoubleBuilder(this);
    const stored: { at: number; id: number }[] = [];
    ids.forEach((id, at) => {
      const e = this.pil.expressions[id];
      if (e === undefined) throw new Error(`pilJson: no expression ${id}`);
      if ((e.op === 'cm' || e.op === 'const') && !e.next) {
        res[at] = this.col(e.op, e.id!);
      } else {
        b.addStore(id);
        stored.push({ at, id });
      }
    });
    if (stored.length === 0) return res;
    const N = this.N;
    const outs = stored.map(() => new Float64Array(N));
    b.build()(b.cols.map((c) => c.f), N, 0, N, outs, null);
    stored.forEach(({ at, id }, k) => {
      const f = outs[k]!;
      let side: Map<number, bigint> | null = null;
      let exact: ExactEval | undefined;
      for (let i = 0; i < N; i++) {
        if (f[i] === f[i]) continue;
        exact ??= this.exact(id);
        const e = exact(i);
        const key = fieldToKey(e);
        f[i] = key;
        if (key !== key) (side ??= new Map()).set(i, e);
      }
      res[at] = { f, big: side, maxAbs: Infinity, keyless: side !== null, u32: null };
    });
    return res;
  }

  /** "Main.a", "Main.x[1]", or "cm 7" when pilJson has no reference for it. */
  polName(kind: 'cm' | 'const' | 'im', id: number): string {
    if (this.names === undefined) {
      const names: Record<'cm' | 'const' | 'im', string[]> = { cm: [], const: [], im: [] };
      for (const [name, r] of Object.entries(this.pil.references)) {
        const list = r.type === 'cmP' ? names.cm : r.type === 'constP' ? names.const : names.im;
        if (r.isArray) for (let k = 0; k < (r.len ?? 0); k++) list[r.id + k] = `${name}[${k}]`;
        else list[r.id] = name;
      }
      this.names = names;
    }
    const list = this.names[kind];
    return list[id] ?? `${kind} ${id}`;
  }
}
