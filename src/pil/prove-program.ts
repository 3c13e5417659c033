// Proofs of program runs: check the trace first (pil-stark misses broken identities until the
// end), prove with pil-stark, and verify a proof — optionally against a program, by rebuilding
// its constant polynomials (the ROM among them) and comparing the constRoot and the PIL.

import { createHash } from 'node:crypto';
import type { Rom } from '../zkasm/rom.js';
import { checkProgram, type CheckedProgram } from './run.js';
import { pilModel } from './model.js';
import { generatePil } from './generate.js';
import { constantColumns } from './constants.js';
import { compilePil } from './pilcom.js';
import { orderColumns } from './columns.js';
import { toPilcomPols } from './check/index.js';
import {
  prove, verifyProofFile, starkStructFor, starkInfoHash, type ProofFile, type SecurityProfile, type VerifyResult,
} from './stark/index.js';
import { exclusive, pilStark } from './stark/lib.js';
import type { PilJson as StarkPilJson, PolsArray } from './stark/types.js';
import { constraintFailed } from '../diagnostics.js';

const ZERO_COUNTERS = { steps: 0, binary: 0, arith: 0, memAlign: 0, keccakF: 0, mem: 0 };

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

export interface ProveProgramOptions {
  security: SecurityProfile;
  log: (msg: string) => void;
  name: string;
}

export async function proveProgram(rom: Rom, inputs: bigint[], o: ProveProgramOptions): Promise<{ file: ProofFile; checked: CheckedProgram }> {
  const t0 = performance.now();
  const checked = await checkProgram(rom, inputs);
  const m = checked.pil.model;
  o.log(`checked 2^${m.nBits} rows against the PIL in ${((performance.now() - t0) / 1000).toFixed(2)} s (${m.nReason})`);
  if (!checked.result.ok) throw constraintFailed(o.name, 'the trace does not satisfy the PIL', checked.failures[0]);
  const { cm, cst } = toPilcomPols(checked.pilJson, checked.trace);
  const file = await prove(checked.pilJson as unknown as StarkPilJson, cst as unknown as PolsArray, cm as unknown as PolsArray, {
    security: o.security, log: o.log,
    meta: { program: { name: o.name, romHash: romHash(rom) }, publicNames: m.publics.map((p) => p.name) },
  });
  return { file, checked };
}

/** The constRoot and starkInfo hash a proof of `rom` with 2^nBits rows must carry. */
export async function programCommitment(rom: Rom, nBits: number, security: SecurityProfile): Promise<{ constRoot: bigint[]; starkInfoHash: string }> {
  const model = pilModel(rom, ZERO_COUNTERS, 2 ** nBits);
  const pilJson = await compilePil(generatePil(model));
  const constants = constantColumns(model);
  const o = orderColumns(pilJson, null, constants);
  const { cst } = toPilcomPols(pilJson, { N: model.N, cm: [], cst: o.cst });
  const setup = await exclusive(() => pilStark().starkSetup(cst as unknown as PolsArray, structuredClone(pilJson) as unknown as StarkPilJson, starkStructFor(nBits, security)));
  return { constRoot: setup.constRoot, starkInfoHash: starkInfoHash(setup.starkInfo) };
}

export async function verifyProof(file: ProofFile, log: (msg: string) => void, program?: Rom): Promise<VerifyResult & { programMatches?: boolean }> {
  if (!program) return verifyProofFile(file, { log });
  let c;
  try {
    c = await programCommitment(program, file.nBits, file.security);
  } catch (e) {
    // the program does not even fit the proof's 2^nBits rows: not a proof of it
    const r = await verifyProofFile(file, { log });
    return { ...r, ok: false, programMatches: false, reason: `not a proof of this program (${(e as Error).message})` };
  }
  const r = await verifyProofFile(file, { log, expectedConstRoot: c.constRoot, expectedStarkInfoHash: c.starkInfoHash });
  return { ...r, programMatches: r.ok };
}
