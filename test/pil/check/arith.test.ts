// Exactness: products past 2^53, values whose double rounding would fake a zero (or fake a
// nonzero: the value p itself), negative cells and p - 1, a constant with no double encoding
// (2^60), an unreduced literal (2^64), intermediates and primes on intermediates.

import { describe, expect, it } from 'vitest';
import { checkTrace, type Trace } from '../../../src/pil/check/index.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

const SRC = `
namespace Main(%N);
pol commit x, y, z, w, a, b, c, bit, neg, u, big, s, tx;
pol xy = x * y;
pol dx = x' * 2;
bit * (1 - bit) = 0;
xy - z * w = 0;
a * b - c = 0;
neg + 1 = 0;
u * 2**60 - big = 0;
s * 18446744073709551616 - (s * 4294967296 - s) = 0;
dx - tx = 0;
dx' - tx' = 0;
`;
const N = 16;
const L = (needle: string) => lineOf(SRC, needle);

async function honest() {
  const pil = await compilePil(SRC, { N });
  const t = new TraceBuilder(pil, N);
  const [x, y, z, w] = ['x', 'y', 'z', 'w'].map((n) => t.c(`Main.${n}`)) as Float64Array[];
  // 2^32 · 2^32 = 2^64 ≡ 2^32 - 1.
  x![0] = 2 ** 32; y![0] = 2 ** 32; z![0] = 2 ** 32 - 1; w![0] = 1;
  // (2^27 + 1)^2 = 2^54 + 2^28 + 1: inexact in doubles.
  x![1] = 2 ** 27 + 1; y![1] = 2 ** 27 + 1; z![1] = 2 ** 27 + 1; w![1] = 2 ** 27 + 1;
  // -2^53 exactly, on both sides.
  x![2] = -(2 ** 26); y![2] = 2 ** 27; z![2] = 2 ** 26; w![2] = -(2 ** 27);
  // The largest cells: 2^106 = 2^10 · 2^96 and 2^96 ≡ -1, so 2^106 ≡ -1024.
  x![3] = 2 ** 53; y![3] = 2 ** 53; z![3] = -1024; w![3] = 1;
  for (let i = 4; i < N; i++) { x![i] = i * 1000 - 7; y![i] = -i; z![i] = i * 1000 - 7; w![i] = -i; }
  // a·b - c = 2^32 (2^32 - 1) + 1 = p ≡ 0: a double would round p to 2^64 and see nonzero.
  t.c('Main.a')[0] = 2 ** 32; t.c('Main.b')[0] = 2 ** 32 - 1; t.c('Main.c')[0] = -1;
  t.c('Main.bit').set([0, 1, 1, 0, 1]);
  t.c('Main.neg').fill(-1);
  const u = t.c('Main.u');
  u[3] = 1; u[5] = -1; u[6] = 2 ** 20;
  t.setBig('cmP', 'Main.big', Array.from(u, (v) => (((BigInt(v) * 2n ** 60n) % P) + P) % P));
  t.c('Main.s').set([1, 2 ** 21, -(2 ** 20), 12345]);
  // 2·x reaches 2^54 (row 3), past the double encoding: raw field elements.
  t.setBig('cmP', 'Main.tx', Array.from(x!, (_, i) => (((2n * BigInt(x![(i + 1) % N]!)) % P) + P) % P));
  return { pil, t };
}

async function expectBothReject(pil: Awaited<ReturnType<typeof honest>>['pil'], bad: Trace, failures: [number, number][]) {
  const r = checkTrace(pil, bad);
  expect(r.ok).toBe(false);
  expect(r.failures.map((f) => [f.index, f.row]).sort((p, q) => p[0]! - q[0]!)).toEqual(failures);
  expect(r.failures.every((f) => f.kind === 'identity')).toBe(true);
  const v = await verifyPil(pil, bad);
  expect(v.length).toBe(failures.length);
  for (const [k, row] of failures) {
    expect(v.some((m) => m.includes(`:${pil.polIdentities[k]!.line}:`) && m.includes(`w=${row} `))).toBe(true);
  }
  return r;
}

describe('exact arithmetic', () => {
  it('accepts the honest trace, like verifyPil', async () => {
    const { pil, t } = await honest();
    const r = checkTrace(pil, t.trace);
    expect(r.failures).toEqual([]);
    expect(await verifyPil(pil, t.trace)).toEqual([]);
  });

  it('rejects a difference that double rounding would hide', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    // 2^27 (2^27 + 2) = 2^54 + 2^28, one less than (2^27 + 1)^2, which rounds to exactly that.
    expect((2 ** 27 + 1) * (2 ** 27 + 1) === 2 ** 27 * (2 ** 27 + 2)).toBe(true);
    (bad.cm[2] as Float64Array)[1] = 2 ** 27;
    (bad.cm[3] as Float64Array)[1] = 2 ** 27 + 2;
    const r = await expectBothReject(pil, bad, [[1, 1]]);
    expect(r.failures[0]!.line).toBe(L('xy - z * w'));
    expect(r.failures[0]!.message).toContain('(value 1)');
  });

  it('rejects off-by-one results of 2^64, 2^106 and p', async () => {
    const { pil, t } = await honest();
    const b1 = cloneTrace(t.trace);
    (b1.cm[2] as Float64Array)[0] = 2 ** 32 - 2;
    await expectBothReject(pil, b1, [[1, 0]]);
    const b2 = cloneTrace(t.trace);
    (b2.cm[2] as Float64Array)[3] = -1023;
    await expectBothReject(pil, b2, [[1, 3]]);
    const b3 = cloneTrace(t.trace);
    (b3.cm[6] as Float64Array)[0] = -2;
    const r = await expectBothReject(pil, b3, [[2, 0]]);
    expect(r.failures[0]!.line).toBe(L('a * b - c'));
  });

  it('treats -1 and p - 1 as the same element, and rejects 1', async () => {
    const { pil, t } = await honest();
    const same = cloneTrace(t.trace);
    same.cm[8] = BigUint64Array.from({ length: N }, () => P - 1n);
    expect(checkTrace(pil, same).ok).toBe(true);
    expect(await verifyPil(pil, same)).toEqual([]);
    const bad = cloneTrace(t.trace);
    (bad.cm[8] as Float64Array)[9] = 1;
    await expectBothReject(pil, bad, [[3, 9]]);
  });

  it('handles a constant with no double encoding (2^60) and an unreduced literal (2^64)', async () => {
    const { pil, t } = await honest();
    const b1 = cloneTrace(t.trace);
    (b1.cm[10] as BigUint64Array)[6] += 1n;
    await expectBothReject(pil, b1, [[4, 6]]);
    const b2 = cloneTrace(t.trace);
    (b2.cm[9] as Float64Array)[7] = 1; // big[7] stays 0
    await expectBothReject(pil, b2, [[4, 7]]);
    // s·2^64 - (s·2^32 - s) holds for any s only if 2^64 is read as 2^32 - 1 (mod p).
    const b3 = cloneTrace(t.trace);
    (b3.cm[11] as Float64Array).fill(2 ** 53);
    expect(checkTrace(pil, b3).ok).toBe(true);
  });

  it('evaluates intermediates and primes on intermediates (x at row i + 2)', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[9] += 1; // x[9]: xy at row 9, dx at row 8, dx' at row 7
    await expectBothReject(pil, bad, [[1, 9], [6, 8], [7, 7]]);
  });

  it('rejects a boolean that is 2', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[7] as Float64Array)[11] = 2;
    const r = await expectBothReject(pil, bad, [[0, 11]]);
    expect(r.failures[0]!.message).toBe(`(string):${L('bit * (1 - bit)')}: identity does not hold at row 11 (value -2)`);
  });
});
