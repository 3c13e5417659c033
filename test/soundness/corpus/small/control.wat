;; structured control flow: block, loop and if with results, multiple values (block, if and
;; loop params/results), br and br_if carrying a value out of nested blocks, an early return,
;; a loop with a tape-driven trip count (0, 1, several), nested loops with a br to the outer
;; block.
;; Tape: x, n, p, q (i32). Outputs: classify(x) (100 for 0, 1 for x <s 0, 12 for x >u 1000,
;; else 3), 1 + … + n, the pairs (i, j) with j < i < n counted (stop at 10), the difference of
;; a value pair ordered by p <u q, and the countdown from n through a loop with a parameter.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (func $classify (param $x i32) (result i32)
    (if (i32.eqz (local.get $x)) (then (return (i32.const 100))))
    (block $neg (result i32)
      (block $big (result i32)
        (drop (br_if $neg (i32.const 1) (i32.lt_s (local.get $x) (i32.const 0))))
        (drop (br_if $big (i32.const 2) (i32.gt_u (local.get $x) (i32.const 1000))))
        (br $neg (i32.const 3)))
      (i32.add (i32.const 10))))
  (func $sum (param $n i32) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func $pairs (param $n i32) (result i32) (local $i i32) (local $j i32) (local $c i32)
    (block $out
      (loop $outer
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.ge_u (local.get $j) (local.get $i)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br_if $out (i32.ge_u (local.get $c) (i32.const 10)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $c))
  (func $order (param $p i32) (param $q i32) (result i32)
    (i32.sub
      (if (result i32 i32) (i32.lt_u (local.get $p) (local.get $q))
        (then (local.get $q) (local.get $p))
        (else (block (result i32 i32) (local.get $p) (local.get $q))))))
  (func $countdown (param $n i32) (result i32)
    (local.get $n)
    (loop $l (param i32) (result i32)
      (local.set $n)
      (local.get $n)
      (if (param i32) (result i32) (i32.eqz (local.get $n))
        (then (i32.add (i32.const 77)))
        (else (drop) (br $l (i32.sub (local.get $n) (i32.const 1)))))))
  (func (export "main") (local $n i32)
    (call $out (call $classify (call $in)))
    (local.set $n (call $in))
    (call $out (call $sum (local.get $n)))
    (call $out (call $pairs (local.get $n)))
    (call $out (call $order (call $in) (call $in)))
    (call $out (call $countdown (local.get $n)))))
