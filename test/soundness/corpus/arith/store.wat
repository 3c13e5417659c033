;; narrow and unaligned stores; memory.fill, memory.copy and memory.init with nonzero lengths.
;; At each address a, a staircase of stores of every width in which each store keeps at least
;; one byte of its own: i64.store a, i64.store32 a+4, i32.store a+6, i64.store16 a+8,
;; i32.store16 a+9, i64.store8 a+10, i32.store8 a+11 (a = 0 … 7: every byte offset; a = 65524
;; ends at the last byte of a one-page memory; 65525: the store8 traps, 65527: the i32.store,
;; 65529: the i64.store). Then a fill, a copy and a memory.init (from a passive 6-byte segment) of the
;; tape's lengths: at the end of memory, overlapping forwards and backwards, one past the end
;; (trap).
;; Tape: n, then n pairs (a: i32, V: i64), then fill (f, len), copy (d, s, len), init (d, s, len).
;; Outputs: per address, the 12 bytes at a read back (unaligned i64.load a and i32.load a+8,
;; folded: h * 1000003 + v); then a fold of the first and last 24 bytes of memory (aligned
;; i64 loads).
(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i64" (func $out (param i64)))
  (memory 1)
  (data (i32.const 0) "\00\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17")
  (data $seg "\de\ad\be\ef\c0\de")
  (data (i32.const 65512) "\e8\e9\ea\eb\ec\ed\ee\ef\f0\f1\f2\f3\f4\f5\f6\f7\f8\f9\fa\fb\fc\fd\fe\ff")
  (func $mix (param $h i64) (param $v i64) (result i64)
    (i64.add (i64.mul (local.get $h) (i64.const 1000003)) (local.get $v)))
  (func (export "main") (local $n i32) (local $a i32) (local $V i64) (local $h i64) (local $k i32)
    (local.set $n (call $in))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $a (call $in))
        (local.set $V (call $in64))
        (i64.store (local.get $a) (local.get $V))
        (i64.store32 offset=4 (local.get $a) (i64.xor (local.get $V) (i64.const 0x5555555555555555)))
        (i32.store offset=6 (local.get $a) (i32.wrap_i64 (i64.rotl (local.get $V) (i64.const 8))))
        (i64.store16 offset=8 (local.get $a) (i64.rotl (local.get $V) (i64.const 16)))
        (i32.store16 offset=9 (local.get $a) (i32.wrap_i64 (i64.rotl (local.get $V) (i64.const 24))))
        (i64.store8 offset=10 (local.get $a) (i64.rotl (local.get $V) (i64.const 32)))
        (i32.store8 offset=11 (local.get $a) (i32.wrap_i64 (i64.rotl (local.get $V) (i64.const 40))))
        (call $out (call $mix (i64.load (local.get $a))
                              (i64.extend_i32_u (i32.load offset=8 (local.get $a)))))
        (br $next)))
    (memory.fill (call $in) (i32.const 0xa5) (call $in))
    (memory.copy (call $in) (call $in) (call $in))
    (memory.init $seg (call $in) (call $in) (call $in))
    (local.set $k (i32.const 0))
    (loop $sum
      (local.set $h (call $mix (local.get $h) (i64.load (local.get $k))))
      (local.set $h (call $mix (local.get $h) (i64.load offset=65512 (local.get $k))))
      (local.set $k (i32.add (local.get $k) (i32.const 8)))
      (br_if $sum (i32.lt_u (local.get $k) (i32.const 24))))
    (call $out (local.get $h))))
