// WAT programs using the input/output ABI, shared by the test/io suites.

export const IMPORTS = `
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "input_i64" (func $in64 (result i64)))
  (import "env" "output_i32" (func $out (param i32)))
  (import "env" "output_i64" (func $out64 (param i64)))`;
/** bodies close the module themselves */
export const mod = (body: string) => `(module ${IMPORTS}\n${body}`;

export const SUM = mod(`
  (func $main (export "main") (local $n i32) (local $s i32)
    (local.set $n (call $in))
    (call $out (local.get $n))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (call $in)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (call $out (local.get $s))))`);

export const WIDE = mod(`
  (func $main (export "main") (local $a i64) (local $b i64) (local $c i64)
    (local.set $a (call $in64))
    (local.set $b (call $in64))
    (local.set $c (call $in64))
    (call $out64 (local.get $a))
    (call $out64 (local.get $b))
    (call $out64 (i64.add (local.get $a) (local.get $c)))
    (call $out64 (i64.xor (local.get $b) (local.get $c)))
    (call $out (i64.lt_s (local.get $a) (local.get $c)))
    (call $out (i32.wrap_i64 (i64.shr_u (local.get $c) (i64.const 32))))
    (call $out64 (i64.const -2))))`);

export const I32_SIGNED = mod(`
  (func $main (export "main") (local $x i32)
    (local.set $x (call $in))
    (call $out (local.get $x))
    (call $out (i32.shr_s (local.get $x) (i32.const 4)))
    (call $out64 (i64.extend_i32_s (local.get $x)))
    (call $out64 (i64.extend_i32_u (call $in)))))`);

/** outputs 0, 1, … n-1 for n from the tape */
export const COUNT = mod(`
  (func $main (export "main") (local $i i32) (local $n i32)
    (local.set $n (call $in))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (call $out (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))))`);

/** values live in every register around the ABI calls; a dropped input still consumes the tape */
export const PRESSURE = mod(`
  (memory 1)
  (func $emit (param $x i32) (result i32)
    (call $out (local.get $x))
    (i32.add (local.get $x) (i32.const 1)))
  (func $main (export "main") (local $p i32)
    (drop (call $in))
    (local.set $p (call $in))
    (i32.store (local.get $p) (i32.const 77))
    (call $out (i32.add
      (i32.mul (call $in) (i32.add (call $in) (i32.load (local.get $p))))
      (i32.xor (call $emit (call $in)) (i32.sub (call $in) (i32.load offset=4 (local.get $p))))))
    (call $out64 (i64.add (call $in64) (i64.mul (i64.extend_i32_u (call $in)) (call $in64))))
    (call $out (i32.shl (call $in) (call $in)))))`);

export const TRAP_AFTER = mod(`
  (func $main (export "main")
    (call $out (i32.const 5))
    (call $out64 (call $in64))
    (unreachable)))`);

/** tape values straight to the outputs: nothing but the input pinning checks them */
export const ECHO = mod(`
  (func $main (export "main")
    (call $out (call $in))
    (call $out64 (call $in64))
    (drop (call $in))
    (drop (call $in64))))`);
