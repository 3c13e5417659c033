// What a user writes for a NEAR call or batch (JSON: context, state, args, a batch file) → the
// tape's data (types.ts). Every problem is one W2Z1017 error naming the file and the field.
//
// Byte strings in JSON (state keys and values, promise results, args_base64, random_seed):
// "base64:<base64>" is those bytes; any other string is its UTF-8 bytes.

import { badNearInput } from '../diagnostics.js';
import type { CallIn, ContractInit, PromiseResultIn } from './types.js';

const U64 = (1n << 64n) - 1n;
const U128 = (1n << 128n) - 1n;
const utf8 = new TextEncoder();

/** Defaults that make a call runnable with no context file (docs/near.md). */
export const DEFAULT_CONTEXT = {
  current_account_id: 'contract.near',
  signer_account_id: 'alice.near',
  predecessor_account_id: 'alice.near',
  block_height: 1n,
  block_timestamp: 1_700_000_000_000_000_000n,
  epoch_height: 1n,
  account_balance: 100n * 10n ** 24n,
  account_locked_balance: 0n,
  storage_usage: 100_000n,
  attached_deposit: 0n,
  prepaid_gas: 300n * 10n ** 12n,
};

/** The account-level part of a context: it belongs to the contract and carries across calls. */
export interface AccountContext {
  accountId: Uint8Array;
  balance: bigint;
  lockedBalance: bigint;
  storageUsage: bigint;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export class InputReader {
  constructor(readonly file: string) {}

  fail(what: string): never {
    throw badNearInput(this.file, what);
  }

  parse(text: string): Json {
    try {
      return JSON.parse(text) as Json;
    } catch (e) {
      this.fail(`not JSON (${(e as Error).message})`);
    }
  }

  object(v: Json | undefined, field: string): Obj {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(`${field}: expected a JSON object`);
    return v;
  }

  /** Unknown fields are refused: a misspelt field would otherwise silently take its default. */
  only(o: Obj, field: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(`${field}: unknown field "${k}" (expected one of ${allowed.join(', ')})`);
  }

  integer(v: Json | undefined, field: string, max: bigint): bigint {
    let n: bigint | undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) n = BigInt(v);
    if (typeof v === 'string' && /^[0-9]+$/.test(v)) n = BigInt(v);
    if (n === undefined || n > max) this.fail(`${field}: expected a whole number from 0 to ${max} (a number or a decimal string)`);
    return n;
  }

  bytes(v: Json | undefined, field: string): Uint8Array {
    if (typeof v !== 'string') this.fail(`${field}: expected a string (UTF-8, or "base64:…")`);
    if (v.startsWith('base64:')) {
      const b64 = v.slice(7);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) this.fail(`${field}: bad base64`);
      return new Uint8Array(Buffer.from(b64, 'base64'));
    }
    return utf8.encode(v);
  }

  accountId(v: Json | undefined, field: string): Uint8Array {
    if (typeof v !== 'string' || v.length === 0) this.fail(`${field}: expected an account id`);
    return utf8.encode(v);
  }

  boolean(v: Json | undefined, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(`${field}: expected true or false`);
    return v;
  }
}

const CONTEXT_FIELDS = [
  'current_account_id', 'signer_account_id', 'signer_account_pk', 'predecessor_account_id', 'block_height', 'block_index',
  'block_timestamp', 'epoch_height', 'account_balance', 'account_locked_balance', 'storage_usage', 'attached_deposit',
  'prepaid_gas', 'random_seed', 'is_view', 'promise_results',
] as const;

/** An ed25519 key, "ed25519:<base58>", as borsh writes a PublicKey: type byte 0, then 32 bytes. */
function publicKey(r: InputReader, v: Json | undefined, field: string): Uint8Array {
  if (v === undefined) return new Uint8Array(33);
  if (typeof v === 'string' && v.startsWith('ed25519:')) {
    const key = base58(r, v.slice(8), field);
    if (key.length !== 32) r.fail(`${field}: an ed25519 key has 32 bytes, this one ${key.length}`);
    return new Uint8Array([0, ...key]);
  }
  return r.bytes(v, field);
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(r: InputReader, s: string, field: string): Uint8Array {
  let n = 0n;
  for (const ch of s) {
    const d = B58.indexOf(ch);
    if (d < 0) r.fail(`${field}: bad base58 character '${ch}'`);
    n = n * 58n + BigInt(d);
  }
  const out: number[] = [];
  for (; n > 0n; n >>= 8n) out.unshift(Number(n & 0xffn));
  for (const ch of s) { if (ch !== '1') break; out.unshift(0); }
  return new Uint8Array(out);
}

/** A context object (file or batch field) with defaults, split into its account part and its call part. */
export function readContext(r: InputReader, raw: Json | undefined, field = 'context'): { account: AccountContext; call: Omit<CallIn, 'contract' | 'method' | 'input'> } {
  const o = raw === undefined ? {} : r.object(raw, field);
  r.only(o, field, CONTEXT_FIELDS);
  const d = DEFAULT_CONTEXT;
  const int = (k: string, dflt: bigint, max = U64) => (o[k] === undefined ? dflt : r.integer(o[k], `${field}.${k}`, max));
  const id = (k: string, dflt: string) => (o[k] === undefined ? utf8.encode(dflt) : r.accountId(o[k], `${field}.${k}`));
  const seed = o.random_seed === undefined ? new Uint8Array(32) : r.bytes(o.random_seed, `${field}.random_seed`);
  const results = o.promise_results === undefined ? [] : o.promise_results;
  if (!Array.isArray(results)) r.fail(`${field}.promise_results: expected an array`);
  const promiseResults: PromiseResultIn[] = results.map((p, k) => {
    if (p === 'failed') return { status: 'failed', data: new Uint8Array(0) };
    const po = r.object(p, `${field}.promise_results[${k}]`);
    r.only(po, `${field}.promise_results[${k}]`, ['successful']);
    return { status: 'successful', data: r.bytes(po.successful, `${field}.promise_results[${k}].successful`) };
  });
  return {
    account: {
      accountId: id('current_account_id', d.current_account_id),
      balance: int('account_balance', d.account_balance, U128),
      lockedBalance: int('account_locked_balance', d.account_locked_balance, U128),
      storageUsage: int('storage_usage', d.storage_usage),
    },
    call: {
      signerAccountId: id('signer_account_id', d.signer_account_id),
      signerAccountPk: publicKey(r, o.signer_account_pk, `${field}.signer_account_pk`),
      predecessorAccountId: id('predecessor_account_id', d.predecessor_account_id),
      blockHeight: int(o.block_height === undefined ? 'block_index' : 'block_height', d.block_height),
      blockTimestamp: int('block_timestamp', d.block_timestamp),
      epochHeight: int('epoch_height', d.epoch_height),
      attachedDeposit: int('attached_deposit', d.attached_deposit, U128),
      prepaidGas: int('prepaid_gas', d.prepaid_gas),
      randomSeed: seed,
      isView: o.is_view === undefined ? false : r.boolean(o.is_view, `${field}.is_view`),
      promiseResults,
    },
  };
}

/** A state object: keys and values as byte strings, sorted bytewise (the tape's order). */
export function readState(r: InputReader, raw: Json | undefined, field = 'state'): [Uint8Array, Uint8Array][] {
  if (raw === undefined) return [];
  const o = r.object(raw, field);
  const entries = Object.entries(o).map(([k, v]) => [r.bytes(k, `${field} key`), r.bytes(v, `${field}["${k}"]`)] as [Uint8Array, Uint8Array]);
  entries.sort((a, b) => Buffer.compare(a[0], b[0]));
  for (let k = 1; k < entries.length; k++) {
    if (Buffer.compare(entries[k - 1]![0], entries[k]![0]) === 0) r.fail(`${field}: the key ${JSON.stringify(Buffer.from(entries[k]![0]).toString('utf8'))} appears twice (once as base64)`);
  }
  return entries;
}

export function contractInit(account: AccountContext, storage: [Uint8Array, Uint8Array][]): ContractInit {
  return { accountId: account.accountId, storageUsage: account.storageUsage, balance: account.balance, lockedBalance: account.lockedBalance, storage };
}

/** A call's arguments: a JSON value (its text, compact), or "args_base64". */
export function readArgs(r: InputReader, call: Obj, field: string): Uint8Array {
  if (call.args !== undefined && call.args_base64 !== undefined) r.fail(`${field}: args and args_base64 both given`);
  if (call.args_base64 !== undefined) {
    if (typeof call.args_base64 !== 'string') r.fail(`${field}.args_base64: expected a string`);
    return r.bytes(`base64:${call.args_base64}`, `${field}.args_base64`);
  }
  return call.args === undefined ? new Uint8Array(0) : utf8.encode(JSON.stringify(call.args));
}

export type { Json, Obj };
