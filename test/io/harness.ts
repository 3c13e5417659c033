// Shared by the input/output ABI tests: compile a WAT program, run it on our executor in debug
// mode and in prover shape (checking the publics epilogue row by row), and run the same .wasm
// in V8 with JS imports implementing the ABI (docs/abi.md) as the reference.
import { expect } from 'vitest';
import { compileWasm, runRom, type Compiled, type RunResult } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { watToWasm } from '../../src/wasm/wat.js';
import type { Rom } from '../../src/zkasm/rom.js';
import { publicLayout, PUBLICS_LABEL, tailRows } from '../../src/backend/program.js';
import { DEFAULT_MAX_OUTPUTS, maxOutputsOf } from '../../src/abi.js';
import { TRAP_CODES, type TrapKind } from '../../src/ir/ops.js';
import { v8TrapKinds } from '../fuzz/v8.js';

export const M64 = (1n << 64n) - 1n;

export interface Program {
  bytes: Uint8Array;
  compiled: Compiled;
  rom: Rom;
  maxOutputs: number;
}

export async function compileWat(wat: string, name = 'io.wat', maxOutputs?: number): Promise<Program> {
  const bytes = await watToWasm(wat, name);
  const compiled = compileWasm(await loadWasmBytes(bytes, name), maxOutputs === undefined ? {} : { maxOutputs });
  return { bytes, compiled, rom: compiled.rom, maxOutputs: maxOutputs ?? DEFAULT_MAX_OUTPUTS };
}

export interface Outcome {
  status: 'pass' | 'fail' | 'trap';
  outputs: bigint[];
  trap?: string;
  message?: string;
}

/** The ABI in JS: what a correct implementation of the host functions does. */
class IoFail extends Error {}
class TooManyOutputs extends Error {}
class Abort extends Error {}

export async function runInV8(bytes: Uint8Array, tape: bigint[], maxOutputs: number): Promise<Outcome> {
  const outputs: bigint[] = [];
  let pos = 0;
  const next = (): bigint => {
    if (pos >= tape.length) throw new IoFail('the input tape is exhausted');
    return tape[pos++]!;
  };
  const out = (v: bigint): void => {
    if (outputs.length >= maxOutputs) throw new TooManyOutputs();
    outputs.push(v);
  };
  const env = {
    input_i32: (): number => {
      const v = next();
      if (v > 0xffffffffn) throw new IoFail(`i32 input ${v} is not below 2^32`);
      return Number(v) | 0;
    },
    input_i64: (): bigint => BigInt.asIntN(64, next()),
    output_i32: (x: number): void => out(BigInt(x >>> 0)),
    output_i64: (x: bigint): void => out(BigInt.asUintN(64, x)),
    assert_eq: (a: number, b: number): void => { if (a !== b) throw new IoFail('assert_eq'); },
    abort: (): void => { throw new Abort(); },
  };
  const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  const imports = Object.fromEntries(WebAssembly.Module.imports(module).map((i) => [i.name, env[i.name as keyof typeof env]]));
  const instance = await WebAssembly.instantiate(module, { env: imports });
  try {
    (instance.exports['main'] as () => void)();
    return { status: 'pass', outputs };
  } catch (e) {
    if (e instanceof TooManyOutputs) return { status: 'trap', trap: 'too many outputs', outputs };
    if (e instanceof Abort) return { status: 'trap', trap: 'abort', outputs };
    if (e instanceof IoFail) return { status: 'fail', outputs: [], message: e.message };
    if (e instanceof WebAssembly.RuntimeError) return { status: 'trap', trap: e.message, outputs };
    throw e;
  }
}

export function outcomeOf(r: RunResult): Outcome {
  return {
    status: r.status, outputs: r.outputs,
    ...(r.trap ? { trap: r.trap.kind } : {}),
    ...(r.result.failure ? { message: r.result.failure.message } : {}),
  };
}

/** The smallest power of two that holds a run of `steps` steps and the epilogue. */
export function traceRows(steps: number, maxOutputs: number): number {
  let n = 16;
  while (n < steps + tailRows(maxOutputs)) n *= 2;
  return n;
}

/**
 * Run in prover shape with N rows and check the publics epilogue: each public is register A on
 * the row after its MLOAD (at step N − fromEnd), the MLOAD rows are the epilogue's rows in
 * order, and the last row (step N − 1) is the one that wraps to row 0.
 */
export function checkProverShape(p: Program, tape: bigint[], debug: RunResult, n?: number): bigint[] {
  const N = n ?? traceRows(debug.result.steps, p.maxOutputs);
  const layout = publicLayout(p.maxOutputs);
  const seen = new Map<number, { pc: number; a: bigint }>();
  const r = runRom(p.rom, {
    inputs: tape, stepsN: N,
    onRow: (pc, step, regs) => {
      if (step >= N - layout.length - 2) seen.set(step, { pc, a: BigInt(regs[0]!) + (BigInt(regs[1]!) << 32n) });
    },
  });
  expect(r.result.failure?.message).toBeUndefined();
  expect(r.status).toBe(debug.status);
  const epilogue = p.rom.labels.get(PUBLICS_LABEL)!;
  expect(epilogue).toBeDefined();
  // the padding loop's last JMPN, the MLOADs in order, the last row
  expect(seen.get(N - layout.length - 2)?.pc).toBe(p.rom.labels.get('finalizeExecution'));
  layout.forEach((pub, k) => expect(seen.get(N - pub.fromEnd - 1)?.pc, pub.name).toBe(epilogue + k));
  expect(seen.get(N - 1)?.pc).toBe(epilogue + layout.length);
  expect(p.rom.rows[epilogue + layout.length]!.jmpAddr).toBe(0);
  expect(Math.max(...seen.keys())).toBe(N - 1);
  return layout.map((pub) => seen.get(N - pub.fromEnd)!.a);
}

/** What the publics must be for a run that ended with `status` and appended `outputs`. */
export function expectedPublics(outcome: Outcome, maxOutputs: number): bigint[] {
  const code = outcome.trap ? BigInt(TRAP_CODES[outcome.trap as TrapKind]) : 0n;
  const slots = Array.from({ length: maxOutputs }, (_, k) => outcome.outputs[k] ?? 0n);
  return [code, BigInt(outcome.outputs.length), ...slots];
}

/** Debug run, prover-shape run with the epilogue checked, and V8: all three must agree. */
export async function runEverywhere(p: Program, tape: bigint[]): Promise<Outcome> {
  expect(maxOutputsOf(p.rom)).toBe(p.maxOutputs);
  const debug = runRom(p.rom, { inputs: tape });
  const ours = outcomeOf(debug);
  const v8 = await runInV8(p.bytes, tape, p.maxOutputs);
  expect({ status: ours.status, outputs: ours.outputs }).toEqual({ status: v8.status, outputs: v8.outputs });
  // V8 words most traps its own way (one message for a null element and a type mismatch)
  if (v8.trap !== undefined && v8.trap !== ours.trap) expect(v8TrapKinds(v8.trap), `V8 trap "${v8.trap}"`).toContain(ours.trap);
  if (debug.status !== 'fail') expect(checkProverShape(p, tape, debug)).toEqual(expectedPublics(ours, p.maxOutputs));
  return ours;
}
