// The official spec suite (../shared/spec) through the whole pipeline: every assertion that is
// not about SIMD, reference values, newer proposals or module linking must pass (floats
// included); the skipped ones must be skipped for exactly those reasons, and only in the files
// that have such assertions.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runWastFile } from '../../src/wast/run.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'spec');
const files = readdirSync(DIR).filter((f) => f.endsWith('.wast')).sort();
const ALLOWED_SKIPS = /^(SIMD\/reference values|SIMD\/reference code|reached SIMD\/reference code through a table|function uses a newer proposal|module not readable by wabt\/our decoder \(a newer proposal\)|imports from another module)/;
// the only files with assertions we skip (SIMD/reference values, newer proposals' syntax): every
// other file runs every assertion
const SKIPPING = new Set(['br_table.wast', 'global.wast', 'memory_grow.wast', 'select.wast', 'unreached-valid.wast']);

describe.each(files)('%s', (file) => {
  it('passes every supported assertion', async () => {
    const r = await runWastFile(join(DIR, file));
    expect(r.failures).toEqual([]);
    expect(r.failed).toBe(0);
    for (const why of Object.keys(r.skips)) expect(why).toMatch(ALLOWED_SKIPS);
    expect(r.passed + r.skipped).toBeGreaterThan(0);
    if (!SKIPPING.has(file)) expect(r.skips).toEqual({});
  }, 120_000);
});
