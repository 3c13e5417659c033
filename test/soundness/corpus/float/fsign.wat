;; What orders floats and moves their sign: the comparisons eq, ne, lt, gt, le, ge (compiled
;; inline, as values and, for lt and ge, as branch conditions), abs, neg and copysign (inline,
;; every bit kept, NaN payloads too), and the min and max routines, f64 and f32: +0 against -0,
;; NaNs (quiet, signalling, negative, with payloads) against numbers and each other, -inf against
;; +inf, neighbours one ulp apart, negative numbers (reversed order of the bits), subnormals of
;; both signs, equal operands.
;; Tape: a, b (f64 bits, i64), c, d (f32 bits, i32).
;; Outputs (i64): abs a, neg b, copysign(a, b), min(a, b), max(a, b) (f64 bits; min and max
;; give NaN as the canonical NaN, as V8 may keep a payload), abs c | neg d << 32,
;; copysign(c, d) | min(c, d) << 32, max(c, d) | the comparisons << 32: eq ne lt gt le ge of
;; (a, b) then of (c, d), 12 bits, the first highest, then the two branches (lt taken, ge not
;; taken) of each, 4 bits.
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
  ;; acc * 2 + bit
  (func $bit (param $acc i32) (param $b i32) (result i32)
    (i32.add (i32.add (local.get $acc) (local.get $acc)) (local.get $b)))
  (func (export "main") (local $a f64) (local $b f64) (local $c f32) (local $d f32) (local $v i32)
    (local.set $a (f64.reinterpret_i64 (call $in64)))
    (local.set $b (f64.reinterpret_i64 (call $in64)))
    (local.set $c (f32.reinterpret_i32 (call $in)))
    (local.set $d (f32.reinterpret_i32 (call $in)))
    (call $out (i64.reinterpret_f64 (f64.abs (local.get $a))))
    (call $out (i64.reinterpret_f64 (f64.neg (local.get $b))))
    (call $out (i64.reinterpret_f64 (f64.copysign (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.min (local.get $a) (local.get $b))))
    (call $out (call $c64 (f64.max (local.get $a) (local.get $b))))
    (call $out (call $pack (i32.reinterpret_f32 (f32.abs (local.get $c)))
                           (i32.reinterpret_f32 (f32.neg (local.get $d)))))
    (local.set $v (call $bit (local.get $v) (f64.eq (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f64.ne (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f64.lt (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f64.gt (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f64.le (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f64.ge (local.get $a) (local.get $b))))
    (local.set $v (call $bit (local.get $v) (f32.eq (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (f32.ne (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (f32.lt (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (f32.gt (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (f32.le (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (f32.ge (local.get $c) (local.get $d))))
    (local.set $v (call $bit (local.get $v) (if (result i32) (f64.lt (local.get $a) (local.get $b))
                                               (then (i32.const 1)) (else (i32.const 0)))))
    (local.set $v (call $bit (local.get $v) (block $nb (result i32)
                                               (drop (br_if $nb (i32.const 0) (f64.ge (local.get $a) (local.get $b))))
                                               (i32.const 1))))
    (local.set $v (call $bit (local.get $v) (if (result i32) (f32.lt (local.get $c) (local.get $d))
                                               (then (i32.const 1)) (else (i32.const 0)))))
    (local.set $v (call $bit (local.get $v) (block $nb (result i32)
                                               (drop (br_if $nb (i32.const 0) (f32.ge (local.get $c) (local.get $d))))
                                               (i32.const 1))))
    (call $out (call $pack (i32.reinterpret_f32 (f32.copysign (local.get $c) (local.get $d)))
                           (call $c32 (f32.min (local.get $c) (local.get $d)))))
    (call $out (call $pack (call $c32 (f32.max (local.get $c) (local.get $d))) (local.get $v)))))
