// A REFERENCE NEAR host in TypeScript: runs NEAR contracts in V8 (WebAssembly.Instance), one fresh
// instance a call, with nearcore's semantics of the host functions (runtime/near-vm-runner/src/
// logic/logic.rs, vmstate.rs, utils.rs, errors.rs), and builds the OutcomeOut of docs/near.md.
// It is the oracle the zkASM host (templates/near/host.c) is checked against; written from
// nearcore's behaviour, not from its code.
//
// Per call (docs/near.md "The tape"): the contract's storage, storage usage and balance carry over
// from its previous call in the batch; the balance starts increased by the attached deposit. A
// failed call changes none of them (writes, receipts and balance changes dropped, the deposit
// refunded); its logs are kept.
//
// Host errors (nearcore's `Display` of HostError; `FunctionCallError::HostError(e)` displays `e`,
// which is what the runtime stores as the ExecutionError text):
//   GuestPanic { panic_msg }        "Smart contract panicked: {panic_msg}"              (kind 'panic')
//   BadUTF8                         "String encoding is bad UTF-8 sequence."
//   BadUTF16                        "String encoding is bad UTF-16 sequence."
//   BalanceExceeded                 "Exceeded the account balance."
//   EmptyMethodName                 "Tried to call an empty method name."
//   IntegerOverflow                 "Integer overflow."
//   InvalidPromiseIndex { i }       "{i} does not correspond to existing promises"
//   CannotAppendActionToJointPromise "Actions can only be appended to non-joint promise."
//   CannotReturnJointPromise        "Returning joint promise is currently prohibited."
//   InvalidPromiseResultIndex { i } "Accessed invalid promise result index: {i}"
//   InvalidRegisterId { i }         "Accessed invalid register id: {i}"
//   MemoryAccessViolation           "Accessed memory outside the bounds."
//   InvalidAccountId                "VM Logic returned an invalid account id"
//   InvalidPublicKey                "VM Logic provided an invalid public key"
//   ProhibitedInView { m }          "{m} is not allowed in view calls"
//   NumberOfLogsExceeded { l }      "The number of logs will exceed the limit {l}"
//   KeyLengthExceeded { n, l }      "The length of a storage key {n} exceeds the limit {l}"
//   ValueLengthExceeded { n, l }    "The length of a storage value {n} exceeds the limit {l}"
//   TotalLogLengthExceeded { n, l } "The length of a log message {n} exceeds the limit {l}"
//   NumberPromisesExceeded { n, l } "The number of promises within a FunctionCall {n} exceeds the limit {l}"
//   NumberInputDataDependenciesExceeded { n, l }
//                                   "The number of input data dependencies {n} exceeds the limit {l}"
//   ReturnedValueLengthExceeded { n, l } "The length of a returned value {n} exceeds the limit {l}"
//   ContractSizeExceeded { n, l }   "The size of a contract code in DeployContract action {n} exceeds the limit {l}"
//   Deprecated { m }                "Attempted to call deprecated host function {m}"
// NOTE: docs/near.md's examples of host error texts (`MemoryAccessViolation`,
// `InvalidRegisterId { register_id: 3 }`) are the Debug form; nearcore's Display (used here, and
// what docs/near.md's rule "nearcore's Display of the error" says) is the text above.
//
// Traps: "WebAssembly trap: " + nearcore's WasmTrap Display, from V8's RuntimeError message:
//   unreachable                              -> "An `unreachable` opcode was executed."
//   memory access out of bounds              -> "Memory out of bounds trap."
//   divide by zero / remainder by zero / divide result unrepresentable /
//   float unrepresentable in integer range   -> "An arithmetic exception, e.g. divided by zero."
//                                               (nearcore maps IntegerOverflow, IntegerDivisionByZero
//                                               and BadConversionToInteger all to IllegalArithmetic)
//   table index is out of bounds             -> "Call indirect out of bounds trap."
//   null function or function signature mismatch -> "Indirect call to null." (V8 does not say which
//                                               of the two; nearcore would say "Call indirect
//                                               incorrect signature trap." for a mismatch)
//   RangeError: Maximum call stack size exceeded -> "Stack overflow." (V8's depth, not nearcore's
//                                               max_stack_height instrumentation)
//
// promise_result returns nearcore's codes: 0 NotReady (never on the tape), 1 Successful (data into
// the register), 2 Failed (register untouched).
//
// storage_usage, as nearcore: a new key adds key.len + value.len + 40 (storage_num_extra_bytes_record),
// an overwrite adds value.len - old.len, a removal subtracts key.len + value.len + 40.
//
// Limits implemented (nearcore's mainnet values): max_register_size 104857600, max_number_registers
// 100 (checked before any set, even a replacement, as nearcore does), registers_memory_limit 1 GiB
// (a register costs len + 8), max_length_storage_key 2048, max_length_storage_value 4194304,
// max_number_logs 100, max_total_log_length 16384 (panic messages count against what is left),
// max_length_returned_data 4194304, max_contract_size 4194304, max_promises_per_function_call_action
// 1024, max_number_input_data_dependencies 128.
// Left out: gas (no metering; used_gas returns 0, prepaid gas is not checked against the gas
// attached to promises, FunctionCall gas weights are recorded as given, not distributed), the
// runtime's checks after the VM (receipt/action validation such as max_actions_per_receipt or
// method name length, storage staking LackBalanceForState), nearcore's memory standardisation
// (the contract's own memory is used, as in our compiler), host functions not in the list below
// (validator_stake, ecrecover, ed25519_verify, ripemd160, alt_bn128, bls12381, yield, …: a
// contract importing one fails to link here).
import { createHash } from 'node:crypto';
import type {
  Action,
  CallIn,
  CallOutcomeOut,
  ContractInit,
  OutcomeOut,
  Receipt,
  ReturnValue,
  TapeIn,
} from '../../src/near/types.js';

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

export const LIMITS = {
  maxRegisterSize: 104_857_600n,
  maxNumberRegisters: 100,
  registersMemoryLimit: 1_073_741_824n,
  maxLengthStorageKey: 2048n,
  maxLengthStorageValue: 4_194_304n,
  maxNumberLogs: 100,
  maxTotalLogLength: 16_384n,
  maxLengthReturnedData: 4_194_304n,
  maxContractSize: 4_194_304n,
  maxPromises: 1024,
  maxInputDataDependencies: 128,
  storageNumExtraBytesRecord: 40n,
} as const;

/** A call's failure raised by a host function: unwinds the contract to the driver. */
class HostFailure extends Error {
  constructor(
    readonly kind: 'panic' | 'host',
    readonly text: string,
  ) {
    super(text);
  }
}

const hostError = (text: string): HostFailure => new HostFailure('host', text);
const E = {
  badUtf8: () => hostError('String encoding is bad UTF-8 sequence.'),
  badUtf16: () => hostError('String encoding is bad UTF-16 sequence.'),
  balanceExceeded: () => hostError('Exceeded the account balance.'),
  emptyMethodName: () => hostError('Tried to call an empty method name.'),
  integerOverflow: () => hostError('Integer overflow.'),
  invalidPromiseIndex: (i: bigint) => hostError(`${i} does not correspond to existing promises`),
  cannotAppendToJoint: () => hostError('Actions can only be appended to non-joint promise.'),
  cannotReturnJoint: () => hostError('Returning joint promise is currently prohibited.'),
  invalidPromiseResultIndex: (i: bigint) => hostError(`Accessed invalid promise result index: ${i}`),
  invalidRegisterId: (i: bigint) => hostError(`Accessed invalid register id: ${i}`),
  memoryAccessViolation: () => hostError('Accessed memory outside the bounds.'),
  invalidAccountId: () => hostError('VM Logic returned an invalid account id'),
  invalidPublicKey: () => hostError('VM Logic provided an invalid public key'),
  prohibitedInView: (m: string) => hostError(`${m} is not allowed in view calls`),
  numberOfLogsExceeded: (l: number) => hostError(`The number of logs will exceed the limit ${l}`),
  keyLengthExceeded: (n: bigint, l: bigint) => hostError(`The length of a storage key ${n} exceeds the limit ${l}`),
  valueLengthExceeded: (n: bigint, l: bigint) => hostError(`The length of a storage value ${n} exceeds the limit ${l}`),
  totalLogLengthExceeded: (n: bigint, l: bigint) => hostError(`The length of a log message ${n} exceeds the limit ${l}`),
  numberPromisesExceeded: (n: number, l: number) =>
    hostError(`The number of promises within a FunctionCall ${n} exceeds the limit ${l}`),
  numberInputDataDependenciesExceeded: (n: number, l: number) =>
    hostError(`The number of input data dependencies ${n} exceeds the limit ${l}`),
  returnedValueLengthExceeded: (n: bigint, l: bigint) =>
    hostError(`The length of a returned value ${n} exceeds the limit ${l}`),
  contractSizeExceeded: (n: bigint, l: bigint) =>
    hostError(`The size of a contract code in DeployContract action ${n} exceeds the limit ${l}`),
  deprecated: (m: string) => hostError(`Attempted to call deprecated host function ${m}`),
  guestPanic: (msg: string) => new HostFailure('panic', `Smart contract panicked: ${msg}`),
};

const TRAP = {
  unreachable: 'An `unreachable` opcode was executed.',
  memory: 'Memory out of bounds trap.',
  arithmetic: 'An arithmetic exception, e.g. divided by zero.',
  tableOob: 'Call indirect out of bounds trap.',
  signature: 'Call indirect incorrect signature trap.',
  nullCall: 'Indirect call to null.',
  stack: 'Stack overflow.',
};

/** nearcore's WasmTrap text of a V8 trap, or undefined when the error is not a trap. */
export function trapText(e: unknown): string | undefined {
  if (e instanceof RangeError && /call stack size exceeded/i.test(e.message)) return TRAP.stack;
  if (!(e instanceof WebAssembly.RuntimeError)) return undefined;
  const m = e.message;
  if (/unreachable/.test(m)) return TRAP.unreachable;
  if (/memory access out of bounds/.test(m)) return TRAP.memory;
  if (/divide by zero|remainder by zero|divide result unrepresentable|float unrepresentable|integer overflow/.test(m))
    return TRAP.arithmetic;
  if (/table index is out of bounds/.test(m)) return TRAP.tableOob;
  if (/null function or function signature mismatch/.test(m)) return TRAP.nullCall;
  if (/signature mismatch/.test(m)) return TRAP.signature;
  if (/null function/.test(m)) return TRAP.nullCall;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// hashes

const KECCAK_RC: bigint[] = (() => {
  // round constants from the LFSR of FIPS 202 (rc(t)), as 64-bit lanes
  const out: bigint[] = [];
  let r = 1;
  const rc = (): number => {
    const bit = r & 1;
    r = r & 0x80 ? ((r << 1) ^ 0x71) & 0xff : (r << 1) & 0xff;
    return bit;
  };
  for (let round = 0; round < 24; round++) {
    let c = 0n;
    for (let j = 0; j <= 6; j++) if (rc()) c |= 1n << BigInt((1 << j) - 1);
    out.push(c);
  }
  return out;
})();

const KECCAK_ROT: number[] = (() => {
  // rotation offsets r[x + 5y]
  const rot = new Array<number>(25).fill(0);
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    rot[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  return rot;
})();

const rotl64 = (v: bigint, n: number): bigint => (n === 0 ? v : ((v << BigInt(n)) | (v >> BigInt(64 - n))) & U64_MAX);

function keccakF(s: bigint[]): void {
  for (let round = 0; round < 24; round++) {
    const c = [0, 1, 2, 3, 4].map((x) => s[x]! ^ s[x + 5]! ^ s[x + 10]! ^ s[x + 15]! ^ s[x + 20]!);
    for (let x = 0; x < 5; x++) {
      const d = c[(x + 4) % 5]! ^ rotl64(c[(x + 1) % 5]!, 1);
      for (let y = 0; y < 25; y += 5) s[x + y] = s[x + y]! ^ d;
    }
    const b = new Array<bigint>(25);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl64(s[x + 5 * y]!, KECCAK_ROT[x + 5 * y]!);
    for (let x = 0; x < 5; x++)
      for (let y = 0; y < 5; y++)
        s[x + 5 * y] = b[x + 5 * y]! ^ (~b[((x + 1) % 5) + 5 * y]! & U64_MAX & b[((x + 2) % 5) + 5 * y]!);
    s[0] = s[0]! ^ KECCAK_RC[round]!;
  }
}

/** Keccak with the original padding (0x01 … 0x80), as NEAR's keccak256/keccak512 (not SHA-3). */
function keccak(data: Uint8Array, outBytes: number): Uint8Array {
  const rate = 200 - 2 * outBytes;
  const padded = new Uint8Array(Math.floor(data.length / rate + 1) * rate);
  padded.set(data);
  padded[data.length] = padded[data.length]! ^ 0x01;
  padded[padded.length - 1] = padded[padded.length - 1]! ^ 0x80;
  const s = new Array<bigint>(25).fill(0n);
  const view = new DataView(padded.buffer);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) s[i] = s[i]! ^ view.getBigUint64(off + i * 8, true);
    keccakF(s);
  }
  const out = new Uint8Array(outBytes);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < outBytes / 8; i++) ov.setBigUint64(i * 8, s[i]!, true);
  return out;
}

export const keccak256 = (d: Uint8Array): Uint8Array => keccak(d, 32);
export const keccak512 = (d: Uint8Array): Uint8Array => keccak(d, 64);
const sha256 = (d: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(d).digest());

// ---------------------------------------------------------------------------------------------
// the module's callable methods

class SectionReader {
  pos = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly end = b.length,
  ) {}
  byte(): number {
    if (this.pos >= this.end) throw new Error('callableMethods: truncated module');
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
      if (shift > 35) throw new Error('callableMethods: bad LEB128');
    }
  }
  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.end) throw new Error('callableMethods: truncated module');
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.skip(n);
    return s;
  }
  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
}

/** The exported functions of type [] -> [], in export order (docs/near.md: the callable methods). */
export function callableMethods(wasm: Uint8Array): string[] {
  if (!WebAssembly.validate(wasm as Uint8Array<ArrayBuffer>)) throw new Error('callableMethods: not a valid WebAssembly module');
  const r = new SectionReader(wasm);
  r.skip(8);
  const types: boolean[] = []; // type index -> is [] -> []
  const funcTypes: number[] = []; // function index (imports first) -> type index
  const exports: { name: string; index: number }[] = [];
  while (r.pos < wasm.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    const s = new SectionReader(wasm, end);
    s.pos = r.pos;
    if (id === 1) {
      for (let n = s.u32(), i = 0; i < n; i++) {
        if (s.byte() !== 0x60) throw new Error('callableMethods: bad function type');
        const params = s.u32();
        s.skip(params);
        const results = s.u32();
        s.skip(results);
        types.push(params === 0 && results === 0);
      }
    } else if (id === 2) {
      for (let n = s.u32(), i = 0; i < n; i++) {
        s.name();
        s.name();
        const kind = s.byte();
        if (kind === 0) funcTypes.push(s.u32());
        else if (kind === 1) {
          s.byte();
          s.limits();
        } else if (kind === 2) s.limits();
        else if (kind === 3) s.skip(2);
        else s.u32(); // tag
      }
    } else if (id === 3) {
      for (let n = s.u32(), i = 0; i < n; i++) funcTypes.push(s.u32());
    } else if (id === 7) {
      for (let n = s.u32(), i = 0; i < n; i++) {
        const name = s.name();
        const kind = s.byte();
        const index = s.u32();
        if (kind === 0) exports.push({ name, index });
      }
    }
    r.pos = end;
  }
  return exports.filter((e) => types[funcTypes[e.index]!] === true).map((e) => e.name);
}

// ---------------------------------------------------------------------------------------------
// helpers

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const u64 = (v: bigint | number): bigint => BigInt.asUintN(64, BigInt(v));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

/** near-account-id's rules: 2–64 bytes of [a-z0-9._-], separators not first, last or doubled. */
export function isValidAccountId(s: string): boolean {
  if (s.length < 2 || s.length > 64) return false;
  let lastSep = true; // no separator first
  for (const ch of s) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) lastSep = false;
    else if (ch === '-' || ch === '_' || ch === '.') {
      if (lastSep) return false;
      lastSep = true;
    } else return false;
  }
  return !lastSep;
}

/** A borsh near_crypto::PublicKey: type 0 + 32 bytes (ed25519) or type 1 + 64 bytes (secp256k1). */
function isValidPublicKey(b: Uint8Array): boolean {
  return (b[0] === 0 && b.length === 33) || (b[0] === 1 && b.length === 65);
}

// fatal (BadUTF8/BadUTF16) and keeping a byte-order mark, as Rust's String::from_utf8/decode_utf16
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

interface ContractState {
  storage: Map<string, { key: Uint8Array; value: Uint8Array }>;
  storageUsage: bigint;
  balance: bigint;
  lockedBalance: bigint;
  accountId: Uint8Array;
}

type Promise_ = { kind: 'receipt'; receipt: number } | { kind: 'joint'; receipts: number[] };

// ---------------------------------------------------------------------------------------------
// one call

class CallRun {
  instance: WebAssembly.Instance | undefined;
  registers = new Map<bigint, Uint8Array>();
  registersUsage = 0n;
  logs: Uint8Array[] = [];
  totalLogLength = 0n;
  promises: Promise_[] = [];
  receipts: Receipt[] = [];
  returned: ReturnValue = { kind: 'none' };
  storage: Map<string, { key: Uint8Array; value: Uint8Array }>;
  storageUsage: bigint;
  balance: bigint;

  constructor(
    readonly state: ContractState,
    readonly call: CallIn,
  ) {
    this.storage = new Map(state.storage);
    this.storageUsage = state.storageUsage;
    this.balance = state.balance + call.attachedDeposit;
    if (this.balance > U128_MAX) throw new Error('near-reference: balance + attached deposit overflows u128');
  }

  // memory -------------------------------------------------------------------------------------

  private mem(): Uint8Array {
    const m = this.instance?.exports['memory'];
    if (!(m instanceof WebAssembly.Memory)) throw E.memoryAccessViolation();
    return new Uint8Array(m.buffer);
  }

  read(ptr: bigint, len: bigint): Uint8Array {
    const m = this.mem();
    if (ptr + len > BigInt(m.length)) throw E.memoryAccessViolation();
    return m.slice(Number(ptr), Number(ptr + len));
  }

  write(ptr: bigint, data: Uint8Array): void {
    const m = this.mem();
    if (ptr + BigInt(data.length) > BigInt(m.length)) throw E.memoryAccessViolation();
    m.set(data, Number(ptr));
  }

  readU128(ptr: bigint): bigint {
    const b = this.read(ptr, 16n);
    const v = new DataView(b.buffer);
    return v.getBigUint64(0, true) | (v.getBigUint64(8, true) << 64n);
  }

  writeU128(ptr: bigint, value: bigint): void {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, value & U64_MAX, true);
    v.setBigUint64(8, value >> 64n, true);
    this.write(ptr, b);
  }

  /** nearcore's get_memory_or_register: len u64::MAX means the register `ptr`. */
  memOrReg(ptr: bigint, len: bigint): Uint8Array {
    if (len === U64_MAX) return this.getRegister(ptr);
    return this.read(ptr, len);
  }

  // registers ----------------------------------------------------------------------------------

  getRegister(id: bigint): Uint8Array {
    const r = this.registers.get(id);
    if (r === undefined) throw E.invalidRegisterId(id);
    return r;
  }

  setRegister(id: bigint, data: Uint8Array): void {
    const len = BigInt(data.length);
    if (len > LIMITS.maxRegisterSize) throw E.memoryAccessViolation();
    if (this.registers.size >= LIMITS.maxNumberRegisters) throw E.memoryAccessViolation();
    const old = this.registers.get(id);
    const usage = this.registersUsage - (old ? BigInt(old.length) + 8n : 0n) + len + 8n;
    if (usage > LIMITS.registersMemoryLimit) throw E.memoryAccessViolation();
    this.registersUsage = usage;
    this.registers.set(id, data.slice());
  }

  // strings ------------------------------------------------------------------------------------

  private logBudget(): bigint {
    const left = LIMITS.maxTotalLogLength - this.totalLogLength;
    return left > 0n ? left : 0n;
  }

  private logLengthExceeded(add: bigint): HostFailure {
    const n = this.totalLogLength + add;
    return E.totalLogLengthExceeded(n > U64_MAX ? U64_MAX : n, LIMITS.maxTotalLogLength);
  }

  utf8String(len: bigint, ptr: bigint): string {
    const maxLen = this.logBudget();
    let buf: Uint8Array;
    if (len !== U64_MAX) {
      if (len > maxLen) throw this.logLengthExceeded(len);
      buf = this.read(ptr, len);
    } else {
      const bytes: number[] = [];
      for (let i = 0n; i <= maxLen; i++) {
        const el = this.read(ptr + i, 1n)[0]!;
        if (el === 0) break;
        if (i === maxLen) throw this.logLengthExceeded(maxLen + 1n);
        bytes.push(el);
      }
      buf = Uint8Array.from(bytes);
    }
    try {
      return utf8.decode(buf);
    } catch {
      throw E.badUtf8();
    }
  }

  utf16String(len: bigint, ptr: bigint): string {
    const maxLen = this.logBudget();
    if (len === U64_MAX) {
      len = 0n;
      for (;;) {
        const w = this.read(ptr + len, 2n);
        if (w[0] === 0 && w[1] === 0) break;
        len += 2n;
        if (len > maxLen) throw this.logLengthExceeded(len);
      }
    }
    const buf = this.read(ptr, len);
    if (buf.length % 2 !== 0) throw E.badUtf16();
    if (len > maxLen) throw this.logLengthExceeded(len);
    try {
      return utf16.decode(buf);
    } catch {
      throw E.badUtf16();
    }
  }

  checkCanAddLog(): void {
    if (this.logs.length >= LIMITS.maxNumberLogs) throw E.numberOfLogsExceeded(LIMITS.maxNumberLogs);
  }

  pushLog(message: string): void {
    const bytes = new TextEncoder().encode(message);
    const len = BigInt(bytes.length);
    this.totalLogLength += len;
    if (this.totalLogLength > LIMITS.maxTotalLogLength) {
      this.totalLogLength -= len;
      throw this.logLengthExceeded(len);
    }
    this.logs.push(bytes);
  }

  // promises -----------------------------------------------------------------------------------

  viewCheck(name: string): void {
    if (this.call.isView) throw E.prohibitedInView(name);
  }

  accountId(ptr: bigint, len: bigint): Uint8Array {
    const buf = this.memOrReg(ptr, len);
    let s: string;
    try {
      s = utf8.decode(buf);
    } catch {
      throw E.badUtf8();
    }
    if (!isValidAccountId(s)) throw E.invalidAccountId();
    return buf;
  }

  pushPromise(p: Promise_): bigint {
    const idx = this.promises.length;
    this.promises.push(p);
    if (this.promises.length > LIMITS.maxPromises) throw E.numberPromisesExceeded(this.promises.length, LIMITS.maxPromises);
    return BigInt(idx);
  }

  promise(idx: bigint): Promise_ {
    const p = idx < BigInt(this.promises.length) ? this.promises[Number(idx)] : undefined;
    if (p === undefined) throw E.invalidPromiseIndex(idx);
    return p;
  }

  /** The receipt of a non-joint promise, to append an action to. */
  receiptOf(idx: bigint): Receipt {
    const p = this.promise(idx);
    if (p.kind === 'joint') throw E.cannotAppendToJoint();
    return this.receipts[p.receipt]!;
  }

  newReceipt(receiverId: Uint8Array, dependencies: number[]): number {
    this.receipts.push({ receiverId, dependencies, actions: [] });
    return this.receipts.length - 1;
  }

  deduct(amount: bigint): void {
    if (amount > this.balance) throw E.balanceExceeded();
    this.balance -= amount;
  }

  addAction(idx: bigint, a: Action): void {
    this.receiptOf(idx).actions.push(a);
  }

  // the imports --------------------------------------------------------------------------------

  imports(): Record<string, (...args: never[]) => unknown> {
    const call = this.call;
    const state = this.state;
    const f: Record<string, (...a: bigint[]) => bigint | void> = {
      // registers
      read_register: (id, ptr) => this.write(ptr!, this.getRegister(id!)),
      register_len: (id) => {
        const r = this.registers.get(id!);
        return r === undefined ? U64_MAX : BigInt(r.length);
      },
      write_register: (id, len, ptr) => this.setRegister(id!, this.read(ptr!, len!)),

      // context
      current_account_id: (reg) => this.setRegister(reg!, state.accountId),
      signer_account_id: (reg) => {
        this.viewCheck('signer_account_id');
        this.setRegister(reg!, call.signerAccountId);
      },
      signer_account_pk: (reg) => {
        this.viewCheck('signer_account_pk');
        this.setRegister(reg!, call.signerAccountPk);
      },
      predecessor_account_id: (reg) => {
        this.viewCheck('predecessor_account_id');
        this.setRegister(reg!, call.predecessorAccountId);
      },
      input: (reg) => this.setRegister(reg!, call.input),
      block_index: () => call.blockHeight,
      block_height: () => call.blockHeight,
      block_timestamp: () => call.blockTimestamp,
      epoch_height: () => call.epochHeight,
      storage_usage: () => this.storageUsage,

      // economics
      account_balance: (ptr) => this.writeU128(ptr!, this.balance),
      account_locked_balance: (ptr) => this.writeU128(ptr!, state.lockedBalance),
      attached_deposit: (ptr) => this.writeU128(ptr!, call.attachedDeposit),
      prepaid_gas: () => {
        this.viewCheck('prepaid_gas');
        return call.prepaidGas;
      },
      used_gas: () => {
        this.viewCheck('used_gas');
        return 0n;
      },

      // math
      random_seed: (reg) => this.setRegister(reg!, call.randomSeed),
      sha256: (len, ptr, reg) => this.setRegister(reg!, sha256(this.memOrReg(ptr!, len!))),
      keccak256: (len, ptr, reg) => this.setRegister(reg!, keccak256(this.memOrReg(ptr!, len!))),
      keccak512: (len, ptr, reg) => this.setRegister(reg!, keccak512(this.memOrReg(ptr!, len!))),

      // promises
      promise_create: (alen, aptr, mlen, mptr, arglen, argptr, amountPtr, gas) => {
        const idx = f['promise_batch_create']!(alen!, aptr!) as bigint;
        f['promise_batch_action_function_call']!(idx, mlen!, mptr!, arglen!, argptr!, amountPtr!, gas!);
        return idx;
      },
      promise_then: (pidx, alen, aptr, mlen, mptr, arglen, argptr, amountPtr, gas) => {
        const idx = f['promise_batch_then']!(pidx!, alen!, aptr!) as bigint;
        f['promise_batch_action_function_call']!(idx, mlen!, mptr!, arglen!, argptr!, amountPtr!, gas!);
        return idx;
      },
      promise_and: (ptr, count) => {
        this.viewCheck('promise_and');
        const len = count! * 8n;
        if (len > U64_MAX) throw E.integerOverflow();
        const raw = this.read(ptr!, len);
        const view = new DataView(raw.buffer);
        const deps: number[] = [];
        for (let i = 0; i < raw.length; i += 8) {
          const p = this.promise(view.getBigUint64(i, true));
          if (p.kind === 'receipt') deps.push(p.receipt);
          else deps.push(...p.receipts);
          if (deps.length > LIMITS.maxInputDataDependencies)
            throw E.numberInputDataDependenciesExceeded(deps.length, LIMITS.maxInputDataDependencies);
        }
        return this.pushPromise({ kind: 'joint', receipts: deps });
      },
      promise_batch_create: (alen, aptr) => {
        this.viewCheck('promise_batch_create');
        const account = this.accountId(aptr!, alen!);
        return this.pushPromise({ kind: 'receipt', receipt: this.newReceipt(account, []) });
      },
      promise_batch_then: (pidx, alen, aptr) => {
        this.viewCheck('promise_batch_then');
        const account = this.accountId(aptr!, alen!);
        const p = this.promise(pidx!);
        const deps = p.kind === 'receipt' ? [p.receipt] : [...p.receipts];
        return this.pushPromise({ kind: 'receipt', receipt: this.newReceipt(account, deps) });
      },
      promise_batch_action_create_account: (pidx) => {
        this.viewCheck('promise_batch_action_create_account');
        this.addAction(pidx!, { kind: 'create_account' });
      },
      promise_batch_action_deploy_contract: (pidx, len, ptr) => {
        this.viewCheck('promise_batch_action_deploy_contract');
        const code = this.memOrReg(ptr!, len!);
        if (BigInt(code.length) > LIMITS.maxContractSize)
          throw E.contractSizeExceeded(BigInt(code.length), LIMITS.maxContractSize);
        this.addAction(pidx!, { kind: 'deploy_contract', code });
      },
      promise_batch_action_function_call: (pidx, mlen, mptr, alen, aptr, amountPtr, gas) =>
        f['promise_batch_action_function_call_weight']!(pidx!, mlen!, mptr!, alen!, aptr!, amountPtr!, gas!, 0n),
      promise_batch_action_function_call_weight: (pidx, mlen, mptr, alen, aptr, amountPtr, gas, weight) => {
        this.viewCheck('promise_batch_action_function_call');
        const deposit = this.readU128(amountPtr!);
        const methodName = this.memOrReg(mptr!, mlen!);
        if (methodName.length === 0) throw E.emptyMethodName();
        const args = this.memOrReg(aptr!, alen!);
        const receipt = this.receiptOf(pidx!);
        this.deduct(deposit);
        receipt.actions.push({ kind: 'function_call', methodName, args, deposit, gas: gas!, gasWeight: weight! });
      },
      promise_batch_action_transfer: (pidx, amountPtr) => {
        this.viewCheck('promise_batch_action_transfer');
        const deposit = this.readU128(amountPtr!);
        const receipt = this.receiptOf(pidx!);
        this.deduct(deposit);
        receipt.actions.push({ kind: 'transfer', deposit });
      },
      promise_batch_action_stake: (pidx, amountPtr, klen, kptr) => {
        this.viewCheck('promise_batch_action_stake');
        const stake = this.readU128(amountPtr!);
        const publicKey = this.memOrReg(kptr!, klen!);
        const receipt = this.receiptOf(pidx!);
        if (!isValidPublicKey(publicKey)) throw E.invalidPublicKey();
        receipt.actions.push({ kind: 'stake', stake, publicKey });
      },
      promise_batch_action_add_key_with_full_access: (pidx, klen, kptr, nonce) => {
        this.viewCheck('promise_batch_action_add_key_with_full_access');
        const publicKey = this.memOrReg(kptr!, klen!);
        const receipt = this.receiptOf(pidx!);
        if (!isValidPublicKey(publicKey)) throw E.invalidPublicKey();
        receipt.actions.push({ kind: 'add_key_full_access', publicKey, nonce: nonce! });
      },
      promise_batch_action_add_key_with_function_call: (pidx, klen, kptr, nonce, allowancePtr, rlen, rptr, mlen, mptr) => {
        this.viewCheck('promise_batch_action_add_key_with_function_call');
        const publicKey = this.memOrReg(kptr!, klen!);
        const allowance = this.readU128(allowancePtr!);
        const receiverId = this.accountId(rptr!, rlen!);
        const methodNames = this.memOrReg(mptr!, mlen!);
        // utils.rs split_method_names: empty is no names; an empty name between commas fails
        if (methodNames.length > 0 && new TextDecoder('latin1').decode(methodNames).split(',').some((n) => n === ''))
          throw E.emptyMethodName();
        const receipt = this.receiptOf(pidx!);
        if (!isValidPublicKey(publicKey)) throw E.invalidPublicKey();
        receipt.actions.push({
          kind: 'add_key_function_call',
          publicKey,
          nonce: nonce!,
          allowance: allowance > 0n ? allowance : null,
          receiverId,
          methodNames,
        });
      },
      promise_batch_action_delete_key: (pidx, klen, kptr) => {
        this.viewCheck('promise_batch_action_delete_key');
        const publicKey = this.memOrReg(kptr!, klen!);
        const receipt = this.receiptOf(pidx!);
        if (!isValidPublicKey(publicKey)) throw E.invalidPublicKey();
        receipt.actions.push({ kind: 'delete_key', publicKey });
      },
      promise_batch_action_delete_account: (pidx, blen, bptr) => {
        this.viewCheck('promise_batch_action_delete_account');
        const beneficiaryId = this.accountId(bptr!, blen!);
        this.addAction(pidx!, { kind: 'delete_account', beneficiaryId });
      },
      promise_results_count: () => {
        this.viewCheck('promise_results_count');
        return BigInt(call.promiseResults.length);
      },
      promise_result: (idx, reg) => {
        this.viewCheck('promise_result');
        const r = idx! < BigInt(call.promiseResults.length) ? call.promiseResults[Number(idx)] : undefined;
        if (r === undefined) throw E.invalidPromiseResultIndex(idx!);
        if (r.status === 'failed') return 2n;
        this.setRegister(reg!, r.data);
        return 1n;
      },
      promise_return: (idx) => {
        this.viewCheck('promise_return');
        const p = this.promise(idx!);
        if (p.kind === 'joint') throw E.cannotReturnJoint();
        this.returned = { kind: 'promise', receipt: p.receipt };
      },

      // miscellaneous
      value_return: (len, ptr) => {
        const value = this.memOrReg(ptr!, len!);
        if (BigInt(value.length) > LIMITS.maxLengthReturnedData)
          throw E.returnedValueLengthExceeded(BigInt(value.length), LIMITS.maxLengthReturnedData);
        this.returned = { kind: 'value', value };
      },
      panic: () => {
        throw E.guestPanic('explicit guest panic');
      },
      panic_utf8: (len, ptr) => {
        throw E.guestPanic(this.utf8String(len!, ptr!));
      },
      log_utf8: (len, ptr) => {
        this.checkCanAddLog();
        this.pushLog(this.utf8String(len!, ptr!));
      },
      log_utf16: (len, ptr) => {
        this.checkCanAddLog();
        this.pushLog(this.utf16String(len!, ptr!));
      },
      // AssemblyScript's abort(msg, file, line, col): i32 parameters in nearcore's signature
      abort: (msgPtr, filePtr, line, col) => {
        const m = msgPtr! & 0xffffffffn;
        const fp = filePtr! & 0xffffffffn;
        if (m < 4n || fp < 4n) throw E.badUtf16();
        this.checkCanAddLog();
        const u32At = (p: bigint): bigint => BigInt(new DataView(this.read(p, 4n).buffer).getUint32(0, true));
        const msgLen = u32At(m - 4n);
        const fileLen = u32At(fp - 4n);
        const msg = this.utf16String(msgLen, m);
        const file = this.utf16String(fileLen, fp);
        const message = `${msg}, filename: "${file}" line: ${line! & 0xffffffffn} col: ${col! & 0xffffffffn}`;
        this.pushLog(`ABORT: ${message}`);
        throw E.guestPanic(message);
      },

      // storage
      storage_write: (klen, kptr, vlen, vptr, reg) => {
        this.viewCheck('storage_write');
        const key = this.memOrReg(kptr!, klen!);
        if (BigInt(key.length) > LIMITS.maxLengthStorageKey)
          throw E.keyLengthExceeded(BigInt(key.length), LIMITS.maxLengthStorageKey);
        const value = this.memOrReg(vptr!, vlen!);
        if (BigInt(value.length) > LIMITS.maxLengthStorageValue)
          throw E.valueLengthExceeded(BigInt(value.length), LIMITS.maxLengthStorageValue);
        const k = hex(key);
        const old = this.storage.get(k);
        this.storage.set(k, { key, value });
        if (old) {
          this.storageUsage = this.storageUsage - BigInt(old.value.length) + BigInt(value.length);
          this.setRegister(reg!, old.value);
          return 1n;
        }
        this.storageUsage += BigInt(key.length + value.length) + LIMITS.storageNumExtraBytesRecord;
        return 0n;
      },
      storage_read: (klen, kptr, reg) => {
        const key = this.memOrReg(kptr!, klen!);
        if (BigInt(key.length) > LIMITS.maxLengthStorageKey)
          throw E.keyLengthExceeded(BigInt(key.length), LIMITS.maxLengthStorageKey);
        const e = this.storage.get(hex(key));
        if (!e) return 0n;
        this.setRegister(reg!, e.value);
        return 1n;
      },
      storage_remove: (klen, kptr, reg) => {
        this.viewCheck('storage_remove');
        const key = this.memOrReg(kptr!, klen!);
        if (BigInt(key.length) > LIMITS.maxLengthStorageKey)
          throw E.keyLengthExceeded(BigInt(key.length), LIMITS.maxLengthStorageKey);
        const k = hex(key);
        const e = this.storage.get(k);
        if (!e) return 0n;
        this.storage.delete(k);
        this.storageUsage -= BigInt(key.length + e.value.length) + LIMITS.storageNumExtraBytesRecord;
        this.setRegister(reg!, e.value);
        return 1n;
      },
      storage_has_key: (klen, kptr) => {
        const key = this.memOrReg(kptr!, klen!);
        if (BigInt(key.length) > LIMITS.maxLengthStorageKey)
          throw E.keyLengthExceeded(BigInt(key.length), LIMITS.maxLengthStorageKey);
        return this.storage.has(hex(key)) ? 1n : 0n;
      },
      storage_iter_prefix: () => {
        throw E.deprecated('storage_iter_prefix');
      },
      storage_iter_range: () => {
        throw E.deprecated('storage_iter_range');
      },
      storage_iter_next: () => {
        throw E.deprecated('storage_iter_next');
      },
    };
    // every argument arrives as a signed BigInt (i64) or a Number (abort's i32): as u64
    const out: Record<string, (...args: never[]) => unknown> = {};
    for (const [name, fn] of Object.entries(f)) {
      out[name] = (...args: (bigint | number)[]) => fn(...args.map(u64));
    }
    return out;
  }

  /** The changes of storage: keys whose value differs after the call, sorted. */
  changes(): CallOutcomeOut['changes'] {
    const out: CallOutcomeOut['changes'] = [];
    for (const [k, e] of this.storage) {
      const old = this.state.storage.get(k);
      if (!old || !bytesEqual(old.value, e.value)) out.push({ key: e.key, value: e.value });
    }
    for (const [k, e] of this.state.storage) if (!this.storage.has(k)) out.push({ key: e.key, value: null });
    return out.sort((a, b) => compareBytes(a.key, b.key));
  }
}

function initialState(c: ContractInit): ContractState {
  const storage = new Map<string, { key: Uint8Array; value: Uint8Array }>();
  for (const [key, value] of c.storage) storage.set(hex(key), { key: key.slice(), value: value.slice() });
  return {
    storage,
    storageUsage: c.storageUsage,
    balance: c.balance,
    lockedBalance: c.lockedBalance,
    accountId: c.accountId.slice(),
  };
}

/**
 * Runs the calls of a tape on V8 with the reference host. `contracts[i]` is the code of
 * `tape.contracts[i]`; `methodNames[i]` its callable methods in index order (callableMethods).
 */
export async function runReference(contracts: Uint8Array[], tape: TapeIn, methodNames: string[][]): Promise<OutcomeOut> {
  if (contracts.length !== tape.contracts.length)
    throw new Error(`near-reference: ${contracts.length} contract codes for ${tape.contracts.length} contracts`);
  const modules = await Promise.all(contracts.map((c) => WebAssembly.compile(c as Uint8Array<ArrayBuffer>)));
  const states = tape.contracts.map(initialState);
  const calls: CallOutcomeOut[] = [];
  for (const [i, call] of tape.calls.entries()) {
    const module = modules[call.contract];
    const state = states[call.contract];
    if (module === undefined || state === undefined) throw new Error(`near-reference: calls[${i}]: no contract ${call.contract}`);
    const method = methodNames[call.contract]?.[call.method];
    if (method === undefined) throw new Error(`near-reference: calls[${i}]: contract ${call.contract} has no method ${call.method}`);
    const run = new CallRun(state, call);
    const env = run.imports();
    const importObject: WebAssembly.Imports = { env: {} };
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.module !== 'env' || imp.kind !== 'function' || !(imp.name in env))
        throw new Error(`near-reference: contract ${call.contract} imports ${imp.module}.${imp.name}, which this host does not provide`);
      importObject['env']![imp.name] = env[imp.name]!;
    }
    let failure: CallOutcomeOut['failure'];
    try {
      run.instance = new WebAssembly.Instance(module, importObject);
      const fn = run.instance.exports[method];
      if (typeof fn !== 'function') throw new Error(`near-reference: contract ${call.contract} does not export ${method}`);
      (fn as () => void)();
    } catch (e) {
      if (e instanceof HostFailure) failure = { kind: e.kind, message: e.text };
      else {
        const trap = trapText(e);
        if (trap === undefined) throw e;
        failure = { kind: 'trap', message: `WebAssembly trap: ${trap}` };
      }
    }
    if (failure) {
      calls.push({
        status: 'failure',
        failure,
        logs: run.logs,
        receipts: [],
        storageUsage: state.storageUsage,
        balance: state.balance,
        changes: [],
      });
    } else {
      calls.push({
        status: 'success',
        returned: run.returned,
        logs: run.logs,
        receipts: run.receipts,
        storageUsage: run.storageUsage,
        balance: run.balance,
        changes: run.changes(),
      });
      state.storage = run.storage;
      state.storageUsage = run.storageUsage;
      state.balance = run.balance;
    }
  }
  return { calls };
}
