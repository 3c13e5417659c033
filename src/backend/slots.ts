// Frame slot packing: values that are never live at the same time share a word (greedy
// colouring of the interference graph in definition order). Fewer words per frame means deeper
// recursion fits the machine's stack, and nothing else changes: every access is SP-relative.
//
// Interference: a value defined while another is live, and a block parameter with everything
// live at the end of each predecessor (the edge copy writes the parameter's slot there).

import { instArgs, instResults, successors, termArgs, type IrFunction, type ValueId } from '../ir/ir.js';
import type { Liveness } from '../ir/analysis/liveness.js';

export interface Packing {
  /** new slot per value */
  slotOf: Map<ValueId, number>;
  size: number;
}

/**
 * `slotted`: values that got a slot while lowering, with the slot. `reserved`: slots that stay
 * where they are (parameters, RR); values placed in them are not moved.
 */
export function packSlots(fn: IrFunction, live: Liveness, slotted: Map<ValueId, number>, reserved: number): Packing {
  const movable = new Set([...slotted].filter(([, k]) => k >= reserved).map(([v]) => v));
  const neighbours = new Map<ValueId, Set<ValueId>>();
  const link = (a: ValueId, b: ValueId) => {
    if (a === b || !slotted.has(a) || !slotted.has(b)) return;
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  };
  for (const b of fn.blocks) {
    const liveNow = new Set(live.liveOut[b.id]);
    for (const a of termArgs(b.term)) liveNow.add(a);
    // parameters of successors are written at the end of this block
    const written = successors(b.term).flatMap((r) => fn.blocks[r.block]!.params);
    for (const p of written) for (const v of [...liveNow, ...written]) link(p, v);
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const ins = b.insts[k]!;
      const defs = instResults(ins);
      for (const d of defs) {
        liveNow.delete(d);
        if (slotted.has(d)) for (const v of liveNow) link(d, v);
      }
      for (const d of defs) for (const e of defs) link(d, e);
      for (const a of instArgs(ins)) liveNow.add(a);
    }
    for (const p of b.params) for (const v of [...liveNow, ...b.params]) link(p, v);
  }
  const slotOfNew = new Map<ValueId, number>();
  for (const [v, k] of slotted) if (!movable.has(v)) slotOfNew.set(v, k);
  let size = reserved;
  const order = [...movable].sort((a, b) => slotted.get(a)! - slotted.get(b)!);
  for (const v of order) {
    const taken = new Set<number>();
    for (const n of neighbours.get(v) ?? []) {
      const k = slotOfNew.get(n);
      if (k !== undefined) taken.add(k);
    }
    let k = reserved;
    while (taken.has(k)) k++;
    slotOfNew.set(v, k);
    size = Math.max(size, k + 1);
  }
  return { slotOf: slotOfNew, size };
}
