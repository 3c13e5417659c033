;; Division, remainder and narrow / unaligned memory: the forgery catalogue changes the quotient,
;; the remainder and the byte offset the program's helpers take as free inputs. Operands come
;; from memory so that nothing is constant-folded.
(module
  (import "env" "assert_eq_i64" (func $eq64 (param i64 i64)))
  (import "env" "assert_eq" (func $eq (param i32 i32)))
  (memory 1)
  (data (i32.const 64) "\07\10\a5\d4\e8\00\00\00")   ;; 1000000000007
  (data (i32.const 72) "\61\00\00\00\00\00\00\00")   ;; 97
  (data (i32.const 80) "\ef\ff\ff\ff")               ;; -17
  (data (i32.const 84) "\05\00\00\00")               ;; 5
  (func $main
    (call $eq64 (i64.div_u (i64.load (i32.const 64)) (i64.load (i32.const 72))) (i64.const 10309278350))
    (call $eq64 (i64.rem_u (i64.load (i32.const 64)) (i64.load (i32.const 72))) (i64.const 57))
    (call $eq (i32.rem_s (i32.load (i32.const 80)) (i32.load (i32.const 84))) (i32.const -2))
    (call $eq (i32.div_s (i32.load (i32.const 80)) (i32.load (i32.const 84))) (i32.const -3))
    (i64.store (i32.const 3) (i64.const 0x1122334455667788))
    (call $eq (i32.load8_u (i32.const 5)) (i32.const 0x66))
    (call $eq (i32.load16_u (i32.const 6)) (i32.const 0x4455))
    (i32.store8 (i32.const 9) (i32.const 0xab))
    (call $eq64 (i64.load (i32.const 3)) (i64.const 0x11ab334455667788)))
  (start $main))
