;; bit counts and conversions: clz, ctz, popcnt of 0, 1, -1, INT_MIN and neighbours (i32 and
;; i64, across the 32-bit limbs); i32.extend8_s / extend16_s, i64.extend8_s / 16_s / 32_s at the
;; sign bit of each width (0x7f, 0x80, 0x7fff, 0x8000, 0x7fffffff, 0x80000000, with high bits
;; set above them); i32.wrap_i64, i64.extend_i32_s, i64.extend_i32_u.
;; Tape: x (i32), X (i64). Outputs: clz | ctz << 8 | popcnt << 16 of x (i32) and of X (i64),
;; extend8_s x | extend16_s x << 32, extend_i32_s x, extend_i32_u x | wrap X << 32,
;; extend8_s X, extend16_s X, extend32_s X.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i32" (func $out (param i32)))
  (import "env" "output_i64" (func $out64 (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main") (local $x i32) (local $X i64)
    (local.set $x (call $in))
    (local.set $X (call $in64))
    (call $out (i32.or (i32.clz (local.get $x))
               (i32.or (i32.shl (i32.ctz (local.get $x)) (i32.const 8))
                       (i32.shl (i32.popcnt (local.get $x)) (i32.const 16)))))
    (call $out64 (i64.or (i64.clz (local.get $X))
                 (i64.or (i64.shl (i64.ctz (local.get $X)) (i64.const 8))
                         (i64.shl (i64.popcnt (local.get $X)) (i64.const 16)))))
    (call $out64 (call $pack (i32.extend8_s (local.get $x)) (i32.extend16_s (local.get $x))))
    (call $out64 (i64.extend_i32_s (local.get $x)))
    (call $out64 (call $pack (local.get $x) (i32.wrap_i64 (local.get $X))))
    (call $out64 (i64.extend8_s (local.get $X)))
    (call $out64 (i64.extend16_s (local.get $X)))
    (call $out64 (i64.extend32_s (local.get $X)))))
