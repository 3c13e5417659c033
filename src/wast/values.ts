// Literals of the WebAssembly text format, as .wast scripts use them: integers, floats (to their
// exact IEEE bits, rounded to nearest, ties to even) and strings. Every function takes `where`
// (`file:line:col`, default `literal`) for its error, a wastLiteral W2zError.
//
// Integers (spec "Integers"): `sign? (num | 0x hexnum)`, digits optionally separated by single
// `_`. An i32 accepts -2^31..2^32-1 and is returned as its unsigned bit pattern. Like the reference
// interpreter and wabt, a `+` sign is read like no sign (the spec's grammar would cap `+…` at
// 2^31-1; no spec test depends on it).
//
// Floats (spec "Floating-Point"): `sign? (float | 0x hexfloat | inf | nan | nan:0x hexnum)`. The
// value is computed exactly with BigInt rationals and rounded once, so hex floats with more bits
// than the format holds, decimal literals with many digits and subnormals all round correctly; a
// finite literal that rounds to infinity is out of range (as const.wast requires).

import { wastLiteral } from '../diagnostics.js';

// ---- integers ---------------------------------------------------------------------------------

const NUM = '[0-9](?:_?[0-9])*';
const HEXNUM = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
const INT_RE = new RegExp(`^([+-]?)(?:0x(${HEXNUM})|(${NUM}))$`);
const DEC_FLOAT_RE = new RegExp(`^([+-]?)(${NUM})(?:\\.(${NUM})?)?(?:[eE]([+-]?${NUM}))?$`);
const HEX_FLOAT_RE = new RegExp(`^([+-]?)0x(${HEXNUM})(?:\\.(${HEXNUM})?)?(?:[pP]([+-]?${NUM}))?$`);
const NAN_RE = new RegExp(`^([+-]?)nan(?::0x(${HEXNUM}))?$`);
const INF_RE = /^([+-]?)inf$/;

const digits = (s: string): string => s.replace(/_/g, '');

/** An integer literal of `bits` bits → its two's-complement bit pattern, unsigned. */
export function parseInteger(text: string, bits: 32 | 64, where = 'literal'): bigint {
  const m = INT_RE.exec(text);
  if (!m) throw wastLiteral(where, text, `not an i${bits} literal`);
  const magnitude = m[2] !== undefined ? BigInt(`0x${digits(m[2])}`) : BigInt(digits(m[3]!));
  const limit = 1n << BigInt(bits);
  if (m[1] === '-') {
    if (magnitude > limit >> 1n) throw wastLiteral(where, text, `constant out of range for i${bits}`);
    return (limit - magnitude) % limit;
  }
  if (magnitude >= limit) throw wastLiteral(where, text, `constant out of range for i${bits}`);
  return magnitude;
}

/** The unsigned bit pattern of an i32/i64 as a signed number (for printing). */
export function toSigned(value: bigint, bits: 32 | 64): bigint {
  return BigInt.asIntN(bits, value);
}

// ---- floats -----------------------------------------------------------------------------------

interface FloatFormat {
  /** significand bits, including the hidden one */
  p: number;
  /** exponent bits */
  w: number;
  emin: number;
  emax: number;
}
const F32: FloatFormat = { p: 24, w: 8, emin: -126, emax: 127 };
const F64: FloatFormat = { p: 53, w: 11, emin: -1022, emax: 1023 };
const formatOf = (bits: 32 | 64): FloatFormat => (bits === 32 ? F32 : F64);

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/**
 * The bits of the positive value num/den × 2^pow2 (num, den > 0), rounded to nearest, ties to
 * even; `undefined` when it rounds to infinity.
 */
function roundRational(num: bigint, den: bigint, pow2: number, f: FloatFormat): bigint | undefined {
  // k = floor(log2(num/den)): num/den lies in (2^(b-1), 2^(b+1)) for b = bitlen(num) - bitlen(den).
  const b = bitLength(num) - bitLength(den);
  const ge = b >= 0 ? num >= den << BigInt(b) : num << BigInt(-b) >= den;
  const k = (ge ? b : b - 1) + pow2;
  // Quantum: the weight of the last significand bit (fixed at the subnormal one below emin).
  const q = Math.max(k, f.emin) - (f.p - 1);
  const s = pow2 - q;
  const n2 = s >= 0 ? num << BigInt(s) : num;
  const d2 = s >= 0 ? den : den << BigInt(-s);
  let sig = n2 / d2;
  const twice = (n2 % d2) * 2n;
  if (twice > d2 || (twice === d2 && (sig & 1n) === 1n)) sig += 1n;
  const hidden = 1n << BigInt(f.p - 1);
  const mantissaMask = hidden - 1n;
  if (sig < hidden) return sig; // subnormal (or zero): biased exponent 0
  let e = q + (f.p - 1);
  if (sig === hidden << 1n) {
    sig >>= 1n;
    e += 1;
  }
  if (e > f.emax) return undefined;
  const bias = (1 << (f.w - 1)) - 1;
  return (BigInt(e + bias) << BigInt(f.p - 1)) | (sig & mantissaMask);
}

/**
 * A float literal of `bits` bits (32 or 64) → its IEEE bits. Accepts everything the text format
 * does: decimal and hex floats, integers, `inf`, `nan`, `nan:0x…`, with an optional sign.
 */
export function parseFloatBits(text: string, bits: 32 | 64, where = 'literal'): bigint {
  const f = formatOf(bits);
  const signBit = 1n << BigInt(bits - 1);
  const expAllOnes = ((1n << BigInt(f.w)) - 1n) << BigInt(f.p - 1);
  const sign = (s: string): bigint => (s === '-' ? signBit : 0n);
  let m: RegExpExecArray | null;

  if ((m = INF_RE.exec(text))) return sign(m[1]!) | expAllOnes;
  if ((m = NAN_RE.exec(text))) {
    const payloadLimit = 1n << BigInt(f.p - 1);
    const payload = m[2] === undefined ? payloadLimit >> 1n : BigInt(`0x${digits(m[2])}`);
    if (payload === 0n || payload >= payloadLimit) {
      throw wastLiteral(where, text, `nan payload must be in 1..0x${(payloadLimit - 1n).toString(16)} for f${bits}`);
    }
    return sign(m[1]!) | expAllOnes | payload;
  }

  let num: bigint;
  let den = 1n;
  let pow2 = 0;
  let neg: string;
  if ((m = HEX_FLOAT_RE.exec(text))) {
    neg = m[1]!;
    const int = digits(m[2]!);
    const frac = m[3] === undefined ? '' : digits(m[3]);
    num = BigInt(`0x${int}${frac}`);
    const exp = m[4] === undefined ? 0n : BigInt(digits(m[4]));
    // Magnitude < 2^(bitlen(num) + exp - 4·frac): far outside the format's range → clamp, so that
    // an absurd exponent does not build an absurd BigInt.
    const e = exp - BigInt(4 * frac.length);
    const mag = BigInt(bitLength(num)) + e;
    if (num === 0n || mag < -2000n) return sign(neg);
    if (mag > 2000n) throw wastLiteral(where, text, `constant out of range for f${bits}`);
    pow2 = Number(e);
  } else if ((m = DEC_FLOAT_RE.exec(text))) {
    neg = m[1]!;
    const int = digits(m[2]!);
    const frac = m[3] === undefined ? '' : digits(m[3]);
    num = BigInt(int + frac);
    const exp = m[4] === undefined ? 0n : BigInt(digits(m[4]));
    const e = exp - BigInt(frac.length);
    // value < 10^(digits + e): below 1e-400 it rounds to zero, above 1e400 to infinity.
    const mag = BigInt(num.toString().length) + e;
    if (num === 0n || mag < -400n) return sign(neg);
    if (mag > 400n) throw wastLiteral(where, text, `constant out of range for f${bits}`);
    if (e >= 0n) num *= 10n ** e;
    else den = 10n ** -e;
  } else {
    throw wastLiteral(where, text, `not an f${bits} literal`);
  }
  const magnitudeBits = roundRational(num, den, pow2, f);
  if (magnitudeBits === undefined) throw wastLiteral(where, text, `constant out of range for f${bits}`);
  return sign(neg) | magnitudeBits;
}

/** f32 bits → the JS number (exact: every f32 is an f64). */
export function f32BitsToNumber(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, Number(bits));
  return view.getFloat32(0);
}

/** f64 bits → the JS number. */
export function f64BitsToNumber(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

// ---- strings ----------------------------------------------------------------------------------

const ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, r: 0x0d, '"': 0x22, "'": 0x27, '\\': 0x5c };
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/**
 * A string literal (with its quotes, as written) → its bytes. Escapes: `\t \n \r \" \' \\`,
 * `\hh` (one byte) and `\u{h…}` (a code point, as UTF-8); other characters are taken as UTF-8.
 * Control characters (below U+20, and U+7F) must be escaped.
 */
export function decodeString(literal: string, where = 'literal'): Uint8Array {
  if (literal.length < 2 || literal[0] !== '"' || literal[literal.length - 1] !== '"') {
    throw wastLiteral(where, literal, 'not a string');
  }
  const out: number[] = [];
  const end = literal.length - 1;
  let i = 1;
  while (i < end) {
    const c = literal[i]!;
    if (c !== '\\') {
      const cp = literal.codePointAt(i)!;
      if (cp < 0x20 || cp === 0x7f || c === '"') {
        throw wastLiteral(where, literal, `character U+${cp.toString(16).padStart(4, '0')} must be escaped`);
      }
      pushUtf8(out, cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = literal[i + 1];
    if (e !== undefined && e in ESCAPES && i + 1 < end) {
      out.push(ESCAPES[e]!);
      i += 2;
    } else if (isHex(e) && isHex(literal[i + 2]) && i + 2 < end) {
      out.push(parseInt(literal.slice(i + 1, i + 3), 16));
      i += 3;
    } else if (e === 'u' && literal[i + 2] === '{') {
      const close = literal.indexOf('}', i + 3);
      const hex = close < 0 ? '' : literal.slice(i + 3, close);
      if (!new RegExp(`^${HEXNUM}$`).test(hex)) throw wastLiteral(where, literal, 'bad \\u{…} escape');
      const cp = Number.parseInt(digits(hex), 16);
      if (!(cp < 0xd800 || (cp >= 0xe000 && cp < 0x110000)) || digits(hex).length > 8) {
        throw wastLiteral(where, literal, `\\u{${hex}} is not a unicode scalar value`);
      }
      pushUtf8(out, cp);
      i = close + 1;
    } else {
      throw wastLiteral(where, literal, `bad escape \\${e ?? ''}`);
    }
  }
  return Uint8Array.from(out);
}

/** A string literal → text (its bytes must be UTF-8, as names and messages are). */
export function decodeName(literal: string, where = 'literal'): string {
  const bytes = decodeString(literal, where);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw wastLiteral(where, literal, 'not valid UTF-8');
  }
}
