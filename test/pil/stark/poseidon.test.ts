// Our Poseidon WebAssembly (src/pil/stark/poseidon-wasm.ts) must compute exactly pil-stark's:
// the permutation against its BigInt `poseidon`, the row and level hashing against its worker's
// functions (its own WebAssembly), and the main-thread Merkle root against its MerkleHash.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fastCalculateRoot, type CalculateRoot } from '../../../src/pil/stark/merkle-root.js';
import { P, PoseidonGL } from '../../../src/pil/stark/poseidon-wasm.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));
type Hash = (inputs: bigint[], capacity?: bigint[], nOuts?: number) => bigint[];
const poseidon = (fromPilStark('./src/helpers/hash/poseidon/poseidon.js') as () => Hash)();
const worker = fromPilStark('./src/helpers/hash/merklehash/merklehash_worker.js') as {
  linearHash(b: BigUint64Array, width: number, i: number, n: number, split: boolean): Promise<BigUint64Array>;
  merkelizeLevel(b: BigUint64Array, i: number, n: number): Promise<BigUint64Array>;
};

let seed = 0x9e3779b97f4a7c15n;
function rnd(): bigint {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
  return seed % P;
}
const EDGE = [0n, 1n, 2n, P - 1n, P - 2n, 1n << 32n, (1n << 32n) - 1n, (1n << 32n) + 1n, 1n << 63n, (1n << 63n) - 1n, P >> 1n, P - (1n << 32n)];

async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const saved = console.log;
  console.log = () => undefined;
  try { return await fn(); } finally { console.log = saved; }
}

describe('Poseidon-GL WebAssembly', () => {
  const gl = new PoseidonGL();

  it('permutes like pil-stark poseidon on edge and random states', () => {
    const states: bigint[][] = [];
    for (const e of EDGE) states.push(Array(12).fill(e) as bigint[]);
    for (let k = 0; k < EDGE.length; k++) states.push(Array.from({ length: 12 }, (_, i) => EDGE[(k + i) % EDGE.length]!));
    for (let k = 0; k < 200; k++) states.push(Array.from({ length: 12 }, () => (k % 5 === 0 ? EDGE[Number(rnd() % 12n)]! : rnd())));
    for (const st of states) {
      expect(gl.permute(st)).toEqual(poseidon(st.slice(0, 8), st.slice(8), 12));
      expect(gl.hash(st.slice(0, 8), undefined, 4)).toEqual(poseidon(st.slice(0, 8)));
    }
  });

  it('hashes rows and tree levels like pil-stark’s worker', async () => {
    for (const [width, height] of [[5, 7], [8, 16], [9, 33], [16, 4], [30, 64], [61, 3]] as const) {
      const buff = new BigUint64Array(width * height);
      for (let i = 0; i < buff.length; i++) buff[i] = i % 17 === 0 ? EDGE[i % EDGE.length]! : rnd();
      expect(gl.linearHash(buff, width)).toEqual(await quiet(() => worker.linearHash(buff, width, 0, height, false)));
    }
    for (const nOps of [1, 2, 37, 256]) {
      const buff = new BigUint64Array(nOps * 8);
      for (let i = 0; i < buff.length; i++) buff[i] = i % 13 === 0 ? EDGE[i % EDGE.length]! : rnd();
      expect(gl.merkelizeLevel(buff)).toEqual(await quiet(() => worker.merkelizeLevel(buff, 0, nOps)));
    }
  });

  it('declines inputs ≥ p (left to pil-stark)', () => {
    const buff = new BigUint64Array(16).fill(1n);
    buff[11] = P;
    expect(gl.merkelizeLevel(buff)).toBeUndefined();
    expect(gl.linearHash(buff, 8)).toBeUndefined();
    buff[11] = P - 1n;
    expect(gl.merkelizeLevel(buff)).toBeDefined();
  });

  it('computes Merkle roots from paths like pil-stark’s MerkleHash', async () => {
    const buildMH = fromPilStark('./src/helpers/hash/merklehash/merklehash_p.js') as () => Promise<object>;
    const mh = await buildMH();
    const original = (Object.getPrototypeOf(mh) as { calculateRootFromGroupProof: CalculateRoot }).calculateRootFromGroupProof;
    const ours = fastCalculateRoot(original);
    const path = Array.from({ length: 6 }, () => [rnd(), rnd(), rnd(), rnd()]);
    const cases: unknown[][] = [[], [rnd()], [rnd(), rnd(), rnd(), rnd()], [[rnd(), rnd(), rnd()], rnd()],
      Array.from({ length: 13 }, rnd), [...Array.from({ length: 5 }, rnd), [rnd(), rnd(), rnd()]], Array.from({ length: 16 }, rnd),
      [P + 3n, 1n, 2n, 3n, 4n], [P, 1n]];
    for (const vals of cases) {
      for (const idx of [0, 1, 2, 37, 63]) {
        for (const mp of [[], path.slice(0, 1), path]) {
          expect(ours.call(mh, mp, idx, vals)).toEqual(original.call(mh, mp, idx, vals));
        }
      }
    }
  });
});
