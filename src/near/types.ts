// The data of a NEAR batch of calls as docs/near.md describes it: what the tape carries in
// (contracts' pre-state, the calls) and what the outcome carries out. Plain data, no I/O.

/** A contract's account before the first call of the batch. */
export interface ContractInit {
  accountId: Uint8Array;
  storageUsage: bigint;
  balance: bigint;
  lockedBalance: bigint;
  /** keys strictly increasing bytewise */
  storage: [Uint8Array, Uint8Array][];
}

/** A result of a promise the call depends on (`promise_result`); a failed one has no data. */
export interface PromiseResultIn {
  status: 'successful' | 'failed';
  data: Uint8Array;
}

export interface CallIn {
  /** index into TapeIn.contracts */
  contract: number;
  /** index among the contract's callable methods (exported `[] -> []` functions, export order) */
  method: number;
  signerAccountId: Uint8Array;
  /** borsh PublicKey: key type byte + key */
  signerAccountPk: Uint8Array;
  predecessorAccountId: Uint8Array;
  input: Uint8Array;
  blockHeight: bigint;
  blockTimestamp: bigint;
  epochHeight: bigint;
  attachedDeposit: bigint;
  prepaidGas: bigint;
  /** 32 bytes */
  randomSeed: Uint8Array;
  isView: boolean;
  promiseResults: PromiseResultIn[];
}

export interface TapeIn {
  contracts: ContractInit[];
  calls: CallIn[];
}

export type Action =
  | { kind: 'create_account' }
  | { kind: 'deploy_contract'; code: Uint8Array }
  | { kind: 'function_call'; methodName: Uint8Array; args: Uint8Array; deposit: bigint; gas: bigint; gasWeight: bigint }
  | { kind: 'transfer'; deposit: bigint }
  | { kind: 'stake'; stake: bigint; publicKey: Uint8Array }
  | { kind: 'add_key_full_access'; publicKey: Uint8Array; nonce: bigint }
  | {
      kind: 'add_key_function_call';
      publicKey: Uint8Array;
      nonce: bigint;
      allowance: bigint | null;
      receiverId: Uint8Array;
      /** as the contract passed them: comma-separated */
      methodNames: Uint8Array;
    }
  | { kind: 'delete_key'; publicKey: Uint8Array }
  | { kind: 'delete_account'; beneficiaryId: Uint8Array };

/** The action kinds in the order of their outcome codes (0 … 8). */
export const ACTION_KINDS = [
  'create_account',
  'deploy_contract',
  'function_call',
  'transfer',
  'stake',
  'add_key_full_access',
  'add_key_function_call',
  'delete_key',
  'delete_account',
] as const satisfies readonly Action['kind'][];

export interface Receipt {
  receiverId: Uint8Array;
  /** indices of earlier receipts of the same call this one waits for */
  dependencies: number[];
  actions: Action[];
}

export type ReturnValue = { kind: 'none' } | { kind: 'value'; value: Uint8Array } | { kind: 'promise'; receipt: number };

export type FailureKind = 'panic' | 'trap' | 'host';

export interface CallOutcomeOut {
  status: 'success' | 'failure';
  /** present iff status is 'success' */
  returned?: ReturnValue;
  /** present iff status is 'failure' */
  failure?: { kind: FailureKind; message: string };
  logs: Uint8Array[];
  /** empty when failed */
  receipts: Receipt[];
  /** after the call */
  storageUsage: bigint;
  /** after the call */
  balance: bigint;
  /** keys strictly increasing; value null: removed. Empty when failed. */
  changes: { key: Uint8Array; value: Uint8Array | null }[];
}

export interface OutcomeOut {
  calls: CallOutcomeOut[];
}

export const TAPE_VERSION = 1n;
export const OUTCOME_VERSION = 1n;
export const U64_MAX = (1n << 64n) - 1n;
export const U128_MAX = (1n << 128n) - 1n;

/** -1, 0 or 1 as a < b, a = b, a > b bytewise (a proper prefix is smaller). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}
