// The command line as a user meets it: exit codes, one-line messages naming file / problem /
// place, no partial output files, PASS / FAIL output and --json. Runs the built bin (npm test
// builds first).
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir = '';

const cli = (...args: string[]) => runCli(dir, ...args);

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'w2z-cli-'));
  writeFileSync(join(dir, 'm1.wat'), readFileSync(join(ROOT, 'golden/m1/add.wat')));
  writeFileSync(join(dir, 'wrong.wat'), readFileSync(join(ROOT, 'golden/m1/add.wat'), 'utf8').replace('i32.const 5', 'i32.const 6'));
});

describe('compile', () => {
  it('writes the zkASM with -o', () => {
    const r = cli('m1.wat', '-o', 'm1.zkasm');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'm1.zkasm'), 'utf8')).toMatch(/^finalizeExecution:$/m);
  });
  it('prints the IR with --emit ir', () => {
    const r = cli('m1.wat', '--emit', 'ir');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^func \$main\(\) -> \(\) \{/);
  });
});

describe('bad input: one line, exit 2, no output file', () => {
  const cases: [string, string, () => void, RegExp][] = [
    ['missing file', 'nope.wasm', () => undefined, /^error\[W2Z1001\]: nope\.wasm: no such file\n$/],
    ['not wasm', 'junk.wasm', () => writeFileSync(join(dir, 'junk.wasm'), 'hello world'), /^error\[W2Z1003\]: junk\.wasm: not a webassembly module/],
    ['malformed', 'trunc.wasm', () => writeFileSync(join(dir, 'trunc.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1])), /^error\[W2Z1004\]: trunc\.wasm @0x[0-9a-f]+: malformed module: /],
    ['invalid module', 'invalid.wat', () => writeFileSync(join(dir, 'invalid.wat'), '(module (func (result i32) (i64.const 1)))'), /^error\[W2Z1005\]: invalid\.wat/],
    ['text syntax', 'syntax.wat', () => writeFileSync(join(dir, 'syntax.wat'), '(module (func (i32.bogus)))'), /^error\[W2Z1006\]: syntax\.wat: text format error: .*1:/],
    ['unsupported instruction', 'simd.wat', () => writeFileSync(join(dir, 'simd.wat'),
      '(module (func $main (export "main") (drop (i32x4.extract_lane 0 (i32x4.splat (i32.const 1))))))'),
    /^error\[W2Z2001\]: simd\.wat: func \$main \(#0\) @0x[0-9a-f]+: unsupported instruction i32x4\.splat\n$/],
    ['unknown import', 'imp.wat', () => writeFileSync(join(dir, 'imp.wat'),
      '(module (import "env" "print" (func (param i32))) (func $main (export "main")))'),
    /^error\[W2Z2002\]: imp\.wat @0x[0-9a-f]+: unknown import env\.print/],
    ['no entry', 'noentry.wat', () => writeFileSync(join(dir, 'noentry.wat'), '(module (func $f))'), /^error\[W2Z2004\]: noentry\.wat: no entry function/],
  ];
  it.each(cases)('%s', (_name, file, setup, message) => {
    setup();
    const out = join(dir, `${file}.zkasm`);
    const r = cli(file, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
  it('an existing output file is left untouched on error', () => {
    writeFileSync(join(dir, 'keep.zkasm'), 'precious\n');
    const r = cli('nope.wat', '-o', 'keep.zkasm');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'keep.zkasm'), 'utf8')).toBe('precious\n');
  });
  it('refuses to overwrite the input', () => {
    const r = cli('m1.wat', '-o', 'm1.wat');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/W2Z1008/);
    expect(readFileSync(join(dir, 'm1.wat'), 'utf8')).toContain('(start $main)');
  });
});

describe('run', () => {
  it('PASS, exit 0, counters', () => {
    const r = cli('run', 'm1.wat');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS m1\.zkasm\n {2}steps \d+ {2}binary \d+/);
  });
  it('FAIL, exit 1, the line and the wasm origin', () => {
    const r = cli('run', 'wrong.wat');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL wrong\.zkasm:\d+: assert does not match \(A = 0x5, op = 0x6\) \(step \d+, func \$main @0x[0-9a-f]+ call assert_eq\)/);
  });
  it('--json gives one object', () => {
    const ok = JSON.parse(cli('run', 'm1.wat', '--json').out);
    expect(ok).toMatchObject({ status: 'pass', counters: { binary: expect.any(Number) } });
    expect(ok.steps).toBeGreaterThan(0);
    const bad = cli('run', 'wrong.wat', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ status: 'fail', failure: { line: expect.any(Number) } });
  });
  it('runs zkASM text directly', () => {
    cli('m1.wat', '-o', 'direct.zkasm');
    const r = cli('run', 'direct.zkasm');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS direct\.zkasm/);
  });
  it('a zkASM syntax error names file:line:col', () => {
    writeFileSync(join(dir, 'bad.zkasm'), 'start:\n        A => => B\n');
    const r = cli('run', 'bad.zkasm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.zkasm:2:\d+/);
  });
});

describe('warnings', () => {
  it('says when memory is larger than Polygon\'s executor addresses', () => {
    writeFileSync(join(dir, 'big.wat'), '(module (memory 17) (func $main (export "main") (i32.store (i32.const 1048576) (i32.const 7))))');
    const r = cli('run', 'big.wat');
    expect(r.code).toBe(0);
    expect(r.err).toBe("warning: big.wat: memory of up to 17 pages exceeds the 512 KiB Polygon's executor addresses; the program runs on this machine and its PIL, not on Polygon's executor\n");
    expect(cli('run', 'm1.wat').err).toBe('');
  });
  it('rejects an unknown --emit kind before compiling', () => {
    const r = cli('m1.wat', '--emit', 'bogus');
    expect(r.code).toBe(2);
    expect(r.err).toBe('error[W2Z1012]: --emit: unknown output kind bogus (expected zkasm or ir)\n');
  });
});

describe('spec', () => {
  it('prints a table and exits 0 when everything passes', () => {
    const r = cli('spec', join(ROOT, '..', 'shared', 'spec', 'i32.wast'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^i32\.wast\s+459 passed\s+0 failed\s+0 skipped/m);
    expect(r.out).toMatch(/^total\s+459 passed/m);
  });
  it('exits 1 when an assertion fails', () => {
    writeFileSync(join(dir, 'bad.wast'), '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 2))\n');
    const r = cli('spec', 'bad.wast');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.wast:2: expected i32:0x2, got 0x1/);
  });
});

describe('--help', () => {
  it('shows examples for every command', () => {
    const top = cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/Examples:/);
    for (const c of ['compile', 'run', 'spec']) {
      const h = cli(c, '--help');
      expect(h.out).toMatch(/Examples:\n {2}\$ wasm2zkasm/);
    }
  });
});
