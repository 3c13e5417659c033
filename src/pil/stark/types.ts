// Minimal typings for the parts of pilcom 0.0.24 and pil-stark 0.0.58 this wrapper touches.
// Both packages are untyped CommonJS; these interfaces describe what they return as measured
// (docs/pil-tooling.md), and only as far as we read it: everything else stays `unknown`.

/** A node of pilcom's expression tree (only the fields we walk). */
export interface PilExpression {
  op: string;
  id?: number;
  values?: PilExpression[];
  [key: string]: unknown;
}

export interface PilPublic { name: string; polType: string; polId: number; idx: number; id: number }

interface PilLookup { f: number[]; t: number[]; selF: number | null; selT: number | null }

/** pilcom's compiled PIL (the "pilJson"). */
export interface PilJson {
  nCommitments: number;
  nConstants: number;
  references: Record<string, { type: string; id: number; polDeg: number; isArray?: boolean; len?: number }>;
  publics: PilPublic[];
  expressions: PilExpression[];
  polIdentities: { e: number; fileName?: string; line?: number }[];
  plookupIdentities: PilLookup[];
  permutationIdentities: PilLookup[];
  connectionIdentities: { pols: number[]; connections: number[] }[];
  [key: string]: unknown;
}

/**
 * pilcom's `newConstantPolsArray` / `newCommitPolsArray` object: `pols.NS.name[row] = 5n`,
 * with the columns in declaration order in `$$array` (what pil-stark serialises).
 */
export interface PolsArray {
  readonly $$nPols: number;
  readonly $$n: number;
  readonly $$array: (bigint | undefined)[][];
  readonly $$defArray: { name: string; idx?: number; polDeg: number }[];
  [namespace: string]: unknown;
}

/** One FRI step: the log2 size of the polynomial at that step. */
export interface StarkStep { nBits: number }

/** pil-stark's starkStruct (GL hashing only: BN128 fails through this API). */
export interface StarkStruct {
  nBits: number;
  nBitsExt: number;
  nQueries: number;
  verificationHashType: 'GL';
  steps: StarkStep[];
}

/** pil-stark's starkInfo: a large plain-JSON object; we read a few fields. */
export interface StarkInfo {
  starkStruct: StarkStruct;
  nPublics: number;
  publics: PilPublic[];
  [key: string]: unknown;
}

/** A field element of the cubic extension, or of Goldilocks itself. */
export type ProofValue = bigint | ProofValue[];

/**
 * pil-stark's proof: Merkle roots of the four commitment stages, the evaluations at xi, and the
 * FRI proof. Every leaf is a Goldilocks element (bigint).
 */
export interface StarkProof {
  root1: bigint[];
  root2: bigint[];
  root3: bigint[];
  root4: bigint[];
  evals: ProofValue[];
  fri: unknown[];
}

export interface PilStark {
  starkSetup(constPols: PolsArray, pil: PilJson, starkStruct: StarkStruct): Promise<{ constTree: unknown; constRoot: bigint[]; starkInfo: StarkInfo }>;
  starkGen(cmPols: PolsArray, constPols: PolsArray, constTree: unknown, starkInfo: StarkInfo): Promise<{ proof: StarkProof; publics: bigint[] }>;
  starkVerify(proof: StarkProof, publics: bigint[], constRoot: bigint[], starkInfo: StarkInfo): Promise<boolean>;
  starkInfo(pil: PilJson, starkStruct: StarkStruct): StarkInfo;
}
