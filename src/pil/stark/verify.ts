// Verifying a proof file.
//
// What a passing verification means: *some* trace satisfies the constraints described by the
// file's starkInfo, with the file's publics, over constant polynomials whose Merkle root is the
// file's constRoot. The file is self-contained, so it also carries the constraints (starkInfo):
// a verifier that wants to know the proven program must compare the constRoot with the one it
// expects (`expectedConstRoot`), and, to be sure the constraints are the real PIL's and not a
// weakened copy, compare `starkInfoHash` with the hash of starkInfoFor(its PIL)
// (`expectedStarkInfoHash`). We also check that the FRI parameters are exactly the recorded
// security profile's, so a file cannot claim 'standard' with 2 queries.

import { createHash } from 'node:crypto';
import { exclusive, pilStark } from './lib.js';
import type { ProofFile } from './proof-file.js';
import { sameStruct, starkStructFor, type SecurityProfile } from './struct.js';
import type { PilJson, StarkInfo } from './types.js';

export interface StarkOptions {
  /** FRI profile; prove defaults to 'standard'. For verify: the profile the proof must have. */
  security?: SecurityProfile;
  /** Progress lines ("setup 0.15 s"); the CLI prints them on stderr. */
  log?: (msg: string) => void;
  /** pil-stark's own console chatter (main thread only), dropped when absent. */
  libLog?: (msg: string) => void;
}

export interface VerifyOptions extends StarkOptions {
  /** The constRoot of the program the proof must be about (bigints or decimal strings). */
  expectedConstRoot?: readonly (bigint | string)[];
  /** The starkInfoHash of the PIL the proof must be about (see starkInfoFor). */
  expectedStarkInfoHash?: string;
}

export interface VerifyResult {
  ok: boolean;
  publics: bigint[];
  /** The constRoot as decimal strings. */
  constRoot: string[];
  /** sha256 (hex) of the file's starkInfo as JSON: names the constraint system. */
  starkInfoHash: string;
  /** The file's profile: say so when it is 'test' (8 queries convince nobody). */
  security: SecurityProfile;
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

export const seconds = (ms: number): string => (ms / 1000).toFixed(2);

export async function verifyProofFile(file: ProofFile, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const base = { publics: file.publics, constRoot: file.constRoot.map(String), starkInfoHash: starkInfoHash(file.starkInfo), security: file.security };
  const reject = (reason: string): VerifyResult => ({ ok: false, ...base, reason });

  if (opts.security !== undefined && file.security !== opts.security) {
    return reject(`the proof was made with the '${file.security}' profile, '${opts.security}' is required`);
  }
  let struct;
  try {
    struct = starkStructFor(file.nBits, file.security);
  } catch (e) {
    return reject((e as Error).message);
  }
  if (typeof file.starkInfo?.starkStruct !== 'object' || !sameStruct(file.starkInfo.starkStruct, struct)) {
    return reject(`its starkStruct is not the '${file.security}' profile for 2^${file.nBits} rows: ${JSON.stringify(file.starkInfo?.starkStruct)}`);
  }
  if (file.publics.length !== file.starkInfo.nPublics) {
    return reject(`it has ${file.publics.length} publics, its PIL declares ${String(file.starkInfo.nPublics)}`);
  }
  if (opts.expectedConstRoot !== undefined) {
    const want = opts.expectedConstRoot.map((x) => BigInt(x));
    if (want.length !== file.constRoot.length || want.some((x, i) => x !== file.constRoot[i])) {
      return reject(`the proof is about other constant polynomials (another program): constRoot ${base.constRoot.join(',')}, expected ${want.join(',')}`);
    }
  }
  if (opts.expectedStarkInfoHash !== undefined && opts.expectedStarkInfoHash !== base.starkInfoHash) {
    return reject(`the proof is about another constraint system: starkInfo hash ${base.starkInfoHash}, expected ${opts.expectedStarkInfoHash}`);
  }

  const t0 = performance.now();
  let ok: boolean;
  try {
    ok = await exclusive(() => pilStark().starkVerify(file.proof, file.publics, file.constRoot, file.starkInfo), opts.libLog);
  } catch (e) {
    // malformed shapes make pil-stark throw (chai asserts, TypeErrors) instead of returning false
    return reject(`pil-stark rejected the proof: ${(e as Error).message}`);
  }
  opts.log?.(`verify ${seconds(performance.now() - t0)} s`);
  return ok ? { ok: true, ...base } : reject('the STARK proof does not verify against its publics and constRoot');
}
