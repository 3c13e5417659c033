// Tampered copies of a real proof file, and the verdict of a verifier holding the program's key.
//
// Every field of the file is changed, removed and (arrays) reordered, truncated or retyped: each
// top-level field, each key of starkInfo, each key of proof and the FRI levels under it two levels
// deep, each element of constRoot, publics and the commitment roots; unknown fields are added at
// the top level, in starkInfo, proof and a FRI level, and version 1's `meta`. A verifier with the
// key must answer INVALID or refuse the file (a format error), never VALID, never crash.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { romOfFile } from '../../src/compile.js';
import { checkProgram } from '../../src/pil/run.js';
import { programKey, proveProgram } from '../../src/pil/prove-program.js';
import { toPilcomPols } from '../../src/pil/check/index.js';
import { exclusive, pilStark } from '../../src/pil/stark/lib.js';
import {
  GOLDILOCKS_P, parseProof, PROOF_FORMAT, PROOF_VERSION, ProofFormatError, serializeProof, starkStructFor, verifyProofFile,
  type PilJson, type PolsArray, type ProofFile, type StarkKey,
} from '../../src/pil/stark/index.js';
import type { PilExpression } from '../../src/pil/stark/types.js';
import type { Rom } from '../../src/zkasm/rom.js';
import type { VerificationKey } from '../../src/pil/vkey.js';

/** A program with one output and no input: the smallest trace (2^8 rows) that has publics worth forging. */
export const OUT42_WAT = `(module
  (import "env" "output_i32" (func $out (param i32)))
  (func $main (export "main") (call $out (i32.const 42))))`;
export const COMPILE = { maxOutputs: 1 };
const quiet = () => undefined;

export interface Fixture {
  dir: string;
  rom: Rom;
  key: VerificationKey;
  /** The proof file's text, as `prove` writes it ('test' profile). */
  text: string;
}

/** One proof of out42.wat and its key, in-process; the files are in `dir` for CLI runs. */
export async function makeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'w2z-tamper-'));
  writeFileSync(join(dir, 'out42.wat'), OUT42_WAT);
  const { rom } = await romOfFile(join(dir, 'out42.wat'), COMPILE);
  const { file } = await proveProgram(rom, [], { security: 'test', log: quiet, name: 'out42.wat' });
  const key = await programKey(rom, { nBits: file.nBits, security: 'test', name: 'out42.wat' });
  return { dir, rom, key, text: serializeProof(file) };
}

export type Verdict = 'valid' | 'invalid' | 'error';

/** What a verifier holding `key` says about a file's text (exceptions other than format errors propagate). */
export async function verdict(text: string, key: StarkKey, allowInsecure = true): Promise<{ verdict: Verdict; why: string }> {
  let file: ProofFile;
  try {
    file = parseProof(text, 'tampered.json');
  } catch (e) {
    if (e instanceof ProofFormatError) return { verdict: 'error', why: e.message };
    throw e;
  }
  const r = await verifyProofFile(file, key, { allowInsecure });
  return r.ok ? { verdict: 'valid', why: '' } : { verdict: 'invalid', why: r.reason ?? '' };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];
type Op = 'change' | 'remove' | 'reorder' | 'truncate' | 'retype' | 'add';

export interface Variant { name: string; op: Op; path: Path; text: string }

const DECIMAL = /^\d+$/;

/** A different value of the same kind (a leaf is bumped; a container gets its first leaf changed). */
function changed(v: Json): Json {
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (v === null) return 0;
  if (typeof v === 'string') {
    if (DECIMAL.test(v)) return ((BigInt(v) + 1n) % GOLDILOCKS_P).toString();
    if (v === 'test') return 'standard';
    if (v === 'standard') return 'test';
    return `${v}x`;
  }
  if (Array.isArray(v)) return v.length === 0 ? ['1'] : [changed(v[0]!), ...v.slice(1)];
  const keys = Object.keys(v);
  if (keys.length === 0) return { x: 1 };
  return { ...v, [keys[0]!]: changed(v[keys[0]!]!) };
}

/** The same elements in another order, or undefined when no order differs (all equal). */
function reordered(a: Json[]): Json[] | undefined {
  const same = (x: Json, y: Json) => JSON.stringify(x) === JSON.stringify(y);
  const reversed = [...a].reverse();
  if (reversed.some((x, i) => !same(x, a[i]!))) return reversed;
  const j = a.findIndex((x) => !same(x, a[0]!));
  if (j < 0) return undefined;
  const out = [...a];
  [out[0], out[j]] = [out[j]!, out[0]!];
  return out;
}

function retyped(v: Json): Json | undefined {
  if (typeof v === 'string') return DECIMAL.test(v) ? Number(v) : null;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function at(root: Json, path: Path): Json {
  let v = root;
  for (const k of path) v = (v as Record<string | number, Json>)[k]!;
  return v;
}

/** The variants of one field: change, remove, and for arrays reorder and truncate; retype a leaf. */
function* fieldVariants(text: string, path: Path): Generator<Variant> {
  const original = at(JSON.parse(text) as Json, path);
  const edit = (op: Op, f: (parent: Record<string | number, Json> | Json[], key: string | number, v: Json) => boolean): Variant | undefined => {
    const root = JSON.parse(text) as Json;
    const parent = at(root, path.slice(0, -1)) as Record<string | number, Json> | Json[];
    const key = path.at(-1)!;
    if (!f(parent, key, (parent as Record<string | number, Json>)[key]!)) return undefined;
    return { name: `${op} ${pathName(path)}`, op, path, text: JSON.stringify(root) };
  };
  const set = (v: Json | undefined) => (p: Record<string | number, Json> | Json[], k: string | number) => {
    if (v === undefined) return false;
    (p as Record<string | number, Json>)[k] = v;
    return true;
  };
  const out = [
    edit('change', set(changed(original))),
    edit('remove', (p, k) => {
      if (Array.isArray(p)) p.splice(k as number, 1);
      else delete p[k];
      return true;
    }),
    Array.isArray(original) ? edit('reorder', set(reordered(original))) : undefined,
    Array.isArray(original) && original.length >= 2 ? edit('truncate', set(original.slice(0, -1))) : undefined,
    edit('retype', set(retyped(original))),
  ];
  for (const v of out) if (v) yield v;
}

const pathName = (path: Path): string => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

/** First, middle and last index: enough to reach every part of a long array. */
const someIndices = (n: number): number[] => [...new Set([0, n >> 1, n - 1])].filter((i) => i >= 0 && i < n);

/** The fields of a proof file to tamper with, in a fixed order. */
export function tamperPaths(text: string): Path[] {
  const o = JSON.parse(text) as Record<string, Json> & { starkInfo: Record<string, Json>; proof: Record<string, Json[]> };
  const paths: Path[] = Object.keys(o).map((k) => [k]);
  for (const i of (o.constRoot as Json[]).keys()) paths.push(['constRoot', i]);
  for (const i of (o.publics as Json[]).keys()) paths.push(['publics', i]);
  for (const k of Object.keys(o.starkInfo)) paths.push(['starkInfo', k]);
  for (const k of Object.keys(o.proof)) paths.push(['proof', k]);
  for (const r of ['root1', 'root2', 'root3', 'root4']) for (const i of o.proof[r]!.keys()) paths.push(['proof', r, i]);
  for (const i of someIndices(o.proof.evals!.length)) paths.push(['proof', 'evals', i]);
  const fri = o.proof.fri!;
  fri.forEach((level, i) => {
    paths.push(['proof', 'fri', i]);
    if (Array.isArray(level)) { // the last polynomial
      for (const j of someIndices(level.length)) paths.push(['proof', 'fri', i, j]);
      return;
    }
    for (const [k, v] of Object.entries(level as Record<string, Json[]>)) {
      paths.push(['proof', 'fri', i, k]);
      for (const j of someIndices(v.length)) paths.push(['proof', 'fri', i, k, j]);
    }
  });
  return paths;
}

/** Fields the file must not have: unknown ones, and version 1's unauthenticated `meta`. */
function* additions(text: string): Generator<Variant> {
  const add = (name: string, f: (o: Record<string, Record<string, unknown> & { fri: Record<string, unknown>[] }>) => void): Variant => {
    const o = JSON.parse(text) as Record<string, Record<string, unknown> & { fri: Record<string, unknown>[] }>;
    f(o);
    return { name: `add ${name}`, op: 'add', path: [name], text: JSON.stringify(o) };
  };
  yield add('extra', (o) => { (o as Record<string, unknown>).extra = 1; });
  yield add('meta', (o) => { (o as Record<string, unknown>).meta = { program: { name: 'other.wat' }, publicNames: ['outCount', 'status', 'out0_lo', 'out0_hi'] }; });
  yield add('starkInfo.extra', (o) => { o.starkInfo!.extra = 1; });
  yield add('proof.extra', (o) => { o.proof!.extra = ['1']; });
  yield add('proof.fri[0].extra', (o) => { o.proof!.fri[0]!.extra = ['1']; });
}

export function proofVariants(text: string): Variant[] {
  return [...tamperPaths(text).flatMap((p) => [...fieldVariants(text, p)]), ...additions(text)];
}

/**
 * The review's forgery: a proof of a weakened copy of the program's PIL (every constraint that
 * reads a public dropped) over the program's own constant polynomials, so its constRoot is the
 * real one, claiming `out0 = claimed`. It verifies against its own starkInfo.
 */
export async function weakPilForgery(rom: Rom, claimed: bigint): Promise<ProofFile> {
  const c = await checkProgram(rom, []);
  const { cm, cst } = toPilcomPols(c.pilJson, c.trace);
  const weak = structuredClone(c.pilJson) as unknown as PilJson;
  const readsPublic = (e: PilExpression): boolean =>
    e.op === 'public' || (e.op === 'exp' && readsPublic(weak.expressions[e.id!]!)) || (e.values ?? []).some(readsPublic);
  // pil-stark needs one constraint at least: keep one that no public is in
  weak.polIdentities = weak.polIdentities.filter((id) => !readsPublic(weak.expressions[id.e]!)).slice(0, 1);
  weak.plookupIdentities = [];
  weak.permutationIdentities = [];
  weak.connectionIdentities = [];
  const out = weak.publics.find((p) => p.name === 'out0_lo')!;
  (cm as unknown as PolsArray).$$array[out.polId]![out.idx] = claimed;
  const nBits = c.pil.model.nBits;
  const { setup, gen } = await exclusive(async () => {
    const setup = await pilStark().starkSetup(cst as unknown as PolsArray, weak, starkStructFor(nBits, 'test'));
    const gen = await pilStark().starkGen(cm as unknown as PolsArray, cst as unknown as PolsArray, setup.constTree, setup.starkInfo);
    return { setup, gen };
  });
  return {
    format: PROOF_FORMAT, version: PROOF_VERSION, security: 'test', nBits,
    constRoot: setup.constRoot, publics: gen.publics, starkInfo: setup.starkInfo, proof: gen.proof,
  };
}
