// The tape (private input words) of a NEAR program, as docs/near.md "The tape" says:
// `word` one word; `u128` two words, low then high; `bytes` a length word then ⌈len/8⌉ words
// holding the bytes little-endian, zero padded.
import { compareBytes, TAPE_VERSION, U128_MAX, U64_MAX, type TapeIn } from './types.js';

/** Appends words to a list, checking ranges; `what` names the value in errors. */
export class WordWriter {
  readonly words: bigint[] = [];

  word(v: bigint, what: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw new Error(`tape: ${what} = ${String(v)} is not a u64`);
    this.words.push(v);
  }

  u128(v: bigint, what: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U128_MAX) throw new Error(`tape: ${what} = ${String(v)} is not a u128`);
    this.words.push(v & U64_MAX, v >> 64n);
  }

  bytes(b: Uint8Array, what: string): void {
    if (!(b instanceof Uint8Array)) throw new Error(`tape: ${what} is not a Uint8Array`);
    this.words.push(...bytesToWords(b));
  }
}

/** The `bytes` notation: the length, then the bytes 8 a word little-endian, zero padded. */
export function bytesToWords(b: Uint8Array): bigint[] {
  const out: bigint[] = [BigInt(b.length)];
  for (let i = 0; i < b.length; i += 8) {
    let w = 0n;
    for (let j = Math.min(7, b.length - 1 - i); j >= 0; j--) w = (w << 8n) | BigInt(b[i + j]!);
    out.push(w);
  }
  return out;
}

function index(v: number, what: string): bigint {
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`tape: ${what} = ${v} is not a non-negative integer`);
  return BigInt(v);
}

/** The tape words of a batch of calls. */
export function encodeTape(t: TapeIn): bigint[] {
  const w = new WordWriter();
  w.word(TAPE_VERSION, 'version');
  t.contracts.forEach((c, ci) => {
    const at = `contracts[${ci}]`;
    w.bytes(c.accountId, `${at}.accountId`);
    w.word(c.storageUsage, `${at}.storageUsage`);
    w.u128(c.balance, `${at}.balance`);
    w.u128(c.lockedBalance, `${at}.lockedBalance`);
    w.word(BigInt(c.storage.length), `${at}.storage.length`);
    c.storage.forEach(([k, v], i) => {
      if (i > 0 && compareBytes(c.storage[i - 1]![0], k) >= 0)
        throw new Error(`tape: ${at}.storage[${i}]: keys are not strictly increasing`);
      w.bytes(k, `${at}.storage[${i}] key`);
      w.bytes(v, `${at}.storage[${i}] value`);
    });
  });
  w.word(BigInt(t.calls.length), 'calls.length');
  t.calls.forEach((c, i) => {
    const at = `calls[${i}]`;
    const contract = index(c.contract, `${at}.contract`);
    if (c.contract >= t.contracts.length)
      throw new Error(`tape: ${at}.contract = ${c.contract} but there are ${t.contracts.length} contracts`);
    w.word(contract, `${at}.contract`);
    w.word(index(c.method, `${at}.method`), `${at}.method`);
    w.bytes(c.signerAccountId, `${at}.signerAccountId`);
    w.bytes(c.signerAccountPk, `${at}.signerAccountPk`);
    w.bytes(c.predecessorAccountId, `${at}.predecessorAccountId`);
    w.bytes(c.input, `${at}.input`);
    w.word(c.blockHeight, `${at}.blockHeight`);
    w.word(c.blockTimestamp, `${at}.blockTimestamp`);
    w.word(c.epochHeight, `${at}.epochHeight`);
    w.u128(c.attachedDeposit, `${at}.attachedDeposit`);
    w.word(c.prepaidGas, `${at}.prepaidGas`);
    if (!(c.randomSeed instanceof Uint8Array) || c.randomSeed.length !== 32)
      throw new Error(`tape: ${at}.randomSeed must be 32 bytes`);
    w.bytes(c.randomSeed, `${at}.randomSeed`);
    if (typeof c.isView !== 'boolean') throw new Error(`tape: ${at}.isView is not a boolean`);
    w.word(c.isView ? 1n : 0n, `${at}.isView`);
    w.word(BigInt(c.promiseResults.length), `${at}.promiseResults.length`);
    c.promiseResults.forEach((r, j) => {
      const rat = `${at}.promiseResults[${j}]`;
      if (r.status === 'successful') {
        w.word(1n, `${rat}.status`);
      } else if (r.status === 'failed') {
        if (r.data.length !== 0) throw new Error(`tape: ${rat}: a failed promise result has no data`);
        w.word(2n, `${rat}.status`);
      } else {
        throw new Error(`tape: ${rat}.status = ${String(r.status)} is neither 'successful' nor 'failed'`);
      }
      w.bytes(r.data, `${rat}.data`);
    });
  });
  return w.words;
}

/** The words as bytes, 8 little-endian bytes a word (what the public tape hash covers). */
export function tapeBytes(words: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(words.length * 8);
  const view = new DataView(out.buffer);
  words.forEach((v, i) => {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw new Error(`tape: word ${i} = ${String(v)} is not a u64`);
    view.setBigUint64(i * 8, v, true);
  });
  return out;
}

/** Reads words of a tape back in the notation WordWriter writes. */
class TapeCursor {
  k = 0;
  constructor(readonly w: bigint[]) {}
  word(): bigint {
    if (this.k >= this.w.length) throw new Error('the tape ends early');
    return this.w[this.k++]!;
  }
  bytes(): Uint8Array {
    const len = this.word();
    if (len > BigInt(8 * (this.w.length - this.k))) throw new Error(`a length of ${len} bytes runs past the tape's end`);
    const n = Number(len);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i % 8 === 0) this.word();
      out[i] = Number((this.w[this.k - 1]! >> BigInt(8 * (i % 8))) & 0xffn);
    }
    return out;
  }
}

/**
 * The tape read back (the layout encodeTape writes) far enough for the accounts and each call's
 * contract and method; every length checked against the tape's end, no word left over.
 */
export function readTape(words: bigint[], contracts: number): { accounts: Uint8Array[]; calls: { contract: number; method: number }[] } {
  const t = new TapeCursor(words);
  t.word(); // version
  const accounts: Uint8Array[] = [];
  for (let c = 0; c < contracts; c++) {
    accounts.push(t.bytes());
    t.word(); t.word(); t.word(); t.word(); t.word(); // storage usage, balance, locked balance
    const n = t.word();
    if (n > BigInt(words.length)) throw new Error(`${n} storage entries on a tape of ${words.length} words`);
    for (let e = 0n; e < n; e++) { t.bytes(); t.bytes(); }
  }
  const calls: { contract: number; method: number }[] = [];
  const count = t.word();
  if (count > BigInt(words.length)) throw new Error(`${count} calls on a tape of ${words.length} words`);
  for (let k = 0n; k < count; k++) {
    const contract = Number(t.word());
    const method = Number(t.word());
    calls.push({ contract, method });
    t.bytes(); t.bytes(); t.bytes(); t.bytes(); // signer, pk, predecessor, input
    t.word(); t.word(); t.word(); t.word(); t.word(); t.word(); // height, timestamp, epoch, deposit (2), gas
    t.bytes(); t.word(); // seed, is_view
    const p = t.word();
    if (p > BigInt(words.length)) throw new Error(`${p} promise results on a tape of ${words.length} words`);
    for (let i = 0n; i < p; i++) { t.word(); t.bytes(); }
  }
  if (t.k !== words.length) throw new Error(`${words.length - t.k} word(s) after the last call`);
  return { accounts, calls };
}
