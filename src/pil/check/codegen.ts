// Compiles pilJson expression trees into JavaScript, twice:
//
// - DoubleBuilder: one row loop over Float64Array columns for a group of roots (identities to
//   check, or operand columns to store). Shared subtrees (intermediates, repeated (1 - L1)…) are
//   computed once per row: nodes are hash-consed on their structure. Integer arithmetic in doubles
//   is exact while magnitudes stay below 2^53; an operation whose static bound (from the columns'
//   measured maxima) could reach that gets a check that turns an inexact result into NaN, and NaN
//   propagates through everything after it. So a root is either an exact integer with |v| < 2^53
//   (its element is v mod p, and v ≡ 0 iff v === 0 because |v| < p) or NaN, meaning "decide
//   exactly": the caller re-evaluates that row with the exact evaluator.
// - exactEvaluator: the same expression, one row, BigInt mod p. The slow path; also the reference.
// A third generator, wide.ts, compiles identities that would take the slow path on most rows
// (full 64-bit columns, products past 2^53: `risky` below) into WebAssembly over i64.

import { exactCell, type Col } from './columns.js';
import { fieldToKey, P, parseConst } from './field.js';
import type { PilExpr } from './types.js';

export interface CodegenEnv {
  expressions: PilExpr[];
  col(kind: 'cm' | 'const', id: number): Col;
  /** Key (see field.ts) of public `id`, NaN if it has none. */
  publicKey(id: number): number;
  publicExact(id: number): bigint;
}

/** Below this bound an operation cannot lose exactness (2^53 with a factor 2 of slack for the
 *  rounding of the bound computation itself). */
const SAFE = 2 ** 52;
const EXACT_LIT = '9007199254740992';

interface Val {
  ref: string;
  /** Upper bound of |value| on any row (Infinity: unknown / big constant). */
  bound: number;
}

export type DoubleLoop = (
  C: Float64Array[], N: number, start: number, end: number,
  O: Float64Array[] | null, fail: ((k: number, i: number) => boolean) | null,
) => void;

const loopCache = new Map<string, DoubleLoop>();

function lit(k: number): string {
  if (k !== k) return 'NaN';
  return k < 0 ? `(${k})` : `${k}`;
}

/** Nesting guard: an `exp` cycle (never produced by pilcom, but the input is data) must not
 *  overflow the stack. */
const MAX_DEPTH = 10_000;

export class DoubleBuilder {
  private lines: string[] = [];
  private memo = new Map<string, Val>();
  private colIdx = new Map<string, number>();
  readonly cols: Col[] = [];
  private offsets = new Set<number>();
  private nOut = 0;
  private nCheck = 0;
  private temp = 0;
  private depth = 0;
  private unsafe = false;

  constructor(private env: CodegenEnv) {}

  /** Some row may come out NaN: an operation's bound reaches 2^53, or a column or constant has
   *  elements without a key. Such identities are better off in the 64-bit evaluator (wide.ts). */
  get risky(): boolean {
    return this.unsafe;
  }

  get size(): number {
    return this.lines.length;
  }

  /** Adds `if (value != 0) fail(k, i)`; k counts check roots from 0. Returns k. */
  addCheck(exprId: number): number {
    const v = this.expr(exprId, 0);
    const k = this.nCheck++;
    this.lines.push(`if (${v.ref} !== 0 && fail(${k}, i)) return;`);
    return k;
  }

  /** Adds `O[k][i] = value`; k counts store roots from 0. Returns k. */
  addStore(exprId: number): number {
    const v = this.expr(exprId, 0);
    const k = this.nOut++;
    this.lines.push(`o${k}[i] = ${v.ref};`);
    return k;
  }

  build(): DoubleLoop {
    const head: string[] = ['"use strict";', 'const M = N - 1;'];
    for (let c = 0; c < this.cols.length; c++) head.push(`const c${c} = C[${c}];`);
    for (let k = 0; k < this.nOut; k++) head.push(`const o${k} = O[${k}];`);
    const rows = [...this.offsets].sort((a, b) => a - b).map((d) => `const r${d} = (i + ${d}) & M;`);
    const src = `${head.join('\n')}\nfor (let i = start; i < end; i++) {\n${rows.join('\n')}\n${this.lines.join('\n')}\n}`;
    let fn = loopCache.get(src);
    if (fn === undefined) {
      fn = new Function('C', 'N', 'start', 'end', 'O', 'fail', src) as DoubleLoop;
      loopCache.set(src, fn);
    }
    return fn;
  }

  private expr(id: number, d: number): Val {
    const e = this.env.expressions[id];
    if (e === undefined) throw new Error(`pilJson: no expression ${id}`);
    return this.node(e, d);
  }

  private rowVar(d: number): string {
    if (d === 0) return 'i';
    this.offsets.add(d);
    return `r${d}`;
  }

  /** `exact`: the operation cannot round (negation), whatever the bound. */
  private emit(key: string, code: string, bound: number, exact = false): Val {
    const hit = this.memo.get(key);
    if (hit) return hit;
    const t = `t${this.temp++}`;
    const safe = exact || bound < SAFE;
    if (!safe) this.unsafe = true;
    this.lines.push(safe ? `const ${t} = ${code};`
      : `let ${t} = ${code}; if (!(${t} < ${EXACT_LIT} && ${t} > -${EXACT_LIT})) ${t} = NaN;`);
    const v = { ref: t, bound: safe ? bound : Math.min(bound, 2 ** 53) };
    // (After the check, anything that is not NaN has magnitude below 2^53.)
    this.memo.set(key, v);
    return v;
  }

  private node(e: PilExpr, d: number): Val {
    if (++this.depth > MAX_DEPTH) throw new Error('pilJson: expression nesting too deep (an exp cycle?)');
    try {
      return this.nodeInner(e, d);
    } finally {
      this.depth--;
    }
  }

  private nodeInner(e: PilExpr, d: number): Val {
    const dd = d + (e.next ? 1 : 0);
    switch (e.op) {
      case 'cm':
      case 'const': {
        const key = `${e.op}${e.id}`;
        let ci = this.colIdx.get(key);
        if (ci === undefined) {
          ci = this.cols.length;
          this.cols.push(this.env.col(e.op, e.id!));
          this.colIdx.set(key, ci);
        }
        const loadKey = `L${ci}@${dd}`;
        const hit = this.memo.get(loadKey);
        if (hit) return hit;
        const t = `t${this.temp++}`;
        this.lines.push(`const ${t} = c${ci}[${this.rowVar(dd)}];`);
        // NaN cells (elements without a key) poison by themselves.
        if (this.cols[ci]!.keyless) this.unsafe = true;
        const v = { ref: t, bound: this.cols[ci]!.maxAbs };
        this.memo.set(loadKey, v);
        return v;
      }
      case 'exp':
        return this.expr(e.id!, dd);
      case 'number':
        return this.constant(fieldToKey(parseConst(e.value!)));
      case 'public':
        return this.constant(this.env.publicKey(e.id!));
      case 'neg': {
        const a = this.node(arg(e, 0), d);
        return this.emit(`neg(${a.ref})`, `-${a.ref}`, a.bound, true);
      }
      case 'add':
      case 'sub':
      case 'mul': {
        const a = this.node(arg(e, 0), d);
        const b = this.node(arg(e, 1), d);
        return this.binary(e.op, a, b);
      }
      case 'addc':
      case 'mulc': {
        const a = this.node(arg(e, 0), d);
        return this.binary(e.op === 'addc' ? 'add' : 'mul', a, this.constant(fieldToKey(parseConst(e.const!))));
      }
      case 'muladd': {
        const a = this.node(arg(e, 0), d);
        const b = this.node(arg(e, 1), d);
        const c = this.node(arg(e, 2), d);
        return this.binary('add', this.binary('mul', a, b), c);
      }
      default:
        throw new Error(`pilJson: unsupported expression op "${e.op}" (only pilcom's own ops are understood)`);
    }
  }

  private constant(k: number): Val {
    if (k !== k) this.unsafe = true;
    return constant(k);
  }

  private binary(op: 'add' | 'sub' | 'mul', a: Val, b: Val): Val {
    const sym = op === 'add' ? '+' : op === 'sub' ? '-' : '*';
    const bound = op === 'mul' ? a.bound * b.bound : a.bound + b.bound;
    return this.emit(`${op}(${a.ref},${b.ref})`, `${a.ref} ${sym} ${b.ref}`, bound);
  }
}

function constant(k: number): Val {
  return { ref: lit(k), bound: k === k ? Math.abs(k) : Infinity };
}

function arg(e: PilExpr, k: number): PilExpr {
  const v = e.values?.[k];
  if (v === undefined) throw new Error(`pilJson: "${e.op}" node without operand ${k}`);
  return v;
}

// ---------------------------------------------------------------------------------------------

export type ExactEval = (row: number) => bigint;

type ExactFactory = (P: bigint, X: (c: number, r: number) => bigint, M: number, K: bigint[]) => ExactEval;
const exactCache = new Map<string, ExactFactory>();

/** Evaluates expression `exprId` at one row exactly; the result is in [0, p). */
export function exactEvaluator(env: CodegenEnv, exprId: number, N: number): ExactEval {
  const lines: string[] = [];
  const memo = new Map<string, string>();
  const cols: Col[] = [];
  const colIdx = new Map<string, number>();
  const consts: bigint[] = [];
  let temp = 0;
  let depth = 0;

  const emit = (key: string, code: string): string => {
    const hit = memo.get(key);
    if (hit) return hit;
    const t = `t${temp++}`;
    lines.push(`const ${t} = ${code};`);
    memo.set(key, t);
    return t;
  };
  const constant = (v: bigint): string => {
    consts.push(v);
    return `K[${consts.length - 1}]`;
  };
  const expr = (id: number, d: number): string => {
    const e = env.expressions[id];
    if (e === undefined) throw new Error(`pilJson: no expression ${id}`);
    return node(e, d);
  };
  const node = (e: PilExpr, d: number): string => {
    if (++depth > MAX_DEPTH) throw new Error('pilJson: expression nesting too deep (an exp cycle?)');
    try {
      const dd = d + (e.next ? 1 : 0);
      switch (e.op) {
        case 'cm':
        case 'const': {
          const key = `${e.op}${e.id}`;
          let ci = colIdx.get(key);
          if (ci === undefined) {
            ci = cols.length;
            cols.push(env.col(e.op, e.id!));
            colIdx.set(key, ci);
          }
          return emit(`L${ci}@${dd}`, `X(${ci}, ${dd === 0 ? 'i' : `(i + ${dd}) & M`})`);
        }
        case 'exp':
          return expr(e.id!, dd);
        case 'number':
          return constant(parseConst(e.value!));
        case 'public':
          return constant(env.publicExact(e.id!));
        case 'neg': {
          const a = node(arg(e, 0), d);
          return emit(`neg(${a})`, `-${a}`);
        }
        case 'add':
        case 'sub': {
          const a = node(arg(e, 0), d);
          const b = node(arg(e, 1), d);
          return emit(`${e.op}(${a},${b})`, `${a} ${e.op === 'add' ? '+' : '-'} ${b}`);
        }
        case 'mul': {
          const a = node(arg(e, 0), d);
          const b = node(arg(e, 1), d);
          return emit(`mul(${a},${b})`, `(${a} * ${b}) % P`);
        }
        case 'addc': {
          const a = node(arg(e, 0), d);
          return emit(`addc(${a},${e.const})`, `${a} + ${constant(parseConst(e.const!))}`);
        }
        case 'mulc': {
          const a = node(arg(e, 0), d);
          return emit(`mulc(${a},${e.const})`, `(${a} * ${constant(parseConst(e.const!))}) % P`);
        }
        case 'muladd': {
          const a = node(arg(e, 0), d);
          const b = node(arg(e, 1), d);
          const c = node(arg(e, 2), d);
          return emit(`muladd(${a},${b},${c})`, `(${a} * ${b} + ${c}) % P`);
        }
        default:
          throw new Error(`pilJson: unsupported expression op "${e.op}" (only pilcom's own ops are understood)`);
      }
    } finally {
      depth--;
    }
  };

  const r = expr(exprId, 0);
  // Constants travel in K rather than in the source, so structurally equal expressions with
  // different constants share one compiled function.
  const src = `"use strict";\nreturn (i) => {\n${lines.join('\n')}\nconst r = ${r} % P;\nreturn r < 0n ? r + P : r;\n};`;
  let factory = exactCache.get(src);
  if (factory === undefined) {
    factory = new Function('P', 'X', 'M', 'K', src) as ExactFactory;
    exactCache.set(src, factory);
  }
  return factory(P, (c, row) => exactCell(cols[c]!, row), N - 1, consts);
}
