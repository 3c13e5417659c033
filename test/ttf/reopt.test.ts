// Every corpus program of test/programs (wasm, wasm-negative; test/real re-optimises its own)
// re-optimised by binaryen's wasm-opt at -O1, -O2, -O3, -O4 and -Oz must still agree with V8:
// new code shapes, the same meaning (reopt.ts). Without wasm-opt the test fails (CI installs
// the Debian package `binaryen`).
import { describe, expect, it } from 'vitest';
import { corpus, checkReoptimised } from './reopt.js';
import { findWasmOpt } from './binaryen.js';

describe('corpus re-optimised by wasm-opt against V8', () => {
  it('binaryen\'s wasm-opt is installed', () => {
    expect(() => findWasmOpt()).not.toThrow();
  });
  it.each(corpus())('%s at -O1 … -Oz', async (file) => {
    const results = await checkReoptimised(file);
    expect(results.filter((r) => !r.ok).map((r) => `${r.level}: ${r.why}`)).toEqual([]);
  }, 300_000);
});
