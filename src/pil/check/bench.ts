// `node dist/pil/check/bench.js [log2N…]`: checkTrace against pilcom's verifyPil on the same honest
// trace of a 20-column machine (degree-2 identities, an intermediate, a wrap-around accumulator,
// a selected lookup into a repeated byte table, a permutation). Then the same machine plus one
// identity whose products pass 2^53 on every row (over a column of raw 64-bit elements): it runs
// in the 64-bit evaluator (wide.ts), where it used to fall to BigInt on every row.

import { pathToFileURL } from 'node:url';
import { quiet } from '../pilcom.js';
import { checkTrace } from './check.js';
import { pilcom, toPilcomPols } from './pilcom.js';
import type { PilJson, Trace } from './types.js';

export const PIL = (hard: boolean) => `
namespace Global(%N);
pol constant L1, LLAST, BYTE, BYTE2;
namespace Main(%N);
pol commit x[8], y[4], s, t, u, v, p1, p2, q1, q2;
pol inc = x[5] * s;
s * (1 - s) = 0;
t = x[0] * x[1] + x[2];
u = s * x[3] + (1 - s) * x[4];
(1 - Global.LLAST) * (v' - v - inc) = 0;
y[0] = x[6] * 65536 + x[7];
y[1] = (x[6] - x[7]) * (x[6] + x[7]) - 3;
${hard ? 'y[3] = x[0] * 4294967296 * 65536 + x[1];' : ''}
s {x[2], y[2]} in {Global.BYTE, Global.BYTE2};
{p1, p2} is {q1, q2};
`;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

export function buildTrace(pil: PilJson, N: number): Trace {
  const cm = Array.from({ length: pil.nCommitments }, () => new Float64Array(N));
  const cst = Array.from({ length: pil.nConstants }, () => new Float64Array(N));
  const id = (name: string, k = 0) => pil.references[name]!.id + k;
  const C = (name: string, k?: number) => cm[id(name, k)]!;
  const K = (name: string) => cst[id(name)]!;
  K('Global.L1')[0] = 1;
  K('Global.LLAST')[N - 1] = 1;
  for (let i = 0; i < N; i++) {
    K('Global.BYTE')[i] = i & 255;
    K('Global.BYTE2')[i] = (i & 255) ** 2;
  }
  const r = rng(12345);
  const x = Array.from({ length: 8 }, (_, k) => C('Main.x', k));
  const y = Array.from({ length: 4 }, (_, k) => C('Main.y', k));
  const [s, t, u, v] = ['s', 't', 'u', 'v'].map((n) => C(`Main.${n}`));
  const [p1, p2, q1, q2] = ['p1', 'p2', 'q1', 'q2'].map((n) => C(`Main.${n}`));
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < 8; k++) x[k]![i] = r() & 0xffff;
    s![i] = r() & 1;
    x[2]![i] = s![i] ? r() & 255 : r();
    y[2]![i] = s![i] ? x[2]![i]! ** 2 : r();
    t![i] = x[0]![i]! * x[1]![i]! + x[2]![i]!;
    u![i] = s![i] ? x[3]![i]! : x[4]![i]!;
    y[0]![i] = x[6]![i]! * 65536 + x[7]![i]!;
    y[1]![i] = (x[6]![i]! - x[7]![i]!) * (x[6]![i]! + x[7]![i]!) - 3;
    p1![i] = r();
    p2![i] = -(r() & 0xfffff);
  }
  for (let i = 0; i < N - 1; i++) v![i + 1] = v![i]! + x[5]![i]! * s![i]!;
  // q is p shuffled (a fixed stride through the rows).
  for (let i = 0; i < N; i++) {
    const j = (i * 40503 + 7) & (N - 1);
    q1![j] = p1![i]!;
    q2![j] = p2![i]!;
  }
  return { N, cm, cst };
}


const fmt = (cellsPerS: number) => `${(cellsPerS / 1e6).toFixed(1)} M cells/s`;

async function run(log2N: number, hard: boolean): Promise<void> {
  const N = 2 ** log2N;
  const pc = pilcom();
  const pil = await quiet(() => pc.compile(pc.F, PIL(hard), null, { compileFromString: true, defines: { N } }));
  const trace = buildTrace(pil, N);
  if (hard) {
    // y[3] = x[0]·2^48 + x[1] (below p, as x[0] < 2^16) mostly exceeds 2^53: raw field elements.
    const x0 = trace.cm[pil.references['Main.x']!.id]!;
    const x1 = trace.cm[pil.references['Main.x']!.id + 1]!;
    const y3 = new BigUint64Array(N);
    for (let i = 0; i < N; i++) y3[i] = BigInt(x0[i]!) * 2n ** 48n + BigInt(x1[i]!);
    trace.cm[pil.references['Main.y']!.id + 3] = y3;
  }
  const cells = N * (pil.nCommitments + pil.nConstants);
  const times: number[] = [];
  let ok = true;
  for (let rep = 0; rep < 5; rep++) {
    const r = checkTrace(pil, trace);
    ok &&= r.ok;
    if (!r.ok) console.log(r.failures.map((f) => f.message).join('\n'));
    times.push(r.ms);
  }
  const t0 = performance.now();
  const pols = toPilcomPols(pil, trace);
  const convMs = performance.now() - t0;
  const t1 = performance.now();
  const errs = await quiet(() => pc.verifyPil(pc.F, pil, pols.cm, pols.cst));
  const vMs = performance.now() - t1;
  const best = Math.min(...times);
  console.log(
    `N=2^${log2N}${hard ? ' +64-bit identity' : ''}: ${cells} cells (${pil.nCommitments} cm + ${pil.nConstants} const)\n` +
    `  checkTrace  ${ok ? 'ok  ' : 'FAIL'} first ${times[0]!.toFixed(1)} ms (${fmt(cells / times[0]! * 1e3)}), ` +
    `best ${best.toFixed(1)} ms (${fmt(cells / best * 1e3)})\n` +
    `  verifyPil   ${errs.length === 0 ? 'ok  ' : 'FAIL'} ${vMs.toFixed(0)} ms (${fmt(cells / vMs * 1e3)}), ` +
    `plus ${convMs.toFixed(0)} ms building its BigInt arrays; speed-up ${(vMs / best).toFixed(0)}x`,
  );
}

// Importable (for profiling) without running.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number);
  for (const log2N of sizes.length ? sizes : [16, 18]) {
    await run(log2N, false);
    await run(log2N, true);
  }
}
