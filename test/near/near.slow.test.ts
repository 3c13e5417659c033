// NEAR calls in prover shape (the built CLI), checked against every constraint of their PIL: a
// call alone (status_message set_status; test_contract's panic), the batches of test/near/batches
// (two contracts: status_message and fungible_token's scenario; test_contract's methods; a small
// contract's two calls in segments). The proofs are in prove.alone.slow.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const BATCHES = join(import.meta.dirname, 'batches');
type CallJson = { contract: string; method: string; status: string; return?: { value?: string } | null; failure?: { message: string } };
const TIMEOUT = 3_600_000;

describe('near check', () => {
  it('status_message set_status: every constraint holds', () => {
    const r = runCli(mkdtempSync(join(tmpdir(), 'w2z-nc-')), 'near', 'check', join(NEAR, 'status_message.wasm'), 'set_status', '--args', '{"message":"hello"}');
    expect(r.err).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^SUCCESS contract\.near set_status\n/);
    expect(r.out).toMatch(/\nOK \d+ steps, 2\^\d+ rows/);
  }, TIMEOUT);

  it('test_contract test_panic_macro: the panic is an outcome, every constraint holds', () => {
    const r = runCli(mkdtempSync(join(tmpdir(), 'w2z-nc-')), 'near', 'check', join(NEAR, 'test_contract.wasm'), 'test_panic_macro');
    expect(r.err).not.toMatch(/error|warning/);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^FAILURE contract\.near test_panic_macro: Smart contract panicked: panicked at 'PANIC!', src\/lib\.rs:34:9\n/);
    expect(r.out).toMatch(/\nOK \d+ steps, 2\^\d+ rows/);
  }, TIMEOUT);

  it('a batch over two contracts (8 calls): every constraint holds, the balances near-sdk-rs expects', () => {
    const r = runCli(BATCHES, 'near', 'batch', 'two-contracts.json', '--check', '--json');
    expect(r.err).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { status: string; calls: CallJson[]; steps: number };
    expect(out.status).toBe('ok');
    expect(out.calls.map((c) => `${c.contract} ${c.method} ${c.status}`)).toEqual([
      'status.near set_status success', 'ft.near new_default_meta success', 'status.near set_status success',
      'ft.near storage_deposit success', 'ft.near ft_transfer success', 'status.near get_status success',
      'ft.near ft_balance_of success', 'ft.near ft_balance_of success',
    ]);
    expect(out.calls.slice(5).map((c) => c.return?.value)).toEqual(['"hello"', '"400000"', '"600000"']);
  }, TIMEOUT);

  it("test_contract's methods in a batch (7 calls, 5 panics): every constraint holds", () => {
    const r = runCli(BATCHES, 'near', 'batch', 'test-contract.json', '--check', '--json');
    expect(r.err).not.toMatch(/error|warning/);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.out) as { status: string; calls: CallJson[] };
    expect(out.status).toBe('ok');
    expect(out.calls.map((c) => c.failure?.message ?? c.status)).toEqual([
      "Smart contract panicked: panicked at 'Old state doesn't exist', src/lib.rs:28:60",
      "Smart contract panicked: panicked at 'PANIC!', src/lib.rs:34:9",
      "Smart contract panicked: Method new doesn't accept deposit",
      'success',
      'Smart contract panicked: The contract has already been initialized',
      'success',
      "Smart contract panicked: panicked at 'PANIC!', src/lib.rs:34:9",
    ]);
  }, TIMEOUT);

  it('a batch of two calls in segments of 2^16 rows: every segment and link holds', () => {
    const r = runCli(BATCHES, 'near', 'batch', 'prove-two.json', '--check', '--segment-rows', '65536');
    expect(r.err).not.toMatch(/error|warning/);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/\nFAILURE counter\.near below_zero: Smart contract panicked: counter went negative\n/);
    expect(r.out).toMatch(/\nOK \d+ steps in \d+ segment\(s\) of 2\^16 rows, every segment and link checked/);
  }, TIMEOUT);
});
