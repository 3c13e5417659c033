/* Negative: INT32_MIN / -1 traps in wasm (i32.div_s: result unrepresentable), unlike the
 * remainder, which is 0. */
// EXPECT: trap divide result unrepresentable
#include "../src/common.h"

NOINLINE static i32 sdiv(i32 a, i32 b) { return a / b; }
NOINLINE static i32 srem(i32 a, i32 b) { return a % b; }

PROGRAM_MAIN {
  assert_eq_i32(srem((i32)opq32(0x80000000u), (i32)opq32(0xFFFFFFFFu)), 0);
  assert_eq_i32(sdiv((i32)opq32(0x80000000u), (i32)opq32(0xFFFFFFFFu)), 0);
}
