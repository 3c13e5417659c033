// WebAssembly kernels for our stand-in of pil-stark's fft_worker.js: one butterfly pass of an
// NTT block and the row scaling of interpolatePrepareBlock, on a buffer of rows × nPols cells in
// linear memory. Memory layout: the roots of unity w[0..32] at ROOTS, the buffer at BUF.

import { addGlFuncs, addNonCanonical } from './gl-kernel.js';
import { FuncBody, I32, I64, ModuleBuilder, op } from './wasm-emit.js';

export const ROOTS = 0;
export const BUF = 512;

export interface FftKernel {
  /** rows off…off+md2 (u) against off+md2… (t), byte address off: u, t ← u + w·t, u − w·t; w from w[s]^e (or 1) times w[layers] per row. */
  pass(off: number, md2: number, nPols: number, s: number, e: number, layers: number, useExp: number): void;
  /** cell (i, j) ← cell · start · inc^i for `rows` rows of `width` cells from byte address off. */
  scaleRows(off: number, rows: number, width: number, start: bigint, inc: bigint): void;
  nonCanonical(addr: number, count: number): number;
}

/** Runs `body` count times (count a local, decremented to 0). */
function repeat(f: FuncBody, count: number, body: () => void): void {
  f.emit(op.block, 0x40).get(count).emit(op.i32Eqz).emit(op.brIf, 0).emit(op.loop, 0x40);
  body();
  f.get(count).i32(1).emit(op.i32Sub).tee(count).emit(op.brIf, 0).emit(op.end, op.end);
}

export function fftModuleBytes(): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  const gl = addGlFuncs(m);

  // pow(b, e): square and multiply from the top bit
  const pow = new FuncBody([I64, I32], [I64]);
  {
    const r = pow.local(I64);
    const bit = pow.local(I32);
    pow.i64(1n).set(r).i32(31).set(bit);
    pow.emit(op.loop, 0x40);
    pow.get(r).get(r).call(gl.mul).set(r);
    pow.get(1).get(bit).emit(op.i32ShrU).i32(1).emit(op.i32And).emit(op.if, 0x40).get(r).get(0).call(gl.mul).set(r).emit(op.end);
    pow.get(bit).i32(1).emit(op.i32Sub).tee(bit).i32(0).emit(0x4e /* i32.ge_s */).emit(op.brIf, 0).emit(op.end);
    pow.get(r);
  }
  const iPow = m.add(pow);

  const pass = new FuncBody([I32, I32, I32, I32, I32, I32, I32], []);
  {
    const [OFF, MD2, NPOLS, S, E, LAYERS, USE] = [0, 1, 2, 3, 4, 5, 6];
    const w = pass.local(I64);
    const ws = pass.local(I64);
    const pu = pass.local(I32);
    const pt = pass.local(I32);
    const gap = pass.local(I32);
    const i = pass.local(I32);
    const j = pass.local(I32);
    const t = pass.local(I64);
    const u = pass.local(I64);
    const f = pass;
    // w = use ? w[s]^e : 1; ws = w[layers]
    f.get(S).i32(8).emit(op.i32Mul).load(ROOTS).get(E).call(iPow).i64(1n).get(USE).emit(op.select).set(w);
    f.get(LAYERS).i32(8).emit(op.i32Mul).load(ROOTS).set(ws);
    f.get(MD2).get(NPOLS).emit(op.i32Mul).i32(8).emit(op.i32Mul).set(gap);
    f.get(OFF).set(pu);
    f.get(MD2).set(i);
    repeat(f, i, () => {
      f.get(NPOLS).set(j);
      repeat(f, j, () => {
        f.get(pu).get(gap).emit(op.i32Add).set(pt);
        f.get(w).get(pt).load(0).call(gl.mul).set(t);
        f.get(pu).load(0).set(u);
        f.get(pu).get(u).get(t).call(gl.add).store(0);
        f.get(pt).get(u).get(t).call(gl.sub).store(0);
        f.get(pu).i32(8).emit(op.i32Add).set(pu);
      });
      f.get(w).get(ws).call(gl.mul).set(w);
    });
  }
  m.add(pass, 'pass');

  const scale = new FuncBody([I32, I32, I32, I64, I64], []);
  {
    const [OFF, ROWS, WIDTH, START, INC] = [0, 1, 2, 3, 4];
    const w = scale.local(I64);
    const j = scale.local(I32);
    const f = scale;
    f.get(START).set(w);
    repeat(f, ROWS, () => {
      f.get(WIDTH).set(j);
      repeat(f, j, () => {
        f.get(OFF).get(OFF).load(0).get(w).call(gl.mul).store(0);
        f.get(OFF).i32(8).emit(op.i32Add).set(OFF);
      });
      f.get(w).get(INC).call(gl.mul).set(w);
    });
  }
  m.add(scale, 'scaleRows');
  addNonCanonical(m);
  return m.bytes();
}

let module: WebAssembly.Module | undefined;

/** A kernel instance over a fresh memory of at least `bufBytes` bytes at BUF, roots filled in. */
export function fftKernel(bufBytes: number, roots: readonly bigint[]): { kernel: FftKernel; mem: WebAssembly.Memory } {
  module ??= new WebAssembly.Module(fftModuleBytes());
  const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((BUF + bufBytes) / 65536)) });
  const kernel = new WebAssembly.Instance(module, { env: { mem } }).exports as unknown as FftKernel;
  new BigUint64Array(mem.buffer, ROOTS, roots.length).set(roots);
  return { kernel, mem };
}
