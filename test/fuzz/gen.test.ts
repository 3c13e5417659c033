// The fuzzer's generator and its V8 reference: every generated module is valid, terminates quickly
// in V8 (with a value or a known trap), and is a pure function of its seed and features.

import { describe, expect, it } from 'vitest';
import { validateWasm, watToWasm } from '../../src/wasm/wat.js';
import { ALL_FEATURES, generate, PLACEHOLDER, type Feature } from './gen.js';
import { Rng } from './rng.js';
import { expectedChecksum, finalize, V8_TRAP_KIND, v8TrapKinds, type TrapKind } from './v8.js';

const ALL = new Set(ALL_FEATURES);
const SEEDS = 300;
const PER_RUN_MS = 2000;

/** compile (a placeholder → 0) and validate with wabt: watToWasm rejects bad text, validateWasm bad types */
async function compileAndValidate(wat: string, name: string): Promise<Uint8Array> {
  const bytes = await watToWasm(wat.includes(PLACEHOLDER) ? finalize(wat, 0n) : wat, name);
  await validateWasm(bytes, name);
  return bytes;
}

/** the module text without $main and the import (which use i64 etc. whatever the features) */
function outsideMain(wat: string): string {
  const start = wat.indexOf('  (func $main');
  const end = wat.indexOf('\n  )\n', start);
  return (wat.slice(0, start) + wat.slice(end + 4)).replace(/\(import .*\n/, '');
}

/** Opcodes or keywords that only the feature produces (the scaffolding never does). */
const ONLY_WITH: Partial<Record<Feature, RegExp>> = {
  i64: /\bi64\b/,
  arith: /\.(mul|xor)\b|\bi64\.(add|sub)\b/,
  divrem: /\.(div|rem)_[su]\b/,
  shifts: /\.shr_[su]\b|\bi64\.shl\b/,
  bits: /\.(clz|ctz|popcnt|rotl|rotr)\b/,
  compare: /\.(ne|[lg][te]_[su])\b/,
  convert: /\.(extend(8|16|32)_s|wrap_i64|extend_i32_[su])\b/,
  globals: /\bglobal\b/,
  memory: /\bmemory\b|\.load|\.store|\(data\b/,
  calls: /\bcall \$f/,
  loops: /\bloop\b/,
  br_table: /\bbr_table\b/,
  call_indirect: /\bcall_indirect\b|\(table\b|\(elem\b/,
  select: /\bselect\b/,
  if: /\bif\b/,
  traps: /\bunreachable\b/,
};

describe('Rng', () => {
  it('is xoshiro128** seeded by splitmix32: the same stream everywhere', () => {
    const r = new Rng(1);
    expect([r.u32(), r.u32(), r.u32(), r.u32()]).toEqual([2442144158, 3238099751, 3819917871, 2104621829]);
    expect(new Rng(0xdeadbeef).u64()).toBe(9906468501752590559n);
    expect(new Rng(-5).u32()).toBe(628514800);
  });

  it('keeps int/range/pick in bounds', () => {
    const r = new Rng(7);
    for (let i = 0; i < 2000; i++) {
      const n = r.range(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      expect(r.int(1)).toBe(0);
      expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    }
  });
});

describe(`generate, all features, seeds 1..${SEEDS}`, () => {
  it('is valid, deterministic, and runs in V8 to a checksum or a known trap', async () => {
    const trapKinds = new Map<string, number>();
    const featureCount = new Map<Feature, number>(ALL_FEATURES.map((f) => [f, 0]));
    const sizes: number[] = [];
    const lines: number[] = [];
    const costs: number[] = [];
    let traps = 0;
    let genRunMs = 0;
    let slowest = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t0 = performance.now();
      const g = generate({ seed, features: ALL });
      const t1 = performance.now();
      const r = await expectedChecksum(g.wat);
      const t2 = performance.now();
      genRunMs += t2 - t0;
      slowest = Math.max(slowest, t2 - t1);
      expect(t2 - t1, `seed ${seed}: V8 run time`).toBeLessThan(PER_RUN_MS);

      expect(generate({ seed, features: ALL }).wat, `seed ${seed}: determinism`).toBe(g.wat);
      expect(g.wat.split(PLACEHOLDER).length).toBe(2);
      await compileAndValidate(g.wat, `seed${seed}.wat`);
      expect(g.cost).toBeLessThanOrEqual(40000);

      sizes.push(g.wat.length);
      lines.push(g.wat.split('\n').length);
      costs.push(g.cost);
      for (const f of g.features) featureCount.set(f, featureCount.get(f)! + 1);
      if (r.outcome === 'trap') {
        traps++;
        const kind = V8_TRAP_KIND(r.message);
        expect(kind, `seed ${seed}: unknown trap message ${r.message}`).toBeDefined();
        const key = `${kind} (${r.message})`;
        trapKinds.set(key, (trapKinds.get(key) ?? 0) + 1);
      } else {
        expect(typeof r.value).toBe('bigint');
      }
    }
    const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const report = [
      `fuzz generator, ${SEEDS} seeds, all features:`,
      `  traps: ${traps}/${SEEDS} — ${[...trapKinds].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
      `  size: median ${med(sizes)} chars / ${med(lines)} lines, max ${Math.max(...sizes)} chars / ${Math.max(...lines)} lines`,
      `  estimated executed instructions (upper bound): median ${med(costs)}, max ${Math.max(...costs)}`,
      `  feature present in: ${ALL_FEATURES.map((f) => `${f} ${featureCount.get(f)}`).join(', ')}`,
      `  speed: ${(SEEDS / (genRunMs / 1000)).toFixed(0)} seeds/s generated + run in V8 (slowest run ${slowest.toFixed(1)} ms)`,
    ].join('\n');
    console.log(report);

    // most programs run to the end; traps do happen, of several kinds
    expect(traps).toBeGreaterThan(SEEDS * 0.03);
    expect(traps).toBeLessThan(SEEDS * 0.25);
    expect(new Set([...trapKinds.keys()].map((k) => k.split(' (')[0])).size).toBeGreaterThanOrEqual(5);
    for (const f of ALL_FEATURES) {
      expect(featureCount.get(f), `feature ${f} present in few modules`).toBeGreaterThanOrEqual(f === 'traps' ? SEEDS * 0.05 : SEEDS * 0.3);
    }
  }, 180_000);
});

describe('generate with feature subsets', () => {
  const cases: [string, Set<Feature>][] = [
    ['no features', new Set()],
    ...ALL_FEATURES.map((f): [string, Set<Feature>] => [`only ${f}`, new Set([f])]),
    ...ALL_FEATURES.map((f): [string, Set<Feature>] => [`all but ${f}`, new Set(ALL_FEATURES.filter((x) => x !== f))]),
  ];
  it.each(cases)('%s: valid, runs, uses only the requested features', async (_name, features) => {
    for (let seed = 1; seed <= 12; seed++) {
      const g = generate({ seed, features, maxFuncs: 4 });
      await compileAndValidate(g.wat, `seed${seed}.wat`);
      for (const f of g.features) expect(features.has(f), `seed ${seed} used ${f}`).toBe(true);
      const text = outsideMain(g.wat);
      for (const [f, re] of Object.entries(ONLY_WITH) as [Feature, RegExp][]) {
        if (!features.has(f)) expect(re.exec(text)?.[0], `seed ${seed}: ${f} is off`).toBeUndefined();
      }
      const r = await expectedChecksum(g.wat);
      if (!features.has('traps')) expect(r.outcome, `seed ${seed}: trapped without 'traps'`).toBe('value');
    }
  });
});

describe('finalize', () => {
  it('substitutes the checksum so that the real assertion passes, and only that value', async () => {
    let checked = 0;
    for (let seed = 1; checked < 10; seed++) {
      const g = generate({ seed, features: ALL });
      const r = await expectedChecksum(g.wat);
      if (r.outcome !== 'value') continue;
      const run = async (value: bigint): Promise<boolean> => {
        let ok: boolean | undefined;
        const env = { assert_eq_i64: (a: bigint, b: bigint): void => void (ok ??= a === b) };
        const bytes = await compileAndValidate(finalize(g.wat, value), 'final.wat');
        const { instance } = await WebAssembly.instantiate(bytes as BufferSource, { env });
        (instance.exports.main as () => void)();
        return ok!;
      };
      expect(await run(r.value)).toBe(true);
      expect(await run(r.value + 1n)).toBe(false);
      expect(await run(BigInt.asUintN(64, r.value))).toBe(true); // any 64-bit spelling of the pattern
      checked++;
    }
    expect(finalize(`i64.const ${PLACEHOLDER}`, 1n << 63n)).toBe('i64.const -9223372036854775808');
    expect(finalize(`i64.const ${PLACEHOLDER}`, -1n)).toBe('i64.const -1');
  });
});

describe('V8 trap messages', () => {
  const mod = (body: string): string =>
    `(module (type $v (func)) (type $i (func (param i32))) (table 3 funcref) (elem (i32.const 0) $g)\n` +
    `  (memory 1) (data $d "ab") (func $g (param i32))\n  (func $main (export "main") ${body}))`;
  const cases: [string, string, TrapKind][] = [
    ['unreachable', 'unreachable', 'unreachable'],
    ['div_s by zero', '(drop (i32.div_s (i32.const 1) (i32.const 0)))', 'integer divide by zero'],
    ['rem_u by zero', '(drop (i64.rem_u (i64.const 1) (i64.const 0)))', 'integer divide by zero'],
    ['INT_MIN / -1', '(drop (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))', 'integer overflow'],
    ['load past the end', '(drop (i64.load (i32.const 65530)))', 'out of bounds memory access'],
    ['memory.fill past the end', '(memory.fill (i32.const 65535) (i32.const 0) (i32.const 2))', 'out of bounds memory access'],
    ['memory.init of a dropped segment', '(data.drop $d) (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))', 'out of bounds memory access'],
    ['call_indirect past the table', '(call_indirect (type $v) (i32.const 3))', 'undefined element'],
    ['call_indirect of a null entry', '(call_indirect (type $v) (i32.const 1))', 'uninitialized element'],
    ['call_indirect with a wrong type', '(call_indirect (type $v) (i32.const 0))', 'indirect call type mismatch'],
    ['unbounded recursion', '(call $main)', 'call stack exhausted'],
  ];
  it.each(cases)('%s', async (_name, body, kind) => {
    const r = await expectedChecksum(mod(body));
    expect(r.outcome).toBe('trap');
    if (r.outcome !== 'trap') return;
    expect(v8TrapKinds(r.message)).toContain(kind);
    expect(V8_TRAP_KIND(r.message)).toBeDefined();
  });
  it('knows nothing of other messages', () => {
    expect(V8_TRAP_KIND('something else')).toBeUndefined();
  });
});

describe('expectedChecksum in a worker', () => {
  it('gives the same outcomes as on this thread', async () => {
    for (const seed of [1, 2, 3, 7]) {
      const g = generate({ seed, features: ALL });
      expect(await expectedChecksum(g.wat, { timeoutMs: 10_000 })).toEqual(await expectedChecksum(g.wat));
    }
  });
  it('stops a module that does not terminate', async () => {
    const wat = '(module (func (export "main") (loop $l (br $l))))';
    await expect(expectedChecksum(wat, { timeoutMs: 300 })).rejects.toThrow(/did not finish within 300 ms/);
  });
});
