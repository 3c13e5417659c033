;; aligned linear-memory access at the bounds of memory: one page (65536 bytes), or two after
;; memory.grow g (at most 2): i32.store and i32.load at the last valid address 65532 (131068
;; when grown) and one past (65536, 131072: trap), an unaligned address out of bounds (65533),
;; 2^32 - 4; i64.load at 0, at 4-aligned addresses and at the last valid 65528 (65532 and the
;; unaligned 65529: trap); static offsets (offset=4 at 65528 is the last word, at 65532 traps,
;; at 2^32 - 4 the effective address passes 2^32: trap); a data segment at the end of page 0.
;; Tape: g (pages to grow), a, v, b, c (i32). Outputs: load(a) after store(a, v), i64.load(b),
;; i32.load offset=4 (c), the word at 65532 after store offset=8 (c - 4, v + 1).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (import "env" "output_i64" (func $out64 (param i64)))
  (memory 1 2)
  (data (i32.const 65524) "\a1\a2\a3\a4\b1\b2\b3\b4\c1\c2\c3\c4")
  (data (i32.const 0) "\01\02\03\04\05\06\07\08")
  (func (export "main") (local $a i32) (local $v i32) (local $b i32) (local $c i32)
    (drop (memory.grow (call $in)))
    (local.set $a (call $in))
    (local.set $v (call $in))
    (local.set $b (call $in))
    (local.set $c (call $in))
    (i32.store (local.get $a) (local.get $v))
    (call $out (i32.load (local.get $a)))
    (call $out64 (i64.load (local.get $b)))
    (call $out (i32.load offset=4 (local.get $c)))
    (i32.store offset=8 (i32.sub (local.get $c) (i32.const 4)) (i32.add (local.get $v) (i32.const 1)))
    (call $out (i32.load (i32.const 65532)))))
