// const-fold — evaluate operations whose operands are all constants, with the op table's own
// semantic functions. Each folded operation saves its rows (and binary operations); a folded
// branch on a constant condition becomes a jump. Operations that would trap are left in place
// so the trap still happens at run time. Requires: ssa. Preserves: ssa.

import { BINARY_OPS, UNARY_OPS } from '../ir/ops.js';
import { constInst, jumpTerm, type IrFunction, type ValueId } from '../ir/ir.js';
import type { Pass } from './pass.js';
import { removeUnreachableBlocks } from '../ir/cleanup.js';

export const constFold: Pass = {
  name: 'const-fold',
  description: 'fold operations on constants and branches on constant conditions',
  run(fn: IrFunction) {
    const known = new Map<ValueId, bigint>();
    let folded = 0;
    let branches = 0;
    for (const b of fn.blocks) {
      b.insts = b.insts.map((i) => {
        if (i.kind === 'const') {
          known.set(i.result, i.value);
          return i;
        }
        let r: bigint | { trap: string } | undefined;
        if (i.kind === 'binary' && known.has(i.lhs) && known.has(i.rhs)) {
          r = BINARY_OPS[i.op].sem(known.get(i.lhs)!, known.get(i.rhs)!);
        } else if (i.kind === 'unary' && known.has(i.arg)) {
          r = UNARY_OPS[i.op].sem(known.get(i.arg)!);
        }
        if (typeof r !== 'bigint') return i;
        const result = i.kind === 'binary' || i.kind === 'unary' ? i.result : -1;
        known.set(result, r);
        folded++;
        return constInst(result, fn.types[result]!, r, i.offset);
      });
      const t = b.term;
      if (t.kind === 'branch' && known.has(t.cond)) {
        b.term = jumpTerm(known.get(t.cond) !== 0n ? t.then : t.else, t.offset);
        branches++;
      }
    }
    if (branches > 0) removeUnreachableBlocks(fn); // the arms no folded branch takes
    return { folded, branches };
  },
};
