;; an input of 5 or more reaches a failing assert_eq: no honest run exists
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "assert_eq" (func $eq (param i32 i32)))
  (func (export "main")
    (if (i32.lt_u (call $in) (i32.const 5))
      (then)
      (else (call $eq (i32.const 1) (i32.const 2))))))
