// The reference side: a module's calls run in V8 (Node's WebAssembly), one instance, in a worker
// thread that is terminated (and replaced) when a module does not finish within its time budget.

import { Worker } from 'node:worker_threads';
import type { ValType } from './rewrite.js';

/**
 * One call of an export: its arguments are unsigned decimal bit patterns of its parameter types
 * (a float's IEEE bits; NaN arguments are never planned: JavaScript may not carry their payload).
 */
export interface Call {
  name: string;
  params: ValType[];
  args: string[];
  results: ValType[];
}

/** What one call did: the values it logged (env.output_*), then a return with values or a trap. */
export interface CallOutcome {
  /** logged values as unsigned decimal strings (i32 zero-extended); at most MAX_RECORDED */
  outputs: string[];
  /** logged values in all (may exceed outputs.length) */
  logged: number;
  trap?: string;
  /** returned values as unsigned decimal strings; a float its bits, or `nan` for any NaN (a
   *  NaN crossing into JavaScript keeps no payload) */
  values?: string[];
}

export type V8Outcome =
  /** memory: the exported memory's bytes after the last call (when the module exports one) */
  | { outcome: 'ran'; calls: CallOutcome[]; memory?: Uint8Array }
  | { outcome: 'error'; message: string }
  | { outcome: 'timeout'; ms: number };

/**
 * Instantiate and run the calls in order on one instance; a trap ends only its call (the
 * instance lives on, as in binaryen's fuzz-exec). Self-contained: its source is shipped to the
 * worker thread.
 */
function runCalls(bytes: Uint8Array, calls: Call[], wasm: typeof WebAssembly): { outcome: 'ran'; calls: CallOutcome[]; memory?: Uint8Array } | { outcome: 'error'; message: string } {
  const MAX_RECORDED = 1000;
  let current: CallOutcome = { outputs: [], logged: 0 };
  const log = (bits: 32 | 64) => (v: number | bigint): void => {
    current.logged++;
    if (current.outputs.length < MAX_RECORDED) current.outputs.push(BigInt.asUintN(bits, BigInt(v)).toString());
  };
  const env = { output_i32: log(32), output_i64: log(64) };
  let instance: WebAssembly.Instance;
  try {
    instance = new wasm.Instance(new wasm.Module(bytes as BufferSource), { env });
  } catch (e) {
    return { outcome: 'error', message: `instantiation failed: ${String(e)}` };
  }
  const out: CallOutcome[] = [];
  for (const c of calls) {
    current = { outputs: [], logged: 0 };
    const f = instance.exports[c.name];
    if (typeof f !== 'function') return { outcome: 'error', message: `no exported function ${c.name}` };
    const view = new DataView(new ArrayBuffer(8));
    const arg = (t: string, bits: string): number | bigint => {
      if (t === 'i64') return BigInt(bits);
      if (t === 'f32') { view.setUint32(0, Number(bits), true); return view.getFloat32(0, true); }
      if (t === 'f64') { view.setBigUint64(0, BigInt(bits), true); return view.getFloat64(0, true); }
      return Number(bits);
    };
    const result = (t: string, v: number | bigint): string => {
      if (t === 'f32' || t === 'f64') {
        if (Number.isNaN(v)) return 'nan';
        if (t === 'f32') { view.setFloat32(0, v as number, true); return String(view.getUint32(0, true)); }
        view.setFloat64(0, v as number, true);
        return view.getBigUint64(0, true).toString();
      }
      return BigInt.asUintN(t === 'i64' ? 64 : 32, BigInt(v)).toString();
    };
    const args = c.params.map((t, i) => arg(t, c.args[i]!));
    try {
      const r: unknown = (f as (...a: unknown[]) => unknown)(...args);
      const values = c.results.length === 0 ? [] : c.results.length === 1 ? [r] : (r as unknown[]);
      current.values = values.map((v, i) => result(c.results[i]!, v as number | bigint));
    } catch (e) {
      if (e instanceof wasm.RuntimeError || (e instanceof RangeError && /call stack/i.test(e.message))) current.trap = e.message;
      else return { outcome: 'error', message: `${c.name} threw ${String(e)}` };
    }
    out.push(current);
  }
  const mem = Object.values(instance.exports).find((x) => x instanceof wasm.Memory) as WebAssembly.Memory | undefined;
  return mem ? { outcome: 'ran', calls: out, memory: new Uint8Array(mem.buffer.slice(0)) } : { outcome: 'ran', calls: out };
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const runCalls = ${runCalls.toString()};
parentPort.on('message', ({ id, bytes, calls }) => parentPort.postMessage({ id, result: runCalls(bytes, calls, WebAssembly) }));
`;

/** A worker thread running modules one at a time; a module over its budget costs the worker. */
export class V8Runner {
  private worker: Worker | undefined;
  private nextId = 0;

  private get w(): Worker {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true });
      this.worker.unref();
    }
    return this.worker;
  }

  run(bytes: Uint8Array, calls: Call[], timeoutMs: number): Promise<V8Outcome> {
    const w = this.w;
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
      };
      const timer = setTimeout(() => {
        done();
        void w.terminate();
        if (this.worker === w) this.worker = undefined;
        resolve({ outcome: 'timeout', ms: Math.round(performance.now() - t0) });
      }, timeoutMs);
      const onMessage = (m: { id: number; result: V8Outcome }): void => {
        if (m.id !== id) return;
        done();
        resolve(m.result);
      };
      const onError = (e: Error): void => {
        done();
        if (this.worker === w) this.worker = undefined;
        reject(e);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.postMessage({ id, bytes, calls });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
