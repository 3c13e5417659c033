// Our `starkgen_execute`: what pil-stark's stark_gen_worker.js does for one chunk of rows of a
// step (evaluate the generated code for every row, return the output sections), with the code
// compiled to WebAssembly (expr-wasm.ts). When the code or the data is outside what we compile
// (an unrecognised statement, a non-canonical input, a store that would throw), we run the
// generated JavaScript with pil-stark's own F3g, exactly as pil-stark does.

import { createRequire } from 'node:module';
import { parseStepCode, Unsupported } from './expr-parse.js';
import { compileStep, type Layout, type StepConsts } from './expr-wasm.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));

interface F3gClass { new(): object }
type BuildZhInv = (F: object, nBits: number, extendBits: number, offset?: number) => (i: number) => bigint;
const F3g = fromPilStark('./src/helpers/f3g.js') as F3gClass;
const { buildZhInv } = fromPilStark('./src/helpers/polutils.js') as { buildZhInv: BuildZhInv };

export interface Section { name: string; width: number }
export interface ExecInfo { inputSections: Section[]; outputSections: Section[] }
export type ExecCtx = Record<string, unknown> & { nBits: number; extendBits: number; next: number } & StepConsts;
export type ExecOut = Record<string, BigUint64Array>;

/** Rows per call of the compiled function (V8 moves a function to its optimising tier between calls). */
const ROWS_PER_CALL = 1024;

/** The step compiled and run over one chunk of `n` rows; undefined when we must fall back. */
export function fastExecute(ctx: ExecCtx, src: string, n: number, execInfo: ExecInfo, stI: number): ExecOut | undefined {
  let ops;
  try {
    ops = parseStepCode(src);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const sections: Layout['sections'] = new Map();
  let bytes = 0;
  const place = (name: string, cells: number) => {
    if (sections.has(name)) return;
    sections.set(name, { base: bytes, cells });
    bytes += cells * 8;
  };
  for (const s of execInfo.inputSections) {
    const a = ctx[s.name];
    if (!(a instanceof BigUint64Array)) return undefined;
    place(s.name, a.length);
  }
  for (const s of execInfo.outputSections) place(s.name, s.width * (n + ctx.next));
  const ziLen = 1 << ctx.extendBits;
  const ziBase = bytes;
  bytes += ziLen * 8;
  if (bytes > 2 ** 31) return undefined;
  const layout: Layout = { sections, ziBase, ziLen, bytes };

  let wasm: Uint8Array<ArrayBuffer>;
  try {
    wasm = compileStep(ops, ctx, layout, n, stI);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const mem = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const { run, nonCanonical } = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { mem } }).exports as {
    run(start: number, end: number): void;
    nonCanonical(addr: number, count: number): number;
  };
  for (const s of execInfo.inputSections) {
    const { base, cells } = sections.get(s.name)!;
    new BigUint64Array(mem.buffer, base, cells).set(ctx[s.name] as BigUint64Array);
    if (nonCanonical(base, cells)) return undefined;
  }
  const zi = buildZhInv(new F3g(), ctx.nBits, ctx.extendBits);
  const ziView = new BigUint64Array(mem.buffer, ziBase, ziLen);
  for (let k = 0; k < ziLen; k++) {
    const v = zi(k);
    if (typeof v !== 'bigint' || v < 0n || v >= 0xffffffff00000001n) return undefined;
    ziView[k] = v;
  }
  for (let i = 0; i < n; i += ROWS_PER_CALL) run(i, Math.min(n, i + ROWS_PER_CALL));
  const out: ExecOut = {};
  for (const s of execInfo.outputSections) {
    const { base, cells } = sections.get(s.name)!;
    out[s.name] = new BigUint64Array(mem.buffer, base, cells).slice();
  }
  return out;
}

/** pil-stark's way: the generated JavaScript on BigInts, row by row. */
export function slowExecute(ctx: ExecCtx, src: string, n: number, execInfo: ExecInfo, stI: number): ExecOut {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code pil-stark generated, run as pil-stark runs it
  const code = new Function('ctx', 'i', src) as (ctx: object, i: number) => void;
  const F = new F3g();
  const c: Record<string, unknown> = { ...ctx, F, tmp: [], Zi: buildZhInv(F, ctx.nBits, ctx.extendBits, stI) };
  for (const s of execInfo.outputSections) {
    if (c[s.name] === undefined) c[s.name] = new BigUint64Array(s.width * (n + ctx.next));
  }
  for (let i = 0; i < n; i++) code(c, i);
  const out: ExecOut = {};
  for (const s of execInfo.outputSections) out[s.name] = c[s.name] as BigUint64Array;
  return out;
}

/**
 * Same arguments and result as pil-stark's starkgen_execute; a result computed by the fallback
 * also carries `fallback: true` (pil-stark reads only the sections; lib.ts counts these).
 */
export function starkgenExecute(ctx: ExecCtx, src: string, n: number, execInfo: ExecInfo, _name: string, stI: number): ExecOut | (ExecOut & { fallback: true }) {
  return fastExecute(ctx, src, n, execInfo, stI) ?? Object.assign(slowExecute(ctx, src, n, execInfo, stI), { fallback: true as const });
}
