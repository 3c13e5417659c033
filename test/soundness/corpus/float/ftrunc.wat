;; Trapping float to integer: i32 and i64 results, signed and unsigned, from f32 and f64, each
;; with its own operand from the tape, so that a tape can put any one of them at its edge: the
;; bounds (-2^31, -2^63 exactly), the largest floats inside them (2^32 - 256 in f32,
;; 2^31 - 1 + 0.x, 2^32 - 0.x, the largest f64 below 2^63 and 2^64, 2^64 - 2^40 in f32),
;; fractions that truncate to 0 (-0.99 for unsigned), -0; and the traps: a NaN (trap: invalid
;; conversion to integer) and a value just out of range or an infinity (trap: integer overflow),
;; for an i32 and an i64 result, from f32 and from f64.
;; Tape: p, q (f32 bits, i32), P, Q (f64 bits, i64), r, s (f32 bits), R, S (f64 bits), for, in
;; this order: i32.trunc_f32_s p, i32.trunc_f32_u q, i32.trunc_f64_s P, i32.trunc_f64_u Q,
;; i64.trunc_f32_s r, i64.trunc_f32_u s, i64.trunc_f64_s R, i64.trunc_f64_u S.
;; Outputs (i64): the i32 results in pairs (first | second << 32), then the four i64 results.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main")
    (local $p f32) (local $q f32) (local $P f64) (local $Q f64)
    (local $r f32) (local $s f32) (local $R f64) (local $S f64) (local $lo i32)
    (local.set $p (f32.reinterpret_i32 (call $in)))
    (local.set $q (f32.reinterpret_i32 (call $in)))
    (local.set $P (f64.reinterpret_i64 (call $in64)))
    (local.set $Q (f64.reinterpret_i64 (call $in64)))
    (local.set $r (f32.reinterpret_i32 (call $in)))
    (local.set $s (f32.reinterpret_i32 (call $in)))
    (local.set $R (f64.reinterpret_i64 (call $in64)))
    (local.set $S (f64.reinterpret_i64 (call $in64)))
    (local.set $lo (i32.trunc_f32_s (local.get $p)))
    (call $out (call $pack (local.get $lo) (i32.trunc_f32_u (local.get $q))))
    (local.set $lo (i32.trunc_f64_s (local.get $P)))
    (call $out (call $pack (local.get $lo) (i32.trunc_f64_u (local.get $Q))))
    (call $out (i64.trunc_f32_s (local.get $r)))
    (call $out (i64.trunc_f32_u (local.get $s)))
    (call $out (i64.trunc_f64_s (local.get $R)))
    (call $out (i64.trunc_f64_u (local.get $S)))))
