// The corpus of real toolchains' output (README.md) against V8: a sample of one level per program
// here; differential.slow.test.ts runs every other module. Also: the corpus is complete (every
// source at every level, every tape parsed), and the reproducers of KNOWN_BUGS.md.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { checkModule, FAST, KNOWN_BUGS, MODULES } from './check.js';
import { DIR, LEVELS, SOURCE_EXT, runInV8 } from './corpus.mjs';

describe('the corpus', () => {
  it('has every source at every level, each with tapes', () => {
    for (const lang of Object.keys(SOURCE_EXT) as (keyof typeof SOURCE_EXT)[]) {
      const names = readdirSync(join(DIR, 'src', lang)).filter((f) => f.endsWith(`.${SOURCE_EXT[lang]}`) && !f.startsWith('io.'))
        .map((f) => f.slice(0, -SOURCE_EXT[lang].length - 1));
      expect(names.length, lang).toBeGreaterThan(0);
      for (const name of names) {
        const levels = MODULES.filter((m) => m.lang === lang && m.name === name).map((m) => m.level);
        expect(levels, `${lang}/${name}`).toEqual(LEVELS);
      }
    }
    for (const f of FAST) expect(MODULES.some((m) => m.file === f), f).toBe(true);
    for (const b of KNOWN_BUGS) expect(MODULES.some((m) => m.file === b.file), b.file).toBe(true);
  });
});

describe.each(MODULES.filter((m) => FAST.has(m.file)).map((m) => [m.file, m] as const))('%s', (_, m) => {
  it('agrees with V8 on every tape', async () => { await checkModule(m); });
});

describe('KNOWN_BUGS.md reproducers', () => {
  it('edge-scratch-register (fixed): a block edge with five register arguments and a slot-to-slot copy runs as V8', async () => {
    const name = 'edge-scratch-register.wat';
    const bytes = await watToWasm(readFileSync(join(DIR, 'bugs', name), 'utf8'), name);
    const tape = [1n, 2n, 1n];
    const r = runRom(compileWasm(await loadWasmBytes(bytes, name)).rom, { inputs: tape });
    expect(r.result.failure?.message).toBeUndefined();
    expect({ status: r.status, outputs: r.outputs }).toEqual({ status: 'pass', outputs: [1036n] });
    expect((await runInV8(bytes, tape)).outputs).toEqual([1036n]);
  });
});
