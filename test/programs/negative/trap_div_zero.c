/* Negative: i64.div_u by zero traps. */
// EXPECT: trap divide by zero
#include "../src/common.h"

NOINLINE static u64 divide(u64 a, u64 b) { return a / b; }

PROGRAM_MAIN {
  assert_eq_i64((i64)divide(opq64(10), opq64(3)), 3);
  assert_eq_i64((i64)divide(opq64(10), opq64(0)), 0);
}
