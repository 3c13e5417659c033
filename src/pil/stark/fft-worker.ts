// Worker thread script that stands in for pil-stark's fft_worker.js (lib.ts swaps the script):
// fft_block and interpolatePrepareBlock with the same arguments and results. The block
// recursion (which twiddle each butterfly pass starts from) is the same NTT pil-stark computes;
// each pass runs in WebAssembly (fft-wasm.ts). Exact field arithmetic makes the output identical.
// A block holding a non-canonical value (≥ p) is done with pil-stark's BigInt F3g instead.
import { createRequire } from 'node:module';
import { BUF, fftKernel, type FftKernel } from './fft-wasm.js';
import { P } from './gl-kernel.js';

const require = createRequire(import.meta.url);
const fromPilStark = createRequire(require.resolve('pil-stark'));
const workerpool = fromPilStark('workerpool') as { worker(methods: Record<string, unknown>): void };
interface F3g { w: bigint[]; mul(a: bigint, b: bigint): bigint; add(a: bigint, b: bigint): bigint; sub(a: bigint, b: bigint): bigint; exp(a: bigint, e: number): bigint }
const F = new (fromPilStark('./src/helpers/f3g.js') as new () => F3g)();

let cached: { kernel: FftKernel; mem: WebAssembly.Memory } | undefined;

/** The kernel over a memory holding `cells` cells at BUF, filled from `buff`; undefined if one is ≥ p. */
function load(buff: BigUint64Array): { kernel: FftKernel; view: BigUint64Array } | undefined {
  if (!cached || cached.mem.buffer.byteLength < BUF + buff.length * 8) cached = fftKernel(buff.length * 8, F.w);
  const view = new BigUint64Array(cached.mem.buffer, BUF, buff.length);
  view.set(buff);
  return cached.kernel.nonCanonical(BUF, buff.length) ? undefined : { kernel: cached.kernel, view };
}

/** One pass: rows base…base+md2 against base+md2…, starting twiddle w0 (or w[s]^e), step w[layers]. */
type Pass = (row: number, md2: number, s: number, e: number | undefined, layers: number) => void;

function blockRec(pass: Pass, n: number, relPos: number, startPos: number, s: number, blockBits: number, layers: number): void {
  const md2 = (1 << blockBits) >> 1;
  if (layers < blockBits) {
    blockRec(pass, n, relPos, startPos, s, blockBits - 1, layers);
    blockRec(pass, n, relPos, startPos + md2, s, blockBits - 1, layers);
    return;
  }
  if (layers > 1) {
    blockRec(pass, n, relPos, startPos, s - 1, blockBits - 1, layers - 1);
    blockRec(pass, n, relPos, startPos + md2, s - 1, blockBits - 1, layers - 1);
  }
  let e: number | undefined;
  if (s > blockBits) {
    const width = 1 << (s - layers);
    const height = n / width;
    e = (startPos % height) * width + Math.floor(startPos / height);
  }
  pass(startPos - relPos, md2, s, e, layers);
}

function fftBlock(buff: BigUint64Array, startPos: number, nPols: number, nBits: number, s: number, blockBits: number, layers: number): BigUint64Array {
  const n = 1 << nBits;
  const fast = load(buff);
  if (fast) {
    const { kernel, view } = fast;
    blockRec((row, md2, ss, e, lay) => kernel.pass(BUF + row * nPols * 8, md2, nPols, ss, e ?? 0, lay, e === undefined ? 0 : 1),
      n, startPos, startPos, s, blockBits, layers);
    buff.set(view);
    return buff;
  }
  blockRec((row, md2, ss, e, lay) => {
    let w = e === undefined ? 1n : F.exp(F.w[ss]!, e);
    for (let i = 0; i < md2; i++) {
      for (let j = 0; j < nPols; j++) {
        const a = (row + i) * nPols + j;
        const b = a + md2 * nPols;
        const t = F.mul(w, buff[b]!);
        const u = buff[a]!;
        buff[a] = F.add(u, t);
        buff[b] = F.sub(u, t);
      }
      w = F.mul(w, F.w[lay]!);
    }
  }, n, startPos, startPos, s, blockBits, layers);
  return buff;
}

function interpolatePrepareBlock(buff: BigUint64Array, width: number, start: bigint, inc: bigint): BigUint64Array {
  const rows = buff.length / width;
  const canonical = (v: bigint) => typeof v === 'bigint' && v >= 0n && v < P;
  const fast = canonical(start) && canonical(inc) ? load(buff) : undefined;
  if (fast) {
    fast.kernel.scaleRows(BUF, rows, width, start, inc);
    buff.set(fast.view);
    return buff;
  }
  let w = start;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) buff[i * width + j] = F.mul(buff[i * width + j]!, w);
    w = F.mul(w, inc);
  }
  return buff;
}

workerpool.worker({ fft_block: fftBlock, interpolatePrepareBlock });
