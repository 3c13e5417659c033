import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWasm, loadWasmBytes } from '../../src/wasm/load.js';
import { funcName, importedFuncCount } from '../../src/wasm/names.js';
import { HAND } from './builder.js';

const NEAR = new URL('../../../shared/bench/near/', import.meta.url).pathname;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2z-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(path: string): Promise<{ code: string; message: string }> {
  try {
    await loadWasm(path);
  } catch (e) {
    const { code, message } = e as { code: string; message: string };
    return { code, message };
  }
  throw new Error(`test: expected ${path} to fail`);
}

describe('loadWasm', () => {
  it('loads text, compiling it with names', async () => {
    const path = join(dir, 'a.wat');
    await writeFile(path, '(module (func $main (export "main") (result i32) i32.const 1))');
    const loaded = await loadWasm(path);
    expect(loaded.fileName).toBe(path);
    expect([...loaded.bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    expect(loaded.module.codes[0].body.map((i) => [i.op, i.value])).toEqual([['i32.const', 1n], ['end', undefined]]);
    expect(funcName(loaded.module, 0)).toBe('$main');
  });

  it('loads .wasm, and sniffs binaries with other names', async () => {
    await writeFile(join(dir, 'h.wasm'), HAND);
    await writeFile(join(dir, 'h.bin'), HAND);
    for (const name of ['h.wasm', 'h.bin']) {
      const loaded = await loadWasm(join(dir, name));
      expect(loaded.module.codes[0].body).toHaveLength(12);
      expect([...loaded.bytes]).toEqual([...HAND]);
    }
  });

  it('reports a missing file with its path as typed', async () => {
    const e = await loadError('no/such/file.wat');
    expect(e.code).toBe('W2Z1001');
    expect(e.message).toBe('no/such/file.wat: no such file');
  });

  it('reports an unreadable path', async () => {
    await mkdir(join(dir, 'd.wasm'));
    const e = await loadError(join(dir, 'd.wasm'));
    expect(e.code).toBe('W2Z1002');
    expect(e.message).toBe(`${join(dir, 'd.wasm')}: cannot read file (is a directory)`);
  });

  it('rejects an unknown kind of input', async () => {
    await writeFile(join(dir, 'notes.txt'), 'hello');
    const e = await loadError(join(dir, 'notes.txt'));
    expect(e.code).toBe('W2Z1007');
    expect(e.message).toBe(`${join(dir, 'notes.txt')}: unknown input kind (expected .wasm, .wat or .zkasm)`);
  });

  it('reports a .wasm that is not wasm, a text syntax error and an invalid module', async () => {
    await writeFile(join(dir, 'text.wasm'), '(module)');
    expect(await loadError(join(dir, 'text.wasm'))).toMatchObject({ code: 'W2Z1003' });
    await writeFile(join(dir, 'bad.wat'), '(module\n  (func (result i32)\n    i32.konst 1))');
    expect(await loadError(join(dir, 'bad.wat'))).toMatchObject({
      code: 'W2Z1006', message: `${join(dir, 'bad.wat')}: text format error: 3:5: unexpected token i32.konst, expected )`,
    });
    await writeFile(join(dir, 'invalid.wat'), '(module (func $f (result i32) i64.const 1))');
    expect(await loadError(join(dir, 'invalid.wat'))).toMatchObject({
      code: 'W2Z1005',
      message: `${join(dir, 'invalid.wat')}: line 1:31: invalid module: type mismatch in implicit return, expected [i32] but got [i64]`,
    });
  });
});

describe('loadWasmBytes', () => {
  it('decodes before validating, so a malformed binary gets our exact diagnosis', async () => {
    const bad = HAND.slice();
    bad[0x1a] = 0xff;
    await expect(loadWasmBytes(bad, 'bad.wasm')).rejects.toMatchObject({
      code: 'W2Z1004', message: 'bad.wasm @0x1a: malformed module: unknown opcode 0xff',
    });
  });
});

describe('NEAR benchmark programs', () => {
  it.each([
    ['fibonacci_handwritten_wat.wat', 1],
    ['fibonacci_from_rust.wat', 1],
    ['sha256_from_rust.wat', 2],
  ])('%s decodes with %i function bodies', async (file, bodies) => {
    const text = await readFile(join(NEAR, file), 'utf8');
    // every function definition starts a line with `(func`
    expect((text.match(/^\s*\(func[\s)]/gm) ?? []).length).toBe(bodies);
    const { module: m } = await loadWasm(join(NEAR, file));
    expect(m.codes).toHaveLength(bodies);
    expect(m.funcs).toHaveLength(bodies);
    expect(m.imports.map((i) => `${i.module}.${i.name}`)).toEqual(['env.assert_eq_i64']);
    expect(importedFuncCount(m)).toBe(1);
    const main = m.exports.find((e) => e.name === 'main');
    expect(main?.kind).toBe('func');
    expect(funcName(m, main!.index)).toBe('$main');
    for (const c of m.codes) expect(c.body[c.body.length - 1].op).toBe('end');
  });
});
