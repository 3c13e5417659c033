/* Negative: an i64 assert whose operands differ only in the high 32 bits must fail (an
 * executor comparing the low limb alone would pass it). */
// EXPECT: fail 0x100000005
#include "../src/common.h"

PROGRAM_MAIN {
  u64 x = opq64(5);
  assert_eq_i64((i64)x, 5);
  assert_eq_i64((i64)(x + 0x100000000ull), 5);
}
