// Lowering of one IR function to zkASM rows: the per-block register state (which of A–E holds
// which value), frame slots for values that live across blocks or calls, and the driver that
// walks blocks in order. Instruction families live in lower/*.ts.
//
// Convention inside a function: at every block entry all registers are free; every value live
// into a block sits in its frame slot (or is a constant, rematerialised where it is used).

import type { Block, Inst, IrFunction, Terminator, ValueId } from '../ir/ir.js';
import { instArgs, instResults, successors, termArgs } from '../ir/ir.js';
import { liveness, type Liveness } from '../ir/analysis/liveness.js';
import { predecessors } from '../ir/analysis/cfg.js';
import { append } from '../util.js';
import type { Op, Step, Term } from '../zkasm/ast.js';
import { Emitter, freeIn, konst, mload, mstore, reg, REGS, type Reg } from './emit.js';
import { Frame } from './frame.js';
import { packSlots } from './slots.js';
import { lowerInst, callsOut, clobbersAll } from './lower/index.js';
import type { ProgramContext, HelperName } from './context.js';
import type { TrapKind } from '../ir/ir.js';
import { call } from './emit.js';
import { lowerTerminator, fusibleCondition } from './lower/branch.js';
import { emitPrologue } from './lower/call.js';

/** How a value enters a row: an input term, plus the memory op that supplies a bare `$`. */
export interface Operand {
  term: Term;
  ops: Op[];
}

export class FunctionLowering {
  readonly em = new Emitter();
  readonly frame: Frame;
  readonly consts = new Map<ValueId, bigint>();
  readonly live: Liveness;
  readonly makesCalls: boolean;
  /** most arguments any call here stores above the frame */
  readonly maxOutgoingArgs: number;
  readonly label: string;
  private readonly preds: number[][];

  // ---- per-block state
  private holder: (ValueId | null)[] = [null, null, null, null, null];
  private stored = new Set<ValueId>();
  private lastUse = new Map<ValueId, number>();
  private liveOut = new Set<ValueId>();
  private needSlot = new Set<ValueId>();
  /** instructions lowered together with the block's terminator */
  readonly fused = new Set<Inst>();
  blockId = 0;
  pos = 0;

  /** out-of-line code (trap stubs, slow paths), emitted after the function body */
  readonly stubs = new Emitter();

  constructor(readonly fn: IrFunction, readonly ctx: ProgramContext) {
    this.label = ctx.funcLabel(fn.index);
    for (const b of fn.blocks) for (const i of b.insts) if (i.kind === 'const') this.consts.set(i.result, i.value);
    this.live = liveness(fn);
    this.preds = predecessors(fn);
    this.makesCalls = fn.blocks.some((b) => b.insts.some((i) => callsOut(i)));
    this.frame = new Frame(fn.params.length, this.makesCalls);
    // constants the lowering knows of without code: immutable globals, a memory that cannot grow
    for (const b of fn.blocks) for (const i of b.insts) {
      if (i.kind === 'global.get' && !ctx.ir.globals[i.global]?.mutable && ctx.ir.globals[i.global]) this.consts.set(i.result, ctx.ir.globals[i.global]!.init);
      if (i.kind === 'memory.size' && !ctx.dynamicMemory) this.consts.set(i.result, BigInt(ctx.ir.memory?.minPages ?? 0));
    }
    this.packFrame();
    this.maxOutgoingArgs = Math.max(0, ...fn.blocks.flatMap((b) => b.insts.map((i) =>
      (i.kind === 'call' || i.kind === 'call_indirect' ? i.args.length : 0))));
  }

  private labelCount = 0;

  /** parameters and the RR slot stay where they are */
  private fixedSlots(): number {
    return this.fn.params.length + (this.frame.rrSlot >= 0 ? 1 : 0);
  }

  blockLabel(id: number): string {
    return `${this.label}_b${id}`;
  }

  /** A new label local to the current block. */
  freshLabel(kind: string): string {
    return `${this.blockLabel(this.blockId)}_${kind}${this.labelCount++}`;
  }

  run(): Emitter {
    const body = new Emitter();
    const em = this.em;
    for (const b of this.fn.blocks) {
      this.startBlock(b.id);
      if (b.id !== 0) em.label(this.blockLabel(b.id));
      for (this.pos = 0; this.pos < b.insts.length; this.pos++) {
        const i = b.insts[this.pos]!;
        if (this.fused.has(i) || i.kind === 'const') continue;
        if (i.offset >= 0) em.marker(this.fn.name, i.offset, describeInst(i));
        lowerInst(this, i);
      }
      this.pos = b.insts.length;
      if (b.term.offset >= 0) em.marker(this.fn.name, b.term.offset, describeTerm(b.term));
      lowerTerminator(this, b.term, this.fn.blocks[b.id + 1]?.id);
    }
    // the frame is final (spills were appended), then the prologue, which needs its size, goes first
    this.frame.finish();
    // a linked routine (src/wasm/softfloat.ts) has no byte of the user's file: one marker names it,
    // so its rows are not taken for the code placed before it
    const linked = /^\$?__w2z_/.test(this.fn.name) && this.fn.blocks.every((b) => b.term.offset < 0 && b.insts.every((i) => i.offset < 0));
    if (linked) body.marker(this.fn.name, 0, 'linked routine');
    emitPrologue(this, body);
    append(body.out, em.out, this.stubs.out);
    return body;
  }

  /** Slots for every value that will need one, packed before any code is emitted. */
  private packFrame(): void {
    const need = new Set<ValueId>();
    const late = new Map<number, Inst>();
    for (const b of this.fn.blocks) {
      if (b.id !== 0) for (const p of b.params) need.add(p);
      const fused = fusibleCondition(this, b);
      if (fused) late.set(b.id, fused);
      for (const v of this.slotNeeds(b, new Set(fused ? [fused] : []))) need.add(v);
    }
    const fixed = new Map(this.fn.blocks[0]!.params.map((p, k) => [p, k] as [ValueId, number]));
    for (const p of fixed.keys()) need.delete(p);
    const packed = packSlots(this.fn, this.live, need, fixed, this.fixedSlots(), late);
    for (const [v, k] of packed.slotOf) this.frame.bind(v, k);
    this.frame.reserve(packed.size);
  }

  /** Last use of each value in block b (a fused instruction counts as used at the terminator). */
  private lastUses(b: Block, fused: Set<Inst>): Map<ValueId, number> {
    const last = new Map<ValueId, number>();
    b.insts.forEach((i, k) => {
      const at = fused.has(i) ? b.insts.length : k;
      for (const a of instArgs(i)) last.set(a, Math.max(last.get(a) ?? -1, at));
    });
    for (const a of termArgs(b.term)) last.set(a, b.insts.length);
    return last;
  }

  /** Values of block b that must reach a slot: live out of it, or live across a helper or call. */
  private slotNeeds(b: Block, fused: Set<Inst>): Set<ValueId> {
    const lastUse = this.lastUses(b, fused);
    const need = new Set([...this.live.liveOut[b.id]!].filter((v) => !this.consts.has(v)));
    const defAt = new Map<ValueId, number>();
    b.insts.forEach((i, k) => { for (const r of instResults(i)) defAt.set(r, k); });
    for (const p of b.params) defAt.set(p, -1);
    for (const v of this.live.liveIn[b.id]!) if (!defAt.has(v)) defAt.set(v, -1);
    b.insts.forEach((i, k) => {
      if (!clobbersAll(i)) return;
      for (const [v, d] of defAt) {
        if (d < k && (lastUse.get(v) ?? -1) > k && !this.consts.has(v)) need.add(v);
      }
    });
    return need;
  }

  private startBlock(id: number): void {
    this.blockId = id;
    const b = this.fn.blocks[id]!;
    // everything live into a block waits in its slot (constants excepted) ...
    const inSlots = [...b.params, ...[...this.live.liveIn[id]!].filter((v) => !this.consts.has(v))];
    // ... and when the only way in is from the block just lowered, without edge copies, the
    // registers still hold what they held at its last row
    const prev = this.fn.blocks[id - 1];
    const carried = prev !== undefined && this.preds[id]!.length === 1 && this.preds[id]![0] === prev.id
      && successors(prev.term).every((r) => r.block !== id || r.args.length === 0);
    if (carried) {
      for (const v of inSlots) this.stored.add(v);
    } else {
      this.holder = [null, null, null, null, null];
      this.stored = new Set(inSlots);
    }
    for (const p of b.params) this.frame.slot(p);
    this.liveOut = this.live.liveOut[id]!;
    this.fused.clear();
    const cond = fusibleCondition(this, b);
    if (cond) this.fused.add(cond);
    this.lastUse = this.lastUses(b, this.fused);
    this.needSlot = this.slotNeeds(b, this.fused);
  }

  // ---- queries
  /** v's current value is in its frame slot */
  isStored(v: ValueId): boolean {
    return this.stored.has(v);
  }

  regOf(v: ValueId): Reg | undefined {
    const k = this.holder.indexOf(v);
    return k < 0 ? undefined : REGS[k];
  }

  /** still read at or after position `from` (or live out of the block) */
  neededFrom(v: ValueId, from: number): boolean {
    return this.liveOut.has(v) || (this.lastUse.get(v) ?? -1) >= from;
  }

  /** v has had its last read (of the instruction or terminator being lowered): its register is free. */
  release(v: ValueId): void {
    if (!this.liveOut.has(v)) this.lastUse.set(v, this.pos - 1);
  }

  holderOf(r: Reg): ValueId | null {
    return this.holder[REGS.indexOf(r)]!;
  }

  // ---- operands
  operand(v: ValueId): Operand {
    const c = this.consts.get(v);
    if (c !== undefined) return { term: konst(c), ops: [] };
    const r = this.regOf(v);
    if (r) return { term: reg(r), ops: [] };
    if (!this.stored.has(v)) throw new Error(`${this.fn.name}: v${v} is nowhere (backend bug)`);
    return { term: freeIn(), ops: [mload(this.frame.addr(this.frame.slot(v)))] };
  }

  /** Make register r free for a new value, keeping its old value if it is still needed. */
  evict(r: Reg, pinned: readonly Reg[], from = this.pos): void {
    const k = REGS.indexOf(r);
    const v = this.holder[k]!;
    this.holder[k] = null;
    if (v === null || !this.neededFrom(v, from) || this.consts.has(v) || this.regOf(v) || this.stored.has(v)) return;
    const spare = REGS.find((x) => x !== r && !pinned.includes(x) && this.isFree(x, from));
    if (spare) {
      this.em.step([reg(r)], [spare], []);
      this.holder[REGS.indexOf(spare)] = v;
    } else {
      this.em.step([reg(r)], [], [mstore(this.frame.addr(this.frame.slot(v)))]);
      this.stored.add(v);
    }
  }

  isFree(r: Reg, from = this.pos): boolean {
    const v = this.holder[REGS.indexOf(r)]!;
    return v === null || !this.neededFrom(v, from) || this.holder.filter((x) => x === v).length > 1;
  }

  /** Put v into register r. */
  load(v: ValueId, r: Reg, pinned: readonly Reg[] = []): void {
    if (this.holderOf(r) === v) return;
    this.evict(r, [...pinned, r]);
    const o = this.operand(v);
    this.em.step([o.term], [r], o.ops);
    this.holder[REGS.indexOf(r)] = v;
  }

  /** Put v into some register (preferring where it already is). */
  inReg(v: ValueId, pinned: readonly Reg[] = []): Reg {
    const r = this.regOf(v);
    if (r) return r;
    const d = this.chooseDest(pinned, this.pos);
    this.load(v, d, pinned);
    return d;
  }

  /** Put v into a register outside `avoid` (moving it if it sits in one of them). */
  inRegAvoid(v: ValueId, avoid: readonly Reg[]): Reg {
    const here = REGS.find((r) => this.holderOf(r) === v && !avoid.includes(r));
    if (here) return here;
    const d = this.chooseDest(avoid, this.pos);
    this.load(v, d, avoid);
    return d;
  }

  /** The last emitted row left v in register r. */
  define(v: ValueId, r: Reg): void {
    for (const x of REGS) if (this.holderOf(x) === v) this.holder[REGS.indexOf(x)] = null;
    this.holder[REGS.indexOf(r)] = v;
    if (this.needSlot.has(v) && !this.stored.has(v)) {
      this.em.step([reg(r)], [], [mstore(this.frame.addr(this.frame.slot(v)))]);
      this.stored.add(v);
    }
  }

  /** Registers that hold a value (for code that must preserve them). */
  heldRegisters(): Reg[] {
    return REGS.filter((r) => this.holderOf(r) !== null);
  }

  /** Forget what a register holds (it was overwritten by a scratch value). */
  clobber(r: Reg, by: ValueId | null = null): void {
    this.holder[REGS.indexOf(r)] = by;
  }

  clobberAll(): void {
    this.holder = [null, null, null, null, null];
  }

  /**
   * A register outside `pinned` for a new value: a free one, else one whose value is cheap to
   * get back, else one evicted. Lowering never pins all five; if it did, that is a backend bug.
   */
  chooseDest(pinned: readonly Reg[], from: number, hint?: Reg): Reg {
    const order: Reg[] = hint ? [hint, 'C', 'D', 'E', 'A', 'B'] : ['C', 'D', 'E', 'A', 'B'];
    const candidates = order.filter((r) => !pinned.includes(r));
    if (candidates.length === 0) throw new Error(`${this.fn.name}: no register left outside ${pinned.join(', ')} (backend bug)`);
    const free = candidates.find((r) => this.isFree(r, from));
    if (free) return free;
    const cheap = candidates.find((r) => {
      const v = this.holderOf(r)!;
      return this.consts.has(v) || this.stored.has(v);
    });
    const d = cheap ?? candidates[0]!; // not empty (checked above)
    this.evict(d, pinned, from);
    return d;
  }

  /**
   * Emit the row that produces v (`inputs => dest :ops`), choosing the destination; stores v in
   * its slot on the same row when it must reach one and the row has no memory operation.
   */
  produce(v: ValueId, inputs: Term[], ops: Op[], pinned: readonly Reg[] = []): Step {
    const dest = this.chooseDest(pinned, this.pos + 1, this.hintFor(v));
    this.evict(dest, pinned, this.pos + 1);
    const needsStore = this.needSlot.has(v);
    const hasMem = ops.some((o) => o.kind === 'mload' || o.kind === 'mstore');
    const s = this.em.step(inputs, [dest], needsStore && !hasMem ? [...ops, mstore(this.frame.addr(this.frame.slot(v)))] : ops);
    // registers the row read as scratch (A/B operands) keep their values; only dest changes
    this.holder[REGS.indexOf(dest)] = v;
    if (needsStore) {
      if (hasMem) this.em.step([reg(dest)], [], [mstore(this.frame.addr(this.frame.slot(v)))]);
      this.stored.add(v);
    }
    return s;
  }

  /** Where the next instruction would like v: the A/B operand of a binary op, A of an assert. */
  private hintFor(v: ValueId): Reg | undefined {
    const b = this.fn.blocks[this.blockId]!;
    let k = this.pos + 1;
    while (b.insts[k]?.kind === 'const') k++;
    const next = b.insts[k];
    if (!next || this.fused.has(next)) return undefined;
    if (next.kind === 'binary') return next.lhs === v ? 'A' : next.rhs === v ? 'B' : undefined;
    if (next.kind === 'host') return next.args[0] === v ? 'A' : undefined;
    return undefined;
  }

  /** Before a call: everything needed afterwards must be in its slot. */
  saveLiveAcross(from: number): void {
    for (const r of REGS) {
      const v = this.holderOf(r);
      if (v === null || this.stored.has(v) || this.consts.has(v) || !this.neededFrom(v, from)) continue;
      this.em.step([reg(r)], [], [mstore(this.frame.addr(this.frame.slot(v)))]);
      this.stored.add(v);
    }
  }

  /**
   * A label that, reached by a jump from the current instruction, traps with `kind`: a stub
   * carrying this instruction's source marker that calls the program's trap handler (so the
   * trap site is recorded).
   */
  trapStub(kind: TrapKind, at?: number): string {
    const label = this.freshLabel('trap');
    const i = this.fn.blocks[this.blockId]!.insts[this.pos];
    const offset = at ?? i?.offset ?? this.fn.blocks[this.blockId]!.term.offset;
    if (offset >= 0) this.stubs.marker(this.fn.name, offset, i && at === undefined ? describeInst(i) : describeTerm(this.fn.blocks[this.blockId]!.term));
    this.stubs.label(label);
    this.stubs.step([], [], [call(this.ctx.trapLabel(kind))]);
    return label;
  }

  /**
   * Call a runtime helper: arguments in A, B, C; results in A, B. Everything the block still
   * needs is saved to its slot first, since helpers clobber all registers.
   */
  callHelper(name: HelperName, args: ValueId[], results: (ValueId | null)[]): void {
    this.saveLiveAcross(this.pos + 1);
    args.forEach((a, k) => this.load(a, REGS[k]!, REGS.slice(0, k)));
    this.em.step([], [], [call(this.ctx.helper(name))]);
    this.clobberAll();
    results.forEach((v, k) => { if (v !== null) this.arrive(v, REGS[k]!); });
  }

  /** Results arriving in registers (after a call). */
  arrive(v: ValueId, r: Reg): void {
    this.holder[REGS.indexOf(r)] = v;
    if (this.needSlot.has(v)) {
      this.em.step([reg(r)], [], [mstore(this.frame.addr(this.frame.slot(v)))]);
      this.stored.add(v);
    }
  }
}

function describeInst(i: Inst): string {
  switch (i.kind) {
    case 'const': return `${i.type}.const`;
    case 'unary': case 'binary': case 'load': case 'store': return i.op;
    case 'host': return `call ${i.name}`;
    default: return i.kind;
  }
}

function describeTerm(t: Terminator): string {
  switch (t.kind) {
    case 'jump': return 'br';
    case 'branch': return 'br_if';
    case 'switch': return 'br_table';
    case 'return': return 'return';
    case 'trap': return 'trap';
  }
}

export function lowerFunction(fn: IrFunction, ctx: ProgramContext): Emitter {
  return new FunctionLowering(fn, ctx).run();
}
