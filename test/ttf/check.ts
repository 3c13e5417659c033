// One module through our pipeline and through V8, compared call by call: the exported functions
// in export order with zero arguments (as binaryen's own fuzz-exec does), then those with
// parameters again with other arguments, then `hashMemory` (binaryen's export hashing the
// memory's first bytes) once more and the getter of every global (rewrite.ts adds them); each
// call but the getters preceded by binaryen's `hangLimitInitializer` when the module has it (as
// fuzz-exec does: it bounds loops and recursion). One instance: memory, globals and tables
// carry over from call to call, also over traps. Each call's logged values (env.output_*), trap
// or no trap (and the trap's kind) and returned values must be the same, and so must the whole
// linear memory at the end (V8's exported memory, and ours read from the machine's MEM: region).
//
// Our side compiles the module once with an entry per call (compileWasm's `invocations`, as the
// spec runner does) and runs each call from its entry label on one shared machine memory. The
// output counter is reset before each call, so every call has the full 256 output slots.

import { compileWasm, runRom } from '../../src/compile.js';
import { loadWasmBytes } from '../../src/wasm/load.js';
import { invocationLabel, type Invocation } from '../../src/backend/program.js';
import { PagedMemory } from '../../src/machine/memory.js';
import { MEM_LAYOUT } from '../../src/machine/isa.js';
import { ABI_VARS, MAX_OUTPUTS_LIMIT, readVar } from '../../src/abi.js';
import { isW2zError } from '../../src/diagnostics.js';
import { isNaNBits } from '../../src/wasm/float-bits.js';
import { v8TrapKinds } from '../fuzz/v8.js';
import { GETTER_PREFIX, moduleInfo, type ModuleInfo, type ValType } from './rewrite.js';
import type { Call, CallOutcome, V8Runner } from './v8.js';

export const MAX_STEPS_PER_CALL = 50_000_000;
export const V8_TIMEOUT_MS = 10_000;

/** README-listed reasons to refuse a module. */
export type RefusalReason = 'simd' | 'host import';

export type Verdict =
  | { kind: 'agree'; calls: number; traps: number; outputs: number; steps: number; truncated?: string }
  | { kind: 'refused'; reason: RefusalReason; message: string }
  | { kind: 'v8-timeout'; message: string }
  | { kind: 'step-limit'; message: string }
  /** a compiler bug: a disagreement, a crash, an internal error, a refusal for a reason the README does not list */
  | { kind: 'bug'; what: 'disagree' | 'crash' | 'refusal' | 'run failed'; message: string };

const SIMD_OP = /\b(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\b/;

/** The README reason a compile error is, or undefined for one the README does not list. */
export function refusalReason(e: unknown): RefusalReason | undefined {
  if (!isW2zError(e)) return undefined;
  if (e.code === 'W2Z2001' || e.code === 'W2Z2006') {
    const what = e.what.replace(/^unsupported (instruction|value type( of)?)\s*/, '');
    return SIMD_OP.test(what) ? 'simd' : undefined;
  }
  if (e.code === 'W2Z2002' || e.code === 'W2Z2003') return 'host import';
  return undefined;
}

const firstLine = (e: unknown): string =>
  (e instanceof Error ? `${e.name === 'Error' || isW2zError(e) ? '' : `${e.name}: `}${isW2zError(e) ? `error[${e.code}]: ` : ''}${e.message}` : String(e)).split('\n')[0]!;

/** Arguments of the second round of calls, by parameter position (unsigned bit patterns). */
const ARGS_I32 = [1n, 0xffffffffn, 0x80000000n, 7n, 0x7fffffffn, 0xffn, 0x10000n];
const ARGS_I64 = [1n, 0xffffffffffffffffn, 0x8000000000000000n, 42n, 0x100000000n, 0x7fffffffffffffffn, 0xffffffffn];
/** Float arguments: -0, 1.5, -inf, the smallest subnormal, the largest finite, -2.5, 2^-126 (no NaN: see v8.ts) */
const ARGS_F32 = [0x80000000n, 0x3fc00000n, 0xff800000n, 1n, 0x7f7fffffn, 0xc0200000n, 0x00800000n];
const ARGS_F64 = [0x8000000000000000n, 0x3ff8000000000000n, 0xfff0000000000000n, 1n, 0x7fefffffffffffffn, 0xc004000000000000n, 0x0010000000000000n];
const SECOND_ROUND: Partial<Record<ValType, bigint[]>> = { i32: ARGS_I32, i64: ARGS_I64, f32: ARGS_F32, f64: ARGS_F64 };

/** The calls a module's run makes (see the header). */
export function planCalls(bytes: Uint8Array, info = moduleInfo(bytes)): { calls: Call[]; funcs: number[] } {
  const all = info.exports.filter((e) => e.kind === 'func');
  const funcExports = all.filter((e) => !e.name.startsWith(GETTER_PREFIX));
  const getters = all.filter((e) => e.name.startsWith(GETTER_PREFIX));
  const hang = funcExports.find((e) => e.name === 'hangLimitInitializer');
  const hash = funcExports.find((e) => e.name === 'hashMemory');
  const calls: Call[] = [];
  const funcs: number[] = [];
  const push = (e: { name: string; index: number }, args: (t: ValType, i: number) => bigint, limitHangs = true): void => {
    const sig = info.funcs[e.index]!;
    if (hang && limitHangs) {
      calls.push({ name: hang.name, params: [], args: [], results: info.funcs[hang.index]!.results });
      funcs.push(hang.index);
    }
    calls.push({ name: e.name, params: sig.params, args: sig.params.map((t, i) => args(t, i).toString()), results: sig.results });
    funcs.push(e.index);
  };
  // binaryen's fuzz-exec: every export in order, with zeros
  for (const e of funcExports) push(e, () => 0n);
  // then those with parameters again, with other values
  for (const e of funcExports) {
    if (info.funcs[e.index]!.params.length > 0) push(e, (t, i) => { const a = SECOND_ROUND[t] ?? ARGS_I32; return a[i % a.length]!; });
  }
  // and the memory and the globals at the end
  if (hash) push(hash, () => 0n);
  for (const g of getters) push(g, () => 0n, false);
  return { calls, funcs };
}


interface OurCall extends CallOutcome {
  trapKind?: string;
  steps: number;
}

/** Compile and run the calls on our machine (throws what compileWasm throws). */
export async function runOurs(bytes: Uint8Array, name: string, calls: Call[], funcs: number[]):
  Promise<{ outcome: 'ran'; calls: OurCall[]; memory: PagedMemory } | { outcome: 'failed'; call: number; message: string }> {
  const loaded = await loadWasmBytes(bytes, name);
  const invocations: Invocation[] = calls.map((c, k) => ({ func: funcs[k]!, args: c.args.map((a) => BigInt(a)) }));
  const compiled = compileWasm(loaded, { invocations, maxOutputs: MAX_OUTPUTS_LIMIT });
  const rom = compiled.rom;
  const memory = new PagedMemory();
  const setup = runRom(rom, { memory, maxSteps: MAX_STEPS_PER_CALL });
  if (setup.status === 'fail') return { outcome: 'failed', call: -1, message: `instantiation: ${setup.result.failure?.message}` };
  if (setup.status === 'trap') return { outcome: 'failed', call: -1, message: `instantiation trapped: ${setup.trap?.kind}` };
  const outCount = rom.vars.get(ABI_VARS.outCount);
  const out: OurCall[] = [];
  for (let k = 0; k < calls.length; k++) {
    if (outCount) memory.set(outCount.offset, 0, 0);
    const r = runRom(rom, { memory, startLabel: invocationLabel(k), maxSteps: MAX_STEPS_PER_CALL });
    if (r.status === 'fail') return { outcome: 'failed', call: k, message: r.result.failure?.message ?? 'failed' };
    const outputs = r.outputs.map((v) => v.toString());
    const c: OurCall = { outputs, logged: outputs.length, steps: r.result.steps };
    if (r.status === 'trap') {
      c.trap = r.trap!.kind;
      c.trapKind = r.trap!.kind;
    } else {
      // an i32 must come back canonical (zero-extended, README): anything above bit 31 shows;
      // a float NaN is compared as a NaN (V8's side only sees a JavaScript number)
      c.values = calls[k]!.results.map((t: ValType, i) => {
        const word = readVar(rom, memory, ABI_VARS.result(i)) ?? 0n;
        return (t === 'f32' || t === 'f64') && isNaNBits(t, word) ? 'nan' : word.toString();
      });
    }
    out.push(c);
  }
  return { outcome: 'ran', calls: out, memory };
}

/** Compare a module's run in V8 and ours; `v8` is the shared worker. */
export async function checkModule(bytes: Uint8Array, name: string, v8: Pick<V8Runner, 'run'>): Promise<Verdict> {
  let plan: { calls: Call[]; funcs: number[] };
  let info: ModuleInfo;
  try {
    info = moduleInfo(bytes);
    plan = planCalls(bytes, info);
  } catch (e) {
    return { kind: 'bug', what: 'crash', message: `harness could not read the module: ${firstLine(e)}` };
  }
  let ours: Awaited<ReturnType<typeof runOurs>>;
  try {
    ours = await runOurs(bytes, name, plan.calls, plan.funcs);
  } catch (e) {
    const reason = refusalReason(e);
    if (reason) return { kind: 'refused', reason, message: firstLine(e) };
    if (isW2zError(e) && e.exitCode !== 70) return { kind: 'bug', what: 'refusal', message: firstLine(e) };
    return { kind: 'bug', what: 'crash', message: firstLine(e) + (e instanceof Error && e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : '') };
  }
  if (ours.outcome === 'failed') {
    if (/step limit/.test(ours.message)) return { kind: 'step-limit', message: `call ${ours.call}: ${ours.message}` };
    return { kind: 'bug', what: 'run failed', message: `call ${ours.call}${ours.call >= 0 ? ` (${plan.calls[ours.call]!.name})` : ''}: ${ours.message}` };
  }
  const ref = await v8.run(bytes, plan.calls, V8_TIMEOUT_MS);
  if (ref.outcome === 'timeout') return { kind: 'v8-timeout', message: `V8 did not finish within ${ref.ms} ms` };
  if (ref.outcome === 'error') return { kind: 'bug', what: 'crash', message: `V8: ${ref.message} (we compiled and ran it)` };
  let traps = 0, outputs = 0, steps = 0;
  for (let k = 0; k < plan.calls.length; k++) {
    const a = ref.calls[k]!, b = ours.calls[k]!;
    const where = `call ${k} (${plan.calls[k]!.name})`;
    steps += b.steps;
    if (a.logged > MAX_OUTPUTS_LIMIT) {
      // ours stops that call with `too many outputs`: its first 256 values must agree, and
      // nothing after it can be compared (the states differ from there)
      const same = b.trapKind === 'too many outputs' && b.outputs.every((v, i) => v === a.outputs[i]) && b.outputs.length === MAX_OUTPUTS_LIMIT;
      if (!same) return { kind: 'bug', what: 'disagree', message: `${where}: V8 logged ${a.logged} values; ours ${b.trapKind ?? 'returned'} after ${b.outputs.length}` };
      return { kind: 'agree', calls: k, traps, outputs: outputs + b.outputs.length, steps, truncated: `${where} logs ${a.logged} values (> ${MAX_OUTPUTS_LIMIT})` };
    }
    const diffAt = a.outputs.findIndex((v, i) => v !== b.outputs[i]);
    if (diffAt >= 0 || a.outputs.length !== b.outputs.length) {
      const i = diffAt >= 0 ? diffAt : Math.min(a.outputs.length, b.outputs.length);
      return { kind: 'bug', what: 'disagree', message: `${where}: logged value #${i}: V8 ${a.outputs[i] ?? '(none)'}, ours ${b.outputs[i] ?? '(none)'}` };
    }
    outputs += a.outputs.length;
    if (a.trap !== undefined || b.trap !== undefined) {
      if (a.trap === undefined) return { kind: 'bug', what: 'disagree', message: `${where}: V8 returned ${a.values!.join(' ')}, ours trapped ${b.trapKind}` };
      if (b.trap === undefined) return { kind: 'bug', what: 'disagree', message: `${where}: V8 trapped "${a.trap}", ours returned ${b.values!.join(' ')}` };
      if (!v8TrapKinds(a.trap).includes(b.trapKind as never)) return { kind: 'bug', what: 'disagree', message: `${where}: V8 trapped "${a.trap}", ours ${b.trapKind}` };
      traps++;
      continue;
    }
    const va = a.values!.join(' '), vb = b.values!.join(' ');
    if (va !== vb) return { kind: 'bug', what: 'disagree', message: `${where}: V8 returned ${va}, ours ${vb}` };
  }
  if (ref.memory) {
    const diff = memoryDifference(ref.memory, ours.memory);
    if (diff) return { kind: 'bug', what: 'disagree', message: `memory after the last call: ${diff}` };
  }
  return { kind: 'agree', calls: plan.calls.length, traps, outputs, steps };
}

/**
 * Where our machine's copy of linear memory differs from V8's bytes: WASM memory word w (bytes
 * 4w … 4w+3, little-endian) is machine word MEM_LAYOUT.memBase + w, its low limb (README, "How
 * the code maps to the machine").
 */
export function memoryDifference(v8: Uint8Array, ours: PagedMemory): string | undefined {
  const words = v8.byteLength >>> 2;
  const copy = new Uint32Array(words);
  new Uint8Array(copy.buffer).set(v8.subarray(0, words * 4)); // little-endian host, as the check below needs
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('memoryDifference: big-endian host');
  const base = MEM_LAYOUT.memBase;
  for (let w = 0; w < words; w++) {
    const want = copy[w]!;
    const got0 = ours.get0(base + w);
    if (got0 !== want || ours.get1(base + w) !== 0) {
      const got1 = ours.get1(base + w);
      const hex = (x: number) => `0x${x.toString(16).padStart(8, '0')}`;
      return `bytes ${4 * w}..${4 * w + 3}: V8 ${hex(want)}, ours ${hex(got0)}${got1 !== 0 ? ` (high limb ${got1})` : ''}`;
    }
  }
  return undefined;
}
