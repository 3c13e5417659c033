// NEAR calls in prover shape (the built CLI): each contract's calls checked against every
// constraint of their PIL, a call alone and batches in segments (a batch is millions of rows) —
// the batch over two contracts too. The proofs are in prove.alone.slow.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const BATCHES = join(import.meta.dirname, 'batches');
const SEGMENT = '262144'; // the host and a near-sdk-rs contract: a ROM of 2^17+ rows
const TIMEOUT = 3_600_000;

describe('near check', () => {
  it('status_message set_status: every constraint holds', () => {
    const r = runCli(mkdtempSync(join(tmpdir(), 'w2z-nc-')), 'near', 'check', join(NEAR, 'status_message.wasm'), 'set_status', '--args', '{"message":"hello"}');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^SUCCESS contract\.near set_status\n/);
    expect(r.out).toMatch(/\nOK \d+ steps, 2\^\d+ rows/);
  }, TIMEOUT);

  const batches: [string, number, RegExp][] = [
    ['ft.json', 0, /SUCCESS ft\.near ft_balance_of\n {2}return: "666666666666667"\n[^]*SUCCESS ft\.near ft_balance_of\n {2}return: "333333333333333"\n/],
    // migrate_state before new and test_panic_macro fail: outcomes like any other (exit 3)
    ['two-contracts.json', 0, /SUCCESS status\.near get_status\n {2}return: "hello"\n[^]*return: "400000"\n[^]*return: "600000"\n/],
    ['test-contract.json', 3, /FAILURE test\.near migrate_state: Smart contract panicked: panicked at 'Old state doesn't exist'[^]*FAILURE test\.near test_panic_macro: Smart contract panicked: panicked at 'PANIC!'/],
  ];
  for (const [file, code, outcome] of batches) {
    it(`${file}: every segment and link holds`, () => {
      const r = runCli(BATCHES, 'near', 'batch', file, '--check', '--segment-rows', SEGMENT);
      expect(r.err).toBe('');
      expect(r.code).toBe(code);
      expect(r.out).toMatch(outcome);
      expect(r.out).toMatch(/\nOK \d+ steps in \d+ segment\(s\) of 2\^18 rows, every segment and link checked/);
    }, TIMEOUT);
  }
});
