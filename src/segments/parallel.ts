// Segment proofs as independent jobs on this machine's cores: each job is one segment, proven in
// a process of its own (pil-stark keeps process-wide state, so one proof per process at a time).
// A job names the program file, its compile options, the tape, N, the profile and the segment's
// index; the process compiles the program and executes the run up to that segment itself (the
// executor is fast next to a proof), so a job carries no trace and no memory image.
//
// The child has no IPC channel: pil-stark loads workerpool worker scripts in the main thread,
// and in a process with one they take it over. Results come back on file descriptor 3, one JSON
// line each (a log line, or the segment, or the error).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CompileOptions } from '../compile.js';
import { parseProof, type SecurityProfile } from '../pil/stark/index.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleSegment, type SegmentBundle } from '../pil/segment-prove.js';

export interface SegmentJob {
  program: string;
  compile: CompileOptions;
  /** the tape, as decimal strings (JSON) */
  inputs: string[];
  N: number;
  security: SecurityProfile;
  index: number;
  maxSteps?: number;
}

/** What a job process writes on fd 3, one per line; `proof` is a serialized proof file. */
export type JobLine = { log: string } | { index: number; proof: string; memory: BundleSegment['memory'] } | { error: string };

/** The job script: JavaScript, so from dist/ even when this module runs from src/ (vitest). */
const WORKER = fileURLToPath(new URL('./prove-worker.js', import.meta.url)).replace(/([\\/])src([\\/]segments[\\/])/, '$1dist$2');

/** A job's result as its process wrote it: the proof still serialized. */
export type JobResult = Extract<JobLine, { proof: string }>;

/**
 * Runs one job in a process of its own; its log lines go to `log`. The child's stdin is a pipe
 * it watches: when this process dies, the child stops too instead of proving for nobody.
 */
export function spawnJob(job: SegmentJob, log: (msg: string) => void): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { stdio: ['pipe', 'ignore', 'inherit', 'pipe'] });
    let buffer = '';
    let result: JobResult | undefined;
    let error: string | undefined;
    const channel = child.stdio[3] as NodeJS.ReadableStream;
    channel.setEncoding('utf8');
    channel.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl)) as JobLine;
        buffer = buffer.slice(nl + 1);
        if ('log' in line) log(line.log);
        else if ('error' in line) error = line.error;
        else result = line;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (result) resolve(result);
      else reject(new Error(`segment ${job.index}: ${error ?? `its process exited with code ${code}`}`));
    });
  });
}

/** Runs one job in a process of its own; the segment with its proof parsed. */
export async function runJob(job: SegmentJob, log: (msg: string) => void): Promise<BundleSegment> {
  const line = await spawnJob(job, log);
  return { proof: parseProof(line.proof, `segment ${line.index}`), memory: line.memory };
}

/** Proves segments 0 … count − 1 of a run, `jobs` processes at a time; the bundle in order. */
export async function proveSegmentsInParallel(job: Omit<SegmentJob, 'index'>, count: number, jobs: number,
  log: (msg: string) => void): Promise<SegmentBundle> {
  const segments: BundleSegment[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      segments[index] = await runJob({ ...job, index }, log);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, count)) }, lane));
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, security: job.security, nBits: Math.log2(job.N), segments };
}
