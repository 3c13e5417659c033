// Stack frames. SP points at the top of the current frame; slot k of a frame of F words is the
// word at SP - F + k. A caller writes argument i at SP + i (slot i of the callee's frame) and
// CALLs; the callee bumps SP by its frame size, saves RR if it calls anything, and returns with
// `SP - F => SP :RETURN`. Results come back in A, B, C, D, E.
//
// Addresses are created before F is known, then patched by `finish`.

import type { Address } from '../zkasm/ast.js';

export const MAX_REG_RESULTS = 5;

export class Frame {
  private readonly slotOf = new Map<number, number>();
  private readonly pending: { addr: { kind: 'sp'; offset: number }; slot: number }[] = [];
  size: number;
  rrSlot = -1;

  constructor(paramCount: number) {
    this.size = paramCount;
  }

  /** Bind value v to slot k (function parameters). */
  bind(v: number, k: number): void {
    this.slotOf.set(v, k);
  }

  slot(v: number): number {
    let k = this.slotOf.get(v);
    if (k === undefined) {
      k = this.size++;
      this.slotOf.set(v, k);
    }
    return k;
  }

  hasSlot(v: number): boolean {
    return this.slotOf.has(v);
  }

  reserveRR(): number {
    if (this.rrSlot < 0) this.rrSlot = this.size++;
    return this.rrSlot;
  }

  /** The SP-relative address of slot k (patched when the frame size is final). */
  addr(k: number): Address {
    const a = { kind: 'sp' as const, offset: 0, inc: 0 as const };
    this.pending.push({ addr: a, slot: k });
    return a;
  }

  finish(): void {
    for (const p of this.pending) p.addr.offset = p.slot - this.size;
  }
}
