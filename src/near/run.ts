// A NEAR batch from the command line's files to its outcome: read the inputs, link and compile,
// encode the tape, run, read the outcome the host left in its memory (the mailbox, docs/near.md)
// and check it against the digests the program output.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { badNearInput, execFailure, fileNotFound, unknownNearMethod } from '../diagnostics.js';
import { runRom, type RunResult } from '../compile.js';
import { loadWasm, type LoadedWasm } from '../wasm/load.js';
import type { PagedMemory } from '../machine/memory.js';
import { MEM_LAYOUT } from '../machine/isa.js';
import { compileNear, type CompiledNear } from './compile.js';
import { callableMethods, HOST_MEMORY_BASE } from './link.js';
import { contractInit, InputReader, readArgs, readContext, readState, type Json } from './inputs.js';
import { encodeTape } from './tape.js';
import { decodeOutcome, publicWords } from './outcome.js';
import type { CallIn, ContractInit, OutcomeOut, TapeIn } from './types.js';

export interface NearBatch {
  contracts: { path: string; loaded: LoadedWasm; init: ContractInit; methods: string[] }[];
  calls: { contract: number; method: string; call: CallIn }[];
}

/** Host addresses of the mailbox's outcome pointer and length (docs/near.md). */
const MAILBOX = { ptr: 16, len: 20 };

function readJsonFile(path: string): { r: InputReader; json: Json } {
  if (!existsSync(path)) throw fileNotFound(path);
  const r: InputReader = new InputReader(path);
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    r.fail(`cannot read (${(e as Error).message})`);
  }
  return { r, json: r.parse(text) };
}

async function loadContract(path: string): Promise<{ loaded: LoadedWasm; methods: string[] }> {
  const loaded = await loadWasm(path);
  return { loaded, methods: callableMethods(loaded.module) };
}

function methodIndex(contract: { path: string; methods: string[] }, method: string): number {
  const k = contract.methods.indexOf(method);
  if (k < 0) throw unknownNearMethod(contract.path, method, contract.methods);
  return k;
}

export interface SingleCallOptions {
  args?: string;
  argsFile?: string;
  context?: string;
  state?: string;
}

/** `near CONTRACT METHOD [--args JSON | --args-file F] [--context F] [--state F]`: a batch of one call. */
export async function singleCallBatch(contractPath: string, method: string, o: SingleCallOptions): Promise<NearBatch> {
  const c = await loadContract(contractPath);
  methodIndex({ path: contractPath, methods: c.methods }, method);
  if (o.args !== undefined && o.argsFile !== undefined) throw badNearInput('--args', 'give --args or --args-file, not both');
  let input = new Uint8Array(0);
  if (o.args !== undefined) {
    new InputReader('--args').parse(o.args); // the arguments must be JSON (--args-file takes any bytes)
    input = new TextEncoder().encode(o.args);
  } else if (o.argsFile !== undefined) {
    if (!existsSync(o.argsFile)) throw fileNotFound(o.argsFile);
    input = new Uint8Array(readFileSync(o.argsFile));
  }
  const ctx = o.context === undefined ? readContext(new InputReader('(default context)'), undefined) : (() => {
    const { r, json } = readJsonFile(o.context);
    return readContext(r, json);
  })();
  const storage = o.state === undefined ? [] : (() => {
    const { r, json } = readJsonFile(o.state);
    return readState(r, json);
  })();
  return {
    contracts: [{ path: contractPath, ...c, init: contractInit(ctx.account, storage) }],
    calls: [{ contract: 0, method, call: { ...ctx.call, contract: 0, method: methodIndex({ path: contractPath, methods: c.methods }, method), input } }],
  };
}

/**
 * A batch file: `{"contracts": [{"wasm", "account_id", "state", "storage_usage", "balance",
 * "locked_balance"}], "context": {…defaults for every call}, "calls": [{"contract": account id or
 * index, "method", "args" | "args_base64", "context": {…}}]}`; wasm paths are relative to the file.
 */
export async function readBatchFile(path: string): Promise<NearBatch> {
  const file = readJsonFile(path);
  const r: InputReader = file.r;
  const json = file.json;
  const top = r.object(json, 'batch');
  r.only(top, 'batch', ['contracts', 'context', 'calls']);
  const contractList = top.contracts;
  const callList = top.calls;
  if (!Array.isArray(contractList) || contractList.length === 0) r.fail('contracts: expected a non-empty array');
  if (!Array.isArray(callList) || callList.length === 0) r.fail('calls: expected a non-empty array');
  const shared = top.context === undefined ? {} : r.object(top.context, 'context');
  const contracts: NearBatch['contracts'] = [];
  for (const [k, raw] of contractList.entries()) {
    const f = `contracts[${k}]`;
    const o = r.object(raw, f);
    r.only(o, f, ['wasm', 'account_id', 'state', 'storage_usage', 'balance', 'locked_balance']);
    const rel = o.wasm;
    if (typeof rel !== 'string') r.fail(`${f}.wasm: expected the contract's .wasm path`);
    const wasm = resolve(dirname(path), rel);
    const c = await loadContract(wasm);
    const account = readContext(r, {
      current_account_id: o.account_id ?? `contract${k}.near`,
      ...(o.storage_usage !== undefined ? { storage_usage: o.storage_usage } : {}),
      ...(o.balance !== undefined ? { account_balance: o.balance } : {}),
      ...(o.locked_balance !== undefined ? { account_locked_balance: o.locked_balance } : {}),
    }, f).account;
    contracts.push({ path: rel, ...c, init: contractInit(account, readState(r, o.state, `${f}.state`)) });
  }
  const ids = contracts.map((c) => Buffer.from(c.init.accountId).toString('utf8'));
  if (new Set(ids).size !== ids.length) r.fail('contracts: two contracts with the same account_id');
  const calls: NearBatch['calls'] = callList.map((raw, k) => {
    const f = `calls[${k}]`;
    const o = r.object(raw, f);
    r.only(o, f, ['contract', 'method', 'args', 'args_base64', 'context']);
    const ci = typeof o.contract === 'number' ? o.contract : ids.indexOf(String(o.contract));
    if (!Number.isInteger(ci) || ci < 0 || ci >= contracts.length) r.fail(`${f}.contract: no contract ${JSON.stringify(o.contract)} (give its account_id or index)`);
    const name = o.method;
    if (typeof name !== 'string') r.fail(`${f}.method: expected a method name`);
    const own = o.context === undefined ? {} : r.object(o.context, `${f}.context`);
    for (const key of ['current_account_id', 'account_balance', 'account_locked_balance', 'storage_usage']) {
      if (key in own || key in shared) r.fail(`${f}.context.${key}: an account's ${key} is the contract's (contracts[].account_id, balance, locked_balance, storage_usage), carried from call to call`);
    }
    const ctx = readContext(r, { ...shared, ...own }, `${f}.context`);
    const method = methodIndex(contracts[ci]!, name);
    return { contract: ci, method: name, call: { ...ctx.call, contract: ci, method, input: readArgs(r, o, f) } };
  });
  return { contracts, calls };
}

export function tapeOf(batch: NearBatch): TapeIn {
  return { contracts: batch.contracts.map((c) => c.init), calls: batch.calls.map((c) => c.call) };
}

/** The methods (by index) a batch calls, per contract: all its program needs. */
export function calledMethods(contracts: number, calls: readonly { contract: number; method: number }[]): Set<number>[] {
  const out = Array.from({ length: contracts }, () => new Set<number>());
  for (const c of calls) out[c.contract]?.add(c.method);
  return out;
}

export function compileBatch(batch: NearBatch): CompiledNear {
  return compileNear(batch.contracts.map((c) => c.loaded), {}, calledMethods(batch.contracts.length, batch.calls.map((c) => c.call)));
}

export interface NearRun {
  compiled: CompiledNear;
  tape: TapeIn;
  words: bigint[];
  run: RunResult;
  outcome: OutcomeOut;
}

/** Bytes of the host's memory at a host address, from a finished run's memory. */
export function hostBytes(memory: PagedMemory, hostAddr: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let k = 0; k < len; k++) {
    const b = HOST_MEMORY_BASE + hostAddr + k;
    const word = memory.get0(MEM_LAYOUT.memBase + Math.floor(b / 4));
    out[k] = (word >>> (8 * (b % 4))) & 0xff;
  }
  return out;
}

/** The outcome a finished run left in the mailbox; its digests must be the run's outputs. */
export function outcomeOf(run: RunResult, tape: TapeIn, name: string): OutcomeOut {
  if (run.status !== 'pass') throw execFailure(name, run.status === 'trap' ? `the NEAR host trapped (${run.trap!.kind})` : `the run failed: ${run.result.failure?.message}`);
  const [ptr, len] = hostBytesWords(run.result.memory);
  let outcome: OutcomeOut;
  try {
    outcome = decodeOutcome(hostBytes(run.result.memory, ptr, len));
  } catch (e) {
    throw execFailure(name, `the NEAR host left an outcome that does not decode: ${(e as Error).message}`);
  }
  const want = publicWords(tape, outcome);
  if (want.join(',') !== run.outputs.join(',')) throw execFailure(name, `the outputs are not the digests of the tape and the outcome (${run.outputs.join(' ')})`);
  return outcome;
}

function hostBytesWords(memory: PagedMemory): [number, number] {
  const u32 = (a: number) => memory.get0(MEM_LAYOUT.memBase + (HOST_MEMORY_BASE + a) / 4);
  return [u32(MAILBOX.ptr), u32(MAILBOX.len)];
}

export function runBatch(batch: NearBatch, opts: { maxSteps?: number } = {}): NearRun {
  const compiled = compileBatch(batch);
  const tape = tapeOf(batch);
  const words = encodeTape(tape);
  const run = runRom(compiled.rom, { inputs: words, ...(opts.maxSteps === undefined ? {} : { maxSteps: opts.maxSteps }) });
  return { compiled, tape, words, run, outcome: outcomeOf(run, tape, compiled.rom.fileName) };
}
