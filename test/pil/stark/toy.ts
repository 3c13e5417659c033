// A small machine for the prover tests: Fibonacci in the field over columns a, b (start value
// x on row 0, a' = b, b' = a + b except on the last row), a column c looked up in a byte table
// (Global.BYTE[i] = i mod 256, so for N ≤ 256 it holds 0..N-1), d a permutation of c, and two
// publics bound by constraints: start = a(0), out = b(N-1).
import { createRequire } from 'node:module';
import type { PilJson, PolsArray } from '../../../src/pil/stark/index.js';

const require = createRequire(import.meta.url);
interface Pilcom {
  compile(F: unknown, source: string, fileName: null, config: Record<string, unknown>): Promise<PilJson>;
  newConstantPolsArray(pil: PilJson): PolsArray;
  newCommitPolsArray(pil: PilJson): PolsArray;
  F: unknown;
}
const pilcom = require('pilcom') as Pilcom;

export const P = 0xffffffff00000001n;

export const TOY_PIL = `
constant %N = 2**5;
namespace Global(%N);
    pol constant L1;      // 1 on row 0
    pol constant LLAST;   // 1 on the last row
    pol constant BYTE;    // i mod 256
namespace Fib(%N);
    pol commit a, b, c, d;
    public start = a(0);
    public out = b(%N-1);
    (1 - Global.LLAST) * (a' - b) = 0;
    (1 - Global.LLAST) * (b' - a - b) = 0;
    Global.L1 * (b - a) = 0;
    Global.L1 * (a - :start) = 0;
    Global.LLAST * (b - :out) = 0;
    c in Global.BYTE;
    c is d;
`;

export function compileToy(nBits: number, source = TOY_PIL): Promise<PilJson> {
  // (pilcom's `defines: { N }` works too, but prints a NOTICE for the overridden constant)
  return pilcom.compile(pilcom.F, source.replace('%N = 2**5', `%N = 2**${nBits}`), null, { compileFromString: true });
}

type Col = bigint[];
const col = (pols: PolsArray, ns: string, name: string): Col => (pols[ns] as Record<string, Col>)[name]!;

export interface ToyTrace { pil: PilJson; constPols: PolsArray; cmPols: PolsArray; n: number }

/** Fills the toy's polynomials with start value x; `mutate` can break the trace afterwards. */
export async function toyTrace(nBits: number, x: bigint, mutate?: (cm: PolsArray, n: number) => void, source?: string): Promise<ToyTrace> {
  const pil = await compileToy(nBits, source);
  const n = 1 << nBits;
  const constPols = pilcom.newConstantPolsArray(pil);
  const cmPols = pilcom.newCommitPolsArray(pil);
  const [l1, llast, byte] = ['L1', 'LLAST', 'BYTE'].map((k) => col(constPols, 'Global', k));
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => col(cmPols, 'Fib', k));
  let [u, v] = [x, x];
  for (let i = 0; i < n; i++) {
    l1![i] = i === 0 ? 1n : 0n;
    llast![i] = i === n - 1 ? 1n : 0n;
    byte![i] = BigInt(i % 256);
    a![i] = u;
    b![i] = v;
    [u, v] = [v, (u + v) % P];
    c![i] = BigInt((i * 7) % n);
  }
  for (let i = 0; i < n; i++) d![i] = c![n - 1 - i]!;
  mutate?.(cmPols, n);
  return { pil, constPols, cmPols, n };
}

export const cmCol = (pols: PolsArray, name: string): Col => col(pols, 'Fib', name);

/** The k-th Fibonacci number mod p (F(1) = F(2) = 1), by its own loop. */
export function fib(k: number): bigint {
  let [f0, f1] = [0n, 1n];
  for (let i = 0; i < k; i++) [f0, f1] = [f1, (f0 + f1) % P];
  return f0;
}
