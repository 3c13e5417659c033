// Floating point is a clear compile error naming f32/f64 (README). Code that reads or writes a
// float global was refused as "unsupported value type of global #0", without saying it is a
// float (found by binaryen's translate-to-fuzz); a float global code never touches is no error.
// V8 runs the accepted module the same way.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { compileWasm, runZkasm } from '../../src/compile.js';
import { isW2zError } from '../../src/diagnostics.js';

async function refusal(wat: string): Promise<{ code: string; message: string }> {
  const loaded = await loadWasmBytes(await watToWasm(wat, 'float.wat'), 'float.wat');
  try {
    compileWasm(loaded);
  } catch (e) {
    if (!isW2zError(e)) throw e;
    return { code: e.code, message: e.message };
  }
  throw new Error('compiled');
}

describe('a float global used by code', () => {
  it.each([
    ['f32', '(global.set $g (global.get $g))'],
    ['f64', '(drop (global.get $g))'],
    ['f64', '(global.set $g (global.get $g))'],
  ])('%s, %s: refused naming its type', async (type, code) => {
    const e = await refusal(`(module (global $g (mut ${type}) (${type}.const 1.5)) (func (export "main") ${code}))`);
    expect(e.code).toBe('W2Z2006');
    expect(e.message).toMatch(new RegExp(`func \\$main \\(#0\\) @0x[0-9a-f]+: unsupported value type ${type} of global #0$`));
  });

  it('the index is the global\'s, past the integer globals before it', async () => {
    const e = await refusal(`(module (global $a (mut i32) (i32.const 1)) (global $b f64 (f64.const 2))
      (func (export "main") (global.set $a (i32.const 3)) (drop (global.get $b))))`);
    expect(e.message).toMatch(/unsupported value type f64 of global #1$/);
  });

  it('a float global nothing reads compiles and runs, as in V8', async () => {
    const wat = `(module (import "env" "output_i32" (func $out (param i32))) (global $f (mut f32) (f32.const 1.5))
      (global $g (mut i32) (i32.const 7)) (func (export "main") (call $out (global.get $g))))`;
    const bytes = await watToWasm(wat, 'unused.wat');
    const r = runZkasm(compileWasm(await loadWasmBytes(bytes, 'unused.wat')).zkasm, 'unused.zkasm');
    const outputs: bigint[] = [];
    const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, { env: { output_i32: (x: number) => outputs.push(BigInt(x >>> 0)) } });
    (instance.exports['main'] as () => void)();
    expect(r.status).toBe('pass');
    expect(r.outputs).toEqual(outputs);
  });
});
