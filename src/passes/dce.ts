// dce — dead code elimination.
// Deletes pure instructions whose results are never used and block parameters nobody reads
// (with their edge arguments), to a fixed point. Saves the rows (and binary/arith operations)
// those values would cost. Requires: ssa. Preserves: ssa.

import { instArgs, instResults, isPure, successors, termArgs, type IrFunction } from '../ir/ir.js';
import type { Pass } from './pass.js';

export const dce: Pass = {
  name: 'dce',
  description: 'remove unused pure instructions and block parameters',
  run(fn: IrFunction) {
    let removed = 0;
    for (;;) {
      const used = new Uint8Array(fn.types.length);
      for (const b of fn.blocks) {
        for (const i of b.insts) for (const a of instArgs(i)) used[a] = 1;
        for (const a of termArgs(b.term)) used[a] = 1;
      }
      let changed = false;
      for (const b of fn.blocks) {
        const before = b.insts.length;
        b.insts = b.insts.filter((i) => !isPure(i) || instResults(i).some((r) => used[r]));
        if (b.insts.length !== before) { removed += before - b.insts.length; changed = true; }
      }
      // parameters read only by the edges that feed themselves are dead too (handled by iteration)
      const refsTo = fn.blocks.map(() => [] as { args: number[] }[]);
      for (const src of fn.blocks) for (const r of successors(src.term)) refsTo[r.block]!.push(r);
      for (const b of fn.blocks) {
        if (b.id === 0) continue;
        for (let k = b.params.length - 1; k >= 0; k--) {
          if (used[b.params[k]!]) continue;
          b.params.splice(k, 1);
          for (const r of refsTo[b.id]!) r.args.splice(k, 1);
          removed++;
          changed = true;
        }
      }
      if (!changed) return { removed };
    }
  },
};
