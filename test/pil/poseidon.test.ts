// The Poseidon machine (src/pil/poseidon, templates/pil/poseidon.pil.hbs): the reference
// permutation against pil-stark's own `poseidon`, the fast witness arithmetic against the
// reference, the PIL's degree, an honest trace of several hashes accepted by our checker and by
// verifyPil with its digests bound to publics, and tampered traces rejected by both.

import { beforeAll, describe, expect, it } from 'vitest';
import { checkTrace, type PilJson, type Trace } from '../../src/pil/check/index.js';
import { compilePil } from '../../src/pil/pilcom.js';
import { mulForTest, PermutationTracer, type PermutationColumns } from '../../src/pil/poseidon/fast.js';
import {
  digestRow, P, pilStarkRequire, poseidonPermutation, poseidonSponge, poseidonWitness, ROWS_PER_PERM, spongeBlocks,
  standaloneConstantColumns, standalonePoseidonPil, traceOf, WIDTH, type HashInput, type NamedColumns, type PoseidonLayout,
} from '../../src/pil/poseidon/index.js';
import { cloneTrace, lineOf, verifyPil } from './check/helpers.js';

type PilStarkPoseidon = (inputs: bigint[], capacity: bigint[], nOuts?: number) => bigint[];
const pilStarkPoseidon = (pilStarkRequire()('./src/helpers/hash/poseidon/poseidon.js') as () => PilStarkPoseidon)();
interface LinearHashClass { new (h: PilStarkPoseidon): { hash(vals: bigint[]): bigint[] } }
const LinearHash = pilStarkRequire()('./src/helpers/hash/linearhash/linearhash.js') as LinearHashClass;

// a small deterministic generator of field elements, with the edges mixed in
let seed = 0x2545f4914f6cdd1dn;
function rand(): bigint {
  seed ^= seed << 13n; seed &= (1n << 64n) - 1n;
  seed ^= seed >> 7n;
  seed ^= seed << 17n; seed &= (1n << 64n) - 1n;
  const pick = Number(seed & 15n);
  if (pick === 0) return P - 1n;
  if (pick === 1) return 0n;
  if (pick === 2) return 0xffffffffn;
  if (pick === 3) return 1n << 32n;
  return seed % P;
}
const randVec = (n: number): bigint[] => Array.from({ length: n }, rand);

describe('the permutation', () => {
  it('equals pil-stark\'s poseidon on random inputs (all 12 outputs)', () => {
    const edge = [new Array<bigint>(12).fill(0n), new Array<bigint>(12).fill(P - 1n), Array.from({ length: 12 }, (_, i) => BigInt(i))];
    const inputs = [...edge, ...Array.from({ length: 300 }, () => randVec(WIDTH))];
    for (const x of inputs) {
      const theirs = pilStarkPoseidon(x.slice(0, 8), x.slice(8), 12).map((v) => BigInt(v));
      expect(poseidonPermutation(x)).toEqual(theirs);
    }
  });

  it('chains as pil-stark\'s LinearHash: our digest of a whole number of blocks is one more block [1, 0…] on its hash', () => {
    for (const L of [8, 16, 40]) {
      const m = randVec(L);
      const theirs = pilStarkPoseidon([1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n], new LinearHash(pilStarkPoseidon).hash(m)).map((v) => BigInt(v));
      expect(poseidonSponge(m)).toEqual(theirs);
    }
  });

  it('pads injectively: 10*, at least one block', () => {
    expect(spongeBlocks([])).toEqual([[1n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]]);
    expect(spongeBlocks([5n, 0n])).toEqual([[5n, 0n, 1n, 0n, 0n, 0n, 0n, 0n]]);
    expect(spongeBlocks(new Array<bigint>(8).fill(7n)).length).toBe(2);
    const d = [[], [0n], [0n, 0n], [1n], [0n, 1n]].map((m) => poseidonSponge(m).join());
    expect(new Set(d).size).toBe(d.length);
  });

  it('the witness arithmetic equals BigInt (products, whole permutations)', () => {
    for (let k = 0; k < 20000; k++) {
      const a = rand();
      const b = rand();
      expect(mulForTest(a, b)).toBe((a * b) % P);
    }
    const t = new PermutationTracer();
    const cols: PermutationColumns = {
      s: Array.from({ length: WIDTH }, () => new Uint32Array(2 * ROWS_PER_PERM)),
      cube: Array.from({ length: WIDTH }, () => new Uint32Array(2 * ROWS_PER_PERM)),
      pow: Array.from({ length: WIDTH }, () => new Uint32Array(2 * ROWS_PER_PERM)),
    };
    for (let k = 0; k < 50; k++) {
      const x = randVec(WIDTH);
      x.forEach((v, i) => { t.hi[i] = Number(v >> 32n); t.lo[i] = Number(v & 0xffffffffn); });
      t.run(cols, 0);
      const out = Array.from({ length: WIDTH }, (_, i) => (BigInt(t.hi[i]!) << 32n) | BigInt(t.lo[i]!));
      expect(out.slice(0, 4)).toEqual(poseidonPermutation(x).slice(0, 4));
    }
  });

  it('witness of 2,048 permutations in one hash: its digest is the reference\'s', () => {
    const input = randVec(2047 * 8 + 5);
    const t0 = performance.now();
    const w = poseidonWitness(2 ** 16, [{ input }]);
    const ms = performance.now() - t0;
    console.log(`poseidon witness: 2048 permutations (N = 2^16) in ${ms.toFixed(0)} ms`);
    expect(w.placements).toEqual([{ firstSlot: 0, lastSlot: 2047 }]);
    expect(w.digests[0]).toEqual(poseidonSponge(input));
  });
});

// ---- the PIL

const N = 2 ** 10;
// lengths 0, 1, 8, 9 from slot 0 (1, 1, 2, 2 blocks: slots 0-5), 30 at the end (4 blocks: slots
// 28-31, its digest on row N-1); slots 6-27 are unused
const LENGTHS = [0, 1, 8, 9, 30];
const HASHES: HashInput[] = LENGTHS.map((L, k) => ({ input: randVec(L), ...(k === 4 ? { slot: 28 } : {}) }));

interface Setup { text: string; pil: PilJson; layout: PoseidonLayout; cm: NamedColumns; trace: Trace; publics: bigint[] }
let S: Setup;

beforeAll(async () => {
  const w = poseidonWitness(N, HASHES);
  const layout: PoseidonLayout = { N, digests: w.placements.map((p, k) => ({ name: `h${k}`, slot: p.lastSlot })) };
  const text = standalonePoseidonPil(layout);
  const pil = await compilePil(text);
  const trace = traceOf(pil, N, w.cols, standaloneConstantColumns(layout));
  S = { text, pil, layout, cm: w.cols, trace, publics: w.digests.flat() };
});

/** Highest degree of an identity with every intermediate expanded (what pil-stark sees). */
function trueDegree(pil: PilJson, id: number, memo = new Map<number, number>()): number {
  const deg = (e: PilJson['expressions'][number]): number => {
    switch (e.op) {
      case 'cm': case 'const': return 1;
      case 'number': case 'public': return 0;
      case 'exp': {
        if (!memo.has(e.id!)) memo.set(e.id!, deg(pil.expressions[e.id!]!));
        return memo.get(e.id!)!;
      }
      case 'mul': return deg(e.values![0]!) + deg(e.values![1]!);
      default: return Math.max(...e.values!.map(deg));
    }
  };
  return deg(pil.expressions[id]!);
}

const cell = (t: Trace, name: string, row: number): bigint => {
  const c = t.cm[S.pil.references[name]!.id]!;
  return c instanceof BigUint64Array ? c[row]! : BigInt(c[row]!);
};
function setCell(t: Trace, name: string, row: number, v: bigint): void {
  const c = t.cm[S.pil.references[name]!.id]!;
  if (c instanceof BigUint64Array) c[row] = ((v % P) + P) % P;
  else c[row] = Number(v);
}

/** Reruns slots `from`…`to` of a cloned trace honestly (each slot's input read from its FIRST row,
 *  capacity carried from the previous slot's output after `from`), as a prover would to make a
 *  change consistent with the permutation. Returns the last slot's output lanes 0-3. */
function rerun(t: Trace, from: number, to: number): bigint[] {
  const u32 = (name: string) => new Uint32Array((t.cm[S.pil.references[`Poseidon.${name}`]!.id] as BigUint64Array).buffer);
  const cols: PermutationColumns = {
    s: Array.from({ length: WIDTH }, (_, i) => u32(`s${i}`)),
    cube: Array.from({ length: WIDTH }, (_, i) => u32(`cube${i}`)),
    pow: Array.from({ length: WIDTH }, (_, i) => u32(`pow${i}`)),
  };
  const tr = new PermutationTracer();
  for (let slot = from; slot <= to; slot++) {
    const row0 = slot * ROWS_PER_PERM;
    for (let i = 0; i < WIDTH; i++) {
      if (slot > from && i >= 8) { tr.hi[i] = tr.hi[i - 8]!; tr.lo[i] = tr.lo[i - 8]!; continue; }
      const v = cell(t, `Poseidon.s${i}`, row0);
      tr.hi[i] = Number(v >> 32n);
      tr.lo[i] = Number(v & 0xffffffffn);
    }
    tr.run(cols, row0);
  }
  return Array.from({ length: 4 }, (_, i) => (BigInt(tr.hi[i]!) << 32n) | BigInt(tr.lo[i]!));
}

/** Both checkers reject; ours names `needle`'s line among its failures. */
async function rejected(t: Trace, needle: string | null, publics = S.publics): Promise<void> {
  const r = checkTrace(S.pil, t, { publics });
  expect(r.ok).toBe(false);
  if (needle !== null) expect(r.failures.map((f) => f.line)).toContain(lineOf(S.text, needle));
  const v = await verifyPil(S.pil, t, publics);
  expect(v.length).toBeGreaterThan(0);
}

describe('the Poseidon PIL', () => {
  it('has identities of degree <= 3 (pilcom\'s count <= 2)', () => {
    expect(S.pil.nCommitments).toBe(48);
    expect(S.pil.nConstants).toBe(2 + 17 + LENGTHS.length); // Global.L1/LLAST, Poseidon's, one selector per digest
    const degrees = S.pil.polIdentities.map((id) => trueDegree(S.pil, id.e));
    expect(Math.max(...degrees)).toBe(3);
    for (const id of S.pil.polIdentities) expect(S.pil.expressions[id.e]!.deg).toBeLessThanOrEqual(2);
  });

  it('accepts the honest trace (both checkers); the digests bound to publics are the reference sponge\'s', async () => {
    const expected = HASHES.map((h) => poseidonSponge(h.input)).flat();
    expect(S.publics).toEqual(expected);
    expect(S.pil.publics.map((p) => [p.name, p.idx])).toEqual(
      S.layout.digests.flatMap((d) => [0, 1, 2, 3].map((k) => [`${d.name}_${k}`, digestRow(d.slot)])));
    expect(S.layout.digests.map((d) => d.slot)).toEqual([0, 1, 3, 5, 31]);
    expect(digestRow(31)).toBe(N - 1);
    const r = checkTrace(S.pil, S.trace, { publics: expected });
    expect(r.failures).toEqual([]);
    expect(await verifyPil(S.pil, S.trace, expected)).toEqual([]);
  });

  it('rejects a changed state cell', async () => {
    const t = cloneTrace(S.trace);
    const row = 2 * ROWS_PER_PERM + 10; // slot 2 (hash of 8, first block), a partial round
    setCell(t, 'Poseidon.s5', row, cell(t, 'Poseidon.s5', row) + 1n);
    await rejected(t, 'cube5 = xx5 * x5');
  });

  it('rejects a changed S-box helper: x^3 of a lane a partial round does not use, x^7 of lane 0', async () => {
    const t = cloneTrace(S.trace);
    const row = 28 * ROWS_PER_PERM + 12;
    setCell(t, 'Poseidon.cube7', row, cell(t, 'Poseidon.cube7', row) + 1n);
    await rejected(t, 'cube7 = xx7 * x7');
    const t2 = cloneTrace(S.trace);
    setCell(t2, 'Poseidon.pow0', row, cell(t2, 'Poseidon.pow0', row) - 1n);
    await rejected(t2, 'pow0 = cc0 * x0');
  });

  it('rejects a changed digest public', async () => {
    const publics = [...S.publics];
    publics[4 * 4 + 2] = (publics[4 * 4 + 2]! + 1n) % P;
    const r = checkTrace(S.pil, S.trace, { publics });
    expect(r.failures.map((f) => [f.kind, f.row])).toEqual([['public', N - 1], ['identity', N - 1]]);
    expect((await verifyPil(S.pil, S.trace, publics)).length).toBe(1);
  });

  it('rejects broken chaining: a continued block with capacity 0, or claimed as a new hash', async () => {
    // slot 29 continues the 30-element hash: give it capacity 0 and recompute slots 29-31 honestly
    const t = cloneTrace(S.trace);
    for (let c = 8; c < 12; c++) setCell(t, `Poseidon.s${c}`, 29 * ROWS_PER_PERM, 0n);
    const digest = rerun(t, 29, 31);
    const publics = [...S.publics.slice(0, 16), ...digest];
    const links = [0, 1, 2, 3].map((k) => lineOf(S.text, `LINK * s${8 + k}' = linkMore * s${k}`));
    const lines = checkTrace(S.pil, t, { publics }).failures.map((f) => f.line);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(links).toContain(l);
    await rejected(t, null, publics);
    // ... and also claims slot 29 starts a new hash
    setCell(t, 'Poseidon.start', 29 * ROWS_PER_PERM, 1n);
    await rejected(t, "LINK * (start' - absorb') + linkMore * absorb' = 0", publics);
    // a hash cut after a full block: slot 30 marked unused
    const t3 = cloneTrace(S.trace);
    setCell(t3, 'Poseidon.absorb', 29 * ROWS_PER_PERM, 0n);
    await rejected(t3, "linkMore * (1 - absorb') = 0");
  });

  it('rejects an unused slot carrying input, even with its permutation recomputed', async () => {
    const t = cloneTrace(S.trace);
    setCell(t, 'Poseidon.s3', 10 * ROWS_PER_PERM, 5n);
    rerun(t, 10, 10);
    const r = checkTrace(S.pil, t, { publics: S.publics });
    expect(r.failures.map((f) => [f.line, f.row])).toEqual([[lineOf(S.text, 'pad3 * (s3 - d2) = 0'), 10 * ROWS_PER_PERM]]);
    await rejected(t, null);
    // and a capacity, which only a continued hash may have
    const t2 = cloneTrace(S.trace);
    setCell(t2, 'Poseidon.s9', 10 * ROWS_PER_PERM, 5n);
    rerun(t2, 10, 10);
    await rejected(t2, "LINK * s9' = linkMore * s1");
  });

  it('rejects a wrong padding in a last block (recomputed): the 1 changed, a 0 after it made nonzero', async () => {
    // hash of 9 elements: its second block (slot 5) is [x, 1, 0, …]
    const row0 = 5 * ROWS_PER_PERM;
    expect(cell(S.trace, 'Poseidon.s1', row0)).toBe(1n);
    for (const [lane, v, needle] of [[1, 2n, 'pad1 * (s1 - d0) = 0'], [4, 7n, 'pad4 * (s4 - d3) = 0']] as const) {
      const t = cloneTrace(S.trace);
      setCell(t, `Poseidon.s${lane}`, row0, v);
      const digest = rerun(t, 5, 5);
      const publics = [...S.publics.slice(0, 12), ...digest, ...S.publics.slice(16)];
      const r = checkTrace(S.pil, t, { publics });
      expect(r.failures.map((f) => f.line)).toEqual([lineOf(S.text, needle)]);
      await rejected(t, null, publics);
    }
  });

  it('rejects an input changed without recomputing', async () => {
    const t = cloneTrace(S.trace);
    const row0 = 4 * ROWS_PER_PERM; // the 9-element hash's first block
    setCell(t, 'Poseidon.s2', row0, cell(t, 'Poseidon.s2', row0) + 3n);
    await rejected(t, 'cube2 = xx2 * x2');
  });
});
