;; i64 add, sub, and, or, xor and select, with wraparound operands: carry and borrow across the
;; 32-bit limb boundary (0xffffffff + 1, 2^32 - 1), out of bit 63 and through 2^63 (signed
;; overflow); select on a tape condition (an i32: 0, 1, 0x80000000, 0xffffffff) and on a
;; comparison; locals (local.tee), a mutable i64 global updated in a called function and an
;; immutable one.
;; Tape: a, b (i64), c (i32). Outputs (i64): a+b, a-b, a&b, a|b, a^b, select(a, b, c),
;; select(a+b, a-b, a <s b), and a mix of the globals after one update.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (global $acc (mut i64) (i64.const 0x7fffffffffffffff))
  (global $k i64 (i64.const 0x80000000ffffffff))
  (func $step (param $a i64) (param $b i64) (result i64)
    (global.set $acc (i64.add (global.get $acc) (local.get $a)))
    (i64.sub (local.get $b) (global.get $acc)))
  (func (export "main") (local $a i64) (local $b i64) (local $c i32) (local $s i64)
    (local.set $a (call $in64))
    (local.set $b (call $in64))
    (local.set $c (call $in))
    (call $out (local.tee $s (i64.add (local.get $a) (local.get $b))))
    (call $out (i64.sub (local.get $a) (local.get $b)))
    (call $out (i64.and (local.get $a) (local.get $b)))
    (call $out (i64.or (local.get $a) (local.get $b)))
    (call $out (i64.xor (local.get $a) (local.get $b)))
    (call $out (select (local.get $a) (local.get $b) (local.get $c)))
    (call $out (select (local.get $s) (i64.sub (local.get $a) (local.get $b))
                       (i64.lt_s (local.get $a) (local.get $b))))
    (call $out (i64.xor (i64.xor (call $step (local.get $a) (local.get $b)) (global.get $k))
                        (global.get $acc)))))
