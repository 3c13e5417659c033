// The fuzzer's in-process runner, in a worker thread so that the harness can stop a case that
// hangs (terminate()) or runs out of memory (resourceLimits) and go on with a fresh worker.
// It runs the built pipeline (dist/, which `npm test` builds first) as the CLI does: load
// (our decoder, then wabt's validator), compile, and run a bounded number of steps; .zkasm text
// is parsed, assembled and run; a .wast script goes through the spec runner. Every case answers
// with what happened: accepted (and how the run ended) or the error thrown, whatever its type.

import { parentPort, workerData } from 'node:worker_threads';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../../dist/', import.meta.url);
const { loadWasmBytes } = await import(new URL('wasm/load.js', dist).href);
const { watToWasm } = await import(new URL('wasm/wat.js', dist).href);
const { compileWasm, runRom, runZkasm } = await import(new URL('compile.js', dist).href);
const { runWastFile } = await import(new URL('wast/run.js', dist).href);
const { W2zError } = await import(new URL('diagnostics.js', dist).href);

/** where a .wast case is written for the spec runner (the harness's, removed by it) */
const scratch = workerData.scratch;

/**
 * One case: `{ kind, name, data, compile, maxSteps }` → `{ status, stage, ... }`.
 * `compile: false` stops a .wasm/.wat after loading (big seeds in the quick run).
 */
async function runCase(c) {
  let stage = 'load';
  try {
    if (c.kind === 'zkasm') {
      stage = 'run';
      const r = runZkasm(c.data, c.name, { maxSteps: c.maxSteps });
      return { status: 'accepted', stage, run: r.status };
    }
    if (c.kind === 'wast') {
      stage = 'spec';
      const path = join(scratch, c.name);
      writeFileSync(path, c.data);
      try {
        const r = await runWastFile(path);
        return { status: 'accepted', stage, run: `${r.passed}/${r.failed}/${r.skipped}` };
      } finally {
        rmSync(path, { force: true });
      }
    }
    let bytes = c.data;
    if (c.kind === 'wat') {
      stage = 'wat';
      bytes = await watToWasm(c.data, c.name);
    }
    stage = 'load';
    const loaded = await loadWasmBytes(bytes, c.name);
    if (!c.compile) return { status: 'accepted', stage };
    stage = 'compile';
    const compiled = compileWasm(loaded);
    stage = 'run';
    const r = runRom(compiled.rom, { maxSteps: c.maxSteps });
    return { status: 'accepted', stage, run: r.status, zkasm: c.wantZkasm ? compiled.zkasm : undefined };
  } catch (e) {
    if (e instanceof W2zError) {
      return { status: 'error', stage, code: e.code, exitCode: e.exitCode, message: e.message, where: e.where };
    }
    return {
      status: 'crash', stage, errorName: e?.constructor?.name ?? typeof e,
      message: String(e?.message ?? e), stack: String(e?.stack ?? ''),
    };
  }
}

parentPort.on('message', async (msg) => {
  const t0 = performance.now();
  const result = await runCase(msg);
  parentPort.postMessage({ id: msg.id, ms: performance.now() - t0, ...result });
});
parentPort.postMessage({ ready: true });
