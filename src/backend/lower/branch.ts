// Terminators: jumps with their edge copies, conditional branches (fusing an i32 comparison
// into one JMPZ/JMPN row on the low limbs, or a 64-bit comparison into its binary op with
// JMPC), returns. Edge arguments are parallel copies into the target's parameter slots.

import { instArgs, type Block, type BlockRef, type Inst, type Terminator, type ValueId } from '../../ir/ir.js';
import type { Op, Step, Term } from '../../zkasm/ast.js';
import { condJump, freeIn, jmp, konst, mload, mstore, reg, REGS, simple, type Reg } from '../emit.js';
import type { FunctionLowering } from '../function.js';
import { BINARY_LOWERING, type BinaryRow } from './binary.js';
import { lowerReturn } from './call.js';
import { assertNever } from '../../util.js';

type Cmp = 'eq' | 'ne' | 'lt_u' | 'gt_u' | 'le_u' | 'ge_u' | 'lt_s' | 'gt_s' | 'le_s' | 'ge_s';
const FUSED_I32 = new Set<string>(['eq', 'ne', 'lt_u', 'gt_u', 'le_u', 'ge_u', 'lt_s', 'gt_s', 'le_s', 'ge_s'].map((c) => `i32.${c}`));
const SIGN32 = 0x80000000n;

/** The comparison computing a branch's condition, when it can be lowered with the branch. */
export function fusibleCondition(L: FunctionLowering, b: Block): Inst | undefined {
  const t = b.term;
  if (t.kind !== 'branch' || L.live.liveOut[b.id]!.has(t.cond)) return undefined;
  const def = b.insts.find((i) => (i.kind === 'binary' || i.kind === 'unary') && i.result === t.cond);
  if (!def) return undefined;
  const uses = b.insts.filter((i) => i !== def && instUses(i, t.cond)).length
    + [t.then, t.else].reduce((n, r) => n + r.args.filter((a) => a === t.cond).length, 0);
  if (uses > 0) return undefined;
  if (def.kind === 'unary') return def.op === 'i32.eqz' ? def : undefined;
  if (def.kind !== 'binary') return undefined;
  const row = BINARY_LOWERING[def.op];
  if (FUSED_I32.has(def.op) || (def.op.startsWith('i64.') && typeof row !== 'function' && ['EQ', 'LT', 'SLT'].includes(row.op))) return def;
  return undefined;
}

function instUses(i: Inst, v: ValueId): boolean {
  return instArgs(i).includes(v);
}

export function lowerTerminator(L: FunctionLowering, t: Terminator, nextBlock: number | undefined): void {
  switch (t.kind) {
    case 'jump':
      edge(L, t.target, nextBlock, true);
      return;
    case 'branch':
      lowerBranch(L, t, nextBlock);
      return;
    case 'return':
      lowerReturn(L, t.values);
      return;
    case 'switch':
      lowerSwitch(L, t);
      return;
    case 'trap':
      L.em.step([], [], [jmp(L.trapStub(t.trap, t.offset))]);
      return;
    default:
      assertNever(t);
  }
}

function lowerBranch(L: FunctionLowering, t: Extract<Terminator, { kind: 'branch' }>, nextBlock: number | undefined): void {
  const direct = (r: BlockRef) => r.args.length === 0;
  const thenLabel = direct(t.then) ? L.blockLabel(t.then.block) : L.freshLabel('t');
  const elseLabel = direct(t.else) ? L.blockLabel(t.else.block) : L.freshLabel('f');
  // the else edge falls through when its code comes next
  const elseFalls = direct(t.else) ? t.else.block === nextBlock && direct(t.then) : true;
  condRow(L, t.cond, thenLabel, elseFalls ? undefined : elseLabel);
  if (!direct(t.else)) {
    L.em.label(elseLabel);
    edge(L, t.else, direct(t.then) ? nextBlock : undefined, false);
  }
  if (!direct(t.then)) {
    L.em.label(thenLabel);
    edge(L, t.then, nextBlock, false);
  }
}

/**
 * br_table: an index below the table size jumps through `JMP(@table + E)` (the table lives in
 * low ROM, where computed jumps reach); any other index takes the default edge.
 */
function lowerSwitch(L: FunctionLowering, t: Extract<Terminator, { kind: 'switch' }>): void {
  const labelOf = new Map<string, string>();
  const pending: { label: string; ref: BlockRef }[] = [];
  const target = (r: BlockRef): string => {
    if (r.args.length === 0) return L.blockLabel(r.block);
    const key = `${r.block}:${r.args.join(',')}`;
    let l = labelOf.get(key);
    if (!l) {
      l = L.freshLabel('sw');
      labelOf.set(key, l);
      pending.push({ label: l, ref: r });
    }
    return l;
  };
  const dflt = target(t.default);
  const n = t.targets.length;
  const c = L.consts.get(t.index);
  if (c !== undefined) {
    L.em.step([], [], [jmp(c < BigInt(n) ? target(t.targets[Number(c)]!) : dflt)]);
  } else if (n === 0) {
    L.em.step([], [], [jmp(dflt)]);
  } else {
    L.load(t.index, 'E');
    const inRange = L.freshLabel('in');
    L.em.step([reg('E'), konst(BigInt(-n))], [], [condJump('JMPN', inRange, dflt)]);
    L.em.label(inRange);
    const table = L.freshLabel('tab');
    L.ctx.jumpTables.push({ label: table, targets: t.targets.map(target) });
    L.em.step([], [], [{ kind: 'jump', cond: 'JMP', target: { kind: 'labelPlus', name: table, reg: 'E' } }]);
  }
  for (const p of pending) {
    L.em.label(p.label);
    edge(L, p.ref, undefined, false);
  }
}

/** One row (after operand set-up) that jumps to `yes` when cond ≠ 0, else to `no` (or falls through). */
function condRow(L: FunctionLowering, cond: ValueId, yes: string, no: string | undefined): void {
  const b = L.fn.blocks[L.blockId]!;
  const def = b.insts.find((i) => L.fused.has(i));
  // jump to `a` when the machine condition holds, else to `e`; an undefined target falls through
  const emit: EmitFn = (inputs, ops, kind, holds) => {
    const [a, e] = holds === 'yes' ? [yes, no] : [no, yes];
    if (a !== undefined) {
      L.em.step(inputs, [], [...ops, condJump(kind, a, e)]);
      return;
    }
    const after = L.freshLabel('n');
    L.em.step(inputs, [], [...ops, condJump(kind, after, e)]);
    L.em.label(after);
  };
  if (def?.kind === 'unary') { // i32.eqz: zero → yes
    const o = L.operand(def.arg);
    emit([o.term], o.ops, 'JMPZ', 'yes');
    return;
  }
  if (def?.kind === 'binary' && def.op.startsWith('i32.')) {
    fusedI32(L, def.op.slice(4) as Cmp, def.lhs, def.rhs, emit);
    return;
  }
  if (def?.kind === 'binary') { // 64-bit comparison: the binary op's carry is the result
    const row = BINARY_LOWERING[def.op] as BinaryRow;
    const [x, y] = row.swap ? [def.rhs, def.lhs] : [def.lhs, def.rhs];
    L.load(x, 'A');
    L.load(y, 'B', ['A']);
    emit([freeIn()], [simple(row.op)], 'JMPC', row.invert ? 'no' : 'yes');
    return;
  }
  const o = L.operand(cond); // any i32: non-zero → yes
  emit([o.term], o.ops, 'JMPZ', 'no');
}

type EmitFn = (inputs: Term[], ops: Op[], kind: 'JMPZ' | 'JMPN' | 'JMPC', holds: 'yes' | 'no') => void;

/** An i32 operand of a fused comparison: a constant, or a register holding it. */
type Opnd = { c: bigint } | { r: Reg };

/**
 * i32 comparisons on the low limbs: x - y is zero iff equal, negative iff x < y (unsigned; both
 * below 2^32, so the difference is a valid JMPN input). Signed ones compare x ^ 2^31 and y ^ 2^31
 * (checked XORs) the same way.
 */
function fusedI32(L: FunctionLowering, cmp: Cmp, lhs: ValueId, rhs: ValueId, emit: EmitFn): void {
  const signed = cmp.endsWith('_s');
  const pinned: Reg[] = [];
  const opnd = (v: ValueId): Opnd => {
    const c = L.consts.get(v);
    if (c !== undefined) return { c: signed ? c ^ SIGN32 : c };
    if (!signed) {
      const r = L.inReg(v, pinned);
      pinned.push(r);
      return { r };
    }
    // x ^ 2^31 into a register nothing else holds
    L.load(v, 'A', pinned);
    L.evict('B', [...pinned, 'A', 'B'], L.pos);
    L.em.step([konst(SIGN32)], ['B'], []);
    L.clobber('B');
    const r = L.chooseDest([...pinned, 'A', 'B'], L.pos);
    L.evict(r, [...pinned, 'A', 'B'], L.pos);
    L.em.step([freeIn()], [r], [simple('XOR')]);
    L.clobber(r);
    pinned.push(r);
    return { r };
  };
  const x = opnd(lhs);
  const y = opnd(rhs);
  const equal = (a: Opnd, b: Opnd): Term[] =>
    'c' in a ? ('c' in b ? [konst(a.c === b.c ? 0n : 1n)] : [konst(a.c), reg(b.r, -1n)])
      : 'c' in b ? [konst(b.c), reg(a.r, -1n)] : [reg(a.r), reg(b.r, -1n)];
  // a < b: the terms of a JMPN row and whether its "negative" means a < b or a >= b
  const less = (a: Opnd, b: Opnd): { terms: Term[]; holdsWhenLess: boolean } => {
    if ('r' in a && 'c' in b) {
      if (b.c <= 2n ** 31n) return { terms: [reg(a.r), konst(-b.c)], holdsWhenLess: true };
      return { terms: [konst(b.c - 1n), reg(a.r, -1n)], holdsWhenLess: false }; // b-1 < a  ⟺  a >= b
    }
    if ('c' in a && 'r' in b) return { terms: [konst(a.c), reg(b.r, -1n)], holdsWhenLess: true };
    if ('r' in a && 'r' in b) return { terms: [reg(a.r), reg(b.r, -1n)], holdsWhenLess: true };
    const lt = (a as { c: bigint }).c < (b as { c: bigint }).c; // both constant: decided here
    return { terms: [konst(lt ? -1n : 0n)], holdsWhenLess: true };
  };
  const branchLess = (a: Opnd, b: Opnd, yesWhenLess: boolean) => {
    const l = less(a, b);
    emit(l.terms, [], 'JMPN', l.holdsWhenLess === yesWhenLess ? 'yes' : 'no');
  };
  switch (cmp) {
    case 'eq': emit(equal(x, y), [], 'JMPZ', 'yes'); return;
    case 'ne': emit(equal(x, y), [], 'JMPZ', 'no'); return;
    case 'lt_u': case 'lt_s': branchLess(x, y, true); return;
    case 'ge_u': case 'ge_s': branchLess(x, y, false); return;
    case 'gt_u': case 'gt_s': branchLess(y, x, true); return;
    case 'le_u': case 'le_s': branchLess(y, x, false); return;
    default: assertNever(cmp);
  }
}

export type Src = { kind: 'const'; value: bigint } | { kind: 'reg'; reg: Reg } | { kind: 'slot'; slot: number };
/** A copy into frame slot `dst`. */
export type Move = { dst: number; src: Src };

/**
 * Pass `ref`'s arguments into its block's parameter slots (a parallel copy), then jump there
 * unless it is the next block and `mayFall`.
 */
function edge(L: FunctionLowering, ref: BlockRef, nextBlock: number | undefined, mayFall: boolean): void {
  const rows = parallelCopy(L, edgeMoves(L, ref));
  if (mayFall && ref.block === nextBlock) return;
  const last = rows[rows.length - 1];
  if (last && L.em.lastStep() === last) last.ops.push(jmp(L.blockLabel(ref.block)));
  else L.em.step([], [], [jmp(L.blockLabel(ref.block))]);
}

/** The copies an edge needs: each argument not already in its parameter's word. */
function edgeMoves(L: FunctionLowering, ref: BlockRef): Move[] {
  const target = L.fn.blocks[ref.block]!;
  const moves: Move[] = [];
  ref.args.forEach((a, k) => {
    const dst = L.frame.slot(target.params[k]!);
    // packed into the parameter's own word and already stored there: nothing to copy
    if (L.isStored(a) && L.frame.slot(a) === dst) return;
    const c = L.consts.get(a);
    const r = L.regOf(a);
    const src: Src = c !== undefined ? { kind: 'const', value: c } : r ? { kind: 'reg', reg: r }
      : { kind: 'slot', slot: L.frame.slot(a) };
    if (src.kind === 'slot' && src.slot === dst) return;
    moves.push({ dst, src });
  });
  return moves;
}

/**
 * Emit `moves` (writes of distinct slots, read as of before any of them): a move goes once no
 * other pending move reads its slot; a cycle through slots goes through a register. Returns
 * the rows that store into the slots.
 */
export function parallelCopy(L: FunctionLowering, moves: Move[]): Step[] {
  const rows: Step[] = [];
  let spills = 0;
  // a register no pending move reads; when all five are sources, one of them is set free
  const scratch = (): Reg => {
    const busy = new Set(moves.flatMap((m) => (m.src.kind === 'reg' ? [m.src.reg] : [])));
    return REGS.find((r) => !busy.has(r)) ?? freeSource(L, moves, () => L.frame.edgeSpillSlot(spills++));
  };
  while (moves.length > 0) {
    const readSlots = new Set(moves.flatMap((m) => (m.src.kind === 'slot' ? [m.src.slot] : [])));
    const ready = (m: Move) => !readSlots.has(m.dst) || (m.src.kind === 'slot' && m.src.slot === m.dst);
    // stores from registers first: each frees its register for the slot-to-slot copies
    const first = moves.findIndex((m) => ready(m) && m.src.kind !== 'slot');
    const k = first >= 0 ? first : moves.findIndex(ready);
    if (k < 0) { // a cycle through slots: bring a source some move overwrites into a register
      const dsts = new Set(moves.map((x) => x.dst));
      const m = moves.find((x) => x.src.kind === 'slot' && dsts.has(x.src.slot))!;
      const r = scratch();
      L.em.step([freeIn()], [r], [mload(L.frame.addr((m.src as { slot: number }).slot))]);
      m.src = { kind: 'reg', reg: r };
      continue;
    }
    const m = moves.splice(k, 1)[0]!;
    const dstAddr = L.frame.addr(m.dst);
    if (m.src.kind === 'const') rows.push(L.em.step([konst(m.src.value)], [], [mstore(dstAddr)]));
    else if (m.src.kind === 'reg') rows.push(L.em.step([reg(m.src.reg)], [], [mstore(dstAddr)]));
    else {
      const r = scratch();
      L.em.step([freeIn()], [r], [mload(L.frame.addr(m.src.slot))]);
      rows.push(L.em.step([reg(r)], [], [mstore(dstAddr)]));
    }
  }
  return rows;
}

/**
 * Every register is the source of a pending move: free one by storing it to a spill word of the
 * frame (no move writes there); its moves read that word instead. Edge copies never need this
 * as slots are packed (a parameter's word is never read by another move of its edge, so every
 * register move can go first), but a copy must not depend on that to assemble.
 */
function freeSource(L: FunctionLowering, moves: Move[], spillSlot: () => number): Reg {
  const r = moves.flatMap((m) => (m.src.kind === 'reg' ? [m.src.reg] : []))[0]!;
  const slot = spillSlot();
  L.em.step([reg(r)], [], [mstore(L.frame.addr(slot))]);
  for (const m of moves) if (m.src.kind === 'reg' && m.src.reg === r) m.src = { kind: 'slot', slot };
  return r;
}
