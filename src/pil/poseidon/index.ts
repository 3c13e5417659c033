// A standalone PIL machine for Poseidon over Goldilocks (pil-stark's permutation) and a sponge
// over it: parameters, the reference, the PIL text, its constant and committed columns.

export {
  CAPACITY, FULL_ROUNDS, isFullRound, P, PARTIAL_ROUNDS, pilStarkRequire, poseidonParams, RATE, ROUNDS, WIDTH, type PoseidonParams,
} from './params.js';
export { poseidonPermutation, poseidonSponge, spongeBlocks, type Digest } from './reference.js';
export {
  blocksOf, digestRow, LINK_ROW, OUT_ROW, placeHashes, ROWS_PER_PERM, slotsOf,
  type DigestBinding, type HashInput, type HashPlacement, type PoseidonLayout,
} from './layout.js';
export { digestSelector, poseidonPil, standalonePoseidonPil } from './pil.js';
export { poseidonConstantColumns, standaloneConstantColumns, type NamedColumns } from './constants.js';
export { poseidonWitness, type PoseidonWitness } from './witness.js';
export { traceOf } from './trace.js';
