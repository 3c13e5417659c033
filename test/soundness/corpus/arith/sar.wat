;; shr_s by constant counts (lowered inline: the logical shift's ARITH row, then the sign's
;; comparison picks the path that sets the high bits): i32 by 1, 5, 31 and i64 by 1, 7, 32, 63,
;; on values at the sign edge (INT_MIN, INT_MAX, -1, 0, 0x80000001).
;; Tape: x (i32), X (i64). Outputs (i64): x>>1 | x>>5 << 32, x>>31, then X>>1, X>>7, X>>32, X>>63.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func (export "main") (local $x i32) (local $X i64)
    (local.set $x (call $in))
    (local.set $X (call $in64))
    (call $out (i64.or (i64.extend_i32_u (i32.shr_s (local.get $x) (i32.const 1)))
                       (i64.shl (i64.extend_i32_u (i32.shr_s (local.get $x) (i32.const 5))) (i64.const 32))))
    (call $out (i64.extend_i32_u (i32.shr_s (local.get $x) (i32.const 31))))
    (call $out (i64.shr_s (local.get $X) (i64.const 1)))
    (call $out (i64.shr_s (local.get $X) (i64.const 7)))
    (call $out (i64.shr_s (local.get $X) (i64.const 32)))
    (call $out (i64.shr_s (local.get $X) (i64.const 63)))))
