// Goldilocks (p = 2^64 − 2^32 + 1) arithmetic as WebAssembly functions on i64, for the modules
// we build (compiled expressions, NTT, the main-thread field). Every function takes canonical
// inputs (< p) and returns the canonical result, which is exactly what pil-stark's BigInt F3g
// returns for canonical inputs, so results (and proofs) are bit-for-bit the same.
// WebAssembly has no 64×64→128 multiply: we build the 128-bit product from four 32×32 products
// and reduce it with 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1 (mod p).
//
// The cubic extension is F_p[x]/(x^3 − x − 1), as in pil-stark; mul3 uses the same six-product
// (Karatsuba) shape, though any exact formula gives the same canonical result.

import { FuncBody, I32, I64, ModuleBuilder, op } from './wasm-emit.js';

export const P = 0xffffffff00000001n;
const EPS = 0xffffffffn; // 2^64 mod p
const M32 = 0xffffffffn;

export interface GlFuncs { add: number; sub: number; mul: number; mul3: number }

/** Adds add, sub, mul (i64, i64) → i64 and mul3 (a0,a1,a2,b0,b1,b2) → (c0,c1,c2) to `m`. */
export function addGlFuncs(m: ModuleBuilder, exported = false): GlFuncs {
  const add = new FuncBody([I64, I64], [I64]);
  {
    // s = a + b; on carry the lost 2^64 is 2^32 − 1 mod p; else subtract p once if s ≥ p
    const s = add.local(I64);
    add.get(0).get(1).emit(op.i64Add).set(s);
    add.get(s).i64(EPS).emit(op.i64Add); // carry case
    add.get(s).i64(P).emit(op.i64Sub);
    add.get(s);
    add.get(s).i64(P).emit(op.i64GeU).emit(op.select); // no carry: s ≥ p ? s − p : s
    add.get(s).get(0).emit(op.i64LtU).emit(op.select); // carry ? s + EPS : (…)
  }
  const sub = new FuncBody([I64, I64], [I64]);
  {
    const d = sub.local(I64);
    sub.get(0).get(1).emit(op.i64Sub).set(d);
    sub.get(d).i64(P).emit(op.i64Add).get(d).get(0).get(1).emit(op.i64LtU).emit(op.select);
  }
  const mul = new FuncBody([I64, I64], [I64]);
  {
    const [a0, a1, b0, b1, lo, m1, m2, t, L, H, t0, t1, t2] = Array.from({ length: 13 }, () => mul.local(I64));
    const f = mul;
    f.get(0).i64(M32).emit(op.i64And).set(a0!);
    f.get(0).i64(32n).emit(op.i64ShrU).set(a1!);
    f.get(1).i64(M32).emit(op.i64And).set(b0!);
    f.get(1).i64(32n).emit(op.i64ShrU).set(b1!);
    f.get(a0!).get(b0!).emit(op.i64Mul).set(lo!);
    f.get(a0!).get(b1!).emit(op.i64Mul).set(m1!);
    f.get(a1!).get(b0!).emit(op.i64Mul).set(m2!);
    // t = (lo >> 32) + low(m1) + low(m2) < 3·2^32
    f.get(lo!).i64(32n).emit(op.i64ShrU).get(m1!).i64(M32).emit(op.i64And).emit(op.i64Add)
      .get(m2!).i64(M32).emit(op.i64And).emit(op.i64Add).set(t!);
    // L = low(lo) | t << 32
    f.get(lo!).i64(M32).emit(op.i64And).get(t!).i64(32n).emit(op.i64Shl).emit(op.i64Or).set(L!);
    // H = a1·b1 + (m1 >> 32) + (m2 >> 32) + (t >> 32)
    f.get(a1!).get(b1!).emit(op.i64Mul).get(m1!).i64(32n).emit(op.i64ShrU).emit(op.i64Add)
      .get(m2!).i64(32n).emit(op.i64ShrU).emit(op.i64Add).get(t!).i64(32n).emit(op.i64ShrU).emit(op.i64Add).set(H!);
    // x = L + 2^64·(Hl + 2^32·Hh) ≡ L − Hh + Hl·(2^32 − 1)
    // t0 = L − Hh, minus EPS on borrow
    f.get(L!).get(H!).i64(32n).emit(op.i64ShrU).emit(op.i64Sub).set(t0!);
    f.get(t0!).i64(EPS).emit(op.i64Sub).get(t0!).get(L!).get(H!).i64(32n).emit(op.i64ShrU).emit(op.i64LtU).emit(op.select).set(t0!);
    // t1 = Hl·EPS
    f.get(H!).i64(M32).emit(op.i64And).i64(EPS).emit(op.i64Mul).set(t1!);
    // t2 = t0 + t1, plus EPS on carry
    f.get(t0!).get(t1!).emit(op.i64Add).set(t2!);
    f.get(t2!).i64(EPS).emit(op.i64Add).get(t2!).get(t2!).get(t1!).emit(op.i64LtU).emit(op.select).set(t2!);
    f.get(t2!).i64(P).emit(op.i64Sub).get(t2!).get(t2!).i64(P).emit(op.i64GeU).emit(op.select);
  }
  const iAdd = m.add(add, exported ? 'add' : undefined);
  const iSub = m.add(sub, exported ? 'sub' : undefined);
  const iMul = m.add(mul, exported ? 'mul' : undefined);

  const mul3 = new FuncBody([I64, I64, I64, I64, I64, I64], [I64, I64, I64]);
  {
    const f = mul3;
    const [A, B, C, D, E, F] = Array.from({ length: 6 }, () => f.local(I64));
    const sum = (x: number, y: number) => f.get(x).get(y).call(iAdd);
    sum(0, 1); sum(3, 4); f.call(iMul).set(A!);
    sum(0, 2); sum(3, 5); f.call(iMul).set(B!);
    sum(1, 2); sum(4, 5); f.call(iMul).set(C!);
    f.get(0).get(3).call(iMul).set(D!);
    f.get(1).get(4).call(iMul).set(E!);
    f.get(2).get(5).call(iMul).set(F!);
    // c0 = C + D − E − F; c1 = A + C − 2E − D; c2 = B − D + E
    f.get(C!).get(D!).call(iAdd).get(E!).call(iSub).get(F!).call(iSub);
    f.get(A!).get(C!).call(iAdd).get(E!).call(iSub).get(E!).call(iSub).get(D!).call(iSub);
    f.get(B!).get(D!).call(iSub).get(E!).call(iAdd);
  }
  const iMul3 = m.add(mul3, exported ? 'mul3' : undefined);
  return { add: iAdd, sub: iSub, mul: iMul, mul3: iMul3 };
}

/** A WebAssembly.Memory of at least `bytes` bytes. */
export function memoryFor(bytes: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
}

/** Adds the export nonCanonical(addr, count) → 1 if some of the count 64-bit cells from addr is ≥ p. */
export function addNonCanonical(m: ModuleBuilder): void {
  const nc = new FuncBody([I32, I32], [I32]);
  const acc = nc.local(I32);
  nc.emit(op.block, 0x40).get(1).emit(op.i32Eqz).emit(op.brIf, 0).emit(op.loop, 0x40);
  nc.get(acc).get(0).load(0).i64(P).emit(op.i64GeU).emit(op.i32Or).set(acc);
  nc.get(0).i32(8).emit(op.i32Add).set(0);
  nc.get(1).i32(1).emit(op.i32Sub).tee(1).emit(op.brIf, 0).emit(op.end, op.end);
  nc.get(acc);
  m.add(nc, 'nonCanonical');
}
