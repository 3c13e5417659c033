import { describe, expect, it } from 'vitest';
import { decodeModule } from '../../src/wasm/decode.js';
import { getWabt, validateWasm, wabtErrors, watToWasm, WASM_FEATURES } from '../../src/wasm/wat.js';
import { HAND } from './builder.js';
import { ALL_IMMEDIATES_WAT } from './fixtures.js';

/** the W2zError a promise rejects with */
async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('test: expected a rejection');
}

/** The binary of a text module, not validated (watToWasm would reject an invalid one). */
async function unvalidated(text: string): Promise<Uint8Array> {
  const mod = (await getWabt()).parseWat('x.wat', text, WASM_FEATURES);
  try {
    mod.resolveNames();
    return mod.toBinary({ write_debug_names: true }).buffer;
  } finally {
    mod.destroy();
  }
}

describe('watToWasm', () => {
  it('compiles text with the function and local names preserved', async () => {
    const bytes = await watToWasm('(module (func $main (param $x i32) (local $y i64)) (func $other))', 'a.wat');
    const m = decodeModule(bytes, 'a.wasm');
    expect([...m.names.funcs]).toEqual([[0, 'main'], [1, 'other']]);
    expect([...(m.names.locals.get(0) ?? [])]).toEqual([[0, 'x'], [1, 'y']]);
  });

  it('reports a syntax error with its line:col on one line', async () => {
    const e = await rejection(watToWasm('(module\n  (func $f (result i32)\n    i32.const 1\n    i32.foo))', 'bad.wat'));
    expect(e.code).toBe('W2Z1006');
    expect(e.message).toBe('bad.wat: text format error: 4:5: unexpected token i32.foo, expected )');
  });

  it('reports every undefined name, joined on one line', async () => {
    const e = await rejection(watToWasm('(module\n  (func $f\n    call $nope\n    br $nolabel))', 'bad.wat'));
    expect(e.message).toBe('bad.wat: text format error: 3:10: undefined function variable "$nope"; ' +
      '4:8: undefined label variable "$nolabel"');
  });

  it('validates the text: a type error names its line and column', async () => {
    const e = await rejection(watToWasm('(module\n  (func $a)\n  (func $f (result i32)\n    i64.const 1))', 'x.wat'));
    expect(e.code).toBe('W2Z1005');
    expect(e.message).toBe('x.wat: line 4:5: invalid module: type mismatch in implicit return, expected [i32] but got [i64]');
  });

  it('refuses nesting deeper than wabt parses, naming where (wabt would hang)', async () => {
    const deep = `(module (func ${'block '.repeat(200)}${'end '.repeat(200)}))`;
    const e = await rejection(watToWasm(deep, 'd.wat'));
    expect(e.code).toBe('W2Z1016');
    expect(e.message).toMatch(/^d\.wat:1:\d+: nested more than 128 deep \(parentheses and block\/loop\/if\)/);
    // comments and strings do not count; 128 levels are fine
    const ok = `(module (func ${'block '.repeat(120)}${'end '.repeat(120)}) ;; ((((\n (; (((( ;) (data "((((("))`;
    await expect(watToWasm(ok, 'ok.wat')).resolves.toBeInstanceOf(Uint8Array);
  });

  it('enables exactly the agreed features', async () => {
    // on: SIMD, multi-value, bulk memory, reference types, saturating truncation, sign extension
    await expect(watToWasm(ALL_IMMEDIATES_WAT, 'all.wat')).resolves.toBeInstanceOf(Uint8Array);
    // off: threads, tail calls
    expect((await rejection(watToWasm('(module (memory 1 1 shared) (func i32.const 0 i32.atomic.load drop))', 't.wat')))
      .message).toBe('t.wat: text format error: 1:47: opcode not allowed: i32.atomic.load');
    expect((await rejection(watToWasm('(module (func return_call 0))', 't.wat'))).message)
      .toBe('t.wat: text format error: 1:15: opcode not allowed: return_call');
  });
});

describe('validateWasm', () => {
  it('accepts valid modules, with every enabled feature', async () => {
    await expect(validateWasm(await watToWasm(ALL_IMMEDIATES_WAT, 'all.wat'), 'all.wasm')).resolves.toBeUndefined();
    await expect(validateWasm(HAND, 'hand.wasm')).resolves.toBeUndefined();
  });

  it('names the function and offset of a type error', async () => {
    const bytes = await unvalidated('(module (func $a) (func $f (result i32) i64.const 1))');
    const endOfF = decodeModule(bytes, 'x.wasm').codes[1].body[1];
    expect(endOfF.op).toBe('end');
    const e = await rejection(validateWasm(bytes, 'x.wasm'));
    expect(e.code).toBe('W2Z1005');
    expect(e.message).toBe(`x.wasm: func $f (#1) @0x${endOfF.offset.toString(16)}: invalid module: ` +
      'type mismatch in implicit return, expected [i32] but got [i64]');
  });

  it('counts further errors and counts imported functions in the index', async () => {
    const bytes = await unvalidated(`(module (import "env" "h" (func $h))
      (func $a i32.const 1 i32.const 2) (func $c (result i32) i64.const 0))`);
    const e = await rejection(validateWasm(bytes, 'x.wasm'));
    expect(e.message).toMatch(/^x\.wasm: func \$a \(#1\) @0x[0-9a-f]+: invalid module: type mismatch at end of function, expected \[\] but got \[i32, i32\]; and 1 more$/);
  });

  it('names the section of a module-level error', async () => {
    const bytes = await unvalidated('(module (func $a) (export "x" (func 0)) (export "x" (func 0)))');
    const e = await rejection(validateWasm(bytes, 'x.wasm'));
    expect(e.message).toBe('x.wasm: export section @0x1d: invalid module: duplicate export "x"');
  });

  it('reports binaries wabt cannot read as malformed, at wabt\'s offset', async () => {
    const bad = HAND.slice();
    bad[0x1a] = 0xff;
    const e = await rejection(validateWasm(bad, 'bad.wasm'));
    expect(e.code).toBe('W2Z1004');
    expect(e.message).toBe('bad.wasm @0x1b: malformed module: unexpected opcode: 0xff');
  });
});

describe('wabtErrors', () => {
  it('strips the header, file name, severity, source excerpt and final period', () => {
    const e = new Error('parseWat failed:\ninput.wat:3:3: error: unexpected token i32.foo, expected ).\n  i32.foo))\n  ^^^^^^^\n');
    expect(wabtErrors(e)).toEqual(['3:3: unexpected token i32.foo, expected )']);
    expect(wabtErrors(new Error('validate failed:\n<binary>:000001a: error: type mismatch\n'))).toEqual(['000001a: type mismatch']);
    expect(wabtErrors(new Error('something else entirely'))).toEqual(['something else entirely']);
  });
});
