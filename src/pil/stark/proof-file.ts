// The proof file: one JSON object holding everything a verifier needs, so that a proof can be
// checked with nothing but this file (and, to know *which* program was proven, the expected
// constRoot: see verify.ts).
//
//   { "format": "wasm2zkasm-stark-proof", "version": 1, "security": "test"|"standard",
//     "nBits": 10, "constRoot": ["…" ×4], "publics": ["…"], "meta": {…}?,
//     "starkInfo": {…pil-stark's starkInfo…}, "proof": {…pil-stark's proof…} }
//
// Goldilocks elements (constRoot, publics, every leaf of proof) are decimal strings: plain JSON
// numbers lose precision above 2^53 in every JS reader (and silently), and strings keep the
// file readable by any JSON tool. This costs ~9% of size against json-bigint's bare numbers.
// starkInfo is plain JSON as pil-stark produces it (small numbers and strings only).
// The short fields come first so `head` on a file shows what it is.

import type { PilPublic, StarkInfo, StarkProof } from './types.js';
import { MAX_NBITS, MIN_NBITS, SECURITY_PROFILES, type SecurityProfile } from './struct.js';

export const PROOF_FORMAT = 'wasm2zkasm-stark-proof';
export const PROOF_VERSION = 1;

/** The Goldilocks prime 2^64 − 2^32 + 1: every proof value is below it. */
export const GOLDILOCKS_P = 0xffffffff00000001n;

/**
 * Information the caller attaches for people and tools reading the file. Not covered by the
 * proof: a verifier must not trust it (the constRoot is what identifies the program).
 */
export interface ProofMeta {
  program?: { name: string; romHash?: string };
  publicNames?: string[];
  [key: string]: unknown;
}

export interface ProofFile {
  format: typeof PROOF_FORMAT;
  version: typeof PROOF_VERSION;
  security: SecurityProfile;
  nBits: number;
  /** Merkle root (4 Goldilocks elements) of all constant polynomials: identifies the program. */
  constRoot: bigint[];
  publics: bigint[];
  meta?: ProofMeta;
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
    ...(file.meta === undefined ? {} : { meta: file.meta }),
    starkInfo: file.starkInfo,
    proof: file.proof,
  };
  return JSON.stringify(ordered, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

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

  let meta: ProofMeta | undefined;
  if (obj.meta !== undefined) {
    if (typeof obj.meta !== 'object' || obj.meta === null || Array.isArray(obj.meta)) malformed('meta', 'must be an object');
    meta = obj.meta as ProofMeta;
  }

  const starkInfo = obj.starkInfo as StarkInfo;
  if (typeof starkInfo !== 'object' || starkInfo === null || Array.isArray(starkInfo)) malformed('starkInfo', 'must be an object');
  if (typeof starkInfo.starkStruct !== 'object' || starkInfo.starkStruct === null) malformed('starkInfo.starkStruct', 'is missing');
  if (!Array.isArray(starkInfo.publics)) malformed('starkInfo.publics', 'must be an array');

  const p = obj.proof as Record<string, unknown>;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) malformed('proof', 'must be an object');
  for (const key of ['root1', 'root2', 'root3', 'root4', 'evals', 'fri']) {
    if (!Array.isArray(p[key])) malformed(`proof.${key}`, 'must be an array');
  }
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
    ...(meta === undefined ? {} : { meta }),
    starkInfo,
    proof,
  };
}

type Malformed = (field: string, why: string) => never;

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** A canonical Goldilocks element written as a decimal string. */
function element(x: unknown, field: string, malformed: Malformed): bigint {
  if (typeof x !== 'string' || !DECIMAL.test(x)) return malformed(field, 'must be a decimal string');
  const v = BigInt(x);
  if (v >= GOLDILOCKS_P) malformed(field, 'is not below the Goldilocks prime');
  return v;
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
