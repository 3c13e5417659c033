// Segment proofs spread across machines through a job queue: BullMQ on Redis. `prove --redis URL`
// submits one job per segment and waits for the results; `worker --redis URL`, on every machine
// that lends its cores, takes jobs and proves each in a process of its own (parallel.ts's runJob).
//
// A queued job carries the program's bytes, not its path: the worker may be on another machine.
// A worker that dies mid-job stops renewing its lock; BullMQ's stalled-job check (run by every
// live worker) puts the job back in the queue and another worker proves it. Nothing a worker
// returns is trusted: `verify` checks every proof and link of the bundle.

import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { jobFailed, redisUnreachable } from '../diagnostics.js';
import { connectionOf } from './redis-url.js';
import { parseProof } from '../pil/stark/index.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleSegment, type SegmentBundle } from '../pil/segment-prove.js';
import { spawnJob, type SegmentJob } from './parallel.js';

export const QUEUE_NAME = 'wasm2zkasm-segments';

/** A segment job as it travels: the program's file name and its bytes (base64) instead of a path. */
export interface QueuedJob extends Omit<SegmentJob, 'program'> {
  name: string;
  program: string;
}

/** What a worker returns: the serialized proof and the segment's memory list. */
export interface QueuedResult { proof: string; memory: BundleSegment['memory'] }

/** Attempts per job when its process fails (a worker that dies is a stall, counted apart). */
const ATTEMPTS = 3;
/** Times a job may lose its worker before it fails for good. */
const MAX_STALLS = 5;

/**
 * Fails with the reason when Redis does not answer: a probe connection that does not retry (the
 * queue's own connections retry forever, as BullMQ wants, and would wait silently).
 */
export async function probeRedis(url: string): Promise<void> {
  const probe = new Queue(QUEUE_NAME, { connection: { ...connectionOf(url), retryStrategy: () => null } });
  let reason: string | undefined;
  probe.on('error', (e: Error) => { reason ??= e.message; });
  try {
    // IRedisClient hides ioredis's commands; ping is one every Redis answers
    await ((await probe.client) as unknown as { ping(): Promise<string> }).ping();
  } catch (e) {
    await probe.disconnect().catch(() => undefined);
    throw redisUnreachable(url, reason ?? (e as Error).message);
  }
  await probe.close();
}

/**
 * Submits segments 0 … count − 1 of a run to the queue and waits for every proof; the bundle in
 * order. The jobs are removed from Redis once their results are read.
 */
export async function proveSegmentsOnQueue(job: Omit<SegmentJob, 'index'>, count: number, url: string,
  log: (msg: string) => void): Promise<SegmentBundle> {
  const connection = connectionOf(url);
  await probeRedis(url);
  const queue = new Queue<QueuedJob, QueuedResult>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  try {
    await events.waitUntilReady();
    const program = (await readFile(job.program)).toString('base64');
    const run = randomUUID();
    const jobs = await queue.addBulk(Array.from({ length: count }, (_, index) => ({
      name: `segment ${index}`,
      data: { ...job, name: basename(job.program), program, index },
      opts: { jobId: `${run}-${index}`, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 } },
    })));
    log(`${count} job(s) queued on ${QUEUE_NAME} (run ${run})`);
    const segments = await Promise.all(jobs.map(async (j, index): Promise<BundleSegment> => {
      let result: QueuedResult;
      try {
        result = await j.waitUntilFinished(events) as QueuedResult;
      } catch (e) {
        throw jobFailed(index, (e as Error).message);
      }
      log(`segment ${index} proven`);
      return { proof: parseProof(result.proof, `segment ${index}`), memory: result.memory };
    }));
    await Promise.all(jobs.map((j) => j.remove().catch(() => undefined)));
    return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, security: job.security, nBits: Math.log2(job.N), segments };
  } finally {
    await events.close();
    await queue.close();
  }
}

export interface QueueWorkerOptions {
  /** jobs proven at once by this worker (each in a process of its own) */
  concurrency: number;
  /** a job whose worker has not renewed its lock for this long goes back to the queue */
  stallSeconds: number;
  log: (msg: string) => void;
}

/** Proves one queued job in a process of its own, from a private copy of its program. */
async function proveQueued(job: Job<QueuedJob>, log: (msg: string) => void): Promise<QueuedResult> {
  const dir = await mkdtemp(join(tmpdir(), 'wasm2zkasm-job-'));
  try {
    const path = join(dir, basename(job.data.name));
    await writeFile(path, Buffer.from(job.data.program, 'base64'));
    const { name: _name, program: _program, ...rest } = job.data;
    const line = await spawnJob({ ...rest, program: path }, log);
    return { proof: line.proof, memory: line.memory };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `worker --redis URL`: takes segment jobs until SIGINT / SIGTERM, then finishes the jobs it
 * holds and stops. Resolves when it has stopped.
 */
export async function runQueueWorker(url: string, o: QueueWorkerOptions): Promise<void> {
  const connection = connectionOf(url);
  await probeRedis(url);
  const lockMs = Math.round(o.stallSeconds * 1000);
  const worker = new Worker<QueuedJob, QueuedResult>(QUEUE_NAME, async (job) => {
    const t0 = performance.now();
    o.log(`job ${job.id}: segment ${job.data.index} of ${job.data.name}, attempt ${job.attemptsMade + 1}`);
    const result = await proveQueued(job, o.log);
    o.log(`job ${job.id}: proven in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  }, {
    connection, concurrency: o.concurrency, autorun: false,
    lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: MAX_STALLS,
  });
  worker.on('failed', (job, e) => o.log(`job ${job?.id ?? '?'}: failed: ${e.message}`));
  worker.on('error', (e) => o.log(`redis: ${e.message}`));
  const stop = () => { o.log('stopping: finishing the jobs held'); void worker.close(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  o.log(`waiting for jobs on ${QUEUE_NAME} at ${url} (${o.concurrency} at a time)`);
  await worker.run();
}
