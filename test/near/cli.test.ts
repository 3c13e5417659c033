// `wasm2zkasm near`: a call and a batch from the command line (the built CLI), state carried
// from one invocation to the next through --state, the outcome of a batch over two contracts
// against the reference host, and bad inputs (one line, exit 2, nothing on stdout).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runReference } from '../helpers/near-reference.js';
import { readBatchFile, tapeOf } from '../../src/near/run.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const STATUS = join(NEAR, 'status_message.wasm');
const BATCHES = join(import.meta.dirname, 'batches');
const tmp = () => mkdtempSync(join(tmpdir(), 'w2z-near-cli-'));
type CallJson = { status: string; return?: { value: string; json?: unknown } | null; failure?: { kind: string; message: string }; logs: string[]; changes: { key: string; value: string | null }[] };

describe('near run', () => {
  it('set_status, then get_status on the state the first left (--state), across two invocations', () => {
    const dir = tmp();
    const set = runCli(dir, 'near', STATUS, 'set_status', '--args', '{"message":"hello"}', '--json');
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    const first = JSON.parse(set.out) as { calls: CallJson[]; steps: number };
    expect(first.calls[0]!.status).toBe('success');
    expect(first.calls[0]!.logs).toEqual(['alice.near set_status with message hello']);
    expect(first.steps).toBeGreaterThan(0);
    const state = Object.fromEntries(first.calls[0]!.changes.map((c) => [c.key, c.value]));
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
    writeFileSync(join(dir, 'ctx.json'), JSON.stringify({ signer_account_id: 'bob.near', is_view: true }));
    const get = runCli(dir, 'near', 'run', STATUS, 'get_status', '--args', '{"account_id":"alice.near"}', '--state', 'state.json', '--context', 'ctx.json', '--json');
    expect(get.code).toBe(0);
    const second = JSON.parse(get.out) as { calls: CallJson[] };
    expect(second.calls[0]!.return).toEqual({ value: '"hello"', json: 'hello' });
    expect(second.calls[0]!.changes).toEqual([]);
  });

  it('a panic is the call\'s outcome, with near-sdk\'s message: exit 3', () => {
    const r = runCli(tmp(), 'near', STATUS, 'get_status', '--args', '{"account":1}');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^FAILURE contract\.near get_status: Smart contract panicked: panicked at 'Failed to deserialize input from JSON\.: Error\("missing field `account_id`"/);
  });

  it('a batch over two contracts: storage carried per contract, the outcome the reference host\'s', async () => {
    const file = join(BATCHES, 'two-contracts.json');
    const r = runCli(tmp(), 'near', 'batch', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const calls = (JSON.parse(r.out) as { calls: CallJson[] }).calls;
    expect(calls).toHaveLength(8);
    expect(calls[5]!.return).toEqual({ value: '"hello"', json: 'hello' });
    expect(calls[6]!.return).toEqual({ value: '"400000"', json: '400000' });
    expect(calls[7]!.return).toEqual({ value: '"600000"', json: '600000' });
    // the same calls on the reference host, shown the same way
    const batch = await readBatchFile(file);
    const ref = await runReference(batch.contracts.map((c) => new Uint8Array(c.loaded.bytes)), tapeOf(batch), batch.contracts.map((c) => c.methods));
    expect(ref.calls.map((c) => c.status)).toEqual(calls.map((c) => c.status));
    expect(ref.calls.map((c) => (c.returned?.kind === 'value' ? new TextDecoder().decode(c.returned.value) : null)))
      .toEqual(calls.map((c) => c.return?.value ?? null));
    expect(ref.calls.map((c) => c.logs.map((l) => new TextDecoder().decode(l)))).toEqual(calls.map((c) => c.logs));
  });
});

describe('near: bad inputs are one line and exit 2', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'bad.json'), '{"STATE": ');
  writeFileSync(join(dir, 'ctx.json'), '{"signer": "bob.near"}');
  writeFileSync(join(dir, 'batch.json'), JSON.stringify({ contracts: [{ wasm: STATUS, account_id: 's.near' }], calls: [{ contract: 'x.near', method: 'set_status' }] }));
  const cases: [string, string[], RegExp][] = [
    ['an unknown method', [STATUS, 'set_stats'], /status_message\.wasm: no method "set_stats" \(its methods: metadata, set_status, get_status\)/],
    ['--args that is not JSON', [STATUS, 'set_status', '--args', '{message:'], /--args: bad NEAR input: not JSON/],
    ['a state file that does not parse', [STATUS, 'get_status', '--state', 'bad.json'], /bad\.json: bad NEAR input: not JSON/],
    ['a context field that does not exist', [STATUS, 'get_status', '--context', 'ctx.json'], /ctx\.json: bad NEAR input: context: unknown field "signer"/],
    ['a missing contract', ['nosuch.wasm', 'm'], /nosuch\.wasm: no such file/],
    ['a batch call of an unknown contract', ['batch', 'batch.json'], /batch\.json: bad NEAR input: calls\[0\]\.contract: no contract "x\.near"/],
    ['a missing batch file', ['batch', 'none.json'], /none\.json: no such file/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = runCli(dir, 'near', ...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(message);
    });
  }
  it('leaves no proof file when it refuses', () => {
    const r = runCli(dir, 'near', 'prove', STATUS, 'nosuch', '-o', 'p.json');
    expect(r.code).toBe(2);
    expect(() => readFileSync(join(dir, 'p.json'))).toThrow();
  });
});
