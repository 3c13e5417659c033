// simplify-cfg — merge straight-line block chains and lay blocks out in reverse post-order.
// A block whose only predecessor ends in an unconditional jump to it is appended to that
// predecessor (its parameters replaced by the jump's arguments): each merge saves the `JMP`
// row and the edge copies. Reverse post-order puts most jump targets right after their source,
// where the backend lets them fall through. Requires: ssa. Preserves: ssa.

import { mapUses, successors, type IrFunction, type ValueId } from '../ir/ir.js';
import { predecessors, reversePostOrder } from '../ir/analysis/cfg.js';
import { removeUnreachableBlocks } from '../ir/cleanup.js';
import type { Pass } from './pass.js';

export const simplifyCfg: Pass = {
  name: 'simplify-cfg',
  description: 'merge single-predecessor jump chains and order blocks in reverse post-order',
  run(fn: IrFunction) {
    let merged = 0;
    const subst = new Map<ValueId, ValueId>();
    removeUnreachableBlocks(fn); // dead predecessors must not block a merge
    const preds = predecessors(fn);
    const edgeCount = new Array<number>(fn.blocks.length).fill(0);
    for (const b of fn.blocks) for (const r of successors(b.term)) edgeCount[r.block]!++;
    for (const b of fn.blocks) {
      for (;;) {
        const t = b.term;
        if (t.kind !== 'jump') break;
        const s = t.target.block;
        if (s === b.id || s === 0 || edgeCount[s] !== 1 || preds[s]!.length !== 1) break;
        const succ = fn.blocks[s]!;
        succ.params.forEach((p, k) => subst.set(p, t.target.args[k]!));
        b.insts.push(...succ.insts);
        b.term = succ.term;
        // the merged block's successors now come from b
        for (const r of successors(b.term)) preds[r.block] = preds[r.block]!.map((p) => (p === s ? b.id : p));
        succ.insts = [];
        succ.params = [];
        succ.term = { kind: 'trap', trap: 'unreachable', offset: -1 }; // now unreachable
        merged++;
      }
    }
    if (subst.size > 0) {
      const find = (v: ValueId): ValueId => (subst.has(v) ? find(subst.get(v)!) : v);
      for (const b of fn.blocks) mapUses(b, find);
    }
    removeUnreachableBlocks(fn);
    const moved = reorder(fn);
    return { merged, moved };
  },
};

/** Renumber blocks in reverse post-order (the entry stays first). */
function reorder(fn: IrFunction): number {
  const order = reversePostOrder(fn);
  const newId = new Map(order.map((b, i) => [b, i]));
  let moved = 0;
  const blocks = order.map((old, i) => {
    const b = fn.blocks[old]!;
    if (b.id !== i) moved++;
    b.id = i;
    return b;
  });
  for (const b of blocks) for (const r of successors(b.term)) r.block = newId.get(r.block)!;
  fn.blocks = blocks;
  return moved;
}
