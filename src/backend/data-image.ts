// The initial memory a program's active data segments make: the non-zero words, each one ROM
// row of the set-up (or of a NEAR contract's instance reset).

import type { IrDataSegment } from '../ir/ir.js';
import { programTooLarge } from '../diagnostics.js';
import { WORD_BYTES, type ProgramContext } from './context.js';

/** Non-zero words of initial memory (each a ROM row): 4 MiB of data. */
const MAX_DATA_WORDS = 1 << 20;

/**
 * Non-zero words active data segments leave in memory, by address (later segments overwrite
 * earlier ones). Each is one ROM row of the set-up: beyond MAX_DATA_WORDS the program is refused.
 */
export function dataImage(ctx: ProgramContext, which: (d: IrDataSegment) => boolean): [number, bigint][] {
  const active = ctx.ir.data.filter((d) => d.active && d.bytes.length > 0 && which(d));
  if (active.length === 0) return [];
  // the segments' bytes by word (sparse: the NEAR host's data lies tens of MiB above the program's)
  const image = new Map<number, Uint8Array>();
  for (const d of active) {
    d.bytes.forEach((b, i) => {
      const a = d.offset + i;
      const w = Math.floor(a / WORD_BYTES);
      let word = image.get(w);
      if (!word) image.set(w, word = new Uint8Array(WORD_BYTES));
      word[a % WORD_BYTES] = b;
    });
  }
  const words: [number, bigint][] = [];
  for (const w of [...image.keys()].sort((a, b) => a - b)) {
    const bytes = image.get(w)!;
    let v = 0;
    for (let k = WORD_BYTES - 1; k >= 0; k--) v = v * 256 + bytes[k]!;
    if (v === 0) continue;
    if (words.length === MAX_DATA_WORDS) {
      throw programTooLarge(ctx.ir.fileName, `its data segments hold more than ${MAX_DATA_WORDS} non-zero words (${MAX_DATA_WORDS * WORD_BYTES / 1024 / 1024} MiB), one set-up row each`);
    }
    words.push([w, BigInt(v)]);
  }
  return words;
}
