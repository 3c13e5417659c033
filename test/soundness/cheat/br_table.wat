;; a br_table of three targets and a default on the input index
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (func (export "main")
    (block $d (block $b2 (block $b1 (block $b0
      (br_table $b0 $b1 $b2 $d (call $in)))
      (call $out (i32.const 10)) return)
      (call $out (i32.const 11)) return)
      (call $out (i32.const 12)) return)
    (call $out (i32.const 99))))
