// Compiles a parsed step (expr-parse.ts) into a WebAssembly function run(start, end) that
// evaluates the step for rows start…end−1 over sections laid out in linear memory. pil-stark
// evaluates the same code with BigInt and [BigInt ×3] objects per operation (about half of a
// proof's CPU); here temporaries are i64 locals and nothing is allocated per row.
//
// Semantics are those of pil-stark's F3g on canonical values (we check that inputs and
// constants are < p, else the caller falls back): add/sub/mul of base (dim 1) and cubic
// extension (dim 3) values, mixed dims as F3g mixes them, copies, stores into sections in
// statement order (a later statement of the same row reads what an earlier one stored).

import { addGlFuncs, addNonCanonical, P } from './gl-kernel.js';
import { type Cell, type Op, type Ref, Unsupported } from './expr-parse.js';
import { FuncBody, I32, I64, ModuleBuilder, op } from './wasm-emit.js';

export type Dim = 1 | 3;

/** Where each section lives in memory (byte address) and how many 64-bit cells it holds. */
export interface Layout { sections: Map<string, { base: number; cells: number }>; ziBase: number; ziLen: number; bytes: number }

export interface StepConsts {
  publics: readonly bigint[];
  challenges: readonly (bigint | readonly bigint[])[];
  evals: readonly (bigint | readonly bigint[])[];
}

type Comp = { local: number } | { addr: number; offset: number } | { value: bigint };

/** The value of a constant reference as 1 or 3 canonical components. */
function constValue(ref: Extract<Ref, { kind: 'const' }>, consts: StepConsts): bigint[] {
  const v = ref.group === 'number' ? ref.value : consts[ref.group][ref.id];
  const comps = typeof v === 'bigint' ? [v] : Array.isArray(v) && v.length === 3 ? (v as bigint[]) : undefined;
  if (!comps || comps.some((c) => typeof c !== 'bigint' || c < 0n || c >= P)) throw new Unsupported(`constant ${ref.group}[${ref.id}]`);
  return comps;
}

/**
 * The module for `ops` over `layout`, for chunk rows 0…rows−1; `ziOffset` is the chunk's first
 * row in the whole domain (pil-stark's Zi(i) reads its table at (i + offset) mod length).
 * Exports run(start, end) and nonCanonical(addr, count) → 1 if some cell there is ≥ p.
 */
export function compileStep(ops: readonly Op[], consts: StepConsts, layout: Layout, rows: number, ziOffset: number): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  const gl = addGlFuncs(m);
  const f = new FuncBody([I32, I32], []);
  const I = 0;
  const END = 1;
  const rowAddr = new Map<string, number>(); // section/size/prime → local holding the row's address
  const rowCode: number[][] = [];
  const tmps = new Map<number, { dim: Dim; locals: number[] }>();
  const tmpLocals = new Map<string, number[]>();
  let ziAddr: number | undefined;
  let nLocals = 0;

  function addrOf(cell: Cell, dim: Dim): number {
    const sec = layout.sections.get(cell.section);
    if (!sec) throw new Unsupported(`section ${cell.section}`);
    // every access must stay inside the section (an out-of-range read throws in the original)
    const maxRow = cell.prime ? Math.min(rows - 1 + cell.prime.next, cell.prime.n - 1) : rows - 1;
    if (maxRow * cell.size + cell.off + dim > sec.cells) throw new Unsupported(`out of range ${cell.section}`);
    const key = `${cell.section}/${cell.size}/${cell.prime ? `${cell.prime.next}/${cell.prime.n}` : ''}`;
    let local = rowAddr.get(key);
    if (local === undefined) {
      local = f.local(I32);
      nLocals++;
      rowAddr.set(key, local);
      const c = new FuncBody([], []);
      c.get(I);
      if (cell.prime) c.i32(cell.prime.next).emit(op.i32Add).i32(cell.prime.n).emit(op.i32RemU);
      c.i32(cell.size * 8).emit(op.i32Mul).i32(sec.base).emit(op.i32Add).set(local);
      rowCode.push(c.code);
    }
    return local;
  }

  function comps(ref: Ref): Comp[] {
    switch (ref.kind) {
      case 'tmp': {
        const t = tmps.get(ref.id);
        if (!t) throw new Unsupported(`tmp ${ref.id} read before written`);
        return t.locals.map((local) => ({ local }));
      }
      case 'cell': {
        const addr = addrOf(ref.cell, ref.dim);
        return Array.from({ length: ref.dim }, (_, k) => ({ addr, offset: (ref.cell.off + k) * 8 }));
      }
      case 'const': return constValue(ref, consts).map((value) => ({ value }));
      case 'zi': {
        if (layout.ziLen === 0) throw new Unsupported('Zi');
        if (ziAddr === undefined) {
          ziAddr = f.local(I32);
          nLocals++;
          const c = new FuncBody([], []);
          c.get(I).i32(ziOffset).emit(op.i32Add).i32(layout.ziLen).emit(op.i32RemU).i32(8).emit(op.i32Mul).i32(layout.ziBase).emit(op.i32Add).set(ziAddr);
          rowCode.push(c.code);
        }
        return [{ addr: ziAddr, offset: 0 }];
      }
    }
  }

  const body = new FuncBody([], []); // the per-row statements (row address code goes first)
  const push = (c: Comp | undefined) => {
    if (c === undefined) body.i64(0n);
    else if ('local' in c) body.get(c.local);
    else if ('addr' in c) body.get(c.addr).load(c.offset);
    else body.i64(c.value);
  };
  const scratch = [f.local(I64), f.local(I64), f.local(I64)];

  for (const o of ops) {
    const a = comps(o.src[0]!);
    let dim: Dim;
    if (o.op === 'copy') {
      for (const c of a) push(c);
      dim = a.length as Dim;
    } else {
      const b = comps(o.src[1]!);
      const fn = gl[o.op];
      if (a.length === 1 && b.length === 1) {
        push(a[0]); push(b[0]); body.call(fn);
        dim = 1;
      } else if (o.op === 'mul') {
        if (a.length === 3 && b.length === 3) { for (const c of [...a, ...b]) push(c); body.call(gl.mul3); } else {
          const [s, v] = a.length === 1 ? [a[0], b] : [b[0], a];
          for (const c of v) { push(c); push(s); body.call(gl.mul); }
        }
        dim = 3;
      } else if (a.length === 3 && b.length === 3) {
        for (let k = 0; k < 3; k++) { push(a[k]); push(b[k]); body.call(fn); }
        dim = 3;
      } else if (a.length === 3) { // ext ± base: only the first component changes
        push(a[0]); push(b[0]); body.call(fn); push(a[1]); push(a[2]);
        dim = 3;
      } else if (o.op === 'add') { // base + ext
        push(a[0]); push(b[0]); body.call(fn); push(b[1]); push(b[2]);
        dim = 3;
      } else { // base − ext: F3g negates the other components
        push(a[0]); push(b[0]); body.call(fn);
        for (const k of [1, 2]) { push(undefined); push(b[k]); body.call(fn); }
        dim = 3;
      }
    }
    const d = o.dest;
    if (d.kind === 'tmp') {
      const key = `${d.id}/${dim}`;
      let locals = tmpLocals.get(key);
      if (!locals) {
        locals = Array.from({ length: dim }, () => f.local(I64));
        nLocals += dim;
        tmpLocals.set(key, locals);
      }
      for (let k = dim - 1; k >= 0; k--) body.set(locals[k]!);
      tmps.set(d.id, { dim, locals });
    } else if (d.kind === 'cell') {
      // F3g would throw storing an extension in one cell or a base value in three
      if (d.dim !== dim) throw new Unsupported('dimension mismatch in a store');
      const addr = addrOf(d.cell, d.dim);
      for (let k = dim - 1; k >= 0; k--) body.set(scratch[k]!);
      for (let k = 0; k < dim; k++) body.get(addr).get(scratch[k]!).store((d.cell.off + k) * 8);
    } else {
      throw new Unsupported('destination');
    }
  }
  if (nLocals > 40000) throw new Unsupported('too many locals');

  // run(start, end): for (i = start; i < end; i++) { row addresses; statements }
  f.emit(op.block, 0x40).get(I).get(END).emit(op.i32GeU).emit(op.brIf, 0);
  f.emit(op.loop, 0x40);
  for (const c of rowCode) f.emit(...c);
  for (const b of body.code) f.code.push(b);
  f.get(I).i32(1).emit(op.i32Add).tee(I).get(END).emit(op.i32LtU).emit(op.brIf, 0);
  f.emit(op.end, op.end);
  m.add(f, 'run');

  addNonCanonical(m);
  return m.bytes();
}
