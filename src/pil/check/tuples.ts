// Lookups (`in`) and permutations (`is`) over tuples of key columns. The right side goes into an
// open-addressing hash table of row indexes (hash over the keys, exact comparison on a hash
// match, equal tuples share one slot with a count), then every selected left row probes it. No
// strings, and no BigInt unless a computed cell's element has no key (raw 64-bit cells are read
// as their canonical 32-bit halves).

import { exactCell, type Col } from './columns.js';
import type { Context } from './context.js';
import { showField } from './field.js';
import type { PilTupleIdentity } from './types.js';

const TWO32 = 4294967296;

function hashRow(cols: Col[], r: number): number {
  let h = 0x2545f491;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k]!;
    const x = c.f[r]!;
    let lo: number;
    let hi: number;
    if (x === x) {
      // ToInt32 is exact modular reduction for any integer double; -0 hashes as 0.
      lo = x | 0;
      hi = (x / TWO32) | 0;
    } else if (c.u32) {
      // a raw 64-bit cell: its canonical halves, as the BigInt branch would compute them
      lo = c.u32[2 * r]! | 0;
      hi = c.u32[2 * r + 1]! | 0;
    } else {
      const e = exactCell(c, r);
      lo = Number(e & 0xffffffffn) | 0;
      hi = Number(e >> 32n) | 0;
    }
    h = Math.imul(h ^ lo, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ hi, 0x85ebca77);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  return h ^ (h >>> 16);
}

/** Keys are unique per element, so equal keys mean equal elements, and a key never equals a
 *  NaN (an element without a key); two NaNs are compared exactly. */
function sameTuple(a: Col[], ra: number, b: Col[], rb: number): boolean {
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!.f[ra]!;
    const y = b[k]!.f[rb]!;
    if (x === y) continue;
    if (x !== x && y !== y && sameElement(a[k]!, ra, b[k]!, rb)) continue;
    return false;
  }
  return true;
}

function sameElement(a: Col, ra: number, b: Col, rb: number): boolean {
  const u = a.u32;
  const v = b.u32;
  if (u && v) return u[2 * ra] === v[2 * rb] && u[2 * ra + 1] === v[2 * rb + 1];
  return exactCell(a, ra) === exactCell(b, rb);
}

/** Slot layout: [row (-1 = empty), hash, count, unused] in one Int32Array, so a probe touches
 *  one cache line (separate arrays cost a miss each on tables of millions of rows). */
const ROW = 0;
const HASH = 1;
const COUNT = 2;
const STRIDE = 4;

class TupleTable {
  readonly slots: Int32Array;
  private readonly mask: number;

  /** `cols`: the right side's columns; at most `capacity` distinct tuples go in. */
  constructor(private readonly cols: Col[], capacity: number) {
    let cap = 16;
    while (cap < 2 * capacity) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
    for (let s = 0; s < this.slots.length; s += STRIDE) this.slots[s + ROW] = -1;
  }

  /** The slot (index of its first Int32) holding the tuple of `probe` at row r, or
   *  -1 - (the empty slot where it would go). */
  find(probe: Col[], r: number, h: number): number {
    const { slots, mask } = this;
    let i = h & mask;
    for (;;) {
      const s = i * STRIDE;
      const t = slots[s + ROW]!;
      if (t < 0) return -1 - s;
      if (slots[s + HASH] === h && sameTuple(probe, r, this.cols, t)) return s;
      i = (i + 1) & mask;
    }
  }

  /** Adds right-side row r (one more copy if its tuple is there already). */
  add(r: number): void {
    const h = hashRow(this.cols, r);
    let s = this.find(this.cols, r, h);
    if (s < 0) {
      s = -1 - s;
      this.slots[s + ROW] = r;
      this.slots[s + HASH] = h;
    }
    this.slots[s + COUNT]!++;
  }

  count(s: number): number {
    return this.slots[s + COUNT]!;
  }

  take(s: number): void {
    this.slots[s + COUNT]!--;
  }

  /** The right-side row of the earliest tuple with copies left, and how many. */
  firstLeftover(): { row: number; left: number } | null {
    const slots = this.slots;
    let best: { row: number; left: number } | null = null;
    for (let s = 0; s < slots.length; s += STRIDE) {
      const left = slots[s + COUNT]!;
      if (left > 0 && (best === null || slots[s + ROW]! < best.row)) best = { row: slots[s + ROW]!, left };
    }
    return best;
  }
}

function showTuple(cols: Col[], r: number): string {
  return `(${cols.map((c) => showField(exactCell(c, r))).join(', ')})`;
}

type Kind = 'plookup' | 'permutation';

interface Sides {
  pi: PilTupleIdentity;
  t: Col[];
  f: Col[];
  selT: Col | null;
  selF: Col | null;
}

function sides(ctx: Context, kind: Kind, index: number): Sides {
  const list = kind === 'plookup' ? ctx.pil.plookupIdentities : ctx.pil.permutationIdentities;
  const pi = list[index]!;
  if (pi.f.length !== pi.t.length) throw new Error(`pilJson: ${kind} ${index} has ${pi.f.length} vs ${pi.t.length} operands`);
  const ids = [...pi.t, ...pi.f];
  if (pi.selT !== null) ids.push(pi.selT);
  if (pi.selF !== null) ids.push(pi.selF);
  const cols = ctx.evalColumns(ids);
  const n = pi.t.length;
  let at = 2 * n;
  return {
    pi,
    t: cols.slice(0, n),
    f: cols.slice(n, 2 * n),
    selT: pi.selT !== null ? cols[at++]! : null,
    selF: pi.selF !== null ? cols[at++]! : null,
  };
}

/** Selector at row r: 0 or 1, or reports it (verifyPil keys tuples by the selector's value, so
 *  anything else would silently need an equal selector on the other side) and returns -1. */
function selector(ctx: Context, kind: Kind, index: number, s: Sides, side: 'left' | 'right', r: number): number {
  const sel = side === 'left' ? s.selF : s.selT;
  if (sel === null) return 1;
  const v = sel.f[r]!;
  if (v === 0 || v === 1) return v;
  ctx.report(kind, index, r, s.pi, `${kind}: selector of the ${side} side at row ${r} is ${showField(exactCell(sel, r))}, not 0 or 1`);
  return -1;
}

/** The selected tuples of the right side, or null when a selector is not 0/1 (reported). */
function rightSide(ctx: Context, kind: 'plookup' | 'permutation', index: number, s: ReturnType<typeof sides>): TupleTable | null {
  const table = new TupleTable(s.t, ctx.N);
  for (let r = 0; r < ctx.N; r++) {
    const on = selector(ctx, kind, index, s, 'right', r);
    if (on < 0) return null;
    if (on === 1) table.add(r);
  }
  return table;
}

export function checkPlookup(ctx: Context, index: number): void {
  const s = sides(ctx, 'plookup', index);
  const N = ctx.N;
  const table = rightSide(ctx, 'plookup', index, s);
  if (!table) return;
  for (let r = 0; r < N; r++) {
    const on = selector(ctx, 'plookup', index, s, 'left', r);
    if (on < 0) return;
    if (on === 0) continue;
    if (table.find(s.f, r, hashRow(s.f, r)) < 0) {
      ctx.report('plookup', index, r, s.pi, `plookup: tuple ${showTuple(s.f, r)} at row ${r} is not in the table`);
      return;
    }
  }
}

export function checkPermutation(ctx: Context, index: number): void {
  const s = sides(ctx, 'permutation', index);
  const N = ctx.N;
  const table = rightSide(ctx, 'permutation', index, s);
  if (!table) return;
  for (let r = 0; r < N; r++) {
    const on = selector(ctx, 'permutation', index, s, 'left', r);
    if (on < 0) return;
    if (on === 0) continue;
    const slot = table.find(s.f, r, hashRow(s.f, r));
    if (slot < 0 || table.count(slot) === 0) {
      const why = slot < 0 ? 'is not on the right side' : 'occurs more often on the left side than on the right';
      ctx.report('permutation', index, r, s.pi, `permutation: tuple ${showTuple(s.f, r)} at row ${r} ${why}`);
      return;
    }
    table.take(slot);
  }
  // Every left tuple was matched; a right tuple left over means the right side has more rows.
  const extra = table.firstLeftover();
  if (extra !== null) {
    ctx.report('permutation', index, extra.row, s.pi,
      `permutation: tuple ${showTuple(s.t, extra.row)} at row ${extra.row} of the right side is not matched on the left side (${extra.left} unmatched)`);
  }
}
