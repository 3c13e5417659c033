// Real STARK proofs of the milestone programs: prove, verify against the program's key, and a
// verifier that is not fooled by a changed public or by a proof of another program. Then the
// setup → prove --vkey → verify --vkey path through the CLI, with inputs and outputs.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { romOfFile } from '../../src/compile.js';
import { programKey, proveProgram, verifyProgramProof } from '../../src/pil/prove-program.js';
import { parseProof, serializeProof, verifyProofFile } from '../../src/pil/stark/index.js';
import { runCli } from '../helpers/cli.js';
import { OUT42_WAT } from './proof-tamper.js';

const quiet = () => undefined;
const insecureOk = { allowInsecure: true };

describe.each(['golden/m1/add.wat', 'golden/m2/counter.wat', 'golden/m3/fib.wat', 'golden/m3/calls.wat'])('proof of %s', (file) => {
  it('proves and verifies against the program\'s key; a changed status public does not verify', async () => {
    const { rom } = await romOfFile(file);
    const { file: proof } = await proveProgram(rom, [], { security: 'test', log: quiet, name: file });
    const key = await programKey(rom, { nBits: proof.nBits, security: 'test', name: file });
    const text = serializeProof(proof);
    const ok = await verifyProofFile(parseProof(text, 'p.json'), key, insecureOk);
    expect(ok.ok).toBe(true);
    expect(ok.publics[0]).toBe(0n); // status: finished
    expect((await verifyProgramProof(parseProof(text, 'p.json'), rom, file, insecureOk)).ok).toBe(true);
    const forged = parseProof(text, 'p.json');
    forged.publics[0] = 1n;
    expect((await verifyProofFile(forged, key, insecureOk)).ok).toBe(false);
  }, 900_000); // 20–180 s alone; more beside the sweep's workers
});

describe('setup / prove / verify CLI', () => {
  it('outputs are publics: a key sized by a run with inputs, a proof for it, verify prints them; another program is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2z-prove-'));
    writeFileSync(join(dir, 'echo.wat'), `(module
      (import "env" "input_i32" (func $in (result i32)))
      (import "env" "output_i32" (func $out (param i32)))
      (func $main (export "main") (call $out (i32.add (call $in) (call $in)))))`);
    writeFileSync(join(dir, 'in.json'), '[40, 2]');
    const run = (...args: string[]) => runCli(dir, ...args);
    const s = run('setup', 'echo.wat', '--input', 'in.json', '-o', 'echo.vkey', '--security', 'test');
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/^KEY echo\.wat: 2\^13 rows \(binary table: 8192\), 'test' profile\n/);
    const p = run('prove', 'echo.wat', '--input', 'in.json', '--vkey', 'echo.vkey', '-o', 'echo.proof.json');
    expect(p.code).toBe(0);
    expect(p.err).toMatch(/prove: setup [\d.]+ s\nprove: prove [\d.]+ s\nprove: verify [\d.]+ s/);
    expect(p.out).toMatch(/^PROVEN echo\.zkasm: 2\^13 rows, 'test' profile, \d+ KiB, [\d.]+ s \(for the key echo\.vkey\)\n/);
    const v = run('verify', 'echo.proof.json', '--vkey', 'echo.vkey', '--allow-insecure');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^VALID echo\.proof\.json \(a run of echo\.wat\)\n {2}status 0 \(finished\); outputs: 42\n/);
    expect(run('verify', 'echo.proof.json', '--program', 'echo.wat', '--allow-insecure').code).toBe(0);
    // a verifier given a different program refuses the proof
    writeFileSync(join(dir, 'other.wat'), readFileSync(join(dir, 'echo.wat'), 'utf8').replace('i32.add', 'i32.sub'));
    const o = run('verify', 'echo.proof.json', '--program', 'other.wat', '--allow-insecure');
    expect(o.code).toBe(1);
    expect(o.out).toMatch(/^INVALID .*another program/);
    // a claimed output that was not computed
    const j = JSON.parse(readFileSync(join(dir, 'echo.proof.json'), 'utf8'));
    const key = JSON.parse(readFileSync(join(dir, 'echo.vkey'), 'utf8'));
    j.publics[key.publics.indexOf('out0_lo')] = '43';
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(j));
    const f = run('verify', 'forged.json', '--vkey', 'echo.vkey', '--allow-insecure');
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/^INVALID forged\.json/);
    const bad = run('verify', 'in.json', '--vkey', 'echo.vkey');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error\[W2Z4201\]: in\.json: not a readable proof/);
  }, 900_000);

  it('--rows: a proof and a key at a larger N agree; the smaller N\'s key refuses the proof', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2z-rows-'));
    writeFileSync(join(dir, 'out42.wat'), OUT42_WAT);
    const run = (...args: string[]) => runCli(dir, ...args);
    expect(run('prove', 'out42.wat', '--rows', '512', '--security', 'test', '-o', 'p512.json').code).toBe(0);
    expect(run('setup', 'out42.wat', '--rows', '512', '--security', 'test', '-o', 'k512.vkey').code).toBe(0);
    expect(run('setup', 'out42.wat', '--security', 'test', '-o', 'k256.vkey').code).toBe(0);
    const v = run('verify', 'p512.json', '--vkey', 'k512.vkey', '--allow-insecure');
    expect(v.code).toBe(0);
    expect(v.out).toContain("  2^9 rows, 'test' profile (8 FRI queries)\n");
    const w = run('verify', 'p512.json', '--vkey', 'k256.vkey', '--allow-insecure');
    expect(w.code).toBe(1);
    expect(w.out).toBe('INVALID p512.json: the proof has 2^9 rows, the key is for 2^8\n');
  }, 900_000);
});
