/* Negative: an i32 load whose last byte is just past the end of the 2-page memory traps;
 * the load ending exactly at the end does not. */
// EXPECT: trap memory access out of bounds
#include "../src/common.h"

PROGRAM_MAIN {
  u8 *end = (u8 *)opqp((void *)(2 * 65536));
  assert_eq_i32(*(volatile u32 *)(end - 4), 0);
  assert_eq_i32(*(volatile u32 *)(end - 3), 0);
}
