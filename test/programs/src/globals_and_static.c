/* Globals and statics: initialised data (.data) of every width, zero-initialised .bss,
 * read-only tables (.rodata), pointers stored in data (addresses resolved by the linker),
 * static locals that keep counting across calls, a global struct updated through pointers,
 * and address-taken locals that live in the shadow stack (__stack_pointer): recursion gives
 * each frame its own slot and the stack pointer is restored after each call. */
#include "common.h"

i32 counter_i32 = -7;                       /* .data */
i64 counter_i64 = -5000000000LL;
u8 small_u8 = 200;
i16 small_i16 = -300;
u32 zeroed[16];                             /* .bss */
i64 zeroed64;

static const char *const names[] = { "zero", "one", "two", "three", "four" };
static const u16 squares[8] = { 0, 1, 4, 9, 16, 25, 36, 49 };

struct Config {
  u8 flag;
  u32 count;
  i64 total;
  const u16 *table;
  i32 *target;
} config = { 1, 3, -1, squares, &counter_i32 };

static i32 *targets[3] = { &counter_i32, (i32 *)&zeroed[5], 0 };

static u32 next_id(void) {
  static u32 id = 100; /* static local in .data */
  return id++;
}

static u32 calls(void) {
  static u32 n; /* static local in .bss */
  return ++n;
}

static u32 strlen_(const char *s) {
  u32 n = 0;
  while (s[n]) n++;
  return n;
}

/* each frame has its own address-taken local; the result depends on all of them */
static u32 frames(u32 depth, u32 *outer) {
  u32 mine = depth * 10 + (outer ? *outer : 0);
  if (depth == 0) return mine;
  u32 r = frames(depth - 1, &mine);
  return r + mine;
}

static usize local_address(void) {
  volatile u32 slot = 0;
  return (usize)opqp((void *)&slot);
}

PROGRAM_MAIN {
  assert_eq_i32(counter_i32, -7);
  assert_eq_i64(counter_i64, -5000000000LL);
  assert_eq_i32(small_u8, 200);
  assert_eq_i32(small_i16, -300);
  u32 zsum = 0;
  for (i32 i = 0; i < 16; i++) zsum |= zeroed[i];
  assert_eq_i32((i32)zsum, 0);
  assert_eq_i64(zeroed64, 0);

  for (i32 i = 0; i < 5; i++) {
    counter_i32 += i;
    counter_i64 -= (i64)i * 1000000000LL;
    small_u8 += 20; /* wraps at 256 */
    small_i16 *= -2;
  }
  assert_eq_i32(counter_i32, 3);
  assert_eq_i64(counter_i64, -15000000000LL);
  assert_eq_i32(small_u8, (u8)(200 + 100));
  assert_eq_i32(small_i16, 9600);

  for (u32 i = 0; i < 5; i++) assert_eq_i32((i32)next_id(), (i32)(100 + i));
  u32 last = 0;
  for (i32 i = 0; i < 7; i++) last = calls();
  assert_eq_i32((i32)last, 7);

  u32 letters = 0;
  u32 k = opq32(5);
  for (u32 i = 0; i < k; i++) letters += strlen_(names[i]);
  assert_eq_i32((i32)letters, 4 + 3 + 3 + 5 + 4);
  assert_eq_i32(names[opq32(3)][0], 't');
  assert_eq_i32(squares[opq32(7)], 49);

  assert_eq_i32(config.flag, 1);
  assert_eq_i32(config.table[opq32(5)], 25);
  assert_eq_i32(*config.target, 3);
  *config.target = 42;
  assert_eq_i32(counter_i32, 42);
  config.target = targets[opq32(1)];
  *config.target = 9;
  assert_eq_i32((i32)zeroed[5], 9);
  assert_eq_i32(targets[2] == 0, 1);
  struct Config *c = (struct Config *)opqp(&config);
  for (u32 i = 0; i < c->count; i++) c->total += c->table[i + 1];
  assert_eq_i64(config.total, -1 + 1 + 4 + 9);

  /* 10 levels: mine = 10*d + mine(parent) */
  assert_eq_i32((i32)frames(opq32(10), 0), 4400);
  usize a1 = local_address();
  frames(opq32(5), 0);
  usize a2 = local_address();
  assert_eq_i32((i32)a1, (i32)a2); /* the stack pointer came back */
  assert_eq_i32(a1 > 1024 && a1 < 131072, 1);
}
