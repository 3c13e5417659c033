// The NEAR tape and outcome formats of docs/near.md: exact words of a small tape worked out by
// hand, exact bytes of a small outcome, round trips, and decodeOutcome's refusals.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeTape, readTape, tapeBytes } from '../../src/near/tape.js';
import { decodeOutcome, digestWords, encodeOutcome, publicWords, sha256 } from '../../src/near/outcome.js';
import type { CallIn, OutcomeOut, TapeIn } from '../../src/near/types.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const seq = (n: number, f: (i: number) => number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => f(i));

function call(over: Partial<CallIn> = {}): CallIn {
  return {
    contract: 0,
    method: 2,
    signerAccountId: enc('ab'),
    signerAccountPk: seq(33, (i) => (i === 0 ? 0 : 0x11)),
    predecessorAccountId: new Uint8Array(0),
    input: enc('{}'),
    blockHeight: 7n,
    blockTimestamp: 8n,
    epochHeight: 9n,
    attachedDeposit: 1n,
    prepaidGas: 300_000_000_000_000n,
    randomSeed: seq(32, (i) => i),
    isView: false,
    promiseResults: [
      { status: 'successful', data: enc('x') },
      { status: 'failed', data: new Uint8Array(0) },
    ],
    ...over,
  };
}

const TAPE: TapeIn = {
  contracts: [
    {
      accountId: enc('a'),
      storageUsage: 100n,
      balance: (1n << 64n) + 5n,
      lockedBalance: 0n,
      storage: [[enc('k'), seq(9, (i) => i + 1)]],
    },
  ],
  calls: [call()],
};

// prettier-ignore
const TAPE_WORDS: bigint[] = [
  1n,                                   // version
  1n, 0x61n,                            // account_id "a"
  100n,                                 // storage_usage
  5n, 1n,                               // balance 2^64 + 5
  0n, 0n,                               // locked balance
  1n,                                   // one storage entry
  1n, 0x6bn,                            //   key "k"
  9n, 0x0807060504030201n, 0x09n,       //   value 01 02 … 09
  1n,                                   // one call
  0n, 2n,                               // contract 0, method 2
  2n, 0x6261n,                          // signer "ab"
  33n, 0x1111111111111100n, 0x1111111111111111n, 0x1111111111111111n, 0x1111111111111111n, 0x11n, // pk
  0n,                                   // predecessor ""
  2n, 0x7d7bn,                          // input "{}"
  7n, 8n, 9n,                           // height, timestamp, epoch
  1n, 0n,                               // attached deposit 1
  300_000_000_000_000n,                 // prepaid gas
  32n, 0x0706050403020100n, 0x0f0e0d0c0b0a0908n, 0x1716151413121110n, 0x1f1e1d1c1b1a1918n, // seed
  0n,                                   // not a view
  2n,                                   // two promise results
  1n, 1n, 0x78n,                        //   successful "x"
  2n, 0n,                               //   failed
];

const OUTCOME: OutcomeOut = {
  calls: [
    {
      status: 'success',
      returned: { kind: 'value', value: enc('"hello"') },
      logs: [enc('log one'), new Uint8Array(0)],
      receipts: [],
      storageUsage: 123n,
      balance: (1n << 100n) + 7n,
      changes: [
        { key: enc('a'), value: null },
        { key: enc('b'), value: enc('12345678') },
      ],
    },
    {
      status: 'failure',
      failure: { kind: 'panic', message: 'Smart contract panicked: ✗' },
      logs: [],
      receipts: [],
      storageUsage: 123n,
      balance: 5n,
      changes: [],
    },
  ],
};

function words(b: Uint8Array): bigint[] {
  expect(b.length % 8).toBe(0);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Array.from({ length: b.length / 8 }, (_, i) => v.getBigUint64(i * 8, true));
}

// prettier-ignore
const OUTCOME_WORDS: bigint[] = [
  1n, 2n,                               // version, 2 calls
  0n, 1n, 7n, 0x226f6c6c656822n,        // success, value "\"hello\""
  2n, 7n, 0x656e6f20676f6cn, 0n,        // 2 logs: "log one", ""
  0n,                                   // no receipts
  123n, 7n, 1n << 36n,                  // storage usage, balance 2^100 + 7
  2n, 1n, 0x61n, 0n, 0n,                // 2 changes: "a" removed
  1n, 0x62n, 1n, 8n, 0x3837363534333231n, // "b" = "12345678"
  1n, 1n, 28n,                          // failure, panic, message of 28 bytes
  0x6f63207472616d53n, 0x702074636172746en, 0x3a64656b63696e61n, 0x979ce220n,
  0n, 0n, 123n, 5n, 0n, 0n,             // no logs, no receipts, usage, balance, no changes
];

describe('tape', () => {
  it('encodes the hand-computed example word for word', () => {
    expect(encodeTape(TAPE)).toEqual(TAPE_WORDS);
  });

  it('tapeBytes is 8 little-endian bytes a word', () => {
    expect(Array.from(tapeBytes([1n, 0x0102030405060708n, (1n << 64n) - 1n]))).toEqual([
      1, 0, 0, 0, 0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
    expect(() => tapeBytes([1n << 64n])).toThrow(/word 0/);
    expect(() => tapeBytes([-1n])).toThrow(/not a u64/);
  });

  it('reads back the accounts and the calls of the hand-computed words, and refuses a short or long tape', () => {
    const two = encodeTape({ ...TAPE, calls: [call(), call({ method: 5, promiseResults: [] })] });
    expect(readTape(TAPE_WORDS, 1)).toEqual({ accounts: [enc('a')], calls: [{ contract: 0, method: 2 }] });
    expect(readTape(two, 1).calls).toEqual([{ contract: 0, method: 2 }, { contract: 0, method: 5 }]);
    expect(() => readTape(TAPE_WORDS.slice(0, -1), 1)).toThrow(/ends early|runs past/);
    expect(() => readTape([...TAPE_WORDS, 0n], 1)).toThrow(/1 word\(s\) after the last call/);
    expect(() => readTape(TAPE_WORDS.map((w, k) => (k === 14 ? 1n << 40n : w)), 1)).toThrow(/calls on a tape/);
  });

  it('refuses bad inputs', () => {
    const c0 = TAPE.contracts[0]!;
    expect(() => encodeTape({ ...TAPE, calls: [call({ contract: 1 })] })).toThrow(/contract = 1/);
    expect(() => encodeTape({ ...TAPE, calls: [call({ randomSeed: new Uint8Array(31) })] })).toThrow(/randomSeed/);
    expect(() => encodeTape({ ...TAPE, calls: [call({ blockHeight: 1n << 64n })] })).toThrow(/blockHeight/);
    expect(() => encodeTape({ ...TAPE, calls: [call({ attachedDeposit: 1n << 128n })] })).toThrow(/u128/);
    expect(() => encodeTape({ ...TAPE, calls: [call({ attachedDeposit: -1n })] })).toThrow(/attachedDeposit/);
    expect(() =>
      encodeTape({ ...TAPE, calls: [call({ promiseResults: [{ status: 'failed', data: enc('x') }] })] }),
    ).toThrow(/failed promise/);
    expect(() =>
      encodeTape({ ...TAPE, contracts: [{ ...c0, storage: [[enc('b'), enc('')], [enc('a'), enc('')]] }] }),
    ).toThrow(/strictly increasing/);
    expect(() =>
      encodeTape({ ...TAPE, contracts: [{ ...c0, storage: [[enc('a'), enc('')], [enc('a'), enc('')]] }] }),
    ).toThrow(/strictly increasing/);
  });
});

describe('outcome', () => {
  it('encodes the hand-computed example byte for byte', () => {
    expect(words(encodeOutcome(OUTCOME))).toEqual(OUTCOME_WORDS);
  });

  it('round-trips', () => {
    expect(decodeOutcome(encodeOutcome(OUTCOME))).toEqual(OUTCOME);
    const big: OutcomeOut = {
      calls: [
        {
          status: 'success',
          returned: { kind: 'promise', receipt: 1 },
          logs: [],
          receipts: [
            {
              receiverId: enc('bob.near'),
              dependencies: [],
              actions: [
                { kind: 'create_account' },
                { kind: 'deploy_contract', code: seq(17, (i) => i) },
                { kind: 'function_call', methodName: enc('m'), args: enc('{}'), deposit: 1n << 127n, gas: 5n, gasWeight: 1n },
                { kind: 'transfer', deposit: 99n },
                { kind: 'stake', stake: 3n, publicKey: seq(33, () => 7) },
              ],
            },
            {
              receiverId: enc('carol.near'),
              dependencies: [0],
              actions: [
                { kind: 'add_key_full_access', publicKey: seq(33, () => 1), nonce: 4n },
                { kind: 'add_key_function_call', publicKey: seq(33, () => 2), nonce: 5n, allowance: null, receiverId: enc('x'), methodNames: enc('a,b') },
                { kind: 'add_key_function_call', publicKey: seq(33, () => 2), nonce: 6n, allowance: 0n, receiverId: enc('x'), methodNames: enc('') },
                { kind: 'delete_key', publicKey: seq(33, () => 3) },
                { kind: 'delete_account', beneficiaryId: enc('dave') },
              ],
            },
          ],
          storageUsage: (1n << 64n) - 1n,
          balance: (1n << 128n) - 1n,
          changes: [],
        },
        { status: 'success', returned: { kind: 'none' }, logs: [], receipts: [], storageUsage: 0n, balance: 0n, changes: [] },
        { status: 'failure', failure: { kind: 'trap', message: 'WebAssembly trap: Stack overflow.' }, logs: [enc('l')], receipts: [], storageUsage: 0n, balance: 0n, changes: [] },
        { status: 'failure', failure: { kind: 'host', message: 'MemoryAccessViolation' }, logs: [], receipts: [], storageUsage: 0n, balance: 0n, changes: [] },
      ],
    };
    expect(decodeOutcome(encodeOutcome(big))).toEqual(big);
    expect(decodeOutcome(encodeOutcome({ calls: [] }))).toEqual({ calls: [] });
  });

  it('refuses to encode inconsistent outcomes', () => {
    const c = OUTCOME.calls[0]!;
    expect(() => encodeOutcome({ calls: [{ ...c, returned: { kind: 'promise', receipt: 0 } }] })).toThrow(/receipt/);
    expect(() => encodeOutcome({ calls: [{ ...c, changes: [c.changes[1]!, c.changes[0]!] }] })).toThrow(/strictly/);
    expect(() => encodeOutcome({ calls: [{ ...c, storageUsage: 1n << 64n }] })).toThrow(/storageUsage/);
    expect(() => encodeOutcome({ calls: [{ ...c, returned: undefined }] })).toThrow(/returned/);
  });

  const good = encodeOutcome(OUTCOME);
  const patch = (wordIndex: number, v: bigint): Uint8Array => {
    const b = good.slice();
    new DataView(b.buffer).setBigUint64(wordIndex * 8, v, true);
    return b;
  };

  it('rejects truncated input', () => {
    for (let n = 0; n < good.length; n++) expect(() => decodeOutcome(good.subarray(0, n)), `length ${n}`).toThrow(/outcome: .*offset/);
  });

  it('rejects trailing bytes', () => {
    const b = new Uint8Array(good.length + 1);
    b.set(good);
    expect(() => decodeOutcome(b)).toThrow(/1 trailing bytes .* offset 296/);
    const b8 = new Uint8Array(good.length + 8);
    b8.set(good);
    expect(() => decodeOutcome(b8)).toThrow(/trailing/);
  });

  it('rejects a bad version', () => {
    expect(() => decodeOutcome(patch(0, 2n))).toThrow(/bad version 2/);
    expect(() => decodeOutcome(patch(0, 0n))).toThrow(/bad version 0/);
  });

  it('rejects bad enum values', () => {
    expect(() => decodeOutcome(patch(2, 2n))).toThrow(/bad calls\[0\] status 2 at byte offset 16/);
    expect(() => decodeOutcome(patch(3, 3n))).toThrow(/bad calls\[0\] return kind 3/);
    expect(() => decodeOutcome(patch(17, 2n))).toThrow(/present flag/);
    expect(() => decodeOutcome(patch(25, 0n))).toThrow(/failure kind 0/);
    expect(() => decodeOutcome(patch(25, 4n))).toThrow(/failure kind 4/);
  });

  it('rejects non-zero padding, a removed key with a value, unsorted keys, receipts of a failure', () => {
    const b = good.slice();
    b[5 * 8 + 7] = 1; // the padding byte after "\"hello\""
    expect(() => decodeOutcome(b)).toThrow(/non-zero padding .* offset 47/);
    expect(() => decodeOutcome(patch(18, 1n))).toThrow(/removed key has a value/);
    expect(() => decodeOutcome(patch(20, 0x61n))).toThrow(/strictly increasing/);
    expect(() => decodeOutcome(patch(32, 1n))).toThrow(/failed call has 1 receipts/);
  });

  it('rejects a bad action kind and a dependency on a later receipt', () => {
    // one successful call (no return value, no logs) with one receipt (receiver "", one action)
    const one = (actionKind: bigint, dep: bigint[]): OutcomeOut =>
      decodeOutcome(
        tapeBytes([1n, 1n, 0n, 0n, 0n, 1n, 0n, BigInt(dep.length), ...dep, 1n, actionKind, 0n, 0n, 0n, 0n]),
      );
    expect(one(0n, []).calls[0]!.receipts[0]!.actions).toEqual([{ kind: 'create_account' }]);
    expect(() => one(9n, [])).toThrow(/action kind 9/);
    expect(() => one(0n, [0n])).toThrow(/not an earlier receipt/);
  });
});

describe('public words', () => {
  it('are the two sha256 digests as little-endian words', () => {
    const pw = publicWords(TAPE, OUTCOME);
    expect(pw).toHaveLength(8);
    const h1 = createHash('sha256').update(tapeBytes(TAPE_WORDS)).digest();
    const h2 = createHash('sha256').update(encodeOutcome(OUTCOME)).digest();
    expect(pw.slice(0, 4)).toEqual([0, 8, 16, 24].map((o) => h1.readBigUInt64LE(o)));
    expect(pw.slice(4)).toEqual([0, 8, 16, 24].map((o) => h2.readBigUInt64LE(o)));
    // the digest e3b0c442 98fc1c14 … (sha256 of no bytes) is the word 0x141cfc9842c4b0e3
    expect(digestWords(sha256(new Uint8Array(0)))[0]).toBe(0x141cfc9842c4b0e3n);
  });
});
