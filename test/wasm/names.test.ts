import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/wasm/decode.js';
import { funcName, funcType, importedFuncCount } from '../../src/wasm/names.js';
import { watToWasm } from '../../src/wasm/wat.js';

describe('names', async () => {
  const bytes = await watToWasm(`(module
    (import "env" "g" (global i32))
    (import "env" "assert_eq" (func $assert_eq (param i32 i32)))
    (import "env" "mem" (memory 1))
    (import "env" "h" (func (param i64) (result i64)))
    (func $named (param f32) (result f64) f64.const 0)
    (func (export "run") (result i32) i32.const 0)
    (func)
    (export "also_named" (func $named)))`, 'names.wat');
  const m = decodeModule(bytes, 'names.wasm');

  it('counts only imported functions', () => {
    expect(m.imports).toHaveLength(4);
    expect(importedFuncCount(m)).toBe(2);
  });

  it('prefers the name section, then an export name, then the index', () => {
    expect(funcName(m, 0)).toBe('$assert_eq');
    expect(funcName(m, 1)).toBe('$f1');
    expect(funcName(m, 2)).toBe('$named');
    expect(funcName(m, 3)).toBe('$run');
    expect(funcName(m, 4)).toBe('$f4');
  });

  it('gives signatures with imported functions first', () => {
    expect(funcType(m, 0)).toEqual({ params: ['i32', 'i32'], results: [] });
    expect(funcType(m, 1)).toEqual({ params: ['i64'], results: ['i64'] });
    expect(funcType(m, 2)).toEqual({ params: ['f32'], results: ['f64'] });
    expect(funcType(m, 3)).toEqual({ params: [], results: ['i32'] });
    expect(funcType(m, 4)).toEqual({ params: [], results: [] });
  });

  it('rejects a function index the module does not have', () => {
    expect(() => funcType(m, 5)).toThrow(expect.objectContaining({
      code: 'W2Z1009', message: 'func #5: no such function (the module has 5 functions)',
    }));
  });
});
