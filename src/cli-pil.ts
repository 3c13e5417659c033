// The proof commands of the CLI: `check` (execute in prover shape and check every constraint),
// `compile --pil/--pols`, and (with pil-stark) `prove` and `verify`.

import { mkdirSync, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { romOfFile, type CompileOptions } from './compile.js';
import { checkProgram, verifyPilOn, type CheckedProgram } from './pil/run.js';
import { writePolsFile } from './pil/check/index.js';
import { readFile } from 'node:fs/promises';
import { badProofFile, constraintFailed, fileNotFound, unreadableFile } from './diagnostics.js';
import { proveProgram, verifyProof } from './pil/prove-program.js';
import { parseProof, ProofFormatError, serializeProof, type ProofFile, type SecurityProfile } from './pil/stark/index.js';
import { TRAP_CODES } from './ir/ops.js';

const fmt = (n: number): string => n.toLocaleString('en-US');
const rate = (cells: number, ms: number): string => `${(cells / (ms / 1000) / 1e6).toFixed(1)} M cells/s`;

export interface CheckCliOptions { json: boolean; pilcom: boolean }

/** `wasm2zkasm check`: 0 when every constraint holds, 1 (with the first failures) otherwise. */
export async function checkCommand(input: string, compile: CompileOptions, inputs: bigint[], o: CheckCliOptions): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const c = await checkProgram(rom, inputs);
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
      publics: Object.fromEntries(Object.entries(publics).map(([k, v]) => [k, v.toString()])),
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
  pilPath: string | undefined, polsDir: string | undefined, write: (path: string, text: string) => Promise<void>): Promise<void> {
  const { rom } = await romOfFile(input, compile);
  const c = await checkProgram(rom, inputs);
  if (!c.result.ok) throw constraintFailed(input, 'the trace does not satisfy the PIL', c.failures[0]);
  if (pilPath) await write(pilPath, c.pil.source);
  if (polsDir) {
    if (existsSync(polsDir) && !statSync(polsDir).isDirectory()) throw unreadableFile(polsDir, 'not a directory');
    mkdirSync(polsDir, { recursive: true });
    const base = basename(input).replace(/\.(wasm|wat|zkasm)$/i, '');
    try {
      writePolsFile(join(polsDir, `${base}.commit`), c.trace.cm, c.pil.model.N);
      writePolsFile(join(polsDir, `${base}.const`), c.trace.cst, c.pil.model.N);
    } catch (e) {
      throw unreadableFile(polsDir, `cannot write: ${(e as Error).message}`);
    }
    await write(join(polsDir, `${base}.pil.json`), JSON.stringify(c.pilJson));
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

export interface ProveCliOptions { security: SecurityProfile; json: boolean }

/** `wasm2zkasm prove`: check, prove, verify our own proof; progress on stderr. */
export async function proveCommand(input: string, compile: CompileOptions, inputs: bigint[], o: ProveCliOptions,
  write: (text: string) => Promise<void>): Promise<number> {
  const { rom, name, warnings } = await romOfFile(input, compile);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const log = (msg: string) => process.stderr.write(`prove: ${msg}\n`);
  const t0 = performance.now();
  const { file, checked } = await proveProgram(rom, inputs, { security: o.security, log, name: basename(input) });
  const text = serializeProof(file);
  await write(text);
  const ms = performance.now() - t0;
  const publics = publicValues(checked);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({
      status: 'proven', file: name, N: checked.pil.model.N, security: o.security, ms: round(ms), bytes: text.length,
      constRoot: file.constRoot.map(String), publics: Object.fromEntries(Object.entries(publics).map(([k, v]) => [k, v.toString()])),
    })}\n`);
  } else {
    process.stdout.write(`PROVEN ${name}: 2^${file.nBits} rows, '${o.security}' profile, ${(text.length / 1024).toFixed(0)} KiB, ${(ms / 1000).toFixed(1)} s\n`);
    process.stdout.write(`  ${describePublics(publics)}\n  program (constRoot): ${file.constRoot.join(' ')}\n`);
  }
  return 0;
}

/** `wasm2zkasm verify`: 0 for a valid proof (of the given program, with --program), 1 otherwise. */
export async function verifyCommand(proofPath: string, program: { path: string; compile: CompileOptions } | undefined, json: boolean): Promise<number> {
  if (!existsSync(proofPath)) throw fileNotFound(proofPath);
  let file: ProofFile;
  try {
    file = parseProof(await readFile(proofPath, 'utf8'), proofPath);
  } catch (e) {
    if (e instanceof ProofFormatError) throw badProofFile(proofPath, e.message);
    throw e;
  }
  const log = (msg: string) => process.stderr.write(`verify: ${msg}\n`);
  const rom = program ? (await romOfFile(program.path, program.compile)).rom : undefined;
  const r = await verifyProof(file, log, rom);
  const names = file.meta?.publicNames ?? [];
  const publics = names.length === r.publics.length ? publicsByName(names, r.publics) : {};
  if (json) {
    process.stdout.write(`${JSON.stringify({
      status: r.ok ? 'valid' : 'invalid', ...(r.reason ? { reason: r.reason } : {}), security: r.security,
      constRoot: r.constRoot, ...(program ? { program: program.path } : {}),
      publics: Object.fromEntries(Object.entries(publics).map(([k, v]) => [k, v.toString()])),
    })}\n`);
  } else if (r.ok) {
    process.stdout.write(`VALID ${proofPath}${program ? ` (a run of ${program.path})` : ''}\n  ${describePublics(publics)}\n`);
    process.stdout.write(`  program (constRoot): ${r.constRoot.join(' ')}${file.meta?.program ? ` — claims to be ${file.meta.program.name}` : ''}\n`);
    if (!program) process.stdout.write('  (give --program FILE to check that the proof is about that program)\n');
    if (r.security === 'test') process.stdout.write('  warning: \'test\' profile (8 FRI queries): not a secure proof\n');
  } else {
    process.stdout.write(`INVALID ${proofPath}: ${r.reason ?? 'the proof does not verify'}\n`);
  }
  return r.ok ? 0 : 1;
}
