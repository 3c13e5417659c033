;; mul, div_s, div_u, rem_s, rem_u on i32 and i64, each division with its own divisor from the
;; tape: products that wrap (2^31 * -1, -1 * -1, 2^63 * -1, -7 * 2^16, -7 * 2^32, 0x7fffffff * 2,
;; 0x1ffffffff * 0xffffffff across the 32-bit limbs), quotients and remainders of both signs, by
;; 1, -1, -2, 2^31 / 2^63, 2^32 - 1, 2^32, 2^32 + 1; INT_MIN rem_s -1 = 0 (no trap) and
;; INT_MIN div_s -1 (trap: integer overflow), i32 and i64; a zero divisor (trap: integer divide
;; by zero) for i32 rem_u and for i64 div_u, the last operation.
;; Tape: a, m, ds, du, rs, ru (i32), then A, M, DS, DU, RS, RU (i64).
;; Outputs (i64): a*m, rem_s | div_s << 32, rem_u | div_u << 32 (i32 results, in this order), then
;; A*M, A rem_s RS, A div_s DS, A rem_u RU, A div_u DU.
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main")
    (local $a i32) (local $m i32) (local $ds i32) (local $du i32) (local $rs i32) (local $ru i32)
    (local $r i32)
    (local $A i64) (local $M i64) (local $DS i64) (local $DU i64) (local $RS i64) (local $RU i64)
    (local.set $a (call $in))
    (local.set $m (call $in))
    (local.set $ds (call $in))
    (local.set $du (call $in))
    (local.set $rs (call $in))
    (local.set $ru (call $in))
    (local.set $A (call $in64))
    (local.set $M (call $in64))
    (local.set $DS (call $in64))
    (local.set $DU (call $in64))
    (local.set $RS (call $in64))
    (local.set $RU (call $in64))
    (call $out (i64.extend_i32_u (i32.mul (local.get $a) (local.get $m))))
    (local.set $r (i32.rem_s (local.get $a) (local.get $rs)))
    (call $out (call $pack (local.get $r) (i32.div_s (local.get $a) (local.get $ds))))
    (local.set $r (i32.rem_u (local.get $a) (local.get $ru)))
    (call $out (call $pack (local.get $r) (i32.div_u (local.get $a) (local.get $du))))
    (call $out (i64.mul (local.get $A) (local.get $M)))
    (call $out (i64.rem_s (local.get $A) (local.get $RS)))
    (call $out (i64.div_s (local.get $A) (local.get $DS)))
    (call $out (i64.rem_u (local.get $A) (local.get $RU)))
    (call $out (i64.div_u (local.get $A) (local.get $DU)))))
