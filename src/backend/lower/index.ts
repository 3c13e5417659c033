// Instruction dispatch: each IR instruction kind to its lowering family, and what each kind
// does to the machine state beyond its result (clobbers registers, uses CALL).

import type { Inst } from '../../ir/ir.js';
import { unsupportedInstr } from '../../diagnostics.js';
import { assertNever } from '../../util.js';
import type { FunctionLowering } from '../function.js';
import { BINARY_LOWERING, lowerBinary, HELPER_BINARY } from './binary.js';
import { UNARY_LOWERING, HELPER_UNARY } from './unary.js';
import { lowerCall, lowerCallIndirect, lowerHost } from './call.js';
import { lowerSelect, lowerGlobalGet, lowerGlobalSet } from './misc.js';
import { lowerLoad, lowerStore, lowerMemorySize, lowerMemoryGrow, lowerBulk, lowerDataDrop, FAST_ACCESS } from './memory.js';

export function lowerInst(L: FunctionLowering, i: Inst): void {
  switch (i.kind) {
    case 'const':
      return; // rematerialised at each use
    case 'binary': {
      const row = BINARY_LOWERING[i.op];
      if (!row) throw unsupported(L, i.offset, i.op);
      if (typeof row === 'function') row(L, i);
      else lowerBinary(L, i, row);
      return;
    }
    case 'unary': {
      const row = UNARY_LOWERING[i.op];
      if (!row) throw unsupported(L, i.offset, i.op);
      row(L, i);
      return;
    }
    case 'select': lowerSelect(L, i); return;
    case 'call': lowerCall(L, i); return;
    case 'call_indirect': lowerCallIndirect(L, i); return;
    case 'host': lowerHost(L, i); return;
    case 'global.get': lowerGlobalGet(L, i); return;
    case 'global.set': lowerGlobalSet(L, i); return;
    case 'load': lowerLoad(L, i); return;
    case 'store': lowerStore(L, i); return;
    case 'memory.size': lowerMemorySize(L, i); return;
    case 'memory.grow': lowerMemoryGrow(L, i); return;
    case 'memory.fill': case 'memory.copy': case 'memory.init': lowerBulk(L, i); return;
    case 'data.drop': lowerDataDrop(L, i); return;
    default: assertNever(i);
  }
}

/** The lowering calls a helper or a function: every register is clobbered. */
export function clobbersAll(i: Inst): boolean {
  switch (i.kind) {
    case 'call': case 'call_indirect': case 'memory.grow': case 'memory.fill': case 'memory.copy': case 'memory.init':
      return true;
    case 'binary': return HELPER_BINARY.has(i.op);
    case 'unary': return HELPER_UNARY.has(i.op);
    case 'load': case 'store': return !FAST_ACCESS.has(i.op);
    default: return false;
  }
}

/** The lowering executes a CALL (so RR changes and the function must save its own). */
export function callsOut(i: Inst): boolean {
  if (clobbersAll(i)) return true;
  switch (i.kind) {
    case 'load': case 'store': return true; // the fast accesses' slow path calls a helper
    case 'binary': return /\.(shl|shr_s|shr_u|rotl|rotr)$/.test(i.op); // the pow2 table
    default: return false;
  }
}

export function unsupported(L: FunctionLowering, offset: number, op: string): Error {
  return unsupportedInstr(L.ctx.fileName, L.fn.name, L.fn.index, offset, op);
}
