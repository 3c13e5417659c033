// The reference side of differential testing: run a generated module in V8 (Node's WebAssembly)
// and read off the checksum main computes, or the trap it stops with.

import { Worker } from 'node:worker_threads';
import type { TrapKind } from '../../src/ir/ops.js';
import { watToWasm } from '../../src/wasm/wat.js';
import { PLACEHOLDER } from './gen.js';

export type { TrapKind };
export type Outcome = { outcome: 'value'; value: bigint } | { outcome: 'trap'; message: string };

export interface RunOptions {
  /**
   * Run in a worker thread, terminated after this many milliseconds (then the promise rejects).
   * Without it, main runs on this thread: generated programs are bounded by construction.
   */
  timeoutMs?: number;
}

/**
 * Compile `wat` (its placeholder, if still there, replaced by 0) and run `main` in V8, with an assert_eq_i64 that
 * records its first argument (the checksum main computed) instead of comparing. A WebAssembly
 * RuntimeError, or V8's RangeError for stack overflow, becomes a trap with V8's message; anything
 * else (invalid text, a module that never reaches the assert) is an error.
 */
export async function expectedChecksum(wat: string, opts: RunOptions = {}): Promise<Outcome> {
  // any literal does for the expected value: the assert only records
  const bytes = await watToWasm(wat.includes(PLACEHOLDER) ? finalize(wat, 0n) : wat, 'fuzz.wat');
  if (opts.timeoutMs !== undefined) return runInWorker(bytes, opts.timeoutMs);
  const r = await runBytes(bytes, WebAssembly);
  if (r.outcome === 'error') throw new Error(r.message);
  return r.outcome === 'value' ? { outcome: 'value', value: BigInt(r.value) } : r;
}

/** `wat` with its placeholder replaced by `value` as a signed decimal i64 literal. */
export function finalize(wat: string, value: bigint): string {
  if (!wat.includes(PLACEHOLDER)) throw new Error(`finalize: no ${PLACEHOLDER} in the text`);
  return wat.replaceAll(PLACEHOLDER, BigInt.asIntN(64, value).toString());
}

/**
 * V8's trap messages (Node 20, V8 11.3; found by triggering each trap) and the spec's trap kinds.
 * V8 has one message for a null table entry and for a signature mismatch: see v8TrapKinds.
 */
const MESSAGES: readonly (readonly [string, readonly TrapKind[]])[] = [
  ['unreachable', ['unreachable']],
  ['divide by zero', ['integer divide by zero']],
  ['remainder by zero', ['integer divide by zero']],
  ['divide result unrepresentable', ['integer overflow']],
  ['float unrepresentable in integer range', ['integer overflow', 'invalid conversion to integer']],
  ['memory access out of bounds', ['out of bounds memory access']],
  ['table index is out of bounds', ['undefined element']],
  ['null function or function signature mismatch', ['indirect call type mismatch', 'uninitialized element']],
  ['Maximum call stack size exceeded', ['call stack exhausted']],
];

/** Every spec trap kind V8's message can stand for (two for an indirect call to null/wrong type). */
export function v8TrapKinds(message: string): readonly TrapKind[] {
  return MESSAGES.find(([m]) => message.startsWith(m))?.[1] ?? [];
}

/**
 * The spec trap kind of a V8 trap message, or undefined for a message it does not know. For V8's
 * shared null-entry / signature-mismatch message this is 'indirect call type mismatch'; compare
 * against v8TrapKinds(message) to accept 'uninitialized element' as well.
 */
export const V8_TRAP_KIND = (message: string): TrapKind | undefined => v8TrapKinds(message)[0];

// ------------------------------------------------------------------ running

type RawOutcome =
  | { outcome: 'value'; value: string }
  | { outcome: 'trap'; message: string }
  | { outcome: 'error'; message: string };

/**
 * Instantiate and run main. Self-contained (its source is also shipped to the worker thread), so
 * it only uses its arguments; the checksum comes back as a decimal string to cross threads.
 */
async function runBytes(bytes: Uint8Array, wasm: typeof WebAssembly): Promise<RawOutcome> {
  let seen: bigint | undefined;
  const env = {
    assert_eq_i64: (actual: bigint): void => {
      if (seen === undefined) seen = actual;
    },
  };
  let main: () => void;
  try {
    const { instance } = await wasm.instantiate(bytes as BufferSource, { env });
    main = instance.exports.main as () => void;
  } catch (e) {
    return { outcome: 'error', message: `instantiation failed: ${String(e)}` };
  }
  try {
    main();
  } catch (e) {
    if (e instanceof wasm.RuntimeError) return { outcome: 'trap', message: e.message };
    if (e instanceof RangeError && /call stack/i.test(e.message)) return { outcome: 'trap', message: e.message };
    return { outcome: 'error', message: `main threw: ${String(e)}` };
  }
  if (seen === undefined) return { outcome: 'error', message: 'main returned without calling assert_eq_i64' };
  return { outcome: 'value', value: seen.toString() };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const runBytes = ${runBytes.toString()};
runBytes(workerData.bytes, WebAssembly).then((r) => parentPort.postMessage(r));
`;

function runInWorker(bytes: Uint8Array, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`main did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    worker.once('message', (r: RawOutcome) => {
      clearTimeout(timer);
      void worker.terminate();
      if (r.outcome === 'error') reject(new Error(r.message));
      else resolve(r.outcome === 'value' ? { outcome: 'value', value: BigInt(r.value) } : r);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
