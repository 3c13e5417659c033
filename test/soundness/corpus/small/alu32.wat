;; i32 add, sub, and, or, xor and select, with wraparound operands (carry out of bit 31, borrow
;; below 0, signed overflow at 2^31); select on a tape condition (0, 1, 0x80000000, 0xffffffff:
;; any nonzero word is true) and on a comparison; locals (local.tee), a mutable global updated
;; in a called function and an immutable one.
;; Tape: a, b, c (i32). Outputs: a+b, a-b, a&b, a|b, a^b, select(a, b, c),
;; select(a+b, a-b, a <s b), and a mix of the globals after one update.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (global $acc (mut i32) (i32.const 0x7fffffff))
  (global $k i32 (i32.const 0x80000000))
  (func $step (param $a i32) (param $b i32) (result i32)
    (global.set $acc (i32.add (global.get $acc) (local.get $a)))
    (i32.sub (local.get $b) (global.get $acc)))
  (func (export "main") (local $a i32) (local $b i32) (local $c i32) (local $s i32)
    (local.set $a (call $in))
    (local.set $b (call $in))
    (local.set $c (call $in))
    (call $out (local.tee $s (i32.add (local.get $a) (local.get $b))))
    (call $out (i32.sub (local.get $a) (local.get $b)))
    (call $out (i32.and (local.get $a) (local.get $b)))
    (call $out (i32.or (local.get $a) (local.get $b)))
    (call $out (i32.xor (local.get $a) (local.get $b)))
    (call $out (select (local.get $a) (local.get $b) (local.get $c)))
    (call $out (select (local.get $s) (i32.sub (local.get $a) (local.get $b))
                       (i32.lt_s (local.get $a) (local.get $b))))
    (call $out (i32.xor (i32.xor (call $step (local.get $a) (local.get $b)) (global.get $k))
                        (global.get $acc)))))
