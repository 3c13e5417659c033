// Small AST builders and comparison helpers shared by the zkasm tests.
import type {
  Address, FreeExpr, JumpTarget, Op, RegName, Statement, Step, Term, ZkasmProgram,
} from '../../src/zkasm/ast.js';

export const step = (inputs: Term[], dests: RegName[] = [], ops: Op[] = [], comment?: string): Step => ({
  kind: 'step', inputs, dests, ops, line: 0, ...(comment === undefined ? {} : { comment }),
});
export const reg = (r: RegName, coef = 1n): Term => ({ kind: 'reg', reg: r, coef });
export const num = (value: bigint, long = false): Term => ({ kind: 'const', value, long });
export const free = (expr: FreeExpr | null, coef = 1n): Term => ({ kind: 'free', expr, coef });
export const mload = (addr: Address): Op => ({ kind: 'mload', addr });
export const jump = (cond: Extract<Op, { kind: 'jump' }>['cond'], target: JumpTarget, elseLabel?: string): Op => ({
  kind: 'jump', cond, target, ...(elseLabel === undefined ? {} : { elseLabel }),
});
export const label = (name: string): JumpTarget => ({ kind: 'label', name });

export const fnum = (value: bigint): FreeExpr => ({ kind: 'num', value });
export const freg = (r: RegName): FreeExpr => ({ kind: 'reg', reg: r });
export const bin = (op: Extract<FreeExpr, { kind: 'binary' }>['op'], left: FreeExpr, right: FreeExpr): FreeExpr => ({
  kind: 'binary', op, left, right,
});

/** A copy with every `line` set to 0 (ASTs are compared "up to line numbers"). */
export function noLines<T>(x: T): T {
  if (Array.isArray(x)) return x.map(noLines) as T;
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = k === 'line' ? 0 : noLines(v);
    return out as T;
  }
  return x;
}

export const program = (...statements: Statement[]): ZkasmProgram => ({ statements });
