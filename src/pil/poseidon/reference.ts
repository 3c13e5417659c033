// The reference Poseidon permutation and sponge, in BigInt: the specification the PIL and the
// fast witness code are tested against (the permutation itself against pil-stark's `poseidon`).
//
// THE SPONGE (what a digest means). A sequence m of L ≥ 0 field elements is hashed as follows.
//   1. Padding (10*): append one element 1, then the fewest zeros (0…7) that make the length a
//      multiple of 8: floor(L/8) + 1 blocks of 8. L = 0 gives the one block [1, 0, …, 0]; L = 8
//      gives two blocks, the second [1, 0, …, 0]. The last nonzero element of the padded sequence
//      is that 1, so padding is injective: the length is bound, and m and m‖0 never share blocks.
//   2. Chaining (overwrite mode, pil-stark's LinearHash chaining): c_0 = [0, 0, 0, 0]; for each
//      block b_i, the permutation's input is b_i in lanes 0–7 and c_i in lanes 8–11, and c_{i+1}
//      is its output lanes 0–3 — which is pil-stark's `poseidon(b_i, c_i)` with its default 4
//      outputs.
//   3. The digest is c_n, the 4 outputs of the last block's permutation (lanes 0–3).
// Unlike pil-stark's LinearHash (zero padding, inputs of ≤ 4 elements returned unhashed), every
// sequence goes through at least one permutation and the length is bound by the padding.

import { CAPACITY, isFullRound, P, poseidonParams, RATE, ROUNDS, WIDTH } from './params.js';

export type Digest = [bigint, bigint, bigint, bigint];

const mod = (x: bigint): bigint => ((x % P) + P) % P;

function pow7(x: bigint): bigint {
  const x2 = (x * x) % P;
  const x3 = (x2 * x) % P;
  return (((x3 * x3) % P) * x) % P;
}

/** The plain permutation: per round, add the round's constants, S-box (all lanes in full rounds,
 *  lane 0 in partial ones), multiply by the MDS matrix. */
export function poseidonPermutation(input: readonly bigint[]): bigint[] {
  if (input.length !== WIDTH) throw new Error(`Poseidon permutation: ${input.length} lanes, expected ${WIDTH}`);
  const { roundConstants, mds } = poseidonParams();
  let s = input.map(mod);
  for (let r = 0; r < ROUNDS; r++) {
    const full = isFullRound(r);
    const x = s.map((v, i) => {
      const a = (v + roundConstants[r]![i]!) % P;
      return full || i === 0 ? pow7(a) : a;
    });
    s = mds.map((row) => row.reduce((acc, m, j) => acc + BigInt(m) * x[j]!, 0n) % P);
  }
  return s;
}

/** The padded blocks of a sequence (step 1 above). */
export function spongeBlocks(input: readonly bigint[]): bigint[][] {
  const padded = [...input.map(mod), 1n];
  while (padded.length % RATE !== 0) padded.push(0n);
  const blocks: bigint[][] = [];
  for (let k = 0; k < padded.length; k += RATE) blocks.push(padded.slice(k, k + RATE));
  return blocks;
}

/** The digest of a sequence of field elements (steps 1–3 above). */
export function poseidonSponge(input: readonly bigint[]): Digest {
  let c: bigint[] = new Array<bigint>(CAPACITY).fill(0n);
  for (const b of spongeBlocks(input)) c = poseidonPermutation([...b, ...c]).slice(0, CAPACITY);
  return c as Digest;
}
