/* Integer division and remainder, 64- and 32-bit, signed and unsigned: the wasm trunc-toward-zero
 * semantics on negative operands, INT_MIN / 3, INT_MIN % -1 (= 0 in wasm: rem_s never traps),
 * huge unsigned dividends, divisors above 2^32, division by constants (which -O2 turns into
 * multiplications and shifts), u64 -> decimal conversion, and 200 LCG-drawn pairs checked by the
 * identity a == (a / b) * b + a % b plus a checksum from an independent (Python) model. */
#include "common.h"

NOINLINE static i64 sdiv64(i64 a, i64 b) { return a / b; }
NOINLINE static i64 srem64(i64 a, i64 b) { return a % b; }
NOINLINE static u64 udiv64(u64 a, u64 b) { return a / b; }
NOINLINE static u64 urem64(u64 a, u64 b) { return a % b; }
NOINLINE static i32 sdiv32(i32 a, i32 b) { return a / b; }
NOINLINE static i32 srem32(i32 a, i32 b) { return a % b; }
NOINLINE static u32 udiv32(u32 a, u32 b) { return a / b; }
NOINLINE static u32 urem32(u32 a, u32 b) { return a % b; }

static void s64(i64 a, i64 b, i64 q, i64 r) {
  a = (i64)opq64((u64)a);
  b = (i64)opq64((u64)b);
  assert_eq_i64(sdiv64(a, b), q);
  assert_eq_i64(srem64(a, b), r);
}
static void u64c(u64 a, u64 b, u64 q, u64 r) {
  a = opq64(a);
  b = opq64(b);
  assert_eq_i64((i64)udiv64(a, b), (i64)q);
  assert_eq_i64((i64)urem64(a, b), (i64)r);
}
static void s32(i32 a, i32 b, i32 q, i32 r) {
  a = (i32)opq32((u32)a);
  b = (i32)opq32((u32)b);
  assert_eq_i32(sdiv32(a, b), q);
  assert_eq_i32(srem32(a, b), r);
}
static void u32c(u32 a, u32 b, u32 q, u32 r) {
  a = opq32(a);
  b = opq32(b);
  assert_eq_i32((i32)udiv32(a, b), (i32)q);
  assert_eq_i32((i32)urem32(a, b), (i32)r);
}

/* decimal digits of v, least significant first; returns the count */
static i32 utoa64(u64 v, u8 *out) {
  i32 n = 0;
  do { out[n++] = (u8)('0' + v % 10); v /= 10; } while (v);
  return n;
}

static u64 seed;
static u64 lcg64(void) {
  seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  return seed;
}

PROGRAM_MAIN {
  s64(7, 2, 3, 1);
  s64(-7, 2, -3, -1);
  s64(7, -2, -3, 1);
  s64(-7, -2, 3, -1);
  s64(INT64_MIN_, 3, -3074457345618258602LL, -2);
  s64(INT64_MIN_, -3, 3074457345618258602LL, -2);
  s64(INT64_MIN_, 1, INT64_MIN_, 0);
  s64(INT64_MIN_, INT64_MIN_, 1, 0);
  s64(INT64_MIN_ + 1, -1, 9223372036854775807LL, 0);
  s64(9223372036854775807LL, INT64_MIN_, 0, 9223372036854775807LL);
  s64(-1000000000000LL, 4294967296LL, -232, -3567587328LL);
  s64(0, -5, 0, 0);
  /* INT64_MIN % -1: the quotient overflows (i64.div_s traps) but i64.rem_s yields 0 */
  assert_eq_i64(srem64((i64)opq64((u64)INT64_MIN_), (i64)opq64((u64)-1)), 0);

  u64c(0xFFFFFFFFFFFFFFFFull, 3, 0x5555555555555555ull, 0);
  u64c(0xFFFFFFFFFFFFFFFFull, 10, 1844674407370955161ull, 5);
  u64c(0x8000000000000000ull, 3, 3074457345618258602ull, 2);
  u64c(0xFFFFFFFFFFFFFFFFull, 0x100000001ull, 0xFFFFFFFFull, 0);
  u64c(0xFFFFFFFFFFFFFFFEull, 0xFFFFFFFFFFFFFFFFull, 0, 0xFFFFFFFFFFFFFFFEull);
  u64c(0xFFFFFFFFFFFFFFFFull, 0x8000000000000000ull, 1, 0x7FFFFFFFFFFFFFFFull);
  u64c(123456789012345678ull, 1000000007ull, 123456788, 148148162ull);
  u64c(5, 7, 0, 5);

  s32(7, 2, 3, 1);
  s32(-7, 2, -3, -1);
  s32(7, -2, -3, 1);
  s32(-7, -2, 3, -1);
  s32(INT32_MIN_, 3, -715827882, -2);
  s32(INT32_MIN_, INT32_MIN_, 1, 0);
  s32(2147483647, -2147483647 - 1, 0, 2147483647);
  assert_eq_i32(srem32((i32)opq32(0x80000000u), (i32)opq32(0xFFFFFFFFu)), 0);
  u32c(0xFFFFFFFFu, 7, 613566756u, 3);
  u32c(0xFFFFFFFFu, 0x80000000u, 1, 0x7FFFFFFFu);
  u32c(0x80000000u, 3, 715827882u, 2);
  u32c(3, 0xFFFFFFFFu, 0, 3);

  /* division by constants, on opaque dividends */
  i64 m = (i64)opq64((u64)-1000001LL);
  assert_eq_i64(m / 8, -125000);
  assert_eq_i64(m % 8, -1);
  assert_eq_i64(m >> 3, -125001);
  assert_eq_i64(m / 1000, -1000);
  assert_eq_i64(m % 1000, -1);
  i32 m32 = (i32)opq32((u32)-1000001);
  assert_eq_i32(m32 / 7, -142857);
  assert_eq_i32(m32 % 7, -2);
  assert_eq_i32(m32 / 16, -62500);
  u32 u = opq32(4000000000u);
  assert_eq_i32((i32)(u / 10), 400000000);
  assert_eq_i32((i32)(u % 3), 1);

  u8 digits[20];
  i32 n = utoa64(opq64(0xFFFFFFFFFFFFFFFFull), digits); /* 18446744073709551615 */
  assert_eq_i32(n, 20);
  i32 digit_sum = 0;
  u64 back = 0;
  for (i32 i = n - 1; i >= 0; i--) { digit_sum += digits[i] - '0'; back = back * 10 + (u64)(digits[i] - '0'); }
  assert_eq_i32(digit_sum, 87);
  assert_eq_i32(digits[0], '5');
  assert_eq_i32(digits[19], '1');
  assert_eq_i64((i64)back, -1);
  assert_eq_i32(utoa64(opq64(0), digits), 1);

  seed = opq64(42);
  u64 check = 0;
  i32 ok = 1;
  for (i32 i = 0; i < 200; i++) {
    i64 a = (i64)lcg64();
    i64 b = (i64)lcg64();
    b >>= lcg64() >> 58; /* divisors of every magnitude, both signs */
    if (b == 0 || (a == INT64_MIN_ && b == -1)) b = 3;
    i64 q = sdiv64(a, b), r = srem64(a, b);
    if (q * b + r != a) ok = 0;
    if (r != 0 && (r < 0) != (a < 0)) ok = 0;
    u64 uq = udiv64((u64)a, (u64)b), ur = urem64((u64)a, (u64)b);
    if (uq * (u64)b + ur != (u64)a || ur >= (u64)b) ok = 0;
    i32 a32 = (i32)a, b32 = (i32)(b >> 32) | 1;
    i32 q32 = sdiv32(a32 == INT32_MIN_ ? 5 : a32, b32);
    u32 uq32 = udiv32((u32)a32, (u32)b32), ur32 = urem32((u32)a32, (u32)b32);
    check = check * 31 + (u64)q + (u64)r * 7 + uq + ur * 13 + (u64)(i64)q32 + uq32 + ur32;
  }
  assert_eq_i32(ok, 1);
  assert_eq_i64((i64)check, (i64)0xf372f7b236a90336ull);
}
