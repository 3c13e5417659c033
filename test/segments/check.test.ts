// `check --segment-rows N`: real toolchains' runs checked in segments give the uncut run's
// outputs (as V8 gives them), every segment within N rows, and the command as a user meets it.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { checkInSegments } from '../../src/pil/segment-check.js';
import { publicsByName } from '../../src/cli-pil.js';
import { listModules, readModule, runInV8, MAX_OUTPUTS } from '../real/corpus.mjs';
import { ROOT, runCli } from '../helpers/cli.js';

describe('checkInSegments on real toolchains\' output', () => {
  // one module per toolchain, short runs; the long run is in long.slow.test.ts
  for (const [file, N] of [['rust/vec_ops.O3.wasm', 2 ** 16], ['c/fconv.O3.wasm', 2 ** 16], ['as/vm.O3.wasm', 2 ** 16]] as const) {
    it(`${file} in segments of ${N} rows: every segment holds, the links hold, the outputs are V8's`, async () => {
      const m = listModules().find((x) => x.file === file)!;
      const bytes = readModule(file);
      const rom = compileWasm(await loadWasmBytes(bytes, file), { maxOutputs: MAX_OUTPUTS }).rom;
      const tape = m.tapes[m.tapes.length - 1]!.tape;
      const c = await checkInSegments(rom, tape, N);
      expect(c.segments.flatMap((s) => s.failures)).toEqual([]);
      expect(c.links).toBeUndefined();
      expect(c.ok).toBe(true);
      const whole = runRom(rom, { inputs: tape });
      expect(c.segments.reduce((n, s) => n + s.steps, 0)).toBe(whole.result.steps);
      const p = publicsByName(c.model.publics.map((x) => x.name), c.publics);
      const outs = Array.from({ length: Number(p.outCount) }, (_, k) => p[`out${k}`]);
      const v8 = await runInV8(bytes, tape);
      expect(outs).toEqual(v8.outputs);
      expect(p.status === 0n ? 'pass' : 'trap').toBe(v8.status);
    });
  }
});

describe('check --segment-rows', () => {
  let dir = '';
  const cli = (...args: string[]) => runCli(dir, ...args);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'w2z-seg-cli-'));
    writeFileSync(join(dir, 'fib.wat'), readFileSync(join(ROOT, 'golden/m3/fib.wat')));
    writeFileSync(join(dir, 'fib13.wat'), readFileSync(join(ROOT, 'test/segments/fixtures/fib13.wat')));
  });

  it('checks each segment and the links, and says how the run was cut', () => {
    const r = cli('check', 'fib13.wat', '--segment-rows', '8192');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK fib13\.zkasm: 13,554 steps in 2 segment\(s\) of 2\^13 rows/);
    expect(r.out).toMatch(/links: OK/);
    // the first segment ends where Main's rows run out (the epilogue's rows kept free)
    expect(r.err).toMatch(/segment 0: 8,179 steps, binary 1,359,.*: OK/);
  });

  it('prints one JSON object with --json, pilcom agreeing with --pilcom', () => {
    const r = cli('check', 'fib13.wat', '--segment-rows', '8192', '--json', '--pilcom');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ status: 'ok', segmentRows: 8192, steps: 13554, links: 'ok' });
    expect(j.segments.map((s: { final: boolean }) => s.final)).toEqual([false, true]);
  });

  it('--segment-rows without a size takes 2^16 rows, or what the program\'s tables need', () => {
    const r = cli('check', 'fib13.wat', '--segment-rows');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK fib13\.zkasm: 13,554 steps in 1 segment\(s\) of 2\^16 rows/);
  });

  it('refuses a size that is no power of two, or too small for the program, in one line', () => {
    for (const [n, why] of [['1000', /--segment-rows: bad value 1000/], ['4096', /2\^12 rows are too few .*binary table/]] as const) {
      const r = cli('check', 'fib.wat', '--segment-rows', n);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(why);
    }
  });
});
