;; br_table: a table of four targets and a default on index i (0, the last 3, the size 4, size + 1,
;; 2^31, 2^32 - 1), a table of two targets carrying a value on index j, a table with only a
;; default, and a br_table to a loop label whose index is a comparison.
;; Tape: i, j (i32). Outputs: the target of i (10 … 13, 99 for the default), the value j through
;; the second table (j + 2000 for j = 0, j + 1000 for j = 1, j for the default), 7 (the
;; default-only table), and the trips of the loop (min(i, 3), at least 1; 3 for i >= 4).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (func $four (param $i i32) (result i32)
    (block $d (block $b3 (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 $b3 $d (local.get $i)))
      (return (i32.const 10)))
      (return (i32.const 11)))
      (return (i32.const 12)))
      (return (i32.const 13)))
    (i32.const 99))
  (func $valued (param $j i32) (result i32)
    (block $v2 (result i32)
      (block $v1 (result i32)
        (block $v0 (result i32)
          (br_table $v0 $v1 $v2 (local.get $j) (local.get $j)))
        (i32.add (i32.const 1000)))
      (i32.add (i32.const 1000))))
  (func $only_default (param $j i32) (result i32)
    (block $d (result i32)
      (br_table $d (i32.const 7) (local.get $j))))
  (func $trips (param $i i32) (result i32) (local $c i32)
    (block $exit
      (loop $l
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br_table $exit $l (i32.lt_u (local.get $c) (local.get $i)))))
    (local.get $c))
  (func (export "main") (local $i i32) (local $j i32)
    (local.set $i (call $in))
    (local.set $j (call $in))
    (call $out (call $four (local.get $i)))
    (call $out (call $valued (local.get $j)))
    (call $out (call $only_default (local.get $j)))
    (call $out (call $trips (select (local.get $i) (i32.const 3) (i32.lt_u (local.get $i) (i32.const 4)))))))
