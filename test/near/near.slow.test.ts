// NEAR calls in prover shape (the built CLI), checked against every constraint of their PIL: a
// call alone (status_message set_status; test_contract's panic). The proofs are in
// prove.alone.slow.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
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
});
