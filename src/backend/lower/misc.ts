// select and globals.

import type { Inst } from '../../ir/ir.js';
import { condJump, freeIn, jmp, mload, mstore, varAddr } from '../emit.js';
import type { FunctionLowering } from '../function.js';

/** cond ? a : b as a two-way branch; both arms leave the result in the same register. */
export function lowerSelect(L: FunctionLowering, i: Extract<Inst, { kind: 'select' }>): void {
  const c = L.consts.get(i.cond);
  if (c !== undefined) { // folded condition
    const src = c !== 0n ? i.a : i.b;
    const o = L.operand(src);
    L.produce(i.result, [o.term], o.ops);
    return;
  }
  // operands first: choosing the destination may reuse a register whose value dies here
  const cond = L.operand(i.cond);
  const a = L.operand(i.a);
  const b = L.operand(i.b);
  const dest = L.chooseDest([], L.pos + 1);
  L.evict(dest, [], L.pos + 1);
  const els = L.freshLabel('sel_b');
  const end = L.freshLabel('sel_end');
  L.em.step([cond.term], [], [...cond.ops, condJump('JMPZ', els)]);
  L.em.step([a.term], [dest], [...a.ops, jmp(end)]);
  L.em.label(els);
  L.em.step([b.term], [dest], b.ops);
  L.em.label(end);
  L.define(i.result, dest);
}

export function lowerGlobalGet(L: FunctionLowering, i: Extract<Inst, { kind: 'global.get' }>): void {
  const g = L.ctx.ir.globals[i.global]!;
  if (!g.mutable) {
    L.consts.set(i.result, g.init);
    return;
  }
  L.produce(i.result, [freeIn()], [mload(varAddr(L.ctx.globalVar(i.global)))]);
}

export function lowerGlobalSet(L: FunctionLowering, i: Extract<Inst, { kind: 'global.set' }>): void {
  let o = L.operand(i.value);
  if (o.ops.length > 0) { L.inReg(i.value); o = L.operand(i.value); }
  L.em.step([o.term], [], [mstore(varAddr(L.ctx.globalVar(i.global)))]);
}
