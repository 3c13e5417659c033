// Poseidon over Goldilocks (width 12, 8 full + 22 partial rounds, x^7) in WebAssembly, computing
// exactly pil-stark's `poseidon` (its helpers/hash/poseidon): the same optimized form (round
// constants C, MDS M, the dense matrix P entering the partial rounds and the sparse partial-round
// vectors S), with the constants read at run time from pil-stark's own poseidon_constants_opt.js
// and written into tables in the instance's memory. Outputs are canonical (< p), as pil-stark's
// are, so any exact evaluation gives the same bits (test/pil/stark/poseidon.test.ts).
//
// Shape: the 12 state words live in memory; small functions (full-round S-box layer, MDS, the
// dense P product, the 22 partial rounds) work on them with i64 locals. (One straight-line
// function of the whole permutation compiled to 600 KiB of machine code and ran slower than
// pil-stark's: instruction-cache bound.) Carries are folded with masks (0 − cond, extended),
// not multiplications: the integer multiplier is the bottleneck.
//
// Reduction is lazy where it is provably safe: between operations a state word is any u64 standing
// for its value mod p (not necessarily < p), and only the results are made canonical.
// - mul(a, b) for any u64 a, b: the 128-bit product L + 2^64·H from four 32×32 products
//   (H ≤ 2^64 − 2), reduced with 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1 to a u64 (no final "− p").
// - addSmall(x, c) for any u64 x and c < p: on carry the lost 2^64 is 2^32 − 1 (mod p); since
//   x + c − 2^64 < p − 1, adding 2^32 − 1 cannot carry again.
// - MDS with M's small entries (< 2^6, column sums < 2^9): each word split into 32-bit halves,
//   lo = Σ m·l < 2^41 and hi = Σ m·h < 2^41, value = lo + hi·2^32 ≡ lo + (hi >> 32)·(2^32 − 1)
//   + (hi << 32 mod 2^64); the first sum is < 2^42, so the one possible carry is folded once.
// - Dot products with P and S (≤ 12 terms): the 32×32 partial products go to three u64 sums
//   (weights 1, 2^32, 2^64) with carry counts (≤ 23, so count·(2^32 − 1) < p), combined once.
// - s_k + s0·v_k (partial rounds): s_k is added to the 128-bit product before its one reduction.

import { createRequire } from 'node:module';
import { FuncBody, I32, I64, ModuleBuilder, op } from './wasm-emit.js';

export const P = 0xffffffff00000001n;
const EPS = 0xffffffffn; // 2^64 mod p
const M32 = 0xffffffffn;
const T = 12;
const FULL = 8;
const PARTIAL = 22;

export interface PoseidonConstants { C: bigint[]; M: bigint[][]; P: bigint[][]; S: bigint[] }

let constants: PoseidonConstants | undefined;

/** pil-stark's optimized Poseidon constants, from its package (hex strings → bigint). */
export function poseidonConstants(): PoseidonConstants {
  if (!constants) {
    const require = createRequire(import.meta.url);
    const fromPilStark = createRequire(require.resolve('pil-stark'));
    const raw = fromPilStark('./src/helpers/hash/poseidon/poseidon_constants_opt.js') as Record<'C' | 'S', string[]> & Record<'M' | 'P', string[][]>;
    const b = (s: string) => BigInt(s) % P;
    constants = { C: raw.C.map(b), M: raw.M.map((r) => r.map(b)), P: raw.P.map((r) => r.map(b)), S: raw.S.map(b) };
    if (constants.C.length !== T * FULL + PARTIAL || constants.S.length !== (2 * T - 1) * PARTIAL) throw new Error('unexpected Poseidon constants shape');
    for (const r of constants.M) for (const m of r) if (m >= 64n) throw new Error('unexpected Poseidon MDS entry');
  }
  return constants;
}

// Memory layout (bytes): the scratch state, a temporary row, 12 zero words (the last full round
// adds no constants), then the constant tables, written by `writeConstants`; callers' data from DATA.
export const ST = 0; // (linearHash and merkelizeLevel use it)
const TMP = 128;
const ZERO = 256;
const CT = 384; // C: 118 words
const MT = 1408; // Mᵀ: MT[i][j] = M[j][i]
const PT = 2560; // Pᵀ
const SV = 3712; // S: 506 words
const SH = 8192; // S again, each entry as two words: its low and high 32 bits
export const DATA = 16384;

/** Writes the constant tables into `mem` (instantiated from this module). */
export function writeConstants(mem: WebAssembly.Memory): void {
  const K = poseidonConstants();
  const w = new BigUint64Array(mem.buffer);
  w.fill(0n, ZERO / 8, ZERO / 8 + T);
  K.C.forEach((c, i) => { w[CT / 8 + i] = c; });
  for (let i = 0; i < T; i++) {
    for (let j = 0; j < T; j++) {
      w[MT / 8 + i * T + j] = K.M[j]![i]!;
      w[PT / 8 + i * T + j] = K.P[j]![i]!;
    }
  }
  K.S.forEach((c, i) => {
    w[SV / 8 + i] = c;
    w[SH / 8 + 2 * i] = c & M32;
    w[SH / 8 + 2 * i + 1] = c >> 32n;
  });
}

/** Field helpers emitting inline code into one function, with their own temporaries. */
class Gl {
  private readonly a0: number; private readonly a1: number; private readonly pl: number; private readonly m1: number;
  private readonly m2: number; private readonly t: number; private readonly L: number; private readonly H: number;
  readonly r: number;
  constructor(readonly f: FuncBody) {
    [this.a0, this.a1, this.pl, this.m1, this.m2, this.t, this.L, this.H, this.r] = Array.from({ length: 9 }, () => f.local(I64));
  }
  /** ± (cond ? k : 0), cond (i32 0/1) emitted by `cond`, without a multiplication: the mask
   * 0 − cond (0 or all ones) zero-extended is 0 or 2^32 − 1 = EPS, sign-extended and-ed with k. */
  private condK(k: bigint, cond: () => void, sub = false): void {
    const f = this.f;
    f.i32(0);
    cond();
    f.emit(op.i32Sub);
    if (k === EPS) f.emit(op.i64ExtendI32U);
    else f.emit(op.i64ExtendI32S).i64(k).emit(op.i64And);
    f.emit(sub ? op.i64Sub : op.i64Add);
  }
  /** (L, H) = the 128-bit product of a = a1·2^32 + a0 (locals) and b = b1·2^32 + b0 (32-bit halves). */
  mulWideHalves(a0: number, a1: number, b0: () => void, b1: () => void): void {
    const { f, pl, m1, m2, t, L, H } = this;
    f.get(a0); b0(); f.emit(op.i64Mul).set(pl);
    f.get(a0); b1(); f.emit(op.i64Mul).set(m1);
    f.get(a1); b0(); f.emit(op.i64Mul).set(m2);
    f.get(pl).i64(32n).emit(op.i64ShrU).get(m1).i64(M32).emit(op.i64And).emit(op.i64Add)
      .get(m2).i64(M32).emit(op.i64And).emit(op.i64Add).set(t);
    f.get(a1); b1(); f.emit(op.i64Mul).get(m1).i64(32n).emit(op.i64ShrU).emit(op.i64Add)
      .get(m2).i64(32n).emit(op.i64ShrU).emit(op.i64Add).get(t).i64(32n).emit(op.i64ShrU).emit(op.i64Add).set(H);
    f.get(pl).i64(M32).emit(op.i64And).get(t).i64(32n).emit(op.i64Shl).emit(op.i64Or).set(L);
  }
  /** (L, H) = the 128-bit product a·b (a, b any u64 locals). */
  mulWide(a: number, b: number): void {
    const { f, a0, a1, pl, m1, m2, t, L, H } = this;
    f.get(a).i64(M32).emit(op.i64And).set(a0);
    f.get(a).i64(32n).emit(op.i64ShrU).set(a1);
    if (b === a) {
      // square: a0·a1 counted twice
      f.get(a0).get(a0).emit(op.i64Mul).set(pl);
      f.get(a0).get(a1).emit(op.i64Mul).set(m1);
      f.get(pl).i64(32n).emit(op.i64ShrU).get(m1).i64(M32).emit(op.i64And).i64(1n).emit(op.i64Shl).emit(op.i64Add).set(t);
      f.get(a1).get(a1).emit(op.i64Mul).get(m1).i64(32n).emit(op.i64ShrU).i64(1n).emit(op.i64Shl).emit(op.i64Add)
        .get(t).i64(32n).emit(op.i64ShrU).emit(op.i64Add).set(H);
    } else {
      const b0 = () => f.get(b).i64(M32).emit(op.i64And);
      const b1 = () => f.get(b).i64(32n).emit(op.i64ShrU);
      f.get(a0); b0(); f.emit(op.i64Mul).set(pl);
      f.get(a0); b1(); f.emit(op.i64Mul).set(m1);
      f.get(a1); b0(); f.emit(op.i64Mul).set(m2);
      // t = (pl >> 32) + low(m1) + low(m2) < 3·2^32
      f.get(pl).i64(32n).emit(op.i64ShrU).get(m1).i64(M32).emit(op.i64And).emit(op.i64Add)
        .get(m2).i64(M32).emit(op.i64And).emit(op.i64Add).set(t);
      // H = a1·b1 + (m1 >> 32) + (m2 >> 32) + (t >> 32)
      f.get(a1); b1(); f.emit(op.i64Mul).get(m1).i64(32n).emit(op.i64ShrU).emit(op.i64Add)
        .get(m2).i64(32n).emit(op.i64ShrU).emit(op.i64Add).get(t).i64(32n).emit(op.i64ShrU).emit(op.i64Add).set(H);
    }
    // L = low(pl) | t << 32; the product is L + 2^64·H, and H ≤ 2^64 − 2
    f.get(pl).i64(M32).emit(op.i64And).get(t).i64(32n).emit(op.i64Shl).emit(op.i64Or).set(L);
  }
  /** (L, H) += x (any u64; H stays < 2^64 when it was ≤ 2^64 − 2). */
  wideAdd(x: number): void {
    const { f, L, H } = this;
    f.get(L).get(x).emit(op.i64Add).set(L);
    f.get(H).get(L).get(x).emit(op.i64LtU).emit(op.i64ExtendI32U).emit(op.i64Add).set(H);
  }
  /** dst = L + 2^64·H mod p, as some u64. */
  reduce(dst: number): void {
    const { f, L, H, r } = this;
    // r = L − Hh, minus EPS on borrow (then L − Hh + p, in [0, p))
    f.get(L).get(H).i64(32n).emit(op.i64ShrU).emit(op.i64Sub);
    this.condK(EPS, () => f.get(L).get(H).i64(32n).emit(op.i64ShrU).emit(op.i64LtU), true);
    f.set(r);
    // + Hl·EPS = (Hl << 32) − Hl (< 2^64), plus EPS on carry (the carried sum is < p then: no second carry)
    f.get(H).i64(32n).emit(op.i64Shl).get(H).i64(M32).emit(op.i64And).emit(op.i64Sub).set(H);
    f.get(r).get(H).emit(op.i64Add).set(r);
    f.get(r);
    this.condK(EPS, () => f.get(r).get(H).emit(op.i64LtU));
    f.set(dst);
  }
  /** dst = a·b mod p as some u64 (a, b any u64 locals; dst may be a or b). */
  mul(dst: number, a: number, b: number): void {
    this.mulWide(a, b);
    this.reduce(dst);
  }
  /** dst = x·2^32 mod p as some u64: x = h·2^32 + l ≡ l·2^32 + h·(2^32 − 1), the latter < p. */
  shl32(dst: number, x: number): void {
    const { f, t } = this;
    f.get(x).i64(32n).emit(op.i64ShrU).set(t);
    f.get(t).i64(32n).emit(op.i64Shl).get(t).emit(op.i64Sub).set(t);
    f.get(x).i64(32n).emit(op.i64Shl).set(dst);
    this.addSmall(dst, dst, t);
  }
  /** dst = x + c where c < p (x any u64). */
  addSmall(dst: number, x: number, c: number): void {
    const { f, r } = this;
    f.get(x).get(c).emit(op.i64Add).set(r);
    f.get(r);
    this.condK(EPS, () => f.get(r).get(c).emit(op.i64LtU));
    f.set(dst);
  }
  /** x = x mod p, canonical (x any u64). */
  canon(x: number): void {
    this.f.get(x);
    this.condK(P, () => this.f.get(x).i64(P).emit(op.i64GeU), true);
    this.f.set(x);
  }
  /** x = x^7. */
  pow7(x: number, x2: number, x3: number): void {
    this.mul(x2, x, x);
    this.mul(x3, x2, x);
    this.mul(x2, x2, x2);
    this.mul(x, x3, x2);
  }
}

/** for (i = 0; i < n; i++) body(i) as a wasm loop (n > 0). */
function loop(f: FuncBody, i: number, n: number, body: () => void): void {
  f.i32(0).set(i);
  f.emit(op.loop, 0x40);
  body();
  f.get(i).i32(1).emit(op.i32Add).tee(i).i32(n).emit(op.i32LtU).emit(op.brIf, 0);
  f.emit(op.end);
}

/** fullSbox(p, pC): s[i] = s[i]^7 + C[i] for the 12 words at p, constants at pC. */
function fullSbox(): FuncBody {
  const f = new FuncBody([I32, I32], []);
  const g = new Gl(f);
  const [i] = [f.local(I32)];
  const [x, x2, x3, c] = Array.from({ length: 4 }, () => f.local(I64));
  loop(f, i, T, () => {
    f.get(0).load(0).set(x);
    g.pow7(x, x2, x3);
    f.get(1).load(0).set(c);
    g.addSmall(x, x, c);
    f.get(0).get(x).store(0);
    f.get(0).i32(8).emit(op.i32Add).set(0);
    f.get(1).i32(8).emit(op.i32Add).set(1);
  });
  return f;
}

/** mds(p): s = Mᵀ·s with M's small entries (see the header: halves, one carry fold). */
function mds(): FuncBody {
  const f = new FuncBody([I32], []);
  const [i, pm] = [f.local(I32), f.local(I32)];
  const lo = Array.from({ length: T }, () => f.local(I64));
  const hi = Array.from({ length: T }, () => f.local(I64));
  const [sl, sh, r, t, m] = Array.from({ length: 5 }, () => f.local(I64));
  for (let j = 0; j < T; j++) {
    f.get(0).load(j * 8).set(t);
    f.get(t).i64(M32).emit(op.i64And).set(lo[j]!);
    f.get(t).i64(32n).emit(op.i64ShrU).set(hi[j]!);
  }
  f.i32(MT).set(pm);
  loop(f, i, T, () => {
    for (let j = 0; j < T; j++) {
      f.get(pm).load(j * 8).set(m);
      f.get(lo[j]!).get(m).emit(op.i64Mul);
      if (j > 0) f.get(sl).emit(op.i64Add);
      f.set(sl);
      f.get(hi[j]!).get(m).emit(op.i64Mul);
      if (j > 0) f.get(sh).emit(op.i64Add);
      f.set(sh);
    }
    // r = sl + (sh >> 32)·EPS < 2^42; out = r + (sh << 32), plus EPS on carry
    f.get(sh).i64(32n).emit(op.i64ShrU).set(m);
    f.get(sl).get(m).i64(32n).emit(op.i64Shl).emit(op.i64Add).get(m).emit(op.i64Sub).set(r);
    f.get(r).get(sh).i64(32n).emit(op.i64Shl).emit(op.i64Add).set(t);
    f.get(i).i32(3).emit(op.i32Shl).i32(TMP).emit(op.i32Add);
    f.get(t).i32(0).get(t).get(r).emit(op.i64LtU).emit(op.i32Sub).emit(op.i64ExtendI32U).emit(op.i64Add);
    f.store(0);
    f.get(pm).i32(T * 8).emit(op.i32Add).set(pm);
  });
  for (let j = 0; j < T; j++) f.get(0).i32(TMP).load(j * 8).store(j * 8);
  return f;
}

/**
 * A lazy dot product Σ x_j·c_j (x_j any u64, c_j < p; at most 12 terms): the four 32×32 partial
 * products of each term go to three 64-bit sums (weights 1, 2^32, 2^64), each counting its
 * carries (≤ 24), and only the total is reduced.
 */
function dotProduct(f: FuncBody, g: Gl) {
  const [a0, am, a1, x0, x1, c0, c1, pp, u] = Array.from({ length: 9 }, () => f.local(I64));
  const [k0, km, k1] = [f.local(I32), f.local(I32), f.local(I32)];
  const addTo = (acc: number, k: number) => {
    f.get(acc).get(pp).emit(op.i64Add).tee(acc).get(pp).emit(op.i64LtU).get(k).emit(op.i32Add).set(k);
  };
  // acc = acc + k·EPS (k·EPS < p)
  const fold = (acc: number, k: number) => {
    f.get(k).emit(op.i64ExtendI32U).i64(EPS).emit(op.i64Mul).set(u);
    g.addSmall(acc, acc, u);
  };
  return {
    start: () => {
      for (const a of [a0, am, a1]) f.i64(0n).set(a);
      for (const k of [k0, km, k1]) f.i32(0).set(k);
    },
    /** += x·c (x, c locals). */
    /** += x·c, c's 32-bit halves at the address on the stack + off and + off + 8. */
    addSplit: (x: number, addr: () => void, off: number) => {
      f.get(x).i64(M32).emit(op.i64And).set(x0);
      f.get(x).i64(32n).emit(op.i64ShrU).set(x1);
      addr(); f.load(off).set(c0);
      addr(); f.load(off + 8).set(c1);
      f.get(x0).get(c0).emit(op.i64Mul).set(pp); addTo(a0, k0);
      f.get(x0).get(c1).emit(op.i64Mul).set(pp); addTo(am, km);
      f.get(x1).get(c0).emit(op.i64Mul).set(pp); addTo(am, km);
      f.get(x1).get(c1).emit(op.i64Mul).set(pp); addTo(a1, k1);
    },
    add: (x: number, c: number) => {
      f.get(x).i64(M32).emit(op.i64And).set(x0);
      f.get(x).i64(32n).emit(op.i64ShrU).set(x1);
      f.get(c).i64(M32).emit(op.i64And).set(c0);
      f.get(c).i64(32n).emit(op.i64ShrU).set(c1);
      f.get(x0).get(c0).emit(op.i64Mul).set(pp); addTo(a0, k0);
      f.get(x0).get(c1).emit(op.i64Mul).set(pp); addTo(am, km);
      f.get(x1).get(c0).emit(op.i64Mul).set(pp); addTo(am, km);
      f.get(x1).get(c1).emit(op.i64Mul).set(pp); addTo(a1, k1);
    },
    /** dst = the sum mod p, as some u64: a0 + 2^32·(am + 2^32·a1). */
    end: (dst: number) => {
      fold(a0, k0); fold(am, km); fold(a1, k1);
      g.shl32(a1, a1);
      g.canon(a1);
      g.addSmall(am, am, a1);
      g.shl32(am, am);
      g.canon(am);
      g.addSmall(dst, a0, am);
    },
  };
}

/** dense(p): s = Pᵀ·s (general entries). */
function dense(): FuncBody {
  const f = new FuncBody([I32], []);
  const g = new Gl(f);
  const [i, j, pm] = [f.local(I32), f.local(I32), f.local(I32)];
  const [x, c, out] = Array.from({ length: 3 }, () => f.local(I64));
  const A = dotProduct(f, g);
  f.i32(PT).set(pm);
  loop(f, i, T, () => {
    A.start();
    loop(f, j, T, () => {
      f.get(j).i32(3).emit(op.i32Shl).get(0).emit(op.i32Add).load(0).set(x);
      f.get(pm).load(0).set(c);
      A.add(x, c);
      f.get(pm).i32(8).emit(op.i32Add).set(pm);
    });
    A.end(out);
    f.get(i).i32(3).emit(op.i32Shl).i32(TMP).emit(op.i32Add).get(out).store(0);
  });
  for (let k = 0; k < T; k++) f.get(0).i32(TMP).load(k * 8).store(k * 8);
  return f;
}

/** partial(p): the 22 partial rounds (optimized form: s0' = Σ_j S_j·s_j, then s_k += s0·v_k). */
function partial(): FuncBody {
  const f = new FuncBody([I32], []);
  const g = new Gl(f);
  const [r, ps, pc] = [f.local(I32), f.local(I32), f.local(I32)];
  const [s0, x, x2, x3, c, n0, y, s0l, s0h] = Array.from({ length: 9 }, () => f.local(I64));
  const A = dotProduct(f, g);
  f.i32(SH).set(ps);
  f.i32(CT + (FULL / 2 + 1) * T * 8).set(pc);
  loop(f, r, PARTIAL, () => {
    f.get(0).load(0).set(s0);
    g.pow7(s0, x2, x3);
    f.get(pc).load(0).set(c);
    g.addSmall(s0, s0, c);
    f.get(0).get(s0).store(0);
    // s0' = Σ_j S_j·s_j (unrolled; S's halves pre-split in the SH table)
    A.start();
    for (let j = 0; j < T; j++) {
      f.get(0).load(j * 8).set(x);
      A.addSplit(x, () => f.get(ps), j * 16);
    }
    A.end(n0);
    // s[k] + s0·v_k, added to the 128-bit product before its reduction
    f.get(s0).i64(M32).emit(op.i64And).set(s0l);
    f.get(s0).i64(32n).emit(op.i64ShrU).set(s0h);
    for (let k = 1; k < T; k++) {
      const off = (T + k - 1) * 16;
      g.mulWideHalves(s0l, s0h, () => f.get(ps).load(off), () => f.get(ps).load(off + 8));
      f.get(0).load(k * 8).set(y);
      g.wideAdd(y);
      g.reduce(y);
      f.get(0).get(y).store(k * 8);
    }
    f.get(0).get(n0).store(0);
    f.get(ps).i32((2 * T - 1) * 16).emit(op.i32Add).set(ps);
    f.get(pc).i32(8).emit(op.i32Add).set(pc);
  });
  return f;
}

/** permute(p): the permutation of the 12 words at p, canonical results. */
function permute(iSbox: number, iMds: number, iDense: number, iPartial: number): FuncBody {
  const f = new FuncBody([I32], []);
  const g = new Gl(f);
  const [i, q] = [f.local(I32), f.local(I32)];
  const [x, c] = [f.local(I64), f.local(I64)];
  loop(f, i, T, () => {
    f.get(i).i32(3).emit(op.i32Shl).get(0).emit(op.i32Add).set(q);
    f.get(q).load(0).set(x);
    f.get(i).i32(3).emit(op.i32Shl).load(CT).set(c);
    g.addSmall(x, x, c);
    f.get(q).get(x).store(0);
  });
  for (let rd = 0; rd < FULL / 2; rd++) {
    f.get(0).i32(CT + (rd + 1) * T * 8).call(iSbox);
    f.get(0).call(rd < FULL / 2 - 1 ? iMds : iDense);
  }
  f.get(0).call(iPartial);
  for (let rd = 0; rd < FULL / 2; rd++) {
    f.get(0).i32(rd < FULL / 2 - 1 ? CT + ((FULL / 2 + 1) * T + PARTIAL + rd * T) * 8 : ZERO).call(iSbox);
    f.get(0).call(iMds);
  }
  loop(f, i, T, () => {
    f.get(i).i32(3).emit(op.i32Shl).get(0).emit(op.i32Add).set(q);
    f.get(q).load(0).set(x);
    g.canon(x);
    f.get(q).get(x).store(0);
  });
  return f;
}

/**
 * The module: permute(p) (12 words at p, in place), linearHash(pIn, width, height, pOut) (per row
 * of `width` words: pil-stark's sponge, chunks of 8 with the last zero-padded, capacity the
 * previous output; 4 words out per row; width > 4), merkelizeLevel(pIn, nOps, pOut) (8 words → 4),
 * nonCanonical(p, count).
 */
export function poseidonModuleBytes(): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  const iSbox = m.add(fullSbox());
  const iMds = m.add(mds());
  const iDense = m.add(dense());
  const iPartial = m.add(partial());
  const iPerm = m.add(permute(iSbox, iMds, iDense, iPartial), 'permute');

  // linearHash(pIn, width, height, pOut)
  const lh = new FuncBody([I32, I32, I32, I32], []);
  {
    const f = lh;
    const [i, j, cnt] = [f.local(I32), f.local(I32), f.local(I32)];
    f.i32(0).set(i);
    f.emit(op.block, 0x40).get(i).get(2).emit(op.i32GeU).emit(op.brIf, 0).emit(op.loop, 0x40);
    // capacity 0
    for (let w = 8; w < 12; w++) f.i32(0).i64(0n).store(w * 8);
    f.i32(0).set(j);
    f.emit(op.loop, 0x40);
    {
      // cnt = min(8, width − j)
      f.get(1).get(j).emit(op.i32Sub).tee(cnt).i32(8).get(cnt).i32(8).emit(op.i32LtU).emit(op.select).set(cnt);
      // state[k] = k < cnt ? pIn[k] : 0
      for (let w = 0; w < 8; w++) {
        f.i32(0);
        f.i32(w).get(cnt).emit(op.i32LtU);
        f.emit(op.if, I64).get(0).load(w * 8).emit(op.else).i64(0n).emit(op.end);
        f.store(w * 8);
      }
      f.i32(0).call(iPerm);
      for (let w = 0; w < 4; w++) f.i32(0).i32(0).load(w * 8).store((8 + w) * 8);
      f.get(0).get(cnt).i32(8).emit(op.i32Mul).emit(op.i32Add).set(0);
      f.get(j).i32(8).emit(op.i32Add).tee(j).get(1).emit(op.i32LtU).emit(op.brIf, 0);
    }
    f.emit(op.end);
    for (let w = 0; w < 4; w++) f.get(3).i32(0).load(w * 8).store(w * 8);
    f.get(3).i32(32).emit(op.i32Add).set(3);
    f.get(i).i32(1).emit(op.i32Add).tee(i).get(2).emit(op.i32LtU).emit(op.brIf, 0);
    f.emit(op.end, op.end);
  }
  m.add(lh, 'linearHash');

  // merkelizeLevel(pIn, nOps, pOut)
  const ml = new FuncBody([I32, I32, I32], []);
  {
    const f = ml;
    f.emit(op.block, 0x40).get(1).emit(op.i32Eqz).emit(op.brIf, 0).emit(op.loop, 0x40);
    for (let w = 0; w < 8; w++) f.i32(0).get(0).load(w * 8).store(w * 8);
    for (let w = 8; w < 12; w++) f.i32(0).i64(0n).store(w * 8);
    f.i32(0).call(iPerm);
    for (let w = 0; w < 4; w++) f.get(2).i32(0).load(w * 8).store(w * 8);
    f.get(0).i32(64).emit(op.i32Add).set(0);
    f.get(2).i32(32).emit(op.i32Add).set(2);
    f.get(1).i32(1).emit(op.i32Sub).tee(1).emit(op.brIf, 0);
    f.emit(op.end, op.end);
  }
  m.add(ml, 'merkelizeLevel');

  const nc = new FuncBody([I32, I32], [I32]);
  {
    const acc = nc.local(I32);
    nc.emit(op.block, 0x40).get(1).emit(op.i32Eqz).emit(op.brIf, 0).emit(op.loop, 0x40);
    nc.get(acc).get(0).load(0).i64(P).emit(op.i64GeU).emit(op.i32Or).set(acc);
    nc.get(0).i32(8).emit(op.i32Add).set(0);
    nc.get(1).i32(1).emit(op.i32Sub).tee(1).emit(op.brIf, 0).emit(op.end, op.end);
    nc.get(acc);
  }
  m.add(nc, 'nonCanonical');
  return m.bytes();
}

interface Exports {
  permute(p: number): void;
  linearHash(pIn: number, width: number, height: number, pOut: number): void;
  merkelizeLevel(pIn: number, nOps: number, pOut: number): void;
  nonCanonical(p: number, count: number): number;
}

let compiled: WebAssembly.Module | undefined;

/** The compiled module (once per thread). */
export function poseidonModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(poseidonModuleBytes());
  return compiled;
}

/** An instance with its own memory, and typed-array entry points. */
export class PoseidonGL {
  private readonly mem = new WebAssembly.Memory({ initial: 1 });
  private readonly x: Exports;
  private words = new BigUint64Array(this.mem.buffer);

  constructor() {
    this.x = new WebAssembly.Instance(poseidonModule(), { env: { mem: this.mem } }).exports as unknown as Exports;
    writeConstants(this.mem);
  }

  private ensure(bytes: number): void {
    const need = Math.ceil((DATA + bytes) / 65536) - this.mem.buffer.byteLength / 65536;
    if (need > 0) this.mem.grow(need);
    if (this.words.buffer !== this.mem.buffer) this.words = new BigUint64Array(this.mem.buffer);
  }

  /** pil-stark's poseidon(inputs (8), capacity (4, default zeros), nOuts) for canonical bigints. */
  hash(inputs: readonly bigint[], capacity: readonly bigint[] | undefined, nOuts: number): bigint[] {
    const w = this.words;
    for (let i = 0; i < 8; i++) w[i] = inputs[i]!;
    for (let i = 0; i < 4; i++) w[8 + i] = capacity ? capacity[i]! : 0n;
    this.x.permute(0);
    const out: bigint[] = [];
    for (let i = 0; i < nOuts; i++) out.push(w[i]!);
    return out;
  }

  /** 12 words permuted (for tests). */
  permute(state: readonly bigint[]): bigint[] {
    const w = this.words;
    for (let i = 0; i < T; i++) w[i] = state[i]!;
    this.x.permute(0);
    return Array.from(w.subarray(0, T));
  }

  /** Copies `buff` to DATA (growing the memory for `extra` more bytes); false if a word is ≥ p. */
  private load(buff: BigUint64Array, extra: number): boolean {
    this.ensure(buff.byteLength + extra);
    new Uint8Array(this.mem.buffer).set(new Uint8Array(buff.buffer, buff.byteOffset, buff.byteLength), DATA);
    return this.x.nonCanonical(DATA, buff.length) === 0;
  }

  /** Linear hash of each row of `width` (> 4) words: 4 words per row; undefined if a word is ≥ p. */
  linearHash(buff: BigUint64Array, width: number): BigUint64Array | undefined {
    const height = buff.length / width;
    const pOut = DATA + buff.byteLength;
    if (!this.load(buff, height * 32)) return undefined;
    this.x.linearHash(DATA, width, height, pOut);
    return new BigUint64Array(this.mem.buffer.slice(pOut, pOut + height * 32));
  }

  /** Hashes of consecutive pairs of 4-word nodes (8 words in, 4 out); undefined if a word is ≥ p. */
  merkelizeLevel(buff: BigUint64Array): BigUint64Array | undefined {
    const nOps = buff.length / 8;
    const pOut = DATA + buff.byteLength;
    if (!this.load(buff, nOps * 32)) return undefined;
    this.x.merkelizeLevel(DATA, nOps, pOut);
    return new BigUint64Array(this.mem.buffer.slice(pOut, pOut + nOps * 32));
  }
}
