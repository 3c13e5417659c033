/* Floating point numerics in double and float: Simpson's rule (exact on a cubic, pi from
 * 4/(1+x^2), a float version), Newton's method for square roots checked against known values and
 * against the sqrt instruction, Horner evaluation, a Taylor series for exp, and Kahan summation.
 * TAPE: [16, 3, 7]
 * TAPE: [40, 10, 123456]
 * TAPE: [2, 0, 1]
 */
#include "io.h"

static double cubic(double x) { return ((x - 2.0) * x + 0.5) * x - 1.0; } /* x^3 - 2x^2 + x/2 - 1 */
static double arctan_d(double x) { return 4.0 / (1.0 + x * x); }
static float gauss_f(float x) { return 1.0f / (1.0f + x * x * 0.5f); }

static double simpson(double (*f)(double), double a, double b, i32 n) {
  if (n & 1) n++;
  double h = (b - a) / n, s = f(a) + f(b);
  for (i32 i = 1; i < n; i++) s += f(a + i * h) * (i & 1 ? 4.0 : 2.0);
  return s * h / 3.0;
}

static float simpson_f(float (*f)(float), float a, float b, i32 n) {
  if (n & 1) n++;
  float h = (b - a) / (float)n, s = f(a) + f(b);
  for (i32 i = 1; i < n; i++) s += f(a + (float)i * h) * (i & 1 ? 4.0f : 2.0f);
  return s * h / 3.0f;
}

static double newton_sqrt(double x, i32 *iters) {
  if (x <= 0.0) return 0.0;
  double g = x > 1.0 ? x / 2.0 : 1.0;
  *iters = 0;
  for (i32 i = 0; i < 100; i++) {
    double next = 0.5 * (g + x / g);
    (*iters)++;
    if (next == g) break;
    /* Newton can oscillate between two neighbours in the last bit */
    if (i > 2 && (next - g < 1e-300 && g - next < 1e-300)) break;
    g = next;
  }
  return g;
}

static float newton_sqrt_f(float x) {
  float g = x > 1.0f ? x * 0.5f : 1.0f;
  for (i32 i = 0; i < 30; i++) g = 0.5f * (g + x / g);
  return g;
}

static double exp_taylor(double x) {
  double term = 1.0, sum = 1.0;
  for (i32 k = 1; k < 30; k++) { term *= x / k; sum += term; }
  return sum;
}

static u64 bits(double d) { u64 u; __builtin_memcpy(&u, &d, 8); return u; }
static u32 bits_f(float f) { u32 u; __builtin_memcpy(&u, &f, 4); return u; }

PROGRAM_MAIN {
  i32 n = input_i32() % 200;
  i32 upper = input_i32() % 50;
  u32 seed = (u32)input_i32();
  u64 h = FNV_INIT;

  /* Simpson's rule is exact on cubics: compare with the antiderivative */
  double b = (double)upper * 0.25;
  double exact = ((0.25 * b - 2.0 / 3.0) * b + 0.25) * b * b - b;
  double approx = simpson(cubic, 0.0, b, n);
  double err = approx - exact;
  if (err < 0) err = -err;
  i32 cubic_ok = err <= 1e-9 * (1.0 + (exact < 0 ? -exact : exact));
  h = fnv(h, &approx, 8);

  double pi = simpson(arctan_d, 0.0, 1.0, n + 2);
  i64 pi_micro = (i64)(pi * 1e6 + 0.5);
  h = fnv(h, &pi, 8);

  float g = simpson_f(gauss_f, -1.0f, 2.0f, n / 2 + 2);
  h = fnv32(h, bits_f(g));

  /* Newton's method against known square roots (all correctly rounded doubles) */
  static const double xs[] = {2.0, 3.0, 10.0, 0.5, 1e10, 144.0, 1e-6};
  static const u64 roots[] = {0x3FF6A09E667F3BCDull, 0x3FFBB67AE8584CAAull, 0x40094C583ADA5B53ull,
                              0x3FE6A09E667F3BCDull, 0x40F86A0000000000ull, 0x4028000000000000ull,
                              0x3F50624DD2F1A9FCull};
  /* known: the sqrt instruction's result is the known root (bit 8 on), Newton's is too (bit 0) */
  double one = (double)(n >= 0); /* 1, unknown to the compiler: no constant folding */
  i32 known = 0, total_iters = 0;
  for (i32 i = 0; i < 7; i++) {
    i32 it = 0;
    double x = xs[i] * one;
    double r = newton_sqrt(x, &it);
    total_iters += it;
    if (bits(r) == roots[i]) known += 1;
    if (bits(__builtin_sqrt(x)) == roots[i]) known += 256;
  }
  /* and on values from the tape */
  rng_state = seed;
  i32 agree = 0;
  for (i32 i = 0; i < 6; i++) {
    double x = (double)rng() / 1024.0 + 1.0 / (double)(i + 1);
    i32 it = 0;
    double r = newton_sqrt(x, &it);
    double s = __builtin_sqrt(x);
    double d = r - s;
    if (d < 0) d = -d;
    if (d <= s * 2.3e-16) agree++;
    h = fnv(h, &r, 8);
    float xf = (float)x;
    float rf = newton_sqrt_f(xf);
    h = fnv32(h, bits_f(rf) ^ bits_f(__builtin_sqrtf(xf)));
  }

  /* exp by its series, and Kahan summation of 1/k^2 (-> pi^2/6) */
  double e = exp_taylor((double)(upper % 7) - 3.0);
  h = fnv(h, &e, 8);
  double sum = 0.0, c = 0.0, naive = 0.0;
  for (i32 k = 1; k <= n + 1; k++) {
    double y = 1.0 / ((double)k * k) - c;
    double t = sum + y;
    c = (t - sum) - y;
    sum = t;
    naive += 1.0 / ((double)k * k);
  }
  h = fnv(h, &sum, 8);
  h = fnv(h, &naive, 8);

  output_i32(cubic_ok);
  output_i64(pi_micro);
  output_i32(known);
  output_i32(total_iters);
  output_i32(agree);
  output_i64((i64)bits(sum));
  output_i64((i64)h);
}
