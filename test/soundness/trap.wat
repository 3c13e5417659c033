;; ends in a trap: an out-of-bounds store after some checked work
(module
  (import "env" "assert_eq_i32" (func $eq32 (param i32 i32)))
  (memory 1)
  (global $n (mut i32) (i32.const 100))
  (func $main (export "main")
    (call $eq32 (i32.div_u (global.get $n) (i32.const 7)) (i32.const 14))
    (i32.store (i32.sub (i32.const 65634) (global.get $n)) (global.get $n))
    (i32.store (i32.add (i32.const 65434) (global.get $n)) (i32.const 1))))
