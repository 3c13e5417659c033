// Poseidon over Goldilocks exactly as pil-stark hashes: width 12 (rate 8, capacity 4), 8 full and
// 22 partial rounds, S-box x^7. The constants are read at run time from pil-stark's own package,
// so a pil-stark with other constants changes ours with it (and the test against its `poseidon`
// catches any misreading).
//
// pil-stark's poseidon.js runs the "optimized" form (Neptune: constants folded through the MDS,
// sparse partial rounds). Its CPOSEIDON array is the plain form's constants, 12 per round in round
// order: test/pil/poseidon.test.ts checks the plain permutation built from it against pil-stark's
// `poseidon`. Its M is the MDS matrix as that code applies it: new[i] = Σ_j M[j][i]·old[j].

import { createRequire } from 'node:module';

export const P = 0xffffffff00000001n;
export const WIDTH = 12;
export const RATE = 8;
export const CAPACITY = 4;
export const FULL_ROUNDS = 8;
export const PARTIAL_ROUNDS = 22;
export const ROUNDS = FULL_ROUNDS + PARTIAL_ROUNDS;

/** Rounds 0–3 and 26–29 are full (S-box on every lane); the 22 between apply it to lane 0 only. */
export function isFullRound(r: number): boolean {
  return r < FULL_ROUNDS / 2 || r >= FULL_ROUNDS / 2 + PARTIAL_ROUNDS;
}

export interface PoseidonParams {
  /** roundConstants[r][i]: added to lane i at the start of round r. */
  roundConstants: bigint[][];
  /** mds[i][j]: coefficient of old lane j in new lane i (small integers, so the PIL can inline them). */
  mds: number[][];
}

interface OptConstants { CPOSEIDON: string[]; M: string[][] }

let cached: PoseidonParams | undefined;

/** The file inside pil-stark that holds its constants, resolved from pil-stark's own location. */
export function pilStarkRequire(): NodeJS.Require {
  const here = createRequire(import.meta.url);
  return createRequire(here.resolve('pil-stark'));
}

export function poseidonParams(): PoseidonParams {
  if (cached) return cached;
  const opt = pilStarkRequire()('./src/helpers/hash/poseidon/poseidon_constants_opt.js') as OptConstants;
  if (opt.CPOSEIDON.length !== ROUNDS * WIDTH) {
    throw new Error(`pil-stark's CPOSEIDON has ${opt.CPOSEIDON.length} constants, expected ${ROUNDS * WIDTH}`);
  }
  const roundConstants = Array.from({ length: ROUNDS }, (_, r) =>
    Array.from({ length: WIDTH }, (_, i) => BigInt(opt.CPOSEIDON[r * WIDTH + i]!) % P));
  const mds = Array.from({ length: WIDTH }, (_, i) => Array.from({ length: WIDTH }, (_, j) => {
    const v = BigInt(opt.M[j]![i]!);
    // the witness sums 12 products coefficient × 2^32 in doubles: coefficients must stay small
    if (v < 0n || v >= 1n << 16n) throw new Error(`pil-stark's MDS entry M[${j}][${i}] = ${v} is not a small integer`);
    return Number(v);
  }));
  cached = { roundConstants, mds };
  return cached;
}
