// Dominator tree (Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm").

import type { BlockId, IrFunction } from '../ir.js';
import { predecessors, reversePostOrder } from './cfg.js';

export interface Dominators {
  /** immediate dominator of each reachable block (the entry's is itself); -1 if unreachable */
  idom: Int32Array;
  dominates(a: BlockId, b: BlockId): boolean;
}

export function dominators(fn: IrFunction): Dominators {
  const rpo = reversePostOrder(fn);
  const index = new Int32Array(fn.blocks.length).fill(-1);
  rpo.forEach((b, i) => { index[b] = i; });
  const preds = predecessors(fn);
  const idom = new Int32Array(fn.blocks.length).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (index[a]! > index[b]!) a = idom[a]!;
      while (index[b]! > index[a]!) b = idom[b]!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let d = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1) continue;
        d = d === -1 ? p : intersect(p, d);
      }
      if (d !== idom[b]) { idom[b] = d; changed = true; }
    }
  }
  return {
    idom,
    dominates(a, b) {
      if (idom[b] === -1) return false;
      for (let x = b; ; x = idom[x]!) {
        if (x === a) return true;
        if (x === 0) return false;
      }
    },
  };
}
