;; M3: recursion. fib(n) calls itself twice, so the return address and the frame of every
;; activation must survive the nested calls.
(module
  (import "env" "assert_eq" (func $assert_eq (param i32) (param i32)))
  (func $fib (param $n i32) (result i32)
    (if (i32.lt_u (local.get $n) (i32.const 2))
      (then (return (local.get $n))))
    (i32.add
      (call $fib (i32.sub (local.get $n) (i32.const 1)))
      (call $fib (i32.sub (local.get $n) (i32.const 2)))))
  (func $main
    (call $assert_eq (call $fib (i32.const 10)) (i32.const 55)))
  (start $main))
