;; shl, shr_s, shr_u, rotl, rotr on i32 and i64 with run-time counts 0, 1, 31, 32, 33, 63, 64
;; (the count is taken mod 32 / mod 64), 2^32 - 1 and 2^64 - 1, an i64 count with only the high
;; limb set (2^32: mod 64 = 0); values with both edge bits set (0x80000001), INT_MIN, -1, 1.
;; Tape: x, c (i32), X, C (i64). Outputs (i64): shl | shr_s << 32, shr_u | rotl << 32, rotr
;; (of x by c), then X shl, shr_s, shr_u, rotl, rotr by C.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main") (local $x i32) (local $c i32) (local $X i64) (local $C i64)
    (local.set $x (call $in))
    (local.set $c (call $in))
    (local.set $X (call $in64))
    (local.set $C (call $in64))
    (call $out (call $pack (i32.shl (local.get $x) (local.get $c)) (i32.shr_s (local.get $x) (local.get $c))))
    (call $out (call $pack (i32.shr_u (local.get $x) (local.get $c)) (i32.rotl (local.get $x) (local.get $c))))
    (call $out (i64.extend_i32_u (i32.rotr (local.get $x) (local.get $c))))
    (call $out (i64.shl (local.get $X) (local.get $C)))
    (call $out (i64.shr_s (local.get $X) (local.get $C)))
    (call $out (i64.shr_u (local.get $X) (local.get $C)))
    (call $out (i64.rotl (local.get $X) (local.get $C)))
    (call $out (i64.rotr (local.get $X) (local.get $C)))))
