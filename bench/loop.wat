;; A long loop for executor throughput: 1,000,000 iterations of an i64 recurrence.
(module
  (import "env" "assert_eq_i64" (func $assert_eq_i64 (param i64 i64)))
  (func $main (export "main")
    (local $i i32) (local $x i64)
    (local.set $x (i64.const 1))
    (block $done
      (loop $next
        (local.set $x (i64.xor (i64.add (local.get $x) (local.get $x)) (i64.const 0x9e3779b97f4a7c15)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $done (i32.eq (local.get $i) (i32.const 1000000)))
        (br $next)))
    (call $assert_eq_i64 (local.get $x) (i64.const 0x75ed28972ac62bf3))))
