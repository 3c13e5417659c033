// The C corpus through our pipeline against V8 on the same .wasm: the same outcome (pass, an
// assertion failure, or a trap of the same kind) for every program, at -O0 and -O2.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasm, runZkasm } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { runInV8 } from './v8.js';
import { v8TrapKinds } from '../fuzz/v8.js';

const DIR = import.meta.dirname;
const programs = ['wasm', 'wasm-negative'].flatMap((d) =>
  readdirSync(join(DIR, d)).filter((f) => f.endsWith('.wasm')).map((f) => join(d, f)));

describe.each(programs)('%s', (file) => {
  it('agrees with V8', async () => {
    const bytes = new Uint8Array(readFileSync(join(DIR, file)));
    const v8 = await runInV8(bytes);
    const compiled = compileWasm(await loadWasmBytes(bytes, file));
    const ours = runZkasm(compiled.zkasm, file.replace(/\.wasm$/, '.zkasm'));
    expect(ours.status, ours.result.failure?.message ?? ours.trap?.kind).toBe(v8.status);
    if (v8.status === 'trap') expect(v8TrapKinds(v8.message!)).toContain(ours.trap!.kind);
    if (v8.status === 'fail') expect(ours.result.failure!.message).toMatch(/assert does not match/);
  });
});
