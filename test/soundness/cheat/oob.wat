;; loads 4 bytes at the input address of a one-page memory: 65533 is out of bounds (traps)
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (func (export "main") (call $out (i32.load (call $in)))))
