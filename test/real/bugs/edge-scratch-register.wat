;; KNOWN_BUGS.md, edge-scratch-register: the `then` edge into the join block passes five values
;; held in registers A-E (c, d, a, b, e) and g to two parameters (f and f2): one of them shares
;; g's frame slot, the other needs a slot-to-slot copy, and no register is left for it. The
;; compiler prints `$ => :MLOAD(SP - n)` / `:MSTORE(SP - m)` and rejects its own text:
;;   error[W2Z2301]: edge-scratch-register.zkasm:155: internal error: the compiled zkASM does not
;;   assemble: zkasm syntax error: expected a register, got ":" (func $main @0x8c br)
;; V8 on the tape [1, 2, 1] outputs 1036 (a = 0 loaded from 1028, b = 2, c = 4, d = 1028, e = 0, f = f2 = 1).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (memory 1)
  (func (export "main") (local $f i32) (local $f2 i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $g i32) (local $h i32)
    (local.set $g (call $in))
    (local.set $h (call $in))
    (if (call $in) (then
      (local.set $f (local.get $g))
      (local.set $f2 (local.get $g))
      (local.set $c (i32.shl (local.get $h) (i32.const 1)))
      (local.set $d (i32.add (local.get $c) (i32.const 1024)))
      (local.set $a (i32.load (local.get $d)))
      (local.set $b (i32.add (local.get $h) (i32.const 0)))
      (local.set $e (i32.eq (local.get $a) (local.get $b)))))
    (call $out (i32.add (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (local.get $d)))
      (i32.add (local.get $e) (i32.add (local.get $f) (local.get $f2)))))))
