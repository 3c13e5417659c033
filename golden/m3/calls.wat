;; M3: calls with several parameters and results, `return` from inside loops and blocks,
;; mutual recursion, a local that lives across calls, and i64 arguments.
(module
  (import "env" "assert_eq_i32" (func $assert_eq_i32 (param i32 i32)))
  (import "env" "assert_eq_i64" (func $assert_eq_i64 (param i64 i64)))

  ;; a*1 + b*2 + c*4, by repeated addition
  (func $weigh (param $a i32) (param $b i32) (param $c i32) (result i32)
    (local $r i32)
    (local.set $r (local.get $a))
    (local.set $r (i32.add (local.get $r) (i32.add (local.get $b) (local.get $b))))
    (local.set $r (i32.add (local.get $r) (i32.add (local.get $c) (i32.add (local.get $c) (i32.add (local.get $c) (local.get $c))))))
    (local.get $r))

  ;; first i in [0, n) with i + i + i >= limit, or n: returns from inside the loop
  (func $find (param $n i32) (param $limit i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eq (local.get $i) (local.get $n)))
        (if (i32.ge_u (i32.add (local.get $i) (i32.add (local.get $i) (local.get $i))) (local.get $limit))
          (then (return (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func $is_even (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call $is_odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $is_odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $is_even (i32.sub (local.get $n) (i32.const 1))))))

  ;; sum of 1..n in i64, recursively: the parameter is needed after the call returns
  (func $sum (param $n i64) (result i64)
    (if (result i64) (i64.eq (local.get $n) (i64.const 0))
      (then (i64.const 0))
      (else (i64.add (local.get $n) (call $sum (i64.sub (local.get $n) (i64.const 1)))))))

  (func $main (export "main")
    (local $keep i32)
    (local.set $keep (call $weigh (i32.const 3) (i32.const 5) (i32.const 7)))
    (call $assert_eq_i32 (local.get $keep) (i32.const 41))
    (call $assert_eq_i32 (call $find (i32.const 100) (i32.const 31)) (i32.const 11))
    (call $assert_eq_i32 (call $find (i32.const 5) (i32.const 1000)) (i32.const 5))
    (call $assert_eq_i32 (call $is_even (i32.const 12)) (i32.const 1))
    (call $assert_eq_i32 (call $is_odd (i32.const 7)) (i32.const 1))
    (call $assert_eq_i32 (call $is_even (i32.const 7)) (i32.const 0))
    (call $assert_eq_i64 (call $sum (i64.const 100)) (i64.const 5050))
    (call $assert_eq_i64 (i64.add (i64.const 0xffffffff) (i64.const 1)) (i64.const 0x100000000))
    (call $assert_eq_i32 (i32.add (i32.const 0xffffffff) (i32.const 2)) (i32.const 1))
    (call $assert_eq_i32 (local.get $keep) (i32.const 41))))
