;; Soft-float routines for the tamper test: f64 add, mul, div and sqrt, an f32 mul, promote and
;; nearest (a tie to even) on operands kept in mutable globals (so nothing folds them), each result
;; asserted bit for bit; then a trapping conversion of a NaN, which ends the run with the trap
;; `invalid conversion to integer`.
(module
  (import "env" "assert_eq_i32" (func $eq32 (param i32 i32)))
  (import "env" "assert_eq_i64" (func $eq64 (param i64 i64)))
  (global $x (mut f64) (f64.const 0.1))
  (global $y (mut f64) (f64.const 0.2))
  (global $z (mut f32) (f32.const 1.5))
  (global $w (mut f32) (f32.const -2.5))
  (global $nan (mut f64) (f64.const nan))
  (func $main (export "main")
    (call $eq64 (i64.reinterpret_f64 (f64.add (global.get $x) (global.get $y))) (i64.const 0x3fd3333333333334))
    (call $eq64 (i64.reinterpret_f64 (f64.mul (global.get $x) (global.get $y))) (i64.const 0x3f947ae147ae147c))
    (call $eq64 (i64.reinterpret_f64 (f64.div (global.get $x) (global.get $y))) (i64.const 0x3fe0000000000000))
    (call $eq64 (i64.reinterpret_f64 (f64.sqrt (global.get $y))) (i64.const 0x3fdc9f25c5bfedd9))
    (call $eq32 (i32.reinterpret_f32 (f32.mul (global.get $z) (global.get $w))) (i32.const 0xc0700000))
    (call $eq64 (i64.reinterpret_f64 (f64.nearest (f64.promote_f32 (global.get $w)))) (i64.const 0xc000000000000000))
    (drop (i32.trunc_f64_u (global.get $nan)))))
