// WASM → SSA IR. Locals and the operand stack become SSA values; every merge point (a block's
// end, a loop header) receives all locals plus the branch values as block parameters, and
// `pruneTrivialParams` then removes the parameters that carry a single value. Code after an
// unconditional branch is skipped (it is validated by wabt, never executed).

import type { BlockType, Instr, Module, ValType } from '../wasm/module.js';
import { funcName, funcType, importedFuncCount } from '../wasm/names.js';
import { CONVERSION_STATUS_OP } from '../wasm/softfloat.js';
import type { HostBinding } from './imports.js';
import { unsupportedFeature, unsupportedInstr } from '../diagnostics.js';
import {
  binaryInst, branchTerm, callInst, constInst, hostInst, jumpTerm, returnTerm, switchTerm, trapTerm, unaryInst,
  MEM_ACCESS, type Block, type BlockId, type BlockRef, type IrFunction, type IrType, type LoadOp, type StoreOp,
  type Terminator, type ValueId,
} from './ir.js';
import { BINARY_OPS, irTypeOf, isBinaryOp, isUnaryOp, UNARY_OPS, type BinaryOpName } from './ops.js';
import { FLOAT_LAYOUT, type FloatType } from '../wasm/float-bits.js';
import { pruneTrivialParams, removeUnreachableBlocks, renumberValues } from './cleanup.js';

type FloatCompare = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';
/** Float loads and stores move the same bytes as the integer access of their width. */
const FLOAT_MEM_ACCESS: Readonly<Record<string, LoadOp | StoreOp>> = {
  'f32.load': 'i32.load', 'f64.load': 'i64.load', 'f32.store': 'i32.store', 'f64.store': 'i64.store',
};

export interface BuildContext {
  module: Module;
  fileName: string;
  /** function index → host function, for imported functions ('ignore': a call that does nothing; 'stub': traps) */
  hosts: Map<number, HostBinding>;
  /** types of all globals, imported ones first (the WASM index space); null: not an integer */
  globalTypes: (IrType | null)[];
}

interface Frame {
  kind: 'block' | 'loop' | 'if' | 'func';
  params: IrType[];
  results: IrType[];
  /** operand stack height below this frame's parameters */
  height: number;
  /** block/if/func: where control continues after `end`; loop: the header (branch target) */
  target: BlockId;
  /** if: the else arm, until `else` is seen */
  elseBlock?: BlockId;
  /** if: locals and parameter values at the `if`, for the else arm */
  savedLocals?: ValueId[];
  savedParams?: ValueId[];
}

export function buildFunction(ctx: BuildContext, funcIndex: number): IrFunction {
  return new FunctionBuilder(ctx, funcIndex).build();
}

class FunctionBuilder {
  private readonly types: IrType[] = [];
  private readonly blocks: Block[] = [];
  private readonly preds: number[] = [];
  private cur: Block | null = null;
  private locals: ValueId[] = [];
  private stack: ValueId[] = [];
  private readonly frames: Frame[] = [];
  private readonly name: string;
  private readonly localTypes: IrType[];
  private readonly paramTypes: IrType[];
  private readonly resultTypes: IrType[];

  constructor(private readonly ctx: BuildContext, private readonly funcIndex: number) {
    this.name = funcName(ctx.module, funcIndex);
    const t = funcType(ctx.module, funcIndex);
    const body = ctx.module.codes[funcIndex - importedFuncCount(ctx.module)]!;
    this.paramTypes = t.params.map((v) => this.irType(v, body.offset));
    this.resultTypes = t.results.map((v) => this.irType(v, body.offset));
    this.localTypes = [...this.paramTypes, ...body.locals.map((v) => this.irType(v, body.offset))];
  }

  build(): IrFunction {
    const body = this.ctx.module.codes[this.funcIndex - importedFuncCount(this.ctx.module)]!;
    const entry = this.newBlock(this.paramTypes);
    this.preds[entry.id] = 1;
    this.cur = entry;
    this.locals = [...entry.params];
    for (let i = this.paramTypes.length; i < this.localTypes.length; i++) {
      this.locals.push(this.emitConst(this.localTypes[i]!, 0n, body.offset));
    }
    const exit = this.newBlock(this.resultTypes);
    exit.term = returnTerm([...exit.params], -1);
    this.frames.push({ kind: 'func', params: [], results: this.resultTypes, height: 0, target: exit.id });

    let dead = 0; // nesting depth inside unreachable code
    for (const ins of body.body) {
      if (this.cur === null) {
        if (ins.op === 'block' || ins.op === 'loop' || ins.op === 'if') { dead++; continue; }
        if (ins.op === 'end' && dead > 0) { dead--; continue; }
        if (ins.op === 'else' && dead > 0) continue;
        if (ins.op !== 'end' && ins.op !== 'else') continue;
      }
      this.instr(ins);
    }

    const fn: IrFunction = {
      name: this.name, index: this.funcIndex, params: this.paramTypes, results: this.resultTypes,
      blocks: this.blocks, types: this.types,
    };
    removeUnreachableBlocks(fn);
    pruneTrivialParams(fn);
    renumberValues(fn);
    return fn;
  }

  // ---- helpers
  private irType(v: ValType, offset: number): IrType {
    const t = irTypeOf(v);
    if (t) return t;
    throw unsupportedFeature(this.ctx.fileName, `value type ${v}`,
      `func ${this.name} (#${this.funcIndex}) @0x${offset.toString(16)}`);
  }

  private emitBinary(op: BinaryOpName, lhs: ValueId, rhs: ValueId, offset: number): ValueId {
    const v = this.newValue(BINARY_OPS[op].result);
    this.cur!.insts.push(binaryInst(op, v, lhs, rhs, offset));
    return v;
  }

  private newValue(t: IrType): ValueId {
    this.types.push(t);
    return this.types.length - 1;
  }

  private newBlock(paramTypes: IrType[]): Block {
    const b: Block = {
      id: this.blocks.length, params: paramTypes.map((t) => this.newValue(t)), insts: [],
      term: trapTerm('unreachable'),
    };
    this.blocks.push(b);
    this.preds.push(0);
    return b;
  }

  private terminate(t: Terminator): void {
    const b = this.cur!;
    b.term = t;
    for (const r of t.kind === 'jump' ? [t.target] : t.kind === 'branch' ? [t.then, t.else]
      : t.kind === 'switch' ? [...t.targets, t.default] : []) {
      this.preds[r.block]!++;
    }
    this.cur = null;
  }

  private emitConst(t: IrType, value: bigint, offset: number): ValueId {
    const v = this.newValue(t);
    this.cur!.insts.push(constInst(v, t, value, offset));
    return v;
  }

  private pop(): ValueId {
    const v = this.stack.pop();
    if (v === undefined) throw new Error('operand stack underflow (module was validated)');
    return v;
  }

  private popN(n: number): ValueId[] {
    return n === 0 ? [] : this.stack.splice(this.stack.length - n, n);
  }

  private blockSig(bt: BlockType | undefined, offset: number): { params: IrType[]; results: IrType[] } {
    if (!bt || bt.kind === 'empty') return { params: [], results: [] };
    if (bt.kind === 'value') return { params: [], results: [this.irType(bt.type, offset)] };
    const ft = this.ctx.module.types[bt.typeIndex]!;
    return { params: ft.params.map((t) => this.irType(t, offset)), results: ft.results.map((t) => this.irType(t, offset)) };
  }

  /** The edge that branches to frame `f` with the current locals and stack. */
  private edgeTo(f: Frame): BlockRef {
    if (f.kind === 'func') {
      return { block: f.target, args: this.stack.slice(this.stack.length - f.results.length) };
    }
    const n = f.kind === 'loop' ? f.params.length : f.results.length;
    return { block: f.target, args: [...this.locals, ...this.stack.slice(this.stack.length - n)] };
  }

  private frameAt(depth: number): Frame {
    return this.frames[this.frames.length - 1 - depth]!;
  }

  /** Continue in block `b`, whose parameters are the locals then `n` stack values. */
  private enter(b: Block, height: number): void {
    this.cur = b;
    this.locals = b.params.slice(0, this.localTypes.length);
    this.stack.length = height;
    this.stack.push(...b.params.slice(this.localTypes.length));
  }

  /** A global code may not use (a float): the message names its type, as float refusals do. */
  private floatGlobal(ins: Instr): Error {
    const type = globalValType(this.ctx.module, ins.index!) ?? 'unknown';
    return unsupportedFeature(this.ctx.fileName, `value type ${type} of global #${ins.index}`,
      `func ${this.name} (#${this.funcIndex}) @0x${ins.offset.toString(16)}`);
  }

  private unsupported(ins: Instr): never {
    throw unsupportedInstr(this.ctx.fileName, this.name, this.funcIndex, ins.offset, ins.op);
  }

  // ---- one instruction
  private instr(ins: Instr): void {
    const op = ins.op;
    if (isBinaryOp(op)) {
      const rhs = this.pop();
      const lhs = this.pop();
      const v = this.newValue(BINARY_OPS[op].result);
      this.cur!.insts.push(binaryInst(op, v, lhs, rhs, ins.offset));
      this.stack.push(v);
      return;
    }
    if (isUnaryOp(op)) {
      const arg = this.pop();
      const v = this.newValue(UNARY_OPS[op].result);
      this.cur!.insts.push(unaryInst(op, v, arg, ins.offset));
      this.stack.push(v);
      return;
    }
    switch (op) {
      case 'nop':
        return;
      case 'drop':
        this.pop();
        return;
      case 'i32.const':
        this.stack.push(this.emitConst('i32', ins.value!, ins.offset));
        return;
      case 'i64.const':
        this.stack.push(this.emitConst('i64', ins.value!, ins.offset));
        return;
      case 'f32.const': case 'f64.const':
        this.stack.push(this.emitConst(irTypeOf(op.slice(0, 3))!, ins.value!, ins.offset));
        return;
      // the reinterpretations keep the bits: f32 is an i32 pattern and f64 an i64 one
      case 'i32.reinterpret_f32': case 'f32.reinterpret_i32': case 'i64.reinterpret_f64': case 'f64.reinterpret_i64':
        return;
      case 'f32.eq': case 'f32.ne': case 'f32.lt': case 'f32.gt': case 'f32.le': case 'f32.ge':
      case 'f64.eq': case 'f64.ne': case 'f64.lt': case 'f64.gt': case 'f64.le': case 'f64.ge': {
        const b = this.pop();
        const a = this.pop();
        this.stack.push(this.floatCompare(op.slice(0, 3) as FloatType, op.slice(4) as FloatCompare, a, b, ins.offset));
        return;
      }
      case 'f32.abs': case 'f64.abs': case 'f32.neg': case 'f64.neg': case 'f32.copysign': case 'f64.copysign':
        this.signBitOp(op.slice(0, 3) as FloatType, op.slice(4) as 'abs' | 'neg' | 'copysign', ins.offset);
        return;
      case 'local.get':
        this.stack.push(this.locals[ins.index!]!);
        return;
      case 'local.set':
        this.locals[ins.index!] = this.pop();
        return;
      case 'local.tee':
        this.locals[ins.index!] = this.stack[this.stack.length - 1]!;
        return;
      case 'call':
        this.call(ins);
        return;
      case 'call_indirect': {
        const t = this.ctx.module.types[ins.index!]!;
        const index = this.pop();
        const args = this.popN(t.params.length);
        const results = t.results.map((r) => this.newValue(this.irType(r, ins.offset)));
        this.cur!.insts.push({ kind: 'call_indirect', typeIndex: ins.index!, table: ins.index2 ?? 0, index, args, results, offset: ins.offset });
        this.stack.push(...results);
        return;
      }
      case 'select': {
        const cond = this.pop();
        const b = this.pop();
        const a = this.pop();
        const v = this.newValue(this.types[a]!);
        this.cur!.insts.push({ kind: 'select', result: v, cond, a, b, offset: ins.offset });
        this.stack.push(v);
        return;
      }
      case 'global.get': {
        const t = this.ctx.globalTypes[ins.index!];
        if (!t) throw this.floatGlobal(ins);
        const v = this.newValue(t);
        this.cur!.insts.push({ kind: 'global.get', result: v, global: ins.index!, offset: ins.offset });
        this.stack.push(v);
        return;
      }
      case 'global.set':
        if (!this.ctx.globalTypes[ins.index!]) throw this.floatGlobal(ins);
        this.cur!.insts.push({ kind: 'global.set', global: ins.index!, value: this.pop(), offset: ins.offset });
        return;
      case 'memory.size': {
        this.memoryZero(ins, ins.index);
        const v = this.newValue('i32');
        this.cur!.insts.push({ kind: 'memory.size', result: v, offset: ins.offset });
        this.stack.push(v);
        return;
      }
      case 'memory.grow': {
        this.memoryZero(ins, ins.index);
        const delta = this.pop();
        const v = this.newValue('i32');
        this.cur!.insts.push({ kind: 'memory.grow', result: v, delta, offset: ins.offset });
        this.stack.push(v);
        return;
      }
      case 'memory.fill': case 'memory.copy': case 'memory.init': {
        this.memoryZero(ins, op === 'memory.init' ? ins.index2 : ins.index);
        if (op === 'memory.copy') this.memoryZero(ins, ins.index2);
        const len = this.pop();
        const b = this.pop();
        const dst = this.pop();
        this.cur!.insts.push(op === 'memory.fill' ? { kind: 'memory.fill', dst, value: b, len, offset: ins.offset }
          : op === 'memory.copy' ? { kind: 'memory.copy', dst, src: b, len, offset: ins.offset }
            : { kind: 'memory.init', segment: ins.index!, dst, src: b, len, offset: ins.offset });
        return;
      }
      case 'data.drop':
        this.cur!.insts.push({ kind: 'data.drop', segment: ins.index!, offset: ins.offset });
        return;
      case 'unreachable':
        this.terminate(trapTerm('unreachable', ins.offset));
        return;
      case CONVERSION_STATUS_OP:
        this.conversionStatus(ins.offset);
        return;
      case 'block': {
        const sig = this.blockSig(ins.blockType, ins.offset);
        const end = this.newBlock([...this.localTypes, ...sig.results]);
        this.frames.push({ kind: 'block', ...sig, height: this.stack.length - sig.params.length, target: end.id });
        return;
      }
      case 'loop': {
        const sig = this.blockSig(ins.blockType, ins.offset);
        const header = this.newBlock([...this.localTypes, ...sig.params]);
        const height = this.stack.length - sig.params.length;
        this.terminate(jumpTerm({ block: header.id, args: [...this.locals, ...this.stack.slice(height)] }, ins.offset));
        this.frames.push({ kind: 'loop', ...sig, height, target: header.id });
        this.enter(header, height);
        return;
      }
      case 'if': {
        const sig = this.blockSig(ins.blockType, ins.offset);
        const cond = this.pop();
        const height = this.stack.length - sig.params.length;
        const thenB = this.newBlock([]);
        const elseB = this.newBlock([]);
        const end = this.newBlock([...this.localTypes, ...sig.results]);
        const frame: Frame = {
          kind: 'if', ...sig, height, target: end.id, elseBlock: elseB.id,
          savedLocals: [...this.locals], savedParams: this.stack.slice(height),
        };
        this.terminate(branchTerm(cond, { block: thenB.id, args: [] }, { block: elseB.id, args: [] }, ins.offset));
        this.frames.push(frame);
        this.cur = thenB;
        return;
      }
      case 'else': {
        const f = this.frameAt(0);
        if (this.cur) this.terminate(jumpTerm(this.edgeTo(f), ins.offset));
        this.cur = this.blocks[f.elseBlock!]!;
        f.elseBlock = undefined;
        this.locals = [...f.savedLocals!];
        this.stack.length = f.height;
        this.stack.push(...f.savedParams!);
        return;
      }
      case 'end':
        this.end(ins);
        return;
      case 'br': {
        this.terminate(jumpTerm(this.edgeTo(this.frameAt(ins.index!)), ins.offset));
        return;
      }
      case 'br_if': {
        const cond = this.pop();
        const fall = this.newBlock([]);
        this.terminate(branchTerm(cond, this.edgeTo(this.frameAt(ins.index!)), { block: fall.id, args: [] }, ins.offset));
        this.cur = fall;
        return;
      }
      case 'br_table': {
        const index = this.pop();
        const targets = ins.labels!.map((d) => this.edgeTo(this.frameAt(d)));
        this.terminate(switchTerm(index, targets, this.edgeTo(this.frameAt(ins.index!)), ins.offset));
        return;
      }
      case 'return':
        this.terminate(jumpTerm(this.edgeTo(this.frames[0]!), ins.offset));
        return;
      default:
        if (Object.hasOwn(MEM_ACCESS, op)) {
          this.memAccess(ins, op as LoadOp | StoreOp);
          return;
        }
        if (Object.hasOwn(FLOAT_MEM_ACCESS, op)) {
          this.memAccess(ins, FLOAT_MEM_ACCESS[op]!);
          return;
        }
        this.unsupported(ins);
    }
  }

  /**
   * IEEE comparison on bit patterns, as branches (a comparison that feeds a branch costs one
   * jump row; the result is the join block's parameter): false when either side is a NaN (true
   * for `ne`), +0 = −0, otherwise the order of sign and magnitude. Bits with a sign bit clear on
   * either side are ordered by the signed comparison (a negative is below a positive); both
   * negative, the larger magnitude is the smaller number: an unsigned comparison the other way.
   */
  private floatCompare(f: FloatType, cmp: FloatCompare, a: ValueId, b: ValueId, offset: number): ValueId {
    const t = irTypeOf(f)!;
    const abs = FLOAT_LAYOUT[f].sign - 1n;
    const inf = FLOAT_LAYOUT[f].exponent;
    const op = (name: string, lhs: ValueId, rhs: ValueId): ValueId => this.emitBinary(name as BinaryOpName, lhs, rhs, offset);
    const k = (value: bigint, type: IrType = t): ValueId => this.emitConst(type, value, offset);
    const join = this.newBlock(['i32']);
    const give = (v: ValueId): void => this.terminate(jumpTerm({ block: join.id, args: [v] }, offset));
    /** if `cond`, `then` (which gives the result); the code after goes on where it does not hold */
    const when = (cond: ValueId, then: () => void): void => {
      const [yes, no] = [this.newBlock([]), this.newBlock([])];
      this.terminate(branchTerm(cond, { block: yes.id, args: [] }, { block: no.id, args: [] }, offset));
      this.cur = yes;
      then();
      this.cur = no;
    };
    const isNaN = (x: ValueId): ValueId => op(`${t}.gt_u`, op(`${t}.and`, x, k(abs)), k(inf));
    const bothZero = (x: ValueId, y: ValueId): ValueId => op(`${t}.eq`, op(`${t}.and`, op(`${t}.or`, x, y), k(abs)), k(0n));
    when(isNaN(a), () => give(k(cmp === 'ne' ? 1n : 0n, 'i32')));
    when(isNaN(b), () => give(k(cmp === 'ne' ? 1n : 0n, 'i32')));
    if (cmp === 'eq' || cmp === 'ne') {
      when(op(`${t}.eq`, a, b), () => give(k(cmp === 'eq' ? 1n : 0n, 'i32')));
      const zeros = bothZero(a, b);
      give(cmp === 'eq' ? zeros : op('i32.xor', zeros, k(1n, 'i32')));
    } else {
      const [lo, hi] = cmp === 'lt' || cmp === 'le' ? [a, b] : [b, a];
      const strict = cmp === 'lt' || cmp === 'gt';
      when(op(`${t}.lt_s`, op(`${t}.and`, lo, hi), k(0n)), () => give(op(strict ? `${t}.gt_u` : `${t}.ge_u`, lo, hi)));
      when(bothZero(lo, hi), () => give(k(strict ? 0n : 1n, 'i32'))); // +0 against −0
      give(op(strict ? `${t}.lt_s` : `${t}.le_s`, lo, hi));
    }
    this.cur = join;
    return join.params[0]!;
  }

  /**
   * After a trapping conversion's routine (src/wasm/softfloat.ts): its status, popped, is 0 when
   * the value converted, 1 for a NaN, 2 for a value out of range; the trap is the instruction's.
   */
  private conversionStatus(offset: number): void {
    const status = this.pop();
    const converted = this.newBlock([]);
    const failed = this.newBlock([]);
    this.terminate(branchTerm(status, { block: failed.id, args: [] }, { block: converted.id, args: [] }, offset));
    this.cur = failed;
    const nan = this.emitBinary('i32.eq', status, this.emitConst('i32', 1n, offset), offset);
    const [invalid, overflow] = [this.newBlock([]), this.newBlock([])];
    this.terminate(branchTerm(nan, { block: invalid.id, args: [] }, { block: overflow.id, args: [] }, offset));
    this.cur = invalid;
    this.terminate(trapTerm('invalid conversion to integer', offset));
    this.cur = overflow;
    this.terminate(trapTerm('integer overflow', offset));
    this.cur = converted;
  }

  /** abs, neg and copysign touch only the sign bit (they never canonicalise a NaN: the spec says so). */
  private signBitOp(f: FloatType, what: 'abs' | 'neg' | 'copysign', offset: number): void {
    const t = irTypeOf(f)!;
    const sign = FLOAT_LAYOUT[f].sign;
    const bin = (op: 'and' | 'or' | 'xor', lhs: ValueId, rhs: ValueId): ValueId => this.emitBinary(`${t}.${op}`, lhs, rhs, offset);
    if (what === 'copysign') {
      const from = this.pop();
      const x = this.pop();
      const magnitude = bin('and', x, this.emitConst(t, sign - 1n, offset));
      this.stack.push(bin('or', magnitude, bin('and', from, this.emitConst(t, sign, offset))));
      return;
    }
    const x = this.pop();
    this.stack.push(what === 'abs' ? bin('and', x, this.emitConst(t, sign - 1n, offset)) : bin('xor', x, this.emitConst(t, sign, offset)));
  }

  /** Only loads and stores reach a second memory (the NEAR host's): anything else is memory 0. */
  private memoryZero(ins: Instr, memory: number | undefined): void {
    if ((memory ?? 0) !== 0) throw unsupportedFeature(this.ctx.fileName, `${ins.op} of memory ${memory}`, `@0x${ins.offset.toString(16)}`);
  }

  private memAccess(ins: Instr, op: LoadOp | StoreOp): void {
    const hostBase = this.ctx.module.hostMemoryBase;
    const host = (ins.index ?? 0) !== 0;
    if (host && (ins.index !== 1 || hostBase === undefined)) throw unsupportedFeature(this.ctx.fileName, `${ins.op} of memory ${ins.index}`, `@0x${ins.offset.toString(16)}`);
    const memOffset = ins.memarg!.offset + (host ? hostBase! : 0);
    const mark = host ? { host: true as const } : {};
    if (op.includes('store')) {
      const value = this.pop();
      const addr = this.pop();
      this.cur!.insts.push({ kind: 'store', op: op as StoreOp, addr, value, memOffset, offset: ins.offset, ...mark });
      return;
    }
    const addr = this.pop();
    const v = this.newValue(MEM_ACCESS[op].type);
    this.cur!.insts.push({ kind: 'load', op: op as LoadOp, result: v, addr, memOffset, offset: ins.offset, ...mark });
    this.stack.push(v);
  }

  private call(ins: Instr): void {
    const f = ins.index!;
    const t = funcType(this.ctx.module, f);
    const args = this.popN(t.params.length);
    const results = t.results.map((r) => this.newValue(this.irType(r, ins.offset)));
    const host = this.ctx.hosts.get(f);
    if (host === 'stub') {
      this.terminate(trapTerm('stubbed import', ins.offset));
      return;
    }
    if (host === 'ignore') {
      // a harness function with no results (spectest.print*): nothing to do
    } else if (host !== undefined) {
      this.cur!.insts.push(hostInst(host, args, results, ins.offset));
    } else if (f < importedFuncCount(this.ctx.module)) {
      throw new Error(`imported function #${f} has no host binding (checked when the module was read)`);
    } else {
      this.cur!.insts.push(callInst(f, args, results, ins.offset));
    }
    this.stack.push(...results);
  }

  private end(ins: Instr): void {
    const f = this.frames.pop()!;
    switch (f.kind) {
      case 'loop':
        // control continues in the current block; the results are on the stack
        return;
      case 'func':
        if (this.cur) this.terminate(jumpTerm(this.edgeTo(f), ins.offset));
        return;
      case 'if':
        if (f.elseBlock !== undefined) {
          // `if` without `else`: the else arm passes the parameters through (params == results)
          if (this.cur) this.terminate(jumpTerm(this.edgeTo(f), ins.offset));
          this.cur = this.blocks[f.elseBlock]!;
          this.terminate(jumpTerm({ block: f.target, args: [...f.savedLocals!, ...f.savedParams!] }, ins.offset));
          break;
        }
        if (this.cur) this.terminate(jumpTerm(this.edgeTo(f), ins.offset));
        break;
      case 'block':
        if (this.cur) this.terminate(jumpTerm(this.edgeTo(f), ins.offset));
        break;
    }
    if (this.preds[f.target]! > 0) this.enter(this.blocks[f.target]!, f.height);
    else this.cur = null;
  }
}

/** The WASM value type of global `index` (imported globals come first in the index space). */
function globalValType(module: Module, index: number): ValType | undefined {
  const imported = module.imports.flatMap((imp) => (imp.desc.kind === 'global' ? [imp.desc.global.type] : []));
  return index < imported.length ? imported[index] : module.globals[index - imported.length]?.type.type;
}
