// Fibonacci (doubles and raw field elements), next-row references across the wrap, publics, the
// failure cap: each honest trace passes our checker and verifyPil; each tampered one fails both,
// and ours names the identity, line and row worked out by hand below.

import { describe, expect, it } from 'vitest';
import { checkTrace, type CheckFailure } from '../../../src/pil/check/index.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

const FIB = `
namespace Global(%N);
pol constant L1, LLAST;
namespace Fib(%N);
pol commit a, b;
public out = b(%N-1);
(1 - Global.LLAST) * (a' - b) = 0;
(1 - Global.LLAST) * (b' - (a + b)) = 0;
Global.L1 * (a - 1) = 0;
Global.L1 * (b - 1) = 0;
Global.LLAST * (b - :out) = 0;
`;
const LINE_A = lineOf(FIB, "(a' - b)");
const LINE_B = lineOf(FIB, "(b' - (a + b))");
const LINE_OUT = lineOf(FIB, ':out');

function brief(f: CheckFailure[]): [string, number, number, number][] {
  return f.map((x) => [x.kind, x.index, x.row, x.line] as [string, number, number, number])
    .sort((x, y) => x[1] - y[1]);
}

async function fib(N: number, big: boolean) {
  const pil = await compilePil(FIB, { N });
  const t = new TraceBuilder(pil, N);
  t.k('Global.L1')[0] = 1;
  t.k('Global.LLAST')[N - 1] = 1;
  const a: bigint[] = [1n];
  const b: bigint[] = [1n];
  for (let i = 1; i < N; i++) {
    a.push(b[i - 1]!);
    b.push((a[i - 1]! + b[i - 1]!) % P);
  }
  if (big) {
    t.setBig('cmP', 'Fib.a', a);
    t.setBig('cmP', 'Fib.b', b);
  } else {
    t.c('Fib.a').set(a.map(Number));
    t.c('Fib.b').set(b.map(Number));
  }
  return { pil, t, out: b[N - 1]! };
}

describe('Fibonacci', () => {
  it('accepts the honest trace (doubles) and rejects a changed cell, naming both identities', async () => {
    const { pil, t, out } = await fib(32, false);
    const r = checkTrace(pil, t.trace, { publics: [out] });
    expect(r.failures).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.cells).toBe(32 * 4);
    expect(await verifyPil(pil, t.trace, [out])).toEqual([]);

    // a[17] feeds a' at row 16 (a[17] = b[16]) and a at row 17 (b[18] = a[17] + b[17]).
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[17]! += 1;
    const rb = checkTrace(pil, bad, { publics: [out] });
    expect(rb.ok).toBe(false);
    expect(brief(rb.failures)).toEqual([['identity', 0, 16, LINE_A], ['identity', 1, 17, LINE_B]]);
    expect(rb.failures[0]!.fileName).toBe('(string)');
    expect(rb.failures.find((f) => f.index === 0)!.message).toBe(`(string):${LINE_A}: identity does not hold at row 16 (value 1)`);
    // b' - (a + b) at row 17 is b[18] - a[17] - b[17]: one less than before.
    expect(rb.failures.find((f) => f.index === 1)!.message).toContain('(value -1)');
    const vb = await verifyPil(pil, bad, [out]);
    expect(vb.length).toBe(2);
    expect(vb.some((m) => m.includes(`:${LINE_A}:`) && m.includes('w=16'))).toBe(true);
    expect(vb.some((m) => m.includes(`:${LINE_B}:`) && m.includes('w=17'))).toBe(true);
  });

  it('accepts and rejects with raw field elements (values past 2^53, BigUint64Array columns)', async () => {
    const { pil, t, out } = await fib(256, true);
    expect(out > 2n ** 53n).toBe(true);
    expect(checkTrace(pil, t.trace, { publics: [out] }).failures).toEqual([]);
    expect(await verifyPil(pil, t.trace, [out])).toEqual([]);

    const bad = cloneTrace(t.trace);
    const b = bad.cm[1] as BigUint64Array;
    b[200] = (b[200]! + 1n) % P;
    // b[200] is checked as b' at row 199 and as b (= a[201]) at row 200.
    const rb = checkTrace(pil, bad, { publics: [out] });
    expect(brief(rb.failures)).toEqual([['identity', 0, 200, LINE_A], ['identity', 1, 199, LINE_B]]);
    expect((await verifyPil(pil, bad, [out])).length).toBe(2);
  });

  it('checks given publics against their cells and uses them in expressions', async () => {
    const { pil, t, out } = await fib(32, false);
    // Without publics, the cell's own value is used: consistent by construction.
    expect(checkTrace(pil, t.trace).ok).toBe(true);
    const wrong = out + 1n;
    const r = checkTrace(pil, t.trace, { publics: [wrong] });
    expect(brief(r.failures)).toEqual([['public', 0, 31, 0], ['identity', 4, 31, LINE_OUT]]);
    expect(r.failures[0]!.message).toContain('Fib.b(31)');
    const v = await verifyPil(pil, t.trace, [wrong]);
    expect(v.length).toBe(1);
    expect(v[0]).toContain(`:${LINE_OUT}:`);
  });

  it('stops at maxFailures', async () => {
    const { pil, t, out } = await fib(32, false);
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array).fill(7);
    // a = 7 breaks a' = b, b' = a + b and L1·(a - 1); b and the public are untouched.
    expect(brief(checkTrace(pil, bad, { publics: [out] }).failures).map((f) => f[1])).toEqual([0, 1, 2]);
    const r = checkTrace(pil, bad, { publics: [out], maxFailures: 1 });
    expect(r.failures.length).toBe(1);
    // Row 0 is the first row where anything fails: L1 * (a - 1) with a = 7.
    expect(r.failures[0]!.row).toBe(0);
  });
});

describe('next row across the wrap', () => {
  const SRC = `
namespace Rot(%N);
pol commit d, e;
pol constant K;
d' = e;
e' - K' = e * K - d * 0 - K * e;
`;
  it('reads row 0 from row N-1', async () => {
    const N = 64;
    const pil = await compilePil(SRC, { N });
    const t = new TraceBuilder(pil, N);
    const d = t.c('Rot.d');
    const e = t.c('Rot.e');
    const K = t.k('Rot.K');
    for (let i = 0; i < N; i++) d[i] = (i * 37) % 101 - 50;
    for (let i = 0; i < N; i++) e[i] = d[(i + 1) % N]!;
    // second identity: e' = K', so K is e shifted back: K[i] = e[i].
    K.set(e);
    expect(checkTrace(pil, t.trace).ok).toBe(true);
    expect(await verifyPil(pil, t.trace)).toEqual([]);

    // d[0] is only read as d' at row N-1.
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[0] = 1000;
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['identity', 0, N - 1, lineOf(SRC, "d' = e")]]);
    const v = await verifyPil(pil, bad);
    expect(v.length).toBe(1);
    expect(v[0]).toContain(`w=${N - 1}`);

    // K[0] only appears as K' at row N-1 (and as K at row 0, where e*K - K*e cancels).
    const bad2 = cloneTrace(t.trace);
    (bad2.cst[0] as Float64Array)[0] += 3;
    const r2 = checkTrace(pil, bad2);
    expect(brief(r2.failures)).toEqual([['identity', 1, N - 1, lineOf(SRC, "e' - K'")]]);
    expect((await verifyPil(pil, bad2)).length).toBe(1);
  });
});

describe('many identities', () => {
  it('splits them into several generated loops and still names the right one', async () => {
    const n = 300;
    const decl = Array.from({ length: n }, (_, k) => `b${k}`).join(', ');
    const ids = Array.from({ length: n }, (_, k) => `b${k} * (1 - b${k}) = 0;`).join('\n');
    const src = `\nnamespace Bits(%N);\npol commit ${decl};\n${ids}\n`;
    const N = 32;
    const pil = await compilePil(src, { N });
    const t = new TraceBuilder(pil, N);
    for (let k = 0; k < n; k++) t.c(`Bits.b${k}`).set(Array.from({ length: N }, (_, i) => (i * k) % 2));
    expect(checkTrace(pil, t.trace).ok).toBe(true);
    const bad = cloneTrace(t.trace);
    (bad.cm[217] as Float64Array)[5] = 3;
    (bad.cm[9] as Float64Array)[30] = -1;
    const r = checkTrace(pil, bad);
    expect(r.failures.map((f) => [f.index, f.row, f.line])).toEqual([
      [9, 30, lineOf(src, 'b9 * (1 - b9)')],
      [217, 5, lineOf(src, 'b217 * (1 - b217)')],
    ]);
    expect((await verifyPil(pil, bad)).length).toBe(2);
  });
});
