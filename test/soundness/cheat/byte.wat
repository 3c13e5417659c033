;; the byte at the input address (bytes 0x11 … 0x88 at addresses 0 … 7)
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (func (export "main")
    (i32.store (i32.const 0) (i32.const 0x44332211))
    (i32.store (i32.const 4) (i32.const 0x88776655))
    (call $out (i32.load8_u (call $in)))))
