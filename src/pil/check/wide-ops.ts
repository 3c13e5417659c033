// Goldilocks (p = 2^64 − 2^32 + 1) add, sub and mul written inline into a WebAssembly function
// body, on canonical i64 operands (locals or constants) into a canonical i64 local. Inline rather
// than calls: the 64-bit evaluator does hundreds per row and Node's V8 does not inline wasm calls.
// The product is built from four 32×32 products and reduced with 2^64 ≡ 2^32 − 1, 2^96 ≡ −1.

import { FuncBody, I64, op } from '../stark/wasm-emit.js';

export const P = 0xffffffff00000001n;
const EPS = 0xffffffffn; // 2^64 mod p
const M32 = 0xffffffffn;

/** An operand: an i64 local holding a canonical element, or a constant in [0, p). */
export type Operand = { local: number } | { value: bigint };

export class FieldOps {
  private readonly s: number[];

  constructor(private readonly f: FuncBody) {
    // scratch locals, shared by every operation (each is dead once its result is set)
    this.s = Array.from({ length: 10 }, () => f.local(I64));
  }

  private push(x: Operand): void {
    if ('local' in x) this.f.get(x.local);
    else this.f.i64(x.value);
  }

  /** out = a + b mod p */
  add(a: Operand, b: Operand, out: number): void {
    const f = this.f;
    const [s] = this.s;
    this.push(a);
    this.push(b);
    f.emit(op.i64Add).set(s!);
    // carry (s < b): the lost 2^64 is EPS, and s + EPS < p; else s ≥ p takes one p off
    f.get(s!).i64(EPS).emit(op.i64Add);
    f.get(s!).i64(P).emit(op.i64Sub).get(s!).get(s!).i64(P).emit(op.i64GeU).emit(op.select);
    f.get(s!);
    this.push(b);
    f.emit(op.i64LtU, op.select).set(out);
  }

  /** out = a − b mod p */
  sub(a: Operand, b: Operand, out: number): void {
    const f = this.f;
    const [d] = this.s;
    this.push(a);
    this.push(b);
    f.emit(op.i64Sub).set(d!);
    // borrow (a < b): a − b + p wraps to the right value
    f.get(d!).i64(P).emit(op.i64Add).get(d!);
    this.push(a);
    this.push(b);
    f.emit(op.i64LtU, op.select).set(out);
  }

  /**
   * out = Σ w·x mod p over canonical locals x and integer weights w with Σ w < 2^31: the halves
   * are summed separately (lo = Σ w·x_lo, hi = Σ w·x_hi, each < 2^63) and reduced once, which is
   * much cheaper than a product and a sum per term (the MDS rows of Poseidon are such sums).
   */
  lin(terms: readonly { local: number; w: number }[], out: number): void {
    const f = this.f;
    const [lo, hi, r] = this.s as [number, number, number];
    terms.forEach(({ local, w }, j) => {
      f.get(local).i64(M32).emit(op.i64And);
      if (w !== 1) f.i64(BigInt(w)).emit(op.i64Mul);
      if (j > 0) f.get(lo).emit(op.i64Add);
      f.set(lo);
      f.get(local).i64(32n).emit(op.i64ShrU);
      if (w !== 1) f.i64(BigInt(w)).emit(op.i64Mul);
      if (j > 0) f.get(hi).emit(op.i64Add);
      f.set(hi);
    });
    // hi·2^32 = (hi >> 32)·2^64 + low(hi)·2^32 ≡ (hi >> 32)·EPS + low(hi)·2^32
    f.get(lo).get(hi).i64(32n).emit(op.i64ShrU).i64(EPS).emit(op.i64Mul).emit(op.i64Add).set(r); // < 2^64
    f.get(r).get(hi).i64(32n).emit(op.i64Shl).emit(op.i64Add).set(lo);
    // carry: the lost 2^64 is EPS (no overflow: the wrapped sum is below low(hi)·2^32)
    f.get(lo).i64(EPS).emit(op.i64Add).get(lo).get(lo).get(r).emit(op.i64LtU).emit(op.select).set(lo);
    f.get(lo).i64(P).emit(op.i64Sub).get(lo).get(lo).i64(P).emit(op.i64GeU).emit(op.select).set(out);
  }

  /** out = a · b mod p */
  mul(a: Operand, b: Operand, out: number): void {
    const f = this.f;
    const [a0, a1, b0, b1, lo, m1, m2, t, L, H] = this.s as [number, number, number, number, number, number, number, number, number, number];
    this.push(a); f.i64(M32).emit(op.i64And).set(a0);
    this.push(a); f.i64(32n).emit(op.i64ShrU).set(a1);
    this.push(b); f.i64(M32).emit(op.i64And).set(b0);
    this.push(b); f.i64(32n).emit(op.i64ShrU).set(b1);
    f.get(a0).get(b0).emit(op.i64Mul).set(lo);
    f.get(a0).get(b1).emit(op.i64Mul).set(m1);
    f.get(a1).get(b0).emit(op.i64Mul).set(m2);
    // t = (lo >> 32) + low(m1) + low(m2) < 3·2^32: bits 32… of the product's low word and its carry
    f.get(lo).i64(32n).emit(op.i64ShrU).get(m1).i64(M32).emit(op.i64And).emit(op.i64Add)
      .get(m2).i64(M32).emit(op.i64And).emit(op.i64Add).set(t);
    // the 128-bit product is H·2^64 + L
    f.get(lo).i64(M32).emit(op.i64And).get(t).i64(32n).emit(op.i64Shl).emit(op.i64Or).set(L);
    f.get(a1).get(b1).emit(op.i64Mul).get(m1).i64(32n).emit(op.i64ShrU).emit(op.i64Add)
      .get(m2).i64(32n).emit(op.i64ShrU).emit(op.i64Add).get(t).i64(32n).emit(op.i64ShrU).emit(op.i64Add).set(H);
    // H = Hh·2^32 + Hl: product ≡ L − Hh + Hl·EPS. Reuse a0 (= L − Hh) and a1 (= Hl·EPS).
    f.get(H).i64(32n).emit(op.i64ShrU).set(b1); // Hh
    f.get(L).get(b1).emit(op.i64Sub).set(a0);
    // borrow: the wrapped value is 2^64 too big, and 2^64 ≡ EPS
    f.get(a0).i64(EPS).emit(op.i64Sub).get(a0).get(L).get(b1).emit(op.i64LtU).emit(op.select).set(a0);
    f.get(H).i64(M32).emit(op.i64And).i64(EPS).emit(op.i64Mul).set(a1);
    f.get(a0).get(a1).emit(op.i64Add).set(b0);
    // carry: add back EPS (no overflow: the wrapped sum is below Hl·EPS < 2^64 − 2^33)
    f.get(b0).i64(EPS).emit(op.i64Add).get(b0).get(b0).get(a1).emit(op.i64LtU).emit(op.select).set(b0);
    f.get(b0).i64(P).emit(op.i64Sub).get(b0).get(b0).i64(P).emit(op.i64GeU).emit(op.select).set(out);
  }
}
