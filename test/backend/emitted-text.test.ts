// The compiler never hands out zkASM its own assembler rejects: compileWasm assembles what it
// printed, and a rejection is an internal error (exit 70) naming the line and the WASM origin.
// Valid modules that once compiled to text that did not assemble now run, or are refused with a
// clear message when the machine cannot hold them.
import { describe, expect, it } from 'vitest';
import { watToWasm } from '../../src/wasm/wat.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { assembleEmitted, compileWasm, runRom } from '../../src/compile.js';
import { W2zError } from '../../src/diagnostics.js';

const compile = async (wat: string) => compileWasm(await loadWasmBytes(await watToWasm(wat, 'm.wat'), 'm.wat'));

function errorOf(f: () => unknown): W2zError {
  try { f(); } catch (e) { if (e instanceof W2zError) return e; throw e; }
  throw new Error('expected an error');
}

describe('text our assembler rejects', () => {
  it('is an internal error (exit 70) naming the zkASM line and the WASM function and offset', () => {
    const text = ['start:', '        ; @ $main 0x4b i32.store', '        1 => A', '        $ => :MLOAD(SP - 21)', ''].join('\n');
    const e = errorOf(() => assembleEmitted(text, 'm.zkasm'));
    expect(e.code).toBe('W2Z2301');
    expect(e.exitCode).toBe(70);
    expect(e.message).toMatch(/^m\.zkasm:4: internal error: the compiled zkASM does not assemble: .* \(func \$main @0x4b i32\.store\)$/);
  });
});

describe('modules that once compiled to text that did not assemble', () => {
  it('call_indirect through a table without elements traps (undefined element)', async () => {
    const c = await compile(`(module (type $t (func (result i32))) (table 0 funcref)
      (func (export "main") (drop (call_indirect (type $t) (i32.const 0)))))`);
    expect(runRom(c.rom).trap?.kind).toBe('undefined element');
  });

  it('call_indirect through a table whose entries are all null traps (uninitialized element)', async () => {
    // found by the malformed-input fuzzer: the dispatch label was left out, the text did not assemble
    const c = await compile(`(module (type $t (func (result i32))) (table 2 funcref) (func $f (type $t) (i32.const 7))
      (func (export "main") (result i32) (call_indirect (type $t) (i32.const 0))))`);
    expect(runRom(c.rom).trap?.kind).toBe('uninitialized element');
  });

  it('a table of 10^7 entries is refused, as is one of 40,000 a program calls through', async () => {
    const table = (n: number) => `(module (type $t (func)) (table ${n} funcref) (func $f) (elem (i32.const 5) $f)
      (func (export "main") (call_indirect (type $t) (i32.const 5))))`;
    const huge = await compile(table(10_000_000)).catch((x: unknown) => x);
    expect(huge).toBeInstanceOf(W2zError);
    expect((huge as W2zError).message).toBe('m.wat: program too large: a table of 10000000 entries (this compiler takes up to 1048576)');
    const big = await compile(table(40_000)).catch((x: unknown) => x);
    expect((big as W2zError).message).toMatch(/^m\.wat: program too large: its variables need 800\d\d words, this machine has 65536 \(0 mutable globals, 40000 table entries/);
  });

  it('100,000 mutable globals are refused the same way', async () => {
    const globals = Array.from({ length: 100_000 }, (_, i) => `(global $g${i} (mut i32) (i32.const ${i}))`).join('');
    const e = await compile(`(module ${globals} (func (export "main") (global.set $g99999 (global.get $g0))))`).catch((x: unknown) => x);
    expect((e as W2zError).code).toBe('W2Z2201');
    expect((e as W2zError).message).toMatch(/\(100000 mutable globals, 0 table entries/);
  }, 60_000);
});
