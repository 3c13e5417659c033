// The proof commands as a user meets them: check, compile --pil / --pols.
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePil } from '../../src/pil/pilcom.js';

let dir = '';

const cli = (...args: string[]) => runCli(dir, ...args);

const SUM = `(module
  (import "env" "input_i32" (func $in (result i32)))
  (import "env" "output_i32" (func $out (param i32)))
  (import "env" "output_i64" (func $out64 (param i64)))
  (func $main (export "main") (local $n i32) (local $s i32)
    (local.set $n (call $in))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $s (i32.add (local.get $s) (call $in)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (call $out (local.get $s))
    (call $out64 (i64.mul (i64.extend_i32_u (local.get $s)) (i64.const 0x100000001)))))`;

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli.js')), 'run `npm run build` first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'w2z-pil-cli-'));
  writeFileSync(join(dir, 'fib.wat'), readFileSync(join(ROOT, 'golden/m3/fib.wat')));
  writeFileSync(join(dir, 'wrong.wat'), readFileSync(join(ROOT, 'golden/m1/add.wat'), 'utf8').replace('i32.const 5', 'i32.const 6'));
  writeFileSync(join(dir, 'sum.wat'), SUM);
  writeFileSync(join(dir, 'in.json'), '[3, 10, 20, "0xfffffff0"]');
});

describe('check', () => {
  it('accepts an honest run and reports N, columns and speed', () => {
    const r = cli('check', 'fib.wat');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK fib\.zkasm\n/);
    expect(r.out).toMatch(/N = 2\^13 \(binary table: 8192\); \d+ committed \+ \d+ constant columns/);
    expect(r.out).toMatch(/checked in \d+ ms \([\d.]+ M cells\/s\)/);
  });

  it('proves inputs and outputs: the outputs are the publics', () => {
    const r = cli('check', 'sum.wat', '--input', 'in.json', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const s = (10 + 20 + 0xfffffff0) % 2 ** 32;
    expect(j.status).toBe('ok');
    expect(j.machines.arith).toBe(true);
    expect(j.publics).toMatchObject({ status: '0', outCount: '2', out0: String(s), out1: String(BigInt(s) * 0x100000001n) });
  });

  it('runs pilcom verifyPil on the same trace with --pilcom', () => {
    const r = cli('check', 'fib.wat', '--pilcom');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/pilcom verifyPil: OK in \d+ ms/);
  });

  it('a failing run is a FAIL naming the zkASM line, exit 1', () => {
    const r = cli('check', 'wrong.wat');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error\[W2Z3101\]: wrong\.zkasm:\d+: assert does not match/);
  });

  it('a missing file is exit 2', () => {
    expect(cli('check', 'nope.wat').code).toBe(2);
  });
});

describe('compile --pil / --pols', () => {
  it('writes a PIL pilcom compiles and polynomial files of N rows', async () => {
    const r = cli('sum.wat', '-o', 'sum.zkasm', '--pil', 'sum.pil', '--pols', 'pols', '--input', 'in.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const pil = await compilePil(readFileSync(join(dir, 'sum.pil'), 'utf8'));
    const N = 2 ** 13; // the binary table sets N: below 2^16 rows the arith machine checks byte pairs
    expect(pil.references['Global.L1']!.polDeg).toBe(N);
    expect(statSync(join(dir, 'pols', 'sum.commit')).size).toBe(N * pil.nCommitments * 8);
    expect(statSync(join(dir, 'pols', 'sum.const')).size).toBe(N * pil.nConstants * 8);
    expect(JSON.parse(readFileSync(join(dir, 'pols', 'sum.pil.json'), 'utf8')).nCommitments).toBe(pil.nCommitments);
    expect(readFileSync(join(dir, 'sum.zkasm'), 'utf8')).toMatch(/^finalizeExecution:$/m);
  }, 60_000);

  it('a program that fails leaves no output files', () => {
    const r = cli('wrong.wat', '-o', 'wrong.zkasm', '--pil', 'wrong.pil');
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'wrong.pil'))).toBe(false);
    expect(existsSync(join(dir, 'wrong.zkasm'))).toBe(false);
  });
});
