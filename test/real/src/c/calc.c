/* A small compiler and interpreter: a recursive-descent parser for integer expressions with
 * variables, + - * / % << >> & | ^ comparisons, unary minus, parentheses and `?:`, compiling to a
 * stack bytecode run by a `switch` dispatch loop (br_table); statements `x = expr;` and a
 * `while (cond) { ... }` loop. Errors (bad syntax, division by zero) are reported as codes.
 * The tape picks the variables' initial values.
 * TAPE: [10, 3, 40]
 * TAPE: [1, 0, 7]
 * TAPE: [25, 4294967291, 3]
 */
#include "io.h"

enum { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_SHL, OP_SHR, OP_AND, OP_OR,
       OP_XOR, OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_NEG, OP_NOT, OP_JZ, OP_JMP, OP_HALT };

typedef struct { u8 op; i32 arg; } Ins;
static Ins code[1024];
static i32 ncode;
static const char *src;
static i32 error;
static i64 vars[26];

static void skip(void) { while (*src == ' ' || *src == '\n') src++; }
static i32 accept(const char *tok) {
  skip();
  usize n = str_len(tok);
  for (usize i = 0; i < n; i++) if (src[i] != tok[i]) return 0;
  src += n;
  return 1;
}
static void emit(u8 op, i32 arg) { if (ncode < 1024) code[ncode].op = op, code[ncode++].arg = arg; else error = 3; }

static void expr(void);
static void primary(void) {
  skip();
  if (accept("(")) { expr(); if (!accept(")")) error = 1; }
  else if (accept("-")) { primary(); emit(OP_NEG, 0); }
  else if (accept("!")) { primary(); emit(OP_NOT, 0); }
  else if (*src >= '0' && *src <= '9') { i32 v = 0; while (*src >= '0' && *src <= '9') v = v * 10 + (*src++ - '0'); emit(OP_PUSH, v); }
  else if (*src >= 'a' && *src <= 'z') emit(OP_LOAD, *src++ - 'a');
  else error = 1;
}
static void term(void) {
  primary();
  for (;;) {
    if (accept("*")) { primary(); emit(OP_MUL, 0); }
    else if (accept("/")) { primary(); emit(OP_DIV, 0); }
    else if (accept("%")) { primary(); emit(OP_MOD, 0); }
    else return;
  }
}
static void sum(void) {
  term();
  for (;;) {
    if (accept("+")) { term(); emit(OP_ADD, 0); }
    else if (accept("-")) { term(); emit(OP_SUB, 0); }
    else return;
  }
}
static void shift(void) {
  sum();
  for (;;) {
    if (accept("<<")) { sum(); emit(OP_SHL, 0); }
    else if (accept(">>")) { sum(); emit(OP_SHR, 0); }
    else return;
  }
}
static void compare(void) {
  shift();
  for (;;) {
    if (accept("<=")) { shift(); emit(OP_LE, 0); }
    else if (accept(">=")) { shift(); emit(OP_GE, 0); }
    else if (accept("<")) { shift(); emit(OP_LT, 0); }
    else if (accept(">")) { shift(); emit(OP_GT, 0); }
    else if (accept("==")) { shift(); emit(OP_EQ, 0); }
    else if (accept("!=")) { shift(); emit(OP_NE, 0); }
    else return;
  }
}
static void bits(void) {
  compare();
  for (;;) {
    if (accept("&")) { compare(); emit(OP_AND, 0); }
    else if (accept("|")) { compare(); emit(OP_OR, 0); }
    else if (accept("^")) { compare(); emit(OP_XOR, 0); }
    else return;
  }
}
static void expr(void) {
  bits();
  if (accept("?")) {
    i32 jz = ncode; emit(OP_JZ, 0);
    expr();
    i32 jmp = ncode; emit(OP_JMP, 0);
    if (!accept(":")) error = 1;
    code[jz].arg = ncode;
    expr();
    code[jmp].arg = ncode;
  }
}
static void statements(void);
static void statement(void) {
  skip();
  if (accept("while")) {
    i32 top = ncode;
    if (!accept("(")) error = 1;
    expr();
    if (!accept(")") || !accept("{")) error = 1;
    i32 jz = ncode; emit(OP_JZ, 0);
    statements();
    if (!accept("}")) error = 1;
    emit(OP_JMP, top);
    code[jz].arg = ncode;
  } else if (*src >= 'a' && *src <= 'z') {
    i32 v = *src++ - 'a';
    if (!accept("=")) error = 1;
    expr();
    if (!accept(";")) error = 1;
    emit(OP_STORE, v);
  } else error = 1;
}
static void statements(void) { skip(); while (!error && *src && *src != '}') { statement(); skip(); } }

static i32 compile(const char *text) {
  src = text, ncode = 0, error = 0;
  statements();
  emit(OP_HALT, 0);
  return error;
}

static i64 stack[256];
static i32 run(u32 fuel, u32 *used) {
  i32 sp = 0, pc = 0;
  u32 n = 0;
  for (; n < fuel; n++) {
    Ins in = code[pc++];
    i64 b = sp > 0 ? stack[sp - 1] : 0, a = sp > 1 ? stack[sp - 2] : 0;
    switch (in.op) {
    case OP_PUSH: stack[sp++] = in.arg; break;
    case OP_LOAD: stack[sp++] = vars[in.arg]; break;
    case OP_STORE: vars[in.arg] = stack[--sp]; break;
    case OP_ADD: stack[--sp - 1] = a + b; break;
    case OP_SUB: stack[--sp - 1] = a - b; break;
    case OP_MUL: stack[--sp - 1] = a * b; break;
    case OP_DIV: if (!b) { *used = n; return 2; } stack[--sp - 1] = a / b; break;
    case OP_MOD: if (!b) { *used = n; return 2; } stack[--sp - 1] = a % b; break;
    case OP_SHL: stack[--sp - 1] = a << (b & 63); break;
    case OP_SHR: stack[--sp - 1] = a >> (b & 63); break;
    case OP_AND: stack[--sp - 1] = a & b; break;
    case OP_OR: stack[--sp - 1] = a | b; break;
    case OP_XOR: stack[--sp - 1] = a ^ b; break;
    case OP_LT: stack[--sp - 1] = a < b; break;
    case OP_LE: stack[--sp - 1] = a <= b; break;
    case OP_GT: stack[--sp - 1] = a > b; break;
    case OP_GE: stack[--sp - 1] = a >= b; break;
    case OP_EQ: stack[--sp - 1] = a == b; break;
    case OP_NE: stack[--sp - 1] = a != b; break;
    case OP_NEG: stack[sp - 1] = -b; break;
    case OP_NOT: stack[sp - 1] = !b; break;
    case OP_JZ: if (!stack[--sp]) pc = in.arg; break;
    case OP_JMP: pc = in.arg; break;
    case OP_HALT: *used = n; return 0;
    default: *used = n; return 4;
    }
  }
  *used = n;
  return 5;
}

static const char *const programs[] = {
  /* factorial of a, Fibonacci of a, in c and d */
  "c = 1; i = 1; while (i <= a) { c = c * i; i = i + 1; } d = 0; e = 1; i = 0; while (i < a) { t = d + e; d = e; e = t; i = i + 1; }",
  /* gcd(b, a) by remainders and the number of steps */
  "x = b; y = a; s = 0; while (y != 0) { t = x % y; x = y; y = t; s = s + 1; }",
  /* sum of i * i for odd i below z, and bit tricks */
  "k = 0; i = 0; while (i < z) { k = k + (i % 2 == 1 ? i * i : 0); i = i + 1; } m = (z << 3) ^ (z >> 1) | 5 & 12;",
  /* integer square root of z by bisection */
  "l = 0; h = z + 1; while (h - l > 1) { m = (l + h) / 2; l = m * m <= z ? m : l; h = m * m <= z ? h : m; } r = l;",
  /* division by a variable that may be zero */
  "q = 1000 / b;",
  /* a syntax error */
  "x = (1 + ;",
};

PROGRAM_MAIN {
  vars['a' - 'a'] = input_i32();
  vars['b' - 'a'] = input_i32();
  vars['z' - 'a'] = input_i32();
  u64 h = FNV_INIT;
  u32 total = 0;
  for (u32 p = 0; p < sizeof programs / sizeof *programs; p++) {
    i32 err = compile(programs[p]);
    u32 used = 0;
    i32 st = err ? 10 + err : run(20000, &used);
    total += used;
    h = fnv32(h, (u32)st);
    h = fnv32(h, (u32)ncode);
  }
  for (u32 v = 0; v < 26; v++) h = fnv(h, &vars[v], 8);
  output_i64(vars['c' - 'a']);
  output_i64(vars['d' - 'a']);
  output_i64(vars['x' - 'a'] << 16 | vars['s' - 'a']);
  output_i64(vars['k' - 'a']);
  output_i64(vars['r' - 'a'] << 32 | (vars['m' - 'a'] & 0xffffffff));
  output_i32((i32)total);
  output_i64((i64)h);
}
