// The 64-bit evaluator: a group of identities compiled into one WebAssembly row loop over
// canonical Goldilocks elements in i64, for identities the double path (codegen.ts) would send to
// BigInt on most rows: those reading elements without a key (full 64-bit columns such as the
// Poseidon state) or whose products may pass 2^53. Exact on every row, so a nonzero value is a
// real failure (the exact evaluator then only words the report).
//
// Rows are processed in windows: each read column's cells for rows w0 … w0 + W + D − 1 (mod N;
// D = the largest row offset) are copied into linear memory, so memory stays small for any N and
// `next` reads need no wrap-around arithmetic inside the loop. The expression DAG is collected
// first and emitted in build(), when the window layout (hence every load's address) is known.

import { halves, type Col } from './columns.js';
import type { CodegenEnv } from './codegen.js';
import { parseConst } from './field.js';
import type { PilExpr } from './types.js';
import { FieldOps, P, type Operand } from './wide-ops.js';
import { FuncBody, I32, I64, ModuleBuilder, op, uleb } from '../stark/wasm-emit.js';

const I32_LOAD = 0x28;
/** Rows per window: small enough for the cache, and enough calls per check for V8 to tier the
 *  loop up from its baseline compiler (it swaps code between calls, not inside one). */
const WINDOW = 4096;
const MAX_DEPTH = 10_000;

/** Weights of a pending linear combination stay below this (see FieldOps.lin). */
const LIN_MAX = 2 ** 31;

interface Term { id: number; w: number }
/** A value: the result of step `id` (an i64 local once emitted), a constant in [0, p), or a
 *  pending Σ w·step with small weights, emitted as one step when something else reads it. */
type Val = { id: number } | { value: bigint } | { lin: Term[] };
type Ref = { id: number } | { value: bigint };
type Step =
  | { kind: 'load'; ci: number; d: number }
  | { kind: 'public'; slot: number }
  | { kind: 'add' | 'sub' | 'mul'; a: Ref; b: Ref }
  | { kind: 'lin'; terms: Term[] }
  | { kind: 'check'; v: Ref; k: number };

export class WideBuilder {
  readonly cols: Col[] = [];
  private readonly colIdx = new Map<string, number>();
  private readonly memo = new Map<string, Val>();
  private readonly steps: Step[] = [];
  /** Values of the publics read, in memory rather than in the code: segments of one program
   *  differ in their publics only, and then share one compiled (and tiered-up) module. */
  private readonly publics: bigint[] = [];
  private nCheck = 0;
  private maxD = 0;
  private depth = 0;

  constructor(private readonly env: CodegenEnv, private readonly N: number) {}

  /** Steps so far (a size measure for grouping). */
  get size(): number {
    return this.steps.length;
  }

  /** Adds "report the row if the value is not 0 (while check k is live)"; returns k. */
  addCheck(exprId: number): number {
    const k = this.nCheck++;
    const v = this.ref(this.expr(exprId, 0));
    if ('id' in v || v.value !== 0n) this.steps.push({ kind: 'check', v, k });
    return k;
  }

  /** `window`: rows per window (tests use small ones to cross window edges). */
  build(window = WINDOW): WideLoop {
    return new WideLoop(this.N, this.cols, this.steps, this.publics, this.maxD, this.nCheck, window);
  }

  private step(s: Step, key: string): { id: number } {
    const v = { id: this.steps.length };
    this.steps.push(s);
    this.memo.set(key, v);
    return v;
  }

  private expr(id: number, d: number): Val {
    const e = this.env.expressions[id];
    if (e === undefined) throw new Error(`pilJson: no expression ${id}`);
    return this.node(e, d);
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
        const lk = `L${ci}@${dd}`;
        if (dd > this.maxD) this.maxD = dd;
        return this.memo.get(lk) ?? this.step({ kind: 'load', ci, d: dd }, lk);
      }
      case 'exp':
        return this.expr(e.id!, dd);
      case 'number':
        return { value: parseConst(e.value!) };
      case 'public': {
        const key = `P${e.id}`;
        const hit = this.memo.get(key);
        if (hit) return hit;
        this.publics.push(this.env.publicExact(e.id!));
        return this.step({ kind: 'public', slot: this.publics.length - 1 }, key);
      }
      case 'neg':
        return this.binary('sub', { value: 0n }, this.node(arg(e, 0), d));
      case 'add':
      case 'sub':
      case 'mul':
        return this.binary(e.op, this.node(arg(e, 0), d), this.node(arg(e, 1), d));
      case 'addc':
      case 'mulc':
        return this.binary(e.op === 'addc' ? 'add' : 'mul', this.node(arg(e, 0), d), { value: parseConst(e.const!) });
      case 'muladd': {
        const ab = this.binary('mul', this.node(arg(e, 0), d), this.node(arg(e, 1), d));
        return this.binary('add', ab, this.node(arg(e, 2), d));
      }
      default:
        throw new Error(`pilJson: unsupported expression op "${e.op}" (only pilcom's own ops are understood)`);
    }
  }

  private binary(o: 'add' | 'sub' | 'mul', a: Val, b: Val): Val {
    if ('value' in a && 'value' in b) return { value: fold(o, a.value, b.value) };
    // field identities pilcom's output is full of ((1 - L1)·…, x + 0)
    const is = (x: Val, c: bigint) => 'value' in x && x.value === c;
    if (o === 'mul' && (is(a, 0n) || is(b, 0n))) return { value: 0n };
    if (o === 'mul' && is(a, 1n)) return b;
    if ((o === 'mul' && is(b, 1n)) || (o !== 'mul' && is(b, 0n))) return a;
    if (o === 'add' && is(a, 0n)) return b;
    // small multiples and their sums stay pending (weights only)
    if (o === 'mul') {
      const [x, c] = 'value' in a ? [b, a.value] : 'value' in b ? [a, b.value] : [null, 0n];
      if (x !== null && !('value' in x) && c < LIN_MAX) {
        const t = terms(x);
        if (weight(t) * Number(c) < LIN_MAX) return { lin: t.map(({ id, w }) => ({ id, w: w * Number(c) })) };
      }
    }
    if (o === 'add' && ('lin' in a || 'lin' in b) && !('value' in a) && !('value' in b)) {
      const t = merge(terms(a), terms(b));
      if (weight(t) < LIN_MAX) return { lin: t };
    }
    const ra = this.ref(a);
    const rb = this.ref(b);
    const key = `${o}(${show(ra)},${show(rb)})`;
    return this.memo.get(key) ?? this.step({ kind: o, a: ra, b: rb }, key);
  }

  /** A value as an operand: a pending combination becomes a step. */
  private ref(v: Val): Ref {
    if (!('lin' in v)) return v;
    const t = v.lin;
    if (t.length === 1 && t[0]!.w === 1) return { id: t[0]!.id };
    const key = `lin(${t.map(({ id, w }) => `${w}*s${id}`).join(',')})`;
    return (this.memo.get(key) as Ref | undefined) ?? (this.step({ kind: 'lin', terms: t }, key) as Ref);
  }
}

function terms(v: { id: number } | { lin: Term[] }): Term[] {
  return 'lin' in v ? v.lin : [{ id: v.id, w: 1 }];
}

function weight(t: Term[]): number {
  return t.reduce((s, x) => s + x.w, 0);
}

/** a + b with equal steps' weights added, ordered by step (so equal sums share one key). */
function merge(a: Term[], b: Term[]): Term[] {
  const m = new Map<number, number>();
  for (const { id, w } of [...a, ...b]) m.set(id, (m.get(id) ?? 0) + w);
  return [...m].sort((x, y) => x[0] - y[0]).map(([id, w]) => ({ id, w }));
}

function show(v: Ref): string {
  return 'id' in v ? `s${v.id}` : `${v.value}n`;
}

function fold(o: 'add' | 'sub' | 'mul', a: bigint, b: bigint): bigint {
  const r = (o === 'add' ? a + b : o === 'sub' ? a - b : a * b) % P;
  return r < 0n ? r + P : r;
}

function arg(e: PilExpr, k: number): PilExpr {
  const v = e.values?.[k];
  if (v === undefined) throw new Error(`pilJson: "${e.op}" node without operand ${k}`);
  return v;
}

const moduleCache = new Map<string, WebAssembly.Module>();
/** Modules kept: a program's groups, with room for a few programs. */
const MODULE_CACHE = 64;

/** Memory layout: dead flags (one i32 per check) at 0, the publics' values, then one window per
 *  column. */
interface Layout { rows: number; stride: number; pubBase: number; colBase: number; bytes: number }

function layoutOf(N: number, nCols: number, nPub: number, maxD: number, nCheck: number, window: number): Layout {
  const rows = Math.min(window, N);
  const stride = (rows + maxD) * 8;
  const pubBase = Math.ceil((4 * nCheck + 1) / 64) * 64;
  const colBase = pubBase + Math.ceil((8 * nPub) / 64) * 64;
  return { rows, stride, pubBase, colBase, bytes: colBase + nCols * stride };
}

/**
 * run(from, to) → the first row in [from, to) of the window where a live check is nonzero, or −1:
 *   for (i = from; i < to; i++) { a = 8i; values…; if (v ≠ 0 && !dead[k]) return i; }
 */
function emitRun(steps: Step[], L: Layout): Uint8Array<ArrayBuffer> {
  const f = new FuncBody([I32, I32], [I32]);
  const FROM = 0;
  const TO = 1;
  const a = f.local(I32);
  const ops = new FieldOps(f);
  const local: number[] = [];
  const operand = (v: Ref): Operand => ('id' in v ? { local: local[v.id]! } : v);
  f.emit(op.block, 0x40).get(FROM).get(TO).emit(op.i32GeU, op.brIf, 0);
  f.emit(op.loop, 0x40).get(FROM).i32(3).emit(op.i32Shl).set(a);
  steps.forEach((s, id) => {
    switch (s.kind) {
      case 'load':
        local[id] = f.local(I64);
        f.get(a).emit(op.i64Load, 3, ...uleb(L.colBase + s.ci * L.stride + s.d * 8)).set(local[id]!);
        break;
      case 'public':
        local[id] = f.local(I64);
        f.i32(0).emit(op.i64Load, 3, ...uleb(L.pubBase + 8 * s.slot)).set(local[id]!);
        break;
      case 'lin':
        local[id] = f.local(I64);
        ops.lin(s.terms.map((t) => ({ local: local[t.id]!, w: t.w })), local[id]!);
        break;
      case 'check':
        if ('id' in s.v) f.get(local[s.v.id]!).emit(op.i64Eqz, op.i32Eqz);
        else f.i32(1); // a nonzero constant
        f.emit(op.if, 0x40).i32(0).emit(I32_LOAD, 2, ...uleb(4 * s.k)).emit(op.i32Eqz, op.if, 0x40)
          .get(FROM).emit(op.return, op.end, op.end);
        break;
      default:
        local[id] = f.local(I64);
        ops[s.kind](operand(s.a), operand(s.b), local[id]!);
    }
  });
  f.get(FROM).i32(1).emit(op.i32Add).tee(FROM).get(TO).emit(op.i32LtU, op.brIf, 0, op.end, op.end);
  f.i32(-1);
  const m = new ModuleBuilder();
  m.add(f, 'run');
  return m.bytes();
}

/** A compiled group of checks. */
export class WideLoop {
  private readonly L: Layout;
  private readonly run: (from: number, to: number) => number;
  private readonly mem: WebAssembly.Memory;

  constructor(private readonly N: number, readonly cols: Col[], steps: Step[], publics: bigint[],
    private readonly maxD: number, readonly nCheck: number, window: number) {
    this.L = layoutOf(this.N, cols.length, publics.length, maxD, nCheck, window);
    const bytes = emitRun(steps, this.L);
    // same identities, same layout (segments of one program): compile once
    const key = Buffer.from(bytes).toString('latin1');
    let mod = moduleCache.get(key);
    if (mod === undefined) {
      if (moduleCache.size >= MODULE_CACHE) moduleCache.clear();
      mod = new WebAssembly.Module(bytes);
      moduleCache.set(key, mod);
    }
    this.mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(this.L.bytes / 65536)) });
    new BigUint64Array(this.mem.buffer, this.L.pubBase, publics.length).set(publics);
    const inst = new WebAssembly.Instance(mod, { env: { mem: this.mem } });
    this.run = inst.exports.run as (from: number, to: number) => number;
  }

  /** Runs every row in order; `failRow(row)` settles a row where some live check is nonzero and
   *  returns true to stop. */
  check(failRow: (row: number) => boolean): void {
    const u32 = this.cols.map(halves);
    const W = this.L.rows;
    for (let w0 = 0; w0 < this.N; w0 += W) {
      const n = Math.min(W, this.N - w0);
      this.load(u32, w0, n + this.maxD);
      for (let from = 0; from < n;) {
        const r = this.run(from, n);
        if (r < 0) break;
        if (failRow(w0 + r)) return;
        from = r + 1;
      }
    }
  }

  /** Marks check k dead: no more rows are reported for it. */
  kill(k: number): void {
    new Int32Array(this.mem.buffer, 0, this.nCheck)[k] = 1;
  }

  /** Copies rows w0 … w0 + len − 1 (mod N) of every column into its window. */
  private load(u32: Uint32Array[], w0: number, len: number): void {
    const mem = new Uint32Array(this.mem.buffer);
    u32.forEach((u, c) => {
      let at = (this.L.colBase + c * this.L.stride) / 4;
      for (let r = w0, left = len; left > 0; r = 0) {
        const take = Math.min(left, this.N - r);
        mem.set(u.subarray(2 * r, 2 * (r + take)), at);
        at += 2 * take;
        left -= take;
      }
    });
  }
}
