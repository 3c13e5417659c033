// Control-flow graph facts: reachability, predecessors, reverse post-order.

import { successors, type BlockId, type IrFunction } from '../ir.js';

export function reachableBlocks(fn: IrFunction): Set<BlockId> {
  const seen = new Set<BlockId>([0]);
  const work: BlockId[] = [0];
  while (work.length > 0) {
    const b = work.pop()!;
    for (const r of successors(fn.blocks[b]!.term)) {
      if (!seen.has(r.block)) { seen.add(r.block); work.push(r.block); }
    }
  }
  return seen;
}

export function predecessors(fn: IrFunction): BlockId[][] {
  const preds: BlockId[][] = fn.blocks.map(() => []);
  for (const b of fn.blocks) {
    for (const r of successors(b.term)) if (!preds[r.block]!.includes(b.id)) preds[r.block]!.push(b.id);
  }
  return preds;
}

/** Blocks reachable from the entry in reverse post-order. */
export function reversePostOrder(fn: IrFunction): BlockId[] {
  const order: BlockId[] = [];
  const state = new Uint8Array(fn.blocks.length);
  // successor lists once per block: a br_table may have thousands of edges
  const succs = fn.blocks.map((b) => successors(b.term));
  // iterative DFS: (block, next successor index)
  const stack: [BlockId, number][] = [[0, 0]];
  state[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const succ = succs[top[0]]!;
    if (top[1] < succ.length) {
      const s = succ[top[1]++]!.block;
      if (state[s] === 0) { state[s] = 1; stack.push([s, 0]); }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order.reverse();
}
