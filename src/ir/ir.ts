// The SSA IR: functions → blocks with parameters → instructions over typed values (i32/i64).
// Plain data; each node kind has a lowercase factory. Values are numbered per function
// (`types[v]` is the type of value v); block parameters play the role of phis.
//
// Invariants (checked by verify.ts): every value is defined once, by a block parameter or an
// instruction result, and its definition dominates every use; blocks[0] is the entry and its
// parameters are the function's parameters; every jump passes exactly the target's parameters.

import type { BinaryOpName, HostFuncName, IrType, TrapKind, UnaryOpName } from './ops.js';

export type { IrType, BinaryOpName, UnaryOpName, HostFuncName, TrapKind };
export type ValueId = number;
export type BlockId = number;

/** Memory accesses in WASM spelling; `bytes` and `signed` come from MEM_ACCESS. */
export type LoadOp =
  | 'i32.load' | 'i64.load' | 'i32.load8_s' | 'i32.load8_u' | 'i32.load16_s' | 'i32.load16_u'
  | 'i64.load8_s' | 'i64.load8_u' | 'i64.load16_s' | 'i64.load16_u' | 'i64.load32_s' | 'i64.load32_u';
export type StoreOp = 'i32.store' | 'i64.store' | 'i32.store8' | 'i32.store16' | 'i64.store8' | 'i64.store16' | 'i64.store32';

export const MEM_ACCESS: Readonly<Record<LoadOp | StoreOp, { type: IrType; bytes: 1 | 2 | 4 | 8; signed: boolean }>> = {
  'i32.load': { type: 'i32', bytes: 4, signed: false },
  'i64.load': { type: 'i64', bytes: 8, signed: false },
  'i32.load8_s': { type: 'i32', bytes: 1, signed: true },
  'i32.load8_u': { type: 'i32', bytes: 1, signed: false },
  'i32.load16_s': { type: 'i32', bytes: 2, signed: true },
  'i32.load16_u': { type: 'i32', bytes: 2, signed: false },
  'i64.load8_s': { type: 'i64', bytes: 1, signed: true },
  'i64.load8_u': { type: 'i64', bytes: 1, signed: false },
  'i64.load16_s': { type: 'i64', bytes: 2, signed: true },
  'i64.load16_u': { type: 'i64', bytes: 2, signed: false },
  'i64.load32_s': { type: 'i64', bytes: 4, signed: true },
  'i64.load32_u': { type: 'i64', bytes: 4, signed: false },
  'i32.store': { type: 'i32', bytes: 4, signed: false },
  'i64.store': { type: 'i64', bytes: 8, signed: false },
  'i32.store8': { type: 'i32', bytes: 1, signed: false },
  'i32.store16': { type: 'i32', bytes: 2, signed: false },
  'i64.store8': { type: 'i64', bytes: 1, signed: false },
  'i64.store16': { type: 'i64', bytes: 2, signed: false },
  'i64.store32': { type: 'i64', bytes: 4, signed: false },
};

/** `offset`: byte offset of the WASM instruction this node came from (-1 if none). */
export type Inst =
  | { kind: 'const'; result: ValueId; type: IrType; value: bigint; offset: number }
  | { kind: 'unary'; op: UnaryOpName; result: ValueId; arg: ValueId; offset: number }
  | { kind: 'binary'; op: BinaryOpName; result: ValueId; lhs: ValueId; rhs: ValueId; offset: number }
  /** cond (i32) ≠ 0 ? a : b */
  | { kind: 'select'; result: ValueId; cond: ValueId; a: ValueId; b: ValueId; offset: number }
  | { kind: 'call'; func: number; args: ValueId[]; results: ValueId[]; offset: number }
  /** call through table `table` entry `index`, checked against type `typeIndex` */
  | { kind: 'call_indirect'; typeIndex: number; table: number; index: ValueId; args: ValueId[]; results: ValueId[]; offset: number }
  | { kind: 'host'; name: HostFuncName; args: ValueId[]; results: ValueId[]; offset: number }
  | { kind: 'global.get'; result: ValueId; global: number; offset: number }
  | { kind: 'global.set'; global: number; value: ValueId; offset: number }
  /**
   * `memOffset`: the static offset immediate. `host`: an access of the NEAR host's own memory
   * (src/near/link.ts): memOffset already includes the host memory's base, and there is no
   * bounds check (that memory is fixed, and no program access reaches it)
   */
  | { kind: 'load'; op: LoadOp; result: ValueId; addr: ValueId; memOffset: number; offset: number; host?: true }
  | { kind: 'store'; op: StoreOp; addr: ValueId; value: ValueId; memOffset: number; offset: number; host?: true }
  | { kind: 'memory.size'; result: ValueId; offset: number }
  | { kind: 'memory.grow'; result: ValueId; delta: ValueId; offset: number }
  | { kind: 'memory.fill'; dst: ValueId; value: ValueId; len: ValueId; offset: number }
  | { kind: 'memory.copy'; dst: ValueId; src: ValueId; len: ValueId; offset: number }
  | { kind: 'memory.init'; segment: number; dst: ValueId; src: ValueId; len: ValueId; offset: number }
  | { kind: 'data.drop'; segment: number; offset: number };

export interface BlockRef {
  block: BlockId;
  args: ValueId[];
}

export type Terminator =
  | { kind: 'jump'; target: BlockRef; offset: number }
  /** to `then` when cond (i32) ≠ 0, else to `else` */
  | { kind: 'branch'; cond: ValueId; then: BlockRef; else: BlockRef; offset: number }
  | { kind: 'switch'; index: ValueId; targets: BlockRef[]; default: BlockRef; offset: number }
  | { kind: 'return'; values: ValueId[]; offset: number }
  | { kind: 'trap'; trap: TrapKind; offset: number };

export interface Block {
  id: BlockId;
  params: ValueId[];
  insts: Inst[];
  term: Terminator;
}

export interface IrFunction {
  /** `$name` for messages and labels */
  name: string;
  /** WASM function index (imports counted) */
  index: number;
  params: IrType[];
  results: IrType[];
  /** blocks[0] is the entry; ids are indices into this array */
  blocks: Block[];
  /** type of each value */
  types: IrType[];
}

export interface IrGlobal {
  type: IrType;
  mutable: boolean;
  /** initial value (bit pattern) */
  init: bigint;
}

export interface IrDataSegment {
  /** a NEAR contract's data (src/near/link.ts): written by that contract's instance reset, not at set-up */
  contract?: number;
  /** active segments are copied into memory at `offset` when the program starts */
  active: boolean;
  offset: number;
  bytes: Uint8Array;
}

export interface IrTable {
  /** entries after the active element segments ran: function index, or null */
  elems: (number | null)[];
}

export interface IrModule {
  /** source file name, for messages */
  fileName: string;
  /** defined functions, in WASM order */
  funcs: IrFunction[];
  /** position in `funcs` of the start function, run at instantiation; -1: none */
  start: number;
  /**
   * position in `funcs` of the program entry, called after the start function as a host calls
   * an export; -1: none (the start function is the program, or spec runs call exported functions)
   */
  entry: number;
  /** zero arguments the entry takes (clang's `main(argc, argv)`: 2) */
  entryArgs: number;
  /** every global, imported ones first (the WASM index space) */
  globals: IrGlobal[];
  /** linear memory in 64 KiB pages, if the module has one */
  memory?: { minPages: number; maxPages?: number };
  data: IrDataSegment[];
  tables: IrTable[];
  /** every WASM function type, by type index (call_indirect checks against these; may name float types) */
  types: { params: string[]; results: string[] }[];
  /** signature of every function (imports included), by function index */
  funcTypes: number[];
  /** NEAR programs: the initial pages of each contract's memory (src/near/link.ts) */
  contractPages?: number[];
  /** NEAR programs: the word index of the dirty-block flags (src/backend/lower/memory.ts marks them) */
  dirtyFlags?: number;
  /** instantiating the module traps (an active segment out of bounds) */
  startTrap?: TrapKind;
}

// ---- factories
export const constInst = (result: ValueId, type: IrType, value: bigint, offset = -1): Inst =>
  ({ kind: 'const', result, type, value, offset });
export const unaryInst = (op: UnaryOpName, result: ValueId, arg: ValueId, offset = -1): Inst =>
  ({ kind: 'unary', op, result, arg, offset });
export const binaryInst = (op: BinaryOpName, result: ValueId, lhs: ValueId, rhs: ValueId, offset = -1): Inst =>
  ({ kind: 'binary', op, result, lhs, rhs, offset });
export const callInst = (func: number, args: ValueId[], results: ValueId[], offset = -1): Inst =>
  ({ kind: 'call', func, args, results, offset });
export const hostInst = (name: HostFuncName, args: ValueId[], results: ValueId[], offset = -1): Inst =>
  ({ kind: 'host', name, args, results, offset });
export const jumpTerm = (target: BlockRef, offset = -1): Terminator => ({ kind: 'jump', target, offset });
export const branchTerm = (cond: ValueId, then: BlockRef, els: BlockRef, offset = -1): Terminator =>
  ({ kind: 'branch', cond, then, else: els, offset });
export const switchTerm = (index: ValueId, targets: BlockRef[], dflt: BlockRef, offset = -1): Terminator =>
  ({ kind: 'switch', index, targets, default: dflt, offset });
export const returnTerm = (values: ValueId[], offset = -1): Terminator => ({ kind: 'return', values, offset });
export const trapTerm = (trap: TrapKind, offset = -1): Terminator => ({ kind: 'trap', trap, offset });

// ---- generic accessors used by every analysis and pass

/** Values an instruction reads, in operand order. */
export function instArgs(i: Inst): ValueId[] {
  switch (i.kind) {
    case 'const': case 'global.get': case 'memory.size': case 'data.drop': return [];
    case 'unary': return [i.arg];
    case 'binary': return [i.lhs, i.rhs];
    case 'select': return [i.cond, i.a, i.b];
    case 'call': case 'host': return i.args;
    case 'call_indirect': return [...i.args, i.index];
    case 'global.set': return [i.value];
    case 'load': return [i.addr];
    case 'store': return [i.addr, i.value];
    case 'memory.grow': return [i.delta];
    case 'memory.fill': return [i.dst, i.value, i.len];
    case 'memory.copy': return [i.dst, i.src, i.len];
    case 'memory.init': return [i.dst, i.src, i.len];
  }
}

/** Values an instruction defines. */
export function instResults(i: Inst): ValueId[] {
  switch (i.kind) {
    case 'const': case 'unary': case 'binary': case 'select': case 'global.get': case 'load':
    case 'memory.size': case 'memory.grow':
      return [i.result];
    case 'call': case 'host': case 'call_indirect': return i.results;
    case 'global.set': case 'store': case 'memory.fill': case 'memory.copy': case 'memory.init': case 'data.drop':
      return [];
  }
}

/** Rewrite the values an instruction defines through `f`. */
export function mapResults(i: Inst, f: (v: ValueId) => ValueId): void {
  switch (i.kind) {
    case 'const': case 'unary': case 'binary': case 'select': case 'global.get': case 'load':
    case 'memory.size': case 'memory.grow':
      i.result = f(i.result);
      return;
    case 'call': case 'host': case 'call_indirect':
      i.results = i.results.map(f);
      return;
    default:
      return;
  }
}

/** Instructions that may be deleted when their results are unused (no effect, no trap). */
export function isPure(i: Inst): boolean {
  switch (i.kind) {
    case 'const': case 'unary': case 'select': case 'global.get': case 'memory.size': return true;
    case 'binary': return !/\.(div|rem)_/.test(i.op);
    default: return false;
  }
}

/** Edges leaving a block, in order. */
export function successors(t: Terminator): BlockRef[] {
  switch (t.kind) {
    case 'jump': return [t.target];
    case 'branch': return [t.then, t.else];
    case 'switch': return [...t.targets, t.default];
    case 'return':
    case 'trap': return [];
  }
}

/** Values a terminator reads (including edge arguments). */
export function termArgs(t: Terminator): ValueId[] {
  const edges = successors(t).flatMap((r) => r.args);
  switch (t.kind) {
    case 'branch': return [t.cond, ...edges];
    case 'switch': return [t.index, ...edges];
    case 'return': return t.values;
    default: return edges;
  }
}

/** Rewrite every value a block reads through `f` (definitions are untouched). */
export function mapUses(block: Block, f: (v: ValueId) => ValueId): void {
  for (const i of block.insts) {
    switch (i.kind) {
      case 'const': case 'global.get': case 'memory.size': case 'data.drop': break;
      case 'unary': i.arg = f(i.arg); break;
      case 'binary': i.lhs = f(i.lhs); i.rhs = f(i.rhs); break;
      case 'select': i.cond = f(i.cond); i.a = f(i.a); i.b = f(i.b); break;
      case 'call': case 'host': i.args = i.args.map(f); break;
      case 'call_indirect': i.args = i.args.map(f); i.index = f(i.index); break;
      case 'global.set': i.value = f(i.value); break;
      case 'load': i.addr = f(i.addr); break;
      case 'store': i.addr = f(i.addr); i.value = f(i.value); break;
      case 'memory.grow': i.delta = f(i.delta); break;
      case 'memory.fill': i.dst = f(i.dst); i.value = f(i.value); i.len = f(i.len); break;
      case 'memory.copy': i.dst = f(i.dst); i.src = f(i.src); i.len = f(i.len); break;
      case 'memory.init': i.dst = f(i.dst); i.src = f(i.src); i.len = f(i.len); break;
    }
  }
  const t = block.term;
  for (const r of successors(t)) r.args = r.args.map(f);
  if (t.kind === 'branch') t.cond = f(t.cond);
  else if (t.kind === 'switch') t.index = f(t.index);
  else if (t.kind === 'return') t.values = t.values.map(f);
}
