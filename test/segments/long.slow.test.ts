// Issue 11's acceptance for `check`: a rustc program's 2 M-step run checked in segments, in a
// process of its own so that its peak memory is its own: at most 4 GiB, every segment and link
// holding, the outputs V8's.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listModules, readModule, runInV8 } from '../real/corpus.mjs';
import { ROOT } from '../helpers/cli.js';

const FILE = 'rust/btree.O0.wasm';

describe('a 2 M-step run checked in segments', () => {
  it(`${FILE}: 2^19-row segments, peak RSS ≤ 4 GiB`, async () => {
    expect(existsSync(join(ROOT, 'dist', 'pil', 'segment-check.js')), 'run `npm run build` first').toBe(true);
    const m = listModules().find((x) => x.file === FILE)!;
    const tape = m.tapes[0]!.tape;
    const script = `
      const { compileWasm } = await import('./dist/compile.js');
      const { loadWasmBytes } = await import('./dist/wasm/load.js');
      const { checkInSegments } = await import('./dist/pil/segment-check.js');
      const { readFileSync } = await import('node:fs');
      const bytes = new Uint8Array(readFileSync('test/real/wasm/${FILE}'));
      const rom = compileWasm(await loadWasmBytes(bytes, '${FILE}'), { maxOutputs: 8 }).rom;
      const tape = ${JSON.stringify(tape.map(String))}.map(BigInt);
      const t0 = performance.now();
      const c = await checkInSegments(rom, tape, 2 ** 19);
      console.log(JSON.stringify({
        ok: c.ok, links: c.links ?? null, segments: c.segments.length,
        steps: c.segments.reduce((n, s) => n + s.steps, 0), failures: c.segments.flatMap((s) => s.failures).slice(0, 3),
        publics: c.publics.map(String), seconds: (performance.now() - t0) / 1000, maxRssKiB: process.resourceUsage().maxRSS,
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
    console.log(`${FILE}: ${j.steps} steps in ${j.segments} segments, ${j.seconds.toFixed(1)} s, peak RSS ${(j.maxRssKiB / 2 ** 20).toFixed(2)} GiB`);
    expect(j.failures).toEqual([]);
    expect(j.links).toBeNull();
    expect(j.ok).toBe(true);
    expect(j.steps).toBeGreaterThanOrEqual(2_000_000);
    expect(j.maxRssKiB).toBeLessThanOrEqual(4 * 2 ** 20);
    // status 0, then the outputs V8 gives
    const v8 = await runInV8(readModule(FILE), tape);
    const count = Number(j.publics[1]);
    const outs = Array.from({ length: count }, (_, k) => BigInt(j.publics[2 + 2 * k]) + (BigInt(j.publics[3 + 2 * k]) << 32n));
    expect(j.publics[0]).toBe('0');
    expect(outs).toEqual(v8.outputs);
  });
});
