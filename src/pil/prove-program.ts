// Proofs of program runs: check the trace first (pil-stark misses broken identities until the
// end), prove with pil-stark; the verification key of a program (its constant polynomials, the
// ROM among them, and its PIL, at N rows and a profile); and verifying a proof against a key, or
// against a program by deriving its key at the proof's N.

import { createHash } from 'node:crypto';
import type { Rom } from '../zkasm/rom.js';
import { execute } from '../machine/exec.js';
import { checkProgram, runFailure, type CheckedProgram } from './run.js';
import { pilModel } from './model.js';
import { generatePil } from './generate.js';
import { constantColumns } from './constants.js';
import { compilePil } from './pilcom.js';
import { orderColumns } from './columns.js';
import { toPilcomPols } from './check/index.js';
import {
  insecureProfile, keyOfOwnProof, prove, verifyProofFile, starkStructFor, starkInfoHash,
  type ProofFile, type SecurityProfile, type StarkKey, type VerifyOptions, type VerifyResult,
} from './stark/index.js';
import { exclusive, pilStark } from './stark/lib.js';
import type { PilJson as StarkPilJson, PolsArray } from './stark/types.js';
import { constraintFailed, keyForAnotherProgram, W2zError } from '../diagnostics.js';
import type { VerificationKey } from './vkey.js';

const ZERO_COUNTERS = { steps: 0, binary: 0, arith: 0, memAlign: 0, keccakF: 0, mem: 0 };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A short name of the ROM: sha256 of its rows' instruction fields, as a verifier can recompute. */
export function romHash(rom: Rom): string {
  const h = createHash('sha256');
  for (const r of rom.rows) {
    const { fileName: _f, line: _l, lineStr: _s, source: _src, freeInTag, ...fields } = r;
    h.update(JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    h.update(JSON.stringify(freeInTag ?? null, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  }
  return h.digest('hex');
}

/**
 * The trace size of a key: `rows` when given (at least what the program needs without running,
 * and what the run on `inputs` needs when a tape is given), else the size `prove` picks for the
 * run on `inputs` (empty by default).
 */
export function keyRows(rom: Rom, o: { inputs?: bigint[]; rows?: number }): { N: number; reason: string } {
  const sized = (counters: typeof ZERO_COUNTERS) => {
    const m = pilModel(rom, counters, o.rows);
    return { N: m.N, reason: o.rows === undefined ? m.nReason : 'given (--rows)' };
  };
  if (o.rows !== undefined && o.inputs === undefined) return sized(ZERO_COUNTERS);
  const run = execute(rom, { inputs: o.inputs ?? [] });
  if (run.status === 'fail') throw runFailure(rom, run.failure!, `the run that sizes N${o.inputs === undefined ? ' (give --input TAPE or --rows N)' : ''} fails: `);
  return sized(run.counters);
}

export interface KeyOptions {
  nBits: number;
  security: SecurityProfile;
  /** The program's name as the key records it (the file name, without its folder). */
  name: string;
}

/** The key of `rom`'s proofs with 2^nBits rows: what `setup` writes and `verify --program` derives. */
export async function programKey(rom: Rom, o: KeyOptions): Promise<VerificationKey> {
  const model = pilModel(rom, ZERO_COUNTERS, 2 ** o.nBits);
  const pilText = generatePil(model);
  const pilJson = await compilePil(pilText);
  const o2 = orderColumns(pilJson, null, constantColumns(model));
  const { cst } = toPilcomPols(pilJson, { N: model.N, cm: [], cst: o2.cst });
  const setup = await exclusive(() => pilStark().starkSetup(cst as unknown as PolsArray, structuredClone(pilJson) as unknown as StarkPilJson,
    starkStructFor(o.nBits, o.security)));
  return {
    program: { name: o.name, romHash: romHash(rom) },
    security: o.security,
    nBits: o.nBits,
    constRoot: setup.constRoot,
    starkInfoHash: starkInfoHash(setup.starkInfo),
    pilHash: sha256(pilText),
    publics: model.publics.map((p) => p.name),
  };
}

export interface ProveProgramOptions {
  security: SecurityProfile;
  log: (msg: string) => void;
  name: string;
  /** Force the trace size (at least what the run needs). */
  nBits?: number;
  /** Prove for this key: its N and profile, and the proof must have its commitment. */
  key?: { key: VerificationKey; file: string };
  /** the run stops (an error) after this many steps */
  maxSteps?: number;
  /** bytes proving may use (default: 80% of this machine's memory) */
  memoryBytes?: number;
}

/** Bytes per cell pil-stark holds while proving (measured: 2.5 GB at 2^16 × 186 columns, 4.3 GB at 2^17). */
const PROVE_BYTES_PER_CELL = 200;

export async function proveProgram(rom: Rom, inputs: bigint[], o: ProveProgramOptions): Promise<{ file: ProofFile; checked: CheckedProgram }> {
  const t0 = performance.now();
  const key = o.key?.key;
  const nBits = key?.nBits ?? o.nBits;
  const security = key?.security ?? o.security;
  // refused before any work when pil-stark would need more memory than allowed
  const checked = await checkProgram(rom, inputs, {
    purpose: { what: 'prove', bytesPerCell: PROVE_BYTES_PER_CELL }, log: o.log,
    ...(o.memoryBytes === undefined ? {} : { memoryBytes: o.memoryBytes }),
    ...(nBits === undefined ? {} : { N: 2 ** nBits }), ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
  });
  const m = checked.pil.model;
  // before the expensive part: a key made from another ROM cannot match
  if (o.key) requireSameProgram(o.key.key, o.key.file, romHash(rom), m.publics.map((p) => p.name));
  o.log(`checked 2^${m.nBits} rows against the PIL in ${((performance.now() - t0) / 1000).toFixed(2)} s (${m.nReason})`);
  if (!checked.result.ok) throw constraintFailed(o.name, 'the trace does not satisfy the PIL', checked.failures[0]);
  const { cm, cst } = toPilcomPols(checked.pilJson, checked.trace);
  const file = await prove(checked.pilJson as unknown as StarkPilJson, cst as unknown as PolsArray, cm as unknown as PolsArray, { security, log: o.log });
  if (o.key) requireSameCommitment(o.key.key, o.key.file, keyOfOwnProof(file));
  return { file, checked };
}

function requireSameProgram(key: VerificationKey, keyFile: string, hash: string, publics: string[]): void {
  if (hash !== key.program.romHash) {
    throw keyForAnotherProgram(keyFile, `it is the key of ${key.program.name} (romHash ${key.program.romHash}); this program's romHash is ${hash}`);
  }
  if (publics.join(',') !== key.publics.join(',')) {
    throw keyForAnotherProgram(keyFile, `its publics are ${key.publics.join(',')}, this program's ${publics.join(',')}`);
  }
}

function requireSameCommitment(key: StarkKey, keyFile: string, made: StarkKey): void {
  if (made.constRoot.join(',') !== key.constRoot.join(',')) {
    throw keyForAnotherProgram(keyFile, `the proof's constRoot is ${made.constRoot.join(',')}, the key's ${key.constRoot.join(',')}`);
  }
  if (made.starkInfoHash !== key.starkInfoHash) {
    throw keyForAnotherProgram(keyFile, `the proof's starkInfo hash is ${made.starkInfoHash}, the key's ${key.starkInfoHash} (another PIL: another compiler version?)`);
  }
}

/**
 * A proof checked against a program: the program's key at the proof's N and profile. The key,
 * when one could be made, comes back for reporting (the name given is recorded in it).
 */
export async function verifyProgramProof(file: ProofFile, rom: Rom, name: string, opts: VerifyOptions = {}): Promise<VerifyResult & { key?: VerificationKey }> {
  // the file's profile and N only choose which of the program's keys to derive
  const insecure = insecureProfile(file.security, 'proof', opts.allowInsecure);
  if (insecure) return { ok: false, publics: file.publics, reason: insecure };
  let key: VerificationKey;
  try {
    key = await programKey(rom, { nBits: file.nBits, security: file.security, name });
  } catch (e) {
    // the program does not fit the proof's 2^nBits rows: not a proof of it
    if (e instanceof W2zError && e.code === 'W2Z4002') return { ok: false, publics: file.publics, reason: `not a proof of this program (${e.message})` };
    throw e;
  }
  return { ...await verifyProofFile(file, key, opts), key };
}
