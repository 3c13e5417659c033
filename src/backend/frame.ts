// Stack frames. SP points at the top of the current frame; slot k of a frame of F words is the
// word at SP - F + k. A caller writes argument i at SP + i (slot i of the callee's frame) and
// CALLs; the callee bumps SP by its frame size, saves RR if it calls anything, and returns with
// `SP - F => SP :RETURN`. Results come back in A, B, C, D, E; result k ≥ 5 in the variable
// `__w2z_res<k>`, which the callee stores before returning and the caller reads right after the
// call, before anything can call again (the spec-run entries leave results 0–4 there too).
//
// Slots are packed before lowering (slots.ts: values never live at the same time share a word);
// a spill during lowering gets a new slot after them. `finish` patches every address and every
// ±F constant already emitted.

import type { Address, Step } from '../zkasm/ast.js';

export const MAX_REG_RESULTS = 5;

export class Frame {
  private readonly slotOf = new Map<number, number>();
  private readonly pending: { addr: { kind: 'sp'; offset: number }; slot: number }[] = [];
  private readonly sizeTerms: { term: { value: bigint }; sign: 1n | -1n; step: Step }[] = [];
  private next: number;
  private readonly edgeSpills: number[] = [];
  /** final size, known after `finish` */
  size = -1;
  readonly rrSlot: number;

  constructor(readonly paramCount: number, saveRR: boolean) {
    this.next = paramCount;
    this.rrSlot = saveRR ? this.next++ : -1;
  }

  /** Bind value v to slot k (function parameters). */
  bind(v: number, k: number): void {
    this.slotOf.set(v, k);
  }

  /** Slots below `size` are taken (packed before lowering); new slots come after. */
  reserve(size: number): void {
    this.next = Math.max(this.next, size);
  }

  slot(v: number): number {
    let k = this.slotOf.get(v);
    if (k === undefined) {
      k = this.next++;
      this.slotOf.set(v, k);
    }
    return k;
  }

  /**
   * The n-th spill word of edge copies (a parallel copy that needs a register when all five hold
   * its sources). Copies do not overlap, so every edge shares these words; no value lives there.
   */
  edgeSpillSlot(n: number): number {
    while (this.edgeSpills.length <= n) this.edgeSpills.push(this.next++);
    return this.edgeSpills[n]!;
  }

  /** The SP-relative address of slot k (patched when the layout is final). */
  addr(k: number): Address {
    const a = { kind: 'sp' as const, offset: 0, inc: 0 as const };
    this.pending.push({ addr: a, slot: k });
    return a;
  }

  /**
   * A step `SP ± F => SP …` with F patched when the layout is final (and the SP part dropped
   * when the frame is empty).
   */
  adjustSP(step: Step, sign: 1n | -1n): void {
    const t = { kind: 'const' as const, value: 0n, long: false };
    step.inputs.push({ kind: 'reg', reg: 'SP', coef: 1n }, t);
    step.dests.push('SP');
    this.sizeTerms.push({ term: t, sign, step });
  }

  /** Fix the layout: every slot handed out so far; patch the addresses and SP adjustments. */
  finish(): void {
    const size = this.next;
    this.size = size;
    for (const p of this.pending) p.addr.offset = p.slot - size;
    for (const s of this.sizeTerms) {
      s.term.value = s.sign * BigInt(size);
      if (size === 0) {
        s.step.inputs = s.step.inputs.filter((t) => t !== s.term && !(t.kind === 'reg' && t.reg === 'SP'));
        s.step.dests = s.step.dests.filter((d) => d !== 'SP');
      }
    }
  }
}
