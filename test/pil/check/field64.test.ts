// The 64-bit evaluator (wide.ts, wide-ops.ts) against the exact (BigInt) evaluator on random
// expression trees over random columns of full field elements with the edges mixed in, the
// columns' 32-bit halves and keys, and whole checks routed through it (identities and a
// permutation over 64-bit columns) against pilcom's verifyPil.

import { describe, expect, it } from 'vitest';
import { exactEvaluator, type CodegenEnv } from '../../../src/pil/check/codegen.js';
import { halves, prepareColumn, type Col } from '../../../src/pil/check/columns.js';
import { fieldToKey } from '../../../src/pil/check/field.js';
import { checkTrace, type PilExpr } from '../../../src/pil/check/index.js';
import { WideBuilder } from '../../../src/pil/check/wide.js';
import { FieldOps } from '../../../src/pil/check/wide-ops.js';
import { FuncBody, I64, ModuleBuilder } from '../../../src/pil/stark/wasm-emit.js';
import { cloneTrace, compilePil, lineOf, P, TraceBuilder, verifyPil } from './helpers.js';

let seed = 0x9e3779b97f4a7c15n;
function rand64(): bigint {
  seed ^= seed << 13n; seed &= (1n << 64n) - 1n;
  seed ^= seed >> 7n;
  seed ^= seed << 17n; seed &= (1n << 64n) - 1n;
  return seed;
}
const randInt = (n: number): number => Number(rand64() % BigInt(n));

/** Raw 64-bit cells: the edges (including the non-canonical p … 2^64 − 1), or anything. */
const EDGES = [0n, 1n, 2n, P - 1n, P - 2n, P, P + 1n, 2n ** 64n - 1n, 2n ** 32n, 2n ** 32n - 1n, 2n ** 32n + 1n,
  2n ** 63n, 2n ** 63n - 1n, 2n ** 53n, 2n ** 53n + 1n, P - 2n ** 53n, P - 2n ** 53n - 1n, 0xffffffffn << 32n];
function randCell(): bigint {
  const pick = randInt(4);
  if (pick === 0) return EDGES[randInt(EDGES.length)]!;
  if (pick === 1) return rand64() & 0xffffn; // small: has a key
  return rand64();
}
/** Double cells are keys: integers of magnitude ≤ 2^53, negatives meaning p − |x|. */
function randKey(): number {
  const edges = [0, 1, -1, 2 ** 53, -(2 ** 53), 2 ** 32, -(2 ** 32), 2 ** 32 - 1, 2 ** 53 - 1];
  const pick = randInt(3);
  if (pick === 0) return edges[randInt(edges.length)]!;
  const x = Number(rand64() % 2n ** 53n);
  return pick === 1 ? x : -x;
}

const mod = (x: bigint) => ((x % P) + P) % P;

describe('64-bit columns', () => {
  it('prepareColumn reads raw cells through 32-bit halves: keys and canonical halves as BigInt gives them', () => {
    const N = 256;
    const raw = BigUint64Array.from({ length: N }, (_, i) => (i < EDGES.length ? EDGES[i]! : randCell()));
    const c = prepareColumn(raw, N, 'x');
    const u = halves(c);
    for (let i = 0; i < N; i++) {
      const e = mod(raw[i]!);
      expect(Object.is(c.f[i], fieldToKey(e)) || (c.f[i] !== c.f[i] && fieldToKey(e) !== fieldToKey(e))).toBe(true);
      expect((BigInt(u[2 * i + 1]!) << 32n) | BigInt(u[2 * i]!)).toBe(e);
    }
    expect(raw[EDGES.indexOf(P)]).toBe(P); // the caller's array is left alone
    const keys = Float64Array.from({ length: N }, randKey);
    const k = prepareColumn(keys, N, 'k');
    const v = halves(k);
    for (let i = 0; i < N; i++) {
      const e = keys[i]! >= 0 ? BigInt(keys[i]!) : P + BigInt(keys[i]!);
      expect((BigInt(v[2 * i + 1]!) << 32n) | BigInt(v[2 * i]!)).toBe(e);
    }
  });
});

describe('the inline field operations', () => {
  /** A module exporting add, sub, mul (i64, i64) → i64 and lin (x, y, z) → w0·x + w1·y + w2·z. */
  function ops(weights: [number, number, number]) {
    const m = new ModuleBuilder();
    for (const name of ['add', 'sub', 'mul'] as const) {
      const f = new FuncBody([I64, I64], [I64]);
      const out = f.local(I64);
      new FieldOps(f)[name]({ local: 0 }, { local: 1 }, out);
      f.get(out);
      m.add(f, name);
    }
    const f = new FuncBody([I64, I64, I64], [I64]);
    const out = f.local(I64);
    new FieldOps(f).lin(weights.map((w, k) => ({ local: k, w })), out);
    f.get(out);
    m.add(f, 'lin');
    const inst = new WebAssembly.Instance(new WebAssembly.Module(m.bytes()), { env: { mem: new WebAssembly.Memory({ initial: 1 }) } });
    const u = (x: bigint) => BigInt.asUintN(64, x);
    const e = inst.exports as Record<string, (...a: bigint[]) => bigint>;
    return {
      add: (a: bigint, b: bigint) => u(e.add!(a, b)),
      sub: (a: bigint, b: bigint) => u(e.sub!(a, b)),
      mul: (a: bigint, b: bigint) => u(e.mul!(a, b)),
      lin: (x: bigint, y: bigint, z: bigint) => u(e.lin!(x, y, z)),
    };
  }
  const canon = [...new Set(EDGES.map(mod)), 2n ** 63n + 2n ** 31n, P - 2n ** 32n - 1n];
  const pairs = (): [bigint, bigint][] => [
    ...canon.flatMap((a) => canon.map((b): [bigint, bigint] => [a, b])),
    ...Array.from({ length: 3000 }, (): [bigint, bigint] => [mod(randCell()), mod(randCell())]),
  ];

  it('add, sub, mul equal BigInt on every pair of edges and on random elements', () => {
    const f = ops([1, 1, 1]);
    for (const [a, b] of pairs()) {
      expect(f.add(a, b)).toBe(mod(a + b));
      expect(f.sub(a, b)).toBe(mod(a - b));
      expect(f.mul(a, b)).toBe(mod(a * b));
    }
  });

  it('small-weight sums equal BigInt, up to a total weight of 2^31 − 1', () => {
    for (const w of [[1, 1, 1], [3, 7, 65535], [2 ** 30, 2 ** 30 - 1, 0], [2 ** 31 - 3, 1, 1], [1, 2 ** 29, 2 ** 30]] as [number, number, number][]) {
      const f = ops(w);
      for (const [a, b] of pairs()) {
        for (const c of [a, P - 1n, 0n]) {
          expect(f.lin(a, b, c)).toBe(mod(BigInt(w[0]) * a + BigInt(w[1]) * b + BigInt(w[2]) * c));
        }
      }
    }
  });
});

/** A random pilJson-shaped expression list: leaves are columns (some primed), constants and
 *  publics; inner nodes every op the checker understands; some nodes are shared intermediates. */
function randomExprs(nCols: number, count: number): PilExpr[] {
  const exprs: PilExpr[] = [];
  const leaf = (): PilExpr => {
    const pick = randInt(6);
    if (pick <= 2) return { op: 'cm', id: randInt(nCols), next: randInt(3) === 0 };
    if (pick === 3) return { op: 'const', id: randInt(2), next: randInt(4) === 0 };
    if (pick === 4) return { op: 'public', id: randInt(2) };
    const c = [0n, 1n, 5n, P - 1n, P, 2n ** 64n, 2n ** 63n, 2n ** 32n, 2n ** 30n, 12345n, rand64()][randInt(11)]!;
    return { op: 'number', value: c.toString() };
  };
  const tree = (depth: number): PilExpr => {
    if (depth === 0 || randInt(5) === 0) {
      if (exprs.length > 0 && randInt(4) === 0) return { op: 'exp', id: randInt(exprs.length), next: randInt(5) === 0 };
      return leaf();
    }
    const c = () => tree(depth - 1);
    // small multipliers (the MDS rows' kind, summed lazily), their bound 2^31, and big ones
    const k = () => [1n, 3n, 7n, 2n ** 30n, 2n ** 31n - 1n, 2n ** 31n, P - 3n, 2n ** 40n, rand64()][randInt(9)]!.toString();
    const small = (): PilExpr => ({ op: 'mulc', const: k(), values: [c()] });
    switch (randInt(11)) {
      case 9: return { op: 'add', values: [small(), { op: 'add', values: [small(), small()] }] };
      case 10: return { op: 'sub', values: [small(), { op: 'mul', values: [{ op: 'number', value: '65535' }, c()] }] };
      case 0: return { op: 'add', values: [c(), c()] };
      case 1: return { op: 'sub', values: [c(), c()] };
      case 2: case 3: return { op: 'mul', values: [c(), c()] };
      case 4: return { op: 'neg', values: [c()] };
      case 5: return { op: 'addc', const: k(), values: [c()] };
      case 6: return { op: 'mulc', const: k(), values: [c()] };
      case 7: return { op: 'muladd', values: [c(), c(), c()] };
      default: return { op: 'mul', values: [{ op: 'add', values: [c(), c()] }, c()] };
    }
  };
  for (let i = 0; i < count; i++) exprs.push(tree(4));
  return exprs;
}

describe('the 64-bit evaluator', () => {
  const N = 64;

  /** Columns 0 … n−1: raw 64-bit (most) or keys; column n holds a target value to compare with. */
  function env(exprs: PilExpr[], cm: Col[], cst: Col[]): CodegenEnv {
    const pubs = [P - 1n, 2n ** 32n];
    return {
      expressions: exprs,
      col: (kind, id) => (kind === 'cm' ? cm : cst)[id]!,
      publicKey: (id) => fieldToKey(pubs[id]!),
      publicExact: (id) => pubs[id]!,
    };
  }

  it('equals the exact evaluator on every row of random trees over random 64-bit columns', () => {
    const nCols = 6;
    for (let round = 0; round < 6; round++) {
      const cm: Col[] = Array.from({ length: nCols }, (_, k) => (k < 4
        ? prepareColumn(BigUint64Array.from({ length: N }, randCell), N, `c${k}`)
        : prepareColumn(Float64Array.from({ length: N }, randKey), N, `c${k}`)));
      const cst: Col[] = Array.from({ length: 2 }, (_, k) => prepareColumn(BigUint64Array.from({ length: N }, randCell), N, `k${k}`));
      const exprs = randomExprs(nCols, 40);
      // per tree: the exact values go into a column V, and `tree − V` must vanish on every row,
      // except where V is deliberately off by one
      const e = env(exprs, cm, cst);
      const trees = exprs.length;
      const off = new Map<number, number[]>();
      const exacts = Array.from({ length: trees }, (_, t) => exactEvaluator(e, t, N));
      const targets: BigUint64Array[] = [];
      for (let t = 0; t < trees; t++) {
        const exact = exacts[t]!;
        const v = BigUint64Array.from({ length: N }, (_, r) => exact(r));
        targets.push(v);
        const rows = [randInt(N), randInt(N)];
        off.set(t, [...new Set(rows)].sort((a, b) => a - b));
        for (const r of rows) v[r] = mod(v[r]! + 1n);
        cm.push(prepareColumn(v, N, `v${t}`));
        exprs.push({ op: 'sub', values: [{ op: 'exp', id: t }, { op: 'cm', id: cm.length - 1 }] });
      }
      const b = new WideBuilder(e, N);
      for (let t = 0; t < trees; t++) b.addCheck(trees + t);
      const loop = b.build(round % 2 === 0 ? 16 : undefined); // windows of 16 rows: reads cross their edges
      const seen = new Map<number, number[]>();
      loop.check((row) => {
        // every check that is nonzero here, found exactly (the loop reports rows, not checks)
        for (let t = 0; t < trees; t++) if (exacts[t]!(row) !== targets[t]![row]) seen.set(t, [...(seen.get(t) ?? []), row]);
        return false;
      });
      for (let t = 0; t < trees; t++) expect(seen.get(t), `round ${round} tree ${t}`).toEqual(off.get(t));
    }
  });

  it('reports a dead check no more, and stops when told', () => {
    const exprs: PilExpr[] = [{ op: 'cm', id: 0 }, { op: 'cm', id: 1 }];
    const c0 = prepareColumn(BigUint64Array.from({ length: N }, (_, r) => (r % 3 === 0 ? P : 2n ** 63n)), N, 'a');
    const c1 = prepareColumn(BigUint64Array.from({ length: N }, (_, r) => (r === 40 ? 1n : 0n)), N, 'b');
    const b = new WideBuilder(env(exprs, [c0, c1], []), N);
    b.addCheck(0);
    b.addCheck(1);
    const loop = b.build();
    const rows: number[] = [];
    loop.check((row) => {
      rows.push(row);
      if (row === 1) loop.kill(0); // c0 is nonzero from row 1 on
      return row === 40;
    });
    expect(rows).toEqual([1, 40]); // row 2: c0 ≠ 0, but dead
  });
});

describe('checks over 64-bit columns', () => {
  const SRC = `
namespace Main(%N);
pol constant K;
pol commit a, b, c, s, t1, t2, u1, u2;
pol ab = a * b;
c = ab * a + K;
s * (1 - s) = 0;
b' = a + 18446744069414584320 * c;
s {t1, t2} is s {u1, u2};
`;
  const N = 512;

  it('accepts an honest trace and rejects tampered cells as verifyPil does', async () => {
    const pil = await compilePil(SRC, { N });
    const t = new TraceBuilder(pil, N);
    // a = 0 on row 0 breaks the chain's dependence on b[0], so b' = a − c can close the wrap
    const a = Array.from({ length: N }, (_, i) => (i === 0 ? 0n : mod(randCell())));
    const K = Array.from({ length: N }, () => mod(randCell()));
    const b = new Array<bigint>(N).fill(0n);
    const c = new Array<bigint>(N).fill(0n);
    for (let i = 0; i < N; i++) {
      c[i] = mod(b[i]! * a[i]! * a[i]! + K[i]!);
      b[(i + 1) % N] = mod(a[i]! - c[i]!);
    }
    expect(mod(b[0]! * a[0]! * a[0]! + K[0]!)).toBe(c[0]!);
    t.setBig('cmP', 'Main.a', a);
    t.setBig('cmP', 'Main.b', b);
    t.setBig('cmP', 'Main.c', c);
    t.setBig('constP', 'Main.K', K);
    // the permutation: raw elements, some written non-canonically (x + p) on one side
    const s = t.c('Main.s');
    const t1: bigint[] = [];
    const t2: bigint[] = [];
    const u1 = new Array<bigint>(N).fill(0n);
    const u2 = new Array<bigint>(N).fill(0n);
    for (let i = 0; i < N; i++) {
      s[i] = i % 2;
      t1.push(randCell());
      t2.push(EDGES[i % EDGES.length]!);
    }
    for (let i = 1; i < N; i += 2) {
      const j = (i * 5 + 14) % N; // odd again: a bijection of the odd rows
      const v1 = mod(t1[i]!);
      u1[j] = v1 + P < 2n ** 64n && (i & 2) ? v1 + P : v1;
      u2[j] = mod(t2[i]!);
    }
    t.setBig('cmP', 'Main.t1', t1);
    t.setBig('cmP', 'Main.t2', t2);
    t.setBig('cmP', 'Main.u1', u1);
    t.setBig('cmP', 'Main.u2', u2);
    const honestTrace = t.trace;
    const r = checkTrace(pil, honestTrace);
    expect(r.failures).toEqual([]);
    expect(await verifyPil(pil, honestTrace)).toEqual([]);

    const tamper = (name: string, row: number, v: bigint) => {
      const tr = cloneTrace(honestTrace);
      const col = tr.cm[pil.references[name]!.id] as BigUint64Array;
      col[row] = v;
      return tr;
    };
    const cases: [string, number, bigint, string][] = [
      ['Main.c', 100, mod(c[100]! + 1n), 'c = ab * a + K'],
      ['Main.c', 100, mod(c[100]!) + P < 2n ** 64n ? mod(c[100]!) + P : mod(c[100]!) + 1n, ''],
      ['Main.b', 0, mod(b[0]! - 1n), "b' = a + "], // row 0's c ignores b (a = 0 there)
      ['Main.b', 5, mod(b[5]! + P - 1n), 'c = ab * a + K'],
      ['Main.u2', 19, mod(t2[1]!) ^ 1n, 's {t1, t2} is s {u1, u2}'], // row 19 holds row 1's pair
    ];
    for (const [name, row, v, needle] of cases) {
      const tr = tamper(name, row, v);
      const ours = checkTrace(pil, tr);
      const theirs = await verifyPil(pil, tr);
      expect(ours.ok, `${name}[${row}]`).toBe(theirs.length === 0);
      if (needle) expect(ours.failures.map((f) => f.line)).toContain(lineOf(SRC, needle));
    }
  });
});
