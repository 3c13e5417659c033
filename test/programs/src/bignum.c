/* Arbitrary-precision unsigned integers in 32-bit limbs (little-endian), the way bignum
 * libraries do it on 32-bit targets: 32x32 -> 64 products (i64.mul of zero-extended halves),
 * carries and borrows through u64, division of a bignum by a u32 (i64.div_u / rem_u).
 * Checked against Python's integers: 30! and (30!)^2 limb by limb, (2^256 - 1)^2, a + b - b,
 * the decimal digits of 50! (65 digits summing to 216), a decimal round trip of a 101-digit
 * number and its square, and modular exponentiation with u64 arithmetic. */
#include "common.h"

#define MAXL 48

typedef struct {
  u32 n; /* limbs in use; no leading zero limbs */
  u32 d[MAXL];
} Big;

static void trim(Big *a) { while (a->n && a->d[a->n - 1] == 0) a->n--; }

static void set_u32(Big *a, u32 v) { a->n = v != 0; a->d[0] = v; }

static void mul_small(Big *a, u32 m, u32 add) {
  u64 carry = add;
  for (u32 i = 0; i < a->n; i++) {
    u64 t = (u64)a->d[i] * m + carry;
    a->d[i] = (u32)t;
    carry = t >> 32;
  }
  if (carry) a->d[a->n++] = (u32)carry;
}

/* a = a / d, returns a % d */
static u32 divmod_small(Big *a, u32 d) {
  u64 rem = 0;
  for (u32 i = a->n; i-- > 0;) {
    u64 cur = rem << 32 | a->d[i];
    a->d[i] = (u32)(cur / d);
    rem = cur % d;
  }
  trim(a);
  return (u32)rem;
}

static void mul(Big *r, const Big *a, const Big *b) {
  u32 n = a->n + b->n;
  for (u32 i = 0; i < n; i++) r->d[i] = 0;
  for (u32 i = 0; i < a->n; i++) {
    u64 carry = 0;
    for (u32 j = 0; j < b->n; j++) {
      u64 t = (u64)a->d[i] * b->d[j] + r->d[i + j] + carry;
      r->d[i + j] = (u32)t;
      carry = t >> 32;
    }
    r->d[i + b->n] = (u32)carry;
  }
  r->n = n;
  trim(r);
}

static void add(Big *r, const Big *a, const Big *b) {
  u32 n = a->n > b->n ? a->n : b->n;
  u64 carry = 0;
  for (u32 i = 0; i < n; i++) {
    u64 t = (u64)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
    r->d[i] = (u32)t;
    carry = t >> 32;
  }
  r->n = n;
  if (carry) r->d[r->n++] = 1;
}

/* r = a - b, a >= b */
static void sub(Big *r, const Big *a, const Big *b) {
  i64 borrow = 0;
  for (u32 i = 0; i < a->n; i++) {
    i64 t = (i64)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
    borrow = t < 0;
    r->d[i] = (u32)(t + (borrow << 32));
  }
  r->n = a->n;
  trim(r);
}

static i32 equal(const Big *a, const Big *b) {
  if (a->n != b->n) return 0;
  for (u32 i = 0; i < a->n; i++)
    if (a->d[i] != b->d[i]) return 0;
  return 1;
}

static void check_limbs(const Big *a, const u32 *want, u32 n) {
  assert_eq_i32((i32)a->n, (i32)n);
  for (u32 i = 0; i < n; i++) assert_eq_i32((i32)a->d[i], (i32)want[i]);
}

static void from_decimal(Big *a, const char *s) {
  set_u32(a, 0);
  for (; *s; s++) mul_small(a, 10, (u32)(*s - '0'));
}

/* digits (most significant first) into out, returns the count; destroys a */
static u32 to_decimal(Big *a, char *out) {
  char rev[400];
  u32 n = 0;
  while (a->n) {
    u32 chunk = divmod_small(a, 1000000000u);
    for (int k = 0; k < 9; k++) { rev[n++] = (char)('0' + chunk % 10); chunk /= 10; }
  }
  while (n > 1 && rev[n - 1] == '0') n--;
  if (n == 0) rev[n++] = '0';
  for (u32 i = 0; i < n; i++) out[i] = rev[n - 1 - i];
  out[n] = 0;
  return n;
}

static u64 powmod(u64 base, u64 e, u64 m) {
  u64 r = 1;
  base %= m;
  while (e) {
    if (e & 1) r = r * base % m;
    base = base * base % m;
    e >>= 1;
  }
  return r;
}

static Big A, B, C, D;
static char text[400];

PROGRAM_MAIN {
  set_u32(&A, opq32(1));
  for (u32 i = 2; i <= 30; i++) mul_small(&A, i, 0);
  static const u32 f30[4] = { 0x54000000u, 0x865df5ddu, 0xf6370f96u, 0xd13u };
  check_limbs(&A, f30, 4);

  mul(&B, &A, &A);
  static const u32 f30sq[7] = { 0x0u, 0x23900000u, 0xb2e06a22u, 0x39fca716u, 0x7ac84688u, 0x108f77cau, 0xab0890u };
  check_limbs(&B, f30sq, 7);
  C = A; /* (30!)^2 again: 30! * 1 * 2 * ... * 30 */
  for (u32 i = 2; i <= 30; i++) mul_small(&C, i, 0);
  assert_eq_i32(equal(&B, &C), 1);

  A.n = 8;
  for (u32 i = 0; i < 8; i++) A.d[i] = opq32(0xFFFFFFFFu);
  mul(&B, &A, &A); /* (2^256 - 1)^2 = 2^512 - 2^257 + 1 */
  assert_eq_i32((i32)B.n, 16);
  assert_eq_i32((i32)B.d[0], 1);
  assert_eq_i32((i32)B.d[7], 0);
  assert_eq_i32((i32)B.d[8], (i32)0xFFFFFFFEu);
  assert_eq_i32((i32)B.d[15], (i32)0xFFFFFFFFu);

  add(&C, &B, &A); /* carries all the way */
  sub(&D, &C, &A);
  assert_eq_i32(equal(&D, &B), 1);
  sub(&D, &C, &B);
  assert_eq_i32(equal(&D, &A), 1);
  sub(&D, &A, &A);
  assert_eq_i32((i32)D.n, 0);

  set_u32(&A, 1);
  for (u32 i = 2; i <= 50; i++) mul_small(&A, opq32(i), 0);
  u32 n = to_decimal(&A, text);
  assert_eq_i32((i32)n, 65);
  u32 digit_sum = 0;
  for (u32 i = 0; i < n; i++) digit_sum += (u32)(text[i] - '0');
  assert_eq_i32((i32)digit_sum, 216);
  assert_eq_i32(text[0], '3');

  static const char pi[] =
      "3141592653589793238462643383279502884197169399375105820974944592307816406286208998628034825342117"
      "0679";
  from_decimal(&A, (const char *)opqp((void *)pi));
  B = A;
  n = to_decimal(&B, text);
  assert_eq_i32((i32)n, 101);
  i32 same = 1;
  for (u32 i = 0; i <= n; i++) same &= text[i] == pi[i];
  assert_eq_i32(same, 1);
  mul(&C, &A, &A);
  n = to_decimal(&C, text);
  assert_eq_i32((i32)n, 201);
  digit_sum = 0;
  for (u32 i = 0; i < n; i++) digit_sum += (u32)(text[i] - '0');
  assert_eq_i32((i32)digit_sum, 828);
  assert_eq_i32(text[n - 1], '1'); /* ...9^2 = ...1 */

  assert_eq_i64((i64)powmod(opq64(2), 1000000000000000000ull, 1000000007ull), 719476260);
  assert_eq_i64((i64)powmod(opq64(3), 12345678901234ull, 1000000007ull), 364344409);
}
