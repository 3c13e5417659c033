// softfloat.c: WebAssembly's float instructions in integer arithmetic, for wasm2zkasm.
//
// The compiler rewrites every f32/f64 instruction of a program into a call of one of the exports
// below and links in their code (build.sh compiles this file to softfloat.wasm). Values travel as
// IEEE-754 bit patterns: an f32 in a u32 (wasm i32), an f64 in a u64 (wasm i64).
//
// Semantics are the WebAssembly spec's: binary32/binary64, round to nearest ties to even,
// subnormals kept (no flush to zero), signed zeros, infinities. Every NaN returned is the
// canonical NaN with sign 0 (f32 0x7fc00000, f64 0x7ff8000000000000).
//
// Constraints (checked by build.sh on the compiled module): the code may use only integer
// instructions, locals, control flow and calls, because the compiler links only the functions'
// code. Hence no float types, no __int128 (compiler-rt helpers), no arrays or tables (loads), no
// globals, no libc. Every instruction executed costs a step on our machine, so the common paths are
// kept short: the format-generic helpers are always inlined with the format as a constant, and
// f32 operations get their own code (computed in 64-bit integers, exact where f32 allows).
//
// Rounding follows Berkeley SoftFloat 3: a result to round is (sign, exp, sig) with sig's leading 1
// at bit 62 and the bits below the format's precision (10 for f64, 39 for f32) kept for rounding,
// the lowest one "sticky" (set if anything nonzero was shifted out below it). exp is the biased
// exponent minus 1, so that packing by addition lets sig's leading 1 carry into the exponent field:
// that same carry turns a round-up to the next power of 2 into the next binade, a round-up of the
// largest finite value into infinity, and a subnormal rounding up into the smallest normal.

typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#define EXPORT(name) __attribute__((export_name("__w2z_" #name)))
#define INLINE static inline __attribute__((always_inline))


// ---------------------------------------------------------------------------------------------
// Formats. Generic helpers take `d`: 0 for f32, 1 for f64, always a constant (they are inlined),
// and hold either format's bits in a u64.

#define FRAC(d) ((d) ? 52 : 23)                          // stored fraction bits
#define EMAX(d) ((d) ? 0x7FF : 0xFF)                     // exponent field of inf and NaN
#define BIAS(d) ((d) ? 1023 : 127)
#define SIGN(d) ((d) ? 0x8000000000000000ull : 0x80000000ull)
#define ABS(d) (SIGN(d) - 1)                             // all bits but the sign
#define INF(d) ((u64)EMAX(d) << FRAC(d))
#define QNAN(d) ((d) ? 0x7FF8000000000000ull : 0x7FC00000ull) // the canonical NaN
#define HIDDEN(d) (1ull << FRAC(d))                      // the implicit leading 1 of normal numbers
#define FRAC_MASK(d) (HIDDEN(d) - 1)
#define ONE(d) ((u64)BIAS(d) << FRAC(d))                 // 1.0
#define HALF(d) ((u64)(BIAS(d) - 1) << FRAC(d))          // 0.5
#define RBITS(d) (62 - FRAC(d))                          // rounding bits below the precision

// A finite nonzero operand as exponent field e and significand f with the leading 1 at the hidden
// bit. Subnormals (e = 0) are normalized: they get an exponent below 1.
#define UNPACK_NORMALIZED(e, f, m, d)                                \
  do {                                                               \
    e = (i64)((m) >> FRAC(d));                                       \
    f = (m) & FRAC_MASK(d);                                          \
    if (e) {                                                         \
      f |= HIDDEN(d);                                                \
    } else {                                                         \
      i64 shift_ = __builtin_clzll(f) - (63 - FRAC(d));              \
      f <<= shift_;                                                  \
      e = 1 - shift_;                                                \
    }                                                                \
  } while (0)

// ---------------------------------------------------------------------------------------------
// Rounding and packing.

// x >> n, with bit 0 set if any 1 bit was shifted out (n may be anything).
INLINE u64 shift_right_jam(u64 x, u64 n) {
  if (n >= 63) return x != 0;
  return (x >> n) | ((x & ((1ull << n) - 1)) != 0);
}

// Round (sign, exp, sig) to nearest even and pack it: sig < 2^63, its leading 1 at bit 62 unless
// the value is below the normal range; exp = biased exponent - 1 (negative for subnormals).
// Overflow gives infinity, underflow rounds into the subnormals or to zero.
INLINE u64 round_pack(u64 sign, i64 exp, u64 sig, int d) {
  if ((u64)exp >= EMAX(d) - 1) {
    if (exp >= 0) return sign | INF(d);
    sig = shift_right_jam(sig, (u64)-exp);
    exp = 0;
  }
  // add half an ulp, less 1 unless the last kept bit is odd: ties go to even
  sig = (sig + ((1ull << (RBITS(d) - 1)) - 1) + ((sig >> RBITS(d)) & 1)) >> RBITS(d);
  return sign | (((u64)exp << FRAC(d)) + sig);
}

// round_pack for a sig whose leading 1 may be anywhere below bit 63 (sig != 0).
INLINE u64 norm_round_pack(u64 sign, i64 exp, u64 sig, int d) {
  i64 shift = __builtin_clzll(sig) - 1;
  return round_pack(sign, exp - shift, sig << shift, d);
}

INLINE int is_nan(u64 x, int d) { return (x & ABS(d)) > INF(d); }

// ---------------------------------------------------------------------------------------------
// Addition and subtraction. The operand of larger magnitude goes first; the other is aligned to
// it with a sticky bit. Both significands are placed with the hidden bit at 61, leaving room for
// the carry of an addition and, below the precision, at least 9 bits, so that the sticky bit can
// stand for everything shifted out: a cancellation of more than one bit happens only when the
// exponents differ by at most 1, and then nothing is shifted out.

INLINE u64 add_op(u64 a, u64 b, int d) {
  u64 ma = a & ABS(d), mb = b & ABS(d);
  if (ma < mb) {
    u64 t = a; a = b; b = t;
    t = ma; ma = mb; mb = t;
  }
  int subtract = ((a ^ b) & SIGN(d)) != 0;
  i64 ea = (i64)(ma >> FRAC(d)), eb = (i64)(mb >> FRAC(d));
  if (ea == EMAX(d)) {
    if (ma != INF(d)) return QNAN(d);                    // a NaN (NaNs sort above infinity)
    if (mb == INF(d) && subtract) return QNAN(d);        // inf - inf
    return a;
  }
  u64 fa = ma & FRAC_MASK(d), fb = mb & FRAC_MASK(d);
  // a subnormal is 0.f × 2^(1 - bias): exponent 1 without the hidden bit
  if (ea) fa |= HIDDEN(d); else ea = 1;
  if (eb) fb |= HIDDEN(d); else eb = 1;
  fa <<= 61 - FRAC(d);
  fb <<= 61 - FRAC(d);
  u64 diff = (u64)(ea - eb);
  if (d) fb = shift_right_jam(fb, diff);
  // f32: fb's lowest 38 bits are 0, so a shift by up to 38 is exact; a larger one leaves fb
  // entirely below the rounding bit and the sticky bit alone stands for it
  else fb = diff <= 38 ? fb >> diff : fb != 0;
  u64 sig = subtract ? fa - fb : fa + fb;
  if (!sig) return a & b & SIGN(d); // exact zero is +0, except -0 + -0
  return norm_round_pack(a & SIGN(d), ea, sig, d);
}

EXPORT(f32_add) u32 f32_add(u32 a, u32 b) { return (u32)add_op(a, b, 0); }
EXPORT(f32_sub) u32 f32_sub(u32 a, u32 b) { return (u32)add_op(a, b ^ SIGN(0), 0); }
EXPORT(f64_add) u64 f64_add(u64 a, u64 b) { return add_op(a, b, 1); }
EXPORT(f64_sub) u64 f64_sub(u64 a, u64 b) { return add_op(a, b ^ SIGN(1), 1); }

// ---------------------------------------------------------------------------------------------
// Multiplication.

// The product of two 53-bit significands x, y (in [2^52, 2^53)), a 106-bit number, shifted right
// by 43 with a sticky bit: on 32-bit limbs, x = x1·2^32 + x0 with x1 < 2^21 and likewise y. The
// middle terms sum below 2^55, so the only carries are the ones added in explicitly.
INLINE u64 mul53_shr43_jam(u64 x, u64 y) {
  u64 x0 = x & 0xFFFFFFFF, x1 = x >> 32, y0 = y & 0xFFFFFFFF, y1 = y >> 32;
  u64 low = x0 * y0;
  u64 mid = x0 * y1 + x1 * y0 + (low >> 32);                 // the product >> 32, less x1·y1·2^32
  return (((x1 * y1) << 21) + (mid >> 11)) | (((mid & 0x7FF) | (low & 0xFFFFFFFF)) != 0);
}

INLINE u64 mul_op(u64 a, u64 b, int d) {
  u64 sign = (a ^ b) & SIGN(d);
  u64 ma = a & ABS(d), mb = b & ABS(d);
  if (ma - 1 >= INF(d) - 1 || mb - 1 >= INF(d) - 1) { // a zero, infinity or NaN (0 - 1 wraps)
    if (ma > INF(d) || mb > INF(d)) return QNAN(d);
    if (ma == INF(d) || mb == INF(d)) return ma && mb ? sign | INF(d) : QNAN(d); // inf × 0 = NaN
    return sign;
  }
  i64 ea, eb;
  u64 fa, fb;
  UNPACK_NORMALIZED(ea, fa, ma, d);
  UNPACK_NORMALIZED(eb, fb, mb, d);
  i64 exp = ea + eb - BIAS(d);
  u64 sig;
  if (d) {
    sig = mul53_shr43_jam(fa, fb); // in [2^61, 2^63)
  } else {
    sig = (fa * fb) << 15; // 24 × 24 bits: exact
  }
  if (sig < (1ull << 62)) { // the product of the significands was below 2
    sig <<= 1;
    exp--;
  }
  return round_pack(sign, exp, sig, d);
}

EXPORT(f32_mul) u32 f32_mul(u32 a, u32 b) { return (u32)mul_op(a, b, 0); }
EXPORT(f64_mul) u64 f64_mul(u64 a, u64 b) { return mul_op(a, b, 1); }

// ---------------------------------------------------------------------------------------------
// Division. With fa in [fb, 2 fb), the quotient's significand is floor(fa·2^k / fb) plus a sticky
// bit for a nonzero remainder. f32 needs one 64-bit division; f64 needs 55 quotient bits from
// 53-bit operands, which is long division by i64.div_u, 11 bits per step (the remainder stays
// below fb < 2^53, so it can move 11 bits left).

INLINE u64 div_op(u64 a, u64 b, int d) {
  u64 sign = (a ^ b) & SIGN(d);
  u64 ma = a & ABS(d), mb = b & ABS(d);
  if (ma >= INF(d)) {
    if (ma > INF(d) || mb >= INF(d)) return QNAN(d); // a NaN, or inf / inf, or inf / NaN
    return sign | INF(d);
  }
  if (mb >= INF(d)) return mb > INF(d) ? QNAN(d) : sign; // x / NaN, x / inf = 0
  if (!mb) return ma ? sign | INF(d) : QNAN(d);          // x / 0 = inf, 0 / 0 = NaN
  if (!ma) return sign;
  i64 ea, eb;
  u64 fa, fb;
  UNPACK_NORMALIZED(ea, fa, ma, d);
  UNPACK_NORMALIZED(eb, fb, mb, d);
  i64 exp = ea - eb + BIAS(d) - 1;
  if (fa < fb) { // bring the quotient of the significands into [1, 2)
    fa <<= 1;
    exp--;
  }
  u64 sig;
  if (d) {
    u64 n = fa << 10;                   // fa < 2^54
    u64 q = n / fb, r = n - q * fb;     // q < 2^11
    for (int i = 0; i < 4; i++) {       // 4 × 11 more bits: q = floor(fa·2^54 / fb) < 2^55
      n = r << 11;
      u64 digit = n / fb;
      r = n - digit * fb;
      q = (q << 11) | digit;
    }
    sig = (q << 8) | (r != 0);
  } else {
    u64 n = fa << 38;                   // fa < 2^25
    u64 q = n / fb;                     // in [2^38, 2^39)
    sig = (q << 24) | (n != q * fb);
  }
  return round_pack(sign, exp, sig, d);
}

EXPORT(f32_div) u32 f32_div(u32 a, u32 b) { return (u32)div_op(a, b, 0); }
EXPORT(f64_div) u64 f64_div(u64 a, u64 b) { return div_op(a, b, 1); }

// ---------------------------------------------------------------------------------------------
// Square root.

// floor(sqrt(n)) for n in [2^2k, 2^(2k+2)), k <= 30. Newton's iteration x' = (x + n/x) / 2 from
// the tangent of sqrt at 2 (relative error at most 6.1% on [1, 4)): three steps bring the error
// below 2^-38, so x ends at floor(sqrt(n)) or one above it. The iteration never goes below
// floor(sqrt(n)) after its first step; the last line corrects the one above.
INLINE u64 isqrt(u64 n, int k) {
  // ((n / 2^2k) + 2) / (2 sqrt 2) · 2^k, the constant 2^32 / (2 sqrt 2) rounded up
  u64 x = (((n >> k) + (2ull << k)) * 1518500250ull) >> 32;
  x = (x + n / x) >> 1;
  x = (x + n / x) >> 1;
  x = (x + n / x) >> 1;
  return x - (x * x > n);
}

INLINE u64 sqrt_op(u64 a, int d) {
  if (!(a & ABS(d))) return a;                             // sqrt(±0) = ±0
  if (a >= INF(d)) return a == INF(d) ? a : QNAN(d);       // +inf; NaN and negatives (sign bit)
  i64 e;
  u64 f;
  UNPACK_NORMALIZED(e, f, a, d);
  // a = f · 2^(e - bias - frac); make the power even by moving one bit into f when needed
  u64 odd = (u64)(e + 1) & 1;
  f <<= odd;
  u64 root, sticky;
  if (d) {
    // root = floor(sqrt(f · 2^56)) in [2^54, 2^55): first y = floor(sqrt(f · 2^8)) (32 bits),
    // then one step of Zimmermann's Karatsuba square root for the next 24 bits, whose estimate
    // is exact or one too large (y >= 2^30 keeps the error below 1).
    u64 n = f << 8;                     // [2^60, 2^62)
    u64 y = isqrt(n, 30);
    u64 r = (n - y * y) << 23;          // (n - y²) <= 2y
    u64 q = r / y;                      // <= 2^24
    root = (y << 24) + q;
    // f·2^56 - root² = 2^25 (r mod y) - q², all below 2^57
    u64 high = (r - q * y) << 25, low = q * q;
    if (high < low) {
      root--;
      sticky = 1;
    } else {
      sticky = high != low;
    }
    return round_pack(0, (i64)(((u64)(e + 1021) - odd) >> 1), (root << 8) | sticky, d);
  }
  u64 n = f << 27;                      // [2^50, 2^52)
  root = isqrt(n, 25);                  // [2^25, 2^26)
  sticky = n != root * root;
  return round_pack(0, (i64)(((u64)(e + 125) - odd) >> 1), (root << 37) | sticky, d);
}

EXPORT(f32_sqrt) u32 f32_sqrt(u32 a) { return (u32)sqrt_op(a, 0); }
EXPORT(f64_sqrt) u64 f64_sqrt(u64 a) { return sqrt_op(a, 1); }

// ---------------------------------------------------------------------------------------------
// min and max: NaN if either operand is; otherwise the order of sign and magnitude, in which
// -0 < +0.

INLINE u64 min_max(u64 a, u64 b, int want_max, int d) {
  if (is_nan(a, d) || is_nan(b, d)) return QNAN(d);
  int a_neg = (a & SIGN(d)) != 0;
  // signs differ: the negative one is smaller; same sign: the bits' order, reversed if negative
  int a_smaller = ((a ^ b) & SIGN(d)) ? a_neg : (a < b) != a_neg;
  return a_smaller != want_max ? a : b;
}

EXPORT(f32_min) u32 f32_min(u32 a, u32 b) { return (u32)min_max(a, b, 0, 0); }
EXPORT(f32_max) u32 f32_max(u32 a, u32 b) { return (u32)min_max(a, b, 1, 0); }
EXPORT(f64_min) u64 f64_min(u64 a, u64 b) { return min_max(a, b, 0, 1); }
EXPORT(f64_max) u64 f64_max(u64 a, u64 b) { return min_max(a, b, 1, 1); }

// ---------------------------------------------------------------------------------------------
// Rounding to an integral value: clear the fraction bits, after adding to the magnitude what
// rounds it up (a carry out of the fraction moves into the exponent field, as it should).

enum { TRUNC, FLOOR, CEIL, NEAREST };

INLINE u64 round_integral(u64 a, int mode, int d) {
  u64 sign = a & SIGN(d), m = a & ABS(d);
  i64 e = (i64)(m >> FRAC(d));
  if (e >= BIAS(d) + FRAC(d)) return m > INF(d) ? QNAN(d) : a; // integral already, inf or NaN
  if (e < BIAS(d)) { // |a| < 1: the result is ±0 or ±1, keeping the sign
    int up;          // round the magnitude up to 1
    if (mode == TRUNC) up = 0;
    else if (mode == FLOOR) up = sign && m;
    else if (mode == CEIL) up = !sign && m;
    else up = m > HALF(d); // 0.5 rounds to the even 0
    return up ? sign | ONE(d) : sign;
  }
  u64 frac = FRAC_MASK(d) >> (e - BIAS(d)); // the bits below the binary point
  u64 inc;
  if (mode == TRUNC) inc = 0;
  else if (mode == FLOOR) inc = sign ? frac : 0;
  else if (mode == CEIL) inc = sign ? 0 : frac;
  // half minus 1, plus 1 if the integer part is odd (bit frac + 1: for |a| in [1, 2) it is the
  // exponent field's lowest bit, which is 1 as the bias is odd, standing for the hidden 1)
  else inc = (frac >> 1) + ((a & (frac + 1)) != 0);
  return (a + inc) & ~frac;
}

EXPORT(f32_ceil) u32 f32_ceil(u32 a) { return (u32)round_integral(a, CEIL, 0); }
EXPORT(f32_floor) u32 f32_floor(u32 a) { return (u32)round_integral(a, FLOOR, 0); }
EXPORT(f32_trunc) u32 f32_trunc(u32 a) { return (u32)round_integral(a, TRUNC, 0); }
EXPORT(f32_nearest) u32 f32_nearest(u32 a) { return (u32)round_integral(a, NEAREST, 0); }
EXPORT(f64_ceil) u64 f64_ceil(u64 a) { return round_integral(a, CEIL, 1); }
EXPORT(f64_floor) u64 f64_floor(u64 a) { return round_integral(a, FLOOR, 1); }
EXPORT(f64_trunc) u64 f64_trunc(u64 a) { return round_integral(a, TRUNC, 1); }
EXPORT(f64_nearest) u64 f64_nearest(u64 a) { return round_integral(a, NEAREST, 1); }

// ---------------------------------------------------------------------------------------------
// f32 <-> f64.

EXPORT(f64_promote_f32) u64 f64_promote_f32(u32 a) {
  u64 sign = (u64)(a & 0x80000000) << 32;
  u32 m = a & 0x7FFFFFFF;
  if (m >= 0x7F800000) return m > 0x7F800000 ? QNAN(1) : sign | INF(1);
  if (m < 0x00800000) { // zero or subnormal: normalize
    if (!m) return sign;
    i32 shift = (i32)__builtin_clz(m) - 8; // the leading 1 to bit 23, the hidden bit
    // the hidden bit lands on the exponent field's lowest bit and adds 1 to it
    return sign | (((u64)(896 - shift) << 52) + ((u64)(m << shift) << 29));
  }
  // rebias the exponent by 1023 - 127 = 896, widen the fraction by 29 bits
  return sign | (((u64)m << 29) + (896ull << 52));
}

EXPORT(f32_demote_f64) u32 f32_demote_f64(u64 a) {
  u64 m = a & ABS(1);
  if (m >= INF(1)) return m > INF(1) ? (u32)QNAN(0) : (u32)((a >> 32) & SIGN(0)) | (u32)INF(0);
  i64 e = (i64)(m >> 52);
  u64 f = m & FRAC_MASK(1);
  if (e) f |= HIDDEN(1); else e = 1; // f64 subnormals are far below f32's range: they round to 0
  // f · 2^(e - 1075) with f's leading 1 moved to bit 62: the f32 exponent is e - 1023 + 127 - 1
  return (u32)round_pack((a >> 32) & SIGN(0), e - 897, f << 10, 0);
}

// ---------------------------------------------------------------------------------------------
// Integer -> float. A magnitude below 2^64 (with a sign) is normalized to bit 63, then moved to
// bit 62 keeping the shifted-out bit as sticky, and rounded.

INLINE u64 from_magnitude(u64 sign, u64 mag, int d) {
  if (!mag) return 0;
  i64 shift = __builtin_clzll(mag);
  u64 sig = mag << shift;
  // mag = (sig / 2^63) · 2^(63 - shift): biased exponent 63 - shift + bias, minus 1
  return round_pack(sign, 62 - shift + BIAS(d), (sig >> 1) | (sig & 1), d);
}

// An i32 or u32 magnitude fits f64's 53 bits: no rounding.
INLINE u64 f64_from_u32_magnitude(u64 sign, u64 mag) {
  if (!mag) return 0;
  i64 shift = __builtin_clzll(mag); // >= 32
  // the leading 1 to the hidden bit (52), where it adds 1 to the exponent field
  return sign | (((u64)(1085 - shift) << 52) + (mag << (shift - 11)));
}

EXPORT(f32_convert_i32_s) u32 f32_convert_i32_s(u32 x) {
  u32 neg = x >> 31;
  return (u32)from_magnitude(neg ? SIGN(0) : 0, neg ? 0u - x : x, 0);
}
EXPORT(f32_convert_i32_u) u32 f32_convert_i32_u(u32 x) { return (u32)from_magnitude(0, x, 0); }
EXPORT(f32_convert_i64_s) u32 f32_convert_i64_s(u64 x) {
  u64 neg = x >> 63;
  return (u32)from_magnitude(neg ? SIGN(0) : 0, neg ? 0 - x : x, 0);
}
EXPORT(f32_convert_i64_u) u32 f32_convert_i64_u(u64 x) { return (u32)from_magnitude(0, x, 0); }
EXPORT(f64_convert_i32_s) u64 f64_convert_i32_s(u32 x) {
  u32 neg = x >> 31;
  return f64_from_u32_magnitude(neg ? SIGN(1) : 0, neg ? 0u - x : x);
}
EXPORT(f64_convert_i32_u) u64 f64_convert_i32_u(u32 x) { return f64_from_u32_magnitude(0, x); }
EXPORT(f64_convert_i64_s) u64 f64_convert_i64_s(u64 x) {
  u64 neg = x >> 63;
  return from_magnitude(neg ? SIGN(1) : 0, neg ? 0 - x : x, 1);
}
EXPORT(f64_convert_i64_u) u64 f64_convert_i64_u(u64 x) { return from_magnitude(0, x, 1); }

// ---------------------------------------------------------------------------------------------
// Float -> integer, truncating toward zero. `bits` is the integer's width. A NaN is an invalid
// conversion and an integral part out of range an overflow: the saturating conversions give 0 and
// the nearest bound; the trapping ones return the value with a status (built with the multi-value
// ABI: two results), which the compiler turns into the trap at the program's own instruction, so
// that a trap names where the program converts, not a place in this file.

#define CONVERTED 0
#define INVALID_CONVERSION 1
#define INTEGER_OVERFLOW 2

INLINE u64 to_int(u64 a, int bits, int is_signed, int saturate, int d, u32 *status) {
  u64 m = a & ABS(d);
  int neg = (a & SIGN(d)) != 0;
  *status = CONVERTED;
  if (m > INF(d)) {
    if (!saturate) *status = INVALID_CONVERSION;
    return 0;
  }
  // the largest magnitudes allowed for each sign
  u64 max_pos = is_signed ? (1ull << (bits - 1)) - 1 : ~0ull >> (64 - bits);
  u64 max_neg = is_signed ? 1ull << (bits - 1) : 0;
  i64 e = (i64)(m >> FRAC(d)) - BIAS(d); // unbiased exponent
  if (e < bits) {                         // |a| < 2^bits (the integral part fits in a u64)
    u64 mag = 0;
    if (e >= 0) {
      u64 f = (m & FRAC_MASK(d)) | HIDDEN(d);
      mag = e >= FRAC(d) ? f << (e - FRAC(d)) : f >> (FRAC(d) - e);
    }
    if (mag <= (neg ? max_neg : max_pos)) return neg ? 0 - mag : mag;
  }
  if (!saturate) *status = INTEGER_OVERFLOW;
  return neg ? 0 - max_neg : max_pos;
}

typedef struct { u32 value; u32 status; } conv32;
typedef struct { u64 value; u32 status; } conv64;

#define TRUNC(name, ret, arg, bits, is_signed, d)                            \
  EXPORT(name) ret name(arg a) {                                             \
    u32 status;                                                              \
    ret r = { to_int(a, bits, is_signed, 0, d, &status), 0 };                \
    r.status = status;                                                       \
    return r;                                                                \
  }
TRUNC(i32_trunc_f32_s, conv32, u32, 32, 1, 0)
TRUNC(i32_trunc_f32_u, conv32, u32, 32, 0, 0)
TRUNC(i32_trunc_f64_s, conv32, u64, 32, 1, 1)
TRUNC(i32_trunc_f64_u, conv32, u64, 32, 0, 1)
TRUNC(i64_trunc_f32_s, conv64, u32, 64, 1, 0)
TRUNC(i64_trunc_f32_u, conv64, u32, 64, 0, 0)
TRUNC(i64_trunc_f64_s, conv64, u64, 64, 1, 1)
TRUNC(i64_trunc_f64_u, conv64, u64, 64, 0, 1)

#define TRUNC_SAT(name, ret, arg, bits, is_signed, d)                        \
  EXPORT(name) ret name(arg a) {                                             \
    u32 status;                                                              \
    return (ret)to_int(a, bits, is_signed, 1, d, &status);                   \
  }
TRUNC_SAT(i32_trunc_sat_f32_s, u32, u32, 32, 1, 0)
TRUNC_SAT(i32_trunc_sat_f32_u, u32, u32, 32, 0, 0)
TRUNC_SAT(i32_trunc_sat_f64_s, u32, u64, 32, 1, 1)
TRUNC_SAT(i32_trunc_sat_f64_u, u32, u64, 32, 0, 1)
TRUNC_SAT(i64_trunc_sat_f32_s, u64, u32, 64, 1, 0)
TRUNC_SAT(i64_trunc_sat_f32_u, u64, u32, 64, 0, 0)
TRUNC_SAT(i64_trunc_sat_f64_s, u64, u64, 64, 1, 1)
TRUNC_SAT(i64_trunc_sat_f64_u, u64, u64, 64, 0, 1)
