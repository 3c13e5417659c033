// Random programs from a generator we did not write: binaryen's translate-to-fuzz
// (`wasm-opt -ttf`), seeds 1..TTF_SEEDS (default 200), each checked de-floated, de-floated and
// re-optimised, and with its floats (seed.ts), against V8, call by call (check.ts). The long run
// (≥ 2,000 seeds) is `SEEDS=2000 npx vitest run --config test/ttf/vitest.config.ts`.
//
// Every module must agree with V8, except the seeds of KNOWN_BAD_SEEDS, which must still fail with their known bug: when one is
// fixed, this test fails and says which seeds to take off the list.
// Without binaryen's wasm-opt the test fails (CI installs the Debian package `binaryen`).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWasmOpt, INSTALL_HINT } from './binaryen.js';
import { checkSeed, VARIANTS, type Variant } from './seed.js';
import { checkModule, type Verdict } from './check.js';
import { V8Runner, type V8Outcome } from './v8.js';
import { rewriteTtf } from './rewrite.js';
import { add, emptyTally, format, knownBug } from './summary.js';
import { KNOWN_BAD_SEEDS, KNOWN_BAD_SEEDS_BINARYEN, KNOWN_BUGS } from './known-bugs.js';
import { watToWasm } from '../../src/wasm/wat.js';

const N = Number(process.env['TTF_SEEDS'] ?? 200);
const FIRST = Number(process.env['TTF_FIRST'] ?? 1);
const CHUNK = 40;

const v8 = new V8Runner();
const tally = emptyTally();

afterAll(async () => {
  await v8.close();
  if (tally.seeds > 0) console.log(format(tally, `ttf: seeds ${FIRST}..${FIRST + N - 1}`));
});

/** What a verdict should have been, or undefined when it is fine. */
function unexpected(seed: number, variant: Variant, v: Verdict): string | undefined {
  const show = (x: Verdict) => `${x.kind}${'reason' in x ? ` (${x.reason})` : ''}${'what' in x ? ` (${x.what})` : ''}${'message' in x ? `: ${x.message.split('\n')[0]}` : ''}`;
  const known = KNOWN_BAD_SEEDS[seed]?.[variant];
  if (known !== undefined) {
    const id = knownBug(v);
    if (id === known) return undefined;
    return id === undefined
      ? `seed ${seed} (${variant}) no longer fails with known bug ${known}: now ${show(v)}; if ${known} is fixed, take the seed off KNOWN_BAD_SEEDS (test/ttf/known-bugs.ts)`
      : `seed ${seed} (${variant}) fails with ${id}, listed as ${known}`;
  }
  if (v.kind === 'agree') return undefined;
  return `seed ${seed} (${variant}): ${show(v)}`;
}

describe('binaryen translate-to-fuzz modules against V8', () => {
  it('binaryen\'s wasm-opt is installed', () => {
    let version: number;
    try {
      version = findWasmOpt().version;
    } catch (e) {
      expect.fail(`${(e as Error).message}`);
    }
    expect(version, `KNOWN_BAD_SEEDS were recorded with binaryen ${KNOWN_BAD_SEEDS_BINARYEN} (Debian 12's); `
      + `another version generates other modules from the same seeds: use ${KNOWN_BAD_SEEDS_BINARYEN} or re-record the list`).toBe(KNOWN_BAD_SEEDS_BINARYEN);
  });

  for (let start = FIRST; start < FIRST + N; start += CHUNK) {
    const end = Math.min(start + CHUNK, FIRST + N) - 1;
    it(`seeds ${start}..${end}`, async () => {
      const bad: string[] = [];
      for (let s = start; s <= end; s++) {
        let r;
        try {
          r = await checkSeed(s, v8);
        } catch (e) {
          const m = (e as Error).message;
          if (m === INSTALL_HINT) expect.fail(INSTALL_HINT);
          bad.push(`seed ${s}: harness error ${m.split('\n')[0]}`);
          continue;
        }
        add(tally, r);
        for (const variant of VARIANTS) {
          const why = unexpected(s, variant, r.verdicts[variant]);
          if (why) bad.push(why);
        }
      }
      expect(bad, 'replay: TTF_FIRST=<seed> TTF_SEEDS=1 npx vitest run test/ttf/ttf.test.ts; '
        + 'get the modules: TTF_DUMP=<dir> FIRST=<seed> SEEDS=1 npx vitest run --config test/ttf/vitest.config.ts').toEqual([]);
    }, 600_000);
  }
});

describe('known bugs: the reproducers of KNOWN_BUGS.md still fail', () => {
  const dir = join(import.meta.dirname, 'bugs');
  // no bugs/ directory when no bug is open
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wat')).sort() : [];
  it('every known bug has a reproducer', () => {
    expect(KNOWN_BUGS.map((b) => b.id).filter((id) => !files.some((f) => f.startsWith(`${id}-`)))).toEqual([]);
  });
  it.each(files)('%s', async (file) => {
    const id = file.split('-')[0]!;
    const bytes = await watToWasm(readFileSync(join(dir, file), 'utf8'), file);
    const v = await checkModule(bytes, file, v8);
    expect(knownBug(v), `${file} no longer shows ${id} (${JSON.stringify(v)}): if it is fixed, remove ${id} from known-bugs.ts, `
      + `KNOWN_BUGS.md, bugs/ and its seeds from KNOWN_BAD_SEEDS`).toBe(id);
  });
});

describe('the comparison notices a difference', () => {
  // a module with every kind of thing compared: logged values, results, a trap, memory, a global
  const WAT = `(module
    (import "env" "output_i32" (func $log (param i32)))
    (memory (export "memory") 1)
    (global $g (mut i64) (i64.const 5))
    (func (export "f") (param i32) (result i32)
      (call $log (i32.add (local.get 0) (i32.const 1)))
      (i32.store8 (i32.const 100) (i32.const 0xab))
      (global.set $g (i64.const 6))
      (i32.mul (local.get 0) (i32.const 3)))
    (func (export "t") (unreachable)))`;
  type Tamper = (r: Extract<V8Outcome, { outcome: 'ran' }>) => void;
  const cases: [string, Tamper, RegExp][] = [
    ['a logged value', (r) => { r.calls[0]!.outputs[0] = '7'; }, /logged value #0: V8 7, ours 1/],
    ['a returned value', (r) => { r.calls[0]!.values![0] = '1'; }, /call 0 \(f\): V8 returned 1, ours 0/],
    ['a trap', (r) => { delete r.calls[1]!.trap; r.calls[1]!.values = []; }, /call 1 \(t\): V8 returned , ours trapped unreachable/],
    ['a return', (r) => { r.calls[2]!.trap = 'divide by zero'; }, /V8 trapped "divide by zero", ours returned/],
    ['the kind of trap', (r) => { r.calls[1]!.trap = 'divide by zero'; }, /V8 trapped "divide by zero", ours unreachable/],
    ['the memory', (r) => { r.memory![101] = 1; }, /memory after the last call: bytes 100..103: V8 0x000001ab, ours 0x000000ab/],
    ['a global', (r) => { r.calls.at(-1)!.values![0] = '5'; }, /__w2z_global0\): V8 returned 5, ours 6/],
  ];
  it.each(cases)('%s', async (_, tamper, message) => {
    const bytes = rewriteTtf(await watToWasm(WAT, 'tamper.wat'), 'defloat').bytes;
    expect(await checkModule(bytes, 'tamper.wasm', v8)).toMatchObject({ kind: 'agree' });
    const liar = {
      run: async (...a: Parameters<V8Runner['run']>) => {
        const r = await v8.run(...a);
        if (r.outcome === 'ran') tamper(r);
        return r;
      },
    };
    const v = await checkModule(bytes, 'tamper.wasm', liar);
    expect(v).toMatchObject({ kind: 'bug', what: 'disagree' });
    expect((v as { message: string }).message).toMatch(message);
  });
});
