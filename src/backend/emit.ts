// A typed builder for zkASM statements. Lowering code states *what* a row does; only the
// printer knows how it is spelled.

import type { Address, JumpTarget, Op, RegName, SimpleOpName, Statement, Step, Term } from '../zkasm/ast.js';
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
export const spAddr = (offset: number, inc: 0 | 1 | -1 = 0): Address => ({ kind: 'sp', offset, inc });
export const mload = (addr: Address): Op => ({ kind: 'mload', addr });
export const mstore = (addr: Address): Op => ({ kind: 'mstore', addr });
export const simple = (name: SimpleOpName): Op => ({ kind: 'simple', name });
export const jmp = (label: string): Op => ({ kind: 'jump', cond: 'JMP', target: { kind: 'label', name: label } });
export const condJump = (cond: 'JMPZ' | 'JMPN' | 'JMPC', target: string, elseLabel?: string): Op => ({
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
