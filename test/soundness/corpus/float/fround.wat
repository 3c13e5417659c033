;; The rounding routines ceil, floor, trunc, nearest (f64 and f32) and the format conversions
;; promote and demote: halves of both signs (nearest ties to even: 0.5 → 0, 1.5 → 2, 2.5 → 2,
;; -0.5 → -0), the largest non-integral values (2^52 - 0.5, 2^23 - 0.5), integral ones (2^52,
;; 2^23), signed zeros, subnormals (ceil to 1 or -0, floor to 0 or -1), infinities, NaNs; demote
;; at f32's edges: the largest f32 and half an ulp above it (a tie that rounds to infinity), the
;; subnormal range (2^-150 ties to 0, a bit more rounds to the smallest subnormal, just below the
;; smallest normal rounds up to it); promote of f32 subnormals, the largest f32, a signalling NaN.
;; Tape: x (f64 bits, i64), y (f32 bits, i32).
;; Outputs (i64; a NaN as the canonical NaN, as V8 may keep a payload): ceil x, floor x, trunc x,
;; nearest x, promote y (f64 bits), then ceil y | floor y << 32, trunc y | nearest y << 32,
;; demote x (f32 bits).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func $c64 (param $x f64) (result i64)
    (select (i64.const 0x7ff8000000000000) (i64.reinterpret_f64 (local.get $x))
            (f64.ne (local.get $x) (local.get $x))))
  (func $c32 (param $x f32) (result i32)
    (select (i32.const 0x7fc00000) (i32.reinterpret_f32 (local.get $x))
            (f32.ne (local.get $x) (local.get $x))))
  (func (export "main") (local $x f64) (local $y f32)
    (local.set $x (f64.reinterpret_i64 (call $in64)))
    (local.set $y (f32.reinterpret_i32 (call $in)))
    (call $out (call $c64 (f64.ceil (local.get $x))))
    (call $out (call $c64 (f64.floor (local.get $x))))
    (call $out (call $c64 (f64.trunc (local.get $x))))
    (call $out (call $c64 (f64.nearest (local.get $x))))
    (call $out (call $c64 (f64.promote_f32 (local.get $y))))
    (call $out (call $pack (call $c32 (f32.ceil (local.get $y))) (call $c32 (f32.floor (local.get $y)))))
    (call $out (call $pack (call $c32 (f32.trunc (local.get $y))) (call $c32 (f32.nearest (local.get $y)))))
    (call $out (i64.extend_i32_u (call $c32 (f32.demote_f64 (local.get $x)))))))
