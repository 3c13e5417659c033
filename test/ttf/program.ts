// A whole program (a corpus module: C from test/programs) run as a
// WebAssembly host runs it — instantiation runs `start`, then the entry: `main` (clang's
// main(argc, argv) gets (0, 0)), else `_start` — in V8 and through our pipeline, with the
// README's host imports: assert_eq* (a mismatch fails the run), output_* (public outputs),
// input_* (an empty tape: reading fails the run), abort (a trap of kind abort). Both must end the
// same way: pass with the same outputs, fail (an assertion), or a trap of the same kind.

import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { v8TrapKinds } from '../fuzz/v8.js';

export interface ProgramOutcome {
  status: 'pass' | 'fail' | 'trap';
  /** V8: the trap or failure message; ours: the trap kind or failure message */
  message?: string;
  outputs: string[];
}

class HostFailure extends Error {
  override name = 'HostFailure';
}
class HostAbort extends Error {
  override name = 'HostAbort';
}

export async function runProgramV8(bytes: Uint8Array): Promise<ProgramOutcome> {
  const outputs: string[] = [];
  const hex = (v: number | bigint, bits: number) => `0x${BigInt.asUintN(bits, BigInt(v)).toString(16)}`;
  const check = (bits: 32 | 64) => (got: number | bigint, want: number | bigint) => {
    if (BigInt.asUintN(bits, BigInt(got)) !== BigInt.asUintN(bits, BigInt(want))) throw new HostFailure(`assert does not match: got ${hex(got, bits)}, want ${hex(want, bits)}`);
  };
  const env = {
    assert_eq: check(32), assert_eq_i32: check(32), assert_eq_i64: check(64),
    output_i32: (v: number) => { outputs.push(BigInt.asUintN(32, BigInt(v)).toString()); },
    output_i64: (v: bigint) => { outputs.push(BigInt.asUintN(64, v).toString()); },
    input_i32: () => { throw new HostFailure('input tape exhausted'); },
    input_i64: () => { throw new HostFailure('input tape exhausted'); },
    abort: () => { throw new HostAbort('abort'); },
  };
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  // only what the module imports (WebAssembly ignores extra ones, but keep it exact)
  const wanted = Object.fromEntries(WebAssembly.Module.imports(module).filter((i) => i.module === 'env' && i.name in env)
    .map((i) => [i.name, env[i.name as keyof typeof env]]));
  const outcome = (e: unknown): ProgramOutcome => {
    if (e instanceof HostFailure) return { status: 'fail', message: e.message, outputs };
    if (e instanceof HostAbort) return { status: 'trap', message: 'abort', outputs };
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) return { status: 'trap', message: e.message, outputs };
    throw e;
  };
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(module, { env: wanted });
  } catch (e) {
    return outcome(e);
  }
  const entry = instance.exports['main'] ?? instance.exports['_start'];
  try {
    if (typeof entry === 'function') (entry as (...a: number[]) => unknown)(...(entry.length === 2 ? [0, 0] : []));
  } catch (e) {
    return outcome(e);
  }
  return { status: 'pass', outputs };
}

export async function runProgramOurs(bytes: Uint8Array, name: string, maxSteps = 500_000_000): Promise<ProgramOutcome> {
  const compiled = compileWasm(await loadWasmBytes(bytes, name), { maxOutputs: 256 });
  const r = runRom(compiled.rom, { maxSteps });
  const outputs = r.outputs.map((v) => v.toString());
  if (r.status === 'fail') return { status: 'fail', message: r.result.failure?.message ?? 'failed', outputs };
  if (r.status === 'trap') return { status: 'trap', message: r.trap!.kind, outputs };
  return { status: 'pass', outputs };
}

/** Why the two outcomes differ, or undefined when they agree. */
export function compareOutcomes(v8: ProgramOutcome, ours: ProgramOutcome): string | undefined {
  const show = (o: ProgramOutcome) => `${o.status}${o.message ? ` (${o.message})` : ''}`;
  if (v8.status !== ours.status) return `V8 ${show(v8)}, ours ${show(ours)}`;
  if (v8.status === 'trap' && v8.message !== 'abort' && !v8TrapKinds(v8.message!).includes(ours.message as never)) return `V8 ${show(v8)}, ours ${show(ours)}`;
  if (v8.status === 'trap' && v8.message === 'abort' && ours.message !== 'abort') return `V8 ${show(v8)}, ours ${show(ours)}`;
  if (v8.status === 'fail' && /assert/.test(v8.message!) && !/assert does not match/.test(ours.message!)) return `V8 ${show(v8)}, ours ${show(ours)}`;
  if (v8.outputs.join(' ') !== ours.outputs.join(' ')) return `outputs: V8 [${v8.outputs.join(' ')}], ours [${ours.outputs.join(' ')}]`;
  return undefined;
}
