// Proving and verifying with pil-stark 0.0.58, and the self-contained proof file.
//
//   const file = await prove(pil, constPols, cmPols, { security: 'standard', log });
//   writeFile('out.proof.json', serializeProof(file));
//   const r = await verifyProofFile(parseProof(text, 'out.proof.json'), key);
//
// The key (StarkKey) is what the verifier trusts; see verify.ts for why the file alone is not enough.

export { prove, type ProveOptions } from './prove.js';
export {
  verifyProofFile, keyOfOwnProof, insecureProfile, starkInfoFor, starkInfoHash,
  type StarkKey, type StarkOptions, type VerifyOptions, type VerifyResult,
} from './verify.js';
export {
  serializeProof, parseProof, publicNamesOf, element, ProofFormatError, PROOF_FORMAT, PROOF_VERSION, GOLDILOCKS_P,
  type Malformed, type ProofFile,
} from './proof-file.js';
export { starkStructFor, foldSteps, FRI_QUERIES, MIN_NBITS, MAX_NBITS, SECURITY_PROFILES, type SecurityProfile } from './struct.js';
export type { PilJson, PolsArray, StarkInfo, StarkProof, StarkStruct } from './types.js';
