// Shared test inputs.

/** One function with every immediate kind (valid: it also passes wabt's validation). */
export const ALL_IMMEDIATES_WAT = `(module $demo
  (type $void (func))
  (type $mv (func (param i32) (result i32 i64)))
  (import "env" "assert_eq_i64" (func $assert (param i64 i64)))
  (import "env" "g_in" (global $g_in i64))
  (memory $mem 1 2)
  (table $tf 2 10 funcref)
  (table $te 1 externref)
  (global $g (mut i32) (i32.const -1))
  (global $gf f64 (f64.const -0))
  (data $d "abc")
  (elem $e func $callee)
  (func $callee)
  (func $all (export "main") (param $p i32) (result i32) (local $l i64) (local $v v128)
    block $b
      loop $lp (result i32)
        i32.const 0
      end
      drop
    end
    i32.const 7
    block (type $mv) (param i32) (result i32 i64)
      drop
      i32.const 1
      i64.const 2
    end
    drop
    drop
    block $b0
      block $b1
        local.get $p
        br_table $b0 $b1 $b0
      end
    end
    local.get $p
    if (result i32)
      i32.const 1
      i32.const 1
      br_if 0
    else
      i32.const 2
    end
    drop
    call $callee
    i32.const 0
    call_indirect $tf (type $void)
    i32.const 1 i32.const 2 local.get $p select drop
    i32.const 1 i32.const 2 local.get $p select (result i32) drop
    local.get $p local.set $p local.get $p local.tee $p drop
    global.get $g global.set $g
    i32.const 0 table.get $te drop
    i32.const 0 ref.null extern table.set $te
    i32.const 0 i32.load offset=8 align=2 drop
    i32.const 0 i64.const 3 i64.store8 offset=3
    memory.size drop
    i32.const 1 memory.grow drop
    i32.const -1 drop
    i64.const -9223372036854775808 drop
    i64.const 9223372036854775807 drop
    f32.const 1.5 drop
    f64.const -0 drop
    i32.const 255 i32.extend8_s drop
    f32.const 1 i32.trunc_sat_f32_s drop
    i32.const 0 i32.const 0 i32.const 3 memory.init $d
    data.drop $d
    i32.const 0 i32.const 1 i32.const 2 memory.copy
    i32.const 0 i32.const 0 i32.const 4 memory.fill
    i32.const 0 i32.const 0 i32.const 1 table.init $tf $e
    elem.drop $e
    i32.const 0 i32.const 1 i32.const 1 table.copy $tf $tf
    ref.null func i32.const 1 table.grow $tf drop
    table.size $tf drop
    i32.const 0 ref.null func i32.const 1 table.fill $tf
    ref.func $callee ref.is_null drop
    v128.const i32x4 1 2 3 0xffffffff
    v128.const i64x2 0 0
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
    i8x16.extract_lane_s 3 drop
    i32.const 0 local.get $v v128.load8_lane offset=1 5 local.set $v
    i32.const 16 v128.load align=4 drop
    local.get $p
    return)
  (start $callee))`;
