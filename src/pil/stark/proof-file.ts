// The proof file: one JSON object holding the proof and what pil-stark's verifier reads with it.
// It does not say which program it proves, and its constraints (starkInfo) are the prover's
// word: a verifier trusts only a verification key (verify.ts: StarkKey), and checks the file's
// constRoot, starkInfo, N and profile against it.
//
//   { "format": "wasm2zkasm-stark-proof", "version": 2, "security": "test"|"standard",
//     "nBits": 10, "constRoot": ["…" ×4], "publics": ["…"],
//     "starkInfo": {…pil-stark's starkInfo…}, "proof": {…pil-stark's proof…} }
//
// Nothing else: a field the proof does not cover (version 1's `meta`: program name, public
// names) invites a verifier to print it, so parseProof refuses any field it does not know.
// Goldilocks elements (constRoot, publics, every leaf of proof) are decimal strings: plain JSON
// numbers lose precision above 2^53 in every JS reader (and silently), and strings keep the
// file readable by any JSON tool. This costs ~9% of size against json-bigint's bare numbers.
// starkInfo is plain JSON as pil-stark produces it (small numbers and strings only).
// The short fields come first so `head` on a file shows what it is.

import type { PilPublic, StarkInfo, StarkProof } from './types.js';
import { MAX_NBITS, MIN_NBITS, SECURITY_PROFILES, type SecurityProfile } from './struct.js';

export const PROOF_FORMAT = 'wasm2zkasm-stark-proof';
export const PROOF_VERSION = 2;

/** The Goldilocks prime 2^64 − 2^32 + 1: every proof value is below it. */
export const GOLDILOCKS_P = 0xffffffff00000001n;

export interface ProofFile {
  format: typeof PROOF_FORMAT;
  version: typeof PROOF_VERSION;
  security: SecurityProfile;
  nBits: number;
  /** Merkle root (4 Goldilocks elements) of all constant polynomials: the key's, if it is a proof of its program. */
  constRoot: bigint[];
  publics: bigint[];
  starkInfo: StarkInfo;
  proof: StarkProof;
}

/** A proof file that cannot be read; the message starts with the file's name. */
export class ProofFormatError extends Error {
  constructor(readonly fileName: string, detail: string) {
    super(`${fileName}: ${detail}`);
    this.name = 'ProofFormatError';
  }
}

export function serializeProof(file: ProofFile): string {
  // Fixed key order, whatever order the object was built in.
  const ordered = {
    format: file.format,
    version: file.version,
    security: file.security,
    nBits: file.nBits,
    constRoot: file.constRoot,
    publics: file.publics,
    starkInfo: file.starkInfo,
    proof: file.proof,
  };
  return JSON.stringify(ordered, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

const PROOF_FIELDS = ['root1', 'root2', 'root3', 'root4', 'evals', 'fri'] as const;

const REQUIRED = ['format', 'version', 'security', 'nBits', 'constRoot', 'publics', 'starkInfo', 'proof'] as const;

export function parseProof(text: string, fileName: string): ProofFile {
  const fail = (detail: string): never => { throw new ProofFormatError(fileName, detail); };
  const notOurs = (why: string): never => fail(`not a wasm2zkasm proof (${why})`);
  const malformed = (field: string, why: string): never => fail(`malformed proof (field '${field}' ${why})`);

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return notOurs('not a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const key of REQUIRED) if (!(key in obj)) notOurs(`missing field '${key}'`);
  if (obj.format !== PROOF_FORMAT) notOurs(`format is ${JSON.stringify(obj.format)}, expected "${PROOF_FORMAT}"`);
  if (obj.version !== PROOF_VERSION) fail(`unsupported proof version ${JSON.stringify(obj.version)} (this build reads version ${PROOF_VERSION})`);
  const unknown = Object.keys(obj).find((k) => !(REQUIRED as readonly string[]).includes(k));
  if (unknown !== undefined) malformed(unknown, `is not part of a version ${PROOF_VERSION} proof`);

  const security = obj.security;
  if (typeof security !== 'string' || !(SECURITY_PROFILES as readonly string[]).includes(security)) {
    malformed('security', `must be ${SECURITY_PROFILES.map((s) => `"${s}"`).join(' or ')}`);
  }
  const nBits = obj.nBits;
  if (typeof nBits !== 'number' || !Number.isInteger(nBits) || nBits < MIN_NBITS || nBits > MAX_NBITS) {
    malformed('nBits', `must be an integer from ${MIN_NBITS} to ${MAX_NBITS}`);
  }
  const elements = (field: string, v: unknown, length?: number): bigint[] => {
    if (!Array.isArray(v)) return malformed(field, 'must be an array of field elements');
    if (length !== undefined && v.length !== length) malformed(field, `must have ${length} elements, not ${v.length}`);
    return v.map((x, i) => element(x, `${field}[${i}]`, malformed));
  };
  const constRoot = elements('constRoot', obj.constRoot, 4);
  const publics = elements('publics', obj.publics);

  const starkInfo = obj.starkInfo as StarkInfo;
  if (typeof starkInfo !== 'object' || starkInfo === null || Array.isArray(starkInfo)) malformed('starkInfo', 'must be an object');
  if (typeof starkInfo.starkStruct !== 'object' || starkInfo.starkStruct === null) malformed('starkInfo.starkStruct', 'is missing');
  if (!Array.isArray(starkInfo.publics)) malformed('starkInfo.publics', 'must be an array');

  const p = obj.proof as Record<string, unknown>;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) malformed('proof', 'must be an object');
  for (const key of PROOF_FIELDS) {
    if (!Array.isArray(p[key])) malformed(`proof.${key}`, 'must be an array');
  }
  const extra = Object.keys(p).find((k) => !(PROOF_FIELDS as readonly string[]).includes(k));
  if (extra !== undefined) malformed(`proof.${extra}`, 'is not part of a pil-stark proof');
  friShape(p.fri as unknown[], malformed);
  const proof = {
    root1: elements('proof.root1', p.root1, 4),
    root2: elements('proof.root2', p.root2, 4),
    root3: elements('proof.root3', p.root3, 4),
    root4: elements('proof.root4', p.root4, 4),
    evals: leaves(p.evals, 'proof.evals', malformed),
    fri: leaves(p.fri, 'proof.fri', malformed),
  } as StarkProof;

  return {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    security: security as SecurityProfile,
    nBits: nBits as number,
    constRoot,
    publics,
    starkInfo,
    proof,
  };
}

export type Malformed = (field: string, why: string) => never;

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** A canonical Goldilocks element written as a decimal string (also read from verification keys). */
export function element(x: unknown, field: string, malformed: Malformed): bigint {
  if (typeof x !== 'string' || !DECIMAL.test(x)) return malformed(field, 'must be a decimal string');
  const v = BigInt(x);
  if (v >= GOLDILOCKS_P) malformed(field, 'is not below the Goldilocks prime');
  return v;
}

/**
 * pil-stark's FRI proof: one object per folding step (`polQueries`, and the step's Merkle `root`
 * after the first), then the last polynomial. The verifier ignores other keys; we refuse them,
 * so that a file holds nothing the proof does not cover.
 */
function friShape(fri: unknown[], malformed: Malformed): void {
  if (fri.length < 2) malformed('proof.fri', 'must hold the folding steps and the last polynomial');
  fri.slice(0, -1).forEach((step, i) => {
    const field = `proof.fri[${i}]`;
    if (typeof step !== 'object' || step === null || Array.isArray(step)) return malformed(field, 'must be an object');
    const want = i === 0 ? ['polQueries'] : ['root', 'polQueries'];
    const keys = Object.keys(step);
    if (keys.length !== want.length || !want.every((k) => keys.includes(k))) malformed(field, `must have exactly the keys ${want.join(', ')}`);
  });
  if (!Array.isArray(fri.at(-1))) malformed(`proof.fri[${fri.length - 1}]`, 'must be an array (the last polynomial)');
}

/** Converts a nest of arrays and objects whose every leaf is an element string into bigints. */
function leaves(v: unknown, field: string, malformed: Malformed): unknown {
  if (Array.isArray(v)) return v.map((x, i) => leaves(x, `${field}[${i}]`, malformed));
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leaves(x, `${field}.${k}`, malformed)]));
  }
  return element(v, field, malformed);
}

/** The names of the publics, in order, as the PIL declares them (starkInfo keeps pilcom's list). */
export function publicNamesOf(file: ProofFile): string[] {
  return (file.starkInfo.publics as PilPublic[]).map((p) => String(p.name));
}
