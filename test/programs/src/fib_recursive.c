/* Recursion: naive doubly recursive fib (fib(20) = 6765, 21891 calls), fib(0..12) against a
 * table, an iterative u64 fib up to fib(93) (the largest that fits: wraps to a negative i64),
 * a memoised recursive fib on i64, mutual recursion, Ackermann(2, 3) = 9 and a recursive
 * binomial C(10, 5) = 252 with several parameters. */
#include "common.h"

static i32 fib(i32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static u64 fib_iter(u32 n) {
  u64 a = 0, b = 1;
  while (n--) { u64 t = a + b; a = b; b = t; }
  return a;
}

static i64 memo[100];
static i64 fib_memo(i32 n) {
  if (n < 2) return n;
  if (memo[n]) return memo[n];
  return memo[n] = fib_memo(n - 1) + fib_memo(n - 2);
}

static i32 is_odd(u32 n);
static i32 is_even(u32 n) { return n == 0 ? 1 : is_odd(n - 1); }
static i32 is_odd(u32 n) { return n == 0 ? 0 : is_even(n - 1); }

static u32 ackermann(u32 m, u32 n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static i64 binomial(i32 n, i32 k, i64 scale, i32 depth) {
  if (k == 0 || k == n) return scale;
  return binomial(n - 1, k - 1, scale, depth + 1) + binomial(n - 1, k, scale, depth + 1);
}

PROGRAM_MAIN {
  static const i32 table[13] = { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144 };
  assert_eq_i32(fib((i32)opq32(20)), 6765);
  for (i32 i = 0; i <= 12; i++) assert_eq(fib(i), table[i]); /* the plain (i32) assert import */

  assert_eq_i64((i64)fib_iter(opq32(90)), 2880067194370816120LL);
  assert_eq_i64((i64)fib_iter(opq32(93)), -6246583658587674878LL); /* 12200160415121876738 */
  assert_eq_i64(fib_memo((i32)opq32(90)), 2880067194370816120LL);
  assert_eq_i64(memo[50], 12586269025LL);

  assert_eq_i32(is_even(opq32(25)), 0);
  assert_eq_i32(is_odd(opq32(25)), 1);
  assert_eq_i32((i32)ackermann(opq32(2), opq32(3)), 9);
  assert_eq_i64(binomial((i32)opq32(10), 5, (i64)opq64(1), 0), 252);
  assert_eq_i64(binomial(10, 3, (i64)opq64(1000000007LL), 0), 120LL * 1000000007LL);
}
