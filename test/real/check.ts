// Shared by differential.test.ts (a fast sample, in `npm test`) and differential.slow.test.ts
// (the rest, in `npm run test:slow`): compile a module of the corpus with our pipeline, run it
// on each of its tapes and require V8's outcome — the same status, the same outputs, the same
// trap kind. Known compiler bugs are listed with their symptom and must still show it.
import { expect } from 'vitest';
import { compileWasm, runRom, type Compiled } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { v8TrapKinds } from '../fuzz/v8.js';
import { listModules, readModule, runInV8, MAX_OUTPUTS, type Module, type Outcome } from './corpus.mjs';

export const MODULES: Module[] = listModules();

export interface KnownBug {
  /** the module, as `lang/name.level.wasm` */
  file: string;
  /** what our pipeline says today (the error message, or for a wrong result the tape) */
  symptom: RegExp;
  /** the entry of KNOWN_BUGS.md */
  bug: string;
}

/**
 * Modules our pipeline gets wrong today (KNOWN_BUGS.md has each with a reproducer). The test
 * requires each still to fail with its symptom: once fixed, it fails and asks for the entry to go.
 */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/**
 * The sample `npm test` runs: every program once, the levels spread so that each level appears,
 * cheap modules preferred (a Rust module takes seconds to compile; -O0 ones ten or more).
 */
export const FAST: ReadonlySet<string> = new Set([
  'c/bignum.Oz.wasm', 'c/calc.O2.wasm', 'c/hashtable.O1.wasm', 'c/recursion.O3.wasm', 'c/sorting.Os.wasm', 'c/strings.O0.wasm',
  'c/dtoa.O1.wasm', 'c/fconv.Oz.wasm', 'c/fconv_sat.O2.wasm', 'c/numeric.O3.wasm',
  'as/arrays.O3.wasm', 'as/maps.Oz.wasm', 'as/strings.Os.wasm', 'as/vm.O0.wasm',
  'rust/btree.Oz.wasm', 'rust/hashmap.Os.wasm', 'rust/interp.O2.wasm', 'rust/panics.O3.wasm', 'rust/sorting.O2.wasm',
  'rust/strings.Oz.wasm', 'rust/traits.O1.wasm', 'rust/u128.Os.wasm', 'rust/vec_ops.O0.wasm',
  'rust/floatfmt.Oz.wasm', 'rust/floatmath.O3.wasm',
]);

const kindMatches = (v8: Outcome, ours: Outcome): boolean =>
  v8.trap === ours.trap || (v8.trap !== undefined && ours.trap !== undefined && v8TrapKinds(v8.trap).includes(ours.trap as never));

/** the comparison of one run, in one object so that a mismatch shows everything at once */
function summary(v8: Outcome, ours: Outcome) {
  return {
    status: ours.status,
    outputs: ours.outputs,
    trapKindMatches: v8.status !== 'trap' || kindMatches(v8, ours),
  };
}

export async function compileModule(m: Module): Promise<Compiled> {
  return compileWasm(await loadWasmBytes(readModule(m.file), m.file), { maxOutputs: MAX_OUTPUTS });
}

/**
 * Compile `m` (or `bytes`, another build of it) and require V8's outcome on every tape (or, for
 * a known bug, its symptom). `label` names the build in messages.
 */
export async function checkModule(m: Module, bytes: Uint8Array = readModule(m.file), label = m.file): Promise<void> {
  const known = label === m.file ? KNOWN_BUGS.find((b) => b.file === m.file) : undefined;
  let compiled: Compiled;
  try {
    compiled = compileWasm(await loadWasmBytes(bytes, label), { maxOutputs: MAX_OUTPUTS });
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    if (known && known.symptom.test(message)) return; // still failing as recorded
    throw e;
  }
  const mismatches: string[] = [];
  for (const t of m.tapes) {
    const v8 = await runInV8(bytes, t.tape);
    // the tape exercises what the source says it does
    if (t.expect) expect(v8.status, `${label} ${t.text}: V8's status`).toBe(t.expect);
    const r = runRom(compiled.rom, { inputs: t.tape });
    const ours: Outcome = {
      status: r.status, outputs: r.outputs,
      ...(r.trap ? { trap: r.trap.kind } : {}),
      ...(r.result.failure ? { message: r.result.failure.message } : {}),
    };
    const want = { status: v8.status, outputs: v8.outputs, trapKindMatches: true };
    const got = summary(v8, ours);
    if (known) {
      if (JSON.stringify(got, (_, v) => (typeof v === 'bigint' ? String(v) : v)) !== JSON.stringify(want, (_, v) => (typeof v === 'bigint' ? String(v) : v))) {
        mismatches.push(`${t.text}: ${ours.status} ${ours.trap ?? ''} ${ours.message ?? ''}`);
      }
      continue;
    }
    expect(got, `${label} on ${t.text}: ours ${ours.status} ${ours.trap ?? ''} ${ours.message ?? ''}; V8 ${v8.status} ${v8.trap ?? ''} ${v8.message ?? ''}`).toEqual(want);
  }
  if (known) {
    expect(mismatches.some((s) => known.symptom.test(s)),
      `${m.file} is listed in KNOWN_BUGS (${known.bug}) but now compiles and agrees with V8: remove it from KNOWN_BUGS and KNOWN_BUGS.md`).toBe(true);
  }
}
