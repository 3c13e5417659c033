// NEAR calls, each run twice — by the reference host in V8 (test/helpers/near-reference.ts, written
// to nearcore's semantics apart from the zkASM host) and on our machine (the contract linked with
// templates/near/host.wasm, compiled to zkASM) — whose outcomes must be equal call for call; then
// checked against the values near-sdk-rs's own tests expect: the real contracts of ../shared/near
// (near-sdk-rs, 2022: examples/status-message, examples/fungible-token with near-contract-standards'
// FT, examples/test-contract), and a small hand-written contract for the host functions, errors and
// traps the real ones do not reach.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callableMethods, keccak256, keccak512, runReference } from '../helpers/near-reference.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { decodeOutcome, encodeOutcome } from '../../src/near/outcome.js';
import { encodeTape } from '../../src/near/tape.js';
import { compileNear, type CompiledNear } from '../../src/near/compile.js';
import { outcomeOf } from '../../src/near/run.js';
import { runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import type { CallIn, CallOutcomeOut, ContractInit, OutcomeOut, TapeIn } from '../../src/near/types.js';

const NEAR = join(import.meta.dirname, '../../../shared/near');
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const YOCTO_BALANCE = 10n ** 26n;

function account(id: string, storage: [string, string][] = []): ContractInit {
  return {
    accountId: enc(id),
    storageUsage: 1000n,
    balance: YOCTO_BALANCE,
    lockedBalance: 0n,
    storage: storage.map(([k, v]) => [enc(k), enc(v)]),
  };
}

function callOf(contract: number, method: number, predecessor: string, input: string, over: Partial<CallIn> = {}): CallIn {
  return {
    contract,
    method,
    signerAccountId: enc(predecessor),
    signerAccountPk: Uint8Array.from({ length: 33 }, (_, i) => (i === 0 ? 0 : i)),
    predecessorAccountId: enc(predecessor),
    input: enc(input),
    blockHeight: 100n,
    blockTimestamp: 1_600_000_000_000_000_000n,
    epochHeight: 5n,
    attachedDeposit: 0n,
    prepaidGas: 300_000_000_000_000n,
    randomSeed: new Uint8Array(32),
    isView: false,
    promiseResults: [],
    ...over,
  };
}

/** Runs one contract's calls; `method` names are resolved through callableMethods. */
async function run(
  code: Uint8Array,
  init: ContractInit,
  calls: [method: string, predecessor: string, input: string, over?: Partial<CallIn>][],
): Promise<OutcomeOut> {
  const names = callableMethods(code);
  const tape: TapeIn = {
    contracts: [init],
    calls: calls.map(([m, p, input, over]) => {
      const i = names.indexOf(m);
      if (i < 0) throw new Error(`no method ${m}`);
      return callOf(0, i, p, input, over);
    }),
  };
  const out = await runReference([code], tape, [names]);
  // every outcome the reference builds is a valid outcome
  expect(decodeOutcome(encodeOutcome(out))).toEqual(out);
  // and our machine, with the zkASM host, gives the same outcome call for call
  const zk = await onOurMachine(code, tape);
  zk.calls.forEach((c, k) => expect(c, `call ${k} (${calls[k]![0]})`).toEqual(out.calls[k]));
  expect(zk).toEqual(out);
  return out;
}

/** The tape run by the compiled program (contract + zkASM host); compiled once per contract. */
const compiled = new Map<string, CompiledNear>();
async function onOurMachine(code: Uint8Array, tape: TapeIn): Promise<OutcomeOut> {
  const key = createHash('sha256').update(code).digest('hex');
  let program = compiled.get(key);
  if (!program) compiled.set(key, program = compileNear([await loadWasmBytes(code, 'contract.wasm')]));
  const run = runRom(program.rom, { inputs: encodeTape(tape) });
  return outcomeOf(run, tape, 'contract.wasm');
}

const value = (c: CallOutcomeOut | undefined): string => {
  expect(c?.status, JSON.stringify(c?.failure)).toBe('success');
  expect(c?.returned?.kind).toBe('value');
  return dec((c!.returned as { value: Uint8Array }).value);
};
const failure = (c: CallOutcomeOut | undefined): { kind: string; message: string } => {
  expect(c?.status).toBe('failure');
  return c!.failure!;
};

describe('hashes', () => {
  it('keccak256 and keccak512 are Keccak with the original padding (not SHA-3)', () => {
    expect(hex(keccak256(new Uint8Array(0)))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(hex(keccak256(enc('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(hex(keccak512(new Uint8Array(0)))).toBe(
      '0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e',
    );
    // more than one block (rate 136 bytes)
    expect(hex(keccak256(new Uint8Array(200)))).not.toBe(hex(keccak256(new Uint8Array(199))));
    expect(hex(createHash('sha3-256').update(new Uint8Array(0)).digest())).not.toBe(hex(keccak256(new Uint8Array(0))));
  });
});

describe('callableMethods', () => {
  it('lists the real contracts’ [] -> [] exports in export order', () => {
    const m = (n: string): string[] => callableMethods(readFileSync(join(NEAR, `${n}.wasm`)));
    expect(m('status_message')).toEqual(['metadata', 'set_status', 'get_status']);
    expect(m('test_contract')).toEqual(['new', 'migrate_state', 'test_panic_macro']);
    expect(m('fungible_token')).toEqual([
      'new_default_meta',
      'new',
      'ft_transfer',
      'ft_transfer_call',
      'ft_total_supply',
      'ft_balance_of',
      'ft_resolve_transfer',
      'storage_deposit',
      'storage_withdraw',
      'storage_unregister',
      'storage_balance_bounds',
      'storage_balance_of',
      'ft_metadata',
    ]);
  });

  it('skips functions of other types, other kinds, and counts imports in the function index space', async () => {
    const wasm = await watToWasm(
      `(module
        (import "env" "f" (func $imp))
        (import "env" "g" (func $imp2 (param i64)))
        (func $a) (func $b (param i32)) (func $c (result i32) (i32.const 0))
        (memory (export "memory") 1) (global (export "g") i32 (i32.const 0))
        (export "zeta" (func $a)) (export "b" (func $b)) (export "c" (func $c))
        (export "imp" (func $imp)) (export "imp2" (func $imp2)) (export "alpha" (func $a)))`,
      'm.wat',
    );
    expect(callableMethods(wasm)).toEqual(['zeta', 'imp', 'alpha']);
  });
});

describe('status_message (near-sdk-rs examples/status-message)', () => {
  const code = readFileSync(join(NEAR, 'status_message.wasm'));

  it('set_status then get_status returns the message, with the logs of its test', async () => {
    const out = await run(code, account('status.near'), [
      ['set_status', 'bob_near', '{"message":"hello"}'],
      ['get_status', 'bob_near', '{"account_id":"bob_near"}', { isView: true }],
      ['get_status', 'bob_near', '{"account_id":"francis.near"}', { isView: true }],
    ]);
    const [set, get, none] = out.calls;
    expect(set!.status).toBe('success');
    expect(set!.returned).toEqual({ kind: 'none' });
    expect(set!.logs.map(dec)).toEqual(['bob_near set_status with message hello']);
    expect(set!.changes.map((c) => dec(c.key))).toEqual(['STATE']);
    expect(value(get)).toBe('"hello"');
    expect(get!.logs.map(dec)).toEqual(['get_status for account_id bob_near']);
    expect(value(none)).toBe('null');
    expect(none!.logs.map(dec)).toEqual(['get_status for account_id francis.near']);
    // the state (STATE = borsh of the map) grew by its new value + 40 bytes
    const state = set!.changes[0]!.value!;
    expect(set!.storageUsage).toBe(1000n + 5n + BigInt(state.length) + 40n);
    expect(get!.storageUsage).toBe(set!.storageUsage);
  });

  it('a view call cannot write; the failed call changes nothing', async () => {
    const out = await run(code, account('status.near'), [
      ['set_status', 'bob_near', '{"message":"hello"}'],
      ['set_status', 'bob_near', '{"message":"bye"}', { isView: true }],
      ['set_status', 'bob_near', '{"message":"bye"}', { attachedDeposit: 7n }],
      ['get_status', 'bob_near', '{"account_id":"bob_near"}'],
    ]);
    expect(failure(out.calls[1])).toEqual({ kind: 'host', message: 'signer_account_id is not allowed in view calls' });
    expect(out.calls[1]!.balance).toBe(YOCTO_BALANCE);
    expect(out.calls[2]!.balance).toBe(YOCTO_BALANCE + 7n); // set_status is #[payable]
    expect(value(out.calls[3])).toBe('"bye"');
  });
});

describe('fungible_token (near-sdk-rs examples/fungible-token)', () => {
  const code = readFileSync(join(NEAR, 'fungible_token.wasm'));
  const TOTAL_SUPPLY = 1_000_000_000_000_000n; // as in the example's tests
  const transfer = TOTAL_SUPPLY / 3n;
  const MIN = 1_250_000_000_000_000_000_000n; // 125 bytes of account storage × 10^19 yoctoNEAR a byte
  let out: OutcomeOut;

  beforeAll(async () => {
    out = await run(code, account('ft.near'), [
      ['new_default_meta', 'alice.near', `{"owner_id":"alice.near","total_supply":"${TOTAL_SUPPLY}"}`], // 0
      ['storage_balance_bounds', 'alice.near', '', { isView: true }], // 1
      ['storage_deposit', 'bob.near', '{"account_id":"bob.near"}', { attachedDeposit: MIN }], // 2
      ['ft_transfer', 'alice.near', `{"receiver_id":"bob.near","amount":"${transfer}"}`, { attachedDeposit: 1n }], // 3
      ['ft_balance_of', 'carol.near', '{"account_id":"alice.near"}', { isView: true }], // 4
      ['ft_balance_of', 'carol.near', '{"account_id":"bob.near"}', { isView: true }], // 5
      ['ft_total_supply', 'carol.near', '', { isView: true }], // 6
      ['ft_transfer', 'alice.near', '{"receiver_id":"bob.near","amount":"1"}'], // 7: no deposit
      ['ft_transfer', 'alice.near', '{"receiver_id":"dave.near","amount":"1"}', { attachedDeposit: 1n }], // 8
      ['ft_transfer_call', 'alice.near', '{"receiver_id":"bob.near","amount":"100","msg":"hi"}', { attachedDeposit: 1n }], // 9
      ['ft_resolve_transfer', 'alice.near', '{"sender_id":"alice.near","receiver_id":"bob.near","amount":"100"}'], // 10
      [
        'ft_resolve_transfer', // 11: the receiver failed: everything is refunded
        'ft.near',
        '{"sender_id":"alice.near","receiver_id":"bob.near","amount":"100"}',
        { promiseResults: [{ status: 'failed', data: new Uint8Array(0) }] },
      ],
      ['ft_balance_of', 'carol.near', '{"account_id":"alice.near"}', { isView: true }], // 12
      ['storage_deposit', 'carol.near', '{}', { attachedDeposit: MIN + 5n }], // 13: 5 yocto refunded
      ['new_default_meta', 'alice.near', `{"owner_id":"alice.near","total_supply":"1"}`], // 14
    ]);
  });

  it('initialises, registers bob for the minimum storage deposit and transfers a third', () => {
    const c = out.calls;
    expect(c[0]!.status).toBe('success');
    expect(value(c[1])).toBe(`{"min":"${MIN}","max":"${MIN}"}`);
    expect(value(c[2])).toBe(`{"total":"${MIN}","available":"0"}`);
    // bob's balance entry: key 0x00 (the accounts map's prefix) + borsh("bob.near"), a u128 value:
    // 13 + 16 + 40 bytes
    expect(c[2]!.storageUsage - c[0]!.storageUsage).toBe(69n);
    expect(c[2]!.balance).toBe(YOCTO_BALANCE + MIN);
    expect(c[3]!.status).toBe('success');
    expect(c[3]!.logs.map(dec)).toEqual([
      `EVENT_JSON:{"standard":"nep141","version":"1.0.0","event":"ft_transfer","data":[{"old_owner_id":"alice.near","new_owner_id":"bob.near","amount":"${transfer}"}]}`,
    ]);
    expect(c[3]!.changes).toHaveLength(2);
    expect(c[3]!.balance).toBe(YOCTO_BALANCE + MIN + 1n);
    expect(value(c[4])).toBe(`"${TOTAL_SUPPLY - transfer}"`);
    expect(value(c[5])).toBe(`"${transfer}"`);
    expect(value(c[6])).toBe(`"${TOTAL_SUPPLY}"`);
  });

  it('fails as near-contract-standards says', () => {
    const c = out.calls;
    expect(failure(c[7])).toEqual({
      kind: 'panic',
      message: 'Smart contract panicked: Requires attached deposit of exactly 1 yoctoNEAR',
    });
    expect(failure(c[8]).message).toBe('Smart contract panicked: The account dave.near is not registered');
    expect(c[8]!.balance).toBe(c[6]!.balance); // the deposit is refunded
    expect(failure(c[10]).message).toBe('Smart contract panicked: Method ft_resolve_transfer is private');
    expect(failure(c[14]).message).toBe('Smart contract panicked: The contract has already been initialized');
  });

  it('ft_transfer_call returns the promise of ft_on_transfer then ft_resolve_transfer', () => {
    const c = out.calls[9]!;
    expect(c.status).toBe('success');
    expect(c.returned).toEqual({ kind: 'promise', receipt: 1 });
    expect(c.receipts).toHaveLength(2);
    const [onTransfer, resolve] = c.receipts;
    expect(dec(onTransfer!.receiverId)).toBe('bob.near');
    expect(onTransfer!.dependencies).toEqual([]);
    expect(onTransfer!.actions).toEqual([
      {
        kind: 'function_call',
        methodName: enc('ft_on_transfer'),
        args: enc('{"sender_id":"alice.near","amount":"100","msg":"hi"}'),
        deposit: 0n,
        gas: 300_000_000_000_000n - 30_000_000_000_000n, // prepaid − GAS_FOR_FT_TRANSFER_CALL
        gasWeight: 1n,
      },
    ]);
    expect(dec(resolve!.receiverId)).toBe('ft.near');
    expect(resolve!.dependencies).toEqual([0]);
    expect(resolve!.actions).toEqual([
      {
        kind: 'function_call',
        methodName: enc('ft_resolve_transfer'),
        args: enc('{"sender_id":"alice.near","receiver_id":"bob.near","amount":"100"}'),
        deposit: 0n,
        gas: 5_000_000_000_000n, // GAS_FOR_RESOLVE_TRANSFER
        gasWeight: 1n,
      },
    ]);
    // the callback with a failed promise result refunds the whole amount
    expect(value(out.calls[11])).toBe('"0"');
    expect(out.calls[11]!.logs.map(dec)).toEqual([
      'EVENT_JSON:{"standard":"nep141","version":"1.0.0","event":"ft_transfer","data":[{"old_owner_id":"bob.near","new_owner_id":"alice.near","amount":"100","memo":"refund"}]}',
    ]);
    expect(value(out.calls[12])).toBe(`"${TOTAL_SUPPLY - transfer}"`);
  });

  it('storage_deposit refunds what exceeds the minimum by a transfer receipt', () => {
    const c = out.calls[13]!;
    expect(value(c)).toBe(`{"total":"${MIN}","available":"0"}`);
    expect(c.receipts).toEqual([{ receiverId: enc('carol.near'), dependencies: [], actions: [{ kind: 'transfer', deposit: 5n }] }]);
    expect(c.balance).toBe(out.calls[12]!.balance + MIN);
  });
});

describe('test_contract (near-sdk-rs examples/test-contract)', () => {
  const code = readFileSync(join(NEAR, 'test_contract.wasm'));

  it('panics, initialises and migrates as its tests expect', async () => {
    const out = await run(code, account('test.near'), [
      ['migrate_state', 'alice.near', ''],
      ['test_panic_macro', 'alice.near', ''],
      ['new', 'alice.near', '', { attachedDeposit: 1n }],
      ['new', 'alice.near', ''],
      ['new', 'alice.near', ''],
      ['migrate_state', 'alice.near', ''],
      ['test_panic_macro', 'alice.near', ''],
    ]);
    const c = out.calls;
    expect(failure(c[0])).toEqual({
      kind: 'panic',
      message: "Smart contract panicked: panicked at 'Old state doesn't exist', src/lib.rs:28:60",
    });
    // #[should_panic(expected = "PANIC!")]
    expect(failure(c[1])).toEqual({ kind: 'panic', message: "Smart contract panicked: panicked at 'PANIC!', src/lib.rs:34:9" });
    expect(failure(c[2]).message).toBe("Smart contract panicked: Method new doesn't accept deposit");
    expect(c[2]!.balance).toBe(YOCTO_BALANCE);
    expect(c[3]!.status).toBe('success');
    expect(c[3]!.changes).toEqual([{ key: enc('STATE'), value: new Uint8Array(0) }]);
    expect(c[3]!.storageUsage).toBe(1000n + 5n + 40n);
    expect(failure(c[4]).message).toBe('Smart contract panicked: The contract has already been initialized');
    expect(c[5]!.status).toBe('success');
    expect(c[5]!.changes).toEqual([]); // rewritten with the same (empty) value
    expect(failure(c[6]).message).toContain("'PANIC!'");
  });
});

// ---------------------------------------------------------------------------------------------
// a hand-written contract for the rest of the host

const HOST_WAT = `(module
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "write_register" (func $write_register (param i64 i64 i64)))
  (import "env" "input" (func $input (param i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))
  (import "env" "storage_has_key" (func $storage_has_key (param i64 i64) (result i64)))
  (import "env" "storage_usage" (func $storage_usage (result i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "log_utf16" (func $log_utf16 (param i64 i64)))
  (import "env" "panic" (func $panic))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "account_balance" (func $account_balance (param i64)))
  (import "env" "attached_deposit" (func $attached_deposit (param i64)))
  (import "env" "current_account_id" (func $current_account_id (param i64)))
  (import "env" "block_index" (func $block_index (result i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "keccak256" (func $keccak256 (param i64 i64 i64)))
  (import "env" "promise_batch_create" (func $batch_create (param i64 i64) (result i64)))
  (import "env" "promise_batch_then" (func $batch_then (param i64 i64 i64) (result i64)))
  (import "env" "promise_and" (func $promise_and (param i64 i64) (result i64)))
  (import "env" "promise_batch_action_transfer" (func $transfer (param i64 i64)))
  (import "env" "promise_batch_action_function_call_weight"
    (func $function_call_weight (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_add_key_with_function_call"
    (func $add_key_fc (param i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_return" (func $promise_return (param i64)))
  (import "env" "promise_results_count" (func $promise_results_count (result i64)))
  (import "env" "promise_result" (func $promise_result (param i64 i64) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 100) "bob.near")
  (data (i32.const 110) "carol.near")
  (data (i32.const 120) "ft.near")
  (data (i32.const 130) "cb")
  (data (i32.const 140) "{}")
  (data (i32.const 150) "\\05")
  (data (i32.const 170) "\\07")
  (data (i32.const 190) "\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff")
  (data (i32.const 230) "a,b")
  (data (i32.const 240) "\\00\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01\\01")
  (data (i32.const 300) "k1abcdef")
  (data (i32.const 310) "k2")
  (data (i32.const 320) "k0")
  (data (i32.const 330) "k9v")
  (data (i32.const 340) "before")
  (data (i32.const 350) "\\ff")
  (data (i32.const 360) "h\\00\\e9\\00\\00\\00")
  (data (i32.const 380) "\\08\\00\\00\\00o\\00o\\00p\\00s\\00")
  (data (i32.const 400) "\\08\\00\\00\\00a\\00.\\00t\\00s\\00")
  (data (i32.const 420) "A")
  (data (i32.const 430) "abc")
  (data (i32.const 440) "a,,b")
  (func $ret64 (param i64) (i64.store (i32.const 0) (local.get 0)) (call $value_return (i64.const 8) (i64.const 0)))
  (func (export "echo") (call $input (i64.const 0)) (call $value_return (i64.const -1) (i64.const 0)))
  (func (export "no_register") (call $read_register (i64.const 7) (i64.const 0)))
  (func (export "reg_len") (call $ret64 (call $register_len (i64.const 9))))
  (func (export "oob_log") (call $log_utf8 (i64.const 16) (i64.const 65530)))
  (func (export "oob_register") (call $input (i64.const 0)) (call $read_register (i64.const 0) (i64.const 65535)))
  (func (export "write_register")
    (call $write_register (i64.const 3) (i64.const 3) (i64.const 430))
    (call $value_return (i64.const -1) (i64.const 3)))
  (func (export "storage")
    (drop (call $storage_write (i64.const 2) (i64.const 300) (i64.const 3) (i64.const 302) (i64.const 0)))
    (drop (call $storage_write (i64.const 2) (i64.const 300) (i64.const 6) (i64.const 302) (i64.const 1)))
    (drop (call $storage_write (i64.const 2) (i64.const 310) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $storage_remove (i64.const 2) (i64.const 300) (i64.const 2)))
    (drop (call $storage_remove (i64.const 2) (i64.const 320) (i64.const 4)))
    ;; returns: usage, write-again code, register 1 (old "abc"), register 2 (removed "abcdef"), has k1, has k2
    (i64.store (i32.const 0) (call $storage_usage))
    (i64.store (i32.const 8) (call $storage_write (i64.const 2) (i64.const 310) (i64.const 0) (i64.const 0) (i64.const 0)))
    (call $read_register (i64.const 1) (i64.const 16))
    (call $read_register (i64.const 2) (i64.const 19))
    (i64.store (i32.const 25) (call $storage_has_key (i64.const 2) (i64.const 300)))
    (i64.store (i32.const 33) (call $storage_has_key (i64.const 2) (i64.const 310)))
    (call $value_return (i64.const 41) (i64.const 0)))
  (func (export "fail_after_write")
    (drop (call $storage_write (i64.const 2) (i64.const 330) (i64.const 1) (i64.const 332) (i64.const 0)))
    (call $log_utf8 (i64.const 6) (i64.const 340))
    unreachable)
  (func (export "div0") (drop (i32.div_u (i32.const 1) (i32.wrap_i64 (call $block_index)))))
  (func $recurse (export "recurse") (call $recurse))
  (func (export "mem_oob") (drop (i32.load (i32.const 65533))))
  (func (export "panic") (call $panic))
  (func (export "bad_utf8") (call $log_utf8 (i64.const 1) (i64.const 350)))
  (func (export "log_utf16") (call $log_utf16 (i64.const -1) (i64.const 360)) (call $log_utf8 (i64.const -1) (i64.const 340)))
  (func (export "abort") (call $abort (i32.const 384) (i32.const 404) (i32.const 7) (i32.const 3)))
  (func (export "promises") (local $p0 i64) (local $p1 i64) (local $p3 i64)
    (local.set $p0 (call $batch_create (i64.const 8) (i64.const 100)))
    (call $transfer (local.get $p0) (i64.const 150))
    (local.set $p1 (call $batch_create (i64.const 10) (i64.const 110)))
    (i64.store (i32.const 500) (local.get $p0))
    (i64.store (i32.const 508) (local.get $p1))
    (local.set $p3 (call $batch_then (call $promise_and (i64.const 500) (i64.const 2)) (i64.const 7) (i64.const 120)))
    (call $function_call_weight (local.get $p3) (i64.const 2) (i64.const 130) (i64.const 2) (i64.const 140)
      (i64.const 170) (i64.const 10) (i64.const 2))
    (call $add_key_fc (local.get $p3) (i64.const 33) (i64.const 240) (i64.const 1) (i64.const 210)
      (i64.const 7) (i64.const 120) (i64.const 3) (i64.const 230))
    (call $promise_return (local.get $p3)))
  (func (export "return_joint")
    (drop (call $batch_create (i64.const 8) (i64.const 100)))
    (drop (call $batch_create (i64.const 8) (i64.const 100)))
    (i64.store (i32.const 500) (i64.const 0))
    (i64.store (i32.const 508) (i64.const 1))
    (call $promise_return (call $promise_and (i64.const 500) (i64.const 2))))
  (func (export "append_to_joint")
    (drop (call $batch_create (i64.const 8) (i64.const 100)))
    (call $transfer (call $promise_and (i64.const 500) (i64.const 1)) (i64.const 150)))
  (func (export "bad_promise") (call $transfer (i64.const 5) (i64.const 150)))
  (func (export "bad_account") (drop (call $batch_create (i64.const 1) (i64.const 420))))
  (func (export "empty_method_name")
    (call $add_key_fc (call $batch_create (i64.const 8) (i64.const 100)) (i64.const 33) (i64.const 240) (i64.const 1)
      (i64.const 210) (i64.const 7) (i64.const 120) (i64.const 4) (i64.const 440)))
  (func (export "overspend") (call $transfer (call $batch_create (i64.const 8) (i64.const 100)) (i64.const 190)))
  (func (export "results")
    (i64.store (i32.const 0) (call $promise_results_count))
    (i64.store (i32.const 8) (call $promise_result (i64.const 0) (i64.const 5)))
    (i64.store (i32.const 16) (call $promise_result (i64.const 1) (i64.const 6)))
    (i64.store (i32.const 24) (call $register_len (i64.const 5)))
    (i64.store (i32.const 32) (call $register_len (i64.const 6)))
    (call $value_return (i64.const 40) (i64.const 0)))
  (func (export "bad_result") (drop (call $promise_result (i64.const 2) (i64.const 0))))
  (func (export "balance")
    (call $account_balance (i64.const 0))
    (call $attached_deposit (i64.const 16))
    (call $value_return (i64.const 32) (i64.const 0)))
  (func (export "hash")
    (call $sha256 (i64.const 3) (i64.const 430) (i64.const 0))
    (call $keccak256 (i64.const -1) (i64.const 0) (i64.const 1))
    (call $value_return (i64.const -1) (i64.const 1)))
  (func (export "account") (call $current_account_id (i64.const 0)) (call $value_return (i64.const -1) (i64.const 0)))
)`;

describe('the host functions on a hand-written contract', () => {
  let code: Uint8Array;
  beforeAll(async () => {
    code = await watToWasm(HOST_WAT, 'host.wat');
  });
  const one = async (method: string, over: Partial<CallIn> = {}, init = account('me.near')): Promise<CallOutcomeOut> =>
    (await run(code, init, [[method, 'alice.near', 'in-put', over]])).calls[0]!;
  const le = (b: Uint8Array, at: number): bigint => Buffer.from(b).readBigUInt64LE(at);

  it('registers: input, value_return from a register, register_len of an absent one, write_register', async () => {
    expect(value(await one('echo'))).toBe('in-put');
    expect(value(await one('account'))).toBe('me.near');
    const c = await one('reg_len');
    expect(c.returned).toEqual({ kind: 'value', value: new Uint8Array(8).fill(0xff) }); // u64::MAX
    expect(value(await one('write_register'))).toBe('abc');
    expect(failure(await one('no_register'))).toEqual({ kind: 'host', message: 'Accessed invalid register id: 7' });
  });

  it('memory out of the contract’s memory is MemoryAccessViolation', async () => {
    expect(failure(await one('oob_log'))).toEqual({ kind: 'host', message: 'Accessed memory outside the bounds.' });
    expect(failure(await one('oob_register'))).toEqual({ kind: 'host', message: 'Accessed memory outside the bounds.' });
  });

  it('storage: usage as nearcore counts it, evicted values in registers, the changes', async () => {
    const c = await one('storage', {}, account('me.near', [['k0', 'zz']]));
    expect(c.status).toBe('success');
    const v = (c.returned as { value: Uint8Array }).value;
    // +45 (k1=abc) +3 (k1=abcdef) +42 (k2) −48 (k1) −44 (k0)
    expect(le(v, 0)).toBe(1000n + 45n + 3n + 42n - 48n - 44n);
    expect(c.storageUsage).toBe(1000n - 2n);
    expect(le(v, 8)).toBe(1n); // k2 existed: evicted
    expect(dec(v.subarray(16, 19))).toBe('abc');
    expect(dec(v.subarray(19, 25))).toBe('abcdef');
    expect([le(v, 25), le(v, 33)]).toEqual([0n, 1n]);
    // k1 was written and removed: no change; k0 removed; k2 written empty
    expect(c.changes).toEqual([
      { key: enc('k0'), value: null },
      { key: enc('k2'), value: new Uint8Array(0) },
    ]);
  });

  it('a failed call keeps its logs and drops its writes and deposit', async () => {
    const out = await run(code, account('me.near'), [
      ['fail_after_write', 'alice.near', '', { attachedDeposit: 9n }],
      ['balance', 'alice.near', '', { attachedDeposit: 2n }],
    ]);
    const [failed, balance] = out.calls;
    expect(failure(failed)).toEqual({ kind: 'trap', message: 'WebAssembly trap: An `unreachable` opcode was executed.' });
    expect(failed!.logs.map(dec)).toEqual(['before']);
    expect(failed!.changes).toEqual([]);
    expect(failed!.storageUsage).toBe(1000n);
    expect(failed!.balance).toBe(YOCTO_BALANCE);
    const v = (balance!.returned as { value: Uint8Array }).value;
    expect(le(v, 0) | (le(v, 8) << 64n)).toBe(YOCTO_BALANCE + 2n);
    expect(le(v, 16) | (le(v, 24) << 64n)).toBe(2n);
    expect(balance!.balance).toBe(YOCTO_BALANCE + 2n);
  });

  it('traps have nearcore’s texts', async () => {
    const trap = async (m: string): Promise<string> => failure(await one(m, { blockHeight: 0n })).message;
    expect(await trap('div0')).toBe('WebAssembly trap: An arithmetic exception, e.g. divided by zero.');
    expect(await trap('recurse')).toBe('WebAssembly trap: Stack overflow.');
    expect(await trap('mem_oob')).toBe('WebAssembly trap: Memory out of bounds trap.');
  });

  it('panics, logs and abort', async () => {
    expect(failure(await one('panic'))).toEqual({ kind: 'panic', message: 'Smart contract panicked: explicit guest panic' });
    expect(failure(await one('bad_utf8'))).toEqual({ kind: 'host', message: 'String encoding is bad UTF-8 sequence.' });
    const logs = await one('log_utf16');
    expect(logs.status).toBe('success');
    // utf16 "hé" up to its 0 0, then the utf8 bytes from 340 up to the first 0 byte
    expect(logs.logs.map(dec)).toEqual(['hé', 'before']);
    const ab = await one('abort');
    expect(failure(ab)).toEqual({ kind: 'panic', message: 'Smart contract panicked: oops, filename: "a.ts" line: 7 col: 3' });
    expect(ab.logs.map(dec)).toEqual(['ABORT: oops, filename: "a.ts" line: 7 col: 3']);
  });

  it('promises: batches, and, then, actions, the returned receipt and the balance', async () => {
    const c = await one('promises', { attachedDeposit: 100n });
    expect(c.status, JSON.stringify(c.failure)).toBe('success');
    expect(c.returned).toEqual({ kind: 'promise', receipt: 2 });
    expect(c.receipts).toEqual([
      { receiverId: enc('bob.near'), dependencies: [], actions: [{ kind: 'transfer', deposit: 5n }] },
      { receiverId: enc('carol.near'), dependencies: [], actions: [] },
      {
        receiverId: enc('ft.near'),
        dependencies: [0, 1],
        actions: [
          { kind: 'function_call', methodName: enc('cb'), args: enc('{}'), deposit: 7n, gas: 10n, gasWeight: 2n },
          {
            kind: 'add_key_function_call',
            publicKey: Uint8Array.from({ length: 33 }, (_, i) => (i === 0 ? 0 : 1)),
            nonce: 1n,
            allowance: null,
            receiverId: enc('ft.near'),
            methodNames: enc('a,b'),
          },
        ],
      },
    ]);
    expect(c.balance).toBe(YOCTO_BALANCE + 100n - 12n);
    const view = await one('promises', { isView: true });
    expect(failure(view).message).toBe('promise_batch_create is not allowed in view calls');
  });

  it('promise errors', async () => {
    const msg = async (m: string): Promise<string> => failure(await one(m)).message;
    expect(await msg('return_joint')).toBe('Returning joint promise is currently prohibited.');
    expect(await msg('append_to_joint')).toBe('Actions can only be appended to non-joint promise.');
    expect(await msg('bad_promise')).toBe('5 does not correspond to existing promises');
    expect(await msg('bad_account')).toBe('VM Logic returned an invalid account id');
    expect(await msg('empty_method_name')).toBe('Tried to call an empty method name.');
    expect(await msg('overspend')).toBe('Exceeded the account balance.');
    expect(await msg('bad_result')).toBe('Accessed invalid promise result index: 2');
  });

  it('promise results: count, codes 1 (data to the register) and 2 (failed)', async () => {
    const c = await one('results', {
      promiseResults: [
        { status: 'successful', data: enc('xyz') },
        { status: 'failed', data: new Uint8Array(0) },
      ],
    });
    const v = (c.returned as { value: Uint8Array }).value;
    expect([0, 8, 16, 24, 32].map((o) => le(v, o))).toEqual([2n, 1n, 2n, 3n, (1n << 64n) - 1n]);
    expect(failure(await one('results', { isView: true })).message).toBe('promise_results_count is not allowed in view calls');
  });

  it('sha256 and keccak256 (from a register)', async () => {
    const c = await one('hash');
    const sha = createHash('sha256').update('abc').digest();
    expect(c.returned).toEqual({ kind: 'value', value: keccak256(new Uint8Array(sha)) });
  });
});
