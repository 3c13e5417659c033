/* Conversions between floats and integers: every width and signedness both ways, values at and
 * just beyond the integer limits (clang's guarded truncation, or with -mnontrapping-fptoint
 * the saturating instructions), rounding of large integers to float and double, f32 <-> f64
 * (rounding, subnormals, NaN payloads), reinterpretation, and the trapping truncation
 * instruction itself (its last tape traps: 1e10 does not fit in i32).
 * TAPE: [0, 1000, 8]
 * TAPE: [9223372036854775807, 3, 4294967295]
 * TAPE: [-9223372036854775808, 2147483647, 16777217]
 * TAPE: [1, 1, 1] EXPECT trap
 */
#include "io.h"

static u64 bits(double d) { u64 u; __builtin_memcpy(&u, &d, 8); return u; }
static u32 bits_f(float f) { u32 u; __builtin_memcpy(&u, &f, 4); return u; }
static double from_bits(u64 u) { double d; __builtin_memcpy(&d, &u, 8); return d; }
static float from_bits_f(u32 u) { float f; __builtin_memcpy(&f, &u, 4); return f; }

/* the values near the limits, some of them outside every integer type */
static const double edges[] = {
  0.0, -0.0, 0.5, -0.5, 0.9999999999999999, -1.0, 1.5, -2.5, 255.5, 65535.99,
  2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0, -2147483648.9, -2147483649.0,
  4294967295.0, 4294967295.9, 4294967296.0,
  9223372036854774784.0, 9223372036854775808.0, -9223372036854775808.0, -9223372036854777856.0,
  18446744073709549568.0, 18446744073709551616.0, 1e300, -1e300, 4.9e-324,
};

static u64 convert_all(double d, u64 h) {
  float f = (float)d;
  /* each through a volatile-free helper so clang keeps the instruction */
  h = fnv32(h, (u32)(i32)d);
  h = fnv32(h, (u32)d);
  h = fnv(h, &(i64){(i64)d}, 8);
  h = fnv(h, &(u64){(u64)d}, 8);
  h = fnv32(h, (u32)(i32)f);
  h = fnv32(h, (u32)f);
  h = fnv(h, &(i64){(i64)f}, 8);
  h = fnv(h, &(u64){(u64)f}, 8);
  h = fnv32(h, bits_f(f));
  return h;
}

PROGRAM_MAIN {
  i64 a = input_i64();
  i32 b = input_i32();
  i32 c = input_i32();
  u64 h = FNV_INIT;

  /* float -> int over the edges, scaled a little by the tape */
  i32 n = (i32)(sizeof edges / sizeof edges[0]);
  for (i32 i = 0; i < n; i++) h = convert_all(edges[(u32)(i + c) % (u32)n], h);
  h = convert_all((double)b + 0.75, h);
  h = convert_all(-(double)b - 0.25, h);
  u64 edges_hash = h;

  /* int -> float: rounding of 64-bit and 32-bit values */
  h = FNV_INIT;
  double da = (double)a, dua = (double)(u64)a;
  float fa = (float)a, fua = (float)(u64)a;
  double db = (double)b, dub = (double)(u32)b;
  float fb = (float)b, fub = (float)(u32)b, fc = (float)c;
  h = fnv(h, &da, 8); h = fnv(h, &dua, 8); h = fnv32(h, bits_f(fa)); h = fnv32(h, bits_f(fua));
  h = fnv(h, &db, 8); h = fnv(h, &dub, 8); h = fnv32(h, bits_f(fb)); h = fnv32(h, bits_f(fub));
  h = fnv32(h, bits_f(fc));
  for (i32 k = 0; k < 64; k += 3) {
    u64 v = ((u64)a >> k) | 1;
    double dv = (double)v;
    float fv = (float)(i64)v;
    h = fnv(h, &dv, 8);
    h = fnv32(h, bits_f(fv));
    /* and back: the round trip loses the low bits */
    h = fnv(h, &(u64){dv < 18446744073709551616.0 ? (u64)dv : 0}, 8);
  }
  u64 to_float_hash = h;

  /* f64 <-> f32: rounding, overflow, subnormals, NaN payloads */
  h = FNV_INIT;
  static const u64 dbits[] = {0x3FF0000010000000ull, 0x3FF0000010000001ull, 0x3FF0000030000000ull,
                              0x47EFFFFFF0000000ull, 0x47EFFFFFE0000000ull, 0x36A0000000000000ull,
                              0x3690000000000001ull, 0x7FF8000000000001ull, 0xFFF4000000000000ull,
                              0x8000000000000001ull, 0x7FEFFFFFFFFFFFFFull};
  for (i32 i = 0; i < 11; i++) {
    float f = (float)from_bits(dbits[i] + (u64)(c & 1));
    u32 fb2 = bits_f(f);
    if ((fb2 & 0x7F800000u) == 0x7F800000u && (fb2 & 0x7FFFFFu)) fb2 = 0x7FC00000u; /* NaN: sign and payload are not specified */
    h = fnv32(h, fb2);
  }
  static const u32 fbits[] = {0x00000001u, 0x807FFFFFu, 0x3F800001u, 0x7F7FFFFFu, 0x7FC00001u, 0xFF800000u};
  for (i32 i = 0; i < 6; i++) {
    u64 db2 = bits((double)from_bits_f(fbits[i]));
    if ((db2 & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (db2 & 0xFFFFFFFFFFFFFull)) db2 = 0x7FF8000000000000ull;
    h = fnv(h, &db2, 8);
  }
  u64 narrow_hash = h;

  /* the instructions themselves */
  i32 t;
#ifdef __wasm_nontrapping_fptoint__
  double big = (double)b * (double)(c | 1) * 1e3;
  i32 sat = __builtin_wasm_trunc_saturate_s_i32_f64(big);
  i64 sat64 = __builtin_wasm_trunc_saturate_u_i64_f32((float)big);
  output_i32(sat);
  output_i64(sat64);
#else
  output_i32(1);
  output_i64(0);
#endif
  output_i64((i64)edges_hash);
  output_i64((i64)to_float_hash);
  output_i64((i64)narrow_hash);
  /* traps unless it fits: the tape [1, 1, 1] gives 1e10 */
  t = __builtin_wasm_trunc_s_i32_f64(b == 1 ? 1e10 : (double)(b & 0xffff) * 0.5);
  output_i32(t);
}
