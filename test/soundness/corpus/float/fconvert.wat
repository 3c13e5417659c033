;; Integer to float: f32 and f64 from i32 and i64, signed and unsigned, on the same bits read
;; both ways: 0, 1, -1 (the largest unsigned), INT_MIN and INT_MAX of each width (i64 max rounds
;; to 2^63), the first values that round (2^24 + 1 and 2^24 + 3 in f32, ties to even either way;
;; 2^53 + 1 and 2^53 + 3 in f64), a 25-bit value that ties up to 2^31, -2048 (the largest u64
;; that f32 rounds to 2^64), INT_MIN + 1.
;; Tape: i (i32), L (i64).
;; Outputs (i64): f32 from i signed | unsigned << 32, f32 from L signed | unsigned << 32 (f32
;; bits), f64 from i signed, unsigned, from L signed, unsigned (f64 bits).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (func $pack (param $lo i32) (param $hi i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $lo))
            (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32))))
  (func (export "main") (local $i i32) (local $L i64)
    (local.set $i (call $in))
    (local.set $L (call $in64))
    (call $out (call $pack (i32.reinterpret_f32 (f32.convert_i32_s (local.get $i)))
                           (i32.reinterpret_f32 (f32.convert_i32_u (local.get $i)))))
    (call $out (call $pack (i32.reinterpret_f32 (f32.convert_i64_s (local.get $L)))
                           (i32.reinterpret_f32 (f32.convert_i64_u (local.get $L)))))
    (call $out (i64.reinterpret_f64 (f64.convert_i32_s (local.get $i))))
    (call $out (i64.reinterpret_f64 (f64.convert_i32_u (local.get $i))))
    (call $out (i64.reinterpret_f64 (f64.convert_i64_s (local.get $L))))
    (call $out (i64.reinterpret_f64 (f64.convert_i64_u (local.get $L))))))
