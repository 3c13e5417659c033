// `wasm2zkasm near …`: run, check, prove and verify NEAR contract calls (docs/near.md).

import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { badNearInput, badProofFile, fileNotFound } from './diagnostics.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProgram } from './pil/run.js';
import { countSegments, parseBundle, proveInSegments, serializeBundle, verifyBundle, type SegmentBundle } from './pil/segment-prove.js';
import { checkInSegments, defaultSegmentRows, segmentPil } from './pil/segment-check.js';
import { proveSegmentsInParallel } from './segments/parallel.js';
import type { SecurityProfile } from './pil/stark/struct.js';
import { publicsByName } from './cli-pil.js';
import { calledMethods, compileBatch, outcomeOf, tapeOf, type NearBatch } from './near/run.js';
import { encodeTape, readTape, tapeBytes } from './near/tape.js';
import { decodeOutcome, digestWords, encodeOutcome, sha256 } from './near/outcome.js';
import { loadWasm } from './wasm/load.js';
import { callableMethods } from './near/link.js';
import { compileNear } from './near/compile.js';
import { runRom } from './compile.js';
import type { CallOutcomeOut, OutcomeOut, Receipt } from './near/types.js';

const EXIT = { ok: 0, invalid: 1, failedCall: 3 } as const;
const NEAR_PROOF_FORMAT = 'wasm2zkasm-near-proof';

// ---- showing an outcome

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text when they are printable UTF-8, else "base64:…" (the input files' convention). */
export function shownBytes(b: Uint8Array): string {
  try {
    const s = utf8.decode(b);
    // eslint-disable-next-line no-control-regex
    if (!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s) && !s.startsWith('base64:')) return s;
  } catch { /* not UTF-8 */ }
  return `base64:${Buffer.from(b).toString('base64')}`;
}

function returnJson(c: CallOutcomeOut): unknown {
  const r = c.returned;
  if (!r || r.kind === 'none') return null;
  if (r.kind === 'promise') return { promise: r.receipt };
  const text = shownBytes(r.value);
  let json: unknown;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return json === undefined ? { value: text } : { value: text, json };
}

function receiptJson(r: Receipt): unknown {
  return {
    receiver_id: shownBytes(r.receiverId), dependencies: r.dependencies,
    actions: r.actions.map((a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? shownBytes(v) : v]))),
  };
}

export function outcomeJson(batch: Pick<NearBatch, 'contracts' | 'calls'>, outcome: OutcomeOut): unknown[] {
  return outcome.calls.map((c, k) => ({
    contract: shownBytes(batch.contracts[batch.calls[k]!.contract]!.init.accountId),
    method: batch.calls[k]!.method,
    status: c.status,
    ...(c.status === 'success' ? { return: returnJson(c) } : { failure: c.failure }),
    logs: c.logs.map(shownBytes),
    receipts: c.receipts.map(receiptJson),
    storage_usage: c.storageUsage.toString(),
    balance: c.balance.toString(),
    changes: c.changes.map((x) => ({ key: shownBytes(x.key), value: x.value === null ? null : shownBytes(x.value) })),
  }));
}

function printOutcome(batch: Pick<NearBatch, 'contracts' | 'calls'>, outcome: OutcomeOut): void {
  const calls = outcomeJson(batch, outcome) as ReturnType<typeof outcomeJson> & Record<string, unknown>[];
  for (const c of calls as Record<string, any>[]) { // eslint-disable-line @typescript-eslint/no-explicit-any
    const head = c.status === 'success' ? 'SUCCESS' : 'FAILURE';
    process.stdout.write(`${head} ${c.contract} ${c.method}${c.status === 'failure' ? `: ${c.failure.message}` : ''}\n`);
    if (c.status === 'success') {
      const r = c.return as { value?: string; promise?: number } | null;
      process.stdout.write(`  return: ${r === null ? '(none)' : r.promise !== undefined ? `the promise of receipt ${r.promise}` : r.value}\n`);
    }
    for (const l of c.logs as string[]) process.stdout.write(`  log: ${l}\n`);
    for (const [k, r] of (c.receipts as { receiver_id: string; actions: { kind: string }[] }[]).entries()) {
      process.stdout.write(`  receipt ${k}: to ${r.receiver_id}: ${r.actions.map((a) => a.kind).join(', ')}\n`);
    }
    for (const x of c.changes as { key: string; value: string | null }[]) {
      process.stdout.write(`  storage: ${x.key} ${x.value === null ? 'removed' : `= ${x.value}`}\n`);
    }
    process.stdout.write(`  storage usage ${c.storage_usage}, balance ${c.balance}\n`);
  }
}

const anyFailed = (o: OutcomeOut) => o.calls.some((c) => c.status === 'failure');

// ---- run and check

export interface NearRunOptions { json: boolean; maxSteps?: number }

export async function nearRunCommand(batch: NearBatch, o: NearRunOptions): Promise<number> {
  // (no warning that the program outgrows Polygon's executor: every NEAR program does, by the host's memory)
  const compiled = compileBatch(batch);
  const tape = tapeOf(batch);
  const t0 = performance.now();
  const run = runRom(compiled.rom, { inputs: encodeTape(tape), ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }) });
  const ms = performance.now() - t0;
  const outcome = outcomeOf(run, tape, compiled.rom.fileName);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ calls: outcomeJson(batch, outcome), steps: run.result.steps, counters: run.result.counters, timeMs: Math.round(ms) })}\n`);
  } else {
    printOutcome(batch, outcome);
    process.stdout.write(`  steps ${run.result.steps}  (${(ms / 1000).toFixed(2)} s)\n`);
  }
  return anyFailed(outcome) ? EXIT.failedCall : EXIT.ok;
}

export interface NearCheckOptions { json: boolean; maxSteps?: number; memoryBytes?: number; segmentRows?: number | 'default' }

export async function nearCheckCommand(batch: NearBatch, o: NearCheckOptions): Promise<number> {
  const compiled = compileBatch(batch);
  const tape = tapeOf(batch);
  const words = encodeTape(tape);
  const outcome = outcomeOf(runRom(compiled.rom, { inputs: words }), tape, compiled.rom.fileName);
  const t0 = performance.now();
  if (o.segmentRows !== undefined) {
    // a batch of many calls: its trace checked a segment at a time (docs/segments.md)
    const N = o.segmentRows === 'default' ? defaultSegmentRows(compiled.rom) : o.segmentRows;
    const c = await checkInSegments(compiled.rom, words, N, {
      ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }), ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
    });
    const ms = performance.now() - t0;
    const steps = c.segments.reduce((n, s) => n + s.steps, 0);
    const failures = c.segments.flatMap((s) => s.failures.map((f) => `segment ${s.index}: ${f}`));
    if (c.links) failures.push(c.links);
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ status: c.ok ? 'ok' : 'fail', calls: outcomeJson(batch, outcome), steps, segments: c.segments.length, segmentRows: N, ms: Math.round(ms), failures })}\n`);
    } else {
      printOutcome(batch, outcome);
      if (c.ok) process.stdout.write(`OK ${steps} steps in ${c.segments.length} segment(s) of 2^${Math.log2(N)} rows, every segment and link checked in ${(ms / 1000).toFixed(1)} s\n`);
      else for (const f of failures.slice(0, 10)) process.stdout.write(`FAIL ${f}\n`);
    }
    return c.ok ? (anyFailed(outcome) ? EXIT.failedCall : EXIT.ok) : EXIT.invalid;
  }
  const c = await checkProgram(compiled.rom, words, {
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }), ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
    log: (msg) => process.stderr.write(`check: ${msg}\n`),
  });
  const ms = performance.now() - t0;
  const m = c.pil.model;
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: c.result.ok ? 'ok' : 'fail', calls: outcomeJson(batch, outcome), steps: c.witness.run.steps, N: m.N,
      columns: c.pilJson.nCommitments + c.pilJson.nConstants, ms: Math.round(ms), failures: c.failures,
    })}\n`);
  } else {
    printOutcome(batch, outcome);
    if (c.result.ok) process.stdout.write(`OK ${c.witness.run.steps} steps, 2^${m.nBits} rows (${m.nReason}), ${c.pilJson.nCommitments + c.pilJson.nConstants} columns, checked in ${(ms / 1000).toFixed(1)} s\n`);
    else for (const f of c.failures.slice(0, 10)) process.stdout.write(`FAIL ${f}\n`);
  }
  return c.result.ok ? (anyFailed(outcome) ? EXIT.failedCall : EXIT.ok) : EXIT.invalid;
}

// ---- prove and verify

interface NearClaim {
  contracts: { file: string; sha256: string }[];
  /** the tape's words, hexadecimal */
  tape: string[];
  /** the outcome's bytes, base64 */
  outcome: string;
}

const fileHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface NearProveOptions { json: boolean; security: SecurityProfile; jobs: number; segmentRows?: number; maxSteps?: number }

/**
 * Check, prove in segments (docs/segments.md: a NEAR call is 10^5 steps and more), and write the
 * bundle with its claim: the contracts' hashes, the tape, the outcome.
 */
export async function nearProveCommand(batch: NearBatch, o: NearProveOptions, write: (text: string) => Promise<void>): Promise<number> {
  const compiled = compileBatch(batch);
  const tape = tapeOf(batch);
  const words = encodeTape(tape);
  const outcome = outcomeOf(runRom(compiled.rom, { inputs: words }), tape, compiled.rom.fileName);
  const log = (msg: string) => process.stderr.write(`prove: ${msg}\n`);
  const t0 = performance.now();
  const name = batch.contracts.map((c) => basename(c.path)).join('+');
  const N = o.segmentRows ?? defaultSegmentRows(compiled.rom);
  const count = await countSegments(compiled.rom, words, N, o.maxSteps);
  const jobs = Math.min(o.jobs, count);
  log(`${count} segment(s) of 2^${Math.log2(N)} rows, ${jobs} at a time`);
  let bundle: SegmentBundle;
  if (jobs > 1) {
    // job processes compile their program from a file: the program's own zkASM text
    const dir = await mkdtemp(join(tmpdir(), 'w2z-near-'));
    try {
      const program = join(dir, 'near.zkasm');
      await writeFile(program, compiled.zkasm);
      bundle = await proveSegmentsInParallel({ program, compile: {}, inputs: words.map(String), N, security: o.security, ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }) }, count, jobs, log);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } else {
    bundle = await proveInSegments(compiled.rom, words, N, { security: o.security, log, name, ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }) });
  }
  const claim: NearClaim = {
    contracts: batch.contracts.map((c) => ({ file: basename(c.path), sha256: fileHash(c.loaded.bytes) })),
    tape: words.map((w) => w.toString(16)),
    outcome: Buffer.from(encodeOutcome(outcome)).toString('base64'),
  };
  const text = `${JSON.stringify({ format: NEAR_PROOF_FORMAT, version: 1, claim, bundle: serializeBundle(bundle) })}\n`;
  await write(text);
  const ms = performance.now() - t0;
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ status: 'proven', segments: count, segmentRows: N, security: o.security, ms: Math.round(ms), bytes: text.length, calls: outcomeJson(batch, outcome) })}\n`);
  } else {
    printOutcome(batch, outcome);
    process.stdout.write(`PROVEN ${name}: ${count} segment(s) of 2^${Math.log2(N)} rows, '${o.security}' profile, ${(text.length / 2 ** 20).toFixed(1)} MiB, ${(ms / 1000).toFixed(1)} s\n`);
  }
  return EXIT.ok;
}

/** A file that declares itself a NEAR proof (only its first bytes are read). */
export function isNearProofFile(path: string): boolean {
  if (!existsSync(path)) return false;
  let head = '';
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(256);
    head = buf.subarray(0, readSync(fd, buf, 0, 256, 0)).toString('utf8');
    closeSync(fd);
  } catch {
    return false;
  }
  return /^\s*\{\s*"format"\s*:\s*"wasm2zkasm-near-proof"/.test(head);
}

export interface NearVerifyOptions { json: boolean; allowInsecure: boolean; contracts?: string[] }

/**
 * `near verify PROOF`: the proof must be a proof of the program made of the claimed contracts
 * (their files: beside the proof, or --contract), and its public outputs the digests of the
 * claimed tape and outcome; only then is the claim shown (decoded from what the digests bind).
 */
export async function nearVerifyCommand(path: string, o: NearVerifyOptions): Promise<number> {
  if (!existsSync(path)) throw fileNotFound(path);
  let doc: { format?: string; version?: number; claim?: NearClaim; bundle?: string };
  try {
    doc = JSON.parse(await readFile(path, 'utf8')) as typeof doc;
  } catch (e) {
    throw badProofFile(path, `not JSON (${(e as Error).message})`);
  }
  if (doc.format !== NEAR_PROOF_FORMAT || doc.version !== 1 || !doc.claim || typeof doc.bundle !== 'string') throw badProofFile(path, `not a ${NEAR_PROOF_FORMAT} file of version 1`);
  const claim = doc.claim;
  if (!Array.isArray(claim.contracts) || !Array.isArray(claim.tape) || typeof claim.outcome !== 'string') throw badProofFile(path, 'a claim needs contracts, tape and outcome');
  let bundle: SegmentBundle;
  try {
    bundle = parseBundle(doc.bundle, path);
  } catch (e) {
    throw badProofFile(path, (e as Error).message);
  }
  const files = o.contracts ?? claim.contracts.map((c) => resolve(dirname(path), c.file));
  if (files.length !== claim.contracts.length) throw badNearInput('--contract', `the proof names ${claim.contracts.length} contract(s), ${files.length} given`);
  const loaded = [];
  for (const [k, f] of files.entries()) {
    const l = await loadWasm(f);
    if (fileHash(l.bytes) !== claim.contracts[k]!.sha256) return invalid(path, `${f} is not the contract the proof names (sha256 ${claim.contracts[k]!.sha256})`, o.json);
    loaded.push(l);
  }
  // the claim decodes: the tape's words, its calls, the outcome's bytes
  let words: bigint[];
  let walked: ReturnType<typeof readTape>;
  let outcomeBytes: Uint8Array;
  let outcome: OutcomeOut;
  try {
    words = claim.tape.map((w) => {
      if (typeof w !== 'string' || !/^[0-9a-f]{1,16}$/.test(w)) throw new Error(`a tape word ${JSON.stringify(w)} is not 1 to 16 hex digits`);
      return BigInt(`0x${w}`);
    });
    walked = readTape(words, loaded.length);
    outcomeBytes = new Uint8Array(Buffer.from(claim.outcome, 'base64'));
    outcome = decodeOutcome(outcomeBytes);
  } catch (e) {
    return invalid(path, `the claim does not decode (${(e as Error).message})`, o.json);
  }
  const bound = [...digestWords(sha256(tapeBytes(words))), ...digestWords(sha256(outcomeBytes))];
  const digestsMatch = (publics: Record<string, bigint>) =>
    publics.status === 0n && publics.outCount === 8n && bound.every((w, k) => w === publics[`out${k}`]);
  const notBound = 'the proven outputs are not the digests of the claimed tape and outcome';
  // the program of the claimed calls: the contracts, the host, and the methods the tape calls
  const compiled = compileNear(loaded, {}, calledMethods(loaded.length, walked.calls));
  // a claim the final segment does not state is refused before the proofs are verified (the
  // expensive part); one it states is accepted only once they are
  const last = bundle.segments[bundle.segments.length - 1];
  if (last) {
    const names = (await segmentPil(compiled.rom, 2 ** bundle.nBits)).pil.model;
    const offset = names.segment!.statePublics.length;
    if (!digestsMatch(publicsByName(names.publics.map((p) => p.name), last.proof.publics.slice(offset, offset + names.publics.length)))) return invalid(path, notBound, o.json);
  }
  const v = await verifyBundle(bundle, compiled.rom, { allowInsecure: o.allowInsecure });
  if (!v.ok) return invalid(path, v.reason ?? 'the proof does not verify', o.json);
  // the program's publics (the final segment's status and outputs), not the segment's state
  const own = Object.entries(v.publics).filter(([k]) => /^(status|outCount|out\d+_(lo|hi))$/.test(k));
  if (!digestsMatch(publicsByName(own.map(([k]) => k), own.map(([, x]) => x)))) return invalid(path, notBound, o.json);
  // what is shown comes from the digested tape: its accounts, and each call's contract and method
  const methods = loaded.map((l) => callableMethods(l.module));
  const named = walked.calls.map((c) => ({ contract: c.contract, method: methods[c.contract]?.[c.method] ?? `#${c.method}` }));
  const batch = {
    contracts: walked.accounts.map((accountId, k) => ({ path: files[k]!, init: { accountId } })),
    calls: named,
  } as unknown as Pick<NearBatch, 'contracts' | 'calls'>;
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ status: 'valid', segments: v.segments, segmentRows: 2 ** bundle.nBits, security: bundle.security, calls: outcomeJson(batch, outcome) })}\n`);
  } else {
    process.stdout.write(`VALID ${path}: ${named.length} call(s) of ${claim.contracts.map((c) => c.file).join(', ')}, ${v.segments} segment(s) of 2^${bundle.nBits} rows, '${bundle.security}' profile\n`);
    printOutcome(batch, outcome);
  }
  return EXIT.ok;
}

function invalid(path: string, why: string, json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify({ status: 'invalid', reason: why })}\n`);
  else process.stdout.write(`INVALID ${path}: ${why}\n`);
  return EXIT.invalid;
}

