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

/** `offset`: byte offset of the WASM instruction this node came from (-1 if none). */
export type Inst =
  | { kind: 'const'; result: ValueId; type: IrType; value: bigint; offset: number }
  | { kind: 'unary'; op: UnaryOpName; result: ValueId; arg: ValueId; offset: number }
  | { kind: 'binary'; op: BinaryOpName; result: ValueId; lhs: ValueId; rhs: ValueId; offset: number }
  | { kind: 'call'; func: number; args: ValueId[]; results: ValueId[]; offset: number }
  | { kind: 'host'; name: HostFuncName; args: ValueId[]; results: ValueId[]; offset: number };

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

export interface IrModule {
  /** source file name, for messages */
  fileName: string;
  /** defined functions, in WASM order */
  funcs: IrFunction[];
  /** position in `funcs` of the program entry */
  entry: number;
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

/** Values an instruction reads. */
export function instArgs(i: Inst): ValueId[] {
  switch (i.kind) {
    case 'const': return [];
    case 'unary': return [i.arg];
    case 'binary': return [i.lhs, i.rhs];
    case 'call':
    case 'host': return i.args;
  }
}

/** Values an instruction defines. */
export function instResults(i: Inst): ValueId[] {
  switch (i.kind) {
    case 'const':
    case 'unary':
    case 'binary': return [i.result];
    case 'call':
    case 'host': return i.results;
  }
}

/** Instructions that may be deleted when their results are unused (no effect, no trap). */
export function isPure(i: Inst): boolean {
  if (i.kind === 'const' || i.kind === 'unary') return true;
  if (i.kind === 'binary') return !/\.(div|rem)_/.test(i.op);
  return false;
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
      case 'const': break;
      case 'unary': i.arg = f(i.arg); break;
      case 'binary': i.lhs = f(i.lhs); i.rhs = f(i.rhs); break;
      case 'call':
      case 'host': i.args = i.args.map(f); break;
    }
  }
  const t = block.term;
  for (const r of successors(t)) r.args = r.args.map(f);
  if (t.kind === 'branch') t.cond = f(t.cond);
  else if (t.kind === 'switch') t.index = f(t.index);
  else if (t.kind === 'return') t.values = t.values.map(f);
}
