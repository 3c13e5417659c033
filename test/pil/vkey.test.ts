// The verification key file: a round trip, and every way a key file can be unusable (one
// message naming the file and the field). A key is trusted whole, so nothing unknown passes.
import { describe, expect, it } from 'vitest';
import { parseVkey, serializeVkey, type VerificationKey } from '../../src/pil/vkey.js';
import { GOLDILOCKS_P } from '../../src/pil/stark/index.js';

const KEY: VerificationKey = {
  program: { name: 'echo.wat', romHash: 'a'.repeat(64) },
  security: 'standard',
  nBits: 12,
  constRoot: [1n, 2n, GOLDILOCKS_P - 1n, 4n],
  starkInfoHash: 'b'.repeat(64),
  pilHash: 'c'.repeat(64),
  publics: ['status', 'outCount', 'out0_lo', 'out0_hi'],
};
const text = serializeVkey(KEY);
const edit = (f: (o: Record<string, unknown>) => void): string => {
  const o = JSON.parse(text) as Record<string, unknown>;
  f(o);
  return JSON.stringify(o);
};
const parsed = (t: string) => () => parseVkey(t, 'k.vkey');
const error = (detail: string) => `k.vkey: not a readable verification key (${detail})`;

describe('a verification key file', () => {
  it('round-trips, field elements as decimal strings, short fields first', () => {
    expect(parseVkey(text, 'k.vkey')).toEqual(KEY);
    expect(JSON.parse(text)).toMatchObject({ format: 'wasm2zkasm-vkey', version: 1, constRoot: ['1', '2', '18446744069414584320', '4'] });
  });

  it('names the file and what is wrong', () => {
    expect(parsed('{')).toThrow(/^k\.vkey: not a readable verification key \(not valid JSON/);
    expect(parsed('[]')).toThrow(error('not a JSON object'));
    expect(parsed(edit((o) => { o.format = 'wasm2zkasm-stark-proof'; }))).toThrow(error('format is "wasm2zkasm-stark-proof", expected "wasm2zkasm-vkey"'));
    expect(parsed(edit((o) => { o.version = 2; }))).toThrow(error('unsupported key version 2 (this build reads version 1)'));
    expect(parsed(edit((o) => { delete o.pilHash; }))).toThrow(error("missing field 'pilHash'"));
    expect(parsed(edit((o) => { o.comment = 'x'; }))).toThrow(error("field 'comment' is not part of a version 1 key"));
    expect(parsed(edit((o) => { (o.program as Record<string, unknown>).version = '1'; }))).toThrow(error("field 'program.version' is not part of a version 1 key"));
    expect(parsed(edit((o) => { (o.program as Record<string, unknown>).name = 'a\nVALID'; }))).toThrow(error("field 'program.name' must be a non-empty string without control characters"));
    expect(parsed(edit((o) => { o.security = 'fast'; }))).toThrow(error('field \'security\' must be "test" or "standard"'));
    expect(parsed(edit((o) => { o.nBits = 24; }))).toThrow(error("field 'nBits' must be an integer from 3 to 23"));
    expect(parsed(edit((o) => { o.constRoot = ['1', '2', '3']; }))).toThrow(error("field 'constRoot' must be an array of 4 field elements"));
    expect(parsed(edit((o) => { (o.constRoot as string[])[3] = GOLDILOCKS_P.toString(); }))).toThrow(error("field 'constRoot[3]' is not below the Goldilocks prime"));
    expect(parsed(edit((o) => { o.starkInfoHash = 'B'.repeat(64); }))).toThrow(error("field 'starkInfoHash' must be a sha256 in lower-case hex"));
    expect(parsed(edit((o) => { (o.program as Record<string, unknown>).romHash = 'abc'; }))).toThrow(error("field 'program.romHash' must be a sha256 in lower-case hex"));
    expect(parsed(edit((o) => { o.publics = ['status', 'out 0']; }))).toThrow(error("field 'publics[1]' must be a PIL name"));
  });
});
