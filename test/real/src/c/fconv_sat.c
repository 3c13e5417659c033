/* fconv.c built with -mnontrapping-fptoint: clang's float -> int conversions become the
 * saturating instructions (i32.trunc_sat_f64_s …) instead of guarded trapping ones, and the
 * saturating builtins are used too.
 * CFLAGS: -mnontrapping-fptoint
 * TAPE: [0, 1000, 8]
 * TAPE: [9223372036854775807, 3, 4294967295]
 * TAPE: [-9223372036854775808, 2147483647, 16777217]
 * TAPE: [1, 1, 1] EXPECT trap
 */
#include "fconv.c"
