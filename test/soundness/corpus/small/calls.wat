;; calls: direct calls with several parameters and two results, recursion (n + tri(n - 1)) and
;; mutual recursion (even/odd) to a tape-given depth, and call_indirect through a table of 4
;; (add, sub, neg, null): a good call, a type mismatch (neg is (i32) -> i32), the null element
;; (uninitialized element), the index = table size and 2^31, 2^32 - 1 (undefined element).
;; Recursion deep enough for "call stack exhausted" is not here: a one-parameter recursive
;; function exhausts the stack (0x10000 words) at depth 21,844, after 218,453 steps.
;; Tape: a, b, n, k (i32). Outputs: max(a, b) then min(a, b) (signed; one call returning both),
;; tri(n), even(n), then (type (i32 i32) -> i32) table[k](a, b) and (type (i32) -> i32)
;; table[2](a).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (type $bin (func (param i32 i32) (result i32)))
  (type $un (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $add $sub $neg)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
  (func $minmax (param $a i32) (param $b i32) (result i32 i32)
    (if (result i32 i32) (i32.lt_s (local.get $a) (local.get $b))
      (then (local.get $a) (local.get $b))
      (else (local.get $b) (local.get $a))))
  (func $tri (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (local.get $n) (call $tri (i32.sub (local.get $n) (i32.const 1)))))))
  (func $even (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (call $odd (i32.sub (local.get $n) (i32.const 1))))))
  (func $odd (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (call $even (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "main") (local $a i32) (local $b i32) (local $n i32) (local $k i32)
    (local.set $a (call $in))
    (local.set $b (call $in))
    (local.set $n (call $in))
    (local.set $k (call $in))
    (call $minmax (local.get $a) (local.get $b))
    (call $out)
    (call $out)
    (call $out (call $tri (local.get $n)))
    (call $out (call $even (local.get $n)))
    (call $out (call_indirect (type $bin) (local.get $a) (local.get $b) (local.get $k)))
    (call $out (call_indirect (type $un) (local.get $a) (i32.const 2)))))
