// The checker's view of a column: keys in a Float64Array (see field.ts) plus, for cells whose
// element has no key (NaN there), where the exact value is. Float64Array input is used in place
// (its cells are already keys) after one validating pass, which also measures the largest
// magnitude: codegen uses that bound to leave out exactness checks that cannot fire.
// BigUint64Array input is read through a Uint32Array view (no BigInt per cell): its canonical
// 32-bit halves serve the 64-bit evaluator (wide.ts) and the lookups' hashes.

import { cellToField, EXACT, fieldToKey, mod } from './field.js';
import type { Column } from './types.js';

export interface Col {
  f: Float64Array;
  /** Exact values of the NaN cells: the original BigUint64Array, or a row → element map for
   *  computed columns. */
  big: BigUint64Array | Map<number, bigint> | null;
  /** max |f[i]| over non-NaN cells. */
  maxAbs: number;
  /** Some cell has no key (f is NaN there). */
  keyless: boolean;
  /** Canonical elements as 32-bit halves, lo at 2·row, hi at 2·row + 1 (little-endian u64
   *  layout); built on first use by `halves` unless the input already had them. */
  u32: Uint32Array | null;
}

const TWO32 = 4294967296;
const HI_P = 0xffffffff; // p = HI_P·2^32 + 1
/** Elements in [0, 2^53] have hi ≤ 2^21; elements in [p − 2^53, p) have hi ≥ HI_P − 2^21. */
const KEY_HI = 2 ** 21;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The exact element (in [0, p)) of a cell. */
export function exactCell(c: Col, r: number): bigint {
  const x = c.f[r]!;
  if (x === x) return cellToField(x);
  const big = c.big;
  if (big instanceof Map) return big.get(r)!;
  return mod(big![r]!);
}

/** The key of the canonical element hi·2^32 + lo, or NaN. */
function keyOfHalves(hi: number, lo: number): number {
  if (hi < KEY_HI || (hi === KEY_HI && lo === 0)) return hi * TWO32 + lo;
  // p − e = q·2^32 − (lo − 1) with q = HI_P − hi; compared in parts, as 2^53 + 1 would round
  const q = HI_P - hi;
  if (q < KEY_HI || (q === KEY_HI && lo >= 1)) return -(q * TWO32 - (lo - 1));
  return NaN;
}

/** The column's canonical 32-bit halves (computed once, from the keys and the NaN cells' values). */
export function halves(c: Col): Uint32Array {
  if (c.u32) return c.u32;
  const N = c.f.length;
  const u = new Uint32Array(2 * N);
  for (let i = 0; i < N; i++) {
    const x = c.f[i]!;
    let hi: number;
    let lo: number;
    if (x !== x) {
      const e = exactCell(c, i);
      hi = Number(e >> 32n);
      lo = Number(e & 0xffffffffn);
    } else if (x >= 0) {
      hi = Math.floor(x / TWO32);
      lo = x - hi * TWO32;
    } else {
      // p + x = HI_P·2^32 + 1 + x, with −2^53 ≤ x < 0: borrow from hi
      const t = 1 + x; // in (−2^53, 1)
      const borrow = Math.ceil(-t / TWO32);
      hi = HI_P - borrow;
      lo = t + borrow * TWO32;
    }
    u[2 * i] = lo;
    u[2 * i + 1] = hi;
  }
  c.u32 = u;
  return u;
}

/** Validates and wraps an input column. Throws on a malformed column (that is a caller's bug,
 *  not a constraint failure). */
export function prepareColumn(col: Column | undefined, N: number, name: string): Col {
  if (col === undefined) throw new Error(`trace: missing column ${name}`);
  if (col.length !== N) throw new Error(`trace: column ${name} has ${col.length} rows, expected ${N}`);
  if (col instanceof Float64Array) {
    let m = 0;
    let bad = -1;
    for (let i = 0; i < N; i++) {
      const x = col[i]!;
      const a = Math.abs(x);
      if (a > m) m = a;
      // Catches NaN and fractions; infinities fail the bound below.
      if (Math.floor(x) !== x) bad = i;
    }
    if (bad < 0 && m > EXACT) for (let i = 0; i < N; i++) if (Math.abs(col[i]!) > EXACT) { bad = i; break; }
    if (bad >= 0) {
      throw new Error(`trace: column ${name} row ${bad} holds ${col[bad]}, not an integer of magnitude <= 2^53`);
    }
    return { f: col, big: null, maxAbs: m, keyless: false, u32: null };
  }
  return prepareBig(col, N);
}

function prepareBig(col: BigUint64Array, N: number): Col {
  const f = new Float64Array(N);
  let m = 0;
  let keyless = false;
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < N; i++) {
      const k = fieldToKey(mod(col[i]!));
      f[i] = k;
      if (k !== k) keyless = true;
      else if (Math.abs(k) > m) m = Math.abs(k);
    }
    return { f, big: col, maxAbs: m, keyless, u32: null };
  }
  let u = new Uint32Array(col.buffer, col.byteOffset, 2 * N);
  let copied = false;
  for (let i = 0; i < N; i++) {
    let lo = u[2 * i]!;
    let hi = u[2 * i + 1]!;
    if (hi === HI_P && lo !== 0) {
      // ≥ p: reduce (v − p = lo − 1), in a copy: the caller's array is not ours to change
      if (!copied) { u = u.slice(); copied = true; }
      lo -= 1;
      hi = 0;
      u[2 * i] = lo;
      u[2 * i + 1] = 0;
    }
    const k = keyOfHalves(hi, lo);
    f[i] = k;
    if (k !== k) keyless = true;
    else if (Math.abs(k) > m) m = Math.abs(k);
  }
  return { f, big: col, maxAbs: m, keyless, u32: u };
}
