/* A small stack-machine interpreter: bytecode assembled at run time by a tiny assembler with
 * labels and back-patching, then run by a `switch` dispatch loop (br_table) over an i64 value
 * stack with a call stack. Programs: sum 1..100, 20! (i64), gcd(1071, 462) with a remainder
 * opcode, the Collatz step count of 27, and recursive fib(10) through CALL / RET. */
#include "common.h"

enum {
  OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIVS, OP_REMS, OP_LT, OP_EQ,
  OP_JMP, OP_JZ, OP_DUP, OP_DROP, OP_SWAP, OP_CALL, OP_RET, OP_AND, OP_SHR, OP_OVER, OP_COUNT
};

typedef struct {
  u8 code[256];
  u32 len;
  u32 labels[16];
  u32 fix_at[32];
  u8 fix_label[32];
  u32 nfix;
} Asm;

static void op(Asm *a, u8 o) { a->code[a->len++] = o; }
static void op_i32(Asm *a, u8 o, i32 v) {
  op(a, o);
  for (int i = 0; i < 4; i++) a->code[a->len++] = (u8)((u32)v >> (8 * i));
}
static void op_reg(Asm *a, u8 o, u8 r) { op(a, o); a->code[a->len++] = r; }
static void op_label(Asm *a, u8 o, u8 label) {
  op(a, o);
  a->fix_at[a->nfix] = a->len;
  a->fix_label[a->nfix++] = label;
  a->len += 2;
}
static void here(Asm *a, u8 label) { a->labels[label] = a->len; }
static void link(Asm *a) {
  for (u32 i = 0; i < a->nfix; i++) {
    u32 target = a->labels[a->fix_label[i]];
    a->code[a->fix_at[i]] = (u8)target;
    a->code[a->fix_at[i] + 1] = (u8)(target >> 8);
  }
}

typedef struct {
  i64 stack[64];
  u32 ret[64];
  i64 regs[8];
  u32 steps;
} Vm;

static i64 run(const u8 *code, Vm *vm, i64 arg) {
  u32 pc = 0, sp = 0, rp = 0;
  vm->stack[sp++] = arg;
  for (;;) {
    vm->steps++;
    u8 o = code[pc++];
    switch (o) {
    case OP_HALT: return vm->stack[sp - 1];
    case OP_PUSH: {
      u32 v = code[pc] | (u32)code[pc + 1] << 8 | (u32)code[pc + 2] << 16 | (u32)code[pc + 3] << 24;
      vm->stack[sp++] = (i32)v;
      pc += 4;
      break;
    }
    case OP_LOAD: vm->stack[sp++] = vm->regs[code[pc++]]; break;
    case OP_STORE: vm->regs[code[pc++]] = vm->stack[--sp]; break;
    case OP_ADD: sp--; vm->stack[sp - 1] = (i64)((u64)vm->stack[sp - 1] + (u64)vm->stack[sp]); break;
    case OP_SUB: sp--; vm->stack[sp - 1] = (i64)((u64)vm->stack[sp - 1] - (u64)vm->stack[sp]); break;
    case OP_MUL: sp--; vm->stack[sp - 1] = (i64)((u64)vm->stack[sp - 1] * (u64)vm->stack[sp]); break;
    case OP_DIVS: sp--; vm->stack[sp - 1] /= vm->stack[sp]; break;
    case OP_REMS: sp--; vm->stack[sp - 1] %= vm->stack[sp]; break;
    case OP_LT: sp--; vm->stack[sp - 1] = vm->stack[sp - 1] < vm->stack[sp]; break;
    case OP_EQ: sp--; vm->stack[sp - 1] = vm->stack[sp - 1] == vm->stack[sp]; break;
    case OP_JMP: pc = code[pc] | (u32)code[pc + 1] << 8; break;
    case OP_JZ:
      if (vm->stack[--sp] == 0) pc = code[pc] | (u32)code[pc + 1] << 8;
      else pc += 2;
      break;
    case OP_DUP: vm->stack[sp] = vm->stack[sp - 1]; sp++; break;
    case OP_DROP: sp--; break;
    case OP_SWAP: { i64 t = vm->stack[sp - 1]; vm->stack[sp - 1] = vm->stack[sp - 2]; vm->stack[sp - 2] = t; break; }
    case OP_CALL: vm->ret[rp++] = pc + 2; pc = code[pc] | (u32)code[pc + 1] << 8; break;
    case OP_RET: pc = vm->ret[--rp]; break;
    case OP_AND: sp--; vm->stack[sp - 1] &= vm->stack[sp]; break;
    case OP_SHR: sp--; vm->stack[sp - 1] >>= vm->stack[sp] & 63; break;
    case OP_OVER: vm->stack[sp] = vm->stack[sp - 2]; sp++; break;
    default: return -999; /* bad opcode */
    }
  }
}

static i64 exec(Asm *a, i64 arg, u32 *steps) {
  Vm vm;
  __builtin_memset(&vm, 0, sizeof vm);
  link(a);
  i64 r = run((const u8 *)opqp(a->code), &vm, arg);
  *steps = vm.steps;
  return r;
}

static void reset(Asm *a) { a->len = 0; a->nfix = 0; }

PROGRAM_MAIN {
  Asm a;
  u32 steps;

  /* sum = 0; while (n) { sum += n; n--; } : r0 = n, r1 = sum */
  reset(&a);
  op_reg(&a, OP_STORE, 0);
  op_i32(&a, OP_PUSH, 0); op_reg(&a, OP_STORE, 1);
  here(&a, 0);
  op_reg(&a, OP_LOAD, 0); op_label(&a, OP_JZ, 1);
  op_reg(&a, OP_LOAD, 1); op_reg(&a, OP_LOAD, 0); op(&a, OP_ADD); op_reg(&a, OP_STORE, 1);
  op_reg(&a, OP_LOAD, 0); op_i32(&a, OP_PUSH, 1); op(&a, OP_SUB); op_reg(&a, OP_STORE, 0);
  op_label(&a, OP_JMP, 0);
  here(&a, 1);
  op_reg(&a, OP_LOAD, 1); op(&a, OP_HALT);
  assert_eq_i64(exec(&a, (i64)opq64(100), &steps), 5050);
  assert_eq_i32((i32)steps, 3 + 100 * 11 + 2 + 2);

  /* factorial: acc = 1; while (n) { acc *= n; n--; } */
  reset(&a);
  op_reg(&a, OP_STORE, 0);
  op_i32(&a, OP_PUSH, 1); op_reg(&a, OP_STORE, 1);
  here(&a, 0);
  op_reg(&a, OP_LOAD, 0); op_label(&a, OP_JZ, 1);
  op_reg(&a, OP_LOAD, 1); op_reg(&a, OP_LOAD, 0); op(&a, OP_MUL); op_reg(&a, OP_STORE, 1);
  op_reg(&a, OP_LOAD, 0); op_i32(&a, OP_PUSH, -1); op(&a, OP_ADD); op_reg(&a, OP_STORE, 0);
  op_label(&a, OP_JMP, 0);
  here(&a, 1);
  op_reg(&a, OP_LOAD, 1); op(&a, OP_HALT);
  assert_eq_i64(exec(&a, (i64)opq64(20), &steps), 2432902008176640000LL);
  assert_eq_i64(exec(&a, (i64)opq64(21), &steps), -4249290049419214848LL); /* 21! mod 2^64 */

  /* gcd(a, b): stack holds a; b is pushed; while (b) { t = a % b; a = b; b = t; } */
  reset(&a);
  op_reg(&a, OP_STORE, 0);
  op_i32(&a, OP_PUSH, 462); op_reg(&a, OP_STORE, 1);
  here(&a, 0);
  op_reg(&a, OP_LOAD, 1); op_label(&a, OP_JZ, 1);
  op_reg(&a, OP_LOAD, 0); op_reg(&a, OP_LOAD, 1); op(&a, OP_REMS);
  op_reg(&a, OP_LOAD, 1); op_reg(&a, OP_STORE, 0); op_reg(&a, OP_STORE, 1);
  op_label(&a, OP_JMP, 0);
  here(&a, 1);
  op_reg(&a, OP_LOAD, 0); op(&a, OP_HALT);
  assert_eq_i64(exec(&a, (i64)opq64(1071), &steps), 21);
  /* remainders take the dividend's sign: -1071 % 462 = -147, 462 % -147 = 21, -147 % 21 = 0 */
  assert_eq_i64(exec(&a, (i64)opq64((u64)-1071), &steps), 21);

  /* Collatz: steps until n == 1; n odd: 3n + 1, even: n / 2 (via SHR) */
  reset(&a);
  op_reg(&a, OP_STORE, 0);
  op_i32(&a, OP_PUSH, 0); op_reg(&a, OP_STORE, 1);
  here(&a, 0);
  op_reg(&a, OP_LOAD, 0); op_i32(&a, OP_PUSH, 1); op(&a, OP_EQ); op_i32(&a, OP_PUSH, 1); op(&a, OP_SWAP);
  op(&a, OP_SUB); op_label(&a, OP_JZ, 3);
  op_reg(&a, OP_LOAD, 1); op_i32(&a, OP_PUSH, 1); op(&a, OP_ADD); op_reg(&a, OP_STORE, 1);
  op_reg(&a, OP_LOAD, 0); op_i32(&a, OP_PUSH, 1); op(&a, OP_AND); op_label(&a, OP_JZ, 2);
  op_reg(&a, OP_LOAD, 0); op(&a, OP_DUP); op(&a, OP_DUP); op(&a, OP_ADD); op(&a, OP_ADD);
  op_i32(&a, OP_PUSH, 1); op(&a, OP_ADD); op_reg(&a, OP_STORE, 0); op_label(&a, OP_JMP, 0);
  here(&a, 2);
  op_reg(&a, OP_LOAD, 0); op_i32(&a, OP_PUSH, 1); op(&a, OP_SHR); op_reg(&a, OP_STORE, 0);
  op_label(&a, OP_JMP, 0);
  here(&a, 3);
  op_reg(&a, OP_LOAD, 1); op(&a, OP_HALT);
  assert_eq_i64(exec(&a, (i64)opq64(27), &steps), 111);
  assert_eq_i64(exec(&a, (i64)opq64(1), &steps), 0);

  /* fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2), recursive through CALL / RET */
  reset(&a);
  op_label(&a, OP_CALL, 0); op(&a, OP_HALT);
  here(&a, 0);                                        /* ( n -- fib(n) ) */
  op(&a, OP_DUP); op_i32(&a, OP_PUSH, 2); op(&a, OP_LT); op_label(&a, OP_JZ, 1);
  op(&a, OP_RET);
  here(&a, 1);
  op(&a, OP_DUP); op_i32(&a, OP_PUSH, 1); op(&a, OP_SUB); op_label(&a, OP_CALL, 0); /* n f1 */
  op(&a, OP_SWAP); op_i32(&a, OP_PUSH, 2); op(&a, OP_SUB); op_label(&a, OP_CALL, 0); /* f1 f2 */
  op(&a, OP_ADD); op(&a, OP_RET);
  assert_eq_i64(exec(&a, (i64)opq64(10), &steps), 55);

  /* a bad opcode stops the machine */
  reset(&a);
  op(&a, OP_COUNT + 3);
  assert_eq_i64(exec(&a, 0, &steps), -999);
}
