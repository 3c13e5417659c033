;; outputs 0 … 7: exactly the 8 output slots
(module
  (import "env" "output_i32" (func $out (param i32)))
  (func (export "main") (local $i i32)
    (loop $l
      (call $out (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 8))))))
