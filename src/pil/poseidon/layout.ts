// Where things are in the Poseidon namespace: one permutation per slot of 32 rows (30 rounds, the
// output, and the row that carries lanes 0-3 to the next slot), and which slots a hash occupies.

import { RATE, ROUNDS } from './params.js';

export const ROWS_PER_PERM = 32;
/** Row of a slot holding the permutation's output. */
export const OUT_ROW = ROUNDS;
/** Row of a slot holding the output's lanes 0-3 (the chaining value; the digest of a last block). */
export const LINK_ROW = ROUNDS + 1;

/** A digest bound to publics `${name}_0` … `${name}_3`: lanes 0-3 of row 31 of `slot`, which
 *  must hold the last block of a hash. */
export interface DigestBinding {
  name: string;
  slot: number;
}

export interface PoseidonLayout {
  /** Rows of every namespace: a power of two, at least 32. */
  N: number;
  digests: DigestBinding[];
  /**
   * The namespace holds one hash, ending in the last slot: no block before the last ends a hash
   * (so every absorbed block belongs to the digest bound there, none to a hash no public covers)
   */
  singleHash?: boolean;
}

/** The row a digest public reads. */
export function digestRow(slot: number): number {
  return slot * ROWS_PER_PERM + LINK_ROW;
}

export function slotsOf(N: number): number {
  if (!(Number.isInteger(N) && N >= ROWS_PER_PERM && (N & (N - 1)) === 0)) {
    throw new Error(`Poseidon: N = ${N} must be a power of two of at least ${ROWS_PER_PERM}`);
  }
  return N / ROWS_PER_PERM;
}

/** Permutations (blocks) a sequence of `length` elements takes: the padding always adds one element. */
export function blocksOf(length: number): number {
  return Math.floor(length / RATE) + 1;
}

/** A hash to place: its sequence, and optionally the slot of its first block (by default the one
 *  after the previous hash's last). */
export interface HashInput {
  input: readonly bigint[];
  slot?: number;
}

export interface HashPlacement {
  firstSlot: number;
  lastSlot: number;
}

/** Slots of each hash; throws when hashes overlap or do not fit in N. */
export function placeHashes(N: number, hashes: readonly HashInput[]): HashPlacement[] {
  const nSlots = slotsOf(N);
  const taken = new Uint8Array(nSlots);
  let next = 0;
  return hashes.map((h, k) => {
    const firstSlot = h.slot ?? next;
    const lastSlot = firstSlot + blocksOf(h.input.length) - 1;
    if (!(Number.isInteger(firstSlot) && firstSlot >= 0) || lastSlot >= nSlots) {
      throw new Error(`Poseidon: hash ${k} (${h.input.length} elements) needs slots ${firstSlot}…${lastSlot}, N = ${N} has ${nSlots}`);
    }
    for (let s = firstSlot; s <= lastSlot; s++) {
      if (taken[s]) throw new Error(`Poseidon: hash ${k} overlaps another one at slot ${s}`);
      taken[s] = 1;
    }
    next = lastSlot + 1;
    return { firstSlot, lastSlot };
  });
}
