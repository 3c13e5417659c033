// Proving and verifying with pil-stark 0.0.58, and the self-contained proof file.
//
//   const file = await prove(pil, constPols, cmPols, { security: 'standard', log, meta });
//   writeFile('out.proof.json', serializeProof(file));
//   const r = await verifyProofFile(parseProof(text, 'out.proof.json'), { expectedConstRoot });
//
// See verify.ts for what a successful verification does and does not establish.

export { prove, type ProveOptions } from './prove.js';
export { verifyProofFile, starkInfoFor, starkInfoHash, type StarkOptions, type VerifyOptions, type VerifyResult } from './verify.js';
export {
  serializeProof, parseProof, publicNamesOf, ProofFormatError, PROOF_FORMAT, PROOF_VERSION, GOLDILOCKS_P,
  type ProofFile, type ProofMeta,
} from './proof-file.js';
export { starkStructFor, foldSteps, MIN_NBITS, MAX_NBITS, SECURITY_PROFILES, type SecurityProfile } from './struct.js';
export type { PilJson, PolsArray, StarkInfo, StarkProof, StarkStruct } from './types.js';
