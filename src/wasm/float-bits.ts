// IEEE-754 bit layouts of f32 and f64, for the code that looks at float values as bit patterns
// (the IR builder, the spec runner, the differential harnesses).

export type FloatType = 'f32' | 'f64';

export interface FloatLayout {
  sign: bigint;
  /** all exponent bits: an infinity's magnitude */
  exponent: bigint;
  /** the quiet bit, the top bit of the payload: a canonical NaN's payload */
  quiet: bigint;
}

export const FLOAT_LAYOUT: Readonly<Record<FloatType, FloatLayout>> = {
  f32: { sign: 1n << 31n, exponent: 0x7f800000n, quiet: 0x00400000n },
  f64: { sign: 1n << 63n, exponent: 0x7ff0000000000000n, quiet: 0x0008000000000000n },
};

const payloadOf = (t: FloatType, bits: bigint): bigint => bits & (FLOAT_LAYOUT[t].quiet * 2n - 1n);

/** A NaN: the exponent all ones and a payload. */
export function isNaNBits(t: FloatType, bits: bigint): boolean {
  return (bits & FLOAT_LAYOUT[t].exponent) === FLOAT_LAYOUT[t].exponent && payloadOf(t, bits) !== 0n;
}

/** The spec's canonical NaN (either sign): the payload is the quiet bit alone. */
export const isCanonicalNaN = (t: FloatType, bits: bigint): boolean => isNaNBits(t, bits) && payloadOf(t, bits) === FLOAT_LAYOUT[t].quiet;

/** The spec's arithmetic NaN: the quiet bit set. */
export const isArithmeticNaN = (t: FloatType, bits: bigint): boolean => isNaNBits(t, bits) && (bits & FLOAT_LAYOUT[t].quiet) !== 0n;
