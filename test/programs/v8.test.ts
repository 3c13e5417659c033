// The C corpus in test/programs (see README.md there) behaves in V8 as recorded: every module in
// wasm/ passes with the recorded number of assert calls, every one in wasm-negative/ fails or
// traps as its source says, and damaging an expected value inside a passing module makes it fail
// (so a pass means the asserts really compared something).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInV8 } from './v8.js';

const HERE = import.meta.dirname;
const wasmIn = (dir: string) => readdirSync(join(HERE, dir)).filter((f) => f.endsWith('.wasm')).sort();
const passing = wasmIn('wasm');
const negative = wasmIn('wasm-negative');

interface Module {
  source: string;
  expect: { status: 'pass' | 'fail' | 'trap'; message?: string | null; asserts: number };
  imports: string[];
  floatOrSimd: boolean;
}
const expected = JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8')) as { modules: Record<string, Module> };
const bytesOf = (path: string) => new Uint8Array(readFileSync(join(HERE, path)));
const ALLOWED_IMPORTS = new Set(['env.assert_eq', 'env.assert_eq_i32', 'env.assert_eq_i64']);

describe('C programs in V8', () => {
  it('has the corpus and a description of every module', () => {
    expect(passing.length).toBeGreaterThanOrEqual(26);
    expect(negative.length).toBeGreaterThanOrEqual(2);
    const described = Object.keys(expected.modules).sort();
    expect(described).toEqual([...passing.map((f) => `wasm/${f}`), ...negative.map((f) => `wasm-negative/${f}`)].sort());
    for (const [path, m] of Object.entries(expected.modules)) {
      expect(m.floatOrSimd, path).toBe(false);
      for (const imp of m.imports) expect(ALLOWED_IMPORTS.has(imp), `${path} imports ${imp}`).toBe(true);
    }
  });

  it.each(passing)('%s passes', async (file) => {
    const r = await runInV8(bytesOf(`wasm/${file}`));
    expect(r.message).toBeUndefined();
    expect(r.status).toBe('pass');
    expect(r.asserts).toBe(expected.modules[`wasm/${file}`].expect.asserts);
    expect(r.asserts).toBeGreaterThan(0);
  });

  it.each(negative)('%s fails or traps as expected', async (file) => {
    const want = expected.modules[`wasm-negative/${file}`].expect;
    const r = await runInV8(bytesOf(`wasm-negative/${file}`));
    expect(r.status).toBe(want.status);
    if (want.message) expect(r.message).toContain(want.message);
    expect(r.asserts).toBe(want.asserts);
  });

  it('fails when an expected digest in the data segment is damaged', async () => {
    // sha256.c keeps the expected digest of "abc" (ba7816bf ...) as a u32 table in .rodata
    for (const file of ['wasm/sha256.O0.wasm', 'wasm/sha256.O2.wasm']) {
      const bytes = bytesOf(file);
      const word = [0xbf, 0x16, 0x78, 0xba]; // 0xba7816bf, little-endian
      const at = bytes.findIndex((_, i) => word.every((b, k) => bytes[i + k] === b));
      expect(at, file).toBeGreaterThan(0);
      expect((await runInV8(bytes)).status).toBe('pass');
      bytes[at] ^= 1;
      const r = await runInV8(bytes);
      expect(r.status, file).toBe('fail');
      expect(r.message).toBe('assert_eq_i32 #1: got 0xba7816bf, want 0xba7816be');
    }
  });

  it('reports traps and rejects modules that are not programs', async () => {
    // (module (func (export "main") unreachable)), hand-assembled
    const trap = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 109, 97, 105, 110, 0, 0,
      10, 5, 1, 3, 0, 0, 11,
    ]);
    expect(await runInV8(trap)).toEqual({ status: 'trap', message: 'unreachable', asserts: 0 });
    const noMain = trap.slice();
    noMain[23] = 'x'.charCodeAt(0); // export "mxin"
    await expect(runInV8(noMain)).rejects.toThrow(/main/);
  });
});
