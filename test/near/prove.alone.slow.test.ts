// NEAR proofs (the built CLI), in a run of their own (`npm run test:slow:alone`: a 2^18-row proof
// takes 13 GB, more than may run beside the other slow suites). status_message's set_status
// proven and verified, its outcome printed from the proof; the proof file tampered with — the
// claimed outcome, the claimed tape, another contract, a segment's proof: each INVALID. A batch of
// two calls of a small contract on the real host (a storage write, a panic) proven in segments of
// 2^16 rows and verified, the panic's message in the proven outcome; its claim tampered: INVALID.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const TIMEOUT = 3_600_000;
type Doc = { claim: { tape: string[]; outcome: string }; bundle: string };

describe('near prove: status_message set_status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2z-np-'));
  const proof = join(dir, 'set.proof.json');
  beforeAll(() => {
    copyFileSync(join(NEAR, 'status_message.wasm'), join(dir, 'status_message.wasm'));
    const r = runCli(dir, 'near', 'prove', 'status_message.wasm', 'set_status', '--args', '{"message":"hello"}', '-o', proof, '--jobs', '1');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\nPROVEN status_message\.wasm: 1 segment\(s\) of 2\^18 rows, 'standard' profile/);
  }, TIMEOUT);

  it('verifies (plain `verify` knows a NEAR proof), and prints the proven outcome', () => {
    const r = runCli(dir, 'verify', proof);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`VALID ${proof}: 1 call(s) of status_message.wasm, 1 segment(s) of 2^18 rows, 'standard' profile\n`
      + 'SUCCESS contract.near set_status\n  return: (none)\n  log: alice.near set_status with message hello\n'
      + '  storage: STATE = base64:AQAAAAoAAABhbGljZS5uZWFyBQAAAGhlbGxv\n  storage usage 100072, balance 100000000000000000000000000\n');
  }, TIMEOUT);

  const tampered = (name: string, edit: (doc: Doc) => void): string => {
    const doc = JSON.parse(readFileSync(proof, 'utf8')) as Doc;
    edit(doc);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  };
  const cases: [string, (doc: Doc) => void, RegExp][] = [
    ['the claimed outcome (a log)', (d) => {
      const bytes = Buffer.from(d.claim.outcome, 'base64');
      bytes[bytes.indexOf(Buffer.from('hello'))] = 'j'.charCodeAt(0); // "jello": a valid outcome, not the proven one
      d.claim.outcome = bytes.toString('base64');
    }, /^INVALID .*: the proven outputs are not the digests of the claimed tape and outcome\n$/],
    ['the claimed tape (the arguments)', (d) => {
      // the arguments' first word, '{"messag' little-endian; '|"messag' instead
      const k = d.claim.tape.indexOf('67617373656d227b');
      expect(k).toBeGreaterThan(0);
      d.claim.tape[k] = '67617373656d227c';
    }, /^INVALID .*: the proven outputs are not the digests of the claimed tape and outcome\n$/],
    ['a segment\'s proof (a public of the final state)', (d) => {
      const b = JSON.parse(d.bundle);
      const publics = b.segments[0].proof.publics as string[];
      publics[0] = String(BigInt(publics[0]!) + 1n);
      d.bundle = JSON.stringify(b);
    }, /^INVALID /],
  ];
  for (const [what, edit, why] of cases) {
    it(`is INVALID with ${what} changed`, () => {
      const r = runCli(dir, 'near', 'verify', tampered(`t${cases.findIndex((c) => c[0] === what)}.json`, edit));
      expect(r.code, r.err).toBe(1);
      expect(r.out).toMatch(why);
    }, TIMEOUT);
  }

  it('is INVALID against another contract', () => {
    const r = runCli(dir, 'near', 'verify', proof, '--contract', join(NEAR, 'test_contract.wasm'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^INVALID .*test_contract\.wasm is not the contract the proof names/);
  }, TIMEOUT);
});

describe('near batch --prove: two calls (a write, a panic)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2z-nb-'));
  const proof = join(dir, 'two.proof.json');
  const BATCHES = join(import.meta.dirname, 'batches');
  beforeAll(() => {
    // the proof names the contract by its file name: verify finds it beside the proof
    copyFileSync(join(BATCHES, '../fixtures/counter.wat'), join(dir, 'counter.wat'));
    const r = runCli(BATCHES, 'near', 'batch', 'prove-two.json', '--prove', '-o', proof, '--segment-rows', '65536', '--jobs', '2');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\nPROVEN counter\.wat: \d+ segment\(s\) of 2\^16 rows, .standard. profile/);
  }, TIMEOUT);

  it('verifies, and prints both calls from the proof: the write and the panic with its message', () => {
    const r = runCli(dir, 'near', 'verify', proof);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^VALID .*: 2 call\(s\) of counter\.wat, \d+ segment\(s\) of 2\^16 rows/);
    expect(r.out).toContain('SUCCESS counter.near increment\n  return: base64:KgAAAAAAAAA=\n  log: count\n  storage: count = base64:KgAAAAAAAAA=\n');
    expect(r.out).toContain('FAILURE counter.near below_zero: Smart contract panicked: counter went negative\n');
  }, TIMEOUT);

  it('is INVALID with the panic message of the claim changed', () => {
    const doc = JSON.parse(readFileSync(proof, 'utf8')) as Doc;
    const bytes = Buffer.from(doc.claim.outcome, 'base64');
    const at = bytes.indexOf(Buffer.from('negative'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'N'.charCodeAt(0);
    doc.claim.outcome = bytes.toString('base64');
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = runCli(dir, 'near', 'verify', file);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/^INVALID .*: the proven outputs are not the digests of the claimed tape and outcome\n$/);
  }, TIMEOUT);
});
