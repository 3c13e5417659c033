// Golden tests: every golden/<area>/<case>.wat compiles to exactly its .ir and .zkasm (blessed
// with `UPDATE_GOLDEN=1 npm test`), the emitted text parses back to the same program, the
// program PASSes, and the copy with a wrong expected value (from <case>.json) FAILs naming the
// zkASM line and the WASM function and offset.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasm, runZkasm } from '../src/compile.js';
import { loadWasmBytes } from '../src/wasm/load.js';
import { watToWasm } from '../src/wasm/wat.js';
import { printModule } from '../src/ir/print.js';
import { parseZkasm } from '../src/zkasm/parse.js';
import { printProgram } from '../src/zkasm/print.js';

const ROOT = join(import.meta.dirname, '..', 'golden');
const HEADER = '; generated — do not edit — UPDATE_GOLDEN=1 npm test\n';
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

interface GoldenSpec {
  /** text replacement in the .wat that makes the program's assertion wrong */
  wrong: { replace: string; with: string };
  /** the function and the `call` the failing assertion comes from */
  failsIn: string;
}

const cases = readdirSync(ROOT).flatMap((area) =>
  readdirSync(join(ROOT, area)).filter((f) => f.endsWith('.wat')).map((f) => join(area, f.slice(0, -4))));

async function compileText(text: string, name: string) {
  const bytes = await watToWasm(text, name);
  return compileWasm(await loadWasmBytes(bytes, name));
}

function checkGolden(path: string, actual: string): void {
  if (UPDATE || !existsSync(path)) {
    writeFileSync(path, HEADER + actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  expect(expected.startsWith(HEADER), `${path} lacks the generated header`).toBe(true);
  expect(actual, `${path} differs — review, then bless with UPDATE_GOLDEN=1 npm test`).toBe(expected.slice(HEADER.length));
}

describe.each(cases)('golden %s', (c) => {
  const base = join(ROOT, c);
  const wat = readFileSync(`${base}.wat`, 'utf8');
  const spec = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as GoldenSpec;
  const name = `${c.split('/').pop()}.wat`;

  it('compiles to the blessed IR and zkASM', async () => {
    const out = await compileText(wat, name);
    checkGolden(`${base}.ir`, printModule(out.ir));
    checkGolden(`${base}.zkasm`, out.zkasm);
  });

  it('parses back to the same program', async () => {
    const out = await compileText(wat, name);
    const parsed = parseZkasm(out.zkasm, 'x.zkasm');
    expect(printProgram(parsed)).toBe(out.zkasm);
  });

  it('passes when run', async () => {
    const out = await compileText(wat, name);
    const { result } = runZkasm(out.zkasm, name.replace('.wat', '.zkasm'));
    expect(result.failure?.message).toBeUndefined();
    expect(result.status).toBe('pass');
    expect(result.steps).toBeGreaterThan(0);
  });

  it('fails with a wrong expected value, naming the line and the wasm origin', async () => {
    expect(wat).toContain(spec.wrong.replace);
    const out = await compileText(wat.replace(spec.wrong.replace, spec.wrong.with), name);
    const zname = name.replace('.wat', '.zkasm');
    const { result } = runZkasm(out.zkasm, zname);
    expect(result.status).toBe('fail');
    const line = result.failure!.line;
    expect(out.zkasm.split('\n')[line - 1]).toMatch(/:ASSERT/);
    expect(result.failure!.message).toMatch(new RegExp(`^${zname.replace('.', '\\.')}:${line}: assert does not match`));
    expect(result.failure!.message).toContain(spec.failsIn);
  });
});
