// Linear memory: 4-byte little-endian words, word w of the WASM memory at `MEM:E` with E = w,
// every word a canonical u32. Aligned 32-bit (and 32-bit-aligned 64-bit) accesses run inline:
// a bounds check, the word index as a free input pinned by `R - 4·E = 0`, the access. Anything
// else (an unaligned address at run time, narrow accesses) goes through the runtime helpers,
// which pin the byte offset with range checks and extract bytes with checked ARITH/binary ops.
// A host access (the NEAR host's own memory, src/near/link.ts) is the same without the bounds check.

import type { Inst, LoadOp, StoreOp } from '../../ir/ir.js';
import { MEM_ACCESS } from '../../ir/ir.js';
import type { Term } from '../../zkasm/ast.js';
import {
  arithHigh, arithLow, call, condJump, freeExpr, freeIn, fx, jmp, konst, mload, mstore, memE, reg, REGS, simple, varAddr,
  type Reg,
} from '../emit.js';
import { DIRTY_BLOCK_BYTES, DIRTY_BLOCK_SHIFT, FAIL_LABEL, VARS, WORD_BYTES } from '../context.js';
import type { Emitter } from '../emit.js';
import type { FunctionLowering } from '../function.js';

type Load = Extract<Inst, { kind: 'load' }>;
type Store = Extract<Inst, { kind: 'store' }>;

/** Accesses with an inline aligned fast path. */
export const FAST_ACCESS: ReadonlySet<string> = new Set<LoadOp | StoreOp>(['i32.load', 'i64.load32_u', 'i64.load', 'i32.store', 'i64.store']);

const M32 = 0xffffffffn;

/**
 * Trap unless ea + size ≤ memory bytes, with ea = R + memOffset. Returns false when the access
 * can never be in bounds (the trap is unconditional and the access need not be emitted).
 */
function boundsCheck(L: FunctionLowering, r: Reg, memOffset: number, size: number, avoid: Reg[]): boolean {
  const stub = L.trapStub('out of bounds memory access');
  const reach = memOffset + size;
  const minBytes = L.ctx.staticMemoryBytes;
  const maxBytes = L.ctx.dynamicMemory ? L.ctx.maxMemoryBytes : minBytes;
  if (reach > maxBytes) {
    L.em.step([], [], [jmp(stub)]);
    return false;
  }
  const ok = L.freshLabel('in');
  if (!L.ctx.dynamicMemory) {
    // R + memOffset + size - 1 - bytes < 0; the constant is ≤ 0, so the value is a valid 32-bit JMPN input
    L.em.step([reg(r), konst(BigInt(reach - 1 - minBytes))], [], [condJump('JMPN', ok, stub)]);
  } else if (reach <= minBytes) {
    const t = L.chooseDest([r, ...avoid], L.pos);
    L.em.step([freeIn()], [t], [mload(varAddr(VARS.memBytes))]);
    L.clobber(t);
    L.em.step([reg(r), reg(t, -1n), konst(BigInt(reach - 1))], [], [condJump('JMPN', ok, stub)]);
  } else {
    // beyond the initial memory: bytes < ea + size → out of bounds, compared on 64 bits, with
    // ea + size from a 64-bit ADD (up to 2^32 + 2^26: a limb-wise sum would not be canonical)
    L.evict('A', [r, ...avoid], L.pos);
    L.evict('B', ['A', r, ...avoid], L.pos);
    if (r !== 'A') L.em.step([reg(r)], ['A'], []);
    L.em.step([konst(BigInt(reach))], ['B'], []);
    L.em.step([freeIn()], ['B'], [simple('ADD')]);
    L.em.step([freeIn()], ['A'], [mload(varAddr(VARS.memBytes))]);
    L.clobber('A');
    L.clobber('B');
    L.em.step([freeIn()], [], [simple('LT'), condJump('JMPC', stub, ok)]);
  }
  L.em.label(ok);
  return true;
}

/**
 * `${R >> 2} => E`, then `R - 4·E` must be 0 — then E is the word index, pinned — else the
 * slow path (correct for every address, so a prover gains nothing by taking it). Returns the
 * slow path's label.
 */
function alignedWord(L: FunctionLowering, r: Reg): string {
  const slow = L.freshLabel('slow');
  const aligned = L.freshLabel('al');
  L.em.step([freeExpr(fx.bin('>>', fx.reg(r), fx.num(2n)))], ['E'], []);
  L.clobber('E');
  L.em.step([reg(r), reg('E', -4n)], [], [condJump('JMPZ', aligned, slow)]);
  L.em.label(aligned);
  return slow;
}

/**
 * Slow-path stub: with the fast path's E, prove the address really is unaligned
 * (R = 4·E + o with 1 ≤ o ≤ 3) — so E is pinned on this path too and a prover cannot divert
 * an aligned access here — save `keep`, run `body` (which leaves its result where the fast path
 * does), restore, rejoin.
 */
function slowStub(L: FunctionLowering, slow: string, join: string, r: Reg, keep: Reg[], body: () => void): void {
  const s = L.stubs;
  s.label(slow);
  s.step([reg(r), reg('E', -4n), konst(-1n)], [], [condJump('JMPN', FAIL_LABEL)]);
  const unaligned = L.freshLabel('unal');
  s.step([reg(r), reg('E', -4n), konst(-4n)], [], [condJump('JMPN', unaligned, FAIL_LABEL)]);
  s.label(unaligned);
  // an indexed read pins all of E (this machine requires E's high limb to be 0 when indexing)
  s.step([freeIn()], ['E'], [mload(memE(0))]);
  L.ctx.needsFail = true;
  for (const x of keep) s.step([reg(x)], [], [mstore(varAddr(VARS.save(x)))]);
  body();
  for (const x of keep) s.step([freeIn()], [x], [mload(varAddr(VARS.save(x)))]);
  s.step([], [], [jmp(join)]);
  for (const x of keep) L.ctx.saveVars.add(x);
}

/**
 * NEAR programs: flag the 1 KiB block of the contract-memory byte `r + memOffset` dirty, so the
 * next instance reset zeroes it. The block index is a free input pinned by
 * 0 ≤ r + memOffset - 1024·E < 1024 (a lie has no valid trace). Clobbers E.
 */
export function markDirty(em: Emitter, flags: number, r: Reg, memOffset: number, ok: string): void {
  const ea = (delta: bigint): Term[] => [reg(r), reg('E', -BigInt(DIRTY_BLOCK_BYTES)), konst(BigInt(memOffset) + delta)];
  em.step([freeExpr(fx.bin('>>', fx.bin('+', fx.reg(r), fx.num(BigInt(memOffset))), fx.num(DIRTY_BLOCK_SHIFT)))], ['E'], []);
  em.step(ea(0n), [], [condJump('JMPN', FAIL_LABEL)]);
  em.step(ea(-BigInt(DIRTY_BLOCK_BYTES)), [], [condJump('JMPN', ok, FAIL_LABEL)]);
  em.label(ok);
  em.step([konst(1n)], [], [mstore(memE(flags))]);
}

/** A contract store in a NEAR program marks its block (after the bounds check: the store happens). */
function marksDirty(L: FunctionLowering, i: Store): boolean {
  return !i.host && L.ctx.ir.dirtyFlags !== undefined;
}

function emitMark(L: FunctionLowering, r: Reg, memOffset: number): void {
  L.ctx.needsFail = true;
  markDirty(L.em, L.ctx.ir.dirtyFlags!, r, memOffset, L.freshLabel('mk'));
  L.clobber('E');
}

export function lowerLoad(L: FunctionLowering, i: Load): void {
  const acc = MEM_ACCESS[i.op];
  if (FAST_ACCESS.has(i.op) && i.memOffset % WORD_BYTES === 0) {
    fastLoad(L, i, acc.bytes);
    return;
  }
  L.saveLiveAcross(L.pos + 1);
  const r = L.inRegAvoid(i.addr, []);
  if (!i.host && !boundsCheck(L, r, i.memOffset, acc.bytes, [])) { L.consts.set(i.result, 0n); return; }
  L.em.step([reg(r), konst(BigInt(i.memOffset))], ['A'], []);
  L.clobberAll();
  if (acc.bytes === 8) {
    L.em.step([], [], [call(L.ctx.helper('ld64'))]);
  } else {
    L.em.step([konst((1n << BigInt(8 * acc.bytes)) - 1n)], ['B'], []);
    L.em.step([], [], [call(L.ctx.helper('ld'))]);
  }
  if (acc.signed) { // (v ^ 2^(n-1)) - 2^(n-1): the 64-bit sign extension
    L.em.step([konst(1n << BigInt(8 * acc.bytes - 1))], ['B'], []);
    L.em.step([freeIn()], ['A'], [simple('XOR')]);
    L.em.step([freeIn()], ['A'], [simple('SUB')]);
    if (acc.type === 'i32') {
      L.em.step([konst(M32, true)], ['B'], []);
      L.em.step([freeIn()], ['A'], [simple('AND')]);
    }
  }
  L.clobberAll();
  L.define(i.result, 'A');
}

function fastLoad(L: FunctionLowering, i: Load, bytes: number): void {
  L.evict('E', [], L.pos);
  const r = L.inRegAvoid(i.addr, ['E']);
  if (!i.host && !boundsCheck(L, r, i.memOffset, bytes, ['E'])) { L.consts.set(i.result, 0n); return; }
  // every register choice is made before the branch, so both paths agree on the state
  const used: Reg[] = bytes === 4 ? [] : ['A', 'C'];
  for (const x of used) L.evict(x, ['E', r, ...used], L.pos + 1);
  const dest = bytes === 4 ? L.chooseDest(['E', r], L.pos + 1) : L.chooseDest(['E'], L.pos + 1);
  L.evict(dest, ['E', r, ...used], L.pos + 1);
  const keep = L.heldRegisters().filter((x) => x !== dest && x !== 'E' && !used.includes(x));
  const slow = alignedWord(L, r);
  const k = i.memOffset / WORD_BYTES;
  if (bytes === 4) {
    L.em.step([freeIn()], [dest], [mload(memE(k))]);
  } else {
    L.em.step([freeIn()], ['C'], [mload(memE(k + 1))]);
    L.em.step([freeIn()], ['A'], [mload(memE(k))]);
    L.em.step([reg('A'), reg('ROTL_C')], [dest], []);
  }
  const join = L.freshLabel('join');
  L.em.label(join);
  slowStub(L, slow, join, r, keep, () => {
    const s = L.stubs;
    s.step([reg(r), konst(BigInt(i.memOffset))], ['A'], []);
    if (bytes === 4) {
      s.step([konst(M32)], ['B'], []);
      s.step([], [], [call(L.ctx.helper('ld'))]);
    } else {
      s.step([], [], [call(L.ctx.helper('ld64'))]);
    }
    if (dest !== 'A') s.step([reg('A')], [dest], []);
  });
  for (const x of ['E', ...used] as Reg[]) L.clobber(x);
  L.define(i.result, dest);
}

export function lowerStore(L: FunctionLowering, i: Store): void {
  const acc = MEM_ACCESS[i.op];
  if (FAST_ACCESS.has(i.op) && i.memOffset % WORD_BYTES === 0) {
    fastStore(L, i, acc.bytes);
    return;
  }
  L.saveLiveAcross(L.pos + 1);
  const mark = marksDirty(L, i);
  if (mark) L.evict('E', [], L.pos);
  const r = L.inRegAvoid(i.addr, mark ? ['E'] : []);
  if (!i.host && !boundsCheck(L, r, i.memOffset, acc.bytes, mark ? ['E'] : [])) return;
  if (mark) emitMark(L, r, i.memOffset);
  L.load(i.value, 'B', []);
  const ra = L.inRegAvoid(i.addr, ['B']);
  L.evict('A', ['B', ra], L.pos);
  L.em.step([reg(ra), konst(BigInt(i.memOffset))], ['A'], []);
  L.em.step([], [], [call(L.ctx.helper(acc.bytes === 1 ? 'st8' : acc.bytes === 2 ? 'st16' : acc.bytes === 4 ? 'st32' : 'st64'))]);
  L.clobberAll();
}

function fastStore(L: FunctionLowering, i: Store, bytes: number): void {
  L.evict('E', [], L.pos);
  // a 64-bit value goes to A (the split reads it there): the address must not sit in A
  const r = L.inRegAvoid(i.addr, bytes === 8 ? ['E', 'A'] : ['E']);
  if (!i.host && !boundsCheck(L, r, i.memOffset, bytes, ['E'])) return;
  if (marksDirty(L, i)) emitMark(L, r, i.memOffset);
  // the 64-bit split writes B, C, D; A keeps the value
  const used: Reg[] = bytes === 4 ? [] : ['B', 'C', 'D'];
  let v: Term;
  if (bytes === 4) {
    const c = L.consts.get(i.value);
    v = c !== undefined ? konst(c) : reg(L.inRegAvoid(i.value, ['E', r]));
  } else {
    L.load(i.value, 'A', ['E', r]);
    for (const x of ['B', 'C', 'D'] as const) L.evict(x, ['E', 'A', 'B', 'C', 'D', r], L.pos + 1);
    v = reg('A');
  }
  const keep = L.heldRegisters().filter((x) => x !== 'E' && !used.includes(x));
  const slow = alignedWord(L, r);
  const k = i.memOffset / WORD_BYTES;
  if (bytes === 4) {
    L.em.step([v], [], [mstore(memE(k))]);
  } else {
    // v·2^32 = hi·2^64 + lo·2^32 (ARITH): hi in D, lo read back through ROTL_C
    L.em.step([konst(1n << 32n)], ['B'], []);
    L.em.step([konst(0n)], ['C'], []);
    L.em.step([arithHigh(false)], ['D'], []);
    L.em.step([arithLow(false)], ['C'], [simple('ARITH')]);
    L.em.step([reg('ROTL_C')], [], [mstore(memE(k))]);
    L.em.step([reg('D')], [], [mstore(memE(k + 1))]);
  }
  const join = L.freshLabel('join');
  L.em.label(join);
  slowStub(L, slow, join, r, keep, () => {
    const s = L.stubs;
    s.step([reg(r), konst(BigInt(i.memOffset))], [], [mstore(varAddr(VARS.save('ea')))]);
    s.step([v], ['B'], []);
    s.step([freeIn()], ['A'], [mload(varAddr(VARS.save('ea')))]);
    s.step([], [], [call(L.ctx.helper(bytes === 4 ? 'st32' : 'st64'))]);
  });
  L.ctx.saveVars.add('ea');
  for (const x of ['E', ...used] as Reg[]) L.clobber(x);
}

export function lowerMemorySize(L: FunctionLowering, i: Extract<Inst, { kind: 'memory.size' }>): void {
  if (!L.ctx.dynamicMemory) {
    L.consts.set(i.result, BigInt(L.ctx.ir.memory?.minPages ?? 0));
    L.produce(i.result, [konst(BigInt(L.ctx.ir.memory?.minPages ?? 0))], []);
    return;
  }
  L.produce(i.result, [freeIn()], [mload(varAddr(VARS.memPages))]);
}

export function lowerMemoryGrow(L: FunctionLowering, i: Extract<Inst, { kind: 'memory.grow' }>): void {
  L.callHelper('grow', [i.delta], [i.result]);
}

export function lowerBulk(L: FunctionLowering, i: Extract<Inst, { kind: 'memory.fill' | 'memory.copy' | 'memory.init' }>): void {
  switch (i.kind) {
    case 'memory.fill': L.callHelper('fill', [i.dst, i.value, i.len], []); return;
    case 'memory.copy': L.callHelper('copy', [i.dst, i.src, i.len], []); return;
    case 'memory.init':
      L.ctx.helper('init');
      L.saveLiveAcross(L.pos + 1);
      [i.dst, i.src, i.len].forEach((a, k) => L.load(a, REGS[k]!, REGS.slice(0, k)));
      L.em.step([], [], [call(`__w2z_init${i.segment}`)]);
      L.clobberAll();
      return;
  }
}

/** Only memory.init reads a segment's length: a segment it never reads needs nothing. */
export function lowerDataDrop(L: FunctionLowering, i: Extract<Inst, { kind: 'data.drop' }>): void {
  if (L.ctx.initSegments.has(i.segment)) L.em.step([konst(0n)], [], [mstore(varAddr(VARS.dataLen(i.segment)))]);
}
