// The starkStruct for a trace of 2^nBits rows, per security profile.
//
// Both profiles use blowup 2 (nBitsExt = nBits + 1): our PILs have degree ≤ 2, and pil-stark
// adds intermediate columns so the quotient fits the blown-up domain. The profiles differ only
// in the number of FRI queries: 'test' (8, about 8 bits of conjectured security: for tests and
// quick runs, never to convince anybody) and 'standard' (128 queries at blowup 2, ~128 bits
// conjectured, the shape Polygon's GL stages use).
//
// Folding steps. steps[0].nBits must equal nBitsExt; each later step folds the polynomial by
// 2^r (r = previous nBits − this nBits), and the last step's polynomial is sent in clear. What a
// step costs in the proof, in Goldilocks elements (measured from pil-stark's proof layout):
//   every query opens, at each step after the first, one group of 2^r cubic elements (3·2^r)
//   and its Merkle path in the next step's tree (4 elements per level, nBits levels);
//   the last polynomial costs 3·2^last, once.
// So a fold saves 3·(2^n − 2^(n−r)) elements once but costs nQueries·(3·2^r + 4·(n−r)):
// with 128 queries folding below ~2^10 costs more than it saves, with 8 queries below ~2^5.
// `foldSteps` picks, by dynamic programming over that cost, the steps that minimise the FRI
// part of the proof, with folds of at most 4 bits (Polygon's choice: a larger group makes each
// query's interpolation and the verifier's work grow as 2^r, and the optimum never wants more).
// Results: 'test' nBits 10 → 11,8,5; 16 → 17,13,9,6; 'standard' 10 → 11 (no fold);
// 16 → 17,13,10; 23 → 24,20,16,13,10. The queries also open the four commitment trees and the
// constant tree at every query, which folding does not change.

import type { StarkStruct } from './types.js';

export type SecurityProfile = 'test' | 'standard';

export const SECURITY_PROFILES: readonly SecurityProfile[] = ['test', 'standard'];

/** Trace sizes starkStructFor accepts (2^3 … 2^23 rows). */
export const MIN_NBITS = 3;
export const MAX_NBITS = 23;

const BLOWUP_BITS = 1;
const MAX_FOLD_BITS = 4;
export const FRI_QUERIES: Readonly<Record<SecurityProfile, number>> = { test: 8, standard: 128 };

/** log2 sizes of the FRI steps from `extBits` down, minimising the FRI proof size. */
export function foldSteps(extBits: number, nQueries: number): number[] {
  // best[n]: cheapest continuation from a step of size 2^n (the steps after it, and its cost)
  const best: { cost: number; next: number[] }[] = [];
  for (let n = 0; n <= extBits; n++) {
    let choice = { cost: 3 * 2 ** n, next: [] as number[] }; // stop: send the polynomial
    for (let r = 1; r <= MAX_FOLD_BITS && r <= n; r++) {
      const m = n - r;
      const cost = nQueries * (3 * 2 ** r + 4 * m) + best[m]!.cost;
      if (cost < choice.cost) choice = { cost, next: [m, ...best[m]!.next] };
    }
    best[n] = choice;
  }
  return [extBits, ...best[extBits]!.next];
}

export function starkStructFor(nBits: number, security: SecurityProfile): StarkStruct {
  if (!Number.isInteger(nBits) || nBits < MIN_NBITS || nBits > MAX_NBITS) {
    throw new Error(`trace size 2^${nBits} is out of range: pil-stark proofs here need 2^${MIN_NBITS} to 2^${MAX_NBITS} rows`);
  }
  const nQueries = FRI_QUERIES[security];
  if (nQueries === undefined) throw new Error(`unknown security profile '${String(security)}' (expected ${SECURITY_PROFILES.join(' or ')})`);
  const nBitsExt = nBits + BLOWUP_BITS;
  return {
    nBits,
    nBitsExt,
    nQueries,
    verificationHashType: 'GL',
    steps: foldSteps(nBitsExt, nQueries).map((n) => ({ nBits: n })),
  };
}

/** Field-by-field equality of two structs (the verifier checks a file's struct against its profile). */
export function sameStruct(a: StarkStruct, b: StarkStruct): boolean {
  return a.nBits === b.nBits && a.nBitsExt === b.nBitsExt && a.nQueries === b.nQueries
    && a.verificationHashType === b.verificationHashType
    && Array.isArray(a.steps) && a.steps.length === b.steps.length
    && a.steps.every((s, i) => s?.nBits === b.steps[i]!.nBits)
    && Object.keys(a).every((k) => k in b); // no extra switches (splitLinearHash…) slipped in
}
