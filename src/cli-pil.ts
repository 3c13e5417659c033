// The proof commands of the CLI: `check` (execute in prover shape and check every constraint),
// `compile --pil/--pols`, and (with pil-stark) `setup` (the verification key), `prove` and `verify`.

import { mkdirSync, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { romOfFile, type CompileOptions } from './compile.js';
import { checkProgram, verifyPilOn, type CheckedProgram } from './pil/run.js';
import { checkInSegments, defaultSegmentRows, segmentPil } from './pil/segment-check.js';
import {
  BUNDLE_FORMAT, countSegments, parseBundle, proveInSegments, serializeBundle, verifyBundle, type BundleVerdict, type SegmentBundle,
} from './pil/segment-prove.js';
import { proveSegmentsInParallel } from './segments/parallel.js';
import { writePolsFile } from './pil/check/index.js';
import { readFile } from 'node:fs/promises';
import { badProofFile, constraintFailed, fileNotFound, unreadableFile, verifyNeedsKey } from './diagnostics.js';
import { keyRows, programKey, proveProgram, verifyProgramProof } from './pil/prove-program.js';
import {
  FRI_QUERIES, parseProof, ProofFormatError, serializeProof, verifyProofFile, type ProofFile, type SecurityProfile, type VerifyResult,
} from './pil/stark/index.js';
import { parseVkey, serializeVkey, type VerificationKey } from './pil/vkey.js';
import { TRAP_CODES } from './ir/ops.js';
import type { Outputs } from './output.js';

const fmt = (n: number): string => n.toLocaleString('en-US');
const rate = (cells: number, ms: number): string => `${(cells / (ms / 1000) / 1e6).toFixed(1)} M cells/s`;
const decimal = (xs: readonly bigint[]): string[] => xs.map(String);
const publicsJson = (p: Record<string, bigint>): Record<string, string> => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.toString()]));

export interface CheckCliOptions { json: boolean; pilcom: boolean; maxSteps?: number; memoryBytes?: number }



/** `wasm2zkasm check`: 0 when every constraint holds, 1 (with the first failures) otherwise. */
export async function checkCommand(input: string, compile: CompileOptions, inputs: bigint[], o: CheckCliOptions): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const c = await checkProgram(rom, inputs, {
    log: (msg) => process.stderr.write(`check: ${msg}\n`),
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }), ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
  });
  const m = c.pil.model;
  const cells = c.result.cells;
  let pilcomMs: number | undefined;
  let pilcomErrors: string[] | undefined;
  if (o.pilcom) {
    const t0 = performance.now();
    pilcomErrors = await verifyPilOn(c.pilJson, c.trace, c.witness.publics);
    pilcomMs = performance.now() - t0;
  }
  const publics = publicValues(c);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: c.result.ok ? 'ok' : 'fail', file: name, N: m.N, nReason: m.nReason,
      committed: c.pilJson.nCommitments, constant: c.pilJson.nConstants, cells,
      rows: m.rows, machines: m.machines, checkMs: round(c.ms.check), witnessMs: round(c.ms.witness),
      publics: publicsJson(publics),
      failures: c.failures,
      ...(pilcomMs !== undefined ? { pilcom: { ms: round(pilcomMs), errors: pilcomErrors } } : {}),
    })}\n`);
  } else {
    const head = c.result.ok ? `OK ${name}` : `FAIL ${name}: ${c.result.failures.length} constraint failure(s)`;
    process.stdout.write(`${head}\n`);
    for (const f of c.failures) process.stdout.write(`  ${f}\n`);
    process.stdout.write(`  N = 2^${m.nBits} (${m.nReason}); ${c.pilJson.nCommitments} committed + ${c.pilJson.nConstants} constant columns; ${fmt(cells)} cells\n`);
    process.stdout.write(`  rows: main ${fmt(m.rows.main)}, memory ${fmt(m.rows.mem)}, binary ${fmt(m.rows.binary)}, arith ${fmt(m.rows.arith)}\n`);
    process.stdout.write(`  checked in ${c.ms.check.toFixed(0)} ms (${rate(cells, c.ms.check)}); witness ${c.ms.witness.toFixed(0)} ms\n`);
    if (pilcomMs !== undefined) {
      process.stdout.write(`  pilcom verifyPil: ${pilcomErrors!.length === 0 ? 'OK' : `${pilcomErrors!.length} error(s)`} in ${pilcomMs.toFixed(0)} ms (${rate(cells, pilcomMs)})\n`);
      for (const e of pilcomErrors!.slice(0, 5)) process.stdout.write(`    ${e}\n`);
    }
    process.stdout.write(`  ${describePublics(publics)}\n`);
  }
  if (pilcomErrors !== undefined && (pilcomErrors.length === 0) !== c.result.ok) {
    throw new Error(`our checker and pilcom disagree on ${name}`);
  }
  return c.result.ok ? 0 : 1;
}

/** `wasm2zkasm check --segment-rows N`: each segment checked and let go, then the links. */
export async function checkSegmentsCommand(input: string, compile: CompileOptions, inputs: bigint[],
  o: CheckCliOptions & { segmentRows: number | 'default' }): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const t0 = performance.now();
  const seen: string[] = [];
  const c = await checkInSegments(rom, inputs, o.segmentRows === 'default' ? defaultSegmentRows(rom) : o.segmentRows, {
    pilcom: o.pilcom,
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }), ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
    onSegment: (r) => {
      const line = `segment ${r.index}: ${fmt(r.steps)} steps, binary ${fmt(r.binary)}, arith ${fmt(r.arith)}, memory ${fmt(r.mem)} `
        + `(${fmt(r.addresses)} addresses)${r.final ? ', final' : ''}: ${r.ok ? 'OK' : 'FAIL'} (witness ${r.ms.witness.toFixed(0)} ms, check ${r.ms.check.toFixed(0)} ms)`;
      seen.push(line);
      if (!o.json) process.stderr.write(`check: ${line}\n`);
    },
  });
  const ms = performance.now() - t0;
  const steps = c.segments.reduce((n, r) => n + r.steps, 0);
  const publics = publicsByName(c.model.publics.map((p) => p.name), c.publics);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: c.ok ? 'ok' : 'fail', file: name, segmentRows: c.model.N, committed: c.pilJson.nCommitments, constant: c.pilJson.nConstants,
      steps, ms: round(ms), links: c.links ?? 'ok', publics: publicsJson(publics),
      segments: c.segments.map((r) => ({ ...r, ms: { witness: round(r.ms.witness), check: round(r.ms.check) } })),
    })}\n`);
  } else {
    const head = c.ok ? `OK ${name}` : `FAIL ${name}`;
    process.stdout.write(`${head}: ${fmt(steps)} steps in ${c.segments.length} segment(s) of 2^${c.model.nBits} rows (${c.pilJson.nCommitments} committed + ${c.pilJson.nConstants} constant columns)\n`);
    for (const r of c.segments) for (const f of r.failures.slice(0, 5)) process.stdout.write(`  segment ${r.index}: ${f}\n`);
    process.stdout.write(`  links: ${c.links ?? 'OK'}\n`);
    process.stdout.write(`  checked in ${(ms / 1000).toFixed(1)} s (${fmt(Math.round(steps / (ms / 1000)))} steps/s)\n`);
    process.stdout.write(`  ${describePublics(publics)}\n`);
  }
  return c.ok ? 0 : 1;
}

/** The publics by name: status, outCount, outK (64-bit from its two limbs). */
export function publicValues(c: Pick<CheckedProgram, 'pil' | 'witness'>): Record<string, bigint> {
  return publicsByName(c.pil.model.publics.map((p) => p.name), c.witness.publics);
}

export function publicsByName(names: string[], values: bigint[]): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  names.forEach((n, k) => {
    const v = values[k]!;
    const m = /^(out\d+)_(lo|hi)$/.exec(n);
    if (m) out[m[1]!] = (out[m[1]!] ?? 0n) + (m[2] === 'hi' ? v << 32n : v);
    else out[n] = v;
  });
  return out;
}

export function describePublics(p: Record<string, bigint>): string {
  const status = p.status ?? 0n;
  const kind = Object.entries(TRAP_CODES).find(([, code]) => BigInt(code) === status)?.[0];
  const count = Number(p.outCount ?? 0n);
  const outs = Array.from({ length: count }, (_, k) => String(p[`out${k}`] ?? 0n));
  return `status ${status === 0n ? '0 (finished)' : `${status} (trap: ${kind ?? 'unknown'})`}; outputs: ${outs.length > 0 ? outs.join(' ') : '(none)'}`;
}

/** `compile --pil FILE --pols DIR`: the PIL text and pilcom's binary polynomial files of one run. */
export async function writePilArtifacts(input: string, compile: CompileOptions, inputs: bigint[],
  pilPath: string | undefined, polsDir: string | undefined, out: Outputs): Promise<void> {
  const { rom } = await romOfFile(input, compile);
  const c = await checkProgram(rom, inputs);
  if (!c.result.ok) throw constraintFailed(input, 'the trace does not satisfy the PIL', c.failures[0]);
  if (pilPath) await out.write(pilPath, c.pil.source);
  if (polsDir) {
    if (existsSync(polsDir) && !statSync(polsDir).isDirectory()) throw unreadableFile(polsDir, 'not a directory');
    mkdirSync(polsDir, { recursive: true });
    const base = basename(input).replace(/\.(wasm|wat|zkasm)$/i, '');
    for (const [ext, cols] of [['commit', c.trace.cm], ['const', c.trace.cst]] as const) {
      const path = join(polsDir, `${base}.${ext}`);
      try {
        writePolsFile(out.file(path), cols, c.pil.model.N);
      } catch (e) {
        throw unreadableFile(path, `cannot write: ${(e as Error).message}`);
      }
    }
    await out.write(join(polsDir, `${base}.pil.json`), JSON.stringify(c.pilJson));
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

const profileLine = (k: Pick<VerificationKey, 'nBits' | 'security'>): string => `2^${k.nBits} rows, '${k.security}' profile (${FRI_QUERIES[k.security]} FRI queries)`;

/** A verification key file (`--vkey`); a missing or malformed one is a user error naming it. */
export async function readKey(path: string): Promise<VerificationKey> {
  if (!existsSync(path)) throw fileNotFound(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw unreadableFile(path, (e as Error).message);
  }
  return parseVkey(text, path);
}

/** The segment bundle in `path`, or undefined when the file is something else (a proof). */
async function readBundleIfOne(path: string): Promise<SegmentBundle | undefined> {
  if (!existsSync(path)) throw fileNotFound(path);
  const text = await readFile(path, 'utf8');
  let format: unknown;
  try { format = (JSON.parse(text) as { format?: unknown }).format; } catch { return undefined; }
  if (format !== BUNDLE_FORMAT) return undefined;
  try {
    return parseBundle(text, path);
  } catch (e) {
    throw badProofFile(path, (e as Error).message);
  }
}

function printBundleVerdict(path: string, program: string, v: BundleVerdict, b: SegmentBundle, json: boolean): number {
  // the program's publics (the final segment's status and outputs), not the segment's state
  const own = Object.entries(v.publics).filter(([k]) => /^(status|outCount|out\d+_(lo|hi))$/.test(k));
  const publics = v.ok ? publicsByName(own.map(([k]) => k), own.map(([, x]) => x)) : undefined;
  if (json) {
    process.stdout.write(`${JSON.stringify({
      status: v.ok ? 'valid' : 'invalid', ...(v.reason ? { reason: v.reason } : {}), program, segments: v.segments,
      N: 2 ** b.nBits, security: b.security, ...(publics ? { publics: publicsJson(publics) } : {}),
    })}\n`);
  } else if (v.ok && publics) {
    process.stdout.write(`VALID ${path} (a run of ${program} in ${v.segments} segment(s) of 2^${b.nBits} rows)\n  ${describePublics(publics)}\n`);
    if (b.security !== 'standard') process.stdout.write(`  warning: '${b.security}' profile: not a secure proof (accepted because of --allow-insecure)\n`);
  } else {
    process.stdout.write(`INVALID ${path}: ${v.reason ?? 'the bundle does not verify'}\n`);
  }
  return v.ok ? 0 : 1;
}

async function readProof(path: string): Promise<ProofFile> {
  if (!existsSync(path)) throw fileNotFound(path);
  try {
    return parseProof(await readFile(path, 'utf8'), path);
  } catch (e) {
    if (e instanceof ProofFormatError) throw badProofFile(path, e.message);
    throw e;
  }
}

export interface SetupCliOptions { security: SecurityProfile; rows?: number; inputs?: bigint[] }

/** `wasm2zkasm setup`: the verification key of a program at N rows and a profile. */
export async function setupCommand(input: string, compile: CompileOptions, o: SetupCliOptions, write: (text: string) => Promise<void>): Promise<number> {
  const { rom, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const rows = keyRows(rom, o);
  const key = await programKey(rom, { nBits: Math.log2(rows.N), security: o.security, name: basename(input) });
  await write(serializeVkey(key));
  if (o.security !== 'standard') process.stderr.write(`warning: '${o.security}' profile: proofs for this key are not secure (verify accepts them only with --allow-insecure)\n`);
  process.stdout.write(`KEY ${key.program.name}: 2^${key.nBits} rows (${rows.reason}), '${key.security}' profile\n`);
  process.stdout.write(`  publics: ${key.publics.join(' ')}\n  program (constRoot): ${key.constRoot.join(' ')}\n`);
  return 0;
}

export interface ProveCliOptions {
  security: SecurityProfile;
  json: boolean;
  rows?: number;
  /** `--vkey`: prove for this key (its N and profile). */
  key?: { key: VerificationKey; file: string };
  maxSteps?: number;
  memoryBytes?: number;
}

/** `wasm2zkasm prove`: check, prove, verify our own proof; progress on stderr. */
export async function proveCommand(input: string, compile: CompileOptions, inputs: bigint[], o: ProveCliOptions,
  write: (text: string) => Promise<void>): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const log = (msg: string) => process.stderr.write(`prove: ${msg}\n`);
  const t0 = performance.now();
  const { file, checked } = await proveProgram(rom, inputs, {
    security: o.security, log, name: basename(input),
    ...(o.rows === undefined ? {} : { nBits: Math.log2(o.rows) }), ...(o.key === undefined ? {} : { key: o.key }),
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }), ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
  });
  const text = serializeProof(file);
  await write(text);
  const ms = performance.now() - t0;
  const publics = publicValues(checked);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: 'proven', file: name, N: checked.pil.model.N, security: file.security, ms: round(ms), bytes: text.length,
      constRoot: decimal(file.constRoot), publics: publicsJson(publics), ...(o.key ? { vkey: o.key.file } : {}),
    })}\n`);
  } else {
    process.stdout.write(`PROVEN ${name}: 2^${file.nBits} rows, '${file.security}' profile, ${(text.length / 1024).toFixed(0)} KiB, ${(ms / 1000).toFixed(1)} s${o.key ? ` (for the key ${o.key.file})` : ''}\n`);
    process.stdout.write(`  ${describePublics(publics)}\n  program (constRoot): ${file.constRoot.join(' ')}\n`);
  }
  return 0;
}

/** `wasm2zkasm prove --segment-rows N`: every segment checked and proven; one bundle. */
export async function proveSegmentsCommand(input: string, compile: CompileOptions, inputs: bigint[],
  options: ProveCliOptions & { segmentRows: number | 'default'; jobs: number; redis?: string }, write: (text: string) => Promise<void>): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  const o = { ...options, segmentRows: options.segmentRows === 'default' ? defaultSegmentRows(rom) : options.segmentRows };
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const log = (msg: string) => process.stderr.write(`prove: ${msg}\n`);
  const t0 = performance.now();
  // a queue that does not answer is told before the run is executed
  const queue = o.redis === undefined ? undefined : await import('./segments/queue.js'); // BullMQ only when asked for
  if (queue) await queue.probeRedis(o.redis!);
  const count = await countSegments(rom, inputs, o.segmentRows, o.maxSteps);
  const jobs = Math.min(o.jobs, count);
  const job = {
    program: input, compile, inputs: inputs.map(String), N: o.segmentRows, security: o.security, ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
  };
  log(`${count} segment(s) of 2^${Math.log2(o.segmentRows)} rows, ${o.redis === undefined ? `${jobs} at a time` : 'as queued jobs'}`);
  const bundle = queue ? await queue.proveSegmentsOnQueue(job, count, o.redis!, log)
    : jobs > 1 ? await proveSegmentsInParallel(job, count, jobs, log)
    : await proveInSegments(rom, inputs, o.segmentRows, {
      security: o.security, log, name: basename(input), ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
    });
  const text = serializeBundle(bundle);
  await write(text);
  const ms = performance.now() - t0;
  const last = bundle.segments[bundle.segments.length - 1]!.proof;
  const names = (await segmentPil(rom, o.segmentRows)).pil.model;
  const offset = names.segment!.statePublics.length;
  const publics = publicsByName(names.publics.map((p) => p.name), last.publics.slice(offset, offset + names.publics.length));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: 'proven', file: name, segments: bundle.segments.length, segmentRows: o.segmentRows, security: o.security,
      ms: round(ms), bytes: text.length, publics: publicsJson(publics),
    })}\n`);
  } else {
    process.stdout.write(`PROVEN ${name}: ${bundle.segments.length} segment(s) of 2^${bundle.nBits} rows, '${o.security}' profile, `
      + `${(text.length / 2 ** 20).toFixed(1)} MiB, ${(ms / 1000).toFixed(1)} s\n  ${describePublics(publics)}\n`);
  }
  return 0;
}

/** What `verify` checks a proof against: a key file, or a program whose key it derives. */
export type VerifyAgainst = { vkey: string } | { program: string; compile: CompileOptions };

export interface VerifyCliOptions { json: boolean; allowInsecure: boolean }

/**
 * `wasm2zkasm verify`: 0 for a valid proof of the key's program, 1 otherwise. What it prints
 * comes from the key and the proven publics only: nothing else in a proof file is authenticated.
 */
export async function verifyCommand(proofPath: string, against: VerifyAgainst | undefined, o: VerifyCliOptions): Promise<number> {
  if (against === undefined) throw verifyNeedsKey(proofPath);
  const bundle = await readBundleIfOne(proofPath);
  if (bundle) {
    if (!('program' in against)) throw badProofFile(proofPath, 'a segment bundle is verified against its program (--program), not a key');
    const { rom } = await romOfFile(against.program, against.compile);
    return printBundleVerdict(proofPath, against.program, await verifyBundle(bundle, rom, { allowInsecure: o.allowInsecure }), bundle, o.json);
  }
  const opts = { log: (msg: string) => process.stderr.write(`verify: ${msg}\n`), allowInsecure: o.allowInsecure };
  let r: VerifyResult & { key?: VerificationKey };
  if ('vkey' in against) {
    const key = await readKey(against.vkey);
    r = { ...await verifyProofFile(await readProof(proofPath), key, opts), key };
  } else {
    const file = await readProof(proofPath);
    const { rom } = await romOfFile(against.program, against.compile);
    r = await verifyProgramProof(file, rom, against.program, opts);
  }
  const key = r.key;
  const publics = r.ok && key ? publicsByName(key.publics, r.publics) : undefined;
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: r.ok ? 'valid' : 'invalid', ...(r.reason ? { reason: r.reason } : {}),
      ...(key ? { program: key.program.name, N: 2 ** key.nBits, security: key.security, constRoot: decimal(key.constRoot) } : {}),
      ...(publics ? { publics: publicsJson(publics) } : {}),
    })}\n`);
  } else if (r.ok && key && publics) {
    process.stdout.write(`VALID ${proofPath} (a run of ${key.program.name})\n  ${describePublics(publics)}\n`);
    process.stdout.write(`  program (constRoot): ${key.constRoot.join(' ')}\n  ${profileLine(key)}\n`);
    if (key.security !== 'standard') process.stdout.write(`  warning: '${key.security}' profile: not a secure proof (accepted because of --allow-insecure)\n`);
  } else {
    process.stdout.write(`INVALID ${proofPath}: ${r.reason ?? 'the proof does not verify'}\n`);
  }
  return r.ok ? 0 : 1;
}
