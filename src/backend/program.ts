// The whole program:
//
//   start:              ROM row 0: save SP for the trap handlers, go to the set-up
//   <low ROM>           jump tables, the call_indirect dispatch table, runtime helpers and trap
//                       handlers — computed jumps only reach rows below 65,536
//   __w2z_setup:        globals, memory size, data segments, tables; then
//           :CALL(start function), :CALL(entry)   as instantiation, then the host, would
//   finalizeExecution:  (the debug executor stops here; steps = rows executed before it)
//           ${beforeLast(K)} :JMPN(finalizeExecution)    padding until row N-K
//   __w2z_publics:      the publics epilogue, one MLOAD per public into A (rows N-K+1 … N-2):
//           $ => A :MLOAD(__w2z_status)                  the status word (0 or a trap code)
//           $ => A :MLOAD(__w2z_out_n)                   the number of outputs
//           $ => A :MLOAD(__w2z_out + k)                 output slot k, for k < maxOutputs
//           0 => A, B, C, D, E, RR :JMP(start)           row N-1: registers back to their
//                                                         initial values, trace wraps to row 0
//   <functions>
//
// SP, CTX and GAS are never left changed (calls are balanced; a trap restores SP), so the final
// state equals the initial one, as the PIL's cyclic constraints require. The PIL reads each
// public as register A on the row after its MLOAD (publicLayout); nothing jumps into the
// epilogue, so once the last row is pinned every epilogue row sits at a fixed step.

import type { IrModule } from '../ir/ir.js';
import type { Statement, ZkasmProgram } from '../zkasm/ast.js';
import { call, Emitter, freeExpr, freeIn, jmp, konst, memE, mload, mstore, reg, REGS, spAddr, varAddr } from './emit.js';
import { MAX_REG_RESULTS } from './frame.js';
import { lowerFunction } from './function.js';
import { PAGE_BYTES, ProgramContext, VARS } from './context.js';
import { emitRuntime } from './runtime.js';
import { dataImage } from './data-image.js';
import { LABELS } from './labels.js';
import { DEFAULT_MAX_OUTPUTS, MAX_OUTPUTS_LIMIT } from '../abi.js';
import { programTooLarge } from '../diagnostics.js';
import { append } from '../util.js';

/** Words of the machine's GLOBAL variable region (the assembler's and Polygon's limit). */
const GLOBAL_WORDS = 0x10000;

export const START_LABEL = LABELS.start;
export const END_LABEL = LABELS.end;
/** The first row of the publics epilogue. */
export const PUBLICS_LABEL = LABELS.publics;

/** One public value of a proof, in epilogue order. */
export interface PublicValue {
  /** `status`, `outCount`, `out0`, `out1`, … */
  name: string;
  /** the VAR GLOBAL its MLOAD reads, and the word within it */
  var: string;
  index: number;
  /** k-th row after `__w2z_publics` is its MLOAD */
  row: number;
  /**
   * The public is register A (limbs A0, A1) at step N − fromEnd of an N-row trace: the row after
   * its MLOAD. The last public is read on the last row (fromEnd 1).
   */
  fromEnd: number;
}

/** The publics of a program compiled with `maxOutputs` output slots: status, count, slots. */
export function publicLayout(maxOutputs: number): PublicValue[] {
  const reads: Omit<PublicValue, 'row' | 'fromEnd'>[] = [
    { name: 'status', var: VARS.status, index: 0 },
    { name: 'outCount', var: VARS.outCount, index: 0 },
    ...Array.from({ length: maxOutputs }, (_, k) => ({ name: `out${k}`, var: VARS.out, index: k })),
  ];
  return reads.map((p, k) => ({ ...p, row: k, fromEnd: reads.length - k }));
}

/**
 * Rows from the padding loop's last iteration to the end of the trace: the `beforeLast(K)` of
 * the loop (the loop's JMPN, the epilogue's MLOADs and the final row). A prover-shape run of a
 * program that reaches `finalizeExecution` after S steps needs N ≥ S + K.
 */
export function tailRows(maxOutputs: number): number {
  return publicLayout(maxOutputs).length + 2;
}

export interface LowerOptions {
  /** output slots (default 8, at most 256): appending beyond them traps with `too many outputs` */
  maxOutputs?: number;
}

/** A call of an exported function with constant arguments, reached at label `inv<k>` (spec runs). */
export interface Invocation {
  func: number;
  args: bigint[];
}

export const invocationLabel = (k: number): string => `__w2z_inv${k}`;

export function lowerProgram(m: IrModule, invocations: Invocation[] = [], opts: LowerOptions = {}): ZkasmProgram {
  const ctx = new ProgramContext(m);
  ctx.maxOutputs = opts.maxOutputs ?? DEFAULT_MAX_OUTPUTS;
  if (!Number.isInteger(ctx.maxOutputs) || ctx.maxOutputs < 0 || ctx.maxOutputs > MAX_OUTPUTS_LIMIT) {
    throw new Error(`maxOutputs ${ctx.maxOutputs} is outside 0..${MAX_OUTPUTS_LIMIT}`);
  }
  ctx.resultVars = Math.max(0, ...invocations.map((inv) => m.types[m.funcTypes[inv.func]!]!.results.length));
  if (invocations.length > 0) ctx.traps.add('unreachable'); // status and SP are reset by every invocation
  const functions: Statement[] = [];
  for (const f of m.funcs) {
    const em = new Emitter();
    em.comment(`func ${f.name} (#${f.index}) (${f.params.join(', ')}) -> (${f.results.join(', ')})`);
    append(functions, em.out, lowerFunction(f, ctx).out);
  }
  const setup = emitSetup(ctx);
  const runtime = emitRuntime(ctx);
  const low = [...emitTables(ctx), ...runtime];

  const em = new Emitter();
  const start = m.funcs[m.start];
  const entry = m.funcs[m.entry];
  em.comment(`generated by wasm2zkasm from ${m.fileName}${start ? `, start ${start.name}` : ''}${entry ? `, entry ${entry.name}` : ''}`);
  for (const v of programVars(ctx)) em.out.push(v);
  em.label(START_LABEL);
  const traps = ctx.traps.size > 0;
  if (traps) em.step([reg('SP')], [], [mstore(varAddr(VARS.sp0)), ...(low.length > 0 ? [jmp(LABELS.setup)] : [])]);
  else if (low.length > 0) em.step([], [], [jmp(LABELS.setup)]);
  append(em.out, low);
  em.label(LABELS.setup);
  append(em.out, setup);
  // instantiation runs the start function, then the host calls the entry (zeros for argc, argv)
  if (start) em.step([], [], [call(ctx.funcLabel(start.index))]);
  if (entry) {
    for (let k = 0; k < m.entryArgs; k++) em.step([konst(0n)], [], [mstore(spAddr(k))]);
    em.step([], [], [call(ctx.funcLabel(entry.index))]);
  }
  append(em.out, emitEnd(ctx.maxOutputs), emitInvocations(ctx, invocations), functions);
  return { statements: em.out };
}

/** The padding loop, the publics epilogue and the last row. */
function emitEnd(maxOutputs: number): Statement[] {
  const em = new Emitter();
  em.label(END_LABEL);
  em.step([freeExpr({ kind: 'call', name: 'beforeLast', args: [{ kind: 'num', value: BigInt(tailRows(maxOutputs)) }] })], [],
    [{ kind: 'jump', cond: 'JMPN', target: { kind: 'label', name: END_LABEL } }]);
  em.label(PUBLICS_LABEL);
  for (const p of publicLayout(maxOutputs)) em.step([freeIn()], ['A'], [mload(varAddr(p.var, p.index))]);
  em.step([konst(0n)], ['A', 'B', 'C', 'D', 'E', 'RR'], [jmp(START_LABEL)]);
  return em.out;
}

/**
 * One entry per invocation: clear the status, remember SP, store the arguments, call, keep
 * the results in `__w2z_res<k>` (memory outlives the run), end.
 */
function emitInvocations(ctx: ProgramContext, invocations: Invocation[]): Statement[] {
  const em = new Emitter();
  invocations.forEach((inv, k) => {
    em.label(invocationLabel(k));
    em.step([konst(0n)], [], [mstore(varAddr(VARS.status))]);
    em.step([reg('SP')], [], [mstore(varAddr(VARS.sp0))]);
    inv.args.forEach((a, i) => em.step([konst(a)], [], [mstore({ kind: 'sp', offset: i, inc: 0 })]));
    em.step([], [], [call(ctx.funcLabel(inv.func))]);
    const results = ctx.ir.types[ctx.ir.funcTypes[inv.func]!]!.results;
    // results beyond the registers are in their variables already (frame.ts)
    results.slice(0, MAX_REG_RESULTS).forEach((_, i) => em.step([reg(REGS[i]!)], [], [mstore(varAddr(VARS.result(i)))]));
    em.step([], [], [jmp(END_LABEL)]);
  });
  return em.out;
}

/** VAR GLOBAL declarations of the program (runtime templates declare their own). */
function programVars(ctx: ProgramContext): Statement[] {
  // status and outputs first, always (the publics epilogue reads them): fixed addresses 0, 1, 2…
  const vars: { name: string; size?: number }[] = [{ name: VARS.status }, { name: VARS.outCount }];
  if (ctx.maxOutputs > 0) vars.push({ name: VARS.out, size: ctx.maxOutputs });
  if (ctx.traps.size > 0) vars.push({ name: VARS.trapSite }, { name: VARS.sp0 });
  if (ctx.usesGuard) vars.push({ name: VARS.guardOn }, { name: VARS.guardSp });
  if (ctx.resets.size > 0) vars.push({ name: VARS.dirty }, { name: VARS.resetBlock });
  ctx.ir.globals.forEach((g, i) => { if (g.mutable) vars.push({ name: ctx.globalVar(i) }); });
  if (ctx.dynamicMemory) vars.push({ name: VARS.memPages }, { name: VARS.memBytes });
  if (ctx.usesTables) ctx.ir.tables.forEach((t, i) => {
    if (t.elems.length > 0) vars.push({ name: VARS.tableFn(i), size: t.elems.length }, { name: VARS.tableSig(i), size: t.elems.length });
  });
  for (const k of [...ctx.initSegments].sort((a, b) => a - b)) {
    vars.push({ name: VARS.data(k), size: Math.max(1, ctx.ir.data[k]!.bytes.length) }, { name: VARS.dataLen(k) });
  }
  for (const r of [...ctx.saveVars].sort()) vars.push({ name: VARS.save(r) });
  // __w2z_res<k>: results of invocations, and results beyond the registers of any call
  for (let i = 0; i < Math.max(ctx.resultVars, ctx.maxResults); i++) {
    if (i < ctx.resultVars || i >= MAX_REG_RESULTS) vars.push({ name: VARS.result(i) });
  }
  const words = vars.reduce((n, v) => n + (v.size ?? 1), 0);
  if (words > GLOBAL_WORDS) {
    const globals = ctx.ir.globals.filter((g) => g.mutable).length;
    const tables = ctx.usesTables ? ctx.ir.tables.reduce((n, t) => n + t.elems.length, 0) : 0;
    const data = [...ctx.initSegments].reduce((n, k) => n + ctx.ir.data[k]!.bytes.length, 0);
    throw programTooLarge(ctx.ir.fileName, `its variables need ${words} words, this machine has ${GLOBAL_WORDS} `
      + `(${globals} mutable globals, ${tables} table entries at 2 words, ${data} bytes of passive data at a word each)`);
  }
  return vars.map((v) => ({ kind: 'var', scope: 'GLOBAL', name: v.name, ...(v.size !== undefined ? { size: v.size } : {}), line: 0 }));
}

/** br_table jump tables and the call_indirect dispatch table. */
function emitTables(ctx: ProgramContext): Statement[] {
  const em = new Emitter();
  for (const t of ctx.jumpTables) {
    em.label(t.label);
    for (const target of t.targets) em.step([], [], [jmp(target)]);
  }
  if (ctx.usesTables) {
    em.label(LABELS.dispatch);
    for (const f of ctx.dispatch) em.step([], [], [jmp(ctx.funcLabel(f))]);
    // no function is ever in a table (every entry null): call_indirect traps at the entry's
    // signature word (always 0) before it gets here; the label still needs a row
    if (ctx.dispatch.length === 0) em.step([], [], [jmp(LABELS.dispatch)]);
  }
  return em.out;
}

/** Initial state: instantiation trap, globals, memory size and contents, tables, passive data. */
function emitSetup(ctx: ProgramContext): Statement[] {
  const em = new Emitter();
  const m = ctx.ir;
  if (m.startTrap) {
    em.step([], [], [call(ctx.trapLabel(m.startTrap))]);
    return em.out;
  }
  m.globals.forEach((g, i) => {
    if (g.mutable && g.init !== 0n) em.step([konst(g.init)], [], [mstore(varAddr(ctx.globalVar(i)))]);
  });
  if (ctx.dynamicMemory) {
    const pages = m.memory?.minPages ?? 0;
    em.step([konst(BigInt(pages))], [], [mstore(varAddr(VARS.memPages))]);
    em.step([konst(BigInt(pages * PAGE_BYTES))], [], [mstore(varAddr(VARS.memBytes))]);
  }
  const words = dataImage(ctx, (d) => d.contract === undefined);
  if (words.length > 0) {
    em.step([konst(0n)], ['E'], []);
    for (const [w, v] of words) em.step([konst(v)], [], [mstore(memE(w))]);
  }
  if (ctx.usesTables) {
    m.tables.forEach((t, ti) => t.elems.forEach((f, k) => {
      if (f === null || ctx.dispatchIndex(f) < 0) return;
      em.step([konst(BigInt(ctx.typeIds[m.funcTypes[f]!]! + 1))], [], [mstore(varAddr(VARS.tableSig(ti), k))]);
      em.step([konst(BigInt(ctx.dispatchIndex(f)))], [], [mstore(varAddr(VARS.tableFn(ti), k))]);
    }));
  }
  for (const k of ctx.initSegments) {
    const d = m.data[k]!;
    if (d.active) continue; // dropped at instantiation: length 0
    d.bytes.forEach((b, i) => { if (b !== 0) em.step([konst(BigInt(b))], [], [mstore(varAddr(VARS.data(k), i))]); });
    em.step([konst(BigInt(d.bytes.length))], [], [mstore(varAddr(VARS.dataLen(k)))]);
  }
  return em.out;
}

