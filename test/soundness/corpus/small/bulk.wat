;; memory.fill, memory.copy and memory.init (from a passive 4-byte segment) with length 0 at the
;; end of a one-page memory (passes) and one past it (traps even with length 0), length 1 at
;; the end (trap), a source one past the end or past the end of the segment (trap), a length
;; of 2^32 - 1 (trap); data.drop, then memory.init of length 0 (passes) and 1 (traps: the
;; segment is empty). (A nonzero length in bounds takes ARITH rows: that is in arith/store.wat.)
;; Tape: f, lf (fill), d, s, lc (copy), id, io, il (init), il2 (init after data.drop).
;; Outputs: 1 after the fill, 2 after the copy, 3 after the init, 4 at the end.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (data $seg "\de\ad\be\ef")
  (func (export "main") (local $a i32) (local $b i32) (local $c i32)
    (local.set $a (call $in))
    (local.set $b (call $in))
    (memory.fill (local.get $a) (i32.const 0xab) (local.get $b))
    (call $out (i32.const 1))
    (local.set $a (call $in))
    (local.set $b (call $in))
    (local.set $c (call $in))
    (memory.copy (local.get $a) (local.get $b) (local.get $c))
    (call $out (i32.const 2))
    (local.set $a (call $in))
    (local.set $b (call $in))
    (local.set $c (call $in))
    (memory.init $seg (local.get $a) (local.get $b) (local.get $c))
    (call $out (i32.const 3))
    (data.drop $seg)
    (memory.init $seg (local.get $a) (i32.const 0) (call $in))
    (data.drop $seg)
    (call $out (i32.const 4))))
