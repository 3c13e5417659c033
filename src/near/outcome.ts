// The outcome bytes of a NEAR program and its public output words, as docs/near.md "The outcome"
// and "What a proof states" say. Words are 8 little-endian bytes; `bytes` is a length word then
// the bytes, zero padded to a multiple of 8.
import { createHash } from 'node:crypto';
import { encodeTape, tapeBytes } from './tape.js';
import {
  ACTION_KINDS,
  compareBytes,
  OUTCOME_VERSION,
  U128_MAX,
  U64_MAX,
  type Action,
  type CallOutcomeOut,
  type FailureKind,
  type OutcomeOut,
  type Receipt,
  type ReturnValue,
  type TapeIn,
} from './types.js';

const FAILURE_KINDS: readonly FailureKind[] = ['panic', 'trap', 'host']; // codes 1, 2, 3

class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  word(v: bigint, what: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) throw new Error(`outcome: ${what} = ${String(v)} is not a u64`);
    this.reserve(8);
    new DataView(this.buf.buffer).setBigUint64(this.len, v, true);
    this.len += 8;
  }

  count(n: number, what: string): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`outcome: ${what} = ${n} is not a non-negative integer`);
    this.word(BigInt(n), what);
  }

  u128(v: bigint, what: string): void {
    if (typeof v !== 'bigint' || v < 0n || v > U128_MAX) throw new Error(`outcome: ${what} = ${String(v)} is not a u128`);
    this.word(v & U64_MAX, what);
    this.word(v >> 64n, what);
  }

  bytes(b: Uint8Array, what: string): void {
    if (!(b instanceof Uint8Array)) throw new Error(`outcome: ${what} is not a Uint8Array`);
    this.word(BigInt(b.length), `${what}.length`);
    const padded = (b.length + 7) & ~7;
    this.reserve(padded);
    this.buf.set(b, this.len);
    this.buf.fill(0, this.len + b.length, this.len + padded);
    this.len += padded;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

class ByteReader {
  private pos = 0;
  constructor(private readonly b: Uint8Array) {}

  private fail(msg: string, at = this.pos): never {
    throw new Error(`outcome: ${msg} at byte offset ${at}`);
  }

  word(what: string): bigint {
    if (this.pos + 8 > this.b.length) this.fail(`truncated: ${what} (a word) is missing`);
    const v = new DataView(this.b.buffer, this.b.byteOffset, this.b.byteLength).getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A count or index word, at most `max`. */
  small(what: string, max: number): number {
    const at = this.pos;
    const v = this.word(what);
    if (v > BigInt(max)) this.fail(`${what} = ${v} is out of range (at most ${max})`, at);
    return Number(v);
  }

  /** A count of items each at least `minBytes` long: bounded by what is left. */
  count(what: string, minBytes: number): number {
    return this.small(what, Math.floor((this.b.length - this.pos - 8) / minBytes));
  }

  /** A word that must be one of 0 … n-1. */
  code(what: string, n: number): number {
    const at = this.pos;
    const v = this.word(what);
    if (v >= BigInt(n)) this.fail(`bad ${what} ${v}`, at);
    return Number(v);
  }

  u128(what: string): bigint {
    const lo = this.word(`${what} (low word)`);
    const hi = this.word(`${what} (high word)`);
    return lo | (hi << 64n);
  }

  bytes(what: string): Uint8Array {
    const at = this.pos;
    const n = this.word(`${what} length`);
    const left = this.b.length - this.pos;
    if (n > BigInt(left)) this.fail(`truncated: ${what} has length ${n} but only ${left} bytes follow`, at);
    const len = Number(n);
    const padded = (len + 7) & ~7;
    if (padded > left) this.fail(`truncated: ${what} (${len} bytes) is missing its padding`, at);
    const out = this.b.slice(this.pos, this.pos + len);
    for (let i = this.pos + len; i < this.pos + padded; i++) if (this.b[i] !== 0) this.fail(`non-zero padding of ${what}`, i);
    this.pos += padded;
    return out;
  }

  offset(): number {
    return this.pos;
  }

  end(): void {
    if (this.pos !== this.b.length) this.fail(`${this.b.length - this.pos} trailing bytes after the outcome`);
  }

  error(msg: string, at: number): never {
    this.fail(msg, at);
  }
}

function writeAction(w: ByteWriter, a: Action, at: string): void {
  const code = ACTION_KINDS.indexOf(a.kind);
  if (code < 0) throw new Error(`outcome: ${at}.kind = ${String(a.kind)} is not an action kind`);
  w.word(BigInt(code), `${at}.kind`);
  switch (a.kind) {
    case 'create_account':
      break;
    case 'deploy_contract':
      w.bytes(a.code, `${at}.code`);
      break;
    case 'function_call':
      w.bytes(a.methodName, `${at}.methodName`);
      w.bytes(a.args, `${at}.args`);
      w.u128(a.deposit, `${at}.deposit`);
      w.word(a.gas, `${at}.gas`);
      w.word(a.gasWeight, `${at}.gasWeight`);
      break;
    case 'transfer':
      w.u128(a.deposit, `${at}.deposit`);
      break;
    case 'stake':
      w.u128(a.stake, `${at}.stake`);
      w.bytes(a.publicKey, `${at}.publicKey`);
      break;
    case 'add_key_full_access':
      w.bytes(a.publicKey, `${at}.publicKey`);
      w.word(a.nonce, `${at}.nonce`);
      break;
    case 'add_key_function_call':
      w.bytes(a.publicKey, `${at}.publicKey`);
      w.word(a.nonce, `${at}.nonce`);
      w.word(a.allowance === null ? 0n : 1n, `${at}.hasAllowance`);
      w.u128(a.allowance ?? 0n, `${at}.allowance`);
      w.bytes(a.receiverId, `${at}.receiverId`);
      w.bytes(a.methodNames, `${at}.methodNames`);
      break;
    case 'delete_key':
      w.bytes(a.publicKey, `${at}.publicKey`);
      break;
    case 'delete_account':
      w.bytes(a.beneficiaryId, `${at}.beneficiaryId`);
      break;
  }
}

function readAction(r: ByteReader, at: string): Action {
  const kind = ACTION_KINDS[r.code(`${at} action kind`, ACTION_KINDS.length)]!;
  switch (kind) {
    case 'create_account':
      return { kind };
    case 'deploy_contract':
      return { kind, code: r.bytes(`${at}.code`) };
    case 'function_call':
      return {
        kind,
        methodName: r.bytes(`${at}.methodName`),
        args: r.bytes(`${at}.args`),
        deposit: r.u128(`${at}.deposit`),
        gas: r.word(`${at}.gas`),
        gasWeight: r.word(`${at}.gasWeight`),
      };
    case 'transfer':
      return { kind, deposit: r.u128(`${at}.deposit`) };
    case 'stake':
      return { kind, stake: r.u128(`${at}.stake`), publicKey: r.bytes(`${at}.publicKey`) };
    case 'add_key_full_access':
      return { kind, publicKey: r.bytes(`${at}.publicKey`), nonce: r.word(`${at}.nonce`) };
    case 'add_key_function_call': {
      const publicKey = r.bytes(`${at}.publicKey`);
      const nonce = r.word(`${at}.nonce`);
      const has = r.code(`${at}.hasAllowance`, 2);
      const aat = r.offset();
      const allowance = r.u128(`${at}.allowance`);
      if (has === 0 && allowance !== 0n) r.error(`${at}: allowance ${allowance} without hasAllowance`, aat);
      return {
        kind,
        publicKey,
        nonce,
        allowance: has ? allowance : null,
        receiverId: r.bytes(`${at}.receiverId`),
        methodNames: r.bytes(`${at}.methodNames`),
      };
    }
    case 'delete_key':
      return { kind, publicKey: r.bytes(`${at}.publicKey`) };
    case 'delete_account':
      return { kind, beneficiaryId: r.bytes(`${at}.beneficiaryId`) };
  }
}

function writeCall(w: ByteWriter, c: CallOutcomeOut, at: string): void {
  if (c.status === 'success') {
    if (c.returned === undefined || c.failure !== undefined)
      throw new Error(`outcome: ${at}: a success has 'returned' and no 'failure'`);
    w.word(0n, `${at}.status`);
    const rv = c.returned;
    switch (rv.kind) {
      case 'none':
        w.word(0n, `${at}.returned.kind`);
        break;
      case 'value':
        w.word(1n, `${at}.returned.kind`);
        w.bytes(rv.value, `${at}.returned.value`);
        break;
      case 'promise':
        if (!Number.isSafeInteger(rv.receipt) || rv.receipt < 0 || rv.receipt >= c.receipts.length)
          throw new Error(`outcome: ${at}.returned.receipt = ${rv.receipt} is not a receipt of the call`);
        w.word(2n, `${at}.returned.kind`);
        w.count(rv.receipt, `${at}.returned.receipt`);
        break;
      default:
        throw new Error(`outcome: ${at}.returned.kind = ${String((rv as { kind: unknown }).kind)} is not a return kind`);
    }
  } else if (c.status === 'failure') {
    if (c.failure === undefined || c.returned !== undefined)
      throw new Error(`outcome: ${at}: a failure has 'failure' and no 'returned'`);
    const k = FAILURE_KINDS.indexOf(c.failure.kind);
    if (k < 0) throw new Error(`outcome: ${at}.failure.kind = ${String(c.failure.kind)} is not a failure kind`);
    if (c.receipts.length !== 0) throw new Error(`outcome: ${at}: a failed call has no receipts`);
    if (c.changes.length !== 0) throw new Error(`outcome: ${at}: a failed call has no changes`);
    w.word(1n, `${at}.status`);
    w.word(BigInt(k + 1), `${at}.failure.kind`);
    w.bytes(new TextEncoder().encode(c.failure.message), `${at}.failure.message`);
  } else {
    throw new Error(`outcome: ${at}.status = ${String(c.status)} is neither 'success' nor 'failure'`);
  }
  w.count(c.logs.length, `${at}.logs.length`);
  c.logs.forEach((l, i) => w.bytes(l, `${at}.logs[${i}]`));
  w.count(c.receipts.length, `${at}.receipts.length`);
  c.receipts.forEach((rc, i) => writeReceipt(w, rc, i, `${at}.receipts[${i}]`));
  w.word(c.storageUsage, `${at}.storageUsage`);
  w.u128(c.balance, `${at}.balance`);
  w.count(c.changes.length, `${at}.changes.length`);
  c.changes.forEach((ch, i) => {
    if (i > 0 && compareBytes(c.changes[i - 1]!.key, ch.key) >= 0)
      throw new Error(`outcome: ${at}.changes[${i}]: keys are not strictly increasing`);
    w.bytes(ch.key, `${at}.changes[${i}].key`);
    w.word(ch.value === null ? 0n : 1n, `${at}.changes[${i}].present`);
    w.bytes(ch.value ?? new Uint8Array(0), `${at}.changes[${i}].value`);
  });
}

function writeReceipt(w: ByteWriter, rc: Receipt, index: number, at: string): void {
  w.bytes(rc.receiverId, `${at}.receiverId`);
  w.count(rc.dependencies.length, `${at}.dependencies.length`);
  rc.dependencies.forEach((d, j) => {
    if (!Number.isSafeInteger(d) || d < 0 || d >= index)
      throw new Error(`outcome: ${at}.dependencies[${j}] = ${d} is not an earlier receipt of the call`);
    w.count(d, `${at}.dependencies[${j}]`);
  });
  w.count(rc.actions.length, `${at}.actions.length`);
  rc.actions.forEach((a, j) => writeAction(w, a, `${at}.actions[${j}]`));
}

export function encodeOutcome(o: OutcomeOut): Uint8Array {
  const w = new ByteWriter();
  w.word(OUTCOME_VERSION, 'version');
  w.count(o.calls.length, 'calls.length');
  o.calls.forEach((c, i) => writeCall(w, c, `calls[${i}]`));
  return w.result();
}

function readCall(r: ByteReader, at: string): CallOutcomeOut {
  const failed = r.code(`${at} status`, 2) === 1;
  let returned: ReturnValue | undefined;
  let failure: CallOutcomeOut['failure'];
  let promiseAt = -1;
  if (!failed) {
    const kind = r.code(`${at} return kind`, 3);
    if (kind === 0) returned = { kind: 'none' };
    else if (kind === 1) returned = { kind: 'value', value: r.bytes(`${at}.returned.value`) };
    else {
      promiseAt = r.offset();
      returned = { kind: 'promise', receipt: r.small(`${at}.returned.receipt`, Number.MAX_SAFE_INTEGER) };
    }
  } else {
    const kind = FAILURE_KINDS[r.code(`${at} failure kind`, 4) - 1];
    if (kind === undefined) r.error(`bad ${at} failure kind 0`, r.offset() - 8);
    const mat = r.offset();
    const bytes = r.bytes(`${at}.failure.message`);
    let message: string;
    try {
      message = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      r.error(`${at}.failure.message is not UTF-8`, mat);
    }
    failure = { kind, message };
  }
  const logs: Uint8Array[] = [];
  const nLogs = r.count(`${at} logs count`, 8);
  for (let i = 0; i < nLogs; i++) logs.push(r.bytes(`${at}.logs[${i}]`));
  const rat = r.offset();
  const nReceipts = r.count(`${at} receipts count`, 24);
  if (failed && nReceipts !== 0) r.error(`${at}: a failed call has ${nReceipts} receipts`, rat);
  const receipts: Receipt[] = [];
  for (let i = 0; i < nReceipts; i++) {
    const rt = `${at}.receipts[${i}]`;
    const receiverId = r.bytes(`${rt}.receiverId`);
    const nDeps = r.count(`${rt} dependencies count`, 8);
    const dependencies: number[] = [];
    for (let j = 0; j < nDeps; j++) {
      const dat = r.offset();
      const d = r.small(`${rt}.dependencies[${j}]`, Number.MAX_SAFE_INTEGER);
      if (d >= i) r.error(`${rt}.dependencies[${j}] = ${d} is not an earlier receipt of the call`, dat);
      dependencies.push(d);
    }
    const nActions = r.count(`${rt} actions count`, 8);
    const actions: Action[] = [];
    for (let j = 0; j < nActions; j++) actions.push(readAction(r, `${rt}.actions[${j}]`));
    receipts.push({ receiverId, dependencies, actions });
  }
  if (returned?.kind === 'promise' && returned.receipt >= nReceipts)
    r.error(`${at}: returned receipt ${returned.receipt} but the call has ${nReceipts} receipts`, promiseAt);
  const storageUsage = r.word(`${at}.storageUsage`);
  const balance = r.u128(`${at}.balance`);
  const cat = r.offset();
  const nChanges = r.count(`${at} changes count`, 24);
  if (failed && nChanges !== 0) r.error(`${at}: a failed call has ${nChanges} changes`, cat);
  const changes: CallOutcomeOut['changes'] = [];
  for (let i = 0; i < nChanges; i++) {
    const kat = r.offset();
    const key = r.bytes(`${at}.changes[${i}].key`);
    if (i > 0 && compareBytes(changes[i - 1]!.key, key) >= 0)
      r.error(`${at}.changes[${i}]: keys are not strictly increasing`, kat);
    const present = r.code(`${at}.changes[${i}] present flag`, 2);
    const vat = r.offset();
    const value = r.bytes(`${at}.changes[${i}].value`);
    if (!present && value.length !== 0) r.error(`${at}.changes[${i}]: a removed key has a value`, vat);
    changes.push({ key, value: present ? value : null });
  }
  const out: CallOutcomeOut = failed
    ? { status: 'failure', failure, logs, receipts, storageUsage, balance, changes }
    : { status: 'success', returned, logs, receipts, storageUsage, balance, changes };
  return out;
}

export function decodeOutcome(bytes: Uint8Array): OutcomeOut {
  const r = new ByteReader(bytes);
  const version = r.word('version');
  if (version !== OUTCOME_VERSION) r.error(`bad version ${version} (expected ${OUTCOME_VERSION})`, 0);
  const n = r.count('calls count', 8);
  const calls: CallOutcomeOut[] = [];
  for (let i = 0; i < n; i++) calls.push(readCall(r, `calls[${i}]`));
  r.end();
  return { calls };
}

/** A 32-byte digest as 4 little-endian u64 words. */
export function digestWords(digest: Uint8Array): bigint[] {
  if (digest.length !== 32) throw new Error(`digestWords: a digest has 32 bytes, got ${digest.length}`);
  const view = new DataView(digest.buffer, digest.byteOffset, 32);
  return [0, 8, 16, 24].map((o) => view.getBigUint64(o, true));
}

export function sha256(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(b).digest());
}

/** The 8 public output words of a NEAR program: sha256 of the tape bytes, then of the outcome. */
export function publicWords(tape: TapeIn, outcome: OutcomeOut): bigint[] {
  return [...digestWords(sha256(tapeBytes(encodeTape(tape)))), ...digestWords(sha256(encodeOutcome(outcome)))];
}
