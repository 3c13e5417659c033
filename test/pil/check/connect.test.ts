// `connect` with pilcom's labels k^j·w^i (built here with pilcom's own getKs/getRoots), and
// lookups over elements that have no double encoding (random 64-bit field elements).

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../../src/pil/check/index.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

const require = createRequire(import.meta.url);
const { getKs, getRoots, F } = require('pilcom') as {
  getKs(F: unknown, n: number): bigint[];
  getRoots(F: unknown): bigint[];
  F: unknown;
};

const SRC = `
namespace Main(%N);
pol constant SA, SB;
pol commit a, b;
{a, b} connect {Main.SA, Main.SB};
`;
const N = 16;
const LINE = lineOf(SRC, 'connect');

async function honest() {
  const pil = await compilePil(SRC, { N });
  const t = new TraceBuilder(pil, N);
  const ks = [1n, ...getKs(F, 1)];
  const w = getRoots(F)[Math.log2(N)]!;
  const label = (j: number, i: number) => {
    let v = ks[j]!;
    for (let k = 0; k < i; k++) v = (v * w) % P;
    return v;
  };
  // σ: identity except (0,3) <-> (1,5) and the cycle (0,7) -> (0,9) -> (1,0) -> (0,7).
  const sigma = new Map<string, [number, number]>([
    ['0,3', [1, 5]], ['1,5', [0, 3]],
    ['0,7', [0, 9]], ['0,9', [1, 0]], ['1,0', [0, 7]],
  ]);
  const S = [0, 1].map((j) => Array.from({ length: N }, (_, i) => {
    const [cj, ci] = sigma.get(`${j},${i}`) ?? [j, i];
    return label(cj, ci);
  }));
  t.setBig('constP', 'Main.SA', S[0]!);
  t.setBig('constP', 'Main.SB', S[1]!);
  const a = t.c('Main.a');
  const b = t.c('Main.b');
  for (let i = 0; i < N; i++) { a[i] = 100 + i; b[i] = 200 + i; }
  b[5] = a[3]!;
  a[9] = a[7]!;
  b[0] = a[7]!;
  return { pil, t };
}

describe('connect', () => {
  it('accepts wired cells holding equal values, like verifyPil', async () => {
    const { pil, t } = await honest();
    expect(checkTrace(pil, t.trace).failures).toEqual([]);
    expect(await verifyPil(pil, t.trace)).toEqual([]);
  });

  it('rejects a changed cell of a 2-cycle', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[3] = -1;
    const r = checkTrace(pil, bad);
    expect(r.failures.map((f) => [f.kind, f.index, f.row, f.line])).toEqual([['connection', 0, 3, LINE]]);
    expect(r.failures[0]!.message).toContain('pol 0 row 3 (value -1) is wired to pol 1 row 5 (value 103)');
    const v = await verifyPil(pil, bad);
    expect(v.length).toBe(1);
    expect(v[0]).toContain(`:${LINE}:`);
  });

  it('rejects a changed cell of a 3-cycle at the first wire that sees it', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[1] as Float64Array)[0] = 0;
    // Pol 0 is scanned first: (0,7) -> (0,9) is fine, (0,9) -> (1,0) is not.
    const r = checkTrace(pil, bad);
    expect(r.failures.map((f) => [f.kind, f.row])).toEqual([['connection', 9]]);
    expect((await verifyPil(pil, bad)).length).toBe(1);
  });

  it('rejects an S value that labels no cell', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cst[0] as BigUint64Array)[2] = 12345n;
    const r = checkTrace(pil, bad);
    expect(r.failures.map((f) => [f.kind, f.row])).toEqual([['connection', 2]]);
    expect(r.failures[0]!.message).toContain('labels no cell');
    // verifyPil has no check for this and dereferences undefined.
    await expect(verifyPil(pil, bad)).rejects.toThrow();
  });
});

describe('lookups over 64-bit elements', () => {
  const LK = `
namespace Main(%N);
pol constant H;
pol commit h, lo, hi;
{h} in {Main.H};
{lo + hi * 2**32} in {Main.H};
`;
  it('hashes and compares elements without a double encoding', async () => {
    const N = 256;
    const pil = await compilePil(LK, { N });
    const t = new TraceBuilder(pil, N);
    let s = 0x1234567n;
    const H = Array.from({ length: N }, () => (s = (s * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n) % P);
    t.setBig('constP', 'Main.H', H);
    const h = H.map((_, i) => H[(i * 17) % N]!);
    t.setBig('cmP', 'Main.h', h);
    const lo = t.c('Main.lo');
    const hi = t.c('Main.hi');
    for (let i = 0; i < N; i++) {
      const v = H[(i * 5 + 1) % N]!;
      lo[i] = Number(v & 0xffffffffn);
      hi[i] = Number(v >> 32n);
    }
    expect(checkTrace(pil, t.trace).failures).toEqual([]);
    expect(await verifyPil(pil, t.trace)).toEqual([]);

    const bad = cloneTrace(t.trace);
    (bad.cm[0] as BigUint64Array)[77] ^= 1n << 40n;
    (bad.cm[1] as Float64Array)[78] ^= 1;
    const r = checkTrace(pil, bad);
    expect(r.failures.map((f) => [f.kind, f.index, f.row])).toEqual([['plookup', 0, 77], ['plookup', 1, 78]]);
    expect((await verifyPil(pil, bad)).length).toBe(2);
  });
});
