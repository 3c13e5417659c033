// The corpus of test/real as data, shared by the tests (differential*.test.ts) and by
// tools/table.mjs: which modules there are, the input tapes of each (the `TAPE:` lines of its
// source), and the reference run in V8. Plain JavaScript so that the table tool runs on Node
// without a TypeScript loader; it imports nothing of the compiler.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DIR = import.meta.dirname;
export const LANGS = /** @type {const} */ (['rust', 'c', 'as']);
export const SOURCE_EXT = { rust: 'rs', c: 'c', as: 'ts' };
export const LEVELS = ['O0', 'O1', 'O2', 'O3', 'Os', 'Oz'];
/** the output slots every module is compiled with (the default of the command line) */
export const MAX_OUTPUTS = 8;
/** the export of src/wasm/count.ts's instrumented modules (COUNTER_EXPORT there) */
export const INSTRUCTION_COUNTER = '__w2z_instructions';

/**
 * @typedef {{ tape: bigint[], text: string, expect?: 'pass' | 'trap' | 'fail' }} Tape
 * @typedef {{ file: string, lang: string, name: string, level: string, source: string, tapes: Tape[] }} Module
 */

/**
 * The tapes of a source: every line `// TAPE: [1, "0x10", 3]` (or ` * TAPE: …` inside a C
 * comment), optionally followed by `EXPECT pass|trap|fail`, the status V8 must give on it.
 * @param {string} text
 * @returns {Tape[]}
 */
export function tapesOf(text) {
  const tapes = [];
  for (const m of text.matchAll(/^\s*(?:\/\/|\*)\s*TAPE:\s*(\[[^\]]*\])(?:\s+EXPECT\s+(pass|trap|fail))?\s*$/gm)) {
    const values = JSON.parse(m[1]).map((v) => BigInt.asUintN(64, BigInt(v)));
    tapes.push({ tape: values, text: m[1], ...(m[2] ? { expect: m[2] } : {}) });
  }
  return tapes;
}

/** @returns {Module[]} every committed module, in a stable order (language, name, level) */
export function listModules() {
  const out = [];
  for (const lang of LANGS) {
    let files;
    try { files = readdirSync(join(DIR, 'wasm', lang)); } catch { continue; }
    const parsed = files.filter((f) => f.endsWith('.wasm')).map((f) => {
      const m = /^(.+)\.(O[0-3sz])\.wasm$/.exec(f);
      if (!m) throw new Error(`test/real/wasm/${lang}/${f}: not <name>.<level>.wasm`);
      return { f, name: m[1], level: m[2] };
    });
    parsed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level)));
    for (const { f, name, level } of parsed) {
      const source = `src/${lang}/${name}.${SOURCE_EXT[lang]}`;
      const tapes = tapesOf(readFileSync(join(DIR, source), 'utf8'));
      if (tapes.length === 0) throw new Error(`test/real/${source}: no TAPE: line`);
      out.push({ file: `${lang}/${f}`, lang, name, level, source, tapes });
    }
  }
  return out;
}

/** @param {string} file e.g. `rust/vec_ops.O2.wasm` */
export function readModule(file) {
  return new Uint8Array(readFileSync(join(DIR, 'wasm', file)));
}

/**
 * @typedef {{ status: 'pass' | 'fail' | 'trap', outputs: bigint[], trap?: string, message?: string }} Outcome
 */

class IoFail extends Error {}
class TooManyOutputs extends Error {}
class Abort extends Error {}

/**
 * Runs a module in V8 as a WebAssembly host does and as our compiler does (README, "Entry"):
 * instantiation runs the start function, then the export `main` is called — with (0, 0) when it
 * takes clang's (argc, argv). The env imports implement docs/abi.md: an exhausted tape, an
 * input_i32 value ≥ 2^32 or a failed assert_eq* is a failure; the output after `maxOutputs`
 * traps with `too many outputs`; env.abort traps with `abort`. Any other trap is V8's message
 * (a WebAssembly.RuntimeError, or the RangeError of call-stack exhaustion).
 * @param {Uint8Array} bytes
 * @param {bigint[]} tape
 * @returns {Promise<Outcome>}
 */
export async function runInV8(bytes, tape, maxOutputs = MAX_OUTPUTS) {
  /** @type {bigint[]} */
  const outputs = [];
  let pos = 0;
  const next = () => {
    if (pos >= tape.length) throw new IoFail('the input tape is exhausted');
    return tape[pos++];
  };
  /** @param {bigint} v */
  const out = (v) => {
    if (outputs.length >= maxOutputs) throw new TooManyOutputs();
    outputs.push(v);
  };
  /** @param {string} name */
  const assertEq = (name) => (/** @type {number | bigint} */ a, /** @type {number | bigint} */ b) => {
    if (a !== b) throw new IoFail(`${name}: ${a} != ${b}`);
  };
  const env = {
    input_i32: () => {
      const v = next();
      if (v > 0xffffffffn) throw new IoFail(`i32 input ${v} is not below 2^32`);
      return Number(v) | 0;
    },
    input_i64: () => BigInt.asIntN(64, next()),
    output_i32: (/** @type {number} */ x) => out(BigInt(x >>> 0)),
    output_i64: (/** @type {bigint} */ x) => out(BigInt.asUintN(64, x)),
    assert_eq: assertEq('assert_eq'),
    assert_eq_i32: assertEq('assert_eq_i32'),
    assert_eq_i64: assertEq('assert_eq_i64'),
    abort: () => { throw new Abort(); },
  };
  const module = await WebAssembly.compile(bytes);
  const imports = Object.fromEntries(WebAssembly.Module.imports(module).map((i) => {
    if (i.module !== 'env' || !(i.name in env)) throw new Error(`unexpected import ${i.module}.${i.name}`);
    return [i.name, env[/** @type {keyof typeof env} */ (i.name)]];
  }));
  /** @type {WebAssembly.Instance | undefined} */
  let instance;
  // a module instrumented by src/wasm/count.ts exports how many instructions it executed
  const counted = () => {
    const g = instance?.exports[INSTRUCTION_COUNTER];
    return g instanceof WebAssembly.Global ? { instructions: Number(g.value) } : {};
  };
  try {
    instance = await WebAssembly.instantiate(module, { env: imports });
    const main = /** @type {Function} */ (instance.exports['main']);
    if (typeof main !== 'function') throw new Error('no export main');
    if (main.length === 2) main(0, 0); else main();
    return { status: 'pass', outputs, ...counted() };
  } catch (e) {
    if (e instanceof TooManyOutputs) return { status: 'trap', trap: 'too many outputs', outputs, ...counted() };
    if (e instanceof Abort) return { status: 'trap', trap: 'abort', outputs, ...counted() };
    if (e instanceof IoFail) return { status: 'fail', outputs: [], message: e.message };
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) return { status: 'trap', trap: e.message, outputs, ...counted() };
    throw e;
  }
}
