// The main-thread hashing of pil-stark's GL MerkleHash: calculateRootFromGroupProof (used by
// verifyGroupProof: every opened query of every tree and FRI step when a proof is verified) with
// our Poseidon (poseidon-wasm.ts) instead of pil-stark's BigInt one (~0.1 ms per permutation).
// Same result: the values flattened one level, pil-stark's linear hash (≤ 4 values are the
// result as they are, zero-padded; else the sponge over chunks of 8), then one hash per level,
// the sibling on the side the index bit says. Anything outside what we compute exactly (a value
// that is not a bigint < p, the "GPU" split linear hash) goes to pil-stark's own method.

import { fastPathsEnabled } from './fast-paths.js';
import { P, PoseidonGL } from './poseidon-wasm.js';

export type CalculateRoot = (this: { splitLinearHash?: boolean }, mp: unknown[][], idx: number, vals: unknown[]) => unknown[];

let gl: PoseidonGL | undefined;

const canonical = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n && v < P;

/** Our calculateRootFromGroupProof, falling back on `original`. */
export function fastCalculateRoot(original: CalculateRoot): CalculateRoot {
  return function calculateRootFromGroupProof(this: { splitLinearHash?: boolean }, mp, idx, vals) {
    if (!fastPathsEnabled() || this.splitLinearHash) return original.call(this, mp, idx, vals);
    const flat: unknown[] = [];
    for (const v of vals) {
      if (Array.isArray(v)) for (const w of v as unknown[]) flat.push(w);
      else flat.push(v);
    }
    let value: unknown[];
    if (flat.length <= 4) {
      value = [0n, 0n, 0n, 0n];
      for (let i = 0; i < flat.length; i++) value[i] = flat[i];
    } else {
      if (!flat.every(canonical)) return original.call(this, mp, idx, vals);
      gl ??= new PoseidonGL();
      let st: bigint[] = [0n, 0n, 0n, 0n];
      for (let i = 0; i < flat.length; i += 8) {
        const chunk = flat.slice(i, i + 8) as bigint[];
        while (chunk.length < 8) chunk.push(0n);
        st = gl.hash(chunk, st, 4);
      }
      value = st;
    }
    if (mp.length === 0) return value;
    if (!value.every(canonical) || !mp.every((s) => Array.isArray(s) && s.length === 4 && s.every(canonical))) {
      return original.call(this, mp, idx, vals);
    }
    gl ??= new PoseidonGL();
    let node = value as bigint[];
    for (const sibling of mp as bigint[][]) {
      node = gl.hash((idx & 1) === 0 ? [...node, ...sibling] : [...sibling, ...node], undefined, 4);
      idx = Math.floor(idx / 2);
    }
    return node;
  };
}
