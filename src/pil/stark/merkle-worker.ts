// Worker thread script that stands in for pil-stark's merklehash_worker.js (lib.ts swaps the
// script): linearHash and merkelizeLevel, same arguments and results, computed by our Poseidon
// (poseidon-wasm.ts, ~2× faster than pil-stark's WebAssembly). Inputs with a word ≥ p, the
// "GPU" split linear hash and pil-stark's multi-step path (> 20000 pages) go to pil-stark's own
// Poseidon WebAssembly (glwasm.js), which pil-stark regenerates and recompiles with wasmbuilder
// on every call (~0.1 s each): we build and compile it once per worker and reuse one instance,
// resetting its allocation pointer between calls (a multi-step call runs on a fresh instance).
import { createRequire } from 'node:module';
import { PoseidonGL } from './poseidon-wasm.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));
const workerpool = fromPilStark('workerpool') as { worker(methods: Record<string, unknown>): void };
const buildGLWasm = (fromPilStark('./src/helpers/glwasm.js') as { build(m: unknown): void }).build;
const { ModuleBuilder } = fromPilStark('wasmbuilder') as { ModuleBuilder: new () => { build(): Uint8Array<ArrayBuffer> } };

interface GlWasm {
  multiLinearHash(pIn: number, width: number, height: number, pOut: number): void;
  multiLinearHashGPU(pIn: number, width: number, height: number, pOut: number): void;
  merkelizeLevel(pIn: number, nOps: number, pOut: number): void;
}

const MAX_PAGES = 20000; // pil-stark's

let ours: PoseidonGL | undefined;
/** Our Poseidon instance; one whose memory grew past 8 MiB is dropped after the call, since the
 * worker stays alive between pil-stark's pools (lib.ts) and a memory cannot shrink. */
function poseidon(bytes: number): PoseidonGL {
  const gl = ours ?? new PoseidonGL();
  ours = bytes <= 8 << 20 ? gl : undefined;
  return gl;
}

let module: WebAssembly.Module | undefined;
let cached: { gl: GlWasm; mem: WebAssembly.Memory; free: number; used: number } | undefined;

function instance(pages: number, fresh: boolean): { gl: GlWasm; mem: WebAssembly.Memory } {
  if (!module) {
    const mb = new ModuleBuilder();
    buildGLWasm(mb);
    module = new WebAssembly.Module(mb.build());
  }
  if (fresh || !cached || cached.mem.buffer.byteLength < pages * 65536) {
    const mem = new WebAssembly.Memory({ initial: pages });
    const gl = new WebAssembly.Instance(module, { env: { memory: mem } }).exports as unknown as GlWasm;
    const inst = { gl, mem, free: new Uint32Array(mem.buffer)[0]!, used: 0 };
    if (fresh) return inst;
    cached = inst;
  }
  // back to the state of a new instance: allocation pointer as instantiated, free memory zero
  new Uint32Array(cached.mem.buffer)[0] = cached.free;
  if (cached.used > cached.free) new Uint8Array(cached.mem.buffer, cached.free, cached.used - cached.free).fill(0);
  cached.used = cached.mem.buffer.byteLength; // until the call says how much it used
  return cached;
}

/** pil-stark's bump allocator over word 0 of the memory (8-byte aligned). */
/** Records that this call used memory up to `end` (what the next call must clear). */
function used(mem: WebAssembly.Memory, end: number): void { if (cached?.mem === mem) cached.used = end; }

function alloc(mem: WebAssembly.Memory, length: number): number {
  const m32 = new Uint32Array(mem.buffer);
  const res = m32[0]!;
  m32[0] = res + ((((length - 1) >> 3) + 1) << 3);
  return res;
}

function linearHash(buffIn: BigUint64Array, width: number, _stI: number, _stN: number, splitLinearHash: boolean): BigUint64Array {
  const height = buffIn.length / width;
  const buffOut = new BigUint64Array(height * 4);
  if (width <= 4) {
    for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) buffOut[i * 4 + j] = buffIn[width * i + j]!;
    return buffOut;
  }
  const pagesRequired = Math.floor((width * height * 8 + height * 4 * 8 - 1) / (1 << 16)) + 200;
  const nSteps = Math.floor((pagesRequired - 1) / MAX_PAGES) + 1;
  if (nSteps === 1 && !splitLinearHash) {
    const ours = poseidon(buffIn.byteLength * 1.5).linearHash(buffIn, width);
    if (ours) return ours;
  }
  const { gl, mem } = instance(Math.min(pagesRequired, MAX_PAGES), nSteps > 1);
  const hashesPerStep = Math.floor((height - 1) / nSteps) + 1;
  const pIn = alloc(mem, width * hashesPerStep * 8);
  const pOut = alloc(mem, hashesPerStep * 4 * 8);
  used(mem, pOut + hashesPerStep * 4 * 8);
  for (let i = 0; i < height; i += hashesPerStep) {
    const curN = Math.min(hashesPerStep, height - i);
    new Uint8Array(mem.buffer).set(new Uint8Array(buffIn.buffer, buffIn.byteOffset + i * width * 8, width * curN * 8), pIn);
    // (pil-stark passes the whole height here, not curN; kept as is)
    if (splitLinearHash) gl.multiLinearHashGPU(pIn, width, height, pOut);
    else gl.multiLinearHash(pIn, width, height, pOut);
    buffOut.set(new BigUint64Array(mem.buffer, pOut, curN * 4), i * 4);
  }
  return buffOut;
}

function merkelizeLevel(buffIn: BigUint64Array): BigUint64Array {
  const nOps = buffIn.length / 8;
  const pagesRequired = Math.floor((nOps * 12 * 8 - 1) / (1 << 16)) + 2;
  const nSteps = Math.floor((pagesRequired - 1) / MAX_PAGES) + 1;
  if (nSteps === 1) {
    const ours = poseidon(buffIn.byteLength * 1.5).merkelizeLevel(buffIn);
    if (ours) return ours;
  }
  const { gl, mem } = instance(Math.min(pagesRequired, MAX_PAGES), nSteps > 1);
  const opsPerStep = Math.floor((nOps - 1) / nSteps) + 1;
  const pIn = alloc(mem, opsPerStep * 8 * 8);
  const pOut = alloc(mem, opsPerStep * 4 * 8);
  used(mem, pOut + opsPerStep * 4 * 8);
  const buffOut = new BigUint64Array(nOps * 4);
  for (let i = 0; i < nOps; i += opsPerStep) {
    const curNOps = Math.min(opsPerStep, nOps - i);
    new Uint8Array(mem.buffer).set(new Uint8Array(buffIn.buffer, buffIn.byteOffset + i * 8 * 8, curNOps * 8 * 8), pIn);
    gl.merkelizeLevel(pIn, curNOps, pOut);
    buffOut.set(new BigUint64Array(mem.buffer, pOut, curNOps * 4), i * 4);
  }
  return buffOut;
}

workerpool.worker({ linearHash, merkelizeLevel });
