// Loading pil-stark and running its calls safely. Three things about the library force this:
//
// 1. It writes progress to stdout with console.log, from the main thread and from its worker
//    threads ("Merkelizing 1....", "Verify Query:3", "linear hash start...."), which would mix
//    with our own output (a CLI's --json on stdout). We swallow the main thread's lines while a
//    call runs (or hand them to `onLibLog`) and create workers with `stdout: true`, which keeps
//    their output in the worker's own stream instead of piping it to ours.
// 2. When starkGen throws ("Number not included", "z does not match"), its worker pool is never
//    terminated, and the live worker threads keep the process from exiting (measured: a script
//    hangs until killed). We wrap workerpool's `pool()` to track every pool it creates and
//    terminate the ones still alive after a failed call.
// 3. starkGen assigns an undeclared `tree4` (a global) and reads it back after an await, so two
//    proofs in flight in one process would mix their trees; and (1) patches console globally.
//    So every call goes through one queue: at most one pil-stark call runs at a time.
// 4. Its GL Merkle tree's getGroupProof copies the whole node array (`new BigUint64Array(
//    tree.nodes)`) at every level of every path it opens: 5 trees × log2(rows) levels × queries
//    copies of an array of ~8·rows words. At 2^16 rows with 128 queries that was ~35 s of an
//    85 s proof, and it grows as rows·log(rows). We replace the method with one that reads the
//    nodes in place; the proof is byte-for-byte the same (checked by a test).

import { createRequire } from 'node:module';
import type { PilStark } from './types.js';

const require = createRequire(import.meta.url);

let loaded: PilStark | undefined;

/** pil-stark, loaded on first use (it takes ~0.2 s, which a CLI command that never proves should not pay). */
export function pilStark(): PilStark {
  if (!loaded) {
    loaded = require('pil-stark') as PilStark;
    patchWorkerPool();
  }
  return loaded;
}

interface Pool { terminate(force?: boolean, timeout?: number): Promise<unknown> }
interface WorkerPoolModule { pool(script?: string, options?: Record<string, unknown>): Pool }

/** Pools created by pil-stark that have not been terminated yet. */
const livePools = new Set<Pool>();

/** Resolves workerpool from pil-stark's own location, so we patch the instance it uses. */
function patchWorkerPool(): void {
  const fromPilStark = createRequire(require.resolve('pil-stark'));
  const wp = fromPilStark('workerpool') as WorkerPoolModule & { __w2zPatched?: boolean };
  if (wp.__w2zPatched) return;
  const original = wp.pool.bind(wp);
  wp.pool = (script?: string, options?: Record<string, unknown>) => {
    const pool = original(script, {
      ...options,
      // 'thread' is what 'auto' picks on Node ≥ 11.7; fixing it makes workerThreadOpts apply.
      workerType: 'thread',
      workerThreadOpts: { stdout: true },
    });
    livePools.add(pool);
    const terminate = pool.terminate.bind(pool);
    pool.terminate = (force?: boolean, timeout?: number) => {
      livePools.delete(pool);
      return terminate(force, timeout);
    };
    return pool;
  };
  wp.__w2zPatched = true;
}

interface MerkleTree { nodes: BigUint64Array; width: number; height: number }
interface MerkleHash { getElement(tree: MerkleTree, idx: number, subIdx: number): bigint }

/** The same path as pil-stark's getGroupProof (sibling of each level, 4 words), without copies. */
function getGroupProof(this: MerkleHash, tree: MerkleTree, idx: number): [bigint[], bigint[][]] {
  if (idx < 0 || idx >= tree.height) throw new Error('Out of range');
  const values: bigint[] = [];
  for (let i = 0; i < tree.width; i++) values.push(this.getElement(tree, idx, i));
  const path: bigint[][] = [];
  // level layout as pil-stark lays it out: a level of n words is followed by the next level
  // at offset + 2·nextN, where nextN = ⌈n / 8⌉·4
  for (let n = tree.height * 4, offset = 0; n > 4; idx >>= 1) {
    const sibling = offset + (idx ^ 1) * 4;
    path.push([tree.nodes[sibling]!, tree.nodes[sibling + 1]!, tree.nodes[sibling + 2]!, tree.nodes[sibling + 3]!]);
    const nextN = (Math.floor((n - 1) / 8) + 1) * 4;
    offset += nextN * 2;
    n = nextN;
  }
  return [values, path];
}

/** pil-stark's own getGroupProof, kept for the test that compares both. */
export let originalGetGroupProof: GetGroupProof | undefined;
type GetGroupProof = (this: MerkleHash, tree: MerkleTree, idx: number) => [bigint[], bigint[][]];

/** Replaces getGroupProof on pil-stark's GL MerkleHash class (reached through an instance). */
export async function patchMerkleHash(): Promise<void> {
  if (originalGetGroupProof) return;
  const fromPilStark = createRequire(require.resolve('pil-stark'));
  const build = fromPilStark('./src/helpers/hash/merklehash/merklehash_p.js') as () => Promise<object>;
  const proto = Object.getPrototypeOf(await build()) as { getGroupProof: GetGroupProof };
  originalGetGroupProof = proto.getGroupProof;
  proto.getGroupProof = getGroupProof;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `fn` (a sequence of pil-stark calls) when no other one is running, with the library's
 * console output diverted to `onLibLog` (dropped when absent), and terminates any worker pool
 * a failure left behind.
 */
export function exclusive<T>(fn: () => Promise<T>, onLibLog?: (msg: string) => void): Promise<T> {
  const run = async (): Promise<T> => {
    const saved = console.log;
    console.log = (...args: unknown[]) => onLibLog?.(args.map(String).join(' '));
    try {
      pilStark();
      await patchMerkleHash();
      return await fn();
    } catch (e) {
      await Promise.allSettled([...livePools].map((p) => p.terminate(true)));
      throw e;
    } finally {
      console.log = saved;
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** Worker pools of pil-stark still alive (0 between calls; for tests). */
export const livePoolCount = (): number => livePools.size;
