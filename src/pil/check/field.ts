// Goldilocks field helpers and the "key" encoding the checker uses for field elements in doubles.
//
// A key is a double that stands for one field element: an element e in [0, 2^53] is the key e, an
// element in [p - 2^53, p) is the key e - p (a negative integer). Every other element ("big") has
// no key; NaN marks it and the exact value lives elsewhere (a BigUint64Array column or a side map).
// Keys are unique per element (p > 2^54, so the two ranges never meet), which is what lets lookups
// compare and hash doubles directly. Input cells (|x| <= 2^53, x meaning x mod p) are already keys.

export const P = 0xffffffff00000001n;
/** 2^53: every integer of smaller magnitude is exact in a double. */
export const EXACT = 2 ** 53;
const EXACT_N = 2n ** 53n;
const HALF_P = P / 2n;

export function mod(x: bigint): bigint {
  const r = x % P;
  return r < 0n ? r + P : r;
}

/** Field element of an integer cell value (|x| <= 2^53; -0 is 0). */
export function cellToField(x: number): bigint {
  return x >= 0 ? BigInt(x) : P + BigInt(x);
}

/** The key of an element in [0, p), or NaN if it has none. */
export function fieldToKey(e: bigint): number {
  if (e <= EXACT_N) return Number(e);
  if (P - e <= EXACT_N) return -Number(P - e);
  return NaN;
}

/** Parses a pilJson constant (decimal string, possibly >= p or negative) into [0, p). */
export function parseConst(v: string | number | bigint): bigint {
  return mod(BigInt(v));
}

/** Human form of an element: values above p/2 print as negatives (as verifyPil does). */
export function showField(e: bigint): string {
  return e > HALF_P ? (e - P).toString() : e.toString();
}
