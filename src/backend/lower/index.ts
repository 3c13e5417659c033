// Instruction dispatch: each IR instruction kind to its lowering family.

import type { Inst } from '../../ir/ir.js';
import { unsupportedInstr } from '../../diagnostics.js';
import { assertNever } from '../../util.js';
import type { FunctionLowering } from '../function.js';
import { BINARY_LOWERING, lowerBinary } from './binary.js';
import { UNARY_LOWERING } from './unary.js';
import { lowerCall, lowerHost } from './call.js';

export function lowerInst(L: FunctionLowering, i: Inst): void {
  switch (i.kind) {
    case 'const':
      return; // rematerialised at each use
    case 'binary': {
      const row = BINARY_LOWERING[i.op];
      if (!row) throw unsupported(L, i.offset, i.op);
      lowerBinary(L, i, row);
      return;
    }
    case 'unary': {
      const row = UNARY_LOWERING[i.op];
      if (!row) throw unsupported(L, i.offset, i.op);
      row(L, i);
      return;
    }
    case 'call':
      lowerCall(L, i);
      return;
    case 'host':
      lowerHost(L, i);
      return;
    default:
      assertNever(i);
  }
}

export function unsupported(L: FunctionLowering, offset: number, op: string): Error {
  return unsupportedInstr(L.ctx.fileName, L.fn.name, L.fn.index, offset, op);
}
