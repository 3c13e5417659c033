// binaryen's wasm-opt: finding it, the feature flags we generate and optimise with, and
// translate-to-fuzz (seed k → bytes from a seeded PRNG → `wasm-opt -ttf`).

import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { Rng } from '../fuzz/rng.js';

/**
 * What our compiler supports (README "What is supported"): MVP integers, sign extension, bulk
 * memory, mutable globals, multiple values. Everything else off: SIMD, threads, reference types,
 * exceptions, tail calls, GC, memory64, non-trapping float-to-int, extended-const. Floats cannot
 * be turned off in binaryen: see rewrite.ts.
 */
export const FEATURE_FLAGS = ['--mvp-features', '--enable-sign-ext', '--enable-bulk-memory', '--enable-mutable-globals', '--enable-multivalue'];

export const INSTALL_HINT = 'binaryen\'s wasm-opt is required: install the Debian package `binaryen` '
  + '(apt-get install binaryen; CI installs it), or point WASM_OPT at a wasm-opt binary';

export interface WasmOpt {
  path: string;
  /** e.g. 108 */
  version: number;
}

let cached: WasmOpt | undefined;

/**
 * The wasm-opt to use: $WASM_OPT, else the first `wasm-opt` on PATH outside node_modules (npm
 * puts the binaryen package's own, a different version, first on PATH under `npx`). Throws with
 * INSTALL_HINT when there is none.
 */
export function findWasmOpt(): WasmOpt {
  if (cached) return cached;
  const candidates = process.env['WASM_OPT']
    ? [process.env['WASM_OPT']]
    : (process.env['PATH'] ?? '').split(delimiter).filter((d) => d && !d.split(sep).includes('node_modules')).map((d) => join(d, 'wasm-opt'));
  for (const path of candidates) {
    try { accessSync(path, constants.X_OK); } catch { continue; }
    const out = execFileSync(path, ['--version'], { encoding: 'utf8' });
    const m = /version (\d+)/.exec(out);
    if (!m) throw new Error(`${path} --version printed ${JSON.stringify(out.trim())}: not binaryen's wasm-opt?`);
    cached = { path, version: Number(m[1]) };
    return cached;
  }
  throw new Error(INSTALL_HINT);
}

/** Bytes of translate-to-fuzz input for a seed: its length and content come from the seed. */
export function seedBytes(seed: number, minLen = 256, maxLen = 4096): Uint8Array {
  const rng = new Rng(seed);
  const len = minLen + (rng.u32() % (maxLen - minLen + 1));
  const out = new Uint8Array(len);
  for (let k = 0; k < len; k += 4) {
    const v = rng.u32();
    for (let j = 0; j < 4 && k + j < len; j++) out[k + j] = (v >>> (8 * j)) & 0xff;
  }
  return out;
}

/** A scratch directory, removed by the callback's end. */
export function withTempDir<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'w2z-ttf-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `wasm-opt -ttf` on a seed's bytes with our feature flags: the generated module. */
export function ttfModule(seed: number, opts: { minLen?: number; maxLen?: number } = {}): Uint8Array {
  const wasmOpt = findWasmOpt();
  return withTempDir((dir) => {
    const input = join(dir, 'in.bin');
    const output = join(dir, 'out.wasm');
    writeFileSync(input, seedBytes(seed, opts.minLen, opts.maxLen));
    execFileSync(wasmOpt.path, ['-ttf', input, ...FEATURE_FLAGS, '-o', output], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(output));
  });
}

/**
 * Passes over existing modules also allow non-trapping float-to-int (`trunc_sat`), which the
 * compiler takes and test/real's `-mnontrapping-fptoint` modules use; generation keeps
 * FEATURE_FLAGS, so that a seed still generates the module it always did.
 */
const PASS_FLAGS = [...FEATURE_FLAGS, '--enable-nontrapping-float-to-int'];

/** `wasm-opt PASS` on a module with our feature flags. */
function runPass(bytes: Uint8Array, pass: string): Uint8Array {
  const wasmOpt = findWasmOpt();
  return withTempDir((dir) => {
    const input = join(dir, 'in.wasm');
    const output = join(dir, 'out.wasm');
    writeFileSync(input, bytes);
    execFileSync(wasmOpt.path, [input, pass, ...PASS_FLAGS, '-o', output], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(output));
  });
}

/** `wasm-opt LEVEL` (e.g. -O3) on a module with our feature flags. */
export const optimize = (bytes: Uint8Array, level: string): Uint8Array => runPass(bytes, level);

/**
 * `wasm-opt --denan`: every float value a NaN could reach is turned into 0 where it is made. A
 * NaN's payload is the one thing two correct engines may disagree on (V8 propagates an operand's,
 * we return the canonical NaN, the spec allows both) and a reinterpret or a store shows it: this is
 * how binaryen's own fuzzer compares engines with floats.
 */
export const denan = (bytes: Uint8Array): Uint8Array => runPass(bytes, '--denan');

/** The text of a module, as binaryen prints it (for bug reports). */
export function printModule(bytes: Uint8Array): string {
  const wasmOpt = findWasmOpt();
  return withTempDir((dir) => {
    const input = join(dir, 'in.wasm');
    writeFileSync(input, bytes);
    return execFileSync(wasmOpt.path, [input, '--all-features', '--print'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  });
}
