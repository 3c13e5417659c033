// The official spec suite (../shared/spec) through the whole pipeline: every assertion that is
// not about floats, SIMD, reference values, newer proposals or module linking must pass; the
// skipped ones must be skipped for exactly those reasons.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runWastFile } from '../../src/wast/run.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'spec');
const files = readdirSync(DIR).filter((f) => f.endsWith('.wast')).sort();
const ALLOWED_SKIPS = /^(SIMD\/reference values|float\/SIMD code|reached float\/SIMD code through a table|function uses a newer proposal|module not readable by wabt\/our decoder \(a newer proposal\)|imports from another module)/;
// files whose every assertion runs: float values move, load, store and keep their bits
// (const, reinterpret, abs, neg, copysign, NaN payloads) without float arithmetic
const NOTHING_SKIPPED = new Set(['address.wast', 'br.wast', 'br_if.wast', 'const.wast', 'endianness.wast', 'f32_bitwise.wast',
  'f32_cmp.wast', 'f64_bitwise.wast', 'f64_cmp.wast', 'float_literals.wast', 'float_memory.wast', 'func.wast', 'memory_trap.wast', 'return.wast', 'unreachable.wast']);

describe.each(files)('%s', (file) => {
  it('passes every supported assertion', async () => {
    const r = await runWastFile(join(DIR, file));
    expect(r.failures).toEqual([]);
    expect(r.failed).toBe(0);
    for (const why of Object.keys(r.skips)) expect(why).toMatch(ALLOWED_SKIPS);
    expect(r.passed + r.skipped).toBeGreaterThan(0);
    if (NOTHING_SKIPPED.has(file)) expect(r.skips).toEqual({});
  }, 120_000);
});
