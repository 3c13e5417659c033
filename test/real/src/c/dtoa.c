/* Decimal formatting of doubles without printf: special values, fixed notation with a given
 * number of decimals (rounded half up on the scaled value), and 17 significant digits by scaling
 * into [1, 10) with powers of ten; the digits of one number are output as integers, the text of
 * all of them as a checksum. Parsing back the text (a naive strtod) is checked against the value.
 * TAPE: [314159, 2, 5]
 * TAPE: [-1, 4294966996, 0]
 * TAPE: [4503599627370497, 15, 9]
 */
#include "io.h"

static char text[256];
static i32 pos;

static void put(char c) { if (pos < 255) text[pos++] = c; }

static const double pow10_pos[] = {1e1, 1e2, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256};

static double pow10i(i32 e) {
  double r = 1.0;
  i32 neg = e < 0;
  if (neg) e = -e;
  for (i32 i = 0; e; i++, e >>= 1) if (e & 1) r *= pow10_pos[i];
  return neg ? 1.0 / r : r;
}

/* scientific: 17 significant digits (returned as an integer) and the decimal exponent */
static u64 sig_digits(double x, i32 *exp10) {
  i32 e = 0;
  if (x >= 10.0) { while (x >= 1e32) { x /= 1e32; e += 32; } while (x >= 10.0) { x /= 10.0; e++; } }
  else if (x < 1.0) { while (x < 1e-32) { x *= 1e32; e -= 32; } while (x < 1.0) { x *= 10.0; e--; } }
  u64 d = 0;
  for (i32 i = 0; i < 17; i++) {
    i32 digit = (i32)x;
    if (digit > 9) digit = 9;
    d = d * 10 + (u64)digit;
    x = (x - digit) * 10.0;
  }
  if (x >= 5.0) d++; /* round on the next digit */
  if (d >= 100000000000000000ull) { d /= 10; e++; }
  *exp10 = e;
  return d;
}

static void put_u64(u64 v, i32 min_width) {
  char tmp[24];
  i32 n = 0;
  do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v || n < min_width);
  while (n) put(tmp[--n]);
}

static u64 format_sci(double x, i32 *exp_out) {
  u64 bits;
  __builtin_memcpy(&bits, &x, 8);
  if (bits >> 63) { put('-'); x = -x; }
  if (x != x) { put('n'); put('a'); put('n'); *exp_out = 0; return 0; }
  if (x == 1.0 / 0.0) { put('i'); put('n'); put('f'); *exp_out = 0; return 0; }
  if (x == 0.0) { put('0'); *exp_out = 0; return 0; }
  i32 e;
  u64 d = sig_digits(x, &e);
  u64 lead = d / 10000000000000000ull;
  put((char)('0' + lead));
  put('.');
  put_u64(d % 10000000000000000ull, 16);
  put('e');
  if (e < 0) { put('-'); put_u64((u64)-e, 1); } else put_u64((u64)e, 1);
  *exp_out = e;
  return d;
}

static void format_fixed(double x, i32 decimals) {
  if (x < 0) { put('-'); x = -x; }
  if (!(x < 1e18)) { put('b'); put('i'); put('g'); return; }
  double scale = pow10i(decimals);
  u64 whole = (u64)x;
  u64 frac = (u64)((x - (double)whole) * scale + 0.5);
  if ((double)frac >= scale) { whole++; frac = 0; }
  put_u64(whole, 1);
  if (decimals) { put('.'); put_u64(frac, decimals); }
}

static double parse(const char *s) {
  i32 neg = 0, e = 0, esign = 1, digits = 0;
  u64 m = 0;
  if (*s == '-') { neg = 1; s++; }
  while ((*s >= '0' && *s <= '9') || *s == '.') {
    if (*s == '.') { s++; continue; }
    if (digits < 19) { m = m * 10 + (u64)(*s - '0'); digits++; } else e++;
    s++;
  }
  /* m holds all 17 digits: the point follows the first one */
  i32 frac_digits = digits - 1;
  if (*s == 'e') {
    s++;
    if (*s == '-') { esign = -1; s++; }
    i32 v = 0;
    while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
    e += esign * v;
  }
  double r = (double)m;
  i32 p = e - frac_digits;
  /* keep the intermediate within range for tiny and huge values */
  if (p < -300) { r *= 1e-300; p += 300; }
  r = p < 0 ? r / pow10i(-p) : r * pow10i(p);
  return neg ? -r : r;
}

PROGRAM_MAIN {
  i64 num = input_i64();
  i32 pexp = input_i32();
  i32 decimals = input_i32() % 10;
  u64 h = FNV_INIT;

  double x = (double)num * pow10i(pexp);
  double values[8] = {x, -x / 3.0, 1.0 / (double)(decimals + 3), x * x, 0.1 + 0.2, (double)num, 0.0, 0.0};
  values[6] = x - x == 0.0 ? -0.0 : 1.5;
  values[7] = x * 1e300 * 1e10; /* overflows to infinity for large x */

  i32 first_exp = 0;
  u64 first_digits = 0;
  i32 roundtrip = 0;
  for (i32 i = 0; i < 8; i++) {
    pos = 0;
    i32 e;
    u64 d = format_sci(values[i], &e);
    if (i == 0) { first_digits = d; first_exp = e; }
    text[pos] = 0;
    double back = parse(text);
    double rel = back - values[i];
    if (rel < 0) rel = -rel;
    double mag = values[i] < 0 ? -values[i] : values[i];
    if (d && rel <= mag * 1e-15) roundtrip++;
    h = fnv(h, text, (usize)pos);
    pos = 0;
    format_fixed(values[i], decimals);
    h = fnv(h, text, (usize)pos);
  }
  pos = 0;
  format_fixed(x, decimals);

  output_i64((i64)first_digits);
  output_i32(first_exp);
  output_i32(roundtrip);
  output_i32(pos);
  /* the fixed text of x, eight characters to an i64 */
  u64 packed = 0;
  for (i32 i = 0; i < 8 && i < pos; i++) packed = packed << 8 | (u8)text[i];
  output_i64((i64)packed);
  output_i64((i64)h);
}
