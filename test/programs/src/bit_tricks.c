/* Bit manipulation: clz / ctz / popcount (i32 and i64, zero included), rotations by variable
 * amounts, shifts by every amount 0..31 / 0..63 (signed and unsigned), sign and zero extension
 * of chars / shorts / ints, byte swaps, bit reversal, parity, ffs, the x & -x family, a 64x64 ->
 * 128 multiply from 32-bit halves, and a checksum over 64 LCG-drawn values from an independent
 * (Python) model. */
#include "common.h"

NOINLINE static u32 clz32(u32 x) { return x ? (u32)__builtin_clz(x) : 32; }
NOINLINE static u32 ctz32(u32 x) { return x ? (u32)__builtin_ctz(x) : 32; }
NOINLINE static u32 pop32(u32 x) { return (u32)__builtin_popcount(x); }
NOINLINE static u64 clz64(u64 x) { return x ? (u64)__builtin_clzll(x) : 64; }
NOINLINE static u64 ctz64(u64 x) { return x ? (u64)__builtin_ctzll(x) : 64; }
NOINLINE static u64 pop64(u64 x) { return (u64)__builtin_popcountll(x); }
NOINLINE static u32 rotl32(u32 x, u32 n) { return (x << (n & 31)) | (x >> (-n & 31)); }
NOINLINE static u32 rotr32(u32 x, u32 n) { return (x >> (n & 31)) | (x << (-n & 31)); }
NOINLINE static u64 rotl64(u64 x, u32 n) { return (x << (n & 63)) | (x >> (-n & 63)); }
NOINLINE static u64 rotr64(u64 x, u32 n) { return (x >> (n & 63)) | (x << (-n & 63)); }

/* portable popcount, to check the builtin */
static u32 pop_slow(u64 x) {
  u32 n = 0;
  while (x) { x &= x - 1; n++; }
  return n;
}

/* high 64 bits of a * b, from 32-bit halves */
static u64 mulhu64(u64 a, u64 b) {
  u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
  u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
  return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

static u64 seed;
static u64 next(void) {
  seed = seed * 6364136223846793005ull + 1442695040888963407ull;
  return seed;
}

PROGRAM_MAIN {
  assert_eq_i32((i32)clz32(opq32(0)), 32);
  assert_eq_i32((i32)clz32(opq32(1)), 31);
  assert_eq_i32((i32)clz32(opq32(0x80000000u)), 0);
  assert_eq_i32((i32)clz32(opq32(0x00F00000u)), 8);
  assert_eq_i32((i32)ctz32(opq32(0)), 32);
  assert_eq_i32((i32)ctz32(opq32(0x00F00000u)), 20);
  assert_eq_i32((i32)ctz32(opq32(0x80000000u)), 31);
  assert_eq_i32((i32)pop32(opq32(0xFFFFFFFFu)), 32);
  assert_eq_i32((i32)pop32(opq32(0xA5A5A5A5u)), 16);
  assert_eq_i32((i32)pop32(opq32(0)), 0);
  assert_eq_i64((i64)clz64(opq64(0)), 64);
  assert_eq_i64((i64)clz64(opq64(1)), 63);
  assert_eq_i64((i64)clz64(opq64(0x0000000100000000ull)), 31);
  assert_eq_i64((i64)ctz64(opq64(0x0000000100000000ull)), 32);
  assert_eq_i64((i64)ctz64(opq64(0)), 64);
  assert_eq_i64((i64)ctz64(opq64(0x8000000000000000ull)), 63);
  assert_eq_i64((i64)pop64(opq64(0xFFFFFFFFFFFFFFFFull)), 64);
  assert_eq_i64((i64)pop64(opq64(0x8000000000000001ull)), 2);

  assert_eq_i32((i32)rotl32(opq32(0x80000001u), 1), 3);
  assert_eq_i32((i32)rotl32(opq32(0x12345678u), 0), 0x12345678);
  assert_eq_i32((i32)rotl32(opq32(0x12345678u), 32), 0x12345678);
  assert_eq_i32((i32)rotl32(opq32(0x12345678u), 4), 0x23456781);
  assert_eq_i32((i32)rotr32(opq32(0x12345678u), 4), (i32)0x81234567u);
  assert_eq_i32((i32)rotr32(opq32(1), 1), (i32)0x80000000u);
  assert_eq_i64((i64)rotl64(opq64(0x8000000000000001ull), 1), 3);
  assert_eq_i64((i64)rotl64(opq64(0x0123456789ABCDEFull), 8), 0x23456789ABCDEF01ll);
  assert_eq_i64((i64)rotr64(opq64(0x0123456789ABCDEFull), 8), (i64)0xEF0123456789ABCDull);
  assert_eq_i64((i64)rotr64(opq64(0x0123456789ABCDEFull), 64), 0x0123456789ABCDEFll);
  assert_eq_i64((i64)rotl64(opq64(1), 63), (i64)0x8000000000000000ull);

  /* shifts by every amount */
  u32 x = opq32(0x80000001u);
  u32 acc32 = 0;
  for (u32 n = 0; n < 32; n++) {
    acc32 = acc32 * 3 + (x << n);
    acc32 = acc32 * 3 + (x >> n);
    acc32 = acc32 * 3 + (u32)((i32)x >> n);
  }
  assert_eq_i32((i32)acc32, (i32)0x4d04af03u);
  u64 y = opq64(0x8000000000000003ull);
  u64 acc64 = 0;
  for (u32 n = 0; n < 64; n++) {
    acc64 = acc64 * 3 + (y << n);
    acc64 = acc64 * 3 + (y >> n);
    acc64 = acc64 * 3 + (u64)((i64)y >> n);
  }
  assert_eq_i64((i64)acc64, (i64)0x80060ff1b9e5cfa1ull);

  /* sign / zero extension */
  u32 b = opq32(0x1234ABCDu);
  assert_eq_i32((i32)(i8)b, -51);
  assert_eq_i32((i32)(u8)b, 0xCD);
  assert_eq_i32((i32)(i16)b, -21555);
  assert_eq_i32((i32)(u16)b, 0xABCD);
  u64 w = opq64(0xFEDCBA9880818283ull);
  assert_eq_i64((i64)(i8)w, -125);
  assert_eq_i64((i64)(i16)w, -32125);
  assert_eq_i64((i64)(i32)w, -2138996093LL);
  assert_eq_i64((i64)(u32)w, 0x80818283LL);
  assert_eq_i64((i64)(u16)w, 0x8283);
  i8 small = (i8)opq32(0xF0);
  assert_eq_i64((i64)small * 1000000000000LL, -16000000000000LL);

  assert_eq_i32((i32)__builtin_bswap32(opq32(0x11223344u)), 0x44332211);
  assert_eq_i64((i64)__builtin_bswap64(opq64(0x1122334455667788ull)), (i64)0x8877665544332211ull);
  assert_eq_i32((i32)__builtin_bswap16((u16)opq32(0xABCD)), 0xCDAB);
  assert_eq_i32((i32)__builtin_bitreverse32(opq32(1)), (i32)0x80000000u);
  assert_eq_i32((i32)__builtin_bitreverse32(opq32(0x0000F00Du)), (i32)0xB00F0000u);
  assert_eq_i32(__builtin_parity(opq32(7)), 1);
  assert_eq_i32(__builtin_parityll(opq64(0x8000000000000001ull)), 0);
  assert_eq_i32(__builtin_ffs((i32)opq32(0)), 0);
  assert_eq_i32(__builtin_ffs((i32)opq32(0x100)), 9);
  assert_eq_i32(__builtin_ffsll((i64)opq64(0x8000000000000000ull)), 64);

  u32 v = opq32(0xB0u);
  assert_eq_i32((i32)(v & (0u - v)), 0x10);   /* lowest set bit */
  assert_eq_i32((i32)(v & (v - 1)), 0xA0);    /* clear it */
  assert_eq_i32((i32)(v | (v - 1)), 0xBF);    /* fill trailing zeros */
  u32 p = opq32(1000) - 1;                    /* next power of two */
  p |= p >> 1; p |= p >> 2; p |= p >> 4; p |= p >> 8; p |= p >> 16;
  assert_eq_i32((i32)(p + 1), 1024);
  i32 neg = (i32)opq32((u32)-12345);
  i32 mask = neg >> 31;
  assert_eq_i32((neg ^ mask) - mask, 12345); /* branch-free abs */

  assert_eq_i64((i64)mulhu64(opq64(0xFFFFFFFFFFFFFFFFull), opq64(0xFFFFFFFFFFFFFFFFull)), -2);
  assert_eq_i64((i64)mulhu64(opq64(0x0123456789ABCDEFull), opq64(0xFEDCBA9876543210ull)), 0x121FA00AD77D742ll);

  seed = opq64(99);
  u64 sum = 0;
  u32 ok = 1;
  for (i32 i = 0; i < 64; i++) {
    u64 r = next();
    u64 s = next() >> (r & 63); /* sparse values too */
    u32 lo = (u32)s;
    if (pop64(s) != pop_slow(s)) ok = 0;
    sum = sum * 17 + clz64(s) + ctz64(s) * 3 + pop64(s) * 5 + clz32(lo) * 7 + ctz32(lo) * 11 + pop32(lo) * 13;
    sum ^= rotl64(s, (u32)r) + rotr32(lo, (u32)(r >> 40));
    sum += (u64)(i64)(i8)s + (u64)(i64)(i16)(r >> 16) + (u64)(i64)(i32)(s >> 8);
    sum += __builtin_bswap64(s) ^ mulhu64(s, r);
  }
  assert_eq_i32((i32)ok, 1);
  assert_eq_i64((i64)sum, (i64)0xf498ca28ef7ee046ull);
}
