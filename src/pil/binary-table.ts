// One 4-bit step of the binary machine: the semantics of the lookup table P_* of binary.pil and
// of the witness that fills the machine's rows. Chunks go from the least significant; `cIn` is
// the carry (ADD, SUB, LT, SLT) or the "differs / non-zero so far" flag (EQ, AND) of the chunks
// before; `last` marks the most significant chunk.

export const BINARY_CHUNK_BITS = 4;
/** chunks checked per row (one lookup each): a row holds 16 bits of A, B and the result */
export const BINARY_CHUNKS_PER_ROW = 4;
export const BINARY_ROWS_PER_OP = 64 / BINARY_CHUNK_BITS / BINARY_CHUNKS_PER_ROW;
/** opcode (3 bits) · a (4) · b (4) · cIn (1) · last (1) */
export const BINARY_TABLE_ROWS = 1 << 13;

export interface ChunkResult {
  c: number;
  cOut: number;
  /** the operation's answer is its final carry (LT, SLT, EQ) */
  useCarry: number;
}

export function binaryChunk(opcode: number, a: number, b: number, cIn: number, last: number, out: ChunkResult): void {
  let c = 0;
  let cOut = 0;
  let useCarry = 0;
  switch (opcode) {
    case 0: { const s = a + b + cIn; c = s & 15; cOut = s >> 4; break; } // ADD
    case 1: { const s = a - b - cIn; c = (s + 16) & 15; cOut = s < 0 ? 1 : 0; break; } // SUB
    case 2: cOut = a - b - cIn < 0 ? 1 : 0; useCarry = 1; break; // LT
    case 3: { // SLT: the last chunk holds the sign
      const sa = last && a >= 8 ? a - 16 : a;
      const sb = last && b >= 8 ? b - 16 : b;
      cOut = sa - sb - cIn < 0 ? 1 : 0; useCarry = 1; break;
    }
    case 4: { // EQ: the chain carries "differs"; the last chunk answers "equal"
      const differs = cIn === 1 || a !== b ? 1 : 0;
      cOut = last ? 1 - differs : differs; useCarry = 1; break;
    }
    case 5: c = a & b; cOut = cIn === 1 || c !== 0 ? 1 : 0; break; // AND: carry = result ≠ 0
    case 6: c = a | b; break;
    case 7: c = a ^ b; break;
    default: throw new RangeError(`binary opcode ${opcode}`);
  }
  out.c = c; out.cOut = cOut; out.useCarry = useCarry;
}

/** Row t of the table: its inputs. */
export function binaryTableInputs(t: number): { opcode: number; a: number; b: number; cIn: number; last: number } {
  return { opcode: (t >> 10) & 7, a: (t >> 6) & 15, b: (t >> 2) & 15, cIn: (t >> 1) & 1, last: t & 1 };
}
