// Real STARK proofs of the milestone programs: prove, verify, and a verifier that is not fooled
// by a changed public or by a proof of another program.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { romOfFile } from '../../src/compile.js';
import { proveProgram, verifyProof } from '../../src/pil/prove-program.js';
import { parseProof, serializeProof } from '../../src/pil/stark/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'wasm2zkasm.js');
const quiet = () => undefined;

describe.each(['golden/m1/add.wat', 'golden/m2/counter.wat', 'golden/m3/fib.wat', 'golden/m3/calls.wat'])('proof of %s', (file) => {
  it('proves and verifies against the program; a changed status public does not verify', async () => {
    const { rom } = await romOfFile(file);
    const { file: proof } = await proveProgram(rom, [], { security: 'test', log: quiet, name: file });
    const text = serializeProof(proof);
    const back = parseProof(text, 'p.json');
    const ok = await verifyProof(back, quiet, rom);
    expect(ok.ok).toBe(true);
    expect(ok.publics[0]).toBe(0n); // status: finished
    const forged = parseProof(text, 'p.json');
    forged.publics[0] = 1n;
    expect((await verifyProof(forged, quiet)).ok).toBe(false);
  }, 300_000);
});

describe('prove / verify CLI', () => {
  it('outputs are publics: prove a run with inputs, verify prints them; another program is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2z-prove-'));
    writeFileSync(join(dir, 'echo.wat'), `(module
      (import "env" "input_i32" (func $in (result i32)))
      (import "env" "output_i32" (func $out (param i32)))
      (func $main (export "main") (call $out (i32.add (call $in) (call $in)))))`);
    writeFileSync(join(dir, 'in.json'), '[40, 2]');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    const p = run('prove', 'echo.wat', '--input', 'in.json', '-o', 'echo.proof.json', '--security', 'test');
    expect(p.status).toBe(0);
    expect(p.stderr).toMatch(/prove: setup [\d.]+ s\nprove: prove [\d.]+ s\nprove: verify [\d.]+ s/);
    expect(p.stdout).toMatch(/^PROVEN echo\.zkasm: 2\^\d+ rows/);
    const v = run('verify', 'echo.proof.json', '--program', 'echo.wat');
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^VALID echo\.proof\.json \(a run of echo\.wat\)\n {2}status 0 \(finished\); outputs: 42\n/);
    // a verifier given a different program refuses the proof
    writeFileSync(join(dir, 'other.wat'), readFileSync(join(dir, 'echo.wat'), 'utf8').replace('i32.add', 'i32.sub'));
    const o = run('verify', 'echo.proof.json', '--program', 'other.wat');
    expect(o.status).toBe(1);
    expect(o.stdout).toMatch(/^INVALID .*another program/);
    // a claimed output that was not computed
    const j = JSON.parse(readFileSync(join(dir, 'echo.proof.json'), 'utf8'));
    const k = j.meta.publicNames.indexOf('out0_lo');
    j.publics[k] = '43';
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(j));
    const f = run('verify', 'forged.json');
    expect(f.status).toBe(1);
    expect(f.stdout).toMatch(/^INVALID forged\.json/);
    const bad = run('verify', 'in.json');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error\[W2Z4201\]: in\.json: not a readable proof/);
  }, 300_000);
});
