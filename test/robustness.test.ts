// Inputs that once crashed, hung or ate memory, each through the command line: every one ends
// with a right answer or one clear line (exit 1–3), never exit 70, a stack trace or a hang; and
// output files are only ever replaced by a command that succeeded, written through links and
// into devices. (Found by mutating valid modules; see issue 9.)
import { beforeAll, describe, expect, it } from 'vitest';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { u32 as leb } from './wasm/builder.js';

const DIR = mkdtempSync(join(tmpdir(), 'w2z-robust-'));
const cli = (...args: string[]) => runCli(DIR, ...args);

const section = (id: number, payload: number[] | Uint8Array) => Buffer.concat([Buffer.from([id, ...leb(payload.length)]), Buffer.from(payload)]);

/**
 * A binary module with one function `main` (body `body`, no locals) and, if given, a memory of
 * `pages` with one active data segment at 0.
 */
function wasmModule(body: number[], data?: { pages: number; bytes: Uint8Array }): Buffer {
  const code = [0, ...body, 0x0b];
  return Buffer.concat([
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    section(1, [1, 0x60, 0, 0]), section(3, [1, 0]),
    ...(data ? [section(5, [1, 0, ...leb(data.pages)])] : []),
    section(7, [1, 4, ...Buffer.from('main'), 0, 0]), section(10, [1, ...leb(code.length), ...code]),
    ...(data ? [section(11, Buffer.concat([Buffer.from([1, 0, 0x41, 0, 0x0b, ...leb(data.bytes.length)]), data.bytes]))] : []),
  ]);
}

/** exit code and the one line of stderr */
function oneLineError(r: ReturnType<typeof cli>, code: number, pattern: RegExp): void {
  expect(r.code, r.err).toBe(code);
  expect(r.err.trimEnd().split('\n'), r.err).toHaveLength(1);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
}

beforeAll(() => {
  writeFileSync(join(DIR, 'nested.wasm'), wasmModule([...Array(10_000).fill([0x02, 0x40]).flat(), ...Array(10_000).fill(0x0b)]));
  writeFileSync(join(DIR, 'deep.wat'), `(module (func (export "main") ${'block '.repeat(180)}${'end '.repeat(180)}))`);
  writeFileSync(join(DIR, 'deep.wast'), `(module (func (export "main") ${'block '.repeat(180)}${'end '.repeat(180)}))\n(assert_return (invoke "main"))\n`);
  const chain = Array.from({ length: 20_000 }, (_, i) => `(func $f${i} (call $f${i + 1}))`).join('');
  writeFileSync(join(DIR, 'chain.wat'), `(module ${chain} (func $f20000) (func (export "main") (call $f0)))`);
  writeFileSync(join(DIR, 'table.wat'), '(module (table 4294967295 funcref) (func (export "main")))');
  writeFileSync(join(DIR, 'nofinal.zkasm'), 'start:\n        1 => A\n');
  writeFileSync(join(DIR, 'loop.wat'), '(module (func (export "main") (loop (br 0))))');
  writeFileSync(join(DIR, 'add.wat'), '(module (import "env" "output_i32" (func $o (param i32))) (func (export "main") (call $o (i32.const 5))))');
  mkdirSync(join(DIR, 'scripts'));
  writeFileSync(join(DIR, 'scripts', 'a.wast'), '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 1))\n');
  writeFileSync(join(DIR, 'scripts', 'b.wast'), '(module (func (export "g") (result i64) (i64.const 2)))\n(assert_return (invoke "g") (i64.const 2))\n');
});

describe('crashes', () => {
  it('10,000 nested blocks in a .wasm: refused at the offset where nesting passes the limit', () => {
    oneLineError(cli('nested.wasm', '-o', 'n.zkasm'), 2, /^error\[W2Z1016\]: nested\.wasm @0x[0-9a-f]+: blocks nested more than 4000 deep/);
  });

  it('a chain of 20,000 calls compiles and runs', () => {
    const r = cli('run', 'chain.wat');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^PASS chain\.zkasm/);
  }, 120_000);

  it('a 20 MiB data segment is refused: more initial memory than the set-up takes', () => {
    writeFileSync(join(DIR, 'data.wasm'), wasmModule([], { pages: 400, bytes: Buffer.alloc(20 * 1024 * 1024, 1) }));
    oneLineError(cli('data.wasm', '-o', 'd.zkasm'), 2, /^error\[W2Z2201\]: data\.wasm: program too large: its data segments hold more than 1048576 non-zero words/);
  }, 60_000);

  it('a table of 2^32 − 1 entries is refused', () => {
    oneLineError(cli('table.wat', '-o', 't.zkasm'), 2, /^error\[W2Z2201\]: table\.wat: program too large: a table of 4294967295 entries/);
  });

  it('run on a .zkasm without finalizeExecution names the missing label', () => {
    oneLineError(cli('run', 'nofinal.zkasm'), 2, /^error\[W2Z3004\]: nofinal\.zkasm: no label finalizeExecution/);
  });

  it('spec on a directory runs its .wast files', () => {
    const r = cli('spec', 'scripts');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^a\.wast\s+1 passed\s+0 failed[^\n]*\nb\.wast\s+1 passed/);
  });
});

describe('hangs', () => {
  it('180 nested plain blocks in a .wat: refused at once, where', () => {
    oneLineError(cli('deep.wat', '-o', 'x.zkasm'), 2, /^error\[W2Z1016\]: deep\.wat:1:\d+: nested more than 128 deep/);
  });

  it('the same in a .wast: the module fails, the run ends', () => {
    const r = cli('spec', 'deep.wast');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/deep\.wast\s+0 passed\s+1 failed/);
  });
});

describe('memory', () => {
  it('check on an infinite loop stops at the step limit a proof can hold, without growing', () => {
    const r = cli('check', 'loop.wat');
    oneLineError(r, 1, /^error\[W2Z3101\]: loop\.zkasm:\d+: step limit 8388608 reached/);
  }, 120_000);

  it('check --max-steps and --max-memory: a clear refusal before building the trace', () => {
    oneLineError(cli('check', 'loop.wat', '--max-steps', '1000'), 1, /step limit 1000 reached/);
    oneLineError(cli('check', 'add.wat', '--max-memory', '0.0001'), 2,
      /^error\[W2Z4004\]: add\.zkasm: its trace of 2\^\d+ rows × \d+ columns needs about [\d.]+ GiB to check, more than the 0\.0001 GiB allowed \(--max-memory\); --segment-rows 65536 checks it in segments of 2\^16 rows$/m);
    oneLineError(cli('prove', 'add.wat', '-o', 'p.json', '--max-memory', '0.001'), 2, /needs about [\d.]+ GiB to prove, .*--segment-rows 65536 proves it in segments/);
  });
});

describe('options', () => {
  it.each(['1e3', 'abc', '-5', '0', '2.5'])('--max-steps %s is refused', (v) => {
    oneLineError(cli('run', 'add.wat', `--max-steps=${v}`), 2, /^error\[W2Z1014\]: --max-steps: bad value .* \(a positive whole number, in decimal digits\)/);
  });

  it('--version prints the package version', () => {
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe((JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('output files', () => {
  it('-o /dev/null writes into the device and leaves it a device', () => {
    expect(cli('add.wat', '-o', '/dev/null').code).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a symbolic link is written through: the link stays, its target gets the text', () => {
    writeFileSync(join(DIR, 'target.zkasm'), 'old');
    symlinkSync('target.zkasm', join(DIR, 'link.zkasm'));
    expect(cli('add.wat', '-o', 'link.zkasm').code).toBe(0);
    expect(lstatSync(join(DIR, 'link.zkasm')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(DIR, 'link.zkasm'))).toBe('target.zkasm');
    expect(readFileSync(join(DIR, 'target.zkasm'), 'utf8')).toMatch(/^\s*; generated by wasm2zkasm/);
  });

  it('a failing compile leaves an existing --pil file and -o file as they were', () => {
    writeFileSync(join(DIR, 'keep.pil'), 'keep me');
    writeFileSync(join(DIR, 'keep.zkasm'), 'keep me too');
    oneLineError(cli('deep.wat', '-o', 'keep.zkasm', '--pil', 'keep.pil'), 2, /W2Z1016/);
    oneLineError(cli('table.wat', '-o', 'keep.zkasm', '--pil', 'keep.pil'), 2, /W2Z2201/);
    expect(readFileSync(join(DIR, 'keep.pil'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(DIR, 'keep.zkasm'), 'utf8')).toBe('keep me too');
  });

  it('a successful compile with --pil writes both', () => {
    const r = cli('add.wat', '-o', 'both.zkasm', '--pil', 'both.pil');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(DIR, 'both.pil'), 'utf8')).toMatch(/namespace Main\(%N\)/);
    expect(readFileSync(join(DIR, 'both.zkasm'), 'utf8')).toMatch(/finalizeExecution:/);
  }, 60_000);
});
