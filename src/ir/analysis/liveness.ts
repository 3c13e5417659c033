// Which values are live at block entry and exit (backward dataflow). Block parameters are
// defined at their block's start; edge arguments are uses at the end of the source block.

import { instArgs, instResults, successors, termArgs, type IrFunction, type ValueId } from '../ir.js';
import { reversePostOrder } from './cfg.js';

export interface Liveness {
  liveIn: Set<ValueId>[];
  liveOut: Set<ValueId>[];
}

export function liveness(fn: IrFunction): Liveness {
  const n = fn.blocks.length;
  const uses: Set<ValueId>[] = [];
  const defs: Set<ValueId>[] = [];
  for (const b of fn.blocks) {
    const u = new Set<ValueId>();
    const d = new Set<ValueId>(b.params);
    for (const i of b.insts) {
      for (const a of instArgs(i)) if (!d.has(a)) u.add(a);
      for (const r of instResults(i)) d.add(r);
    }
    for (const a of termArgs(b.term)) if (!d.has(a)) u.add(a);
    uses.push(u);
    defs.push(d);
  }
  const liveIn = Array.from({ length: n }, (_, i) => new Set(uses[i]));
  const liveOut = Array.from({ length: n }, () => new Set<ValueId>());
  const order = reversePostOrder(fn).reverse();
  let changed = true;
  while (changed) {
    changed = false;
    for (const bi of order) {
      const out = liveOut[bi]!;
      for (const s of successors(fn.blocks[bi]!.term)) {
        for (const v of liveIn[s.block]!) if (!out.has(v)) { out.add(v); changed = true; }
      }
      const inn = liveIn[bi]!;
      for (const v of out) if (!defs[bi]!.has(v) && !inn.has(v)) { inn.add(v); changed = true; }
    }
  }
  return { liveIn, liveOut };
}
