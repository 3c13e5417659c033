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
// 5. Its field arithmetic is BigInt (an object per value, [BigInt ×3] per extension value):
//    evaluating the constraint/FRI expressions and the NTTs in its worker threads took most of a
//    proof's CPU. When pil-stark creates the pool of those workers we give it our own worker
//    script instead (fast-paths.ts: same methods and results, computed in WebAssembly). The same
//    goes for the Poseidon hashing of Merkle paths on the main thread (merkle-root.ts).
// 6. pil-stark creates a new pool (new worker threads) for every NTT, tree and expression pass,
//    ~15 per proof, and each thread costs ~40 ms of CPU to start and load its modules. While an
//    exclusive() run lasts, the pools of our worker scripts are created once and reused (their
//    terminate() is deferred to the end of the run); pil-stark's own scripts are left alone.
// 7. Its main-thread NTT glue copies rows with pilcom's BigBuffer slice/set (a temporary view per
//    row): one-copy versions (patchBigBuffer). 8. Its plookup calculateH1H2 keys an object by
//    String(bigint): a Map version for base-field columns (h1h2.ts). Both give the same results.

import { createRequire } from 'node:module';
import { fastPathsEnabled, fastStats, poolWorkers, replacementWorker } from './fast-paths.js';
import { fastH1H2, type CalculateH1H2 } from './h1h2.js';
import { fastCalculateRoot, type CalculateRoot } from './merkle-root.js';
import type { PilStark } from './types.js';

const require = createRequire(import.meta.url);

let loaded: PilStark | undefined;

/** pil-stark, loaded on first use (it takes ~0.2 s, which a CLI command that never proves should not pay). */
export function pilStark(): PilStark {
  if (!loaded) {
    // (8) before stark_gen.js takes its own reference to polutils' calculateH1H2
    const polutils = createRequire(require.resolve('pil-stark'))('./src/helpers/polutils.js') as { calculateH1H2: CalculateH1H2 };
    polutils.calculateH1H2 = fastH1H2(polutils.calculateH1H2);
    loaded = require('pil-stark') as PilStark;
    patchWorkerPool();
    patchBigBuffer();
  }
  return loaded;
}

interface BigBufferLike { buffers: BigUint64Array[]; length: number }
type Slice = (this: BigBufferLike, f: number, t: number) => BigUint64Array;
type SetFn = (this: BigBufferLike, buff: unknown, offset?: number) => void;

/**
 * (7) pil-stark's main-thread NTT code moves rows between BigBuffers (its pilcom's) one row at a
 * time with slice/set, which build a temporary view per row: ~1.3 s at 2^16. When the row lies
 * in one of the BigBuffer's arrays (always, below 2^30 words) we copy with one native call; the
 * result is the same, and anything else (or fast paths off) goes to the original methods.
 */
function patchBigBuffer(): void {
  const fromPilStark = createRequire(require.resolve('pil-stark'));
  const proto = (fromPilStark('pilcom') as { BigBuffer: { prototype: { slice: Slice; set: SetFn; __w2zPatched?: boolean } } }).BigBuffer.prototype;
  if (proto.__w2zPatched) return;
  const MAX = 1 << 30; // pilcom's words per array
  const slice = proto.slice;
  const set = proto.set;
  proto.slice = function (this: BigBufferLike, f: number, t: number) {
    if (fastPathsEnabled() && Number.isInteger(f) && Number.isInteger(t) && f >= 0 && t >= f && t <= this.length) {
      const b = Math.floor(f / MAX);
      const pos = f % MAX;
      const arr = this.buffers[b];
      if (arr && pos + (t - f) <= arr.length) return arr.slice(pos, pos + (t - f));
    }
    return slice.call(this, f, t);
  };
  proto.set = function (this: BigBufferLike, buff: unknown, offset?: number) {
    const o = offset || 0;
    if (fastPathsEnabled() && buff instanceof BigUint64Array && Number.isInteger(o) && o >= 0) {
      const arr = this.buffers[Math.floor(o / MAX)];
      if (arr && (o % MAX) + buff.length <= arr.length) { arr.set(buff, o % MAX); return; }
    }
    set.call(this, buff, offset);
  };
  proto.__w2zPatched = true;
}

interface Pool {
  terminate(force?: boolean, timeout?: number): Promise<unknown>;
  exec(method: string, args: unknown[]): Promise<unknown>;
}
interface WorkerPoolModule { pool(script?: string, options?: Record<string, unknown>): Pool }

/** Pools created by pil-stark that have not been terminated yet. */
const livePools = new Set<Pool>();

/** Pools of our worker scripts kept for the rest of an exclusive() run (script → pool). */
const shared = new Map<string, Pool>();
let sharing = false;

/** What pil-stark gets for a shared pool: the same exec and maxWorkers; terminate() a no-op. */
function sharedView(pool: Pool): Pool {
  const view = Object.create(pool) as Pool;
  view.exec = (method, args) => pool.exec(method, args);
  view.terminate = () => Promise.resolve([]);
  return view;
}

/** Resolves workerpool from pil-stark's own location, so we patch the instance it uses. */
function patchWorkerPool(): void {
  const fromPilStark = createRequire(require.resolve('pil-stark'));
  const wp = fromPilStark('workerpool') as WorkerPoolModule & { __w2zPatched?: boolean };
  if (wp.__w2zPatched) return;
  const original = wp.pool.bind(wp);
  wp.pool = (script?: string, options?: Record<string, unknown>) => {
    const ours = replacementWorker(script);
    const workers = poolWorkers();
    const create = () => {
      const pool = original(ours ?? script, {
        ...options,
        ...(workers !== undefined ? { maxWorkers: workers } : {}),
        // 'thread' is what 'auto' picks on Node ≥ 11.7; fixing it makes workerThreadOpts apply.
        workerType: 'thread',
        workerThreadOpts: { stdout: true },
      });
      livePools.add(pool);
      const terminate = pool.terminate.bind(pool);
      pool.terminate = (force?: boolean, timeout?: number) => {
        livePools.delete(pool);
        shared.forEach((p, k) => { if (p === pool) shared.delete(k); });
        return terminate(force, timeout);
      };
      return pool;
    };
    if (!ours) return create();
    // (6) our worker scripts: one pool per script for the whole exclusive() run, behind a view
    // whose terminate() leaves the workers running for pil-stark's next pool of that script
    let pool: Pool;
    if (sharing) {
      const key = `${ours}\0${workers ?? ''}`;
      pool = shared.get(key) ?? create();
      shared.set(key, pool);
      pool = sharedView(pool);
    } else {
      pool = create();
    }
    countFastChunks(pool);
    return pool;
  };
  wp.__w2zPatched = true;
}

/** Counts, in fastStats, the expression chunks our worker compiled and those it fell back on. */
function countFastChunks(pool: Pool): void {
  fastStats.pools++;
  const exec = pool.exec.bind(pool);
  pool.exec = (method: string, args: unknown[]) => exec(method, args).then((r) => {
    if (method === 'starkgen_execute') {
      if ((r as { fallback?: unknown }).fallback === true) fastStats.fallback++;
      else fastStats.compiled++;
    }
    return r;
  });
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
  const proto = Object.getPrototypeOf(await build()) as { getGroupProof: GetGroupProof; calculateRootFromGroupProof: CalculateRoot };
  originalGetGroupProof = proto.getGroupProof;
  proto.getGroupProof = getGroupProof;
  // verification's path hashing with our Poseidon (merkle-root.ts; off with setFastPaths(false))
  proto.calculateRootFromGroupProof = fastCalculateRoot(proto.calculateRootFromGroupProof);
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
      sharing = true;
      return await fn();
    } catch (e) {
      sharing = false;
      await Promise.allSettled([...livePools].map((p) => p.terminate(true)));
      throw e;
    } finally {
      sharing = false;
      await Promise.allSettled([...shared.values()].map((p) => p.terminate()));
      console.log = saved;
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** pil-stark's pilcom BigBuffer class (patched once pilStark() ran; for tests). */
export function pilStarkBigBuffer(): new (n: number) => { slice(f: number, t: number): BigUint64Array; set(b: unknown, o?: number): void; buffers: BigUint64Array[] } {
  return (createRequire(require.resolve('pil-stark'))('pilcom') as { BigBuffer: ReturnType<typeof pilStarkBigBuffer> }).BigBuffer;
}

/** Worker pools of pil-stark still alive (0 between calls; for tests). */
export const livePoolCount = (): number => livePools.size;
