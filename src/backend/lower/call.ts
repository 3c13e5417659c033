// Calls, host functions, function prologue and epilogue (the convention is in frame.ts).

import type { Inst, ValueId } from '../../ir/ir.js';
import type { Step } from '../../zkasm/ast.js';
import { call, condJump, Emitter, freeExpr, freeIn, jmp, konst, mload, mstore, reg, REGS, simple, spAddr, varAddr, type Reg } from '../emit.js';
import { CAUGHT_LABEL, VARS, resetLabel } from '../context.js';
import { LABELS } from '../labels.js';
import { MAX_REG_RESULTS } from '../frame.js';
import type { FunctionLowering } from '../function.js';
import { unsupported } from './index.js';

/** Stack words (the region SP addresses) a program may use. */
export const STACK_WORDS = 0x10000;

export function emitPrologue(L: FunctionLowering, out: Emitter): void {
  out.label(L.label);
  const f = L.frame;
  if (L.ctx.recursive.has(L.fn.index)) {
    // unbounded recursion must end in a trap, not in a stack address the machine rejects
    const ok = L.freshLabel('stack');
    const need = f.size + L.maxOutgoingArgs + 1;
    out.step([reg('SP'), konst(BigInt(need - STACK_WORDS))], [], [condJump('JMPN', ok, L.trapStub('call stack exhausted', -1))]);
    out.label(ok);
  }
  // RR goes to its slot relative to the caller's SP (the frame's base), before SP moves
  if (f.rrSlot >= 0) out.step([reg('RR')], [], [mstore(spAddr(f.rrSlot))]);
  if (f.size > 0) out.step([reg('SP'), konst(BigInt(f.size))], ['SP'], []);
}

export function emitEpilogue(L: FunctionLowering): void {
  const f = L.frame;
  if (f.rrSlot >= 0) L.em.step([freeIn()], ['RR'], [mload(f.addr(f.rrSlot))]);
  // the frame size is final only when the function is lowered: patched then
  f.adjustSP(L.em.step([], [], [simple('RETURN')]), -1n);
}

/** Arguments go above the caller's frame: argument k at SP + k is slot k of the callee. */
function storeArgs(L: FunctionLowering, args: number[]): Step | undefined {
  let last: Step | undefined;
  args.forEach((a, k) => {
    // a row has one memory operation: a value only in its slot goes through a register
    if (L.operand(a).ops.length > 0) L.inReg(a);
    const o = L.operand(a);
    last = L.em.step([o.term], [], [mstore(spAddr(k))]);
  });
  return last;
}

/**
 * `return`: results 0–4 in A–E, the rest in `__w2z_res<k>` (stored first, while any register
 * may still serve to move a value out of its slot).
 */
export function lowerReturn(L: FunctionLowering, values: ValueId[]): void {
  const inRegs = values.slice(0, MAX_REG_RESULTS);
  values.slice(MAX_REG_RESULTS).forEach((v, j) => {
    if (L.operand(v).ops.length > 0) L.inReg(v); // a row has one memory operation
    L.em.step([L.operand(v).term], [], [mstore(varAddr(VARS.result(MAX_REG_RESULTS + j)))]);
  });
  // stored: loading A–E need not keep them
  for (const v of values.slice(MAX_REG_RESULTS)) if (!inRegs.includes(v)) L.release(v);
  inRegs.forEach((v, k) => L.load(v, REGS[k]!, REGS.slice(0, k)));
  emitEpilogue(L);
}

/**
 * After a call: results 0–4 arrived in A–E; the rest are read from their variables now, before
 * another call overwrites them (each into a register the allocator frees, like any new value).
 */
function receiveResults(L: FunctionLowering, results: ValueId[]): void {
  results.slice(0, MAX_REG_RESULTS).forEach((v, k) => L.arrive(v, REGS[k]!));
  results.slice(MAX_REG_RESULTS).forEach((v, j) => {
    if (L.neededFrom(v, L.pos + 1)) L.produce(v, [freeIn()], [mload(varAddr(VARS.result(MAX_REG_RESULTS + j)))]);
  });
}

export function lowerCall(L: FunctionLowering, i: Extract<Inst, { kind: 'call' }>): void {
  L.saveLiveAcross(L.pos + 1);
  const last = storeArgs(L, i.args);
  const target = call(L.ctx.funcLabel(i.func));
  if (last) last.ops.push(target);
  else L.em.step([], [], [target]);
  L.clobberAll();
  receiveResults(L, i.results);
}

/**
 * call_indirect: the index is checked against the table size, the entry's signature word
 * (0 = null, else canonical type id + 1) against the expected type, then `CALL(@dispatch + E)`
 * with E = the entry's position in the dispatch table.
 */
export function lowerCallIndirect(L: FunctionLowering, i: Extract<Inst, { kind: 'call_indirect' }>): void {
  const table = L.ctx.ir.tables[i.table];
  if (!table) throw unsupported(L, i.offset, 'call_indirect without a table');
  L.ctx.usesTables = true;
  L.saveLiveAcross(L.pos + 1);
  storeArgs(L, i.args);
  L.load(i.index, 'E');
  const size = table.elems.length;
  const undef = L.trapStub('undefined element');
  if (size === 0) {
    // every index is out of bounds: nothing follows (and the table has no words to read)
    L.em.step([], [], [jmp(undef)]);
    L.clobberAll();
    i.results.forEach((v) => L.consts.set(v, 0n));
    return;
  }
  const ok = L.freshLabel('inb');
  L.em.step([reg('E'), konst(BigInt(-size))], [], [condJump('JMPN', ok, undef)]);
  L.em.label(ok);
  L.evict('A', ['E'], L.pos);
  L.em.step([freeIn()], ['A'], [mload(varAddr(VARS.tableSig(i.table), 0, 'E'))]);
  L.em.step([reg('A')], [], [condJump('JMPZ', L.trapStub('uninitialized element'))]);
  L.em.step([reg('A'), konst(-BigInt(L.ctx.typeIds[i.typeIndex]! + 1))], [], [condJump('JMPNZ', L.trapStub('indirect call type mismatch'))]);
  L.em.step([freeIn()], ['E'], [mload(varAddr(VARS.tableFn(i.table), 0, 'E'))]);
  L.em.step([], [], [{ kind: 'call', target: { kind: 'labelPlus', name: LABELS.dispatch, reg: 'E' } }]);
  L.clobberAll();
  receiveResults(L, i.results);
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
    case 'input_i32':
    case 'input_i64':
      lowerInput(L, i.results[0]!, i.name === 'input_i32');
      return;
    case 'output_i32':
    case 'output_i64':
      lowerOutput(L, i.args[0]!);
      return;
    case 'abort':
      // the message and its place are the program's own data: the proof states the trap
      L.em.step([], [], [jmp(L.trapStub('abort'))]);
      L.clobberAll();
      return;
    case '__w2z_guard_begin':
      L.ctx.usesGuard = true;
      L.em.step([reg('SP')], [], [mstore(varAddr(VARS.guardSp))]);
      L.em.step([konst(1n)], [], [mstore(varAddr(VARS.guardOn))]);
      return;
    case '__w2z_guard_end':
      lowerGuardEnd(L, i.results[0]!);
      return;
    case '__w2z_instance_reset': {
      const c = L.consts.get(i.args[0]!);
      if (c === undefined) throw new Error(`${L.fn.name}: __w2z_instance_reset of a contract that is not a constant`);
      L.ctx.resets.add(Number(c));
      L.saveLiveAcross(L.pos + 1);
      L.em.step([], [], [call(resetLabel(Number(c)))]);
      L.clobberAll();
      return;
    }
  }
}

/**
 * The end of a guarded call: 0 in A when it returned; a trap below it lands at CAUGHT_LABEL
 * (runtime.ts trapHandlers) with the trap's code in the status word, which is taken into A and
 * cleared, and SP is restored — the frames below are abandoned. Both paths meet with nothing in
 * registers but A (the caught path comes from anywhere), so live values go to their slots first.
 */
function lowerGuardEnd(L: FunctionLowering, result: number): void {
  L.saveLiveAcross(L.pos + 1);
  const join = L.freshLabel('guarded');
  L.em.step([konst(0n)], ['A'], [jmp(join)]);
  L.em.label(CAUGHT_LABEL);
  L.em.step([freeIn()], ['SP'], [mload(varAddr(VARS.guardSp))]);
  L.em.step([freeIn()], ['A'], [mload(varAddr(VARS.status))]);
  L.em.step([konst(0n)], [], [mstore(varAddr(VARS.status))]);
  L.em.label(join);
  L.em.step([konst(0n)], [], [mstore(varAddr(VARS.guardOn))]);
  L.clobberAll();
  L.define(result, 'A');
}

/** Mask of a canonical i32: the binary machine's AND accepts A only if A & mask = A. */
const MASK32 = 0xffffffffn;

/**
 * The next value of the private input tape, proven canonical for its type by one binary row
 * whose operation is the identity exactly on canonical values (the binary machine only takes
 * canonical 32-bit limbs, and its result is pinned to the row's op = A):
 *
 *     i32:  0xffffffffn => B / ${input()} => A / A => r :AND     A & 0xffffffff = A  ⇔  A < 2^32
 *     i64:  ${input()} => A, B / A => r :AND                      A & A = A  ⇔  limbs canonical
 *
 * The tape value itself is the one free input nothing pins: it is the program's private input.
 */
function lowerInput(L: FunctionLowering, v: number, is32: boolean): void {
  // A and B are scratch: whatever they hold that is still needed moves away first
  L.evict('A', ['B'], L.pos + 1);
  L.evict('B', ['A'], L.pos + 1);
  const input = freeExpr({ kind: 'call', name: 'input', args: [] });
  if (is32) {
    L.em.step([konst(MASK32, true)], ['B'], []);
    L.em.step([input], ['A'], []);
  } else {
    L.em.step([input], ['A', 'B'], []);
  }
  L.clobber('A');
  L.clobber('B');
  // A's holder is empty, so the destination is always free: no move can overwrite A first
  L.produce(v, [reg('A')], [simple('AND')], ['B']);
}

/**
 * Append x to the outputs: count → E, trap unless count < maxOutputs, `x → __w2z_out[E]`,
 * `E + 1 → __w2z_out_n` (4 rows). The count is only ever written here, so E is small and its
 * high limb 0 as indexing needs.
 */
function lowerOutput(L: FunctionLowering, x: number): void {
  const max = L.ctx.maxOutputs;
  if (max === 0) {
    L.em.step([], [], [jmp(L.trapStub('too many outputs'))]);
    return;
  }
  const c = L.consts.get(x);
  const term = c !== undefined ? konst(c) : reg(L.inRegAvoid(x, ['E']));
  L.evict('E', term.kind === 'reg' ? [term.reg as Reg] : [], L.pos + 1);
  L.em.step([freeIn()], ['E'], [mload(varAddr(VARS.outCount))]);
  L.clobber('E');
  // count ≤ max − 1, or trap (the count never exceeds max, so the value is a small integer)
  L.em.step([konst(BigInt(max - 1)), reg('E', -1n)], [], [condJump('JMPN', L.trapStub('too many outputs'))]);
  L.em.step([term], [], [mstore(varAddr(VARS.out, 0, 'E'))]);
  L.em.step([reg('E'), konst(1n)], [], [mstore(varAddr(VARS.outCount))]);
}
