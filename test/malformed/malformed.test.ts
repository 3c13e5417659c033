// The malformed-input fuzzer (README "Exit codes"; test/malformed/README.md): valid modules, text
// and zkASM, mutated from a seeded PRNG, must each be compiled and run (bounded) or refused with one
// clear W2Z error naming the file — never a crash of another type, an internal error, a hang or a
// half-written output file. In process for speed (worker.mjs, each case with a time limit), and a
// sample through the real command line.
//
//   npx vitest run test/malformed                  the quick run (npm test): 3,000 mutants, 30 CLI runs
//   MUTANTS=100000 npx vitest run test/malformed   the long run: every seed, findings saved to FINDINGS_DIR
//   FUZZ_EXAMPLES=1 …                              also print one message per error code
//   FUZZ_SEED=7 … / FUZZ_ONLY=1234 …               another stream / one case of it: its input saved
//                                                  (in FUZZ_DUMP or the temp dir) and its outcome printed

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Rng } from '../fuzz/rng.js';
import { mutateText, mutateWasm, systematicWasm, type InputKind } from './mutate.js';
import { CaseRunner, cliCheck, judge, signature, type Case, type Outcome } from './harness.js';
import { specModuleSeeds, wasmSeeds, wastSeeds, watSeeds, zkasmSeeds, type Seed } from './seeds.js';
import { loadWasmBytes } from '../../src/wasm/load.js';

const LONG = process.env.MUTANTS !== undefined;
const MUTANTS = Number(process.env.MUTANTS ?? 3000);
const CLI_RUNS = Number(process.env.CLI_RUNS ?? (LONG ? 200 : 30));
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
/** steps a mutant that compiles may run (in process and through the CLI) */
const MAX_STEPS = 20_000;
/** a case's time limit in the quick run (its seeds compile in well under a second) */
const QUICK_TIMEOUT_MS = 20_000;

const HERE = import.meta.dirname;
const CASES = join(HERE, 'cases');
const EXT: Record<InputKind, string> = { wasm: '.wasm', wat: '.wat', zkasm: '.zkasm', wast: '.wast' };

/**
 * Binary seeds whose mutants are compiled and run in the quick run: clang's and AssemblyScript's
 * output that compiles in ~0.1–0.3 s. The other small seeds' mutants are decoded and validated
 * only. The long run compiles them all.
 */
const QUICK_COMPILE = /(malformed\/seeds\/tiny|real\/wasm\/(c\/(bignum\.Os|calc\.O2|calc\.Os|hashtable\.O[02]|recursion\.O0|sorting\.O[23]|strings\.O[123])|as\/vm\.O0))\.wasm$/;

interface Seeds {
  wasm: Seed<Uint8Array>[];
  wat: Seed<string>[];
  zkasm: Seed<string>[];
  wast: Seed<string>[];
}

const runner = new CaseRunner();
let seeds: Seeds;
/** the long run: a seed's own time (ms), unmutated; a mutant may take 10 s + 10× that before it is a hang */
const baseline = new Map<string, number>();

beforeAll(async () => {
  // the worker and the CLI run the built compiler
  if (!existsSync(join(HERE, '..', '..', 'dist', 'compile.js'))) throw new Error('dist/ is missing: run npx tsc -p tsconfig.json (npm test does)');
  const wasm = wasmSeeds(!LONG);
  const wat = [...watSeeds(), ...(LONG ? specModuleSeeds() : [])];
  const zkasm = zkasmSeeds();
  // compiled text of the small programs: what the assembler and executor mostly see
  for (const s of watSeeds().filter((x) => x.data.length <= 3000).slice(0, LONG ? 40 : 8)) {
    const o = await runner.run({ kind: 'wat', name: 'seed.wat', data: s.data, compile: true, maxSteps: 1, wantZkasm: true }, 60_000);
    if (o.zkasm) zkasm.push({ path: `${s.path} (compiled)`, data: o.zkasm });
  }
  seeds = { wasm, wat, zkasm, wast: wastSeeds(!LONG) };
}, 300_000);

afterAll(async () => {
  await runner.close();
});

/** Case `i` of the stream: the same (FUZZ_SEED, i) gives the same case on every machine. */
function makeCase(i: number): { c: Case; seed: string; ops: string[] } {
  const rng = new Rng(FUZZ_SEED * 0x9e3779b1 + i);
  const kind = rng.weighted<InputKind>([[55, 'wasm'], [22, 'wat'], [18, 'zkasm'], [5, 'wast']]);
  const name = `m${i}${EXT[kind]}`;
  if (kind === 'wasm') {
    const s = rng.pick(seeds.wasm);
    const m = mutateWasm(rng, s.data, rng.pick(seeds.wasm).data);
    return { c: { kind, name, data: m.data, compile: LONG || QUICK_COMPILE.test(s.path), maxSteps: MAX_STEPS }, seed: s.path, ops: m.ops };
  }
  const pool = seeds[kind];
  const s = rng.pick(pool);
  const m = mutateText(rng, kind, s.data, rng.pick(pool).data);
  return { c: { kind, name, data: m.data, compile: true, maxSteps: MAX_STEPS }, seed: s.path, ops: m.ops };
}

/** In the long run, binary seeds that take longer than this to compile are only decoded and validated. */
const LONG_COMPILE_MS = 3000;

/** The case's time limit; in the long run, measured on its seed (which may turn off compiling). */
async function limitFor(c: Case, seedPath: string, seed: Seed<string | Uint8Array>): Promise<number> {
  if (!LONG) return QUICK_TIMEOUT_MS;
  let ms = baseline.get(seedPath);
  if (ms === undefined) {
    const o = await runner.run({ ...c, compile: true, name: `seed${EXT[c.kind]}`, data: seed.data }, 600_000);
    ms = o.ms;
    baseline.set(seedPath, ms);
  }
  if (c.kind === 'wasm' && ms > LONG_COMPILE_MS) c.compile = false;
  return 10_000 + 10 * ms;
}

function seedOf(kind: InputKind, path: string): Seed<string | Uint8Array> {
  return (seeds[kind] as Seed<string | Uint8Array>[]).find((s) => s.path === path)!;
}

interface Finding {
  signature: string;
  problem: string;
  index: number;
  seed: string;
  ops: string[];
  file?: string;
  count: number;
  outcome: Outcome;
}

function describeFinding(f: Finding): string {
  const where = f.file ? `saved as ${f.file}` : `FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY=${f.index}`;
  return `${f.problem} ×${f.count} — case ${f.index}: ${f.seed} after ${f.ops.join(', ')} (${where})`;
}

describe('fixed bugs a file cannot show', () => {
  it('a module in a view of a larger buffer (readFileSync\'s pooled Buffer) is validated as itself', async () => {
    const module = readFileSync(join(HERE, 'seeds', 'tiny.wasm'));
    const pool = new Uint8Array(module.length + 64).fill(0xee);
    pool.set(module, 32);
    // wabt read the view's whole underlying buffer: the module, then 32 bytes of 0xee
    const loaded = await loadWasmBytes(pool.subarray(32, 32 + module.length), 'view.wasm');
    expect(loaded.module.exports.map((e) => e.name)).toEqual(['main']);
  });
});

describe('malformed inputs', () => {
  it('the fixed cases (cases/) keep their recorded outcome', async () => {
    const expected = JSON.parse(readFileSync(join(CASES, 'expected.json'), 'utf8')) as Record<string, string>;
    const files = readdirSync(CASES).filter((f) => f !== 'expected.json' && f !== 'README.md').sort();
    expect(Object.keys(expected).sort()).toEqual(files);
    const bad: string[] = [];
    for (const f of files) {
      const kind = extname(f).slice(1) as InputKind;
      const raw = readFileSync(join(CASES, f));
      const c: Case = { kind, name: f, data: kind === 'wasm' ? new Uint8Array(raw) : raw.toString('utf8'), compile: true, maxSteps: MAX_STEPS };
      const o = await runner.run(c, 60_000);
      const problem = judge(c, o);
      const got = o.status === 'error' ? o.code! : o.status === 'accepted' && o.run ? `accepted ${o.run}` : o.status;
      if (problem) bad.push(`${f}: ${problem}`);
      else if (got !== expected[f]) bad.push(`${f}: expected ${expected[f]}, got ${got} (${o.message ?? o.run})`);
    }
    expect(bad).toEqual([]);
  }, 600_000);

  it('binaries truncated at every section boundary, sections removed or doubled, sizes and counts 2^32 − 1', async () => {
    const bad: string[] = [];
    let n = 0;
    // one module of each toolchain (clang's and ours compiled too; the others compile in seconds)
    const paths = ['test/malformed/seeds/tiny.wasm', 'test/real/wasm/c/strings.O2.wasm', 'test/real/wasm/as/vm.O0.wasm', 'test/real/wasm/rust/panics.O2.wasm'];
    for (const path of paths) {
      for (const v of systematicWasm(new Uint8Array(readFileSync(join(HERE, '..', '..', path))))) {
        const c: Case = { kind: 'wasm', name: 'sys.wasm', data: v.data, compile: !/rust|vm\.O0/.test(path), maxSteps: MAX_STEPS };
        const problem = judge(c, await runner.run(c, QUICK_TIMEOUT_MS));
        if (problem) bad.push(`${path}, ${v.what}: ${problem}`);
        n++;
      }
    }
    console.log(`${n} systematic variants`);
    expect(n).toBeGreaterThan(150);
    expect(bad).toEqual([]);
  }, 600_000);

  const cliSample: Case[] = [];

  it(`${ONLY !== undefined ? `case ${ONLY}` : `${MUTANTS} mutants`} in process: accepted, or one W2Z error naming the file`, async () => {
    const findings = new Map<string, Finding>();
    const tally = new Map<string, number>();
    const bump = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
    const msByKind = new Map<string, number>();
    /** one message per error code and kind, to show what users see */
    const examples = new Map<string, string>();
    /** CLI candidates per kind of outcome (a few of each, so the sample covers many messages) */
    const buckets = new Map<string, Case[]>();
    const findingsDir = LONG ? process.env.FINDINGS_DIR ?? mkdtempSync(join(tmpdir(), 'w2z-findings-')) : undefined;
    if (findingsDir) mkdirSync(findingsDir, { recursive: true });
    const t0 = performance.now();
    const slowest: { ms: number; index: number; what: string }[] = [];
    const from = ONLY ?? 0, to = ONLY === undefined ? MUTANTS : ONLY + 1;
    for (let i = from; i < to; i++) {
      const { c, seed, ops } = makeCase(i);
      const o = await runner.run(c, await limitFor(c, seed, seedOf(c.kind, seed)));
      if (ONLY !== undefined) {
        const input = join(process.env.FUZZ_DUMP ?? tmpdir(), c.name);
        writeFileSync(input, c.data);
        console.log({ input, seed, ops, ...o, stack: o.stack });
      }
      bump(`${c.kind} ${o.status}${o.status === 'error' ? ` ${o.code}` : o.status === 'accepted' ? ` ${o.stage}${o.run ? ` ${o.run.replace(/\d+\/\d+\/\d+/, 'spec')}` : ''}` : ''}`);
      msByKind.set(c.kind, (msByKind.get(c.kind) ?? 0) + o.ms);
      if (o.status === 'error' && !examples.has(`${c.kind} ${o.code}`)) examples.set(`${c.kind} ${o.code}`, o.message!.slice(0, 240));
      slowest.push({ ms: o.ms, index: i, what: `${c.kind} ${seed} ${o.status} ${o.stage ?? ''}` });
      slowest.sort((a, b) => b.ms - a.ms).splice(5);
      const problem = judge(c, o);
      if (problem) {
        const sig = signature(c, problem, o);
        const f = findings.get(sig);
        if (f) f.count++;
        else {
          const nf: Finding = { signature: sig, problem, index: i, seed, ops, count: 1, outcome: o };
          if (findingsDir) {
            nf.file = join(findingsDir, `f${findings.size}-${c.name}`);
            writeFileSync(nf.file, c.data);
            writeFileSync(`${nf.file}.json`, JSON.stringify({ ...nf, outcome: { ...o } }, null, 1));
          }
          findings.set(sig, nf);
          if (LONG) console.log(`finding: ${describeFinding(nf)}`);
        }
      } else if (o.ms < 3000 && (o.status === 'error' || (o.status === 'accepted' && c.compile))) {
        const key = `${c.kind} ${o.status === 'error' ? o.code : o.stage}`;
        const b = buckets.get(key) ?? [];
        if (b.length < 8) buckets.set(key, [...b, c]);
      }
      if (LONG && (i + 1) % 2000 === 0) {
        console.log(`${i + 1} mutants, ${findings.size} distinct findings, ${((performance.now() - t0) / 1000).toFixed(0)} s, ${runner.starts} workers`);
      }
    }
    // the CLI sample: round-robin over the kinds of outcome, so that it sees many different messages
    const lists = [...buckets.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    for (let k = 0; cliSample.length < CLI_RUNS && lists.some((l) => l.length > k); k++) {
      for (const l of lists) if (l[k] && cliSample.length < CLI_RUNS) cliSample.push(l[k]!);
    }
    const secs = (performance.now() - t0) / 1000;
    const summary = [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `  ${k}: ${n}`).join('\n');
    const perKind = [...msByKind.entries()].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(', ');
    console.log(`${to - from} mutants in ${secs.toFixed(1)} s (${perKind}; ${runner.starts} worker starts)\n${summary}\n`
      + `slowest: ${slowest.map((s) => `#${s.index} ${s.what} ${s.ms.toFixed(0)} ms`).join('; ')}`);
    if (process.env.FUZZ_EXAMPLES) console.log([...examples.entries()].sort().map(([k, m]) => `${k}: ${m}`).join('\n'));
    if (findingsDir) {
      writeFileSync(join(findingsDir, 'summary.txt'), `${[...findings.values()].map(describeFinding).join('\n')}\n\n${summary}\n`);
      console.log(`findings: ${findings.size} distinct, in ${findingsDir}`);
    }
    expect([...findings.values()].map(describeFinding)).toEqual([]);
  }, LONG ? 24 * 3600_000 : 600_000);

  it(`a sample of the mutants through the CLI: exit 0–3, one error line, output files untouched on failure`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2z-malformed-cli-'));
    const bad: string[] = [];
    const t0 = performance.now();
    const msByKind = new Map<string, number[]>();
    cliSample.forEach((c, k) => {
      const { problems, result, args } = cliCheck(dir, c, k, 60_000);
      const kind = `${c.kind} ${args[0] === c.name ? 'compile' : args[0]}`;
      msByKind.set(kind, [...msByKind.get(kind) ?? [], result.ms]);
      if (problems.length) bad.push(`wasm2zkasm ${args.join(' ')}: ${problems.join('; ')} (exit ${result.code}: ${result.err.split('\n')[0]})`);
    });
    const perKind = [...msByKind.entries()].map(([k, v]) => `${k} ${v.length}× ${(v.reduce((a, b) => a + b, 0) / v.length / 1000).toFixed(2)} s`).join(', ');
    console.log(`${cliSample.length} CLI runs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${perKind})`);
    rmSync(dir, { recursive: true, force: true });
    expect(bad).toEqual([]);
    if (ONLY === undefined) expect(cliSample.length).toBe(CLI_RUNS);
  }, LONG ? 3600_000 : 600_000);
});
