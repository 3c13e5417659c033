;; The data string holds "é😀" as UTF-8: c3 a9 f0 9f 98 80 (wabt was given the text as
;; UTF-16 low bytes: the data became e9 3d 00).
(module
  (import "env" "assert_eq" (func $eq (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "é😀")
  (func (export "main")
    (call $eq (i32.load (i32.const 0)) (i32.const 0x9ff0a9c3))
    (call $eq (i32.load16_u (i32.const 4)) (i32.const 0x8098))))
