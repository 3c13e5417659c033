/* Negative: __builtin_trap() is the wasm `unreachable` instruction. */
// EXPECT: trap unreachable
#include "../src/common.h"

NOINLINE static void check(u32 x) {
  if (x != 7) __builtin_trap();
}

PROGRAM_MAIN {
  check(opq32(7));
  assert_eq_i32(1, 1);
  check(opq32(8));
}
