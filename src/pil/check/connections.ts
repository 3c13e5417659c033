// `{a, b, …} connect {S_0, S_1, …}` with pilcom's semantics (pil_verifier.js): cell (j, i) — pol j,
// row i — is labelled k^j·w^i, where w generates the N-th roots of unity and k is the field's coset
// shift (k^0 = 1). S_j[i] holds the label of the cell that (j, i) is wired to, and the two cells
// must hold equal values.

import { exactCell, type Col } from './columns.js';
import type { Context } from './context.js';
import { P, showField } from './field.js';

/** pilcom's F.k (ffjavascript's Goldilocks coset shift): labels of pol j are k^j·w^i. */
export const COSET_K = 12275445934081160404n;
/** A primitive 2^32-th root of unity; squaring it 32 - n times gives the 2^n-th root pilcom uses
 *  (getRoots in pilcom/src/utils.js). */
const ROOT_2_32 = 7277203076849721926n;

export function rootOfUnity(log2N: number): bigint {
  let w = ROOT_2_32;
  for (let i = 32; i > log2N; i--) w = (w * w) % P;
  return w;
}

/** Label → cell position j·N + i. Keys are the label's low 53 bits; the stored label is checked
 *  on every hit, and the (improbable) low-bit collisions go to an exact map. */
interface LabelIndex {
  N: number;
  nk: number;
  labels: BigUint64Array;
  byLow: Map<number, number>;
  overflow: Map<bigint, number>;
}

const LOW53 = (1n << 53n) - 1n;
let cached: LabelIndex | undefined;

function labelIndex(N: number, nk: number): LabelIndex {
  if (cached && cached.N === N && cached.nk >= nk) return cached;
  const w = rootOfUnity(Math.log2(N));
  const labels = new BigUint64Array(N * nk);
  const byLow = new Map<number, number>();
  const overflow = new Map<bigint, number>();
  let kj = 1n;
  for (let j = 0; j < nk; j++) {
    let a = kj;
    for (let i = 0; i < N; i++) {
      const pos = j * N + i;
      labels[pos] = a;
      const low = Number(a & LOW53);
      if (byLow.has(low)) overflow.set(a, pos);
      else byLow.set(low, pos);
      a = (a * w) % P;
    }
    kj = (kj * COSET_K) % P;
  }
  cached = { N, nk, labels, byLow, overflow };
  return cached;
}

function positionOf(L: LabelIndex, nk: number, s: bigint): number {
  const pos = L.byLow.get(Number(s & LOW53));
  const hit = pos !== undefined && L.labels[pos] === s ? pos : L.overflow.get(s);
  return hit !== undefined && hit < nk * L.N ? hit : -1;
}

function sameCell(a: Col, ra: number, b: Col, rb: number): boolean {
  const x = a.f[ra]!;
  const y = b.f[rb]!;
  if (x === y) return true;
  return x !== x && y !== y && exactCell(a, ra) === exactCell(b, rb);
}

export function checkConnection(ctx: Context, index: number): void {
  const ci = ctx.pil.connectionIdentities[index]!;
  const nk = ci.pols.length;
  if (ci.connections.length !== nk) throw new Error(`pilJson: connection ${index} has ${nk} pols but ${ci.connections.length} permutation columns`);
  const N = ctx.N;
  const pols = ctx.evalColumns(ci.pols);
  const S = ctx.evalColumns(ci.connections);
  const L = labelIndex(N, nk);
  for (let j = 0; j < nk; j++) {
    const pj = pols[j]!;
    const sj = S[j]!;
    for (let i = 0; i < N; i++) {
      const s = exactCell(sj, i);
      const pos = positionOf(L, nk, s);
      if (pos < 0) {
        ctx.report('connection', index, i, ci, `connection: S[${j}] at row ${i} holds ${s}, which labels no cell (k^m·w^n, m < ${nk})`);
        return;
      }
      const cp = Math.floor(pos / N);
      const cw = pos - cp * N;
      if (!sameCell(pj, i, pols[cp]!, cw)) {
        ctx.report('connection', index, i, ci,
          `connection does not hold: pol ${j} row ${i} (value ${showField(exactCell(pj, i))}) is wired to pol ${cp} row ${cw} (value ${showField(exactCell(pols[cp]!, cw))})`);
        return;
      }
    }
  }
}
