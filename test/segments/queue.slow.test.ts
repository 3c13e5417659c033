// prove --redis URL with two `wasm2zkasm worker`s on a local Redis (Debian's redis-server, which
// .ci/run installs): the bundle equals the one proven in one process, byte for byte, and verifies;
// a worker killed (SIGKILL, with its proving process) in the middle of a job loses nothing — the
// other worker proves that segment after BullMQ finds the job stalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWasm } from '../../src/compile.js';
import { freePort } from '../helpers/net.js';
import { loadWasm } from '../../src/wasm/load.js';
import { parseBundle, proveInSegments, serializeBundle, verifyBundle } from '../../src/pil/segment-prove.js';

const BIN = 'bin/wasm2zkasm.js';
const PROGRAM = 'test/segments/fixtures/fib13.wat';
const N = 8192;

/** Resolves once Redis answers PING on the port. */
async function redisUp(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('error', () => resolve(false));
      s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
      s.once('data', (d) => { s.destroy(); resolve(d.toString().startsWith('+PONG')); });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server on port ${port} does not answer`);
}

interface Worker { child: ChildProcess; lines: string[]; onLine?: (line: string) => void }

function startWorker(url: string): Worker {
  // its own process group: killing the group kills its proving process too
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, '--stall-seconds', '2'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const w: Worker = { child, lines: [] };
  let buffer = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      w.lines.push(line);
      w.onLine?.(line);
    }
  });
  return w;
}

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('segment proofs on a BullMQ queue', () => {
  let redis: ChildProcess;
  let url: string;
  const workers: Worker[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'w2z-queue-'));

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    redis.on('error', (e) => { throw new Error(`redis-server could not start (${e.message}): .ci/run installs it`); });
    await redisUp(port);
    url = `redis://127.0.0.1:${port}`;
  });

  afterAll(() => {
    for (const w of workers) try { process.kill(-w.child.pid!, 'SIGKILL'); } catch { /* gone */ }
    redis?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('two workers prove the bundle of one process; a worker killed mid-job loses nothing', async () => {
    const rom = compileWasm(await loadWasm(PROGRAM)).rom;
    const reference = await proveInSegments(rom, [], N, { security: 'test', log: () => undefined, name: PROGRAM });
    expect(reference.segments.length).toBe(2);

    workers.push(startWorker(url), startWorker(url));
    await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
      const ready = (l: string) => l.includes('waiting for jobs');
      if (w.lines.some(ready)) resolve();
      else w.onLine = (l) => { if (ready(l)) resolve(); };
    })));

    // the first worker to start proving a segment is killed while its process proves it
    let killed: { worker: Worker; index: number } | undefined;
    const killedOnce = new Promise<void>((resolve) => {
      for (const w of workers) {
        let index = -1;
        w.onLine = (l) => {
          const taken = /segment (\d+) of fib13\.wat/.exec(l);
          if (taken) index = Number(taken[1]);
          if (killed === undefined && index >= 0 && /\[segment \d+\] proving/.test(l)) {
            killed = { worker: w, index };
            process.kill(-w.child.pid!, 'SIGKILL');
            resolve();
          }
        };
      }
    });

    const out = join(dir, 'fib.bundle.json');
    const proving = cli(['prove', PROGRAM, '--segment-rows', String(N), '--security', 'test', '--redis', url, '-o', out]);
    await killedOnce;
    const r = await proving;
    expect(r.stderr).toMatch(/2 job\(s\) queued/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PROVEN .*2 segment\(s\)/);

    // the survivor proved the segment whose worker died
    const survivor = workers.find((w) => w !== killed!.worker)!;
    const survivorJobs = survivor.lines.filter((l) => /segment \d+ of fib13\.wat/.test(l)).map((l) => Number(/segment (\d+)/.exec(l)![1]));
    expect(survivorJobs).toContain(killed!.index);
    expect(killed!.worker.child.exitCode ?? killed!.worker.child.signalCode).toBe('SIGKILL');

    const text = readFileSync(out, 'utf8');
    expect(text).toBe(serializeBundle(reference));
    expect((await verifyBundle(parseBundle(text, out), rom, { allowInsecure: true })).ok).toBe(true);
  });
});
