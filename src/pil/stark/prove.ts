// Proving: setup (constant tree and starkInfo), starkGen, then verifying our own proof.
//
// The self-verification is not optional: starkGen does not check polynomial identities, so a
// trace that breaks one yields a proof that merely fails to verify. We verify the proof as a
// reader will see it (serialised and parsed back), so a file we hand out is known good.

import { checkL1, checkPols, checkPublicsBound } from './checks.js';
import { exclusive, pilStark } from './lib.js';
import { parseProof, PROOF_FORMAT, PROOF_VERSION, serializeProof, type ProofFile } from './proof-file.js';
import { starkStructFor } from './struct.js';
import type { PilJson, PolsArray } from './types.js';
import { keyOfOwnProof, seconds, verifyProofFile, type StarkOptions } from './verify.js';

type Setup = Awaited<ReturnType<ReturnType<typeof pilStark>['starkSetup']>>;

export interface ProveOptions extends StarkOptions {
  /**
   * Proofs of one PIL with the same constant polynomials (a run's segments) share one setup:
   * the first proof fills the slot, the next ones take it (about 17 s at 2^16 rows each).
   */
  setupSlot?: { setup?: Setup };
}

/** pil-stark's messages for a trace that breaks an argument, and what they mean. */
function explainGenError(e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  let what: string | undefined;
  if (msg.startsWith('Number not included')) what = 'a looked-up value is missing from its table';
  else if (msg === 'z does not match') what = 'the two sides of a permutation (or connection) are not the same multiset';
  if (what === undefined) return e instanceof Error ? e : new Error(msg);
  return new Error(`the trace does not satisfy the PIL's lookups/permutations: ${what} (pil-stark: ${msg}); the PIL checker names the row`, { cause: e });
}

export async function prove(pil: PilJson, constPols: PolsArray, cmPols: PolsArray, opts: ProveOptions = {}): Promise<ProofFile> {
  const security = opts.security ?? 'standard';
  const nBits = checkPols(pil, cmPols, 'committed');
  if (pil.nConstants > 0 && checkPols(pil, constPols, 'constant') !== nBits) {
    throw new Error(`the constant polynomials have ${constPols.$$n} rows, the committed ones ${cmPols.$$n}: every namespace needs the same N`);
  }
  checkL1(pil);
  checkPublicsBound(pil);
  const struct = starkStructFor(nBits, security);
  const log = opts.log ?? (() => undefined);
  log(`proving 2^${nBits} rows, ${pil.nCommitments} committed + ${pil.nConstants} constant columns, `
    + `'${security}' profile (${struct.nQueries} queries, FRI steps ${struct.steps.map((s) => s.nBits).join('→')})`);

  const { constRoot, starkInfo, proof, publics } = await exclusive(async () => {
    let t = performance.now();
    // starkSetup adds fields to the pil it is given: keep the caller's intact.
    let setup = opts.setupSlot?.setup;
    if (setup === undefined) {
      setup = await pilStark().starkSetup(constPols, structuredClone(pil), struct);
      if (opts.setupSlot) opts.setupSlot.setup = setup;
      log(`setup ${seconds(performance.now() - t)} s`);
    } else {
      log('setup: the previous segment\'s');
    }
    t = performance.now();
    let gen;
    try {
      gen = await pilStark().starkGen(cmPols, constPols, setup.constTree, setup.starkInfo);
    } catch (e) {
      throw explainGenError(e);
    }
    log(`prove ${seconds(performance.now() - t)} s`);
    return { constRoot: setup.constRoot, starkInfo: setup.starkInfo, ...gen };
  }, opts.libLog);

  const file: ProofFile = {
    format: PROOF_FORMAT,
    version: PROOF_VERSION,
    security,
    nBits,
    constRoot,
    publics,
    starkInfo,
    proof,
  };
  // our own setup made constRoot and starkInfo, so the file's own key is the right one here
  const check = await verifyProofFile(parseProof(serializeProof(file), '(new proof)'), keyOfOwnProof(file), { log, libLog: opts.libLog, allowInsecure: true });
  if (!check.ok) {
    throw new Error(`the new proof does not verify (${check.reason ?? 'no reason given'}): the trace breaks a polynomial identity `
      + `of the PIL, which starkGen does not check; the PIL checker names the identity and row`);
  }
  return file;
}
