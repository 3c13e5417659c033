// The checker's view of a column: keys in a Float64Array (see field.ts) plus, for cells whose
// element has no key (NaN there), where the exact value is. Float64Array input is used in place
// (its cells are already keys) after one validating pass, which also measures the largest
// magnitude: codegen uses that bound to leave out exactness checks that cannot fire.

import { cellToField, EXACT, fieldToKey, mod } from './field.js';
import type { Column } from './types.js';

export interface Col {
  f: Float64Array;
  /** Exact values of the NaN cells: the original BigUint64Array, or a row → element map for
   *  computed columns. */
  big: BigUint64Array | Map<number, bigint> | null;
  /** max |f[i]| over non-NaN cells. */
  maxAbs: number;
}

/** The exact element (in [0, p)) of a cell. */
export function exactCell(c: Col, r: number): bigint {
  const x = c.f[r]!;
  if (x === x) return cellToField(x);
  const big = c.big;
  if (big instanceof Map) return big.get(r)!;
  return mod(big![r]!);
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
    return { f: col, big: null, maxAbs: m };
  }
  const f = new Float64Array(N);
  let m = 0;
  for (let i = 0; i < N; i++) {
    const k = fieldToKey(mod(col[i]!));
    f[i] = k;
    const a = Math.abs(k);
    if (a > m) m = a;
  }
  return { f, big: col, maxAbs: m };
}
