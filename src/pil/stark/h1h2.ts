// pil-stark's calculateH1H2 (plookup: the sorted union of f and t split into h1, h2) indexes t
// by property keys, i.e. String(value) for every BigInt, and sorts pairs: ~0.2 s plus garbage
// per lookup at 2^16 on the main thread. For base-field columns (all values BigInts) we build the
// same h1, h2 with a Map and a counting sort. The order is the one its stable sort gives: for
// each index k of t, t[k] and then, in their order, the f values whose last index in t is k.
// Anything else (extension values, t shorter than f, fast paths off) goes to the original.

import { fastPathsEnabled } from './fast-paths.js';

type F = { toString(a: unknown): unknown };
export type CalculateH1H2 = (F: F, f: unknown[], t: unknown[]) => [unknown[], unknown[]];

export function fastH1H2(original: CalculateH1H2): CalculateH1H2 {
  return function calculateH1H2(F, f, t) {
    if (!fastPathsEnabled() || t.length < f.length || !t.every((v) => typeof v === 'bigint') || !f.every((v) => typeof v === 'bigint')) {
      return original(F, f, t);
    }
    const index = new Map<unknown, number>();
    for (let i = 0; i < t.length; i++) index.set(t[i], i);
    const count = new Int32Array(t.length);
    const fIndex = new Int32Array(f.length);
    for (let j = 0; j < f.length; j++) {
      const k = index.get(f[j]);
      if (k === undefined) throw new Error(`Number not included: ${String(F.toString(f[j]))}`);
      fIndex[j] = k;
      count[k]!++;
    }
    // start of each index's group in the sorted sequence (its t value first)
    const start = new Int32Array(t.length);
    for (let k = 0, pos = 0; k < t.length; k++) { start[k] = pos; pos += 1 + count[k]!; }
    const sorted = new Array<unknown>(t.length + f.length);
    const next = new Int32Array(t.length);
    for (let k = 0; k < t.length; k++) { sorted[start[k]!] = t[k]; next[k] = start[k]! + 1; }
    for (let j = 0; j < f.length; j++) sorted[next[fIndex[j]!]!++] = f[j];
    const h1 = new Array<unknown>(f.length);
    const h2 = new Array<unknown>(f.length);
    for (let i = 0; i < f.length; i++) { h1[i] = sorted[2 * i]; h2[i] = sorted[2 * i + 1]; }
    return [h1, h2];
  };
}
