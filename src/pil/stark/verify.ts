// Verifying a proof file against a verification key.
//
// What a passing starkVerify means: *some* trace satisfies the constraints described by the
// starkInfo it is given, with these publics, over constant polynomials whose Merkle root is the
// constRoot it is given. A proof file carries its own starkInfo and constRoot, so on its own it
// proves nothing about a particular program: a file that keeps the real constRoot but drops every
// constraint from its starkInfo proves any publics. The verifier therefore trusts only a key
// (StarkKey), made from the program by the verifier or someone it trusts, and requires the file's
// N, profile, constRoot and starkInfo (by its sha256) to be the key's, and the key's public names
// to be those the starkInfo declares. Everything worth reporting comes from the key and the
// proven publics.

import { createHash } from 'node:crypto';
import { exclusive, pilStark } from './lib.js';
import { publicNamesOf, type ProofFile } from './proof-file.js';
import { FRI_QUERIES, sameStruct, starkStructFor, type SecurityProfile } from './struct.js';
import type { PilJson, StarkInfo } from './types.js';

export interface StarkOptions {
  /** FRI profile; prove defaults to 'standard'. */
  security?: SecurityProfile;
  /** Progress lines ("setup 0.15 s"); the CLI prints them on stderr. */
  log?: (msg: string) => void;
  /** pil-stark's own console chatter (main thread only), dropped when absent. */
  libLog?: (msg: string) => void;
}

/** What a verifier must trust about a proof: derived from the constraint system, never from a proof. */
export interface StarkKey {
  security: SecurityProfile;
  nBits: number;
  /** Merkle root of the constant polynomials (the ROM is one of them). */
  constRoot: bigint[];
  /** sha256 (hex) of the starkInfo pil-stark derives for the PIL at nBits and this profile. */
  starkInfoHash: string;
  /** The names of the publics, in the PIL's order. */
  publics: string[];
}

export interface VerifyOptions extends Omit<StarkOptions, 'security'> {
  /** Accept the 'test' profile (8 FRI queries, about 8 bits of security): for tests only. */
  allowInsecure?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  /** The publics, in the key's order: proven when ok, a claim otherwise. */
  publics: bigint[];
  reason?: string;
}

export function starkInfoHash(info: StarkInfo): string {
  return createHash('sha256').update(JSON.stringify(info)).digest('hex');
}

/** The starkInfo pil-stark derives for this PIL and profile (what starkSetup puts in a proof). */
export function starkInfoFor(pil: PilJson, nBits: number, security: SecurityProfile): Promise<StarkInfo> {
  // pil-stark's starkInfo() is synchronous, but it logs: run it through the queue all the same.
  return exclusive(async () => pilStark().starkInfo(structuredClone(pil), starkStructFor(nBits, security)));
}

/** The key a proof this process has just made implies. Never apply it to a proof read from a file. */
export function keyOfOwnProof(file: ProofFile): StarkKey {
  return {
    security: file.security, nBits: file.nBits, constRoot: [...file.constRoot],
    starkInfoHash: starkInfoHash(file.starkInfo), publics: publicNamesOf(file),
  };
}

/** Why a profile is refused without `allowInsecure`, or undefined when it is secure. */
export function insecureProfile(security: SecurityProfile, what: 'proof' | 'key', allowInsecure: boolean | undefined): string | undefined {
  if (security === 'standard' || allowInsecure === true) return undefined;
  return `the ${what} uses the insecure '${security}' profile (${FRI_QUERIES[security]} FRI queries): `
    + 'refused unless insecure proofs are allowed (--allow-insecure)';
}

export const seconds = (ms: number): string => (ms / 1000).toFixed(2);

const sameElements = (a: readonly bigint[], b: readonly bigint[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export async function verifyProofFile(file: ProofFile, key: StarkKey, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const reject = (reason: string): VerifyResult => ({ ok: false, publics: file.publics, reason });

  const insecure = insecureProfile(key.security, 'key', opts.allowInsecure) ?? insecureProfile(file.security, 'proof', opts.allowInsecure);
  if (insecure) return reject(insecure);
  if (file.security !== key.security) return reject(`the proof was made with the '${file.security}' profile, the key is for '${key.security}'`);
  if (file.nBits !== key.nBits) return reject(`the proof has 2^${file.nBits} rows, the key is for 2^${key.nBits}`);
  if (!sameElements(file.constRoot, key.constRoot)) {
    return reject(`the proof is about other constant polynomials (another program): constRoot ${file.constRoot.join(',')}, the key's ${key.constRoot.join(',')}`);
  }
  const infoHash = starkInfoHash(file.starkInfo);
  if (infoHash !== key.starkInfoHash) {
    return reject(`the proof is about another constraint system: starkInfo hash ${infoHash}, the key's ${key.starkInfoHash}`);
  }
  // From here on starkInfo is the key's: what follows only catches a key that was made wrong.
  if (typeof file.starkInfo.starkStruct !== 'object' || !sameStruct(file.starkInfo.starkStruct, starkStructFor(file.nBits, file.security))) {
    return reject(`its starkStruct is not the '${file.security}' profile for 2^${file.nBits} rows: ${JSON.stringify(file.starkInfo.starkStruct)}`);
  }
  const declared = publicNamesOf(file);
  if (!sameNames(declared, key.publics)) {
    return reject(`the key names the publics ${key.publics.join(',')}, the PIL declares ${declared.join(',')}`);
  }
  if (file.publics.length !== declared.length) {
    return reject(`it has ${file.publics.length} publics, its PIL declares ${declared.length}`);
  }

  const t0 = performance.now();
  let ok: boolean;
  try {
    ok = await exclusive(() => pilStark().starkVerify(file.proof, file.publics, file.constRoot, file.starkInfo), opts.libLog);
  } catch (e) {
    // malformed shapes make pil-stark throw (chai asserts, TypeErrors) instead of returning false
    return reject(`pil-stark rejected the proof: ${String((e as Error).message).split('\n')[0]}`); // one line, as every reason
  }
  opts.log?.(`verify ${seconds(performance.now() - t0)} s`);
  return ok ? { ok: true, publics: file.publics } : reject('the STARK proof does not verify against its publics and constRoot');
}
