// The fuzzer's harness: a worker (worker.mjs) that runs cases in process with a time limit each,
// the rule every outcome must keep, and the same rule checked through the real command line.
//
// The rule (README, "Exit codes"): bad input gets one line `error[W2Z…]: <file> <where>: <problem>`,
// exit 1–3 — never exit 70, a stack trace, a hang or an error of another type — and a failed
// command writes no output file and leaves an existing one as it was.

import { Worker } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputKind } from './mutate.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'wasm2zkasm.js');

export interface Case {
  kind: InputKind;
  /** the file name the input goes by (in messages; the CLI writes it under this name) */
  name: string;
  data: Uint8Array | string;
  /** .wasm/.wat: compile and run after loading (else stop after decoding and validation) */
  compile: boolean;
  /** steps a compiled or .zkasm program may run */
  maxSteps: number;
  /** return the compiled text (to make .zkasm seeds) */
  wantZkasm?: boolean;
}

export interface Outcome {
  status: 'accepted' | 'error' | 'crash' | 'hang' | 'died';
  stage?: string;
  /** accepted: how the run ended (pass / fail / trap), or the spec counts */
  run?: string;
  code?: string;
  exitCode?: number;
  message?: string;
  errorName?: string;
  stack?: string;
  zkasm?: string;
  ms: number;
}

/**
 * Runs cases one at a time in a worker thread. A case over its time limit is a hang: the worker is
 * terminated and the next case gets a new one. Its stack is the size of the main thread's (as
 * in the CLI), so a recursion that overflows there overflows here.
 */
export class CaseRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (o: Outcome) => void } | undefined;
  /** workers started (1 + hangs + deaths) */
  starts = 0;
  /** where workers write .wast cases (the spec runner reads a file) */
  private readonly scratch = mkdtempSync(join(tmpdir(), 'w2z-malformed-'));

  constructor(private readonly memoryMb = 4096) {}

  private start(): Promise<void> {
    this.starts++;
    const w = new Worker(new URL('./worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, stackSizeMb: 1 },
      workerData: { scratch: this.scratch },
      stdout: true,
      stderr: true,
    });
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean; id?: number } & Outcome) => {
        if (m.ready) { resolve(); return; }
        const p = this.pending;
        if (p && p.id === m.id) {
          this.pending = undefined;
          const { id: _id, ...o } = m;
          p.resolve(o as Outcome);
        }
      };
      w.on('message', onMessage);
      w.on('error', (e) => {
        reject(e);
        this.died(w, `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}`);
      });
      w.on('exit', (code) => this.died(w, `worker exited with code ${code}`));
    });
    return this.ready;
  }

  private died(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const p = this.pending;
    this.pending = undefined;
    p?.resolve({ status: 'died', message: why, ms: 0 });
  }

  async run(c: Case, timeoutMs: number): Promise<Outcome> {
    if (!this.worker) await this.start();
    else await this.ready;
    const w = this.worker!;
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.worker = undefined;
        void w.terminate();
        resolve({ status: 'hang', message: `no answer after ${timeoutMs} ms`, ms: performance.now() - t0 });
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      const data = typeof c.data === 'string' ? c.data : c.data.slice();
      w.postMessage({ id, ...c, data });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

/** Codes that are compiler bugs by definition, whatever their exit code. */
const INTERNAL_CODES = new Set(['W2Z2101', 'W2Z2301', 'W2Z3003']);
/** Codes whose message must give a byte offset / a line. */
const NEEDS_OFFSET = new Set(['W2Z1004']);
const NEEDS_LINE = new Set(['W2Z1006', 'W2Z1010', 'W2Z3001']);

/** What is wrong with an outcome (undefined: it keeps the rule). */
export function judge(c: Case, o: Outcome): string | undefined {
  switch (o.status) {
    case 'accepted': return undefined;
    case 'hang': return `hang (${o.message})`;
    case 'died': return `worker died (${o.message})`;
    case 'crash': return `crash in ${o.stage}: ${o.errorName}: ${firstLine(o.message ?? '')}`;
  }
  const m = o.message ?? '';
  if (o.exitCode === undefined || o.exitCode < 1 || o.exitCode > 3) return `exit code ${o.exitCode} (${o.code})`;
  if (INTERNAL_CODES.has(o.code!)) return `internal error ${o.code} in ${o.stage}`;
  if (m.includes('\n')) return `${o.code}: a message of ${m.split('\n').length} lines`;
  if (!m.includes(c.name)) return `${o.code}: the message does not name the file`;
  if (NEEDS_OFFSET.has(o.code!) && !/@0x[0-9a-f]+/.test(m)) return `${o.code}: no byte offset`;
  if (NEEDS_LINE.has(o.code!) && !/:\d+/.test(m)) return `${o.code}: no line`;
  return undefined;
}

const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 200);

/**
 * A finding's identity, for counting distinct bugs: the problem with numbers and names blurred,
 * and for a crash the first frame of our code.
 */
export function signature(c: Case, problem: string, o: Outcome): string {
  const blur = (s: string) => s.split(c.name).join('<file>').replace(/0x[0-9a-f]+/gi, 'N').replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"');
  let sig = `${c.kind} ${blur(problem)}`;
  // an error that breaks the rule: which one (internal errors differ by their message)
  if (o.status === 'error') sig += ` — ${blur((o.message ?? '').replace(/\$[^\s()]+/g, '$…'))}`;
  if (o.status === 'crash') {
    const frame = (o.stack ?? '').split('\n').find((l) => /\/dist\//.test(l));
    if (frame) sig += ` @ ${frame.replace(/^\s*at\s+/, '').replace(/\(?[^ ]*\/dist\//, '').replace(/:\d+\)?$/, '')}`;
  }
  return sig;
}

// ---- the command line ----------------------------------------------------------------------------

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
  timedOut: boolean;
  ms: number;
}

const SENTINEL = 'an existing output file: a failed command must leave it as it is\n';

/**
 * Runs one case through the built CLI in `dir`: a .wasm/.wat is compiled with `-o` (every other
 * time over an existing output file), a .zkasm is run, a .wast goes through `spec`. Returns the
 * problems found (empty: the rule holds) and the raw result.
 */
export function cliCheck(dir: string, c: Case, index: number, timeoutMs: number): { problems: string[]; result: CliResult; args: string[] } {
  const input = join(dir, c.name);
  writeFileSync(input, c.data);
  const outName = `${c.name}.out.zkasm`;
  const out = join(dir, outName);
  const preexisting = index % 2 === 1;
  if (preexisting) writeFileSync(out, SENTINEL);
  const args = c.kind === 'zkasm' ? ['run', c.name, '--max-steps', String(c.maxSteps)]
    : c.kind === 'wast' ? ['spec', c.name]
    : index % 4 === 2 ? ['run', c.name, '--max-steps', String(c.maxSteps)]
    : [c.name, '-o', outName];
  const before = new Set(readdirSync(dir));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const result: CliResult = { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '', timedOut: r.error !== undefined || r.signal !== null, ms: performance.now() - t0 };
  const problems: string[] = [];
  if (result.timedOut) problems.push(`no exit after ${timeoutMs} ms (${r.error?.message ?? r.signal})`);
  else if (![0, 1, 2, 3].includes(result.code!)) problems.push(`exit code ${result.code}`);
  if (/\n\s+at /.test(result.err) || /internal error/.test(result.err)) problems.push('a stack trace or internal error on stderr');
  const errLines = result.err.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '));
  const printedStatus = /^(PASS|FAIL|TRAP) /m.test(result.out) || c.kind === 'wast';
  if (result.code !== 0 && !printedStatus) {
    if (errLines.length !== 1) problems.push(`${errLines.length} lines on stderr`);
    else if (!/^error\[W2Z\d{4}\]: /.test(errLines[0]!)) problems.push(`not an error[W2Z…] line: ${errLines[0]}`);
    else if (!errLines[0]!.includes(c.name)) problems.push('the error does not name the file');
  } else if (errLines.length > 0 && c.kind !== 'wast') {
    problems.push(`stderr besides warnings: ${errLines[0]}`);
  }
  if (args[0] === c.name) {
    if (result.code === 0) {
      if (!existsSync(out) || readFileSync(out, 'utf8') === SENTINEL) problems.push('exit 0 without the output file');
    } else if (preexisting) {
      if (!existsSync(out) || readFileSync(out, 'utf8') !== SENTINEL) problems.push('a failed command changed the existing output file');
    } else if (existsSync(out)) {
      problems.push('a failed command wrote the output file');
    }
  }
  const litter = readdirSync(dir).filter((f) => !before.has(f) && f !== outName);
  if (litter.length) problems.push(`left files behind: ${litter.join(', ')}`);
  return { problems, result, args };
}
