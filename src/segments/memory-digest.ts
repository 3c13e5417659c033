// The memory list as the segment's proof hashes it (docs/segments.md): each entry one sponge
// block [address, before0, before1, after0, after1, 0, 0, 0] in address order, the limbs as field
// elements; the digest is the Poseidon sponge's (src/pil/poseidon/reference.ts). A verifier
// hashes the list it is given this way and compares with the publics mem_0 … mem_3.

import { P, RATE } from '../pil/poseidon/params.js';
import { poseidonSponge, type Digest } from '../pil/poseidon/reference.js';
import type { MemoryEntry } from './run.js';

const field = (n: number): bigint => ((BigInt(n) % P) + P) % P;

export function memorySequence(list: readonly MemoryEntry[]): bigint[] {
  const out: bigint[] = [];
  for (const e of list) {
    const block = [e.addr, e.before[0], e.before[1], e.after[0], e.after[1]].map(field);
    while (block.length < RATE) block.push(0n);
    out.push(...block);
  }
  return out;
}

export function memoryDigest(list: readonly MemoryEntry[]): Digest {
  return poseidonSponge(memorySequence(list));
}
