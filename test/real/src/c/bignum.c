/* Arbitrary precision with 32-bit limbs: add, subtract, multiply (schoolbook, u64 partial
 * products), divide by a small number, long division (Knuth D, normalised), decimal printing,
 * N! and Fibonacci(N) in decimal, 2^N, a modular exponentiation, and
 * an integer square root by Newton's method.
 * TAPE: [40, 123456789]
 * TAPE: [55, 4294967295]
 * TAPE: [1, 2]
 */
#include "io.h"

#define L 16
typedef struct { u32 n; u32 d[L]; } Big; /* n limbs, little endian, no leading zeros */

static void trim(Big *a) { while (a->n && !a->d[a->n - 1]) a->n--; }
static void set_u64(Big *a, u64 v) { a->d[0] = (u32)v; a->d[1] = (u32)(v >> 32); a->n = 2; trim(a); }
static i32 cmp(const Big *a, const Big *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (u32 i = a->n; i-- > 0;) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  return 0;
}
static void add(Big *r, const Big *a, const Big *b) {
  u64 c = 0;
  u32 n = a->n > b->n ? a->n : b->n;
  for (u32 i = 0; i < n; i++) {
    c += (u64)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
    r->d[i] = (u32)c, c >>= 32;
  }
  r->n = n;
  if (c && n < L) r->d[r->n++] = (u32)c;
}
static void sub(Big *r, const Big *a, const Big *b) { /* a >= b */
  i64 br = 0;
  for (u32 i = 0; i < a->n; i++) {
    i64 x = (i64)a->d[i] - (i < b->n ? b->d[i] : 0) - br;
    br = x < 0;
    r->d[i] = (u32)(x + (br << 32));
  }
  r->n = a->n;
  trim(r);
}
static void mul(Big *r, const Big *a, const Big *b) {
  Big t = {0};
  t.n = a->n + b->n > L ? L : a->n + b->n;
  for (u32 i = 0; i < a->n; i++) {
    u64 c = 0;
    for (u32 j = 0; j < b->n && i + j < L; j++) {
      c += (u64)a->d[i] * b->d[j] + t.d[i + j];
      t.d[i + j] = (u32)c, c >>= 32;
    }
    if (i + b->n < L) t.d[i + b->n] = (u32)c;
  }
  trim(&t);
  *r = t;
}
static u32 divsmall(Big *a, u32 d) {
  u64 rem = 0;
  for (u32 i = a->n; i-- > 0;) { u64 cur = rem << 32 | a->d[i]; a->d[i] = (u32)(cur / d); rem = cur % d; }
  trim(a);
  return (u32)rem;
}
static u32 to_dec(const Big *a, char *out) {
  Big t = *a;
  char tmp[200];
  u32 n = 0;
  do tmp[n++] = (char)('0' + divsmall(&t, 10)); while (t.n);
  for (u32 i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}
static void shl(Big *a, u32 s) { /* s < 32 */
  if (!s) return;
  u32 c = 0;
  for (u32 i = 0; i < a->n; i++) { u32 v = a->d[i]; a->d[i] = v << s | c; c = v >> (32 - s); }
  if (c) a->d[a->n++] = c;
}
static void shr(Big *a, u32 s) {
  if (!s) return;
  for (u32 i = 0; i < a->n; i++) a->d[i] = a->d[i] >> s | (i + 1 < a->n ? a->d[i + 1] << (32 - s) : 0);
  trim(a);
}
/* Knuth algorithm D: q = a / b, r = a % b */
static void divmod(Big *q, Big *r, const Big *a, const Big *b) {
  if (cmp(a, b) < 0) { q->n = 0; *r = *a; return; }
  if (b->n == 1) { *q = *a; r->d[0] = divsmall(q, b->d[0]); r->n = 1; trim(r); return; }
  u32 s = (u32)__builtin_clz(b->d[b->n - 1]);
  Big u = *a, v = *b;
  shl(&u, s), shl(&v, s);
  if (u.n == a->n) u.d[u.n++] = 0;
  u.d[u.n] = 0;
  u32 n = v.n, m = u.n - n;
  q->n = m;
  for (u32 j = m; j-- > 0;) {
    u64 num = (u64)u.d[j + n] << 32 | u.d[j + n - 1];
    u64 qh = num / v.d[n - 1], rh = num % v.d[n - 1];
    while (qh >> 32 || qh * v.d[n - 2] > (rh << 32 | u.d[j + n - 2])) { qh--; rh += v.d[n - 1]; if (rh >> 32) break; }
    i64 borrow = 0;
    u64 carry = 0;
    for (u32 i = 0; i < n; i++) {
      u64 p = qh * v.d[i] + carry;
      carry = p >> 32;
      i64 t = (i64)u.d[i + j] - (u32)p - borrow;
      borrow = t < 0;
      u.d[i + j] = (u32)t;
    }
    i64 t = (i64)u.d[j + n] - (i64)carry - borrow;
    u.d[j + n] = (u32)t;
    if (t < 0) { /* add back */
      qh--;
      u64 c = 0;
      for (u32 i = 0; i < n; i++) { c += (u64)u.d[i + j] + v.d[i]; u.d[i + j] = (u32)c; c >>= 32; }
      u.d[j + n] += (u32)c;
    }
    q->d[j] = (u32)qh;
  }
  trim(q);
  u.n = n;
  trim(&u);
  shr(&u, s);
  *r = u;
}
static u64 powmod32(u64 b, u64 e, u64 m) { /* m < 2^32: products fit in 64 bits */
  u64 r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1) r = r * b % m;
    b = b * b % m;
    e >>= 1;
  }
  return r;
}

static char dec[200];

PROGRAM_MAIN {
  u32 N = (u32)input_i32() % 60;
  u64 x = (u64)(u32)input_i32();
  u64 h = FNV_INIT;
  Big f, k, a, b, c, q, r;

  set_u64(&f, 1); /* N! */
  for (u32 i = 2; i <= N; i++) { set_u64(&k, i); mul(&f, &f, &k); }
  u32 len = to_dec(&f, dec);
  h = fnv(h, dec, len);
  u32 digit_sum = 0;
  for (u32 i = 0; i < len; i++) digit_sum += (u32)(dec[i] - '0');

  set_u64(&a, 0), set_u64(&b, 1); /* Fibonacci(N + 100) */
  for (u32 i = 0; i < N + 100; i++) { add(&c, &a, &b); a = b; b = c; }
  u32 flen = to_dec(&a, dec);
  h = fnv(h, dec, flen);

  /* (N! * x + fib) / fib == N! * x / fib ... check q * d + r == n */
  set_u64(&k, x | 1);
  mul(&c, &f, &k);
  add(&c, &c, &a);
  divmod(&q, &r, &c, &a);
  Big back;
  mul(&back, &q, &a);
  add(&back, &back, &r);
  u32 ok = cmp(&back, &c) == 0 && cmp(&r, &a) < 0;
  divmod(&q, &r, &f, &k);
  mul(&back, &q, &k);
  add(&back, &back, &r);
  ok |= (cmp(&back, &f) == 0) << 1;
  sub(&c, &c, &a);
  ok |= (cmp(&c, &f) >= 0) << 2;

  /* square root of N! by Newton: s = (s + f / s) / 2 */
  Big s, t;
  s.n = 0;
  if (f.n) { /* start above the root: 2^ceil(bits / 2) */
    u32 bits = f.n * 32 - (u32)__builtin_clz(f.d[f.n - 1]), e = (bits + 1) / 2;
    __builtin_memset(s.d, 0, sizeof s.d);
    s.d[e / 32] = 1u << (e % 32);
    s.n = e / 32 + 1;
    for (u32 i = 0; i < 200; i++) {
      divmod(&q, &r, &f, &s);
      add(&t, &s, &q);
      divsmall(&t, 2);
      if (cmp(&t, &s) >= 0) break;
      s = t;
    }
  }
  u32 slen = to_dec(&s, dec);
  h = fnv(h, dec, slen);

  u64 m = 4294967291u; /* the largest 32-bit prime */
  u64 pm = powmod32(x + 2, m - 1, m) << 32 | powmod32(x, N + 1000, m);

  output_i32((i32)len);
  output_i32((i32)digit_sum);
  output_i32((i32)flen);
  output_i32((i32)ok);
  output_i64((i64)pm);
  output_i64((i64)h);
}
