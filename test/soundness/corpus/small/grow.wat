;; memory.size and memory.grow on a memory of 1 page, at most 3: grow by 0, 1, 2 (to the max),
;; by more than the max, 2^31 and 2^32 - 1 pages (all -1). No load or store: a program that
;; accesses memory has the runtime's ARITH rows in its ROM and a trace of 2^16 rows (the load
;; at the last word of a grown memory is in memory.wat).
;; Tape: g1, g2 (pages). Outputs: size, grow(g1), size, grow(g2), size.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1 3)
  (func (export "main")
    (call $out (memory.size))
    (call $out (memory.grow (call $in)))
    (call $out (memory.size))
    (call $out (memory.grow (call $in)))
    (call $out (memory.size))))
