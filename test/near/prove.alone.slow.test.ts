// NEAR proofs (the built CLI), in a run of their own (`npm run test:slow:alone`: a 2^18-row proof
// takes 13 GB, more than may run beside the other slow suites). status_message's set_status
// proven and verified, its outcome printed from the proof; the proof file tampered with — the
// claimed outcome, the claimed tape, another contract, a segment's proof: each INVALID. (A batch
// of two calls is proven by hand: each instance reset touches every word of the memory, which the
// segments' memory digests pay for — 11 segments of 2^16 rows for two calls of a one-page contract.)
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
