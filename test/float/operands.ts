// Operand bit patterns for float tests: the special values every routine has an edge at, and
// seeded random ones (test/backend/float-arith.test.ts, test/float/expressions.test.ts).
import { FLOAT_LAYOUT } from '../../src/wasm/float-bits.js';

export type Num = 'i32' | 'i64' | 'f32' | 'f64';

export const wide = (t: Num): boolean => t === 'i64' || t === 'f64';
export const MASK = { narrow: 0xffffffffn, wide: 0xffffffffffffffffn };
export const maskOf = (t: Num): bigint => (wide(t) ? MASK.wide : MASK.narrow);

/** f64 bits of a JS number, and the f32 bits of its rounding to f32. */
export const f64Bits = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0]!;
export const f32Bits = (x: number): bigint => BigInt(new Uint32Array(new Float32Array([x]).buffer)[0]!);

/** Operand bit patterns that sit on every edge the routines have. */
export function specials(t: Num): bigint[] {
  if (t === 'i32') return [0n, 1n, 2n, 0x7fffffffn, 0x80000000n, 0x80000001n, 0xffffffffn, 0xfffffffen, 0x1000001n, 0x1000003n, 0xffffffn, 0x7fffffbfn];
  if (t === 'i64') {
    return [0n, 1n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0x20000000000001n, 0x20000000000003n,
      0x1fffffffffffffn, 0xfffffffffffff800n, 0x7ffffffffffffc00n, 0x7ffffffffffffdffn, 0x8000000000000401n, 0xffffffn, 0x1000001n];
  }
  const bits = t === 'f32' ? f32Bits : f64Bits;
  const L = FLOAT_LAYOUT[t];
  const values = [0, 0.5, 1, 1.5, 2.5, 3.5, -0.49999999999999994, 0.49999999999999994, 1e-300, 1e300, Math.PI, 2 ** 23, 2 ** 23 + 0.5, 2 ** 52, 2 ** 52 + 0.5,
    2 ** 31, 2 ** 31 - 0.5, 2 ** 31 - 1, 2 ** 31 + 1, 2 ** 32, 2 ** 32 - 1, 2 ** 32 - 0.5, 2 ** 63, 2 ** 64, 2 ** 63 - 1024, 2 ** 64 - 2048, -1, -0.75,
    4294967296.5, 0.1, 1 / 3, 2 ** -126, 2 ** -149, 2 ** -1022, 2 ** -1074, 3.4028234663852886e38, 1.7976931348623157e308];
  const out = values.flatMap((v) => [bits(v), bits(v) | L.sign]);
  const max = L.sign - 1n;
  out.push(L.exponent, L.exponent | L.sign, L.exponent | L.quiet, L.exponent | L.quiet | L.sign, L.exponent | 1n, L.exponent | L.sign | 5n,
    1n, L.quiet - 1n + L.quiet, max & ~L.exponent, (L.exponent - 1n) & L.exponent);
  return [...new Set(out.map((x) => x & maskOf(t)))];
}

/** Deterministic random operands: raw bits, values near 1, and small exponent ranges for cancellation. */
export function randoms(t: Num, n: number, seed: bigint): bigint[] {
  let s = seed;
  const next = (): bigint => { s ^= (s << 13n) & MASK.wide; s ^= s >> 7n; s ^= (s << 17n) & MASK.wide; return s; };
  return Array.from({ length: n }, (_, i) => {
    const r = next();
    if (t === 'i32' || t === 'i64' || i % 3 === 0) return r & maskOf(t);
    // a narrow exponent band (|x| in [0.5, 8)) with random sign and mantissa
    return t === 'f64' ? (r & 0x800fffffffffffffn) | (BigInt(1022 + (i % 4)) << 52n) : (r & 0x807fffffn) | (BigInt(126 + (i % 4)) << 23n);
  });
}
