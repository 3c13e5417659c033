// The constant columns of the Poseidon namespace: row kinds, round constants, digest selectors.

import type { Column } from '../check/index.js';
import { digestRow, LINK_ROW, OUT_ROW, ROWS_PER_PERM, slotsOf, type PoseidonLayout } from './layout.js';
import { isFullRound, poseidonParams, ROUNDS, WIDTH } from './params.js';
import { digestSelector } from './pil.js';

export type NamedColumns = Map<string, Column>;

export function poseidonConstantColumns(layout: PoseidonLayout): NamedColumns {
  const N = layout.N;
  slotsOf(N);
  const cols: NamedColumns = new Map();
  const col = (name: string, f: (r: number, i: number) => number) => {
    const a = new Float64Array(N);
    for (let i = 0; i < N; i++) a[i] = f(i % ROWS_PER_PERM, i);
    cols.set(`Poseidon.${name}`, a);
  };
  col('FIRST', (r) => (r === 0 ? 1 : 0));
  col('FULL', (r) => (r < ROUNDS && isFullRound(r) ? 1 : 0));
  col('PART', (r) => (r < ROUNDS && !isFullRound(r) ? 1 : 0));
  col('OUT', (r) => (r === OUT_ROW ? 1 : 0));
  col('LINK', (r, i) => (r === LINK_ROW && i !== N - 1 ? 1 : 0));
  if (layout.singleHash) col('LASTSLOT', (_, i) => (i >= N - ROWS_PER_PERM ? 1 : 0));
  const { roundConstants } = poseidonParams();
  for (let lane = 0; lane < WIDTH; lane++) {
    const a = new BigUint64Array(N); // constants are full 64-bit elements: raw, not doubles
    for (let i = 0; i < N; i++) {
      const r = i % ROWS_PER_PERM;
      if (r < ROUNDS) a[i] = roundConstants[r]![lane]!;
    }
    cols.set(`Poseidon.C${lane}`, a);
  }
  for (const d of layout.digests) {
    const row = digestRow(d.slot);
    col(digestSelector(d.name), (_r, i) => (i === row ? 1 : 0));
  }
  return cols;
}

/** Global.L1 and Global.LLAST, for the standalone PIL. */
export function standaloneConstantColumns(layout: PoseidonLayout): NamedColumns {
  const N = layout.N;
  const cols = poseidonConstantColumns(layout);
  const l1 = new Float64Array(N);
  const llast = new Float64Array(N);
  l1[0] = 1;
  llast[N - 1] = 1;
  cols.set('Global.L1', l1);
  cols.set('Global.LLAST', llast);
  return cols;
}
