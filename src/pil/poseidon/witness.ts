// The committed columns of the Poseidon namespace for a list of hashes: each hash's padded blocks
// in consecutive slots (layout.ts), every other slot the permutation of the all-zero input with
// its flags 0 (the PIL forces exactly that on a slot that absorbs nothing).

import type { NamedColumns } from './constants.js';
import { PermutationTracer, type PermutationColumns } from './fast.js';
import { placeHashes, ROWS_PER_PERM, slotsOf, type HashInput, type HashPlacement } from './layout.js';
import { CAPACITY, P, RATE, WIDTH } from './params.js';
import { spongeBlocks, type Digest } from './reference.js';

export interface PoseidonWitness {
  /** Every committed column, by name ("Poseidon.s0"). */
  cols: NamedColumns;
  placements: HashPlacement[];
  /** Each hash's digest, as the trace holds it (lanes 0-3 of its last slot's row 31). */
  digests: Digest[];
}

const split = (x: bigint): [number, number] => {
  const v = ((x % P) + P) % P;
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
};

export function poseidonWitness(N: number, hashes: readonly HashInput[]): PoseidonWitness {
  const nSlots = slotsOf(N);
  const placements = placeHashes(N, hashes);
  const cols: NamedColumns = new Map();
  const big = (name: string): Uint32Array => {
    const a = new BigUint64Array(N); // full 64-bit elements; written through a u32 view, no BigInt per cell
    cols.set(`Poseidon.${name}`, a);
    return new Uint32Array(a.buffer);
  };
  const small = (name: string): Float64Array => {
    const a = new Float64Array(N);
    cols.set(`Poseidon.${name}`, a);
    return a;
  };
  const lanes = (prefix: string) => Array.from({ length: WIDTH }, (_, i) => big(`${prefix}${i}`));
  const target: PermutationColumns = { s: lanes('s'), cube: lanes('cube'), pow: lanes('pow') };
  const absorb = small('absorb');
  const start = small('start');
  const d = Array.from({ length: RATE }, (_, k) => small(`d${k}`));
  const more = small('more');
  const fin = small('fin');

  const tracer = new PermutationTracer();
  const used = new Uint8Array(nSlots);
  const digests: Digest[] = [];
  hashes.forEach((h, k) => {
    const blocks = spongeBlocks(h.input);
    const first = placements[k]!.firstSlot;
    tracer.hi.fill(0);
    tracer.lo.fill(0);
    blocks.forEach((block, b) => {
      const slot = first + b;
      const row0 = slot * ROWS_PER_PERM;
      used[slot] = 1;
      // lanes 8-11 hold the previous output's lanes 0-3 (0 for the first block)
      for (let c = 0; c < CAPACITY; c++) {
        tracer.hi[RATE + c] = b === 0 ? 0 : tracer.hi[c]!;
        tracer.lo[RATE + c] = b === 0 ? 0 : tracer.lo[c]!;
      }
      for (let c = 0; c < RATE; c++) [tracer.hi[c], tracer.lo[c]] = split(block[c]!);
      tracer.run(target, row0);
      absorb[row0] = 1;
      start[row0] = b === 0 ? 1 : 0;
      for (let c = 0; c < RATE; c++) d[c]![row0] = b * RATE + c < h.input.length ? 1 : 0;
      const last = b === blocks.length - 1;
      more.fill(last ? 0 : 1, row0, row0 + ROWS_PER_PERM);
      fin.fill(last ? 1 : 0, row0, row0 + ROWS_PER_PERM);
    });
    digests.push(Array.from({ length: CAPACITY }, (_, c) =>
      (BigInt(tracer.hi[c]!) << 32n) | BigInt(tracer.lo[c]!)) as Digest);
  });

  // unused slots: the all-zero input, computed once and copied
  if (used.includes(0)) {
    const slotCols = (): Uint32Array[] => Array.from({ length: WIDTH }, () => new Uint32Array(2 * ROWS_PER_PERM));
    const zero: PermutationColumns = { s: slotCols(), cube: slotCols(), pow: slotCols() };
    tracer.hi.fill(0);
    tracer.lo.fill(0);
    tracer.run(zero, 0);
    for (let slot = 0; slot < nSlots; slot++) {
      if (used[slot]) continue;
      const at = 2 * slot * ROWS_PER_PERM;
      for (let i = 0; i < WIDTH; i++) {
        target.s[i]!.set(zero.s[i]!, at);
        target.cube[i]!.set(zero.cube[i]!, at);
        target.pow[i]!.set(zero.pow[i]!, at);
      }
    }
  }
  return { cols, placements, digests };
}
