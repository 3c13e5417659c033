// Lookups into a repeated byte table with selectors on both sides, a computed operand, a primed
// operand read across the wrap; permutations with selectors, multiplicities and mixed encodings
// (-1 as a double, p - 1 as a raw element).

import { describe, expect, it } from 'vitest';
import { checkTrace, type CheckFailure, type Trace } from '../../../src/pil/check/index.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

const SRC = `
namespace Global(%N);
pol constant BYTE, BYTE3, TSEL;
namespace Main(%N);
pol commit sel, x, y, m, psel, p1, p2, qsel, q1, q2, r, rr;
sel * (1 - sel) = 0;
sel {x, y} in Global.TSEL {Global.BYTE, Global.BYTE3};
{sel * x + (1 - sel) * 7} in {Global.BYTE};
{m'} in {Global.BYTE};
psel {p1, p2} is qsel {q1, q2};
{r} is {rr};
`;
const N = 1024;
const Q = N / 4;

async function honest() {
  const pil = await compilePil(SRC, { N });
  const t = new TraceBuilder(pil, N);
  // Table: (b, 3b mod 256) on the selected first half, twice over; (b, b + 1) unselected after.
  const BYTE = t.k('Global.BYTE');
  const BYTE3 = t.k('Global.BYTE3');
  const TSEL = t.k('Global.TSEL');
  for (let i = 0; i < N; i++) {
    BYTE[i] = i % 256;
    TSEL[i] = i < N / 2 ? 1 : 0;
    BYTE3[i] = i < N / 2 ? (3 * (i % 256)) % 256 : ((i % 256) + 1) % 256;
  }
  const sel = t.c('Main.sel');
  const x = t.c('Main.x');
  const y = t.c('Main.y');
  for (let i = 0; i < N; i++) {
    if (i % 3 === 0) {
      sel[i] = 1;
      x[i] = (i * 7) % 256;
      y[i] = (3 * x[i]!) % 256;
    } else {
      x[i] = 1000 + i; // garbage, unselected
      y[i] = -5;
    }
  }
  const m = t.c('Main.m');
  for (let i = 0; i < N; i++) m[i] = (i * 11) % 256;
  // Permutation: left rows 4k, right rows 4k + 1 holding left pair (5k + 3) mod Q, a bijection.
  const [psel, p1, p2, qsel, q1, q2] = ['psel', 'p1', 'p2', 'qsel', 'q1', 'q2'].map((n) => t.c(`Main.${n}`)) as Float64Array[];
  for (let k = 0; k < Q; k++) {
    psel![4 * k] = 1;
    p1![4 * k] = 4 * k;
    p2![4 * k] = -4 * k;
    const src = 4 * ((5 * k + 3) % Q);
    qsel![4 * k + 1] = 1;
    q1![4 * k + 1] = src;
    q2![4 * k + 1] = -src;
  }
  for (let i = 0; i < N; i++) if (i % 4 === 2) { p1![i] = 9999; q1![i] = 8888; }
  // {r} is {rr}: r as doubles, rr the same elements reversed, as raw field elements.
  const r = t.c('Main.r');
  for (let i = 0; i < N; i++) r[i] = i % 5 === 0 ? -1 : i % 7 === 0 ? 2 ** 53 : i - 300;
  t.setBig('cmP', 'Main.rr', Array.from(r, (_, i) => {
    const v = r[N - 1 - i]!;
    return v < 0 ? P + BigInt(v) : BigInt(v);
  }));
  return { pil, t };
}

function brief(f: CheckFailure[]): [string, number, number, number][] {
  return f.map((x) => [x.kind, x.index, x.row, x.line] as [string, number, number, number]);
}

async function verifyRejects(pil: Awaited<ReturnType<typeof honest>>['pil'], bad: Trace, lines: number[]) {
  const v = await verifyPil(pil, bad);
  expect(v.length).toBe(lines.length);
  for (const l of lines) expect(v.some((m) => m.includes(`:${l}:`))).toBe(true);
}

const L_BOOL = lineOf(SRC, 'sel * (1 - sel)');
const L_LK = lineOf(SRC, 'sel {x, y} in');
const L_LK2 = lineOf(SRC, '(1 - sel) * 7');
const L_LK3 = lineOf(SRC, "{m'} in");
const L_PERM = lineOf(SRC, 'psel {p1, p2} is');
const L_PERM2 = lineOf(SRC, '{r} is {rr}');

describe('plookup', () => {
  it('accepts the honest trace, like verifyPil', async () => {
    const { pil, t } = await honest();
    expect(checkTrace(pil, t.trace).failures).toEqual([]);
    expect(await verifyPil(pil, t.trace)).toEqual([]);
  });

  it('does not find a tuple that is only in unselected table rows', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    const x300 = (300 * 7) % 256;
    (bad.cm[2] as Float64Array)[300] = (x300 + 1) % 256; // (x, x + 1): only where TSEL = 0
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['plookup', 0, 300, L_LK]]);
    expect(r.failures[0]!.message).toBe(`(string):${L_LK}: plookup: tuple (${x300}, ${x300 + 1}) at row 300 is not in the table`);
    await verifyRejects(pil, bad, [L_LK]);
  });

  it('checks garbage once its row is selected', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[301] = 1; // x[301] = 1301
    expect(brief(checkTrace(pil, bad).failures)).toEqual([
      ['plookup', 0, 301, L_LK], ['plookup', 1, 301, L_LK2],
    ]);
    await verifyRejects(pil, bad, [L_LK, L_LK2]);
  });

  it('rejects a selector that is not 0 or 1', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[0] as Float64Array)[303] = 2; // 2·x - 7 = 139 is still a byte
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['identity', 0, 303, L_BOOL], ['plookup', 0, 303, L_LK]]);
    expect(r.failures[1]!.message).toContain('selector of the left side at row 303 is 2, not 0 or 1');
    await verifyRejects(pil, bad, [L_BOOL, L_LK]);
  });

  it('reads a primed operand across the wrap', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[3] as Float64Array)[0] = 256;
    expect(brief(checkTrace(pil, bad).failures)).toEqual([['plookup', 2, N - 1, L_LK3]]);
    await verifyRejects(pil, bad, [L_LK3]);
  });

  it('needs only one copy of a repeated table row', async () => {
    const { pil, t } = await honest();
    const one = cloneTrace(t.trace);
    (one.cst[1] as Float64Array)[5] = 200; // row 261 still has (5, 15)
    expect(checkTrace(pil, one).ok).toBe(true);
    expect(await verifyPil(pil, one)).toEqual([]);
    (one.cst[1] as Float64Array)[261] = 200;
    let first = -1;
    for (let i = 0; i < N && first < 0; i++) if (i % 3 === 0 && (i * 7) % 256 === 5) first = i;
    expect(brief(checkTrace(pil, one).failures)).toEqual([['plookup', 0, first, L_LK]]);
    await verifyRejects(pil, one, [L_LK]);
  });
});

describe('permutation', () => {
  it('rejects a changed tuple on the left', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[5] as Float64Array)[8] += 1;
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['permutation', 0, 8, L_PERM]]);
    expect(r.failures[0]!.message).toContain('tuple (9, -8) at row 8 is not on the right side');
    await verifyRejects(pil, bad, [L_PERM]);
  });

  it('counts multiplicities', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[5] as Float64Array)[8] = 4;
    (bad.cm[6] as Float64Array)[8] = -4;
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['permutation', 0, 8, L_PERM]]);
    expect(r.failures[0]!.message).toContain('occurs more often on the left side');
    await verifyRejects(pil, bad, [L_PERM]);
  });

  it('rejects an extra tuple on the right', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[7] as Float64Array)[2] = 1; // q row 2: (8888, 0)
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['permutation', 0, 2, L_PERM]]);
    expect(r.failures[0]!.message).toContain('(8888, 0) at row 2 of the right side is not matched');
    await verifyRejects(pil, bad, [L_PERM]);
  });

  it('rejects a selector that is not 0 or 1', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[4] as Float64Array)[12] = -1;
    const r = checkTrace(pil, bad);
    expect(brief(r.failures)).toEqual([['permutation', 0, 12, L_PERM]]);
    expect(r.failures[0]!.message).toContain('selector of the left side at row 12 is -1');
    await verifyRejects(pil, bad, [L_PERM]);
  });

  it('matches -1 with p - 1 and 2^53 with 2^53, and rejects p - 2', async () => {
    const { pil, t } = await honest();
    const bad = cloneTrace(t.trace);
    (bad.cm[11] as BigUint64Array)[N - 1] = P - 2n; // mirror of r[0] = -1
    const r = checkTrace(pil, bad);
    // -1 is on every 5th row; with one copy fewer on the right, the last one (row 1020) is short.
    expect(brief(r.failures)).toEqual([['permutation', 1, 1020, L_PERM2]]);
    expect(r.failures[0]!.message).toContain('tuple (-1) at row 1020 occurs more often on the left side');
    await verifyRejects(pil, bad, [L_PERM2]);
  });
});
