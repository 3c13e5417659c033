/* Negative: CRC-32 of "123456789" is 0xCBF43926; this asserts 0xCBF43927, so the run must
 * fail at that assert (and the harness must notice). */
// EXPECT: fail 0xcbf43927
#include "../src/common.h"

PROGRAM_MAIN {
  const u8 *p = (const u8 *)opqp("123456789");
  u32 c = 0xFFFFFFFFu;
  for (int i = 0; i < 9; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  assert_eq_i32(1, 1);
  assert_eq_i32((i32)~c, (i32)0xCBF43927u);
  assert_eq_i32(2, 2); /* never reached */
}
