/* Dispatch: a dense 16-case switch (br_table), a sparse switch (compare tree), a character
 * classifier with case ranges driving a small tokenizer state machine, and function-pointer
 * tables of two signatures (call_indirect), including a pointer passed as an argument.
 * Expected values come from an independent Python model of the same LCG-driven sequence. */
#include "common.h"

static u32 seed;
static u32 lcg(void) {
  seed = seed * 1103515245u + 12345u;
  return seed;
}

NOINLINE static u32 dense(u32 op, u32 x) {
  switch (op) {
  case 0: return x + 1;
  case 1: return x - 7;
  case 2: return x * 3;
  case 3: return x ^ 0x5a5a;
  case 4: return x << 2;
  case 5: return (u32)((i32)x >> 1);
  case 6: return ~x;
  case 7: return 0u - x;
  case 8: return x & 0xff;
  case 9: return x | 0x100;
  case 10: return (u32)((i32)x / 3);
  case 11: return (u32)((i32)x % 10);
  case 12: return x >> 3;
  case 13: return x * x;
  case 14: return x + 1000;
  case 15: return x - 1000;
  default: return x ^ 0x7777;
  }
}

NOINLINE static i32 sparse(i32 key) {
  switch (key) {
  case -5: return 1;
  case 3: return 2;
  case 100: return 3;
  case 1000: return 4;
  case 65536: return 5;
  case 0x7fffffff: return 6;
  case -2147483647 - 1: return 7;
  default: return 0;
  }
}

enum { C_LETTER, C_DIGIT, C_SPACE, C_OP, C_PAREN, C_OTHER };

NOINLINE static i32 classify(u8 c) {
  switch (c) {
  case 'a' ... 'z':
  case 'A' ... 'Z':
  case '_': return C_LETTER;
  case '0' ... '9': return C_DIGIT;
  case ' ': case '\t': case '\n': return C_SPACE;
  case '+': case '-': case '*': case '/': case '=': return C_OP;
  case '(': case ')': return C_PAREN;
  default: return C_OTHER;
  }
}

/* counts identifiers, numbers and single-character operator / paren / other tokens */
static void tokenize(const u8 *s, i32 counts[6]) {
  enum { S_START, S_IDENT, S_NUMBER } state = S_START;
  for (;; s++) {
    i32 k = *s ? classify(*s) : C_SPACE;
    switch (state) {
    case S_IDENT:
      if (k == C_LETTER || k == C_DIGIT) continue;
      counts[C_LETTER]++;
      break;
    case S_NUMBER:
      if (k == C_DIGIT) continue;
      counts[C_DIGIT]++;
      break;
    case S_START:
      break;
    }
    state = S_START;
    if (k == C_LETTER) state = S_IDENT;
    else if (k == C_DIGIT) state = S_NUMBER;
    else if (*s) counts[k]++;
    if (!*s) return;
  }
}

static u32 f_add(u32 a, u32 b) { return a + b; }
static u32 f_sub(u32 a, u32 b) { return a - b; }
static u32 f_mul(u32 a, u32 b) { return a * b; }
static u32 f_xor(u32 a, u32 b) { return a ^ b; }
static u32 f_rotl(u32 a, u32 b) { return (a << (b & 31)) | (a >> (-b & 31)); }
static u32 f_max_s(u32 a, u32 b) { return (i32)a > (i32)b ? a : b; }
static u32 f_min_u(u32 a, u32 b) { return a < b ? a : b; }
static u32 f_avg(u32 a, u32 b) { return (a & b) + ((a ^ b) >> 1); }

static u32 (*const binops[8])(u32, u32) = { f_add, f_sub, f_mul, f_xor, f_rotl, f_max_s, f_min_u, f_avg };

static u64 g_neg(u64 x) { return 0 - x; }
static u64 g_mix(u64 x) { return (x ^ (x >> 31)) * 0x9E3779B97F4A7C15ull; }
static u64 g_shl(u64 x) { return x << 7 | x >> 57; }
static u64 g_inc(u64 x) { return x + 0x0123456789ABCDEFull; }

static u64 (*unops[4])(u64) = { g_neg, g_mix, g_shl, g_inc };

static u32 apply_n(u32 (*f)(u32, u32), u32 n, u32 x, u32 y) {
  while (n--) x = f(x, y);
  return x;
}

PROGRAM_MAIN {
  seed = opq32(7);
  u32 acc = 1;
  u32 hist = 0;
  for (i32 i = 0; i < 300; i++) {
    u32 op = (lcg() >> 16) % 20; /* 16..19 take the default */
    acc = dense(op, acc);
    hist += op == 13;
  }
  assert_eq_i32((i32)acc, (i32)0xfff0d426u);
  assert_eq_i32((i32)hist, 14);

  static const i32 keys[] = { -5, 3, 100, 1000, 65536, 0x7fffffff, -2147483647 - 1, 0, 4, -6, 99, 65535 };
  u32 s = 0;
  for (i32 i = 0; i < 12; i++) s = s * 8 + (u32)sparse((i32)opq32((u32)keys[i]));
  assert_eq_i32((i32)s, -1665433600);

  i32 counts[6] = { 0, 0, 0, 0, 0, 0 };
  tokenize((const u8 *)opqp("let x1 = 42 + foo_bar*(7-y); // done\n\tz=0x1F"), counts);
  assert_eq_i32(counts[C_LETTER], 7);
  assert_eq_i32(counts[C_DIGIT], 3);
  assert_eq_i32(counts[C_OP], 7);
  assert_eq_i32(counts[C_PAREN], 2);
  assert_eq_i32(counts[C_OTHER], 1);

  u32 a = 0x12345678u;
  u64 b = 0xFEDCBA9876543210ull;
  for (i32 i = 0; i < 200; i++) {
    u32 (*f)(u32, u32) = binops[lcg() >> 29];
    a = f(a, lcg());
    u64 (*g)(u64) = unops[lcg() >> 30];
    b = g(b ^ a);
  }
  assert_eq_i32((i32)a, (i32)0x9adf2e10u);
  assert_eq_i64((i64)b, (i64)0x56b61acaf3b7a254ull);

  assert_eq_i32((i32)apply_n(binops[opq32(4)], 5, 0x80000001u, 3), (i32)0xc000u);
  assert_eq_i32((i32)apply_n(f_avg, opq32(10), 0, 1024), 1023);
}
