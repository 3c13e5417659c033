// The NEAR host (templates/near/host.wasm, built from host.c by templates/near/build.sh) run in V8:
// its imports implemented in JavaScript as docs/near.md defines them (env.input_i64 reads the tape
// of src/near/tape.ts, env.output_i64 collects the public words, w2z_guest.* act on a contract
// instance in V8 whose env.* imports are the host's exports; `call` instantiates the contract fresh
// and turns a trap into its code of src/ir/ops.ts TRAP_CODES). The outcome is read through the
// mailbox and decoded with src/near/outcome.ts; it must be what NEAR would do, and what the
// reference host of test/helpers/near-reference.ts computes; the 8 public words must be
// publicWords(tape, outcome).
//
// Contracts: status_message and fungible_token of ../shared/near (near-sdk-rs), and a contract in
// WAT below that calls the host functions the near-sdk ones do not (hashes, UTF-16 logs, abort,
// promises, errors).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callableMethods } from '../../src/near/link.js';
import { decodeOutcome, publicWords } from '../../src/near/outcome.js';
import { encodeTape } from '../../src/near/tape.js';
import type { CallIn, ContractInit, OutcomeOut, TapeIn } from '../../src/near/types.js';
import { decodeModule } from '../../src/wasm/decode.js';
import { runReference } from '../helpers/near-reference.js';

const HOST_DIR = new URL('../../templates/near/', import.meta.url);
const NEAR = join(import.meta.dirname, '../../../shared/near');
const SOURCES = ['host.c', 'sha256.c', 'keccak.c', 'mem.c', 'host.h'];
const U64 = (1n << 64n) - 1n;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

// ---------------------------------------------------------------------------------------------
// the harness

/** A trap's code (src/ir/ops.ts TRAP_CODES) from V8's error, or undefined when it is no trap. */
function trapCode(e: unknown): number | undefined {
  if (e instanceof RangeError && /call stack size exceeded/i.test(e.message)) return 8;
  if (!(e instanceof WebAssembly.RuntimeError)) return undefined;
  const m = e.message;
  if (/unreachable/.test(m)) return 1;
  if (/divide by zero|remainder by zero/.test(m)) return 2;
  if (/divide result unrepresentable|float unrepresentable/.test(m)) return 3;
  if (/memory access out of bounds/.test(m)) return 4;
  if (/table index is out of bounds/.test(m)) return 5;
  // V8 says "null function or function signature mismatch" for both; taken as a null entry, as
  // test/helpers/near-reference.ts does
  if (/null function/.test(m)) return 6;
  if (/signature mismatch/.test(m)) return 7;
  return undefined;
}

interface HostRun {
  outcome: OutcomeOut;
  outcomeBytes: Uint8Array;
  outputs: bigint[];
  /** tape words read */
  read: number;
}

let hostModule: WebAssembly.Module;

function runHost(contracts: Uint8Array[], tape: TapeIn): HostRun {
  const words = encodeTape(tape);
  let read = 0;
  const outputs: bigint[] = [];
  const modules = contracts.map((c) => new WebAssembly.Module(c as Uint8Array<ArrayBuffer>));
  const methods = contracts.map((c) => callableMethods(decodeModule(c, 'contract.wasm')));
  let memory: WebAssembly.Memory | undefined; // the running contract's
  const view = () => new DataView(memory!.buffer);
  let host: WebAssembly.Instance;
  const guest = {
    load_u8: (p: number) => view().getUint8(p >>> 0),
    store_u8: (p: number, v: number) => view().setUint8(p >>> 0, v),
    load_u32: (p: number) => view().getUint32(p >>> 0, true) | 0,
    store_u32: (p: number, v: number) => view().setUint32(p >>> 0, v >>> 0, true),
    load_u64: (p: number) => view().getBigUint64(p >>> 0, true),
    store_u64: (p: number, v: bigint) => view().setBigUint64(p >>> 0, BigInt.asUintN(64, v), true),
    memory_size: () => memory!.buffer.byteLength / 65536,
    contracts: () => modules.length,
    methods: (c: number) => methods[c]!.length,
    call: (c: number, m: number) => {
      const env: Record<string, unknown> = {};
      for (const imp of WebAssembly.Module.imports(modules[c]!)) {
        const f = host.exports[imp.name];
        if (imp.module !== 'env' || typeof f !== 'function') throw new Error(`the host does not export ${imp.name}`);
        env[imp.name] = f;
      }
      const instance = new WebAssembly.Instance(modules[c]!, { env } as WebAssembly.Imports);
      const outer = memory;
      memory = instance.exports['memory'] as WebAssembly.Memory;
      try {
        (instance.exports[methods[c]![m]!] as () => void)();
        return 0;
      } catch (e) {
        const code = trapCode(e);
        if (code === undefined) throw e;
        return code;
      } finally {
        memory = outer;
      }
    },
  };
  host = new WebAssembly.Instance(hostModule, {
    env: {
      input_i64: () => {
        if (read >= words.length) throw new Error('the host read past the end of the tape');
        return words[read++]!;
      },
      output_i64: (v: bigint) => outputs.push(BigInt.asUintN(64, v)),
    },
    w2z_guest: guest,
  });
  (host.exports['near_main'] as () => void)();
  const hostMemory = new DataView((host.exports['memory'] as WebAssembly.Memory).buffer);
  const ptr = hostMemory.getUint32(16, true);
  const len = hostMemory.getUint32(20, true);
  const outcomeBytes = new Uint8Array(hostMemory.buffer, ptr, len).slice();
  return { outcome: decodeOutcome(outcomeBytes), outcomeBytes, outputs, read };
}

/** Runs on the host and on the reference; checks the words read, the public words, the agreement. */
async function runBoth(contracts: Uint8Array[], tape: TapeIn): Promise<OutcomeOut> {
  const r = runHost(contracts, tape);
  expect(r.read).toBe(encodeTape(tape).length);
  expect(r.outputs).toEqual(publicWords(tape, r.outcome));
  const methods = contracts.map((c) => callableMethods(decodeModule(c, 'contract.wasm')));
  const ref = await runReference(contracts, tape, methods);
  expect(r.outcome).toEqual(ref);
  return r.outcome;
}

// ---------------------------------------------------------------------------------------------
// tapes

const ED25519_PK = new Uint8Array(33).fill(7);
ED25519_PK[0] = 0;

function contract(accountId: string, over: Partial<ContractInit> = {}): ContractInit {
  return { accountId: utf8(accountId), storageUsage: 182n, balance: 10n ** 25n, lockedBalance: 0n, storage: [], ...over };
}

function call(contractIndex: number, method: number, input: string | Uint8Array, over: Partial<CallIn> = {}): CallIn {
  return {
    contract: contractIndex,
    method,
    signerAccountId: utf8('alice.near'),
    signerAccountPk: ED25519_PK,
    predecessorAccountId: utf8('alice.near'),
    input: typeof input === 'string' ? utf8(input) : input,
    blockHeight: 1000n,
    blockTimestamp: 1_700_000_000_000_000_000n,
    epochHeight: 10n,
    attachedDeposit: 0n,
    prepaidGas: 300_000_000_000_000n,
    randomSeed: new Uint8Array(32).fill(3),
    isView: false,
    promiseResults: [],
    ...over,
  };
}

const method = (wasm: Uint8Array, name: string): number => {
  const i = callableMethods(decodeModule(wasm, 'contract.wasm')).indexOf(name);
  if (i < 0) throw new Error(`no method ${name}`);
  return i;
};

// ---------------------------------------------------------------------------------------------

beforeAll(() => {
  hostModule = new WebAssembly.Module(readFileSync(new URL('host.wasm', HOST_DIR)));
});

describe('host.wasm', () => {
  it('was built from the sources as committed (else run templates/near/build.sh)', () => {
    const h = createHash('sha256');
    for (const s of SOURCES) h.update(readFileSync(new URL(s, HOST_DIR)));
    expect(readFileSync(new URL('host.c.sha256', HOST_DIR), 'utf8').trim()).toBe(h.digest('hex'));
  });

  it('imports only the tape, the outputs and the w2z_guest intrinsics; exports near_main and the host functions', () => {
    const imports = WebAssembly.Module.imports(hostModule).map((i) => `${i.module}.${i.name}`);
    for (const i of imports) expect(i).toMatch(/^(env\.(input_i64|output_i64)|w2z_guest\.\w+)$/);
    const exports = WebAssembly.Module.exports(hostModule).map((e) => e.name);
    for (const name of ['near_main', 'memory', 'storage_write', 'promise_batch_action_function_call_weight', 'abort'])
      expect(exports).toContain(name);
  });
});

describe('status_message on the host', () => {
  const wasm = new Uint8Array(readFileSync(join(NEAR, 'status_message.wasm')));
  const set = method(wasm, 'set_status');
  const get = method(wasm, 'get_status');

  it('set_status then get_status returns the message; the changes and storage usage are right', async () => {
    const tape: TapeIn = {
      contracts: [contract('status.near')],
      calls: [
        call(0, set, '{"message":"hello"}', { attachedDeposit: 5n }),
        call(0, get, '{"account_id":"alice.near"}', { isView: true }),
        call(0, get, '{"account_id":"bob.near"}', { isView: true }),
      ],
    };
    const o = await runBoth([wasm], tape);
    const [c0, c1, c2] = o.calls;
    expect(c0!.status).toBe('success');
    expect(c0!.returned).toEqual({ kind: 'none' });
    expect(c0!.logs.length).toBe(1);
    expect(text(c0!.logs[0]!)).toContain('alice.near');
    expect(c0!.balance).toBe(10n ** 25n + 5n);
    // this near-sdk 4 contract keeps its records in its state, borsh: a HashMap<String, String>
    const u32le = (n: number) => [n, 0, 0, 0];
    const state = new Uint8Array([...u32le(1), ...u32le(10), ...utf8('alice.near'), ...u32le(5), ...utf8('hello')]);
    expect(c0!.changes).toEqual([{ key: utf8('STATE'), value: state }]);
    expect(c0!.storageUsage).toBe(182n + 5n + BigInt(state.length) + 40n);
    expect(c1!.status).toBe('success');
    expect(c1!.returned).toEqual({ kind: 'value', value: utf8('"hello"') });
    expect(c1!.changes).toEqual([]);
    expect(c1!.storageUsage).toBe(c0!.storageUsage);
    expect(c2!.returned).toEqual({ kind: 'value', value: utf8('null') });
  });

  it('a call that panics fails with near-sdk\'s message, changes nothing and keeps no deposit', async () => {
    const tape: TapeIn = {
      contracts: [contract('status.near')],
      calls: [
        call(0, get, 'not json', { attachedDeposit: 7n }),
        call(0, set, '{"message":"hi"}', { isView: true }),
      ],
    };
    const o = await runBoth([wasm], tape);
    const [c0, c1] = o.calls;
    expect(c0!.status).toBe('failure');
    expect(c0!.failure).toEqual({
      kind: 'panic',
      message:
        'Smart contract panicked: panicked at \'Failed to deserialize input from JSON.: Error("expected ident", line: 1, column: 2)\', src/lib.rs:13:1',
    });
    expect(c0!.balance).toBe(10n ** 25n);
    expect(c0!.storageUsage).toBe(182n);
    expect(c1!.failure).toEqual({ kind: 'host', message: 'signer_account_id is not allowed in view calls' });
  });
});

describe('fungible_token on the host', () => {
  const wasm = new Uint8Array(readFileSync(join(NEAR, 'fungible_token.wasm')));
  const m = (name: string) => method(wasm, name);

  it('new_default_meta, storage_deposit, ft_transfer, ft_balance_of agree with the reference', async () => {
    const owner = { predecessorAccountId: utf8('owner.near'), signerAccountId: utf8('owner.near') };
    const tape: TapeIn = {
      contracts: [contract('ft.near')],
      calls: [
        call(0, m('new_default_meta'), '{"owner_id":"owner.near","total_supply":"1000000"}', owner),
        call(0, m('storage_deposit'), '{"account_id":"bob.near"}', { ...owner, attachedDeposit: 1_250_000_000_000_000_000_000n }),
        call(0, m('ft_transfer'), '{"receiver_id":"bob.near","amount":"100","memo":"hi"}', { ...owner, attachedDeposit: 1n }),
        call(0, m('ft_transfer'), '{"receiver_id":"bob.near","amount":"100"}', owner), // no deposit: panics
        call(0, m('ft_balance_of'), '{"account_id":"bob.near"}', { isView: true }),
        call(0, m('ft_balance_of'), '{"account_id":"owner.near"}', { isView: true }),
        call(0, m('storage_deposit'), '{"account_id":"bob.near"}', { ...owner, attachedDeposit: 2_000_000_000_000_000_000_000n }),
      ],
    };
    const o = await runBoth([wasm], tape);
    expect(o.calls.map((c) => c.status)).toEqual(['success', 'success', 'success', 'failure', 'success', 'success', 'success']);
    expect(o.calls[3]!.failure!.kind).toBe('panic');
    expect(o.calls[4]!.returned).toEqual({ kind: 'value', value: utf8('"100"') });
    expect(o.calls[5]!.returned).toEqual({ kind: 'value', value: utf8('"999900"') });
    // already registered: the deposit goes back in a Transfer receipt to the predecessor
    const refund = o.calls[6]!.receipts;
    expect(refund.length).toBe(1);
    expect(text(refund[0]!.receiverId)).toBe('owner.near');
    expect(refund[0]!.actions).toEqual([{ kind: 'transfer', deposit: 2_000_000_000_000_000_000_000n }]);
  });
});

// ---------------------------------------------------------------------------------------------
// a contract calling the other host functions

const WAT = String.raw`
(module
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "keccak256" (func $keccak256 (param i64 i64 i64)))
  (import "env" "keccak512" (func $keccak512 (param i64 i64 i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "write_register" (func $write_register (param i64 i64 i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "log_utf16" (func $log_utf16 (param i64 i64)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "panic" (func $panic))
  (import "env" "input" (func $input (param i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))
  (import "env" "storage_has_key" (func $storage_has_key (param i64 i64) (result i64)))
  (import "env" "storage_usage" (func $storage_usage (result i64)))
  (import "env" "account_balance" (func $account_balance (param i64)))
  (import "env" "account_locked_balance" (func $account_locked_balance (param i64)))
  (import "env" "attached_deposit" (func $attached_deposit (param i64)))
  (import "env" "prepaid_gas" (func $prepaid_gas (result i64)))
  (import "env" "used_gas" (func $used_gas (result i64)))
  (import "env" "block_index" (func $block_index (result i64)))
  (import "env" "block_timestamp" (func $block_timestamp (result i64)))
  (import "env" "epoch_height" (func $epoch_height (result i64)))
  (import "env" "random_seed" (func $random_seed (param i64)))
  (import "env" "signer_account_pk" (func $signer_account_pk (param i64)))
  (import "env" "current_account_id" (func $current_account_id (param i64)))
  (import "env" "predecessor_account_id" (func $predecessor_account_id (param i64)))
  (import "env" "promise_create" (func $promise_create (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_then" (func $promise_then (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_batch_create" (func $pbc (param i64 i64) (result i64)))
  (import "env" "promise_batch_then" (func $pbt (param i64 i64 i64) (result i64)))
  (import "env" "promise_and" (func $pand (param i64 i64) (result i64)))
  (import "env" "promise_batch_action_create_account" (func $pca (param i64)))
  (import "env" "promise_batch_action_deploy_contract" (func $pdc (param i64 i64 i64)))
  (import "env" "promise_batch_action_function_call_weight" (func $pfcw (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_transfer" (func $ptransfer (param i64 i64)))
  (import "env" "promise_batch_action_stake" (func $pstake (param i64 i64 i64 i64)))
  (import "env" "promise_batch_action_add_key_with_full_access" (func $pakfull (param i64 i64 i64 i64)))
  (import "env" "promise_batch_action_add_key_with_function_call" (func $pakfc (param i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_delete_key" (func $pdk (param i64 i64 i64)))
  (import "env" "promise_batch_action_delete_account" (func $pda (param i64 i64 i64)))
  (import "env" "promise_return" (func $promise_return (param i64)))
  (import "env" "promise_results_count" (func $promise_results_count (result i64)))
  (import "env" "promise_result" (func $promise_result (param i64 i64) (result i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "abc")
  (data (i32.const 256) "bob.near")
  (data (i32.const 272) "carol.near")
  (data (i32.const 288) "dave.near")
  (data (i32.const 304) "go")
  (data (i32.const 312) "{}")
  (data (i32.const 320) "\05")
  (data (i32.const 336) "\07")
  (data (i32.const 368) "\00\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01")
  (data (i32.const 408) "a,b")
  (data (i32.const 416) "Bad.near")
  (data (i32.const 432) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (i32.const 448) "hello")
  (data (i32.const 456) "nul\00")
  (data (i32.const 464) "\68\00\ac\20\3d\d8\00\de")
  (data (i32.const 480) "\6f\00\6b\00\00\00")
  (data (i32.const 512) "\08\00\00\00b\00o\00o\00m\00")
  (data (i32.const 528) "\08\00\00\00f\00.\00t\00s\00")
  (data (i32.const 544) "k1")
  (data (i32.const 552) "v1")
  (data (i32.const 560) "v22")
  (data (i32.const 568) "k0")
  (data (i32.const 576) "x")
  (data (i32.const 584) "\ff\fe")
  (data (i32.const 592) "\00\d8\41\00")
  (data (i32.const 600) "a,,b")
  (data (i32.const 640) "b")
  (data (i32.const 648) "ab")
  (data (i32.const 656) "abc")
  (data (i32.const 664) "a\00")
  (data (i32.const 672) "zz")
  (data (i32.const 680) "ba")
  (data (i32.const 688) "abcdefghij")
  (data (i32.const 704) "abcdefghiX")
  (data (i32.const 720) "abcdefgh")

  (func $put (param $p i64) (param $n i64)
    (drop (call $storage_write (local.get $n) (local.get $p) (local.get $n) (local.get $p) (i64.const 9))))

  (func (export "hashes")
    (call $sha256 (i64.const 3) (i64.const 0) (i64.const 1))
    (call $read_register (i64.const 1) (i64.const 4096))
    (call $sha256 (i64.const 150) (i64.const 0) (i64.const 1))
    (call $read_register (i64.const 1) (i64.const 4128))
    (call $keccak256 (i64.const 3) (i64.const 0) (i64.const 2))
    (call $read_register (i64.const 2) (i64.const 4160))
    (call $keccak256 (i64.const 300) (i64.const 0) (i64.const 2))
    (call $read_register (i64.const 2) (i64.const 4192))
    (call $keccak512 (i64.const 3) (i64.const 0) (i64.const 3))
    (call $read_register (i64.const 3) (i64.const 4224))
    (call $keccak512 (i64.const -1) (i64.const 3) (i64.const 3))
    (call $read_register (i64.const 3) (i64.const 4288))
    (call $value_return (i64.const 256) (i64.const 4096)))

  (func (export "context")
    (call $current_account_id (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 4096))
    (i64.store (i32.const 4160) (call $register_len (i64.const 0)))
    (i64.store (i32.const 4168) (call $register_len (i64.const 9)))
    (i64.store (i32.const 4176) (call $block_index))
    (i64.store (i32.const 4184) (call $block_timestamp))
    (i64.store (i32.const 4192) (call $epoch_height))
    (i64.store (i32.const 4200) (call $storage_usage))
    (i64.store (i32.const 4208) (call $prepaid_gas))
    (i64.store (i32.const 4216) (call $used_gas))
    (call $account_balance (i64.const 4224))
    (call $account_locked_balance (i64.const 4240))
    (call $attached_deposit (i64.const 4256))
    (call $random_seed (i64.const 4))
    (call $read_register (i64.const 4) (i64.const 4272))
    (call $signer_account_pk (i64.const 5))
    (call $read_register (i64.const 5) (i64.const 4304))
    (call $input (i64.const 6))
    (call $write_register (i64.const 7) (i64.const 10) (i64.const 256))
    (call $predecessor_account_id (i64.const 8))
    (call $value_return (i64.const -1) (i64.const 6))
    (call $read_register (i64.const 7) (i64.const 4340))
    (call $value_return (i64.const 256) (i64.const 4096)))

  (func (export "bad_register")
    (call $read_register (i64.const 77) (i64.const 0)))

  (func (export "logs")
    (call $log_utf8 (i64.const 5) (i64.const 448))
    (call $log_utf8 (i64.const -1) (i64.const 456))
    (call $log_utf16 (i64.const 8) (i64.const 464))
    (call $log_utf16 (i64.const -1) (i64.const 480)))

  (func (export "bad_utf8")
    (call $log_utf8 (i64.const 2) (i64.const 584)))

  (func (export "bad_utf16")
    (call $log_utf16 (i64.const 4) (i64.const 592)))

  (func (export "abort")
    (call $log_utf8 (i64.const 5) (i64.const 448))
    (call $abort (i32.const 516) (i32.const 532) (i32.const 12) (i32.const 34)))

  (func (export "panic")
    (call $log_utf8 (i64.const 5) (i64.const 448))
    (call $panic))

  (func (export "storage")
    (i64.store (i32.const 4096) (call $storage_write (i64.const 2) (i64.const 544) (i64.const 2) (i64.const 552) (i64.const 0)))
    (i64.store (i32.const 4104) (call $storage_write (i64.const 2) (i64.const 544) (i64.const 3) (i64.const 560) (i64.const 0)))
    (call $read_register (i64.const 0) (i64.const 4112))
    (i64.store (i32.const 4120) (call $storage_write (i64.const 2) (i64.const 568) (i64.const 1) (i64.const 576) (i64.const 1)))
    (i64.store (i32.const 4128) (call $storage_has_key (i64.const 2) (i64.const 568)))
    (i64.store (i32.const 4136) (call $storage_remove (i64.const 2) (i64.const 568) (i64.const 1)))
    (i64.store (i32.const 4144) (call $storage_has_key (i64.const 2) (i64.const 568)))
    (i64.store (i32.const 4152) (call $storage_remove (i64.const 2) (i64.const 568) (i64.const 1)))
    (call $write_register (i64.const 3) (i64.const 2) (i64.const 544))
    (i64.store (i32.const 4160) (call $storage_read (i64.const -1) (i64.const 3) (i64.const 4)))
    (call $read_register (i64.const 4) (i64.const 4168))
    (i64.store (i32.const 4176) (call $storage_usage))
    (i64.store (i32.const 4184) (call $storage_write (i64.const 1) (i64.const 576) (i64.const -1) (i64.const 4) (i64.const 1)))
    (call $value_return (i64.const 96) (i64.const 4096)))

  (func (export "read_k1")
    (drop (call $storage_read (i64.const 2) (i64.const 544) (i64.const 0)))
    (call $value_return (i64.const -1) (i64.const 0)))

  (func (export "write_then_trap")
    (drop (call $storage_write (i64.const 2) (i64.const 544) (i64.const 1) (i64.const 576) (i64.const 0)))
    (drop (call $storage_remove (i64.const 1) (i64.const 576) (i64.const 0)))
    (drop (call $pbc (i64.const 8) (i64.const 256)))
    (drop (i32.div_u (i32.const 1) (i32.const 0))))

  (func (export "promises")
    (local $a i64) (local $b i64) (local $c i64) (local $d i64)
    (local.set $a (call $promise_create (i64.const 8) (i64.const 256) (i64.const 2) (i64.const 304)
      (i64.const 2) (i64.const 312) (i64.const 320) (i64.const 1000)))
    (local.set $b (call $pbc (i64.const 10) (i64.const 272)))
    (call $pca (local.get $b))
    (call $ptransfer (local.get $b) (i64.const 336))
    (call $pdc (local.get $b) (i64.const 3) (i64.const 0))
    (call $pstake (local.get $b) (i64.const 336) (i64.const 33) (i64.const 368))
    (call $pakfull (local.get $b) (i64.const 33) (i64.const 368) (i64.const 9))
    (call $pakfc (local.get $b) (i64.const 33) (i64.const 368) (i64.const 3) (i64.const 336)
      (i64.const 8) (i64.const 256) (i64.const 3) (i64.const 408))
    (call $pakfc (local.get $b) (i64.const 33) (i64.const 368) (i64.const 4) (i64.const 352)
      (i64.const 8) (i64.const 256) (i64.const 0) (i64.const 408))
    (call $pdk (local.get $b) (i64.const 33) (i64.const 368))
    (call $pda (local.get $b) (i64.const 8) (i64.const 256))
    (i64.store (i32.const 4096) (local.get $a))
    (i64.store (i32.const 4104) (local.get $b))
    (local.set $c (call $pand (i64.const 4096) (i64.const 2)))
    (local.set $d (call $pbt (local.get $c) (i64.const 9) (i64.const 288)))
    (call $pfcw (local.get $d) (i64.const 2) (i64.const 304) (i64.const 0) (i64.const 0) (i64.const 352)
      (i64.const 5) (i64.const 2))
    (drop (call $promise_then (local.get $a) (i64.const 8) (i64.const 256) (i64.const 2) (i64.const 304)
      (i64.const 2) (i64.const 312) (i64.const 352) (i64.const 7)))
    (call $promise_return (local.get $d)))

  (func (export "bad_account")
    (drop (call $pbc (i64.const 8) (i64.const 416))))

  (func (export "too_much")
    (call $ptransfer (call $pbc (i64.const 8) (i64.const 256)) (i64.const 432)))

  (func (export "joint_append")
    (call $pca (call $pand (i64.const 0) (i64.const 0))))

  (func (export "joint_return")
    (call $promise_return (call $pand (i64.const 0) (i64.const 0))))

  (func (export "bad_promise")
    (call $pca (i64.const 5)))

  (func (export "bad_key")
    (call $pdk (call $pbc (i64.const 8) (i64.const 256)) (i64.const 32) (i64.const 368)))

  (func (export "empty_method_names")
    (call $pakfc (call $pbc (i64.const 8) (i64.const 256)) (i64.const 33) (i64.const 368) (i64.const 3) (i64.const 352)
      (i64.const 8) (i64.const 256) (i64.const 4) (i64.const 600)))

  (func (export "mav")
    (call $value_return (i64.const 16) (i64.const 65530)))

  (func (export "results")
    (i64.store (i32.const 4096) (call $promise_results_count))
    (i64.store (i32.const 4104) (call $promise_result (i64.const 0) (i64.const 1)))
    (i64.store (i32.const 4112) (call $promise_result (i64.const 1) (i64.const 2)))
    (i64.store (i32.const 4120) (call $register_len (i64.const 1)))
    (i64.store (i32.const 4128) (call $register_len (i64.const 2)))
    (call $read_register (i64.const 1) (i64.const 4136))
    (drop (call $promise_result (i64.const 2) (i64.const 1))))

  (func (export "long_key")
    (drop (call $storage_write (i64.const 2049) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 0))))

  (func (export "many_logs")
    (local $i i32)
    (loop $l
      (call $log_utf8 (i64.const 5) (i64.const 448))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 101)))))

  (func (export "big_log")
    (call $log_utf8 (i64.const 16385) (i64.const 0)))

  (func (export "many_writes")
    (call $put (i64.const 640) (i64.const 1))
    (call $put (i64.const 648) (i64.const 2))
    (call $put (i64.const 656) (i64.const 3))
    (call $put (i64.const 664) (i64.const 2))
    (call $put (i64.const 672) (i64.const 2))
    (call $put (i64.const 680) (i64.const 2))
    (call $put (i64.const 688) (i64.const 10))
    (call $put (i64.const 704) (i64.const 10))
    (call $put (i64.const 720) (i64.const 8))
    (call $put (i64.const 700) (i64.const 0))
    (drop (call $storage_remove (i64.const 1) (i64.const 648) (i64.const 9)))
    (drop (call $storage_write (i64.const 2) (i64.const 544) (i64.const 3) (i64.const 560) (i64.const 9)))
    (drop (call $storage_write (i64.const 1) (i64.const 640) (i64.const 2) (i64.const 672) (i64.const 9)))
    (drop (call $storage_write (i64.const 2) (i64.const 672) (i64.const 1) (i64.const 640) (i64.const 9)))
    (drop (call $storage_remove (i64.const 2) (i64.const 672) (i64.const 9))))

  (func (export "oob_trap")
    (drop (i32.load (i32.const 70000))))
)`;

describe('the host functions, against the reference host', () => {
  let wasm: Uint8Array;
  let m: (name: string) => number;
  beforeAll(async () => {
    const wabt = await createRequire(import.meta.url)('wabt')();
    wasm = new Uint8Array(wabt.parseWat('host-test.wat', WAT).toBinary({}).buffer);
    m = (name) => method(wasm, name);
  });

  it('hashes, context, registers, logs, storage, promises and their errors', async () => {
    const c = (name: string, over: Partial<CallIn> = {}) => call(0, m(name), 'the input', over);
    const tape: TapeIn = {
      contracts: [contract('host.near', { lockedBalance: 3n, storage: [[utf8('a'), utf8('A')], [utf8('k1'), utf8('old')]] })],
      calls: [
        c('hashes'),
        c('context', { attachedDeposit: 11n }),
        c('bad_register'),
        c('logs'),
        c('bad_utf8'),
        c('bad_utf16'),
        c('abort'),
        c('panic'),
        c('storage'),
        c('read_k1'),
        c('write_then_trap', { attachedDeposit: 100n }),
        c('read_k1'),
        c('promises', { attachedDeposit: 1000n }),
        c('bad_account'),
        c('too_much'),
        c('joint_append'),
        c('joint_return'),
        c('bad_promise'),
        c('bad_key'),
        c('empty_method_names'),
        c('mav'),
        c('results', {
          promiseResults: [
            { status: 'successful', data: utf8('result data') },
            { status: 'failed', data: new Uint8Array(0) },
          ],
        }),
        c('results', { isView: true }),
        c('long_key'),
        c('many_logs'),
        c('big_log'),
        c('oob_trap'),
        c('storage', { isView: true }),
        c('promises', { isView: true }),
        c('many_writes'),
        c('read_k1'),
      ],
    };
    const o = await runBoth([wasm], tape);
    const [hashes, context, badRegister, logs, badUtf8, badUtf16, abort, panic, storage, readK1, writeThenTrap, readK1After] = o.calls;

    // hashes: sha256 as node's, keccak256("abc") the known vector
    const v = (hashes!.returned as { value: Uint8Array }).value;
    const mem = new Uint8Array(300);
    mem.set(utf8('abc'));
    expect(Buffer.from(v.subarray(0, 32))).toEqual(createHash('sha256').update(mem.subarray(0, 3)).digest());
    expect(Buffer.from(v.subarray(32, 64))).toEqual(createHash('sha256').update(mem.subarray(0, 150)).digest());
    expect(Buffer.from(v.subarray(64, 96)).toString('hex')).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');

    const ctx = (context!.returned as { value: Uint8Array }).value;
    const cv = new DataView(ctx.buffer, ctx.byteOffset);
    expect(text(ctx.subarray(0, 9))).toBe('host.near');
    expect(cv.getBigUint64(64, true)).toBe(9n);
    expect(cv.getBigUint64(72, true)).toBe(U64);
    const u128 = (at: number) => cv.getBigUint64(at, true) | (cv.getBigUint64(at + 8, true) << 64n);
    expect(u128(128)).toBe(10n ** 25n + 11n); // the deposit is in the balance
    expect(u128(144)).toBe(3n);
    expect(u128(160)).toBe(11n);
    expect(text(ctx.subarray(244, 254))).toBe('bob.near\0\0');

    expect(badRegister!.failure).toEqual({ kind: 'host', message: 'Accessed invalid register id: 77' });
    expect(logs!.logs.map(text)).toEqual(['hello', 'nul', 'h€😀', 'ok']);
    expect(badUtf8!.failure!.message).toBe('String encoding is bad UTF-8 sequence.');
    expect(badUtf16!.failure!.message).toBe('String encoding is bad UTF-16 sequence.');
    expect(abort!.failure).toEqual({ kind: 'panic', message: 'Smart contract panicked: boom, filename: "f.ts" line: 12 col: 34' });
    expect(abort!.logs.map(text)).toEqual(['hello', 'ABORT: boom, filename: "f.ts" line: 12 col: 34']);
    expect(panic!.failure).toEqual({ kind: 'panic', message: 'Smart contract panicked: explicit guest panic' });
    expect(panic!.logs.map(text)).toEqual(['hello']);

    expect(storage!.status).toBe('success');
    expect(readK1!.returned).toEqual({ kind: 'value', value: utf8('v22') });
    expect(writeThenTrap!.failure).toEqual({ kind: 'trap', message: 'WebAssembly trap: An arithmetic exception, e.g. divided by zero.' });
    expect(writeThenTrap!.balance).toBe(storage!.balance);
    expect(writeThenTrap!.storageUsage).toBe(storage!.storageUsage);
    expect(readK1After!.returned).toEqual({ kind: 'value', value: utf8('v22') });

    const byName = (name: string) => o.calls[tape.calls.findIndex((x) => x.method === m(name))]!;
    expect(byName('promises').returned).toEqual({ kind: 'promise', receipt: 2 });
    expect(byName('promises').receipts.length).toBe(4);
    expect(byName('oob_trap').failure!.message).toBe('WebAssembly trap: Memory out of bounds trap.');
    const n = o.calls.length;
    expect(o.calls[n - 3]!.failure!.message).toBe('promise_batch_create is not allowed in view calls');
    // removed "a" (from the tape), added 9 keys (one empty), k1 rewritten with its value: no change
    const writes = o.calls[n - 2]!;
    expect(writes.changes.map((c) => [text(c.key), c.value && text(c.value)])).toEqual([
      ['', ''], ['a', null], ['a\0', 'a\0'], ['ab', 'ab'], ['abc', 'abc'], ['abcdefgh', 'abcdefgh'],
      ['abcdefghiX', 'abcdefghiX'], ['abcdefghij', 'abcdefghij'], ['b', 'zz'], ['ba', 'ba'],
    ]);
  });
});
