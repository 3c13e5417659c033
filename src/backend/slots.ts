// Frame slot packing, done before lowering: values that are never live at the same time share
// a word (greedy colouring of the interference graph in definition order), and a value passed
// to a block parameter takes the parameter's word when they do not interfere — then the edge
// copy disappears (the value is stored there when it is computed). Fewer words per frame also
// lets deeper recursion fit the machine's stack.
//
// Interference: a value defined while another is live, and a block parameter with everything
// live at the end of each predecessor (the edge copy writes the parameter's slot there).

import { instArgs, instResults, successors, termArgs, type Inst, type IrFunction, type ValueId } from '../ir/ir.js';
import type { Liveness } from '../ir/analysis/liveness.js';

export interface Packing {
  slotOf: Map<ValueId, number>;
  /** words used, `reserved` included */
  size: number;
}

/**
 * `values`: what needs a slot. `fixed`: values whose slot is given (function parameters).
 * Slots below `reserved` belong to the fixed values and the saved RR. `late`: per block, the
 * instruction lowered with its terminator (a comparison fused into the branch), whose operands
 * are read there and so stay live to the end of the block.
 */
export function packSlots(fn: IrFunction, live: Liveness, values: Set<ValueId>, fixed: Map<ValueId, number>, reserved: number,
  late: ReadonlyMap<number, Inst> = new Map()): Packing {
  const slotted = (v: ValueId) => values.has(v) || fixed.has(v);
  const neighbours = new Map<ValueId, Set<ValueId>>();
  const link = (a: ValueId, b: ValueId) => {
    if (a === b || !slotted(a) || !slotted(b)) return;
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a)!.add(b);
    neighbours.get(b)!.add(a);
  };
  const affinity = new Map<ValueId, ValueId[]>();
  const prefer = (a: ValueId, b: ValueId) => {
    if (!affinity.has(a)) affinity.set(a, []);
    affinity.get(a)!.push(b);
  };
  const order: ValueId[] = [];
  for (const b of fn.blocks) {
    order.push(...b.params);
    for (const i of b.insts) order.push(...instResults(i));
    const liveNow = new Set(live.liveOut[b.id]);
    for (const a of termArgs(b.term)) liveNow.add(a);
    const fused = late.get(b.id);
    if (fused) for (const a of instArgs(fused)) liveNow.add(a);
    // parameters of successors are written at the end of this block: they interfere with all
    // that is live there — except the value a parameter receives, when nothing else needs it
    // (then they may share the word and the copy vanishes)
    const edges = successors(b.term);
    const written = edges.flatMap((r) => fn.blocks[r.block]!.params);
    const out = live.liveOut[b.id]!;
    for (const r of edges) {
      const params = fn.blocks[r.block]!.params;
      params.forEach((p, k) => {
        const a = r.args[k]!;
        for (const v of [...liveNow, ...written]) if (v !== a || out.has(a) || r.args.indexOf(a) !== k) link(p, v);
        prefer(a, p);
        prefer(p, a);
      });
    }
    for (let k = b.insts.length - 1; k >= 0; k--) {
      const ins = b.insts[k]!;
      const defs = instResults(ins);
      for (const d of defs) {
        liveNow.delete(d);
        if (slotted(d)) for (const v of liveNow) link(d, v);
      }
      for (const d of defs) for (const e of defs) link(d, e);
      for (const a of instArgs(ins)) liveNow.add(a);
    }
    for (const p of b.params) for (const v of [...liveNow, ...b.params]) link(p, v);
  }
  const slotOf = new Map<ValueId, number>(fixed);
  let size = reserved;
  for (const v of order) {
    if (!values.has(v) || slotOf.has(v)) continue;
    const taken = new Set<number>();
    for (const n of neighbours.get(v) ?? []) {
      const k = slotOf.get(n);
      if (k !== undefined) taken.add(k);
    }
    let k = (affinity.get(v) ?? []).map((u) => slotOf.get(u)).find((s) => s !== undefined && s >= reserved && !taken.has(s));
    if (k === undefined) {
      k = reserved;
      while (taken.has(k)) k++;
    }
    slotOf.set(v, k);
    size = Math.max(size, k + 1);
  }
  return { slotOf, size };
}
