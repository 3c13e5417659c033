;; the output slots, unreachable and assert_eq: n outputs (alternately x + k as an i32 and X as
;; an i64) where n = 0, 8 (every slot) or 9 (the 9th traps "too many outputs", the first 8 stay
;; public); `unreachable` reached after the outputs when u is nonzero; assert_eq(x, y) first,
;; which fails the run (no honest trace) when x != y: those tapes are marked "fail".
;; Tape: n, x, y (i32), X (i64), u (i32).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i32" (func $out (param i32)))
  (import "env" "output_i64" (func $out64 (param i64)))
  (import "env" "assert_eq" (func $eq (param i32 i32)))
  (func (export "main") (local $n i32) (local $x i32) (local $X i64) (local $k i32)
    (local.set $n (call $in))
    (local.set $x (call $in))
    (call $eq (local.get $x) (call $in))
    (local.set $X (call $in64))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (if (i32.and (local.get $k) (i32.const 1))
          (then (call $out64 (local.get $X)))
          (else (call $out (i32.add (local.get $x) (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (nop)
    (if (call $in) (then unreachable))))
