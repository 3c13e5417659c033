// Which of pil-stark's worker scripts we replace with our own faster equivalents (same methods,
// arguments and results, computed in WebAssembly), and a switch to turn that off (tests compare
// proofs made both ways). lib.ts consults `replacementWorker` whenever pil-stark creates a pool.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** pil-stark worker script (file name) → ours (compiled name next to this module). */
const REPLACED: Readonly<Record<string, string>> = {
  'stark_gen_worker.js': 'expr-worker.js',
  'fft_worker.js': 'fft-worker.js',
  'merklehash_worker.js': 'merkle-worker.js',
};

let enabled = true;

/** Turns our replacements on or off for the pools created from now on. */
export function setFastPaths(on: boolean): void { enabled = on; }
export function fastPathsEnabled(): boolean { return enabled; }

/** Chunks evaluated by our expression worker, compiled / through its BigInt fallback. */
export const fastStats = { pools: 0, compiled: 0, fallback: 0 };

/**
 * Our worker script standing in for `script`, or undefined. Worker threads need JavaScript: when
 * this module runs from src/ (vitest), the compiled one in dist/ is used if it was built.
 */
export function replacementWorker(script: string | undefined): string | undefined {
  if (!enabled || script === undefined) return undefined;
  const base = script.split(/[\\/]/).at(-1) ?? '';
  const ours = REPLACED[base];
  if (!ours || !/[\\/]pil-stark[\\/]src[\\/]/.test(script)) return undefined;
  let path = fileURLToPath(new URL(`./${ours}`, import.meta.url));
  if (import.meta.url.endsWith('.ts')) path = path.replace(/([\\/])src([\\/]pil[\\/]stark[\\/])/, '$1dist$2');
  return existsSync(path) ? path : undefined;
}

let workersOverride: number | undefined = process.env.W2Z_POOL_WORKERS ? Number(process.env.W2Z_POOL_WORKERS) : undefined;

/** Worker threads per pil-stark pool (undefined: workerpool's default, cpus − 1). */
export function poolWorkers(): number | undefined { return workersOverride; }
export function setPoolWorkers(n: number | undefined): void { workersOverride = n; }
