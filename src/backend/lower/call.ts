// Calls, host functions, function prologue and epilogue (the convention is in frame.ts).

import type { Inst } from '../../ir/ir.js';
import type { Step } from '../../zkasm/ast.js';
import { call, Emitter, konst, mload, mstore, reg, REGS, simple, spAddr } from '../emit.js';
import { MAX_REG_RESULTS } from '../frame.js';
import type { FunctionLowering } from '../function.js';
import { unsupported } from './index.js';

export function emitPrologue(L: FunctionLowering, out: Emitter): void {
  out.label(L.label);
  const f = L.frame;
  if (L.makesCalls) out.step([reg('RR')], [], [mstore(spAddr(f.reserveRR()))]);
  if (f.size > 0) out.step([reg('SP'), konst(BigInt(f.size))], ['SP'], []);
}

export function emitEpilogue(L: FunctionLowering): void {
  const f = L.frame;
  if (L.makesCalls) L.em.step([{ kind: 'free', expr: null, coef: 1n }], ['RR'], [mload(f.addr(f.reserveRR()))]);
  if (f.size > 0) L.em.step([reg('SP'), konst(-BigInt(f.size))], ['SP'], [simple('RETURN')]);
  else L.em.step([], [], [simple('RETURN')]);
}

export function lowerCall(L: FunctionLowering, i: Extract<Inst, { kind: 'call' }>): void {
  if (i.results.length > MAX_REG_RESULTS) throw unsupported(L, i.offset, `call returning ${i.results.length} values`);
  L.saveLiveAcross(L.pos + 1);
  let last: Step | undefined;
  i.args.forEach((a, k) => {
    // a row has one memory operation: a value only in its slot goes through a register
    if (L.operand(a).ops.length > 0) L.inReg(a);
    const o = L.operand(a);
    last = L.em.step([o.term], [], [mstore(spAddr(k))]);
  });
  const target = call(L.ctx.funcLabel(i.func));
  if (last) last.ops.push(target);
  else L.em.step([], [], [target]);
  L.clobberAll();
  i.results.forEach((v, k) => L.arrive(v, REGS[k]!));
}

export function lowerHost(L: FunctionLowering, i: Extract<Inst, { kind: 'host' }>): void {
  switch (i.name) {
    case 'assert_eq':
    case 'assert_eq_i32':
    case 'assert_eq_i64': {
      const [x, y] = i.args as [number, number];
      L.load(x, 'A');
      const o = L.operand(y);
      L.em.step([o.term], [], [...o.ops, simple('ASSERT')]);
      return;
    }
  }
}
