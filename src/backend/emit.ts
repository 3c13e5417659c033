// A typed builder for zkASM statements. Lowering code states *what* a row does; only the
// printer knows how it is spelled.

import type { Address, FreeExpr, JumpTarget, Op, RegName, SimpleOpName, Statement, Step, Term } from '../zkasm/ast.js';
import { sourceMarker } from '../zkasm/sourcemap.js';

export type Reg = 'A' | 'B' | 'C' | 'D' | 'E';
export const REGS: readonly Reg[] = ['A', 'B', 'C', 'D', 'E'];

export const reg = (r: RegName, coef = 1n): Term => ({ kind: 'reg', reg: r, coef });
/** A constant term: short when it fits a short constant and `long` is not forced. */
export function konst(value: bigint, forceLong = false): Term {
  const long = forceLong || value < -(2n ** 31n) || value > 2n ** 32n - 1n;
  return { kind: 'const', value, long };
}
export const freeIn = (): Term => ({ kind: 'free', expr: null, coef: 1n });
/** `${expr}` */
export const freeExpr = (expr: FreeExpr): Term => ({ kind: 'free', expr, coef: 1n });
/** Builders for free-input expressions. */
export const fx = {
  reg: (r: RegName): FreeExpr => ({ kind: 'reg', reg: r }),
  num: (v: bigint): FreeExpr => ({ kind: 'num', value: v }),
  bin: (op: Extract<FreeExpr, { kind: 'binary' }>['op'], left: FreeExpr, right: FreeExpr): FreeExpr =>
    ({ kind: 'binary', op, left, right }),
};
/** `${(A*B + C) >> 64}` and `${A*B + C}`: the high and low halves ARITH checks. */
export const arithHigh = (withC: boolean): Term => freeExpr(fx.bin('>>', arithSum(withC), fx.num(64n)));
export const arithLow = (withC: boolean): Term => freeExpr(arithSum(withC));
const arithSum = (withC: boolean): FreeExpr => {
  const ab = fx.bin('*', fx.reg('A'), fx.reg('B'));
  return withC ? fx.bin('+', ab, fx.reg('C')) : ab;
};
export const memE = (offset: number): Address => ({ kind: 'region', region: 'MEM', index: 'E', offset });
export const varAddr = (name: string, offset = 0, index: 'E' | null = null): Address =>
  ({ kind: 'var', name, index, offset, bracket: index !== null });
export const spAddr = (offset: number, inc: 0 | 1 | -1 = 0): Address => ({ kind: 'sp', offset, inc });
export const mload = (addr: Address): Op => ({ kind: 'mload', addr });
export const mstore = (addr: Address): Op => ({ kind: 'mstore', addr });
export const simple = (name: SimpleOpName): Op => ({ kind: 'simple', name });
export const jmp = (label: string): Op => ({ kind: 'jump', cond: 'JMP', target: { kind: 'label', name: label } });
export const condJump = (cond: 'JMPZ' | 'JMPN' | 'JMPC' | 'JMPNZ' | 'JMPNC', target: string, elseLabel?: string): Op => ({
  kind: 'jump', cond, target: { kind: 'label', name: target }, ...(elseLabel !== undefined ? { elseLabel } : {}),
});
export const call = (label: string): Op => ({ kind: 'call', target: { kind: 'label', name: label } as JumpTarget });

export class Emitter {
  readonly out: Statement[] = [];

  label(name: string): void {
    this.out.push({ kind: 'label', name, line: 0 });
  }

  comment(text: string): void {
    this.out.push({ kind: 'comment', text, line: 0 });
  }

  marker(funcName: string, offset: number, text: string): void {
    this.out.push(sourceMarker(funcName, offset, text));
  }

  step(inputs: Term[], dests: RegName[], ops: Op[]): Step {
    const s: Step = { kind: 'step', inputs, dests, ops, line: 0 };
    this.out.push(s);
    return s;
  }

  /** The last statement, if it is a step. */
  lastStep(): Step | undefined {
    const s = this.out[this.out.length - 1];
    return s?.kind === 'step' ? s : undefined;
  }
}
