;; Saturating float to integer (trunc_sat, never a trap): i32 and i64 results, signed and
;; unsigned, from f32 and f64, on the same operand read by each: NaN (0), infinities (the bounds),
;; the bounds themselves and the floats just inside and outside them (2^31, 2^31 - 1 + 0.x,
;; -2^31 - 0.x, 2^32 - 0.x, 2^63, the largest f64 below 2^63 and below 2^64, -2^63, 2^64),
;; fractions of both signs (-0.9 → 0 for unsigned too), subnormals.
;; Tape: x (f32 bits, i32), X (f64 bits, i64).
;; Outputs (i64): i32 from x signed | unsigned << 32, i32 from X signed | unsigned << 32, then
;; i64 from x signed, unsigned, from X signed, unsigned.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main") (local $x f32) (local $X f64)
    (local.set $x (f32.reinterpret_i32 (call $in)))
    (local.set $X (f64.reinterpret_i64 (call $in64)))
    (call $out (call $pack (i32.trunc_sat_f32_s (local.get $x)) (i32.trunc_sat_f32_u (local.get $x))))
    (call $out (call $pack (i32.trunc_sat_f64_s (local.get $X)) (i32.trunc_sat_f64_u (local.get $X))))
    (call $out (i64.trunc_sat_f32_s (local.get $x)))
    (call $out (i64.trunc_sat_f32_u (local.get $x)))
    (call $out (i64.trunc_sat_f64_s (local.get $X)))
    (call $out (i64.trunc_sat_f64_u (local.get $X)))))
