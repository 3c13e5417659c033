// The permutation on doubles, for the witness: a field element is two uint32 halves (hi, lo) held
// in doubles, and every intermediate stays below 2^53, so all of it is exact without BigInt (BigInt
// made 10^5 permutations take minutes). reference.ts is the specification; the tests compare.

import { isFullRound, poseidonParams, ROUNDS, WIDTH } from './params.js';

const TWO32 = 4294967296;
const MASK32 = 0xffffffff;

// Results of reduce, in a typed array: module-level `let` doubles would be boxed, one
// heap number per assignment (that made this slower than BigInt).
const R = new Float64Array(2);
const RH = 0;
const RL = 1;

/** (rh, rl) = the canonical element H·2^32 + L mod p, for integers |H|, |L| < 2^52.
 *  Uses 2^64 ≡ 2^32 − 1 (mod p). */
function reduce(H: number, L: number): void {
  const c = Math.floor(L / TWO32);
  L -= c * TWO32;
  H += c;
  while (H >= TWO32) {
    // H·2^32 = h1·2^64 + h0·2^32 ≡ (h0 + h1)·2^32 − h1
    const h1 = Math.floor(H / TWO32);
    H = H - h1 * TWO32 + h1;
    L -= h1;
    if (L < 0) { L += TWO32; H -= 1; }
  }
  if (H < 0) {
    // + p = + (2^32 − 1)·2^32 + 1
    H += MASK32;
    L += 1;
    if (L >= TWO32) { L -= TWO32; H += 1; }
  }
  if (H === MASK32 && L >= 1) { H = 0; L -= 1; } // ≥ p: subtract p
  R[RH] = H;
  R[RL] = L;
}

/** (rh, rl) = a·b mod p. Each 32×32 product: the low half exactly by Math.imul, the high half
 *  from the double product, whose error (at most 2^11) is far below the 2^32 step that rounding
 *  corrects. Written out by hand: as calls this was the witness's hot spot. */
function mulmod(ah: number, al: number, bh: number, bl: number): void {
  const p1l = Math.imul(ah, bh) >>> 0;
  const p1h = Math.round((ah * bh - p1l) / TWO32);
  const p2l = Math.imul(ah, bl) >>> 0;
  const p2h = Math.round((ah * bl - p2l) / TWO32);
  const p3l = Math.imul(al, bh) >>> 0;
  const p3h = Math.round((al * bh - p3l) / TWO32);
  const p4l = Math.imul(al, bl) >>> 0;
  const p4h = Math.round((al * bl - p4l) / TWO32);
  // a·b = ah·bh·2^64 + (ah·bl + al·bh)·2^32 + al·bl, with 2^64 ≡ 2^32 − 1 on each 2^64 term
  reduce(p1l + p2h + p2l + p3h + p3l + p4h, p4l - p1h - p1l - p2h - p3h);
}

/** a·b mod p through the double arithmetic above (for tests). */
export function mulForTest(a: bigint, b: bigint): bigint {
  mulmod(Number(a >> 32n), Number(a & 0xffffffffn), Number(b >> 32n), Number(b & 0xffffffffn));
  return (BigInt(R[RH]!) << 32n) | BigInt(R[RL]!);
}

/** Where one permutation's rows go: u32 views of BigUint64Array columns (lo at 2·row, hi at 2·row + 1). */
export interface PermutationColumns {
  s: Uint32Array[];
  cube: Uint32Array[];
  pow: Uint32Array[];
}

/**
 * Runs permutations and writes their rows: row r < 30 holds the state before round r and the
 * S-box helpers of round r (every lane: the PIL constrains them on every row), row 30 the output,
 * row 31 the output's lanes 0–3 and zeros; on rows 30 and 31 the helpers are those of the state
 * itself (the round constants there are 0).
 */
export class PermutationTracer {
  /** The state: set the input here, read the output here after `run`. */
  readonly hi = new Float64Array(WIDTH);
  readonly lo = new Float64Array(WIDTH);
  private readonly cH: Float64Array;
  private readonly cL: Float64Array;
  private readonly mds: Float64Array;
  private readonly full: boolean[];
  private readonly xh = new Float64Array(WIDTH);
  private readonly xl = new Float64Array(WIDTH);

  constructor() {
    const { roundConstants, mds } = poseidonParams();
    this.cH = new Float64Array(ROUNDS * WIDTH);
    this.cL = new Float64Array(ROUNDS * WIDTH);
    roundConstants.forEach((row, r) => row.forEach((c, i) => {
      this.cH[r * WIDTH + i] = Number(c >> 32n);
      this.cL[r * WIDTH + i] = Number(c & 0xffffffffn);
    }));
    this.mds = Float64Array.from(mds.flat());
    this.full = Array.from({ length: ROUNDS }, (_, r) => isFullRound(r));
  }

  /** Permutes the state in place, writing rows row0 … row0 + 31 of `cols` (when given). */
  run(cols: PermutationColumns | null, row0: number): void {
    const { hi, lo, xh, xl, cH, cL, mds } = this;
    for (let r = 0; r <= ROUNDS + 1; r++) {
      const row = row0 + r;
      if (r === ROUNDS + 1) for (let i = 4; i < WIDTH; i++) { hi[i] = 0; lo[i] = 0; }
      const round = r < ROUNDS;
      const full = round && this.full[r]!;
      for (let i = 0; i < WIDTH; i++) {
        // x = s + C (the constants are 0 on the output rows)
        if (round) reduce(hi[i]! + cH[r * WIDTH + i]!, lo[i]! + cL[r * WIDTH + i]!);
        else { R[RH] = hi[i]!; R[RL] = lo[i]!; }
        const ah = R[RH]!;
        const al = R[RL]!;
        mulmod(ah, al, ah, al);
        mulmod(R[RH]!, R[RL]!, ah, al);
        const x3h = R[RH]!;
        const x3l = R[RL]!;
        mulmod(x3h, x3l, x3h, x3l);
        mulmod(R[RH]!, R[RL]!, ah, al);
        const rh = R[RH]!;
        const rl = R[RL]!;
        if (cols) {
          const k = 2 * row;
          cols.s[i]![k] = lo[i]!; cols.s[i]![k + 1] = hi[i]!;
          cols.cube[i]![k] = x3l; cols.cube[i]![k + 1] = x3h;
          cols.pow[i]![k] = rl; cols.pow[i]![k + 1] = rh;
        }
        // the S-box applies to every lane of a full round, lane 0 of a partial one
        if (full || i === 0) { xh[i] = rh; xl[i] = rl; } else { xh[i] = ah; xl[i] = al; }
      }
      if (!round) continue;
      for (let i = 0; i < WIDTH; i++) {
        let H = 0;
        let L = 0;
        for (let j = 0; j < WIDTH; j++) {
          const m = mds[i * WIDTH + j]!;
          H += m * xh[j]!;
          L += m * xl[j]!;
        }
        reduce(H, L);
        // xh/xl hold the S-box outputs, so writing the new lanes here does not disturb the sum
        hi[i] = R[RH]!;
        lo[i] = R[RL]!;
      }
    }
  }
}
