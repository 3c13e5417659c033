;; narrow and unaligned loads: every load width, signed and unsigned (i32.load8_s/u, load16_s/u,
;; i32.load, i64.load8_s/u, load16_s/u, load32_s/u, i64.load) at addresses 0 … 7 (every byte
;; offset in a word) and at the last bytes of a one-page memory, in order of width so that an
;; address near the end passes the narrow loads and traps at the first one too wide
;; (65535: load16; 65534 and 65533: i32.load; 65532 and 65529: i64.load; 65528 passes all).
;; The bytes have the sign bit set at even addresses.
;; Tape: n, then n addresses. Output per address: a fold of the eleven loaded values,
;; h = h * 1000003 + v (i64; an odd multiplier, so a change in any one value changes h).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i64" (func $out (param i64)))
  (memory 1)
  (data (i32.const 0) "\81\02\83\04\85\06\87\08\89\0a\8b\0c\8d\0e\8f\10")
  (data (i32.const 65520) "\f1\72\f3\74\f5\76\f7\78\f9\7a\fb\7c\fd\7e\ff\80")
  (global $h (mut i64) (i64.const 0))
  (func $mix (param $v i64)
    (global.set $h (i64.add (i64.mul (global.get $h) (i64.const 1000003)) (local.get $v))))
  (func (export "main") (local $n i32) (local $b i32)
    (local.set $n (call $in))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $b (call $in))
        (global.set $h (i64.const 0))
        (call $mix (i64.extend_i32_u (i32.load8_s (local.get $b))))
        (call $mix (i64.extend_i32_u (i32.load8_u (local.get $b))))
        (call $mix (i64.load8_s (local.get $b)))
        (call $mix (i64.load8_u (local.get $b)))
        (call $mix (i64.extend_i32_u (i32.load16_s (local.get $b))))
        (call $mix (i64.extend_i32_u (i32.load16_u (local.get $b))))
        (call $mix (i64.load16_s (local.get $b)))
        (call $mix (i64.load16_u (local.get $b)))
        (call $mix (i64.extend_i32_u (i32.load (local.get $b))))
        (call $mix (i64.load32_s (local.get $b)))
        (call $mix (i64.load32_u (local.get $b)))
        (call $mix (i64.load (local.get $b)))
        (call $out (global.get $h))
        (br $next)))))
