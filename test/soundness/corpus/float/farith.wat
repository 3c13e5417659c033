;; The soft-float arithmetic routines: f64 add, sub, mul, div, sqrt and f32 the same, on operands
;; from the tape as bit patterns: rounding ties (1 + 2^-53, 1 + 2^-24, to even and away), exact
;; cancellation, signed zeros (-0 + -0, 0 / 0, sqrt(-0)), subnormal operands and results (a sum
;; of subnormals that reaches the smallest normal, a product that rounds into the subnormals),
;; overflow to infinity, infinities (inf - inf, inf / inf), NaNs with payloads (quiet and
;; signalling), division by zero, the square root of a negative number, of 2 and of a subnormal.
;; Tape: a, b (f64 bits, i64), c, d (f32 bits, i32).
;; Outputs (i64; a NaN result as the canonical NaN, as V8 may keep a payload): a+b, a-b, a*b, a/b,
;; sqrt a (f64 bits), then c+d | c-d << 32, c*d | c/d << 32, sqrt c | sqrt d << 32 (f32 bits).
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
  (func (export "main") (local $a f64) (local $b f64) (local $c f32) (local $d f32)
    (local.set $a (f64.reinterpret_i64 (call $in64)))
    (local.set $b (f64.reinterpret_i64 (call $in64)))
    (local.set $c (f32.reinterpret_i32 (call $in)))
    (local.set $d (f32.reinterpret_i32 (call $in)))
    (call $out (call $c64 (f64.add (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.sub (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.mul (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.div (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.sqrt (local.get $a))))
    (call $out (call $pack (call $c32 (f32.add (local.get $c) (local.get $d)))
                           (call $c32 (f32.sub (local.get $c) (local.get $d)))))
    (call $out (call $pack (call $c32 (f32.mul (local.get $c) (local.get $d)))
                           (call $c32 (f32.div (local.get $c) (local.get $d)))))
    (call $out (call $pack (call $c32 (f32.sqrt (local.get $c)))
                           (call $c32 (f32.sqrt (local.get $d)))))))
